"""The one model of a postmortem: an ``Incident``, built once from a parsed ``Document``.

The reports aggregate it (``linter.reports``) and the site shows it (``site_config``), so both
read every frontmatter value the same way. Reading is tolerant: a value of the wrong type is
treated as absent, never as an error — the linter reports it. Text fields are "" when absent;
a scalar where a list belongs counts as a list of one. Records are small and picklable (the
report loader builds them in worker processes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from linter import formatspec
from linter.document import Document
from linter.lifecycle import derived_minutes, lifecycle
from linter.priorities import DEFAULT_SCHEME, Scheme, report_priority
from linter.timestamps import parse_date

# The derived times (``Incident.minutes``), in the order the reports and the site show them.
MEASURES: tuple[str, ...] = ("time_to_detect", "time_to_acknowledge", "time_to_mitigate", "time_to_resolve")
MEASURE_LABELS: dict[str, str] = {measure: measure.replace("_", " ") for measure in MEASURES}


@dataclass(frozen=True)
class Action:
    """One action item, with the incident it came from."""

    incident_id: str
    incident_date: date | None
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
        if self.incident_date is None:
            return self.due
        return max(self.due, self.incident_date) if self.due else self.incident_date


@dataclass(frozen=True)
class Incident:
    id: str  # "" when absent
    title: str  # the title, else the id, else the file name
    date: date | None  # None when absent or malformed
    severity: str
    status: str
    services: tuple[str, ...]
    category: str  # root_cause_category
    factors: tuple[str, ...]  # contributing_factors
    detection: str
    times: dict[str, datetime] = field(hash=False, compare=False)  # lifecycle timestamps (UTC)
    minutes: dict[str, float | None] = field(hash=False, compare=False)  # derived times
    actions: tuple[Action, ...] = ()
    summary: str = ""  # the Summary section's text
    root_cause: str = ""  # the Root cause section's text
    path: str = ""  # the file as the linter shows it
    date_text: str = ""  # the date as written (shown when it is not a valid date)
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    commander: str = ""  # incident_commander
    related: tuple[str, ...] = ()  # ids the author listed
    impact: dict[str, int | float | bool] = field(default_factory=dict, hash=False, compare=False)  # known keys, typed

    @property
    def text(self) -> str:
        """What text similarity compares: the summary and the root cause."""
        return f"{self.title}\n{self.summary}\n{self.root_cause}"

    @property
    def started(self) -> datetime | None:
        return self.times.get("started_at")

    @property
    def budget_minutes(self) -> float | None:
        """impact.slo_budget_minutes: the error budget the incident consumed."""
        value = self.impact.get("slo_budget_minutes")
        return float(value) if value is not None and not isinstance(value, bool) and value >= 0 else None

    @property
    def missing(self) -> str | None:
        """What the reports need and the frontmatter lacks ("id", "date"), or None."""
        if not self.id:
            return "id"
        return "date" if self.date is None else None

    @property
    def order_key(self) -> tuple:
        """Chronological order: date, then start time when known, then id (stable for ties)."""
        started = self.started
        return (self.date or date.min, started.isoformat() if started else "", self.id)

    def lag_minutes(self) -> float | None:
        """Detection to mitigation, in minutes: the response-lag measure."""
        detected, mitigated = self.times.get("detected_at"), self.times.get("mitigated_at")
        if detected is None or mitigated is None:
            return None
        return (mitigated - detected).total_seconds() / 60


def _text(value: Any) -> str:
    """A scalar as text; containers (a wrong type) as nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return ""


def _texts(value: Any) -> tuple[str, ...]:
    """A list of scalars as texts, without blanks or repeats; a lone scalar as a list of one."""
    items = value if isinstance(value, list) else [value]
    out: dict[str, None] = {}
    for item in items:
        text = _text(item) if not isinstance(item, bool) else ""
        if text:
            out.setdefault(text, None)
    return tuple(out)


def _impact(value: Any) -> dict[str, int | float | bool]:
    """The known impact keys with a value of their type (data_loss: a boolean; others: a number)."""
    raw = value if isinstance(value, dict) else {}
    impact: dict[str, int | float | bool] = {}
    for key in formatspec.IMPACT_KEYS:
        item = raw.get(key)
        if isinstance(item, bool):
            if key == "data_loss":
                impact[key] = item
        elif isinstance(item, (int, float)):
            impact[key] = item
    return impact


def _section_text(document: Document, name: str) -> str:
    section = document.section(name)
    return section.text if section is not None else ""


def from_document(document: Document, priority_scheme: Scheme = DEFAULT_SCHEME) -> Incident:
    """The incident of one postmortem. Priorities are read on the reports' P0–P3 scale."""
    meta = document.meta
    identifier = _text(meta.get("id"))
    date_text = _text(meta.get("date"))
    day = parse_date(date_text)
    return Incident(
        id=identifier,
        title=_text(meta.get("title")) or identifier or document.path.rsplit("/", 1)[-1],
        date=day,
        severity=_text(meta.get("severity")),
        status=_text(meta.get("status")),
        services=_texts(meta.get("services")),
        category=_text(meta.get("root_cause_category")),
        factors=_texts(meta.get("contributing_factors")),
        detection=_text(meta.get("detection")),
        times=lifecycle(meta),
        minutes=derived_minutes(meta),
        actions=tuple(_action(identifier, day, item, priority_scheme) for item in document.action_items),
        summary=_section_text(document, "Summary"),
        root_cause=_section_text(document, "Root cause"),
        path=document.path,
        date_text=date_text,
        tags=_texts(meta.get("tags")),
        authors=_texts(meta.get("authors")),
        commander=_text(meta.get("incident_commander")),
        related=_texts(meta.get("related")),
        impact=_impact(meta.get("impact")),
    )


def _action(identifier: str, day: date | None, item, priority_scheme: Scheme) -> Action:
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
