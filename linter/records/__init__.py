"""Incident records (PagerDuty, Opsgenie, Slack exports) read into timeline events.

Only files: nothing here calls a service. The format is recognised from the content, not the file
name. A record that cannot be read raises RecordError naming the file and the entry.
"""

from __future__ import annotations

import os

from linter.records import opsgenie, pagerduty, slack
from linter.records.event import Event, RecordError
from linter.records.reading import MAX_RECORD_BYTES, read_json

FORMATS = ("pagerduty", "opsgenie", "slack")

__all__ = ["Event", "RecordError", "load", "read_json", "FORMATS"]


def detect(data) -> str | None:
    """Which record format ``data`` is, from its shape."""
    if pagerduty.entries_of(data) is not None:
        return "pagerduty"
    if opsgenie.entries_of(data) is not None:
        return "opsgenie"
    if slack.looks_like(data):
        return "slack"
    return None


def load(path: str) -> tuple[str, list[Event]]:
    """``(format, events in time order)`` of a record file, or of a folder of Slack day-files."""
    if os.path.isdir(path):
        found = slack.folder_events(path)
        kind = "slack"
    else:
        data = read_json(path)
        kind = detect(data)
        if kind == "pagerduty":
            found = pagerduty.events(data, path)
        elif kind == "opsgenie":
            found = opsgenie.events(data, path)
        elif kind == "slack":
            found = slack.events(data, path, slack.names_near(os.path.dirname(path) or "."))
        else:
            raise RecordError(
                f"{path}: not a record this reads: expected PagerDuty log entries ({{\"log_entries\": [...]}}), "
                "Opsgenie alert logs ({\"data\": [{\"log\", \"createdAt\", ...}]}) or a Slack channel export "
                "(a list of messages with \"ts\")")
    if not found:
        raise RecordError(f"{path}: no events in this {kind} record")
    return kind, sorted(found, key=lambda event: event.at)
