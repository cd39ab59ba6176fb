"""Detection: how incidents were found — by our alerts, or by customers and colleagues first.

The *report share* is the fraction of incidents (with a known ``detection``) found by a
``customer-report`` or an ``internal-report`` rather than by monitoring: each is a detection
gap. Per quarter, per service (an incident counts once for each service it affected) and
overall.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from linter.incident import Incident
from linter.reports.periods import quarter_of

REPORTED = ("customer-report", "internal-report")


@dataclass(frozen=True)
class DetectionRow:
    label: str  # a quarter, a service, or "all"
    incidents: int  # with a known detection source
    by_source: dict[str, int]  # detection value -> incidents, most frequent first
    reported: int  # found by customer-report or internal-report

    @property
    def share(self) -> float | None:
        return self.reported / self.incidents if self.incidents else None

    def count(self, source: str) -> int:
        return self.by_source.get(source, 0)


@dataclass(frozen=True)
class Detection:
    overall: DetectionRow
    quarters: tuple[DetectionRow, ...]  # oldest first
    services: tuple[DetectionRow, ...]  # highest report share first, then most incidents
    unknown: int  # incidents without a detection value


def _row(label: str, incidents: Iterable[Incident]) -> DetectionRow:
    counts: dict[str, int] = defaultdict(int)
    for incident in incidents:
        counts[incident.detection] += 1
    ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return DetectionRow(label, sum(counts.values()), ordered, sum(counts[source] for source in REPORTED))


def _grouped(incidents: list[Incident], keys: Callable[[Incident], Iterable[str]]) -> dict[str, list[Incident]]:
    groups: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        for key in keys(incident):
            groups[key].append(incident)
    return groups


def detection(incidents: list[Incident]) -> Detection:
    known = [incident for incident in incidents if incident.detection]
    by_quarter = _grouped(known, lambda incident: (quarter_of(incident.date),))
    by_service = _grouped(known, lambda incident: incident.services)
    services = [_row(service, group) for service, group in by_service.items()]
    services.sort(key=lambda row: (-(row.share or 0), -row.incidents, row.label))
    return Detection(
        overall=_row("all", known),
        quarters=tuple(_row(quarter, by_quarter[quarter]) for quarter in sorted(by_quarter)),
        services=tuple(services),
        unknown=len(incidents) - len(known),
    )
