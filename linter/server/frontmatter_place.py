"""Where the cursor is in the frontmatter, read from the raw lines (while typing, the YAML is
often invalid): which key's value, or a key, is being written. Completion and go-to-definition
both ask this."""

from __future__ import annotations

import re
from typing import NamedTuple

from linter.frontmatter import split_frontmatter

_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(.*)\Z")
_LIST_ITEM = re.compile(r"(\s*)-\s*(.*)\Z")
_NESTED_KEY = re.compile(r"(\s+)([\w-]*)\Z")
_PARTIAL = re.compile(r"[^\s\[\],'\"]*\Z")  # the value being typed: after a bracket, comma, quote or space


class Place(NamedTuple):
    key: str | None  # the top-level key whose value (or list item) is at the cursor; None: a key is being typed
    parent: str | None  # for a nested key (under impact:), its mapping's key
    partial: str  # what is typed so far of the word at the cursor
    start: int  # 0-based character where ``partial`` starts


def in_frontmatter(lines: list[str], line: int) -> bool:
    """Whether 0-based ``line`` is inside the frontmatter (an unclosed block runs to the end)."""
    block = split_frontmatter(lines)
    if block is None:
        return False
    close = block[1] if block[1] != -1 else len(lines)
    return block[0] < line < close


def place(lines: list[str], line: int, character: int) -> Place | None:
    """What is at 0-based (line, character index), when it is inside the frontmatter."""
    if not in_frontmatter(lines, line):
        return None
    before = lines[line][:character]
    if re.fullmatch(r"[A-Za-z_][\w-]*|", before):
        return Place(None, None, before, 0)
    partial = _PARTIAL.search(before).group(0)
    start = character - len(partial)
    top = _TOP_KEY.match(before)
    if top:
        return Place(top.group(1), None, partial, start)
    owner = _owner(lines, line)
    if _LIST_ITEM.match(before):
        return Place(owner, None, partial, start) if owner else None
    nested = _NESTED_KEY.match(before)
    if nested and owner:
        return Place(None, owner, nested.group(2), character - len(nested.group(2)))
    return None


def _owner(lines: list[str], line: int) -> str | None:
    """The top-level key an indented line or list item belongs to: the nearest one above."""
    for index in range(line - 1, 0, -1):
        found = _TOP_KEY.match(lines[index])
        if found:
            return found.group(1)
        if lines[index].strip() and not lines[index][:1].isspace() and not lines[index].startswith("-"):
            return None
    return None


def word_at(text: str, character: int, pattern: str) -> tuple[str, int] | None:
    """The match of ``pattern`` in ``text`` that the character index touches: (text, start)."""
    for found in re.finditer(pattern, text):
        if found.start() <= character <= found.end():
            return found.group(0), found.start()
    return None
