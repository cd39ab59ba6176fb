"""Timeline entries, read the way teams write them, and the zone the timeline declares.

An entry is a top-level list item, a table row, a heading that opens with a time
(``### 10:34 — text``, ``### 2018-03-26 10:34`` followed by paragraphs) or a paragraph that
opens with one (``**10:34** text``). Date headings and date lines (``### 2023-07-20``,
``**Thursday, July 20**``) give the date of the bare times below them. The zone of bare times
comes from the timeline's declaration (heading, note line, table header, ``timezone:``), and
every entry's ``at`` is the UTC instant after conversion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from linter.timestamps import (
    EntryDate, EntryTime, find_date, malformed_date_prefix, parse_date, parse_entry_date, parse_entry_time,
    trailing_entry_time, unknown_time_prefix, vague_time_prefix,
)
from linter.zones import Zone, read_zone, zone_declared_in

if TYPE_CHECKING:
    from linter.document import Document, Section


@dataclass
class TimelineEntry:
    line: int
    text: str  # the entry as written (first line for list items and paragraphs, cells joined for rows)
    time: EntryTime | None  # the opening timestamp, if any
    at: datetime | None  # the UTC instant, after conversion from the entry's or the declared zone
    date_inferred: bool  # True when the date came from context, not from the entry itself
    zone: Zone | None = None  # the zone the time was read in (None: no zone anywhere, read as UTC)
    zone_source: str | None = None  # "entry", "utc-given" (13:14 EDT (17:14 UTC)), "declared" or None
    unknown: str | None = None  # the author's mark of an unknown time ("??:??", "[???]")
    date_only: date | None = None  # an entry that gives only a day (a slow phase of a long incident)
    local: datetime | None = None  # the wall time as written (24-hour, naive) when it was converted
    kind: str = "item"  # "item", "row", "heading" or "paragraph"
    body: str = ""  # text below a heading or paragraph entry (what the entry says, for milestones)
    rolled_over: bool = False  # a bare time far earlier than the one before, read on the next day

    @property
    def words(self) -> str:
        """All the entry says: its line and, for heading entries, the paragraphs under it."""
        return f"{self.text}\n{self.body}" if self.body else self.text


@dataclass
class _Raw:
    line: int
    text: str
    kind: str
    body: list[str]
    group: int = -1  # which top-level list an item belongs to


def extract_timeline(document: "Document") -> tuple[list[TimelineEntry], Zone | None]:
    section = document.section("Timeline")
    if section is None:
        return [], None
    raw, note_zone, header_zone, note_day = _read_section(section, _timeline_tokens(document, section))
    zone = _heading_zone(document, section) or note_zone or header_zone or _frontmatter_zone(document) or _document_note_zone(document)
    base = document.meta.get("date")
    current_day = parse_date(base) if isinstance(base, str) else None
    current_day = current_day or (note_day.day if note_day else None)
    compact = zone is not None
    entries: list[TimelineEntry] = []
    clock = None  # the last bare time's (day, minutes into it): a bare time far earlier is the next day
    for item in raw:
        if isinstance(item, EntryDate):  # a date heading or date line: the day of what follows
            current_day, clock = _full_day(item, current_day) or current_day, None
            continue
        entry, current_day = _entry(item, current_day, zone, compact)
        if entry.at is not None:
            minutes = entry.time.hour24 * 60 + entry.time.minute
            if (entry.time.written_date is None and clock is not None and clock[0] == current_day
                    and minutes < clock[1] and minutes + _DAY - clock[1] < _ROLLOVER):
                # "23:00", then "00:40" under the same date: past midnight, not back in time.
                current_day += timedelta(days=1)
                entry, current_day = _entry(item, current_day, zone, compact)
                entry.rolled_over = True
            # The clock of the timeline's own zone: "23:40 EDT (03:40 UTC)" in a UTC timeline is 03:40.
            wall = entry.at.astimezone(zone.tz if zone is not None and zone.known else timezone.utc)
            clock = (wall.date(), wall.hour * 60 + wall.minute)
        elif entry.time is not None:
            clock = None
        entries.append(entry)
    if zone is None:
        zone = _implied_zone(document, entries)
    return entries, zone


# A bare time earlier than the one before is the next day when less than this after it across
# midnight: "23:55" then "07:00" is the next morning; "13:19" then "03:22" is a typo, and "23:00"
# then "22:50" is out of order.
_DAY, _ROLLOVER = 24 * 60, 12 * 60


def without_stamps(entries: list[TimelineEntry]) -> bool:
    """True when no entry gives a time or a date in any form (exact, vague, unknown, date-only or
    a misspelt date): a list of notes or links, an empty timeline in all but name."""
    return not any(entry.time is not None or entry.unknown is not None or entry.date_only is not None
                   or vague_time_prefix(entry.text) is not None or malformed_date_prefix(entry.text) is not None
                   for entry in entries)


def _implied_zone(document: "Document", entries: list[TimelineEntry]) -> Zone | None:
    """With no declaration, a zone that every zoned entry writes ("16:22 PST", then "16:59 PST",
    then bare "17:07") is the timeline's: its bare times take it, declared at its first entry."""
    zoned = [entry for entry in entries if entry.zone_source == "entry"]
    bare = [entry for entry in entries if entry.time is not None and entry.zone_source is None]
    if not zoned or not bare or len({entry.zone.name for entry in zoned}) != 1 or not zoned[0].zone.known:
        return None
    first = zoned[0]
    zone = Zone(first.zone.text, first.zone.name, False, first.line,
                document.column_of(first.line, first.time.text), "first-entry")
    for entry in bare:
        entry.zone, entry.zone_source = zone, "declared"
        if entry.at is not None:
            local = entry.at.replace(tzinfo=None)  # read as UTC for want of a zone: the wall time as written
            entry.at, entry.local = None, None
            _resolve(entry, local, zone, "declared")
    return zone


