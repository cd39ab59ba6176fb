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
    raw: list[tuple[int, str]] = []
    tokens = section.tokens()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "list_item_open" and token.level == 1:
            for cursor in range(index + 1, len(tokens)):  # not tokens[index + 1:]: a copy per item
                inner = tokens[cursor]
                if inner.type == "inline":
                    raw.append((inner.map[0] + 1, inner.content.split("\n", 1)[0]))
                    break
                if inner.type == "list_item_close":
                    break
        elif token.type == "tr_open" and token.level == 2 and token.map and index > 0:
            cells = []
            cursor = index + 1
            while cursor < len(tokens) and tokens[cursor].type != "tr_close":
                if tokens[cursor].type == "inline":
                    cells.append(tokens[cursor].content)
                cursor += 1
            if _is_body_row(tokens, index):
                raw.append((token.map[0] + 1, " — ".join(cells)))
            index = cursor
        index += 1

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


def _is_body_row(tokens: list, index: int) -> bool:
    """A table row inside tbody (header rows are not entries)."""
    for back in range(index - 1, -1, -1):
        kind = tokens[back].type
        if kind == "tbody_open":
            return True
        if kind in ("thead_open", "table_open"):
            return False
    return False
