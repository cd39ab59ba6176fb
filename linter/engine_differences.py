"""Headings and tables the two Markdown engines read apart, and what is done about each.

markdown-it (the linter) follows CommonMark and GFM; Python-Markdown (the site) is stricter:

- an ATX heading indented by one to three spaces (`` ## Impact``) is a heading to markdown-it
  and a paragraph reading "## Impact" on the site;
- a line of a paragraph that starts with ``#`` and no space (``#inc-checkout``) is text to
  markdown-it and a heading to the site;
- a table right after a line of text, with no blank line between, is a table to markdown-it
  and a paragraph of pipes on the site;
- a heading or a table in a list item or a block quote follows each engine's own rules of
  indentation and interruption, which differ more than a line edit can mend.

At the top level of the document the site is made to render what the linter read: the
heading's indentation is removed, the ``#`` is escaped, a blank line is put before the table (``site_edits``, which
``site_config.corpus.body_markdown`` applies). Inside lists and quotes the linter reports the
construct instead (PM807), so the author can write it the one way both engines read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from linter.markdown_limits import INDENT_WIDTH, indent_width


# A paragraph line whose text starts with '#' (after quote markers, indentation or a list
# marker): text to markdown-it when no space follows ("#4521", "#inc-checkout"), a heading to
# Python-Markdown, which needs no space. The site is given it escaped ("\#4521").
_HASH_START = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?#")


@dataclass(frozen=True)
class Ambiguity:
    """A construct the site does not render the way the linter read it."""

    line: int  # 1-based file line
    column: int
    message: str


def differences(tokens: list[Token], lines: list[str], original: list[str]) -> tuple[dict[int, str], list[Ambiguity]]:
    """``(site edits, ambiguities)``: the line replacements (0-based line -> text, which may
    start with a blank line) that make the site read the top level as the linter did, and what
    cannot be mended so. ``lines`` are what the tokens were parsed from, ``original`` the
    file's lines: a line that differs (admonition content, dedented) is never edited."""
    edits: dict[int, str] = {}
    found: list[Ambiguity] = []
    lists = quotes = 0
    previous: Token | None = None
    hashes: list[int] = []  # paragraph lines, where a '#' may start a heading for the site
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "heading_open" and token.map:
            _heading(token, lines, lists, quotes, edits, found)
        elif kind == "table_open" and token.map:
            _table(token, previous, lines, lists, quotes, edits, found)
        elif kind == "paragraph_open" and token.map:
            hashes.extend(range(token.map[0], token.map[1]))
        if token.block and kind != "inline":
            previous = token
    edits = {index: text for index, text in edits.items() if index < len(original) and original[index] == lines[index]}
    for index in hashes:
        match = _HASH_START.match(original[index]) if index < len(original) else None
        if match and index not in edits:
            position = match.end() - 1
            edits[index] = original[index][:position] + "\\" + original[index][position:]
    return edits, found


def _heading(token: Token, lines: list[str], lists: int, quotes: int, edits: dict[int, str],
             found: list[Ambiguity]) -> None:
    first = token.map[0]
    text = lines[first]
    if token.markup.startswith("#"):
        if not lists and not quotes:
            if text[:1] == " ":
                edits[first] = text.lstrip(" ")
            return
        if quotes and not lists:
            rest = text.lstrip(" ")
            while rest.startswith(">"):
                rest = rest[1:].removeprefix(" ")
            if rest.startswith("#"):
                return
        elif lists and not quotes and indent_width(text) == INDENT_WIDTH * lists:
            return  # indented like the site's list content: a heading in the item to both
        found.append(Ambiguity(first + 1, len(text) - len(text.lstrip()) + 1,
                               "a heading inside a list item or a quote is plain text on the site unless it is "
                               f"indented {INDENT_WIDTH} spaces per list level; move it out of the list, or indent it so"))
        return
    # A setext heading (text underlined with === or ---): the site takes only the last line of
    # text above the underline, and no indented underline.
    underline = token.map[1] - 1
    if lists or quotes or underline - first > 1 or lines[underline][:1] in (" ", "\t") or text[:1] in (" ", "\t"):
        found.append(Ambiguity(first + 1, 1, "the site does not read this underlined (setext) heading as the linter does "
                                             "(text over several lines, indented, or inside a list or quote); "
                                             "write it as a '## ' heading"))


def _table(token: Token, previous: Token | None, lines: list[str], lists: int, quotes: int,
           edits: dict[int, str], found: list[Ambiguity]) -> None:
    first = token.map[0]
    if first == 0 or not lines[first - 1].replace(">", "").strip() or (previous is not None and previous.type != "paragraph_close"):
        return
    if not lists and not quotes:
        edits[first] = "\n" + lines[first]  # the site needs the blank line the linter did not
        return
    found.append(Ambiguity(first + 1, len(lines[first]) - len(lines[first].lstrip(" >")) + 1, "a table right after a line of text inside a list item or a quote is plain text "
                                         "on the site; put a blank line before the table"))
