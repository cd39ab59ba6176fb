"""The pattern report as JSON: every number, uncapped, for other tools (``reports/patterns.json``).

Dates are ISO strings, durations minutes rounded to 0.1, shares fractions rounded to 0.001.
Key order is fixed, the output compact and byte-for-byte reproducible for the same input and
"today". ``schema_version`` changes when a key changes meaning or disappears.
"""

from __future__ import annotations

import json
from typing import Callable

from linter.reports.actions import Counts, Overdue
from linter.reports.analysis import PatternReport
from linter.reports.detection import DetectionRow
from linter.reports.periods import rounded
from linter.reports.response import Stat

SCHEMA_VERSION = 1


def _counts(counts: Counts) -> dict:
    return {"open": counts.open, "overdue": counts.overdue, "done": counts.done, "total": counts.total}


def _detection_row(row: DetectionRow) -> dict:
    return {"label": row.label, "incidents": row.incidents, "by_source": row.by_source, "reported": row.reported,
            "report_share": rounded(row.share, 3)}


def _stat(stat: Stat) -> dict:
    return {"count": stat.count, "median": rounded(stat.median), "p90": rounded(stat.p90)}


def _overdue(entry: Overdue) -> dict:
    item = entry.item
    return {"incident": item.incident_id, "line": item.line, "action": item.action, "owner": item.owner,
            "priority": item.priority, "due": item.due.isoformat(), "days_overdue": entry.days, "link": item.link}


