"""Admonitions and collapsible blocks as the site reads them: their indented content is Markdown.

The site enables ``admonition`` (``!!! note "Title"``) and ``pymdownx.details``
(``??? note``, ``???+ note``): the lines indented four spaces under the marker are the block's
content, Markdown like any other. markdown-it knows neither: after a blank line it reads
those lines as an indented code block, and the rules skip code — so a ``<script>`` or a
``javascript:`` link in an admonition passed the gate and reached the page.

``dedented_body`` gives markdown-it the site's reading: every content line loses four columns
of indentation per open block (nested blocks included), exactly as Python-Markdown strips
them, and keeps its line number. The marker line itself stays a paragraph of text.
"""

from __future__ import annotations

import re

from linter.markdown_limits import INDENT_WIDTH, indent_width

# Python-Markdown's admonition marker and pymdownx.details' (loosely: a type word must follow).
_MARKER = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w\"-]")
_MAYBE_MARKER = re.compile(r"!!!|\?\?\?")


def _dedent(line: str, columns: int) -> str:
    """``line`` without ``columns`` columns of leading whitespace (a tab stops at the next multiple of four)."""
    consumed = 0
    for index, char in enumerate(line):
        if consumed >= columns or char not in " \t":
            return " " * (consumed - columns) + line[index:]
        consumed += INDENT_WIDTH - consumed % INDENT_WIDTH if char == "\t" else 1
    return ""


def dedented_body(body: str, code_lines: set[int]) -> str | None:
    """``body`` with admonition content dedented as the site reads it, or None when it holds no
    admonition. ``code_lines`` (0-based) are fenced code to both engines: no marker there."""
    if not _MAYBE_MARKER.search(body):
        return None
    lines = body.split("\n")
    open_blocks: list[int] = []  # marker indentation (columns) of each open block
    changed = False
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        width = indent_width(line)
        while open_blocks and width < open_blocks[-1] + INDENT_WIDTH:
            open_blocks.pop()
        if open_blocks:
            lines[index] = _dedent(line, INDENT_WIDTH * len(open_blocks))
            changed = True
        if index not in code_lines and _MARKER.match(line):
            open_blocks.append(width)
    return "\n".join(lines) if changed else None
