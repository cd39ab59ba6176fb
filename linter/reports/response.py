"""Response times: how fast we detect, acknowledge, mitigate and resolve, and how often we fail.

- The four derived times (``linter.lifecycle``: detect = detected − started, acknowledge =
  acknowledged − detected, mitigate = mitigated − started, resolve = resolved − started), in
  minutes: median and 90th percentile (``periods.percentile``) per severity per quarter, and
  per severity over all quarters. A missing or negative time (timestamps out of order, which
  the linter reports) is left out.
- Mean time between incidents per service: the days from its first to its last incident
  divided by the gaps between them, by incident date; a service needs two incidents.
- Response lag: incidents whose detection-to-mitigation time exceeded the threshold
  (``response-lag-minutes``, default 30): the page went out, and users kept waiting.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from linter.incident import MEASURES, Incident
from linter.reports.periods import median, percentile, quarter_of

ALL_QUARTERS = "all"


@dataclass(frozen=True)
class Stat:
    count: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class ServiceInterval:
    service: str
    incidents: int
    first: date
    last: date

    @property
    def mean_days(self) -> float | None:
        return (self.last - self.first).days / (self.incidents - 1) if self.incidents > 1 else None


@dataclass(frozen=True)
class Lag:
    incident: str
    date: date
    severity: str  # "" when absent
    minutes: float


@dataclass(frozen=True)
class Response:
    severities: tuple[str, ...]  # in the configured order, then any others seen
    quarters: tuple[str, ...]
    # measure -> severity -> quarter (or "all") -> Stat; only cells with at least one value
    stats: dict[str, dict[str, dict[str, Stat]]]
    intervals: tuple[ServiceInterval, ...]  # shortest mean interval first; single-incident services last
    lag_threshold: int
    lagging: tuple[Lag, ...]  # longest lag first

    def stat(self, measure: str, severity: str, quarter: str = ALL_QUARTERS) -> Stat | None:
        return self.stats.get(measure, {}).get(severity, {}).get(quarter)


def _stat(values: list[float]) -> Stat:
    return Stat(len(values), median(values), percentile(values, 0.9))


def response(incidents: list[Incident], severities: list[str], lag_threshold: int) -> Response:
    values: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    seen_severities: set[str] = set()
    quarters: set[str] = set()
    for incident in incidents:
        if not incident.severity:
            continue
        quarter = quarter_of(incident.date)
        for measure in MEASURES:
            minutes = incident.minutes.get(measure)
            if minutes is None or minutes < 0:
                continue
            seen_severities.add(incident.severity)
            quarters.add(quarter)
            cell = values[measure][incident.severity]
            cell[quarter].append(minutes)
            cell[ALL_QUARTERS].append(minutes)
    stats = {measure: {severity: {quarter: _stat(numbers) for quarter, numbers in sorted(per_quarter.items())}
                       for severity, per_quarter in per_severity.items()}
             for measure, per_severity in values.items()}
    ordered = tuple(s for s in severities if s in seen_severities) + tuple(sorted(seen_severities - set(severities)))
    return Response(ordered, tuple(sorted(quarters)), stats, tuple(intervals(incidents)),
                    lag_threshold, tuple(lagging(incidents, lag_threshold)))


def intervals(incidents: list[Incident]) -> list[ServiceInterval]:
    dates: dict[str, list[date]] = defaultdict(list)
    for incident in incidents:
        for service in incident.services:
            dates[service].append(incident.date)
    found = [ServiceInterval(service, len(days), min(days), max(days)) for service, days in dates.items()]
    found.sort(key=lambda row: (row.mean_days is None, row.mean_days or 0, row.service))
    return found


def lagging(incidents: list[Incident], threshold: int) -> list[Lag]:
    found = []
    for incident in incidents:
        minutes = incident.lag_minutes()
        if minutes is not None and minutes > threshold:
            found.append(Lag(incident.id, incident.date, incident.severity, minutes))
    found.sort(key=lambda lag: (-lag.minutes, lag.date, lag.incident))
    return found