def _timeline_tokens(document: "Document", section: "Section") -> list:
    """The section's tokens, and those of the level-2 date headings right after it (``## July 22``
    under ``## Timeline``: one level too shallow, still the timeline's days)."""
    tokens = section.tokens()
    index = document.sections.index(section)
    for following in document.sections[index + 1:]:
        if following.canonical is not None or parse_entry_date(following.title) is None:
            break
        tokens = tokens + document.tokens[following.token_start - 3:following.token_end]
    return tokens


def _full_day(written: EntryDate, context: date | None) -> date | None:
    """A written date, its year (when not written) the one that puts it nearest the context
    day: "12-05" in a timeline of 2019-03-26 is 2018-12-05, a latent bug months before."""
    if written.day is not None:
        return written.day
    if context is None:
        return None
    candidates = [day for day in (written.on_year(context.year + shift) for shift in (-1, 0, 1)) if day is not None]
    return min(candidates, key=lambda day: abs(day - context), default=None)


def _entry(item: _Raw, current_day: date | None, declared: Zone | None, compact: bool) -> tuple[TimelineEntry, date | None]:
    text, body = item.text, "\n".join(item.body)
    time = parse_entry_time(text, compact=compact) or trailing_entry_time(text)
    if time is None:
        unknown = unknown_time_prefix(text)
        written = parse_entry_date(text) if unknown is None else None
        day = _full_day(written, current_day) if written else None
        entry = TimelineEntry(line=item.line, text=text, time=None, at=None, date_inferred=False,
                              unknown=unknown, date_only=day, kind=item.kind, body=body)
        return entry, day or current_day
    day = _full_day(time.written_date, current_day) if time.written_date else current_day
    inferred = time.written_date is None or time.written_date.day is None
    entry = TimelineEntry(line=item.line, text=text, time=time, at=None, date_inferred=inferred, kind=item.kind, body=body)
    own = read_zone(time.zone) if time.zone else None
    zone, source = (own, "entry") if own is not None else (declared, "declared") if declared is not None else (None, None)
    entry.zone, entry.zone_source = zone, source
    if day is None:
        return entry, current_day  # the zone is known, the instant is not
    local = datetime(day.year, day.month, day.day, time.hour24, time.minute, time.second)
    _resolve(entry, local, zone, source)
    if entry.at is not None and declared is not None and entry.zone_source in ("entry", "utc-given") and zone is not declared:
        # "2026-04-06 23:40 EDT" in a UTC timeline: the bare times after it are on the UTC day.
        # With no declaration the day stays the one written: "16:22 PST", "16:59 PST" and a bare
        # "17:07" are one Pacific afternoon, not three UTC days.
        context = declared.tz if declared.known else timezone.utc
        day = entry.at.astimezone(context).date()
    return entry, day


def _resolve(entry: TimelineEntry, local: datetime, zone: Zone | None, source: str | None) -> None:
    """Set the entry's UTC ``at``: a UTC time given alongside wins, then its zone (own or declared)."""
    time = entry.time
    converted = zone.to_utc(local) if zone is not None else local.replace(tzinfo=timezone.utc)
    if time.utc_clock is not None:
        hour, minute = time.utc_clock
        near = converted or local.replace(tzinfo=timezone.utc)
        given = near.replace(hour=hour, minute=minute, second=0)
        # The UTC time may fall on the day before or after the local one: take the nearest.
        given = min((given + timedelta(days=shift) for shift in (-1, 0, 1)), key=lambda c: abs(c - near))
        entry.at, entry.zone, entry.zone_source = given, zone, "utc-given"
    else:
        entry.at, entry.zone, entry.zone_source = converted, zone, source
    if zone is not None and not zone.is_utc:
        entry.local = local


