"""File names and ids of imported postmortems: ``YYYY-MM-DD-slug.md``, ``PM-YYYY-NNN``."""

from __future__ import annotations

import re
from typing import Iterable

from linter import formatspec
from linter.scaffold import slugify

_ID = re.compile(formatspec.ID_PATTERN)


UNDATED = "undated"


def file_name(date: str | None, title: str) -> str:
    """``YYYY-MM-DD-slug.md``; ``undated-slug.md`` when no date could be found (for the author to fix)."""
    return f"{date or UNDATED}-{slugify(title)}.md"


def next_free_id(year: int, taken: Iterable[str]) -> str:
    """One above the highest id of that year among ``taken`` (the corpus and this run)."""
    highest = 0
    for identifier in taken:
        if isinstance(identifier, str) and _ID.match(identifier) and identifier[3:7] == f"{year:04d}":
            highest = max(highest, int(identifier[8:]))
    return f"PM-{year:04d}-{highest + 1:03d}"
