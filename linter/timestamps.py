"""Parsing the timestamps of the format: frontmatter ISO 8601 and timeline entry prefixes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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

from linter.zones import ABBREVIATIONS  # noqa: E402 - the zone words a stamp may carry

_ZONE_WORDS = "|".join(sorted({"UTC", "GMT", "Z", *ABBREVIATIONS}, key=len, reverse=True))
_ZONE = r"(?-i:(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|(?:" + _ZONE_WORDS + r")(?![A-Za-z]))"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
# A date: 2021-08-27, Feb 04, 2021, Thursday, July 20 (no year: the timeline's context gives it), 5 March 2024.
_DATE = (
    r"(?:" + _WEEKDAY + r")?(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<mon>" + _MONTH + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?P<mon2>" + _MONTH + r")[a-z]*\.?(?:,?\s+(?P<year2>\d{4}))?"
    r"|(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?=\s+\d{1,2}:\d{2}))(?![\d-])"
)
_MARKUP = r"[\s*_`~\[]*"  # emphasis, code or link markup around the timestamp
_ENTRY = re.compile(
    _MARKUP + r"(?:" + _DATE + r"(?:T|\s*,\s*|\s*:\s*(?:at\s+)?|\s+(?:at\s+)?)[*_\[]*)?"
    r"(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?|(?P<ch>[01]\d|2[0-3])(?P<cm>[0-5]\d)(?![-/.,]?\d))"
    r"(?:\s*[–-]\s*\d{1,2}:(?:\d{2}|\?\?)(?::\d{2})?)?"  # a range, 03:17–03:19 UTC: the entry is at its start
    r"(?P<ampm>\s*[AaPp]\.?[Mm]\.?|[AaPp](?![A-Za-z]))?"
    r"(?:\s*\(\s*(?P<pzone>" + _ZONE + r")\s*\)|\s*(?P<zone>" + _ZONE + r")|\s+(?P<szone>[+-]\d{1,2})(?![\d:]))?"
    r"(?:\s*\(\s*(?P<uh>\d{1,2}):(?P<um>\d{2})\s*(?:UTC|GMT|Z)\s*\))?"  # 13:14 EDT (17:14 UTC)
    r"(?![^\W_]|:\d)",  # closing emphasis may follow: _03:59 UTC_
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(_MARKUP + _DATE + r"[\s*_\]]*(?:$|[-–—:|.,)]|\s)", re.IGNORECASE)
_UNKNOWN = re.compile(
    _MARKUP + r"(?:(?:\d{4}-\d{2}-\d{2}|" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?)[,\s]+)?"
    r"(?:\?{1,2}:\?{1,2}|\?{2,}|[Xx]{1,2}:[Xx]{2}|[Hh]{1,2}:[Mm]{2}|YYYY-MM-DD|-{1,2}:-{2}"
    r"|(?![\d:]{4,5}(?![\dXx?]))[\dXx?]{1,2}:[\dXx?]{2}(?![\dXx?])"  # 2X:XX, 1X:30: a time with digits left out
    r"|[\d/]{4,7}-(?:\d{2}-(?:DD|\?\?)|(?:MM|\?\?)-(?:DD|\?\?|\d{2}))"  # 2023-MM-DD, 2022-05-??
    r"|unknown\b|tbd\b|time unknown\b|n/a\b)",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_VAGUE = re.compile(
    r"^[\s*_`~]*(?:" + _DATE + r"[\s,]+)?(around|about|approx\.?|approximately|roughly|circa|ca\.|~|sometime|some time|"
    r"later|earlier|shortly|soon|before|after|in the (early |late )?(morning|afternoon|evening|night)|"
    r"that (morning|afternoon|evening|night)|next (morning|day)|the next|morning|afternoon|evening|"
    r"night|midday|noon|lunch|overnight|eod|end of day|\d{1,2}\s*[ap]\.?m\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EntryDate:
    """A date as written: full, or month and day only (the year comes from context)."""

    text: str
    start: int
    day: date | None  # None when the year is not written
    month: int
    day_of_month: int

    def on_year(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day_of_month)
        except ValueError:
            return None


@dataclass(frozen=True)
class EntryTime:
    """The timestamp that opens a timeline entry."""

    text: str  # the timestamp as written
    start: int  # offset in the entry text where it begins
    date: date | None  # the explicit date, when written with its year
    hour: int  # as written (on a 12-hour clock, 1-12)
    minute: int
    second: int
    zone: str | None
    twelve_hour: bool
    written_date: EntryDate | None = None  # the date as written, with or without its year
    utc_clock: tuple[int, int] | None = None  # the UTC time given alongside: 13:14 EDT (17:14 UTC)
    compact: bool = False  # written HHMM (1625)
    pm: bool = False  # a 12-hour clock's PM

    @property
    def is_utc(self) -> bool:
        return self.zone in ("UTC", "Z", "GMT", "+00:00", "+0000", "-00:00") and not self.twelve_hour

    @property
    def hour24(self) -> int:
        """The hour on a 24-hour clock (4:49 PM -> 16; 12:10 AM -> 0)."""
        return self.hour % 12 + (12 if self.pm else 0) if self.twelve_hour else self.hour


def _entry_date(match: re.Match, text: str) -> EntryDate | None:
    """The date groups of a match (``_DATE``) as an ``EntryDate``; None when not a real date."""
    if match["iso"]:
        day = parse_date(match["iso"])
        if day is None:
            return None
        return EntryDate(match["iso"], match.start("iso"), day, day.month, day.day)
    if match["mm"]:
        month, day_of_month, year_text, start, end = int(match["mm"]), int(match["dd"]), None, match.start("mm"), match.end("dd")
    else:
        named = "" if match["mon"] else "2"
        month_text, day_text, year_text = match["mon" + named], match["day" + named], match["year" + named]
        month = _MONTHS.index(month_text[:3].lower()) + 1
        day_of_month = int(day_text)
        start = min(match.start("mon" + named), match.start("day" + named))
        end = match.end("year" + named) if year_text else max(match.end("mon" + named), match.end("day" + named))
    if not 1 <= month <= 12:
        return None
    written = EntryDate(text[start:end].strip(), start, None, month, day_of_month)
    if year_text:
        full = written.on_year(int(year_text))
        if full is None:
            return None
        return EntryDate(written.text, start, full, month, day_of_month)
    return written if written.on_year(2000) else None  # Feb 29 is real in a leap year


def parse_entry_time(text: str, compact: bool = False) -> EntryTime | None:
    """The timestamp at the start of a timeline entry, or None when it has none.

    ``compact`` accepts a bare four-digit ``1625`` (when the timeline declares its zone); a
    four-digit time with its zone (``1900 UTC``) is always read.
    """
    match = _ENTRY.match(text)
    if not match:
        return None
    zone = match["zone"] or match["pzone"] or match["szone"]
    if match["ch"]:
        if not (compact or zone):
            return None
        hour, minute, second = int(match["ch"]), int(match["cm"]), 0
    else:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    twelve = bool(match["ampm"]) and hour <= 12  # "17:14pm" is a 24-hour time with a stray suffix
    if hour > 23 or minute > 59 or second > 59 or (twelve and not 1 <= hour <= 12):
        return None
    written = None
    if match["iso"] or match["mon"] or match["mon2"] or match["mm"]:
        written = _entry_date(match, text)
        if written is None:
            return None
    utc_clock = None
    if match["uh"] and int(match["uh"]) <= 23 and int(match["um"]) <= 59:
        utc_clock = (int(match["uh"]), int(match["um"]))
    start = written.start if written else match.start("h") if match["h"] else match.start("ch")
    return EntryTime(
        text=text[start:match.end()].strip(" *_`]"), start=start, date=written.day if written else None,
        hour=hour, minute=minute, second=second, zone=zone.upper() if zone else None, twelve_hour=twelve,
        written_date=written, utc_clock=utc_clock, compact=bool(match["ch"]),
        pm=twelve and "p" in match["ampm"].lower(),
    )


# "First detected 2022-01-22 11:57": a key-events list puts the label first and the stamp last.
_TRAILING_STAMP = re.compile(r"\s(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:UTC|GMT|Z|[A-Z]{3,4}))?)[\s.*_)]*\Z")


def trailing_entry_time(text: str) -> EntryTime | None:
    """A full date and time that *ends* an entry (a labelled key event), when none opens it."""
    match = _TRAILING_STAMP.search(text)
    if match is None:
        return None
    time = parse_entry_time(match.group(1))
    if time is None:
        return None
    return replace(time, start=match.start(1) + time.start)


def parse_entry_date(text: str) -> EntryDate | None:
    """A date with no time at the start of an entry or heading (``2023-07-20``, ``Thursday, July 20``)."""
    match = _DATE_ONLY.match(text)
    return _entry_date(match, text) if match else None


def unknown_time_prefix(text: str) -> str | None:
    """The author's mark of an unknown time that opens an entry (``??:??``, ``[???]``, ``unknown``)."""
    match = _UNKNOWN.match(text)
    return match.group(0).strip(" *_`[") if match else None


# A date-shaped opening the parser could not read: "20202-01-16 12:00", "2026-13-02 10:00".
_MALFORMED_DATE = re.compile(r"[\s*_`\[]*(\d{4,5}-\d{1,2}-\d{1,2})(?=[\sT,:|\]])")


def malformed_date_prefix(text: str) -> str | None:
    """The date-shaped opening of an entry that is no real date (``20202-01-16``), as written."""
    match = _MALFORMED_DATE.match(text)
    return match.group(1) if match and parse_date(match.group(1)) is None else None


def vague_time_prefix(text: str) -> str | None:
    """The vague time expression that opens an entry ("around 2pm", "later that morning")."""
    match = _VAGUE.match(text)
    return match.group(0).strip(" *_`") if match else None


_DATE_ANYWHERE = re.compile(r"(?<![\w-])" + _DATE, re.IGNORECASE)


def find_date(text: str) -> EntryDate | None:
    """The first full date written anywhere in a text ("All times in PST, on February 5th 2019")."""
    for match in _DATE_ANYWHERE.finditer(text):
        found = _entry_date(match, text)
        if found is not None and found.day is not None:
            return found
    return None