def _heading_zone(document: "Document", section: "Section") -> Zone | None:
    match = re.search(r"\((?P<inner>[^()]*(?:\([^()]*\))?[^()]*)\)\s*$", section.title)
    if not match:
        return None
    column = document.column_of(section.line, match["inner"])
    return zone_declared_in(match["inner"], section.line, column, "heading")


def _frontmatter_zone(document: "Document") -> Zone | None:
    value = document.meta.get("timezone")
    if not isinstance(value, str) or not value.strip():
        return None
    line, column = document.frontmatter.location_of_value("timezone")
    return read_zone(value, line, column, "frontmatter") or Zone(text=value.strip(), name=None, line=line, column=column, source="frontmatter")


_NOTE_START = re.compile(r"[\s*_>]*(?:all\s+)?times?\b", re.I)


def _document_note_zone(document: "Document") -> Zone | None:
    """A short note elsewhere in the body ("All times PDT." under the title) that names a zone
    this linter knows: the timeline's zone when the timeline itself declares none."""
    for line in range(document.body_start_line, len(document.lines) + 1):
        text = document.line_text(line)
        if len(text) < 80 and _NOTE_START.match(text):
            zone = zone_declared_in(_plain(text), line, 1, "note")
            if zone is not None and zone.known:
                return Zone(zone.text, zone.name, False, line, document.column_of(line, zone.text), "note")
    return None


def _header_zone(cells: list[str], line: int) -> Zone | None:
    """``| Time (UTC) |``, ``| Date and Time in CET |``: a time column's header names the zone."""
    for cell in cells:
        match = re.match(r"\s*(?:date\s*(?:and|&|/)\s*)?time\b\s*(?:\((?P<paren>[^)]+)\)|in\s+(?P<word>\S.*)|(?P<bare>[A-Z][A-Za-z/+\-0-9]*))\s*$", cell, re.I)
        if match:
            written = match["paren"] or match["word"] or match["bare"]
            return read_zone(written, line, 1, "table-header") or Zone(text=written.strip(), name=None, line=line, source="table-header")
    return None


def _columns(cells: list[str]) -> tuple[int | None, int | None]:
    """Indexes of separate Date and Time columns in a table header."""
    names = [_column_name(cell) for cell in cells]
    date_column = next((i for i, name in enumerate(names) if name in ("date", "day")), None)
    time_column = next((i for i, name in enumerate(names) if name in ("time", "timestamp")), None)
    return date_column, time_column