def to_data(report: PatternReport, related: dict | None = None, url_for: Callable[[str], str | None] | None = None) -> dict:
    options = report.options
    data: dict = {
        "schema_version": SCHEMA_VERSION,
        "today": options.today.isoformat(),
        "since": options.since.isoformat() if options.since else None,
        "settings": {"systemic_min_incidents": options.min_incidents, "systemic_window_days": options.window_days,
                     "response_lag_minutes": options.lag_minutes},
        "incidents": [
            {"id": i.id, "title": i.title, "date": i.date.isoformat(), "severity": i.severity or None,
             "status": i.status or None, "services": list(i.services), "root_cause_category": i.category or None,
             "contributing_factors": list(i.factors), "detection": i.detection or None, "path": i.path,
             **({"url": url_for(i.id)} if url_for else {}),
             "minutes": {key: rounded(value) for key, value in i.minutes.items()},
             "detection_to_mitigation": rounded(i.lag_minutes()),
             "action_items": {"done": sum(a.done for a in i.actions), "total": len(i.actions)}}
            for i in report.incidents],
        "skipped": list(report.skipped),
        "quarters": list(report.quarters),
    }
    if report.slo is not None:
        def periods(group):
            return [{"period": p.label, "service": p.service, "budget_minutes": round(p.budget, 2),
                     "consumed_minutes": p.consumed, "burned": round(p.burned, 4) if p.budget else None,
                     "availability_percent": round(p.availability, 4), "sla_tiers_breached": list(p.breached),
                     "credit_percent": p.credit, "incidents": list(p.incidents)} for p in group]
        data["slo"] = {"months": periods(report.slo.months), "quarters": periods(report.slo.quarters),
                       "services_without_slo": list(report.slo.unconfigured)}
    data["late_postmortems"] = [{"incident": incident.id, "status": incident.status, "days_since_resolved": missed.days,
                                 "deadline": missed.deadline, "deadline_days": missed.allowed}
                                for incident, missed in report.late]
    recurring = report.recurring
    data["recurring"] = {
        "categories": recurring.categories,
        "factors": recurring.factors,
        "systemic_gaps": [{"kind": g.kind, "name": g.name, "incidents": list(g.incidents), "first": g.first.isoformat(),
                           "last": g.last.isoformat(), "sentence": g.sentence} for g in recurring.gaps],
        "gap_fixes": [{"kind": f.gap.kind, "name": f.gap.name, "state": f.state,
                       "first_fix_on": f.first_fix_on.isoformat() if f.first_fix_on else None,
                       "incidents_after_fix": f.incidents_after_fix,
                       "items": [{"incident": a.incident_id, "action": a.action, "owner": a.owner or None,
                                  "due": a.due.isoformat() if a.due else None, "done": a.done} for a in f.items]}
                      for f in report.gap_fixes],
    }
    data["repeats"] = {
        "repeats": [{"incident": r.incident, "date": r.date.isoformat(), "previous": r.previous,
                     "previous_date": r.previous_date.isoformat(), "days_after": r.days_after, "category": r.category,
                     "shared_services": list(r.shared_services), "fix": r.fix, "fix_label": r.fix_label,
                     "previous_open_items": r.open_items, "previous_overdue_items": r.overdue_items}
                    for r in report.repeats.repeats],
        "chains": [{"category": c.category, "incidents": list(c.incidents), "services": list(c.services)}
                   for c in report.repeats.chains],
    }
    found = report.detection
    data["detection"] = {"overall": _detection_row(found.overall), "quarters": [_detection_row(r) for r in found.quarters],
                         "services": [_detection_row(r) for r in found.services], "unknown": found.unknown}
    response = report.response
    data["response"] = {
        "severities": list(response.severities),
        "quarters": list(response.quarters),
        "stats": {measure: {severity: {quarter: _stat(stat) for quarter, stat in cells.items()}
                            for severity, cells in per_severity.items()}
                  for measure, per_severity in response.stats.items()},
        "mean_time_between_incidents": [
            {"service": row.service, "incidents": row.incidents, "first": row.first.isoformat(),
             "last": row.last.isoformat(), "mean_days": rounded(row.mean_days)} for row in response.intervals],
        "lag_threshold_minutes": response.lag_threshold,
        "lagging": [{"incident": lag.incident, "date": lag.date.isoformat(), "severity": lag.severity or None,
                     "minutes": rounded(lag.minutes)} for lag in response.lagging],
    }
    tracker = report.actions
    data["actions"] = {
        "today": tracker.today.isoformat(),
        "totals": _counts(tracker.totals),
        "by_priority": {name: _counts(c) for name, c in tracker.by_priority.items()},
        "by_owner": {name: _counts(c) for name, c in tracker.by_owner.items()},
        "overdue": [_overdue(entry) for entry in tracker.overdue],
        "completion": [{"incident": c.incident, "done": c.done, "total": c.total} for c in tracker.completion],
        "backlog": [{"label": p.label, "as_of": p.as_of.isoformat(), "open": p.open, "overdue": p.overdue}
                    for p in tracker.backlog],
        "trend": tracker.trend,
    }
    review = report.quarterly
    data["quarterly"] = {
        "quarter": review.quarter, "start": review.start.isoformat(), "end": review.end.isoformat(),
        "incidents": [i.id for i in review.incidents], "by_severity": review.by_severity,
        "systemic_gaps": [g.sentence for g in review.gaps],
        "repeats": [{"incident": r.incident, "previous": r.previous, "fix": r.fix} for r in review.repeats],
        "lagging": [lag.incident for lag in review.lagging],
        "detection": _detection_row(review.detection) if review.detection else None,
        "overdue": [_overdue(entry) for entry in review.overdue],
    }
    if related is not None:
        data["related"] = {ident: [{"incident": r.incident, "score": r.score, "shared_services": list(r.shared_services),
                                    "same_category": r.same_category, "shared_factors": list(r.shared_factors)}
                                   for r in entries]
                           for ident, entries in related.items()}
    return data


def dumps(report: PatternReport, related: dict | None = None, url_for: Callable[[str], str | None] | None = None) -> str:
    # Compact: at 10,000 incidents indentation would triple the size, and it makes json use
    # its pure-Python encoder, many times slower; pipe through `python -m json.tool` to read.
    return json.dumps(to_data(report, related, url_for), ensure_ascii=False, separators=(",", ":")) + "\n"
