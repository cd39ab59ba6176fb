"""Shared by the safety rules (PM8xx): walk inline tokens child by child, with file lines.

markdown-it's inline children carry no line map; the line of a child is its parent's first
line plus the line breaks before it. Code spans are children of their own type, so a rule
that looks only at ``text`` and ``html_inline`` children never matches inside code.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from markdown_it.token import Token


class Child(NamedTuple):  # a tuple, not a frozen dataclass: a file has hundreds, and tuples are cheaper to build
    token: Token  # the child: text, html_inline, link_open, image, code_inline, ...
    line: int  # 1-based file line where it starts
    parent: Token  # the inline token it belongs to


def inline_children(document) -> list[Child]:
    """Every child of every inline token in the body, with its file line (walked once per document)."""
    return document.memo("inline_children", _inline_children)


def _inline_children(document) -> list[Child]:
    children: list[Child] = []
    append = children.append  # a list built in place: a file has hundreds of children
    body_start = document.body_start_line
    for parent in document.all_inline_tokens():
        line = parent.map[0] + 1 if parent.map else body_start
        for child in parent.children or ():
            append(Child(child, line, parent))
            kind = child.type
            if kind == "softbreak" or kind == "hardbreak":
                line += 1
            elif (kind == "html_inline" or kind == "code_inline") and child.content:
                line += child.content.count("\n")
    return children


def text_runs(document) -> list[tuple[Token, int, str]]:
    """``(inline token, line, text)`` for each run of plain text: adjacent text children (what
    the parser did not read as code, HTML, a link or emphasis; entities decoded) joined across
    line breaks with a newline. ``line`` is the run's first line; add the newlines before a match.
    Three rules read them: they are collected once per document."""
    return document.memo("text_runs", lambda document: list(_text_runs(document)))


def _text_runs(document) -> Iterator[tuple[Token, int, str]]:
    for parent in document.all_inline_tokens():
        yield from parent_text_runs(parent, parent.map[0] + 1 if parent.map else document.body_start_line)


def parent_text_runs(parent: Token, line: int) -> Iterator[tuple[Token, int, str]]:
    """The text runs of one inline token that starts on ``line``."""
    start, parts = line, []
    for child in parent.children or ():
        if child.type == "text":
            if not parts:
                start = line
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            line += 1
            if parts:
                parts.append("\n")
        else:
            if parts:
                yield parent, start, "".join(parts)
                parts = []
            if child.content and child.type in ("html_inline", "code_inline"):
                line += child.content.count("\n")
    if parts:
        yield parent, start, "".join(parts)


def without_line_breaks(text: str) -> tuple[str, list[int]]:
    """``text`` without tabs and line breaks (browsers delete them anywhere in a URL), and the
    positions where line breaks were: a match at index i is on line ``bisect_right(breaks, i)``."""
    kept: list[str] = []
    breaks: list[int] = []
    for char in text:
        if char == "\n":
            breaks.append(len(kept))
        elif char not in "\t\r":
            kept.append(char)
    return "".join(kept), breaks


def literally_in_source(parent: Token, snippet: str) -> bool:
    """True when ``snippet`` is written as such in the source, not only produced by decoding an
    entity (``&lt;b&gt;`` is text to both Markdown engines; ``<b>`` is not)."""
    return snippet in parent.content