def _read_section(section: "Section", tokens: list):
    """One pass over the section's tokens: the raw entries and date markers, and the zone notes.

    A top-level list item's entry is its first line; a table row's is its cells (the Date and
    Time cells first); a heading or paragraph that opens with a time is an entry, and the
    paragraphs (and untimed list items) under a heading entry are its body.
    """
    out: list = []
    note_zone = header_zone = None
    note_day: EntryDate | None = None
    seen_entry = False  # a note line declares the zone only above the first entry
    open_entry: _Raw | None = None  # a heading or paragraph entry whose body is being read
    pending_day: tuple[EntryDate, int, str] | None = None  # a date heading not yet followed by entries
    waiting_item = in_heading = in_paragraph = False
    lists = 0  # top-level lists seen
    paragraph_level = -1
    cells: list[str] | None = None
    head_cells: list[str] = []
    in_body = in_head = False
    quoted = 0  # blockquote depth
    row_line = 0
    date_column = time_column = None

    def add(raw: _Raw) -> None:
        nonlocal seen_entry, pending_day
        seen_entry, pending_day = True, None
        out.append(raw)

    for token in tokens:
        kind = token.type
        if kind == "inline":
            content = token.content
            line = token.map[0] + 1 if token.map else section.line
            if cells is not None:
                cells.append(content)
            elif in_heading:
                in_heading = False
                open_entry = None
                if _opens_with_stamp(content):
                    open_entry = _Raw(line, content, "heading", [])
                    add(open_entry)
                elif (written := parse_entry_date(content)) is not None:
                    if vague_time_prefix(content) or re.search(r"\d", content[written.start + len(written.text):]):
                        open_entry = _Raw(line, content, "heading", [])  # "### 2018-07-08 ca. 18:30"
                        add(open_entry)
                    else:
                        out.append(written)
                        pending_day = (written, line, content)
            elif waiting_item:
                waiting_item = False
                first = content.split("\n", 1)[0]
                if open_entry is not None and open_entry.kind == "heading" and not _opens_with_stamp(first):
                    open_entry.body.append(content)  # a detail under a heading entry
                else:
                    open_entry = None
                    add(_Raw(line, first, "item", [], lists))
            elif in_paragraph and paragraph_level == 0:
                first, _, rest = content.partition("\n")
                if not seen_entry and note_zone is None and (declared := zone_declared_in(_plain(first), line, 1, "note")) is not None:
                    column = section.document.column_of(line, declared.text)
                    note_zone = Zone(declared.text, declared.name, declared.ambiguous, line, column, "note")
                    note_day = find_date(first)
                elif _opens_with_stamp(first):
                    open_entry = _Raw(line, first, "paragraph", [rest] if rest else [])
                    add(open_entry)
                elif (written := parse_entry_date(first)) is not None:
                    if _plain(first).strip(" .:") == written.text.strip() or len(_plain(first)) - len(written.text) < 12:
                        out.append(written)  # a date line: the day of the entries below
                        open_entry = None
                    else:
                        add(_Raw(line, first, "paragraph", [rest] if rest else []))  # a date-only entry
                elif open_entry is not None:
                    open_entry.body.append(content)
                elif pending_day is not None:
                    written, day_line, day_text = pending_day
                    add(_Raw(day_line, day_text, "heading", [content]))  # a date heading over prose
            elif in_paragraph and quoted and open_entry is not None and open_entry.kind == "heading":
                open_entry.body.append(content)  # an alert quoted under a heading entry says what happened too
        elif kind == "heading_open":
            in_heading = True
        elif kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "paragraph_open":
            in_paragraph, paragraph_level = True, token.level
        elif kind == "paragraph_close":
            in_paragraph = False
        elif kind in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            lists += 1
        elif kind == "list_item_open":
            waiting_item = waiting_item or token.level == 1
        elif kind == "list_item_close":
            waiting_item = False
        elif kind == "tr_open":
            if token.level == 2 and token.map:
                cells, row_line = [], token.map[0] + 1
        elif kind == "tr_close":
            if cells is not None and in_body:
                add(_Raw(row_line, _row_text(cells, date_column, time_column), "row", []))
            elif cells is not None and in_head:
                head_cells = cells
                date_column, time_column = _columns(head_cells)
                if header_zone is None:
                    header_zone = _header_zone(head_cells, row_line)
            cells = None
        elif kind == "tbody_open":
            in_body, in_head = True, False
        elif kind == "thead_open":
            in_body, in_head = False, True
        elif kind == "table_open":
            in_body = in_head = False
            date_column = time_column = None
            open_entry = None
    return _without_note_lists(out), note_zone, header_zone, note_day


def _without_note_lists(out: list) -> list:
    """Drop a list none of whose items opens with a time or date (links, notes) from a timeline
    that has entries elsewhere: it is not part of the sequence of events."""
    raws = [raw for raw in out if isinstance(raw, _Raw)]
    stamped: dict[int, bool] = {}
    for raw in raws:
        if raw.kind == "item" and not stamped.get(raw.group):
            stamped[raw.group] = _opens_with_stamp(raw.text) or parse_entry_date(raw.text) is not None
    unstamped = {group for group, has_stamp in stamped.items() if not has_stamp}
    if not unstamped or all(raw.group in unstamped for raw in raws):
        return out
    return [raw for raw in out if not (isinstance(raw, _Raw) and raw.group in unstamped)]


def _column_name(cell: str) -> str:
    """'Time (UTC)' -> 'time', 'Date and time in CET' -> 'date and time' (string methods: a cell
    of a million spaces costs no backtracking)."""
    name = " ".join(cell.lower().split())
    name = name.split("(", 1)[0]
    return name.split(" in ", 1)[0].strip()


def _row_text(cells: list[str], date_column: int | None, time_column: int | None) -> str:
    if date_column is None or time_column is None or max(date_column, time_column) >= len(cells):
        return " — ".join(cells)
    stamp = f"{cells[date_column].strip()} {cells[time_column].strip()}".strip()
    rest = [cell for index, cell in enumerate(cells) if index not in (date_column, time_column)]
    return " — ".join([stamp, *rest])


def _opens_with_stamp(text: str) -> bool:
    return parse_entry_time(text, compact=False) is not None or unknown_time_prefix(text) is not None


def _plain(text: str) -> str:
    return text.strip().strip("*_`").strip()
