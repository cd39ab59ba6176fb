"""Time zones as postmortems name them: `UTC`, `PDT`, `UTC+2`, `Europe/Berlin`, `Central European Time`.

A timeline may declare one zone for all its bare times (in its heading, a note line under it,
a table header or the `timezone:` frontmatter key); an entry may name its own. Both are read
here into a ``Zone``: an IANA zone (DST by the entry's date), a fixed offset, or an
abbreviation too ambiguous to convert (`CST`, `IST`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

# Abbreviations -> IANA zone (DST by date: authors write "PST" all year). None: ambiguous.
ABBREVIATIONS: dict[str, str | None] = {
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
    "CDT": "America/Chicago", "CT": "America/Chicago",
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
    "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
    "BST": "Europe/London", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki", "MSK": "Europe/Moscow",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "ACST": "Australia/Adelaide",
    "AWST": "Australia/Perth", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
    "CST": None, "IST": None, "AST": None, "ADT": None, "SST": None, "GST": None,
}
# What an abbreviation says of the offset by itself: "PST" is UTC-08:00 even when written in July.
ABBREVIATION_OFFSETS: dict[str, str] = {
    "PST": "UTC-08:00", "PDT": "UTC-07:00", "MST": "UTC-07:00", "MDT": "UTC-06:00", "CDT": "UTC-05:00",
    "EST": "UTC-05:00", "EDT": "UTC-04:00", "AKST": "UTC-09:00", "AKDT": "UTC-08:00",
    "CET": "UTC+01:00", "CEST": "UTC+02:00", "MEZ": "UTC+01:00", "MESZ": "UTC+02:00", "BST": "UTC+01:00",
    "WEST": "UTC+01:00", "EET": "UTC+02:00", "EEST": "UTC+03:00", "AEST": "UTC+10:00", "AEDT": "UTC+11:00",
    "NZST": "UTC+12:00", "NZDT": "UTC+13:00",
}
AMBIGUOUS_MEANINGS: dict[str, str] = {
    "CST": "US Central, China or Cuba", "IST": "India, Ireland or Israel", "AST": "Atlantic or Arabia",
    "ADT": "Atlantic or Arabia", "SST": "Samoa or Singapore", "GST": "Gulf or South Georgia",
}
_NAMES: dict[str, str] = {
    "pacific time": "America/Los_Angeles", "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles", "eastern time": "America/New_York",
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "central european time": "Europe/Berlin", "central european summer time": "Europe/Berlin",
    "british summer time": "Europe/London", "uk time": "Europe/London",
    "eastern european time": "Europe/Helsinki", "eastern european summer time": "Europe/Helsinki",
}
_UTC_WORDS = frozenset({"utc", "gmt", "z", "zulu", "coordinated universal time", "+00:00", "+0000", "-00:00", "+00"})
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.I)


@dataclass(frozen=True)
class Zone:
    """A zone as written, and what it means."""

    text: str  # as written: "PDT", "UTC+2", "US/Pacific"
    name: str | None  # "UTC", an IANA name, "UTC+02:00"; None when ambiguous or unknown
    ambiguous: bool = False
    line: int = 0  # where it was declared (0: written on an entry)
    column: int = 1
    source: str = "entry"  # "heading", "note", "table-header", "frontmatter" or "entry"

    @property
    def known(self) -> bool:
        return self.name is not None

    @property
    def is_utc(self) -> bool:
        return self.name == "UTC"

    @property
    def tz(self) -> tzinfo | None:
        return _tzinfo(self.name) if self.name else None

    def to_utc(self, local: datetime) -> datetime | None:
        """A naive local wall time to the aware UTC instant (None when the zone is not known)."""
        tz = self.tz
        return None if tz is None else local.replace(tzinfo=tz).astimezone(timezone.utc)

    def describe(self) -> str:
        if self.ambiguous:
            return f"'{self.text}' (ambiguous: {AMBIGUOUS_MEANINGS.get(self.text.upper(), 'several zones')})"
        if self.name and self.name != self.text:
            return f"{self.text} ({self.name})"
        return self.text


@lru_cache(maxsize=64)
def _tzinfo(name: str) -> tzinfo | None:
    if name == "UTC":
        return timezone.utc
    match = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if match:
        sign = -1 if match[1] == "-" else 1
        return timezone(sign * timedelta(hours=int(match[2]), minutes=int(match[3])))
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def offset_name(sign: str, hours: int, minutes: int) -> str | None:
    if hours > 14 or minutes > 59:
        return None
    if hours == 0 and minutes == 0:
        return "UTC"
    return f"UTC{'-' if sign in '-−' else '+'}{hours:02d}:{minutes:02d}"


def read_zone(text: str, line: int = 0, column: int = 1, source: str = "entry") -> Zone | None:
    """A zone from a short text ("PDT", "UTC+1", "Europe/Berlin", "CET (GMT+1)"); None if it names none."""
    cleaned = text.strip().strip("*_`[].,;: ").strip()
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = cleaned[1:-1].strip()
    if not cleaned or len(cleaned) > 60:
        return None
    for candidate in _candidates(cleaned):
        zone = _one_zone(candidate)
        if zone is not None:
            name, ambiguous = zone
            return Zone(text=candidate, name=name, ambiguous=ambiguous, line=line, column=column, source=source)
    return None


def _candidates(text: str) -> list[str]:
    """"CET (GMT+1)" is tried whole, then "CET", then "GMT+1"."""
    out = [text]
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if match:
        out += [match[1].strip(), match[2].strip()]
    return out


def _one_zone(text: str) -> tuple[str | None, bool] | None:
    lower = text.lower()
    if lower in _UTC_WORDS:
        return "UTC", False
    offset = _OFFSET.fullmatch(text)
    if offset and (text[:1] in "+-−" or lower[:3] in ("utc", "gmt")):
        name = offset_name(offset["sign"], int(offset["h"]), int(offset["m"] or 0))
        return (name, False) if name else None
    upper = text.upper()
    if upper in ABBREVIATIONS:
        iana = ABBREVIATIONS[upper]
        return (iana, iana is None)
    if lower in _NAMES:
        return _NAMES[lower], False
    if "/" in text and re.fullmatch(r"[A-Za-z_]+(/[A-Za-z_+\-0-9]+)+", text) and _tzinfo(text) is not None:
        return text, False
    return None


# "All times UTC.", "_all times are in UTC_", "Times are US/Pacific", "All times in CEST (UTC+2)",
# "times in BST", "all times UTC": the zone follows, up to a comma or the end.
_DECLARATION = re.compile(
    r"^[\s*_]*(?:note:\s*)?(?:all\s+)?(?:the\s+)?times?\s+(?:are\s+|shown\s+|given\s+|listed\s+)?(?:(?:in|as)\s+)?"
    r"(?P<zone>[^,;]+)",  # up to the first comma; trailing markup is stripped after (no backtracking)
    re.I,
)


# What an unrecognised zone looks like ("UC/Pacific", "XYZT", "Zurich time"), as opposed to
# "Times are approximate": only these are reported as a zone the linter does not know.
_LOOKS_LIKE_ZONE = re.compile(r"[A-Z]{2,5}|[A-Za-z_]+/[A-Za-z_]+|[\w ]{0,30}\btime", re.I)


def zone_declared_in(text: str, line: int = 0, column: int = 1, source: str = "note") -> Zone | None:
    """The zone a note or heading parenthetical declares ("All times in CEST"), else None.

    A phrase that looks like a declaration but names no zone we know ("All times in UC/Pacific")
    is returned as an unknown zone, so that it can be reported rather than silently ignored.
    """
    match = _DECLARATION.match(text.strip())
    if not match:
        return read_zone(text, line, column, source) if source == "heading" else None
    written = match["zone"].strip().rstrip("*_. ").strip()
    zone = read_zone(written, line, column, source)
    if zone is None and _LOOKS_LIKE_ZONE.fullmatch(written):
        return Zone(text=written, name=None, line=line, column=column, source=source)
    return zone


def offset_text(moment: datetime) -> str:
    """The UTC offset of an aware datetime as '+02:00'."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
