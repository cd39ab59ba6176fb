"""A UTC time an entry quotes (a pasted alert: "Violation started: … at 4:42PM UTC") that the
entry's own time, converted from the declared zone, contradicts by whole hours: then the
declared zone is the mistake, and converting by it would make every time wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r"\b(\d{1,2}):(\d{2})\s*([AP]M)?\s*(?:UTC|GMT|Z)\b", re.I)
_SLACK = 3  # minutes: an alert pasted a minute or two after it fired


@dataclass(frozen=True)
class QuotedUtcConflict:
    entry: object  # the TimelineEntry
    quoted: str  # the UTC time as quoted
    hours: int  # how far the entry's converted time is from it


def quoted_utc_conflict(timeline) -> QuotedUtcConflict | None:
    """The first entry converted from a declared local zone whose body quotes a UTC time the same
    minutes past the hour but whole hours away from the conversion."""
    for entry in timeline:
        if entry.at is None or entry.zone_source != "declared" or entry.zone is None or entry.zone.is_utc or not entry.body:
            continue
        for match in _QUOTED.finditer(entry.body):
            hour, minute = int(match[1]), int(match[2])
            if match[3]:
                hour = hour % 12 + (12 if match[3].upper() == "PM" else 0)
            if hour > 23 or minute > 59:
                continue
            quoted = hour * 60 + minute
            converted = entry.at.hour * 60 + entry.at.minute
            difference = (converted - quoted) % (24 * 60)
            hours, rest = divmod(difference + _SLACK, 60)
            if rest <= 2 * _SLACK and hours % 24:
                return QuotedUtcConflict(entry, match[0], hours if hours <= 12 else hours - 24)
    return None
