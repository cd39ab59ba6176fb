"""The quarter at a glance: what a lead opening the reports wants first, this quarter beside the last.

Per quarter: incidents by severity, the median time to mitigate, the share found by an alert, and
the open and overdue action items at the quarter's close (today, for the quarter in progress).
Every figure comes from the other reports' results, so the overview never disagrees with them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from linter.incident import Incident
from linter.reports.actions import Actions
from linter.reports.detection import Detection
from linter.reports.periods import median, quarter_of

SHOWN = 2  # the quarter of the latest incident or of today, whichever is later, and the one before


@dataclass(frozen=True)
class QuarterGlance:
    label: str  # "2026-Q4"
    incidents: int
    by_severity: dict[str, int]  # in the configured order, then any other seen
    mitigate_minutes: float | None  # median time to mitigate, every severity together
    detected: int  # incidents with a known detection
    by_alert: int
    open_items: int | None  # at the quarter's close; None when the backlog has no point for it
    overdue_items: int | None

    @property
    def alert_share(self) -> float | None:
        return self.by_alert / self.detected if self.detected else None


def severities_per_quarter(incidents: tuple[Incident, ...] | list[Incident], quarters, severities) -> dict[str, dict[str, int]]:
    """Quarter -> severity -> incidents, for every quarter asked (zero where there were none)."""
    counts = {quarter: Counter() for quarter in quarters}
    for incident in incidents:
        if incident.date is not None and quarter_of(incident.date) in counts:
            counts[quarter_of(incident.date)][incident.severity or "unknown"] += 1
    seen = {severity for counter in counts.values() for severity in counter}
    order = [s for s in severities if s in seen] + sorted(seen - set(severities))
    return {quarter: {severity: counter[severity] for severity in order} for quarter, counter in counts.items()}


def glance(incidents, quarters, severities, detection: Detection, actions: Actions) -> tuple[QuarterGlance, ...]:
    """The last ``SHOWN`` quarters, oldest first (none without incidents)."""
    if not incidents:
        return ()
    shown = list(quarters)
    today = quarter_of(actions.today)
    if not shown or shown[-1] < today:
        shown.append(today)
    shown = shown[-SHOWN:]
    per_severity = severities_per_quarter(incidents, shown, severities)
    by_quarter = {row.label: row for row in detection.quarters}
    backlog = {point.label: point for point in actions.backlog}
    found = []
    for label in shown:
        mitigations = [incident.minutes.get("time_to_mitigate") for incident in incidents
                       if incident.date is not None and quarter_of(incident.date) == label]
        row = by_quarter.get(label)
        point = backlog.get(label)
        found.append(QuarterGlance(
            label, sum(per_severity[label].values()), per_severity[label],
            median([minutes for minutes in mitigations if minutes is not None and minutes >= 0]),
            row.incidents if row else 0, row.count("alert") if row else 0,
            point.open if point else None, point.overdue if point else None))
    return tuple(found)
