"""Edits of the frontmatter that touch one value or add one key, and nothing else: the other
keys' quoting, comments and order stay as written (a YAML dump would rewrite them all)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.fixes import Edit, insert_before_line, replace_span

if TYPE_CHECKING:
    from linter.document import Document

_SIMPLE_KEY = re.compile(r"([ \t]*)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def scalar_edit(document: "Document", path: tuple, value: str, new: str) -> Edit | None:
    """Replace the string scalar at ``path`` (``value`` as loaded) by ``new``, in the quoting
    it was written in: only when the written scalar is exactly the value (no escapes, one line)."""
    frontmatter = document.frontmatter
    if frontmatter is None or path not in frontmatter.value_locations:
        return None
    line, column = frontmatter.value_locations[path]
    rest = document.line_text(line)[column - 1:]
    for quote in ('"', "'", ""):
        written = f"{quote}{value}{quote}"
        if rest.startswith(written) and (quote or _plain_ends(rest, len(written))):
            if quote == '"' and "\\" in value or quote == "'" and "'" in value:
                return None
            return replace_span(line, column, len(written), f"{quote}{new}{quote}")
    return None


def _plain_ends(rest: str, length: int) -> bool:
    """A plain scalar ends there: at the end of the line, or before a comment."""
    tail = rest[length:]
    return not tail.strip() or tail.lstrip().startswith("#") and tail[:1] in " \t"


def key_insertion(document: "Document", key: str, value_text: str, after: tuple[str, ...] = (),
                  before: tuple[str, ...] = ()) -> Edit | None:
    """Add ``key: value_text`` at the top level: after the last of ``after`` that is present,
    else before the first of ``before``, else at the end of the frontmatter. None when the
    frontmatter's layout is not plain ``key: value`` lines there."""
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.data is None or frontmatter.end_line <= frontmatter.start_line:
        return None
    line = _after_value(document, next((k for k in reversed(after) if (k,) in frontmatter.key_locations), None))
    if line is None:
        anchor = next((k for k in before if (k,) in frontmatter.key_locations), None)
        line = frontmatter.key_locations[(anchor,)][0] if anchor else frontmatter.end_line
    if line is None:
        return None
    return insert_before_line(line, f"{key}: {value_text}\n")


def _after_value(document: "Document", key: str | None) -> int | None:
    """The line after a top-level key's value (its last line: a block value runs on while indented)."""
    if key is None:
        return None
    frontmatter = document.frontmatter
    start = frontmatter.key_locations[(key,)][0]
    line = start + 1
    while line < frontmatter.end_line:
        text = document.line_text(line)
        if text.strip() and not text[:1].isspace() and not text.startswith("#"):
            break
        line += 1
    return line


def child_insertion(document: "Document", parent: str, key: str, value_text: str) -> Edit | None:
    """Add ``key: value_text`` to the block mapping ``parent`` (after its last child, indented
    as its children are); None when ``parent`` is written another way (a flow mapping)."""
    frontmatter = document.frontmatter
    if frontmatter is None or (parent,) not in frontmatter.key_locations:
        return None
    children = [(location, path) for path, location in frontmatter.key_locations.items()
                if len(path) == 2 and path[0] == parent]
    parent_line = frontmatter.key_locations[(parent,)][0]
    if not children:
        return None
    indent = min(location[1] for location, _ in children) - 1
    if any(location[0] == parent_line for location, _ in children):
        return None  # impact: {users_affected: 10}
    end = _after_value(document, parent)
    # Back up over blank and comment lines that close the block: the key goes after its last child.
    while end - 1 > parent_line and (not document.line_text(end - 1).strip() or document.line_text(end - 1).lstrip().startswith("#")):
        end -= 1
    if not _SIMPLE_KEY.match(document.line_text(children[0][0][0])):
        return None
    return insert_before_line(end, f"{' ' * indent}{key}: {value_text}\n")
