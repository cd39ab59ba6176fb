"""Parsing the timestamps of the format: frontmatter ISO 8601 and timeline entry prefixes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

_ISO_UTC = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|z|UTC|[+-]\d{2}:?\d{2})?\Z"
)


@dataclass(frozen=True)
class ParsedTimestamp:
    value: datetime | None  # aware UTC datetime when the zone is UTC or an offset
    has_zone: bool
    is_utc: bool
    error: str | None = None


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` to a date; None when malformed or impossible (2026-02-30)."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _offset(zone: str) -> timedelta:
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


@lru_cache(maxsize=1024)  # five rules read the same few frontmatter timestamps of each file
def _parse_iso_string(text: str) -> ParsedTimestamp:
    return _parse_iso(text)


def parse_iso_timestamp(text: str) -> ParsedTimestamp:
    """A frontmatter lifecycle timestamp. The format requires an explicit UTC designator."""
    return _parse_iso_string(text) if type(text) is str else _parse_iso(text)


def _parse_iso(text) -> ParsedTimestamp:
    if not isinstance(text, str):
        return ParsedTimestamp(None, False, False, "is not a timestamp string")
    match = _ISO_UTC.match(text.strip())
    if not match:
        return ParsedTimestamp(None, False, False, "is not an ISO 8601 timestamp like 2026-04-08T03:15:00Z")
    try:
        day = date.fromisoformat(match["date"])
        naive = datetime(day.year, day.month, day.day, int(match["h"]), int(match["m"]), int(match["s"] or 0))
    except ValueError:
        return ParsedTimestamp(None, False, False, "is not a real date and time")
    zone = match["zone"]
    if zone is None:
        return ParsedTimestamp(naive.replace(tzinfo=timezone.utc), False, False)
    if zone in ("Z", "z", "UTC"):
        return ParsedTimestamp(naive.replace(tzinfo=timezone.utc), True, True)
    offset = _offset(zone)
    value = (naive - offset).replace(tzinfo=timezone.utc)
    return ParsedTimestamp(value, True, offset == timedelta(0))


# --- timeline entry prefixes ----------------------------------------------------------------

_ZONE = r"(?P<zone>UTC|GMT|Z|[A-Z]{2,5}T|[A-Z]{3}|[+-]\d{2}:?\d{2}|[+-]\d{1,2}\b)"
_ENTRY = re.compile(
    r"[\s*_`~\[]*"  # emphasis, code or link markup around the timestamp
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]|,\s*))?"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*[–-]\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # a range, 03:17–03:19 UTC: the entry is at its start
    r"(?P<ampm>\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*" + _ZONE + r")?(?![^\W_]|:)"  # closing emphasis may follow: _03:59 UTC_
)
_VAGUE = re.compile(
    r"^[\s*_`~]*(around|about|approx\.?|approximately|roughly|circa|ca\.|~|sometime|some time|"
    r"later|earlier|shortly|soon|before|after|in the (early |late )?(morning|afternoon|evening|night)|"
    r"that (morning|afternoon|evening|night)|next (morning|day)|the next|morning|afternoon|evening|"
    r"night|midday|noon|lunch|overnight|eod|end of day|\d{1,2}\s*[ap]\.?m\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EntryTime:
    """The timestamp that opens a timeline entry."""

    text: str  # the timestamp as written
    start: int  # offset in the entry text where it begins
    date: date | None  # the explicit date, when written
    hour: int
    minute: int
    second: int
    zone: str | None
    twelve_hour: bool

    @property
    def is_utc(self) -> bool:
        return self.zone in ("UTC", "Z", "GMT", "+00:00", "+0000", "-00:00") and not self.twelve_hour


def parse_entry_time(text: str) -> EntryTime | None:
    """The timestamp at the start of a timeline entry, or None when it has none."""
    match = _ENTRY.match(text)
    if not match:
        return None
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    day = None
    if match["date"]:
        try:
            day = date.fromisoformat(match["date"])
        except ValueError:
            return None
    start = match.start("date") if match["date"] else match.start("h")
    return EntryTime(
        text=text[start:match.end()].strip(), start=start, date=day, hour=hour, minute=minute,
        second=second, zone=match["zone"], twelve_hour=bool(match["ampm"]),
    )


def vague_time_prefix(text: str) -> str | None:
    """The vague time expression that opens an entry ("around 2pm", "later that morning")."""
    match = _VAGUE.match(text)
    return match.group(0).strip(" *_`") if match else None
