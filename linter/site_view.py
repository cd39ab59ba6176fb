"""The document as the site will render it: where the two Markdown engines part, the site wins.

The linter parses with markdown-it-py (CommonMark); the site renders with Python-Markdown and
``pymdownx.superfences``. A rule that judges markdown-it's reading of a construct the site
reads differently judges a page nobody will see: an unclosed code fence is code to the end of
the file for markdown-it and plain Markdown for the site, so a ``<script>`` after it was never
checked. This module finds such constructs and gives the rules the site's reading instead:

- **code fences the site does not read as code** (``fence_problems``): never closed, closed
  by a fence of another length, a content line indented less than the fence, an info string
  superfences does not accept. The opening line is escaped and the body parsed again, until
  every remaining fence is one both engines read alike: the rules then see the text behind it
  as the site renders it (as prose, links and HTML). PM806 reports each such fence.
- **raw HTML blocks** (``linter.raw_blocks``): Python-Markdown passes everything from a
  block-level tag at the start of a line to its closing tag to the page as written, where
  markdown-it parses Markdown inside after a blank line (a code span is code to one and a live
  ``<img>`` to the other). The tokens of such a region are replaced by one ``html_block`` of
  its source, so the safety rules read all of it as HTML.

Only files that hold such a construct are parsed a second time (a few per thousand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown_it.token import Token

from linter.safe_text import safe_excerpt

# superfences (pymdownx 10+): the prefix a fenced block line may carry, and the info strings it
# reads as a plain fence. A language alone (``python``, ``.json``, ``c++``) is read alike by
# both engines; options and ``{attributes}`` are validated by superfences, and an info string
# it does not recognise makes the whole fence plain text on the site.
_PREFIX_CHARS = (" ", "\t", ">")
_PLAIN_INFO = re.compile(r"[ \t]*(?:\.?[\w#.+-]+)?[ \t]*\Z")
_TAB = 4
MAX_ROUNDS = 8  # a round escapes every fence the site reads as text; a fence behind one needs another


@dataclass(frozen=True)
class FenceProblem:
    """A code fence the site does not render as a code block: where, and why."""

    line: int  # the opening line (1-based file line)
    column: int
    reason: str


def _prefix(line: str) -> tuple[int, int]:
    """``(characters, columns)`` of the leading spaces, tabs and ``>`` (as superfences counts them)."""
    chars = columns = 0
    for char in line:
        if char not in _PREFIX_CHARS:
            break
        chars += 1
        columns += _TAB - columns % _TAB if char == "\t" else 1
    return chars, columns


def _strip_columns(line: str, columns: int) -> tuple[int, str]:
    """Consume up to ``columns`` columns of prefix characters: ``(columns consumed, rest)``."""
    consumed = 0
    for index, char in enumerate(line):
        if consumed >= columns or char not in _PREFIX_CHARS:
            return consumed, line[index:]
        consumed += _TAB - consumed % _TAB if char == "\t" else 1
    return consumed, ""


def fence_problem(lines: list[str], token: Token) -> FenceProblem | None:
    """Why superfences would not read markdown-it's fence ``token`` as the same code block."""
    first, end = token.map  # 0-based: the opening line, one past the last line
    opening = lines[first]
    chars, columns = _prefix(opening)
    markup = token.markup
    column = chars + 1
    info = opening[chars + len(markup):]
    if not opening[chars:].startswith(markup):  # a fence in a list item, after its marker: "- ```"
        return FenceProblem(first + 1, opening.find(markup) + 1,
                            "a code fence on the line of a list marker is plain text on the site; start it on a line of its own")
    if not _PLAIN_INFO.match(info):
        return FenceProblem(first + 1, column, f"the site's engine does not accept the info string "
                                               f"'{safe_excerpt(info.strip(), 40)}' and shows the whole block as text; "
                                               f"write only a language after the fence (```text)")
    last = end - 1
    closed = last > first and _is_closing(lines[last], columns, markup)
    for index in range(first + 1, last if closed else end):
        text = lines[index]
        if not text.strip(" \t>"):
            continue  # blank, or a blank line of a quote: superfences keeps it in the block
        consumed, _ = _strip_columns(text, columns)
        if consumed < columns:
            return FenceProblem(first + 1, column, f"line {index + 1} is indented less than the fence that opens the "
                                                   f"code block: the site's engine ends the block there and shows "
                                                   f"the rest as Markdown; indent every line like the fence")
    if not closed and last > first and _closes_in_commonmark(lines[last], markup):
        return FenceProblem(first + 1, column, f"this code fence is closed on line {last + 1} by a fence of another "
                                               f"length: the site's engine ends a block only at '{markup}' and shows "
                                               f"the rest as Markdown; close it with '{markup}'")
    if not closed:
        return FenceProblem(first + 1, column, f"this code fence is never closed with '{markup}': the linter reads "
                                               f"the rest of the file as code, the site as Markdown; close it")
    return None


def _closes_in_commonmark(line: str, markup: str) -> bool:
    """True when ``line`` is a closing fence to markdown-it (a run at least as long, then blanks)."""
    rest = line.lstrip(" \t>")
    run = len(rest) - len(rest.lstrip(markup[0]))
    return run >= len(markup) and not rest[run:].strip()


def _is_closing(line: str, columns: int, markup: str) -> bool:
    """True when superfences ends a block opened by ``markup`` here: the same prefix width, then
    exactly the same fence (markdown-it also accepts a longer one)."""
    consumed, rest = _strip_columns(line, columns)
    if consumed < columns or rest.startswith((" ", "\t")):
        return False
    return rest.rstrip(" \t") == markup


def fence_lines(tokens: list[Token]) -> set[int]:
    """The 0-based lines of every fenced code block."""
    return {line for token in tokens if token.type == "fence" and token.map for line in range(token.map[0], token.map[1])}


def escape_fence(line: str, markup: str) -> str:
    """The opening line with its fence escaped (``\\```python``): text to both engines."""
    index = max(line.find(markup), 0)
    return line[:index] + "\\" + line[index:]


def site_tokens(body: str, tokens: list[Token],
                parse: Callable[[str], list[Token]]) -> tuple[list[Token], list[FenceProblem]]:
    """markdown-it's tokens of ``body``, re-parsed until every code fence is one the site reads
    alike; and the fences that were not."""
    problems: list[FenceProblem] = []
    if "```" not in body and "~~~" not in body:
        return tokens, problems  # nearly every file
    body_lines = body.split("\n")
    closers: set[int] = set()
    for _ in range(MAX_ROUNDS):
        found = [(token, problem) for token in tokens if token.type == "fence" and token.map
                 for problem in [fence_problem(body_lines, token)] if problem is not None]
        if not found:
            break
        for token, problem in found:  # all of them at once: a round re-parses the whole body
            index = problem.line - 1
            if index not in closers:  # the closing line of a fence reported already: one finding is enough
                problems.append(problem)
            if token.map[1] - 1 > index:
                closers.add(token.map[1] - 1)
            body_lines[index] = escape_fence(body_lines[index], token.markup)
        tokens = parse("\n".join(body_lines))
    return tokens, problems
