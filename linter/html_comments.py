"""HTML comments found the way the HTML tokenizer finds them (the spec's comment states).

One function for the linter (what it treats as commented out: PM801, PM809, empty sections)
and the site's sanitizer (which removes exactly these spans before it parses the page), so a
tag the linter skipped as "inside a comment" can never be live on a published page.

The tokenizer's rules, after ``<!--``:

- ``<!-->`` and ``<!--->`` are complete (empty) comments: what follows is live markup.
- Otherwise the comment ends at the first ``-->`` or ``--!>``. A ``<!--`` inside a comment
  opens nothing (comments do not nest), so ``<!-- <!-- -->`` ends at its only ``-->``.
- A comment never closed runs to the end of the input.

Outside tags this is exact. A ``<!--`` inside a tag (an attribute value) is text to a browser
but starts a comment here: both the linter and the sanitizer then drop that span, which errs
towards showing less, never towards hiding a live tag from the linter.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

OPENER = "<!--"


class Comment(NamedTuple):
    start: int  # index of '<!--'
    end: int  # index just after the comment ('>' included), len(text) when never closed
    closed: bool
    early_end: bool  # ended by '<!-->', '<!--->' or '--!>', which most readers do not expect


def comment_at(text: str, start: int) -> Comment:
    """The comment whose ``<!--`` is at ``start``."""
    body = start + len(OPENER)
    if text.startswith(">", body):
        return Comment(start, body + 1, True, True)
    if text.startswith("->", body):
        return Comment(start, body + 2, True, True)
    plain = text.find("-->", body)
    bang = text.find("--!>", body)
    if bang >= 0 and (plain < 0 or bang < plain):
        return Comment(start, bang + 4, True, True)
    if plain >= 0:
        return Comment(start, plain + 3, True, False)
    return Comment(start, len(text), False, False)


def comment_text(text: str, comment: Comment) -> str:
    """What a comment holds, between ``<!--`` and the ``-->`` or ``--!>`` that ends it."""
    inner = text[comment.start + len(OPENER):comment.end]
    if not comment.closed:
        return inner
    for terminator in ("--!>", "-->", "->", ">"):  # '->' and '>': '<!--->' and '<!-->'
        if inner.endswith(terminator):
            return inner[:-len(terminator)]
    return inner


def comments(text: str) -> Iterator[Comment]:
    """Every comment in ``text``, in order (a ``<!--`` inside a comment opens none)."""
    position = text.find(OPENER)
    while position >= 0:
        comment = comment_at(text, position)
        yield comment
        position = text.find(OPENER, comment.end)


def without_comments(text: str, keep_lines: bool = False) -> str:
    """``text`` with every comment removed; ``keep_lines`` leaves each comment's line breaks
    in its place, so line numbers of what follows stay right."""
    if OPENER not in text:
        return text
    kept: list[str] = []
    position = 0
    for comment in comments(text):
        kept.append(text[position:comment.start])
        if keep_lines:
            kept.append("\n" * text.count("\n", comment.start, comment.end))
        position = comment.end
    kept.append(text[position:])
    return "".join(kept)


def only_comments(text: str) -> bool:
    """True when ``text`` is nothing but whitespace and comments (an author's hint)."""
    return not without_comments(text).strip()
