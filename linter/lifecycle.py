"""The lifecycle timestamps of a postmortem as UTC datetimes, and the times derived from them."""

from __future__ import annotations

from datetime import datetime

from linter import formatspec
from linter.timestamps import parse_iso_timestamp


def written_stamps(meta: dict):
    """``(key, text, parsed)`` for every lifecycle timestamp written as a well-formed string."""
    for key in formatspec.LIFECYCLE_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            parsed = parse_iso_timestamp(value)
            if parsed.value is not None and not parsed.error:
                yield key, value, parsed


def lifecycle(meta: dict) -> dict[str, datetime]:
    """``{key: datetime}`` for every well-formed lifecycle timestamp (offsets converted to UTC)."""
    return {key: parsed.value for key, _, parsed in written_stamps(meta)}


def minutes_between(times: dict[str, datetime], first: str, second: str) -> float | None:
    if first in times and second in times:
        return (times[second] - times[first]).total_seconds() / 60
    return None


def derived_minutes(meta: dict) -> dict[str, float | None]:
    """Time to detect, acknowledge, mitigate and resolve, in minutes, as the format defines them."""
    times = lifecycle(meta)
    return {
        "time_to_detect": minutes_between(times, "started_at", "detected_at"),
        "time_to_acknowledge": minutes_between(times, "detected_at", "acknowledged_at"),
        "time_to_mitigate": minutes_between(times, "started_at", "mitigated_at"),
        "time_to_resolve": minutes_between(times, "started_at", "resolved_at"),
    }
