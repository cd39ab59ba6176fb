"""Repeat incidents: the same root-cause category on a service that already had it.

An incident is a *repeat* when an earlier incident (earlier by date, start time, then id) has
the same ``root_cause_category`` and shares at least one service. It is compared with the
most recent such incident, *the previous one*, whose action items should have prevented it.

The format records no completion date for an action item, so a done item is taken to have
been closed on its due date (``Action.closed_on``). Judged at the repeat's date, the fix was:

- ``late``: an item of the previous incident is still open and was already past due;
- ``pending``: items are still open, none of them past due yet (the repeat came first);
- ``did-not-hold``: every item is done and was due before the repeat: the fix was in place
  and the incident came back anyway;
- ``undetermined``: every item is done now, but some were due on or after the repeat's date,
  so whether the fix preceded the repeat cannot be told from the files;
- ``no-action-items``: the previous incident lists none.

*Chains* group incidents linked this way (same category, each sharing a service with another
member), oldest first: the history of one recurring failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linter.incident import Incident

FIX_LABELS = {
    "late": "fix was late",
    "pending": "fix not yet due",
    "did-not-hold": "fix did not hold",
    "undetermined": "fix done, timing unknown",
    "no-action-items": "no action items",
}


@dataclass(frozen=True)
class Repeat:
    incident: str
    date: date
    previous: str  # the most recent earlier incident with the same category and a shared service
    previous_date: date
    category: str
    shared_services: tuple[str, ...]
    fix: str  # a key of FIX_LABELS
    open_items: int  # the previous incident's items still open today
    overdue_items: int  # ... of which were past due at the repeat's date

    @property
    def fix_label(self) -> str:
        return FIX_LABELS[self.fix]

    @property
    def days_after(self) -> int:
        return (self.date - self.previous_date).days


@dataclass(frozen=True)
class Chain:
    category: str
    incidents: tuple[str, ...]  # oldest first
    services: tuple[str, ...]  # services that link its members


@dataclass(frozen=True)
class Repeats:
    repeats: tuple[Repeat, ...]
    chains: tuple[Chain, ...]


def fix_status(previous: Incident, at: date) -> tuple[str, int, int]:
    """How the previous incident's action items stood at ``at``: (fix key, open now, past due)."""
    if not previous.actions:
        return "no-action-items", 0, 0
    still_open = [item for item in previous.actions if not item.done]
    past_due = [item for item in still_open if item.due is not None and item.due < at]
    if past_due:
        fix = "late"
    elif still_open:
        fix = "pending"
    elif all(item.closed_on < at for item in previous.actions):
        fix = "did-not-hold"
    else:
        fix = "undetermined"
    return fix, len(still_open), len(past_due)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression keeps 10,000 incidents linear
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


def repeats(incidents: list[Incident]) -> Repeats:
    ordered = sorted(incidents, key=lambda incident: incident.order_key)
    by_id = {incident.id: incident for incident in ordered}
    last_seen: dict[tuple[str, str], Incident] = {}  # (category, service) -> latest incident so far
    groups = _UnionFind()
    found: list[Repeat] = []
    for incident in ordered:
        if not incident.category:
            continue
        earlier = [last_seen[(incident.category, service)] for service in incident.services
                   if (incident.category, service) in last_seen]
        if earlier:
            previous = max(earlier, key=lambda other: other.order_key)
            for other in earlier:
                groups.union(incident.id, other.id)
            fix, still_open, past_due = fix_status(previous, incident.date)
            found.append(Repeat(
                incident=incident.id, date=incident.date, previous=previous.id, previous_date=previous.date,
                category=incident.category,
                shared_services=tuple(s for s in incident.services if s in previous.services),
                fix=fix, open_items=still_open, overdue_items=past_due,
            ))
        for service in incident.services:
            last_seen[(incident.category, service)] = incident
    return Repeats(tuple(found), tuple(_chains(found, groups, by_id)))


def _chains(found: list[Repeat], groups: _UnionFind, by_id: dict[str, Incident]) -> list[Chain]:
    members: dict[str, set[str]] = {}
    for repeat in found:
        for ident in (repeat.incident, repeat.previous):
            members.setdefault(groups.find(ident), set()).add(ident)
    chains: list[Chain] = []
    for idents in members.values():
        ordered = sorted((by_id[ident] for ident in idents), key=lambda incident: incident.order_key)
        service_counts: dict[str, int] = {}
        for incident in ordered:
            for service in incident.services:
                service_counts[service] = service_counts.get(service, 0) + 1
        linking = tuple(sorted(service for service, count in service_counts.items() if count > 1))
        chains.append(Chain(ordered[0].category or "", tuple(incident.id for incident in ordered), linking))
    chains.sort(key=lambda chain: (-len(chain.incidents), by_id[chain.incidents[0]].order_key))
    return chains
