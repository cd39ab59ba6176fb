"""The quarterly review: the last full quarter, as a lead reads it before the reliability review.

Its incidents; the systemic gaps that include at least one of them; its repeat incidents; its
response-lag incidents; how its incidents were detected; and the action items that were
overdue at its close (still open, due before the quarter ended) — from any incident, since
the backlog is what the review has to chase. Everything is as it stood at the quarter's close:
a gap lists the incidents up to then, and days overdue count to the quarter's last day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from linter.reports.actions import Actions, Overdue
from linter.reports.detection import Detection, DetectionRow
from linter.incident import Incident
from linter.reports.periods import last_full_quarter, next_quarter_start, quarter_end, quarter_of, quarter_start
from linter.reports.recurring import SystemicGap
from linter.reports.repeats import Repeat
from linter.reports.response import Lag


@dataclass(frozen=True)
class QuarterlyReview:
    quarter: str
    start: date
    end: date
    incidents: tuple[Incident, ...]  # oldest first
    by_severity: dict[str, int]
    gaps: tuple[SystemicGap, ...]
    repeats: tuple[Repeat, ...]
    lagging: tuple[Lag, ...]
    detection: DetectionRow | None
    overdue: tuple[Overdue, ...]  # overdue at the quarter's close and still open, oldest due date first


def quarterly(today: date, incidents: list[Incident], severities: tuple[str, ...], gaps: tuple[SystemicGap, ...],
              repeats: tuple[Repeat, ...], lagging: tuple[Lag, ...], detection: Detection, tracker: Actions,
              min_incidents: int = 3) -> QuarterlyReview:
    """The review judged at the quarter's close: gaps hold only the incidents known by then, and
    an item's days overdue count to the quarter's last day, not to today."""
    quarter = last_full_quarter(today)
    close = next_quarter_start(quarter)
    last_day = quarter_end(quarter)
    members = tuple(sorted((i for i in incidents if quarter_of(i.date) == quarter), key=lambda i: i.order_key))
    ids = {incident.id for incident in members}
    by_severity: dict[str, int] = {}
    for severity in severities:
        count = sum(1 for incident in members if incident.severity == severity)
        if count:
            by_severity[severity] = count
    others = sorted({i.severity or "(none)" for i in members} - set(severities))
    for severity in others:
        by_severity[severity] = sum(1 for i in members if (i.severity or "(none)") == severity)
    # Made directly, not with dataclasses.replace: at 10,000 incidents there are 35,000 of them.
    overdue = tuple(Overdue(entry.item, entry.title, (last_day - entry.item.due).days)
                    for entry in tracker.overdue if entry.item.due < close)
    dates = {incident.id: incident.date for incident in incidents}
    at_close = [replace(gap, incidents=known, last=max(dates[i] for i in known))
                for gap in gaps
                for known in [tuple(i for i in gap.incidents if i in dates and dates[i] < close)]
                if len(known) >= min_incidents and ids.intersection(known)]
    return QuarterlyReview(
        quarter=quarter,
        start=quarter_start(quarter),
        end=last_day,
        incidents=members,
        by_severity=by_severity,
        gaps=tuple(at_close),
        repeats=tuple(repeat for repeat in repeats if repeat.incident in ids),
        lagging=tuple(lag for lag in lagging if lag.incident in ids),
        detection=next((row for row in detection.quarters if row.label == quarter), None),
        overdue=overdue,
    )
