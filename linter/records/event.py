"""What every incident record becomes: events in UTC, some of them lifecycle milestones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone


class RecordError(Exception):
    """A record that cannot be read: the message names the file and the entry (exit code 2)."""


@dataclass(frozen=True)
class Event:
    at: datetime  # aware, UTC
    text: str  # untrusted: escaped when rendered
    actor: str | None = None
    milestone: str | None = None  # one of formatspec.LIFECYCLE_KEYS, when the record says so


def field(entry: dict, key: str, where: str, kind=str):
    """``entry[key]`` of the expected type, or a RecordError naming ``where``."""
    value = entry.get(key)
    if not isinstance(value, kind):
        raise RecordError(f"{where}: '{key}' is missing or not a {kind.__name__}")
    return value


def iso_time(value, where: str, key: str) -> datetime:
    """An ISO 8601 timestamp with a zone (``Z`` or an offset), converted to UTC."""
    if not isinstance(value, str):
        raise RecordError(f"{where}: '{key}' is missing or not a string")
    try:
        moment = datetime.fromisoformat(_for_fromisoformat(value.strip()))
    except ValueError:
        raise RecordError(f"{where}: '{key}' {value[:40]!r} is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        raise RecordError(f"{where}: '{key}' {value[:40]!r} has no zone (Z or an offset); cannot convert it to UTC")
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        raise RecordError(f"{where}: '{key}' {value[:40]!r} is out of range") from None


_FRACTION = re.compile(r"(T\d{2}:\d{2}:\d{2})\.(\d+)")


def _for_fromisoformat(text: str) -> str:
    """The forms Python 3.10's ``fromisoformat`` refuses and 3.11's reads: a ``Z`` for UTC, and
    a fraction of a second with other than 3 or 6 digits (``.41`` from Opsgenie, nanoseconds)."""
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    return _FRACTION.sub(lambda match: f"{match[1]}.{match[2][:6].ljust(6, '0')}", text, count=1)


def summary_of(value) -> str | None:
    """The ``summary`` (or ``name``) of a PagerDuty-style reference object, or the string itself."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("summary", "name"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None
