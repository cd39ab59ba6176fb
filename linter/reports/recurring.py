"""Recurring causes: root-cause categories and contributing factors per quarter, systemic gaps.

A *systemic gap* is a category or factor that appears in at least ``min_incidents`` incidents
whose dates span at most ``window_days`` days (inclusive: 3 incidents exactly 180 days apart
qualify). Overlapping qualifying windows merge into one gap, so a factor that keeps coming
back is one finding listing every incident, not several overlapping ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable

from linter.incident import Incident
from linter.reports.periods import quarter_of

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def number_word(count: int) -> str:
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


@dataclass(frozen=True)
class SystemicGap:
    kind: str  # "category" (root cause) or "factor" (contributing factor)
    name: str
    incidents: tuple[str, ...]  # ids, oldest first
    first: date
    last: date

    @property
    def sentence(self) -> str:
        count = len(self.incidents)
        return (f"{self.name} appears in {count} incidents since {self.first:%Y-%m} ({', '.join(self.incidents)}): "
                f"treat as one systemic fix, not {number_word(count)}")


@dataclass(frozen=True)
class Recurring:
    quarters: tuple[str, ...]
    categories: dict[str, dict[str, int]]  # name -> quarter -> incidents (quarters without any left out)
    factors: dict[str, dict[str, int]]
    gaps: tuple[SystemicGap, ...]
    min_incidents: int
    window_days: int


def counts_per_quarter(incidents: Iterable[Incident], labels: Callable[[Incident], Iterable[str]]) -> dict[str, dict[str, int]]:
    """``{label: {quarter: count}}``, most frequent label first (then by name)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for incident in incidents:
        for label in labels(incident):
            counts[label][quarter_of(incident.date)] += 1
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return {label: dict(sorted(per_quarter.items())) for label, per_quarter in ordered}


def _category(incident: Incident) -> tuple[str, ...]:
    return (incident.category,) if incident.category else ()


def _factors(incident: Incident) -> tuple[str, ...]:
    return incident.factors


def clusters(dated: list[tuple[date, str]], min_incidents: int, window_days: int) -> list[list[tuple[date, str]]]:
    """Runs of dated incidents where every member lies in a window of ``min_incidents`` or more
    incidents spanning at most ``window_days`` days; overlapping windows merge. Input sorted."""
    needed = max(min_incidents, 1)
    found: list[list[tuple[date, str]]] = []
    covered_to = -1  # index of the last incident already in the current cluster
    left = 0
    for right in range(len(dated)):
        while (dated[right][0] - dated[left][0]).days > window_days:
            left += 1
        if right - left + 1 < needed:
            continue
        if found and left <= covered_to:
            found[-1].extend(dated[covered_to + 1:right + 1])
        else:
            found.append(list(dated[left:right + 1]))
        covered_to = right
    return found


def systemic_gaps(incidents: list[Incident], min_incidents: int, window_days: int) -> list[SystemicGap]:
    ordered = sorted(incidents, key=lambda incident: incident.order_key)
    gaps: list[SystemicGap] = []
    for kind, labels in (("category", _category), ("factor", _factors)):
        by_label: dict[str, list[tuple[date, str]]] = defaultdict(list)
        for incident in ordered:
            for label in labels(incident):
                by_label[label].append((incident.date, incident.id))
        for label, dated in by_label.items():
            for cluster in clusters(dated, min_incidents, window_days):
                gaps.append(SystemicGap(kind, label, tuple(ident for _, ident in cluster), cluster[0][0], cluster[-1][0]))
    gaps.sort(key=lambda gap: (-len(gap.incidents), gap.first, gap.kind, gap.name))
    return gaps


def recurring(incidents: list[Incident], quarters: tuple[str, ...], min_incidents: int, window_days: int) -> Recurring:
    return Recurring(
        quarters=quarters,
        categories=counts_per_quarter(incidents, _category),
        factors=counts_per_quarter(incidents, _factors),
        gaps=tuple(systemic_gaps(incidents, min_incidents, window_days)),
        min_incidents=min_incidents,
        window_days=window_days,
    )
