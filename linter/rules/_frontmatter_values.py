"""Shared by rules that read frontmatter values wherever they stand (lists and mappings too)."""

from __future__ import annotations

from typing import Any, Iterator


def value_at(data: Any, path: tuple) -> Any:
    """The value at ``path`` (keys and list indexes) in loaded frontmatter, or None."""
    value = data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def string_values(frontmatter) -> Iterator[tuple[tuple, int, int, str]]:
    """``(path, line, column, text)`` for every string value, nested ones included."""
    if frontmatter is None or not frontmatter.data:
        return
    for path, (line, column) in frontmatter.value_locations.items():
        value = value_at(frontmatter.data, path)
        if isinstance(value, str):
            yield path, line, column, value
