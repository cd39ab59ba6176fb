"""Lifecycle timestamps (start … resolution) from the timeline's milestone entries, in UTC.

Zone conversion lives in the timeline parser, not here: the body is parsed by the document
model with the ``--zone`` passed as a ``timezone:`` frontmatter key of the in-memory text, and
what the model says is taken as it is: an entry's ``at`` is UTC when the model converted it
(a known zone, or UTC declared or written); an entry whose zone the model could not convert
(ambiguous, unknown) has no ``at`` and is left for the author with the reason; an entry with no
zone anywhere was read as UTC, and the result says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from linter import formatspec, milestones
from linter.document import parse_text
from linter.zones import Zone

# Labelled milestone lines of a "Key events" list (no Timeline section): label -> key.
_KEY_EVENT_LABELS = (
    (re.compile(r"\b(fault|incident|impact|problem) (occur|start|began|begin)", re.I), "started_at"),
    (re.compile(r"\b(detected|aware|noticed|identified|reported)\b", re.I), "detected_at"),
    (re.compile(r"\b(declared|acknowledged|responded)\b", re.I), "acknowledged_at"),
    (re.compile(r"\b(repaired|mitigated|restored|recovered)\b", re.I), "mitigated_at"),
    (re.compile(r"\b(resolved|closed|fixed)\b", re.I), "resolved_at"),
)
_KEY_EVENT = re.compile(
    r"^\s*[-*+]\s+(?!\*\*)(?P<label>[A-Za-z][^:\d]*?):?\s+(?:at\s+)?"
    r"(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<h>\d{1,2})[:.]?(?P<m>\d{2})\s*(?P<zone>[A-Z]{2,5})?\s*$")


@dataclass(frozen=True)
class Milestone:
    key: str  # started_at, detected_at, …
    at: datetime  # aware, UTC
    line: int  # input line of the entry it came from
    text: str  # the entry as written


@dataclass
class LifecycleResult:
    milestones: list[Milestone]
    zone: Zone | None = None  # the timeline's zone, as the document model read it
    zone_line: int | None = None  # input line of its declaration (None: --zone, or not a line of the input)
    notes: list[str] = field(default_factory=list)  # what could not be inferred, and why
    read_as_utc: bool = False  # times with no zone anywhere were taken as UTC
    read_as_utc_note: str | None = None  # the note saying so (among ``notes``)


def infer_lifecycle(body: list[str], body_start: int, zone: str | None, context_date: str | None) -> LifecycleResult:
    """The milestones of ``body`` (input lines from ``body_start``), in UTC."""
    document, header_lines = _in_memory(body, zone, context_date)
    if document.section("Timeline") is None:
        return _from_key_events(body, body_start, zone, context_date)

    def input_line(line: int) -> int | None:
        return body_start + line - header_lines - 1 if line > header_lines else None

    chosen = milestones.milestone_entries(document)
    return _read(document, chosen, input_line, lambda entry: entry.text, "timeline")


def _read(document, chosen: dict, input_line: Callable[[int], int | None], text_of, what: str) -> LifecycleResult:
    """The chosen entries as milestones, as far as the model converted their times."""
    declared = document.timeline_zone
    result = LifecycleResult([], declared, input_line(declared.line) if declared and declared.line else None)
    for key in formatspec.LIFECYCLE_KEYS:
        entry = chosen.get(key)
        if entry is not None and entry.at is not None:
            result.milestones.append(Milestone(key, entry.at, input_line(entry.line), text_of(entry)))
        elif (unconverted := _unconverted(document, key, chosen)) is not None:
            result.notes.append(f"{key}: line {input_line(unconverted.line)} is in {unconverted.zone.describe()}, "
                                "a zone the importer cannot convert; convert it to UTC by hand")
    if any(entry.zone is None for entry in chosen.values() if entry.at is not None):
        result.read_as_utc = True
        result.read_as_utc_note = (f"the {what} declares no zone: its times were read as UTC; if they are local, "
                                   "import again with --zone ZONE")
        result.notes.append(result.read_as_utc_note)
    return result


def _unconverted(document, key: str, chosen: dict):
    """The first entry worded as milestone ``key`` whose time is in a zone the model could not
    convert (ambiguous or unknown), when no entry with a UTC time was chosen for it."""
    if key in chosen:
        entry = chosen[key]
        return entry if entry.zone is not None and not entry.zone.known else None
    pattern = milestones.MILESTONES[key][1]
    return next((entry for entry in document.timeline if entry.at is None and entry.time is not None
                 and entry.zone is not None and not entry.zone.known and pattern.search(entry.words)), None)


def _in_memory(body: list[str], zone: str | None, context_date: str | None):
    """The body parsed by the document model, with ``--zone`` and the context date as
    frontmatter; returns the document and how many lines that frontmatter added."""
    header = ["---"]
    if zone:
        header.append(f'timezone: "{zone}"')
    if context_date:
        header.append(f'date: "{context_date}"')
    header.append("---")
    return parse_text("<import>", "\n".join(header + body) + "\n"), len(header)


def _from_key_events(body: list[str], body_start: int, zone: str | None, context_date: str | None) -> LifecycleResult:
    """A "Key events" list of labelled milestone lines (no Timeline section): its stamps read
    by the timeline parser through an in-memory timeline, each keeping its input line."""
    events: list[tuple[str, int, str]] = []  # key, input line, the line as written
    timeline = ["## Timeline", ""]
    for index, line in enumerate(body):
        match = _KEY_EVENT.match(line)
        if not match:
            continue
        key = next((key for pattern, key in _KEY_EVENT_LABELS if pattern.search(match["label"])), None)
        if key is None or any(key == seen for seen, _, _ in events):
            continue
        events.append((key, body_start + index, line.strip(" -*+")))
        zone_text = f" {match['zone']}" if match["zone"] else ""
        timeline.append(f"- {match['date']} {int(match['h']):02d}:{match['m']}{zone_text} — {match['label']}")
    if not events:
        return LifecycleResult([])
    document, header_lines = _in_memory(timeline, zone, context_date)
    first_event_line = header_lines + 3
    event_of = {first_event_line + position: event for position, event in enumerate(events)}
    chosen = {event_of[entry.line][0]: entry for entry in document.timeline if entry.line in event_of}

    def input_line(line: int) -> int | None:
        return event_of[line][1] if line in event_of else None

    return _read(document, chosen, input_line, lambda entry: event_of[entry.line][2], "key events list")
