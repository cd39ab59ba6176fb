"""What a Slack message link says about the zone of a timeline that declares none.

A Slack permalink (``…slack.com/archives/C0123/p1596814746202600``) carries the moment the
message was posted, in UTC. When a document's bare times are read as UTC, a link whose moment
matches one of them to the minute supports that reading; one that matches only a whole number of
hours away says the times are local. The importer then does not write lifecycle timestamps it
would have to guess the zone of: it says what the link shows and asks for ``--zone``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

_PERMALINK = re.compile(r"slack\.com/archives/[A-Z0-9]+/p(\d{10})\d{6}")
_STAMP = re.compile(r"\b(\d{4}-\d{2}-\d{2})[ T,]+(?:at )?(\d{1,2}):(\d{2})\b")
_SLACK = timedelta(minutes=2)  # a message posted a minute or two after the moment it reports
_LARGEST_OFFSET = 14  # hours: the widest UTC offset in use


@dataclass(frozen=True)
class ClockEvidence:
    offset_hours: int  # the written times are UTC plus this
    link_line: int  # input line of the Slack link
    stamp_line: int  # input line of the time it matches
    posted: datetime  # the link's moment, UTC
    written: str  # the time as written


def local_clock(body: list[str], body_start: int) -> ClockEvidence | None:
    """Evidence that the body's bare times are not UTC, or None (no links, or one agrees with UTC)."""
    posted = [(body_start + index, datetime.fromtimestamp(int(match[1]), timezone.utc).replace(tzinfo=None))
              for index, line in enumerate(body) if "slack.com/archives/" in line for match in _PERMALINK.finditer(line)]
    if not posted:
        return None
    stamps = [(body_start + index, datetime.fromisoformat(f"{match[1]}T{int(match[2]):02d}:{match[3]}"), match[0])
              for index, line in enumerate(body) for match in _STAMP.finditer(line) if _valid(match)]
    offsets: dict[int, ClockEvidence] = {}
    for link_line, moment in posted:
        for stamp_line, written, text in stamps:
            hours, rest = divmod((written - moment).total_seconds(), 3600)
            if rest > 1800:  # nearest whole hour
                hours, rest = hours + 1, rest - 3600
            if abs(rest) > _SLACK.total_seconds() + 60 or abs(hours) > _LARGEST_OFFSET:
                continue
            if hours == 0:
                return None  # a link at a written time read as UTC: the reading holds
            offsets.setdefault(int(hours), ClockEvidence(int(hours), link_line, stamp_line, moment, text))
    return next(iter(offsets.values())) if len(offsets) == 1 else None  # several offsets: no telling


def _valid(match: re.Match) -> bool:
    try:
        datetime.fromisoformat(f"{match[1]}T{int(match[2]):02d}:{match[3]}")
    except ValueError:
        return False
    return True


def describe(evidence: ClockEvidence) -> str:
    sign = "+" if evidence.offset_hours > 0 else "-"
    return (f"the Slack message linked on line {evidence.link_line} was posted at "
            f"{evidence.posted:%Y-%m-%d %H:%M} UTC and line {evidence.stamp_line} writes '{evidence.written}': "
            f"the timeline's times look like UTC{sign}{abs(evidence.offset_hours):02d}:00, not UTC")
