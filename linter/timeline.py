"""Timeline entries: each top-level list item (or table row) of the Timeline section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from linter.timestamps import EntryTime, parse_date, parse_entry_time

if TYPE_CHECKING:
    from linter.document import Document


@dataclass
class TimelineEntry:
    line: int
    text: str  # the entry as written (first line for list items, cells joined for rows)
    time: EntryTime | None  # the opening timestamp, if any
    at: datetime | None  # the resolved UTC instant (date from the entry, the last full date, or `date`)
    date_inferred: bool  # True when the date came from context, not from the entry itself


def _entry_at(time: EntryTime, current_day: date | None) -> datetime | None:
    day = time.date or current_day
    if day is None:
        return None
    hour = time.hour
    if time.twelve_hour:
        return None  # 12-hour clock times are reported, not guessed at
    return datetime(day.year, day.month, day.day, hour, time.minute, time.second, tzinfo=timezone.utc)


def extract_timeline(document: "Document") -> list[TimelineEntry]:
    section = document.section("Timeline")
    if section is None:
        return []
    # One pass over the section's tokens: a top-level list item's entry is its first inline
    # token (none if the item closes first); a table row's is its cells, for body rows only.
    raw: list[tuple[int, str]] = []
    waiting_item = False  # inside a top-level list item whose first inline is not yet seen
    cells: list[str] | None = None  # the cells of the top-level table row being read
    in_body = False  # after a tbody_open, until the next table or thead
    for token in section.tokens():
        kind = token.type
        if kind == "inline":
            if cells is not None:
                cells.append(token.content)
            elif waiting_item:
                raw.append((token.map[0] + 1, token.content.split("\n", 1)[0]))
                waiting_item = False
        elif kind == "list_item_open":
            waiting_item = waiting_item or token.level == 1
        elif kind == "list_item_close":
            waiting_item = False
        elif kind == "tr_open":
            if token.level == 2 and token.map:
                cells, row_line = [], token.map[0] + 1
        elif kind == "tr_close":
            if cells is not None and in_body:
                raw.append((row_line, " — ".join(cells)))
            cells = None
        elif kind == "tbody_open":
            in_body = True
        elif kind in ("thead_open", "table_open"):
            in_body = False

    base = document.meta.get("date")
    current_day = parse_date(base) if isinstance(base, str) else None
    entries: list[TimelineEntry] = []
    for line, text in raw:
        time = parse_entry_time(text)
        at = None
        inferred = False
        if time is not None:
            if time.date is not None:
                current_day = time.date
            else:
                inferred = True
            at = _entry_at(time, current_day)
        entries.append(TimelineEntry(line=line, text=text, time=time, at=at, date_inferred=inferred))
    return entries

