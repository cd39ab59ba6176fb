"""Lifecycle timestamps (start … resolution) from the timeline's milestone entries, in UTC.

Zone conversion lives in the timeline parser, not here: the body is parsed by the document
model with the ``--zone`` passed as a ``timezone:`` frontmatter key of the in-memory text, and
the entries' ``at`` (UTC) is read back. ``milestone_entries`` is the timeline parser's own pick
of the milestone entries when it has one; until then the same words the milestone rules use
pick them here, in lifecycle order. A time the parser cannot have converted (an entry or a
timeline in a local zone, read by a parser that does not know zones) is not passed off as UTC:
it is left for the author, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from linter import formatspec, milestones
from linter.document import parse_text

_UTC_NAMES = {"utc", "gmt", "z", "+00:00", "+0000", "+00", "+0"}
# A zone the author declares for the whole timeline: in its heading or a note under it.
_DECLARED = re.compile(
    r"\btimes?\b(?:\s+(?:are|is|in|shown|given|written))*\s+(?:the\s+)?(?P<zone>[A-Za-z][\w/+-]*)"
    r"|\((?:all\s+)?(?:times?\s+(?:are\s+)?(?:in\s+)?)?(?P<paren>[A-Za-z][\w/+-]*)\)", re.I)
# What a declared zone looks like: an abbreviation (CET, PDT), UTC±N, or an IANA name.
_ZONE_NAME = re.compile(r"[A-Z]{2,5}|(?:UTC|GMT)[+-]\d{1,2}|[A-Z][a-z]+(?:/[A-Za-z_]+)+")


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
    declared_zone: str | None  # as the document writes it
    declared_line: int | None
    notes: list[str]  # what could not be inferred, and why
    read_as_utc: bool = False  # times with no zone anywhere were taken as UTC


def parser_converts_zones() -> bool:
    """True once the timeline parser converts declared zones itself (it then also offers
    ``milestone_entries``)."""
    return hasattr(milestones, "milestone_entries")


def infer_lifecycle(body: list[str], body_start: int, zone: str | None, context_date: str | None) -> LifecycleResult:
    """The milestones of ``body`` (input lines from ``body_start``), in UTC."""
    document, header_lines = _in_memory(body, zone, context_date)

    def input_line(line: int) -> int:
        return body_start + line - header_lines - 1

    section = document.section("Timeline")
    if section is None:
        return _from_key_events(body, body_start, zone, context_date)
    declared, declared_line = _declared_zone(document, section)
    result = LifecycleResult([], declared, input_line(declared_line) if declared_line else None, [])
    declared_local = declared if declared is not None and declared.lower() not in _UTC_NAMES else None
    chosen = _milestone_entries(document)
    for key in formatspec.LIFECYCLE_KEYS:
        entry = chosen.get(key)
        if entry is None or entry.at is None:
            continue
        unconverted = _unconverted_zone(entry, zone, declared_local)
        if unconverted:
            result.notes.append(f"{key}: line {input_line(entry.line)} is in {unconverted}; convert it to UTC by hand")
            continue
        result.milestones.append(Milestone(key, entry.at, input_line(entry.line), entry.text))
    if result.milestones and declared is None and not zone and not any(
            entry.time and entry.time.zone for entry in document.timeline):
        result.read_as_utc = True
        result.notes.append("the timeline declares no zone: its times were read as UTC; if they are local, "
                            "import again with --zone ZONE")
    return result


def _milestone_entries(document) -> dict:
    """The timeline parser's pick of the milestone entries (by their words, anchored on detection)."""
    return milestones.milestone_entries(document)


_ZONE_NOTE = re.compile(r"^[\s*_>(-]*(?:all\s+)?times?\b(?:\s+(?:are|is|in|shown|given|written))*\s+(?:the\s+)?(?P<zone>[A-Za-z][\w/+-]*)", re.I)


def _declared_zone(document, section) -> tuple[str | None, int | None]:
    """The zone the Timeline heading or the first line under it declares, else a note line
    anywhere in the body ("All times PDT." under the title)."""
    candidates = [(section.line, section.title)]
    for line in range(section.line + 1, min(section.end_line, section.line + 4) + 1):
        text = document.line_text(line).strip()
        if text:
            candidates.append((line, text))
            break
    for line, text in candidates:
        match = _DECLARED.search(text)
        if match:
            zone = (match["zone"] or match["paren"]).rstrip(".,;)")
            if _ZONE_NAME.fullmatch(zone):
                return zone, line
    for line in range(document.body_start_line, len(document.lines) + 1):
        match = _ZONE_NOTE.match(document.line_text(line))
        if match and _ZONE_NAME.fullmatch(match["zone"].rstrip(".,;)")):
            return match["zone"].rstrip(".,;)"), line
    return None, None


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


def _unconverted_zone(entry, zone: str | None, declared_local: str | None) -> str | None:
    """The zone an entry is written in when the parser could not have converted it."""
    if parser_converts_zones():
        return None
    entry_zone = (entry.time.zone or "") if entry.time else ""
    if entry_zone:
        return None if entry_zone.lower() in _UTC_NAMES else entry_zone
    return declared_local or (f"{zone} (--zone)" if zone else None)


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
    result = LifecycleResult([], None, None, [])
    if not events:
        return result
    document, header_lines = _in_memory(timeline, zone, context_date)
    first_event_line = header_lines + 3
    for entry in document.timeline:
        position = entry.line - first_event_line
        if entry.at is None or not 0 <= position < len(events):
            continue
        key, line, text = events[position]
        unconverted = _unconverted_zone(entry, zone, None)
        if unconverted:
            result.notes.append(f"{key}: line {line} is in {unconverted}; convert it to UTC by hand")
            continue
        result.milestones.append(Milestone(key, entry.at, line, text))
    if result.milestones and not zone and not any(entry.time and entry.time.zone for entry in document.timeline):
        result.read_as_utc = True
        result.notes.append("the key events declare no zone: their times were read as UTC; if they are local, "
                            "import again with --zone ZONE")
    return result
