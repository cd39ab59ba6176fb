"""Run every report once over the corpus: one ``PatternReport`` for the CLI, the JSON and the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from linter.reports.actions import Actions, actions
from linter.deadlines import Missed, missed_deadline
from linter.reports.detection import Detection, detection
from linter.reports.gap_fixes import GapFix, gap_fixes
from linter.priorities import DEFAULT_SCHEME, Scheme
from linter.incident import Incident, from_document
from linter.reports.options import ReportOptions
from linter.reports.periods import quarters_between
from linter.reports.quarterly import QuarterlyReview, quarterly
from linter.reports.recurring import Recurring, recurring
from linter.reports.repeats import Repeats, repeats
from linter.reports.response import Response, response
from linter.reports.slo import SloReport, slo_report


@dataclass(frozen=True)
class PatternReport:
    options: ReportOptions
    incidents: tuple[Incident, ...]  # the incidents reported on (after --since), oldest first
    skipped: tuple[str, ...]  # why some files are left out (no id or date, duplicate id)
    quarters: tuple[str, ...]  # from the first incident's quarter to the last one's
    recurring: Recurring
    repeats: Repeats
    detection: Detection
    response: Response
    actions: Actions
    quarterly: QuarterlyReview
    gap_fixes: tuple[GapFix, ...] = ()  # each systemic gap with the action items that address it
    late: tuple[tuple[Incident, Missed], ...] = ()  # drafts and reviews past their deadline, longest late first
    slo: SloReport | None = None  # None without [tool.postmortem.reports.slo]
    by_id: dict[str, Incident] = field(default_factory=dict, repr=False, compare=False)

    def incident(self, identifier: str) -> Incident | None:
        return self.by_id.get(identifier)


def incidents_from_documents(documents: Iterable, priority_scheme: Scheme = DEFAULT_SCHEME) -> tuple[list[Incident], list[str]]:
    """The reportable incidents of the documents (``reportable``); messages for the rest.

    Priorities are read on the reports' P0–P3 scale through ``priority_scheme``."""
    incidents: list[Incident] = []
    skipped: list[str] = []
    for document in documents:
        if getattr(document, "read_error", None):
            skipped.append(f"{document.path}: unreadable; left out of the reports")
        else:
            incidents.append(from_document(document, priority_scheme))
    kept, lacking = reportable(incidents)
    return kept, skipped + lacking


def reportable(incidents: Iterable[Incident]) -> tuple[list[Incident], list[str]]:
    """The incidents every report can count (they have an id and a date); messages for the rest."""
    kept: list[Incident] = []
    skipped: list[str] = []
    for incident in incidents:
        if incident.missing:
            skipped.append(f"{incident.path}: no usable '{incident.missing}' in the frontmatter; left out of the reports")
        else:
            kept.append(incident)
    return kept, skipped


def unique(incidents: Iterable[Incident]) -> tuple[list[Incident], list[str]]:
    """One record per id (the first by path): a duplicate id would merge two incidents' numbers."""
    kept: dict[str, Incident] = {}
    skipped: list[str] = []
    for incident in sorted(incidents, key=lambda incident: incident.path):
        if incident.id in kept:
            skipped.append(f"{incident.path}: id {incident.id} is also used by {kept[incident.id].path}; left out of the reports")
        else:
            kept[incident.id] = incident
    return sorted(kept.values(), key=lambda incident: incident.order_key), skipped


def chosen_incidents(incidents: Iterable[Incident], options: ReportOptions) -> tuple[list[Incident], list[str]]:
    """The incidents a report counts (one per id, from ``since`` on), and why any was left out:
    what ``analyze(...).incidents`` holds."""
    chosen, duplicates = unique(incidents)
    if options.since is not None:
        chosen = [incident for incident in chosen if incident.date >= options.since]
    return chosen, duplicates


def analyze(incidents: Iterable[Incident], options: ReportOptions, skipped: Iterable[str] = ()) -> PatternReport:
    chosen, duplicates = chosen_incidents(incidents, options)
    quarters = tuple(quarters_between(chosen[0].date, chosen[-1].date)) if chosen else ()
    found_repeats = repeats(chosen)
    found_detection = detection(chosen)
    found_response = response(chosen, list(options.severities), options.lag_minutes)
    found_recurring = recurring(chosen, quarters, options.min_incidents, options.window_days)
    tracker = actions(chosen, options.today)
    review = quarterly(options.today, chosen, options.severities, found_recurring.gaps, found_repeats.repeats,
                       found_response.lagging, found_detection, tracker, options.min_incidents)
    by_id = {incident.id: incident for incident in chosen}
    late = []
    for incident in chosen:
        resolved = incident.times.get("resolved_at")
        missed = missed_deadline(incident.status, resolved.date() if resolved else None, options.today,
                                 options.review_days, options.publish_days)
        if missed is not None:
            late.append((incident, missed))
    late.sort(key=lambda pair: (-pair[1].days, pair[0].id))
    return PatternReport(options, tuple(chosen), tuple(skipped) + tuple(duplicates), quarters, found_recurring,
                         found_repeats, found_detection, found_response, tracker, review,
                         gap_fixes(found_recurring.gaps, by_id), tuple(late), slo_report(chosen, options.slo), by_id)
