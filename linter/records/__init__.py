"""Incident records (PagerDuty, Opsgenie, Slack exports) read into timeline events.

Only files: nothing here calls a service. The format is recognised from the content, not the file
name. A record that cannot be read raises RecordError naming the file and the entry.
"""

from __future__ import annotations

import json
import os

from linter.records import opsgenie, pagerduty, slack
from linter.records.event import Event, RecordError

MAX_RECORD_BYTES = 32 * 1024 * 1024
FORMATS = ("pagerduty", "opsgenie", "slack")

__all__ = ["Event", "RecordError", "load", "read_json", "FORMATS"]


def read_json(path: str):
    """The parsed JSON of a file, or a RecordError saying why it cannot be read."""
    try:
        if os.path.getsize(path) > MAX_RECORD_BYTES:
            raise RecordError(f"{path}: larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB; not reading it")
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise RecordError(f"{path}: cannot read it: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordError(f"{path}: not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"{path}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise RecordError(f"{path}: JSON nested too deeply") from None


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
