"""PagerDuty incident log entries: the REST API's ``GET /incidents/{id}/log_entries`` response.

Each entry has a ``type`` (``trigger_log_entry``, ``acknowledge_log_entry``, ...), ``created_at``
(ISO 8601), ``agent`` and ``channel`` references and a server-written ``summary``. A note
(``annotate_log_entry``) carries its text in ``channel.summary``.
"""

from __future__ import annotations

from linter.records.event import Event, RecordError, field, iso_time, summary_of

MILESTONE_OF_TYPE = {
    "trigger_log_entry": "detected_at",
    "acknowledge_log_entry": "acknowledged_at",
    "resolve_log_entry": "resolved_at",
}
NOTE_TYPE = "annotate_log_entry"


def entries_of(data) -> list | None:
    """The log entries when ``data`` is a response body or a bare list of entries, else None."""
    if isinstance(data, dict) and isinstance(data.get("log_entries"), list):
        return data["log_entries"]
    if isinstance(data, list) and data and all(
            isinstance(item, dict) and str(item.get("type", "")).endswith("_log_entry") for item in data):
        return data
    return None


def events(data, source: str) -> list[Event]:
    result = []
    for index, entry in enumerate(entries_of(data) or []):
        if not isinstance(entry, dict):
            raise RecordError(f"{source}: log entry {index} is not an object")
        where = f"{source}: log entry {index}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
        kind = field(entry, "type", where)
        at = iso_time(entry.get("created_at"), where, "created_at")
        text = summary_of(entry.get("summary"))
        if kind == NOTE_TYPE:
            note = summary_of(entry.get("channel"))
            text = f"Note: {note}" if note else text
        if not text:
            text = kind.removesuffix("_log_entry").replace("_", " ").capitalize()
        result.append(Event(at, text, summary_of(entry.get("agent")), MILESTONE_OF_TYPE.get(kind)))
    return result
