"""Opsgenie alert activity logs: the Alert API's ``GET /v2/alerts/{id}/logs`` response.

Each log has ``log`` (the text), ``type`` (``system``, ``alertRecipient``, ...), ``owner``,
``createdAt`` (ISO 8601) and ``offset`` (the paging cursor). Which action a log records is only in
its text ("Alert created via API", "Alert acknowledged via web", "Alert closed by ..."), so the
milestones are read from the words Opsgenie writes, anchored at the start of the text.
"""

from __future__ import annotations

import re

from linter.records.event import Event, RecordError, field, iso_time

_ACTIONS = (
    (re.compile(r"^\s*(\[[^\]]*\]\s*)?alert (is |was )?created\b", re.I), "detected_at"),
    (re.compile(r"^\s*(\[[^\]]*\]\s*)?alert (is |was )?acknowledged\b", re.I), "acknowledged_at"),
    (re.compile(r"^\s*(\[[^\]]*\]\s*)?alert (is |was )?closed\b", re.I), "resolved_at"),
)


def entries_of(data) -> list | None:
    """The logs when ``data`` is a response body (``data``: [...]) or a bare list of logs, else None."""
    logs = data.get("data") if isinstance(data, dict) else data
    if isinstance(logs, list) and logs and all(
            isinstance(item, dict) and "createdAt" in item and "log" in item for item in logs):
        return logs
    return None


def milestone_of(text: str) -> str | None:
    for pattern, key in _ACTIONS:
        if pattern.search(text):
            return key
    return None


def events(data, source: str) -> list[Event]:
    result = []
    for index, entry in enumerate(entries_of(data) or []):
        where = f"{source}: log {index}" + (f" (offset {entry['offset']})" if isinstance(entry.get("offset"), str) else "")
        text = field(entry, "log", where).strip()
        if not text:
            raise RecordError(f"{where}: 'log' is empty")
        at = iso_time(entry.get("createdAt"), where, "createdAt")
        owner = entry.get("owner") if isinstance(entry.get("owner"), str) and entry["owner"].strip() else None
        result.append(Event(at, text, owner, milestone_of(text)))
    return result
