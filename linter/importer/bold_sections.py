"""Sections written as bold list items (``- **Impact**: …``), rewritten as headings.

Some templates keep their sections as top-level list items with a bold lead and the content
nested under it (``- **Key events**`` and an indented list, ``- **Identified**: text``). Such a
document has no headings for its sections, so the linter and the site see none. When a document
has no heading that is a section of the format and at least one top-level bold lead that names
one (through ``formatspec.canonical_section``), each such item becomes a heading at the
document's section level with its content below: the text after the lead as a paragraph, the
nested block de-indented to top level. Every word stays as written, and every output line keeps
the input line it came from.

Bold leads that name no section (``Time to repair``, ``Status``) stay as written, under the
section they follow or in the leading block before the first one; one that follows the Timeline
is moved up to the leading block, because under the Timeline it would be read as an entry with
no time. An empty lead (``- **Context/Resolution**:`` over a paragraph) labels what follows it
and never moves. A bold lead nested inside another item's list is content, and stays where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.formatspec import canonical_section
from linter.importer.infer import body_lines
from linter.importer.sources import ForeignSource

# A top-level list item whose text starts with a bold lead: "- **Impact**: …", "* **Impact:** …".
_LEAD = re.compile(r"^ ?[-*+]\s+\*\*(?P<title>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<rest>.*?)\s*$")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])\s")
_NEW_BLOCK = re.compile(r"^(?:[-*+]\s|\d{1,9}[.)]\s|#|```|~~~|>|<)")


@dataclass(frozen=True)
class BoldItem:
    line: int  # input line of the item
    end: int  # input line of the last non-blank line of its block
    title: str  # the lead as written, without the bold and the colon
    rest: str  # the text after the lead on the item's line
    canonical: str | None  # the format's section it names, if any


@dataclass
class Rewrite:
    lines: list[tuple[str, int]]  # (output text, input line) of the whole body
    items: list[BoldItem]  # every top-level bold item found
    level: int  # the heading level the sections were written at
    moved: list[BoldItem]  # items naming no section moved up to the leading block


def bold_items(source: ForeignSource) -> list[BoldItem]:
    """The body's top-level list items with a bold lead, each with the lines of its block."""
    outside = {line for line, _ in body_lines(source)}
    last = source.body_start + len(source.body) - 1
    items = []
    for line in sorted(outside):
        match = _LEAD.match(source.lines[line - 1])
        if match and match["title"].strip():
            title = match["title"].strip()
            items.append(BoldItem(line, _block_end(source, line, last), title, match["rest"], canonical_section(title)))
    return items


def _block_end(source: ForeignSource, start: int, last: int) -> int:
    """The last line of the item at ``start``: indented lines, blank lines between them, and a
    lazy continuation (an unindented line right after a text line that starts nothing new)."""
    end = start
    previous_blank = False
    for line in range(start + 1, last + 1):
        text = source.lines[line - 1]
        if not text.strip():
            previous_blank = True
            continue
        if text[0] in " \t" or (not previous_blank and not _NEW_BLOCK.match(text)):
            end, previous_blank = line, False
            continue
        break
    return end


def rewrite(source: ForeignSource, headings: list) -> Rewrite | None:
    """The body with its bold-lead sections as headings; None when the document is not written
    that way (it has a heading that is a section, or no bold lead names one)."""
    if any(heading.canonical for heading in headings):
        return None
    items = bold_items(source)
    sections = [item for item in items if item.canonical]
    if not sections:
        return None
    first = sections[0].line
    above = [heading.level for heading in headings if heading.line < first]
    level = min(above[-1] + 1, 6) if above else 2
    moved = [item for item in items if _moves_up(item, sections)]
    skipped = {line for item in moved for line in range(item.line, item.end + 1)}
    by_line = {item.line: item for item in sections}
    out: list[tuple[str, int]] = []
    line = source.body_start
    last = source.body_start + len(source.body) - 1
    while line <= last:
        if line == first:
            for item in moved:
                _separate(out, item.line)
                out.extend((source.lines[index - 1], index) for index in range(item.line, item.end + 1))
        item = by_line.get(line)
        if item is not None:
            _section(out, source, item, level)
            line = item.end + 1
            continue
        if line not in skipped and not (out and not out[-1][0].strip() and not source.lines[line - 1].strip()
                                        and line - 1 in skipped):
            out.append((source.lines[line - 1], line))
        line += 1
    return Rewrite(out, items, level, moved)


def _moves_up(item: BoldItem, sections: list[BoldItem]) -> bool:
    """A lead naming no section, with content of its own, that would fall under the Timeline."""
    if item.canonical or not (item.rest or item.end > item.line):
        return False
    above = [section for section in sections if section.line < item.line]
    return bool(above) and above[-1].canonical == "Timeline"


def _separate(out: list[tuple[str, int]], origin: int) -> None:
    if out and out[-1][0].strip():
        out.append(("", origin))


def _section(out: list[tuple[str, int]], source: ForeignSource, item: BoldItem, level: int) -> None:
    """``item`` as a heading, the text after its lead as a paragraph, its block de-indented."""
    _separate(out, item.line)
    out.append((f"{'#' * level} {item.title}", item.line))
    if item.rest or item.end > item.line:  # else the blank line after the item follows as written
        out.append(("", item.line))
    if item.rest:
        out.append((item.rest, item.line))
    block = [(index, source.lines[index - 1]) for index in range(item.line + 1, item.end + 1)]
    indents = [len(text) - len(text.lstrip()) for _, text in block if text.strip()]
    cut = min(indents, default=0)
    for position, (index, text) in enumerate(block):
        text = text[cut:] if text.strip() else ""
        if position == 0 and item.rest and _LIST_MARKER.match(text):
            out.append(("", item.line))  # a list after the lead's text: its own block
        out.append((text, index))


def describe(result: Rewrite) -> list[str]:
    """What the rewrite did, for the import report."""
    hashes = "#" * result.level
    notes = [f"line {item.line}: the bold list item '{item.title}' written as '{hashes} {item.title}' "
             f"({item.canonical}), its content below it"
             for item in result.items if item.canonical]
    if result.moved:
        notes.append("bold list items naming no section moved, as written, above the first section: "
                     + "; ".join(f"'{item.title}' (line {item.line})" for item in result.moved))
    return notes
