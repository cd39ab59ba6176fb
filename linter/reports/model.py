"""The ``Incident`` record the reports aggregate, built once from a parsed ``Document``.

Records are small and picklable (the loader builds them in worker processes), and tolerant:
a frontmatter value of the wrong type is treated as absent, never as an error — the linter
reports it; the reports just leave that incident out of the numbers that need it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from linter.lifecycle import derived_minutes, lifecycle
from linter.priorities import DEFAULT_SCHEME, Scheme, report_priority
from linter.timestamps import parse_date

# The derived times, in the order the reports show them (names as linter.lifecycle returns them).
MEASURES: tuple[str, ...] = ("time_to_detect", "time_to_acknowledge", "time_to_mitigate", "time_to_resolve")


@dataclass(frozen=True)
class Action:
    """One action item, with the incident it came from."""

    incident_id: str
    incident_date: date
    action: str
    owner: str  # "" when the cell is missing
    due: date | None
    priority: str  # "" when missing
    status: str
    done: bool
    link: str
    line: int

    @property
    def closed_on(self) -> date | None:
        """When a done item is taken to have been closed: its due date (never before the incident).

        The format records no completion date, so the due date stands in for it: the reports
        that need "when" (repeats, the backlog over time) say so. ``None`` while open.
        """
        if not self.done:
            return None
        return max(self.due, self.incident_date) if self.due else self.incident_date


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    date: date
    severity: str | None
    status: str | None
    services: tuple[str, ...]
    category: str | None  # root_cause_category
    factors: tuple[str, ...]  # contributing_factors
    detection: str | None
    times: dict[str, datetime] = field(hash=False, compare=False)  # lifecycle timestamps (UTC)
    minutes: dict[str, float | None] = field(hash=False, compare=False)  # derived times
    actions: tuple[Action, ...] = ()
    summary: str = ""
    root_cause: str = ""
    path: str = ""  # the file as the linter shows it
    budget_minutes: float | None = None  # impact.slo_budget_minutes: error budget consumed

    @property
    def text(self) -> str:
        """What text similarity compares: the summary and the root cause."""
        return f"{self.title}\n{self.summary}\n{self.root_cause}"

    @property
    def started(self) -> datetime | None:
        return self.times.get("started_at")

    @property
    def order_key(self) -> tuple:
        """Chronological order: date, then start time when known, then id (stable for ties)."""
        started = self.started
        return (self.date, started.isoformat() if started else "", self.id)

    def lag_minutes(self) -> float | None:
        """Detection to mitigation, in minutes: the response-lag measure."""
        detected, mitigated = self.times.get("detected_at"), self.times.get("mitigated_at")
        if detected is None or mitigated is None:
            return None
        return (mitigated - detected).total_seconds() / 60


class NotAnIncident(ValueError):
    """The document lacks what every report needs (a usable id and date)."""


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    seen: dict[str, None] = {}
    for item in value:
        if isinstance(item, str) and item.strip():
            seen.setdefault(item.strip(), None)
    return tuple(seen)


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(value.strip()) if isinstance(value, str) else None


def _minutes(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else None


def _section_text(document, name: str) -> str:
    section = document.section(name)
    return section.text if section is not None else ""


def from_document(document, priority_scheme: Scheme = DEFAULT_SCHEME) -> Incident:
    """The record of one postmortem; raises ``NotAnIncident`` without a usable id and date."""
    meta = document.meta
    identifier = _string(meta.get("id"))
    day = _date(meta.get("date"))
    if identifier is None or day is None:
        missing = "id" if identifier is None else "date"
        raise NotAnIncident(f"{document.path}: no usable '{missing}' in the frontmatter; left out of the reports")
    actions = tuple(_action(identifier, day, item, priority_scheme) for item in document.action_items)
    return Incident(
        id=identifier,
        title=_string(meta.get("title")) or identifier,
        date=day,
        severity=_string(meta.get("severity")),
        status=_string(meta.get("status")),
        services=_strings(meta.get("services")),
        category=_string(meta.get("root_cause_category")),
        factors=_strings(meta.get("contributing_factors")),
        detection=_string(meta.get("detection")),
        times=lifecycle(meta),
        minutes=derived_minutes(meta),
        actions=actions,
        summary=_section_text(document, "Summary"),
        root_cause=_section_text(document, "Root cause"),
        path=document.path,
        budget_minutes=_minutes((meta.get("impact") or {}).get("slo_budget_minutes") if isinstance(meta.get("impact"), dict) else None),
    )


def _action(identifier: str, day: date, item, priority_scheme: Scheme) -> Action:
    return Action(
        incident_id=identifier,
        incident_date=day,
        action=item.get("action"),
        owner=item.get("owner"),
        due=parse_date(item.get("due")),
        priority=report_priority(item.get("priority"), priority_scheme) if item.get("priority") else "",
        status=item.get("status") or ("done" if item.checked else "open" if item.checked is False else ""),
        done=item.done,
        link=item.get("link"),
        line=item.line,
    )
