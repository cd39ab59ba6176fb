"""Which of a foreign document's headings are sections of the format, through
``formatspec.canonical_section`` (the one place aliases live).

Headings are never renamed: an alias the format accepts (``## Root Causes``, ``## Corrective
actions``) is already a section to the linter and the site, so the author's words stay; the
report lists the ones that map and the ones that do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from linter.formatspec import canonical_section
from linter.importer.infer import body_lines
from linter.importer.sources import ForeignSource

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Heading:
    line: int  # input line
    level: int
    text: str
    canonical: str | None


def headings(source: ForeignSource) -> list[Heading]:
    found = []
    for line, text in body_lines(source):
        match = _HEADING.match(text)
        if match:
            title = match["text"].strip()
            found.append(Heading(line, len(match["hashes"]), title, canonical_section(title)))
    return found


def section_finder(found: list[Heading]) -> Callable[[int], str | None]:
    """``line -> section it is in`` (the nearest heading of level 2 or 3 above): the format's
    name, else the heading as written (a "Detection" section is not one of the format's, but
    says how the incident was found)."""
    marks = [(heading.line, heading.canonical or heading.text) for heading in found if heading.level in (2, 3)]

    def section_of_line(line: int) -> str | None:
        current = None
        for start, canonical in marks:
            if start > line:
                break
            current = canonical
        return current

    return section_of_line
