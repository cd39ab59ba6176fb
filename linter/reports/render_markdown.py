"""The pattern report as Markdown: one function per section, shared by the CLI and the site.

``document()`` is what ``postmortem report`` prints; the site (``site_config.report_pages``)
puts the same sections on its report pages, adding links and charts through ``Links``. Every value
from a postmortem goes through ``formatting.text``/``code`` (see there: nothing a pull
request writes can become HTML or markup). Long lists are capped; the JSON has everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from linter.reports import chart_text
from linter.reports import formatting as fmt
from linter.reports.analysis import PatternReport
from linter.reports.glance import glance, severities_per_quarter
from linter.incident import MEASURE_LABELS, MEASURES
from linter.reports.response import ALL_QUARTERS

SHOWN_QUARTERS = 8  # per-quarter tables show the latest quarters; the JSON has all
LIST_CAP = 50


def _none(_: str) -> str | None:
    return None


@dataclass(frozen=True)
class Links:
    """Where things are: on the site, pages and incidents; on the command line, nowhere."""

    incident: Callable[[str], str | None] = _none  # incident id -> link target
    chart: Callable[[str], str | None] = _none  # chart name -> image target (site only)


def heading(level: int, title: str) -> str:
    return f"{'#' * level} {title}\n"


def ref(ident: str, links: Links) -> str:
    return fmt.link(fmt.text(ident), links.incident(ident))


def refs(idents, links: Links, separator: str = ", ", limit: int = 12) -> str:
    """Links to incidents; past ``limit``, the first two, an ellipsis and the latest ones."""
    idents = list(idents)
    if len(idents) <= limit:
        return separator.join(ref(ident, links) for ident in idents)
    head, tail = idents[:2], idents[-(limit - 2):]
    return (separator.join(ref(ident, links) for ident in head) + f"{separator}… {len(idents) - limit} more …{separator}"
            + separator.join(ref(ident, links) for ident in tail))


def _more(shown: int, total: int, what: str) -> str:
    return f"\n_…and {total - shown} more {what} (see `patterns.json` or `postmortem report --format json`)._\n" if total > shown else ""


def _chart(name: str, alt: str, links: Links) -> str:
    target = links.chart(name)
    return f"\n![{fmt.text(alt)}]({target})\n" if target else ""


def _recent(quarters) -> list[str]:
    return list(quarters)[-SHOWN_QUARTERS:]


# --- sections ---------------------------------------------------------------------------------


def overview(report: PatternReport, links: Links, level: int = 2) -> str:
    options = report.options
    out = [heading(level, "Overview")]
    if not report.incidents:
        return "".join(out) + "\nNo incidents to report on.\n"
    first, last = report.incidents[0].date, report.incidents[-1].date
    tracker = report.actions
    out.append(f"\n{fmt.count(len(report.incidents), 'incident')} from {first} to {last}; figures as of {options.today}.\n\n")
    gaps = report.recurring.gaps
    out.append(f"- **Systemic gaps:** {len(gaps)} (a category or factor in {options.min_incidents}+ incidents within "
               f"{options.window_days} days)\n")
    repeats = report.repeats.repeats
    late = sum(1 for r in repeats if r.fix == "late")
    held = sum(1 for r in repeats if r.fix == "did-not-hold")
    out.append(f"- **Repeat incidents:** {len(repeats)} ({late} where the fix was late, {held} where it did not hold)\n")
    overall = report.detection.overall
    out.append(f"- **Found by a report, not an alert:** {fmt.share(overall.reported, overall.incidents, 'incidents')}\n")
    out.append(f"- **Response lag** (detection to mitigation over {options.lag_minutes} min): "
               f"{fmt.count(len(report.response.lagging), 'incident')}\n")
    totals = tracker.totals
    out.append(f"- **Action items:** {totals.open} open ({totals.overdue} overdue), {totals.done} done of {totals.total}; "
               f"the open backlog is {tracker.trend}\n")
    if report.slo is not None and report.slo.quarters:
        latest = max(period.label for period in report.slo.quarters)
        over = [p for p in report.slo.quarters if p.label == latest and p.burned > 1]
        breaches = [p for p in report.slo.quarters if p.label == latest and p.breached]
        out.append(f"- **Error budget, {latest}:** {fmt.count(len(over), 'service')} over budget, "
                   f"{fmt.count(len(breaches), 'service')} below an SLA tier\n")
    out.append(f"- **Postmortems past their deadline:** {len(report.late)} (a review is due {options.review_days} days and "
               f"publication {options.publish_days} days after resolution)\n")
    out.append(_glance_section(report, links, level + 1))
    if gaps:
        out.append("\n" + heading(level + 1, "Systemic gaps"))
        out.append("".join(f"\n- {_gap_sentence(gap, links)}" for gap in gaps[:LIST_CAP]) + "\n")
        out.append(_more(min(len(gaps), LIST_CAP), len(gaps), "gaps"))
    if report.late:
        out.append("\n" + heading(level + 1, "Postmortems past their deadline"))
        out.append("\n" + _late_table(report, links))
    if tracker.overdue:
        out.append("\n" + heading(level + 1, "Oldest overdue action items"))
        out.append("\n" + _overdue_table(report, tracker.overdue[:options.overdue_listed], links))
        out.append(_more(min(len(tracker.overdue), options.overdue_listed), len(tracker.overdue), "overdue items"))
    if report.skipped:
        out.append("\n" + heading(level + 1, "Left out"))
        out.append("".join(f"\n- {fmt.text(reason)}" for reason in report.skipped[:LIST_CAP]) + "\n")
    return "".join(out)


def _glance_section(report: PatternReport, links: Links, level: int) -> str:
    """This quarter beside the last, in a table and in the four charts a lead asks for."""
    options = report.options
    quarters = glance(report.incidents, report.quarters, options.severities, report.detection, report.actions)
    if not quarters:
        return ""
    in_progress = quarters[-1].label == report.actions.backlog[-1].label if report.actions.backlog else False
    headers = [""] + [q.label + (f" (to {options.today})" if in_progress and q is quarters[-1] else "") for q in quarters]
    rows = [["Incidents", *(str(q.incidents) for q in quarters)]]
    rows += [[f"– {fmt.text(severity)}", *(str(q.by_severity.get(severity, 0)) for q in quarters)]
             for severity in quarters[-1].by_severity]
    rows.append(["Median time to mitigate", *(fmt.duration(q.mitigate_minutes) for q in quarters)])
    rows.append(["Found by an alert", *(fmt.share(q.by_alert, q.detected) for q in quarters)])
    rows.append(["Open action items at the close", *("–" if q.open_items is None else str(q.open_items) for q in quarters)])
    rows.append(["– of them overdue", *("–" if q.overdue_items is None else str(q.overdue_items) for q in quarters)])
    out = ["\n" + heading(level, "The quarter at a glance") + "\n", fmt.table(headers, rows, "l" + "r" * len(quarters))]
    per_quarter = severities_per_quarter(report.incidents, report.quarters, options.severities)
    out.append(_chart("severity", chart_text.severity_text(per_quarter), links))
    out.append(_chart("time_to_mitigate", chart_text.response_text(report.response, "time_to_mitigate",
                                                                    MEASURE_LABELS["time_to_mitigate"], report.quarters), links))
    out.append(_chart("detection", chart_text.detection_text(report.detection, report.quarters), links))
    if report.actions.totals.total:
        out.append(_chart("backlog", chart_text.backlog_text(report.actions), links))
    return "".join(out)


def _late_table(report: PatternReport, links: Links) -> str:
    rows = [[ref(incident.id, links), fmt.text(incident.title, 120), fmt.text(incident.status or ""),
             f"{missed.days} d", "publication" if missed.deadline == "publish" else "review"]
            for incident, missed in report.late[:LIST_CAP]]
    return (fmt.table(["Incident", "Title", "Status", "Since resolved", "Deadline missed"], rows, "lllrl")
            + _more(min(len(report.late), LIST_CAP), len(report.late), "late postmortems"))


def _gap_sentence(gap, links: Links) -> str:
    count = len(gap.incidents)
    kind = "root-cause category" if gap.kind == "category" else "contributing factor"
    from linter.reports.recurring import number_word

    return (f"{fmt.code(gap.name)} ({kind}) appears in {count} incidents since {gap.first:%Y-%m} "
            f"({refs(gap.incidents, links)}): treat as one systemic fix, not {number_word(count)}")


def _counts_table(counts: dict[str, dict[str, int]], quarters: list[str], label: str) -> str:
    rows = [[fmt.text(name)] + [str(per.get(q, 0) or "") for q in quarters] + [str(sum(per.values()))]
            for name, per in counts.items()]
    return fmt.table([label, *quarters, "Total"], rows, "l" + "r" * (len(quarters) + 1))


_GAP_STATE = {"unaddressed": "**no fix planned**", "recurring": "**fixed one incident at a time, still recurring**",
              "open": "fix planned, none done", "fixed": "fixed, not seen since"}


def _gap_fixes_table(report: PatternReport, links: Links) -> str:
    """Each gap with the action items (across its incidents) that address it; unaddressed first."""
    rows = []
    for fix in report.gap_fixes:
        done = [item for item in fix.items if item.done]
        shown = (done or list(fix.items))[:3]
        items = "; ".join(f"{ref(item.incident_id, links)}: {fmt.prose(item.action, 100)}"
                          f" ({'done' if item.done else 'due ' + item.due.isoformat() if item.due else 'open'})"
                          for item in shown)
        more = len(fix.items) - len(shown)
        state = _GAP_STATE[fix.state]
        if fix.state == "recurring":
            state += (f": {fmt.count(fix.incidents_after_fix, 'incident')} after the first fix "
                      f"(closed {fix.first_fix_on.isoformat()})")
        rows.append([fmt.code(fix.gap.name), state, (items or "–") + (f"; {more} more" if more > 0 else "")])
    return ("\nAn action item addresses a gap when it names it or has the words of its remedy (a canary for "
            "`no-canary`, an alert for `missing-alert`; docs/reports.md lists them).\n\n"
            + fmt.table(["Gap", "State", "Addressing items"], rows))


def recurring_section(report: PatternReport, links: Links, level: int = 2) -> str:
    recurring = report.recurring
    out = [heading(level, "Recurring causes")]
    out.append(f"\nA root-cause category or contributing factor in {recurring.min_incidents} or more incidents within "
               f"{recurring.window_days} days is a systemic gap: one fix for all of them, not one per incident.\n")
    if recurring.gaps:
        out.append("".join(f"\n- {_gap_sentence(gap, links)}" for gap in recurring.gaps) + "\n")
        out.append("\n" + heading(level + 1, "Were they fixed?"))
        out.append(_gap_fixes_table(report, links))
    else:
        out.append("\nNo systemic gaps.\n")
    quarters = _recent(recurring.quarters)
    if recurring.categories:
        out.append("\n" + heading(level + 1, "Root-cause categories per quarter") + "\n")
        out.append(_counts_table(recurring.categories, quarters, "Category"))
    if recurring.factors:
        out.append("\n" + heading(level + 1, "Contributing factors per quarter") + "\n")
        out.append(_counts_table(recurring.factors, quarters, "Factor"))
    if len(recurring.quarters) > len(quarters):
        out.append(f"\n_Latest {len(quarters)} quarters shown; Total counts every quarter._\n")
    return "".join(out)


def repeats_section(report: PatternReport, links: Links, level: int = 2) -> str:
    found = report.repeats
    out = [heading(level, "Repeat incidents")]
    out.append("\nA repeat shares a service and the root-cause category with an earlier incident; it is judged "
               "against the previous one's action items (a done item counts as done on its due date).\n")
    if not found.repeats:
        return "".join(out) + "\nNo repeat incidents.\n"
    rows = [[ref(r.incident, links), str(r.date), ref(r.previous, links), str(r.days_after), fmt.code(r.category),
             ", ".join(fmt.code(s) for s in r.shared_services), f"**{r.fix_label}**",
             f"{r.open_items} ({r.overdue_items} past due)" if r.open_items else "0"]
            for r in found.repeats[-LIST_CAP:][::-1]]
    out.append("\n" + fmt.table(["Incident", "Date", "Repeats", "Days after", "Category", "Shared services", "Fix",
                                 "Previous items open"], rows, "lllr"))
    out.append(_more(min(len(found.repeats), LIST_CAP), len(found.repeats), "repeats"))
    if found.chains:
        out.append("\n" + heading(level + 1, "Chains"))
        out.append("".join(f"\n- {fmt.code(chain.category)} on {', '.join(fmt.code(s) for s in chain.services)}: "
                           f"{refs(chain.incidents, links, ' → ')}" for chain in found.chains[:LIST_CAP]) + "\n")
        out.append(_more(min(len(found.chains), LIST_CAP), len(found.chains), "chains"))
    return "".join(out)


def _detection_rows(rows, sources: list[str], label) -> list[list[str]]:
    return [[label(row.label), str(row.incidents), *[str(row.count(s)) for s in sources],
             str(row.incidents - sum(row.count(s) for s in sources)), fmt.percent(row.share)] for row in rows]


def detection_section(report: PatternReport, links: Links, level: int = 2) -> str:
    found = report.detection
    sources = ["alert", "customer-report", "internal-report"]
    headers = ["Incidents", "Alert", "Customer report", "Internal report", "Other", "Found by a report"]
    out = [heading(level, "Detection")]
    out.append(f"\nFound by a customer or an internal report rather than an alert: "
               f"**{fmt.share(found.overall.reported, found.overall.incidents, 'incidents')}** with a known detection"
               + (f" ({found.unknown} without one)" if found.unknown else "") + ".\n")
    out.append(_chart("detection", chart_text.detection_text(found, report.quarters), links))
    if found.quarters:
        out.append("\n" + heading(level + 1, "Per quarter") + "\n")
        out.append(fmt.table(["Quarter", *headers], _detection_rows(found.quarters[-SHOWN_QUARTERS:], sources, str), "lrrrrrr"))
    if found.services:
        out.append("\n" + heading(level + 1, "Per service") + "\n")
        out.append(fmt.table(["Service", *headers], _detection_rows(found.services[:LIST_CAP], sources, fmt.text), "lrrrrrr"))
        out.append(_more(min(len(found.services), LIST_CAP), len(found.services), "services"))
    return "".join(out)


def _stat_cell(stat) -> str:
    return f"{fmt.duration(stat.median)} / {fmt.duration(stat.p90)} ({stat.count})" if stat else "–"


def response_section(report: PatternReport, links: Links, level: int = 2) -> str:
    found = report.response
    quarters = _recent(found.quarters)
    out = [heading(level, "Response times")]
    out.append("\nMedian / 90th percentile (incidents) per severity; the latest quarters and all quarters together.\n")
    for measure in MEASURES:
        if not found.stats.get(measure):
            continue
        out.append("\n" + heading(level + 1, MEASURE_LABELS[measure].capitalize()))
        out.append(_chart(measure, chart_text.response_text(found, measure, MEASURE_LABELS[measure], report.quarters), links))
        rows = [[fmt.text(severity)] + [_stat_cell(found.stat(measure, severity, q)) for q in quarters]
                + [_stat_cell(found.stat(measure, severity, ALL_QUARTERS))]
                for severity in found.severities if found.stat(measure, severity)]
        out.append("\n" + fmt.table(["Severity", *quarters, "All"], rows, "l" + "r" * (len(quarters) + 1)))
    out.append("\n" + heading(level + 1, "Mean time between incidents per service") + "\n")
    rows = [[fmt.text(row.service), str(row.incidents), str(row.first), str(row.last),
             f"{row.mean_days:.1f} days" if row.mean_days is not None else "–"] for row in found.intervals[:LIST_CAP]]
    out.append(fmt.table(["Service", "Incidents", "First", "Last", "Mean interval"], rows, "lrllr") or "No incidents.\n")
    out.append(_more(min(len(found.intervals), LIST_CAP), len(found.intervals), "services"))
    out.append("\n" + heading(level + 1, f"Response lag over {found.lag_threshold} minutes") + "\n")
    if found.lagging:
        out.append(f"{fmt.count(len(found.lagging), 'incident')} took more than {found.lag_threshold} minutes from detection to "
                   "mitigation: users kept waiting after we knew.\n\n")
        rows = [[ref(lag.incident, links), str(lag.date), fmt.text(lag.severity or "–"), fmt.duration(lag.minutes)]
                for lag in found.lagging[:LIST_CAP]]
        out.append(fmt.table(["Incident", "Date", "Severity", "Detection to mitigation"], rows, "lllr"))
        out.append(_more(min(len(found.lagging), LIST_CAP), len(found.lagging), "incidents"))
    else:
        out.append(f"No incident took more than {found.lag_threshold} minutes from detection to mitigation.\n")
    return "".join(out)


def _overdue_table(report: PatternReport, entries, links: Links) -> str:
    # The incident next to the date: the two a reader scans by, before the long action text.
    rows = [[str(e.item.due), ref(e.item.incident_id, links), str(e.days), fmt.text(e.item.priority or "–"),
             fmt.text(e.item.owner or "–"), fmt.prose(e.item.action, 160),
             fmt.external_link(e.item.link, report.options.ticket_url) if e.item.link else "–"]
            for e in entries]
    return fmt.table(["Due", "Incident", "Days overdue", "Priority", "Owner", "Action", "Link"], rows, "llr")


def _counts_rows(groups: dict, label) -> list[list[str]]:
    return [[label(name), str(c.open), str(c.overdue), str(c.done), str(c.total)] for name, c in groups.items()]


def actions_section(report: PatternReport, links: Links, level: int = 2) -> str:
    tracker = report.actions
    totals = tracker.totals
    out = [heading(level, "Action items")]
    out.append(f"\nAs of {tracker.today}: **{totals.open} open** ({totals.overdue} overdue), {totals.done} done, "
               f"{totals.total} in all. The open backlog is **{tracker.trend}**.\n")
    if not totals.total:
        return "".join(out)
    out.append(_chart("backlog", chart_text.backlog_text(tracker), links))
    out.append("\n" + heading(level + 1, "By priority") + "\n")
    out.append(fmt.table(["Priority", "Open", "Overdue", "Done", "Total"], _counts_rows(tracker.by_priority, fmt.text), "lrrrr"))
    out.append("\n" + heading(level + 1, "By owner") + "\n")
    owners = dict(list(tracker.by_owner.items())[:LIST_CAP])
    out.append(fmt.table(["Owner", "Open", "Overdue", "Done", "Total"], _counts_rows(owners, fmt.text), "lrrrr"))
    out.append(_more(len(owners), len(tracker.by_owner), "owners"))
    out.append("\n" + heading(level + 1, "Oldest overdue") + "\n")
    listed = tracker.overdue[:report.options.overdue_listed]
    out.append(_overdue_table(report, listed, links) or "Nothing is overdue.\n")
    out.append(_more(len(listed), len(tracker.overdue), "overdue items"))
    out.append("\n" + heading(level + 1, "Backlog over time") + "\n")
    rows = [[point.label, str(point.as_of), str(point.open), str(point.overdue)] for point in tracker.backlog[-SHOWN_QUARTERS * 2:]]
    out.append("Open items at each quarter's close (the next quarter's first day) and today; a done item counts "
               "as closed on its due date.\n\n")
    out.append(fmt.table(["Quarter", "As of", "Open", "Overdue"], rows, "llrr"))
    unfinished = [c for c in tracker.completion if c.done < c.total]
    out.append("\n" + heading(level + 1, "Incidents with open items") + "\n")
    rows = [[ref(c.incident, links), str(c.date), f"{c.done} of {c.total}"] for c in unfinished[:LIST_CAP]]
    out.append(fmt.table(["Incident", "Date", "Done"], rows, "llr") or "Every incident's action items are done.\n")
    out.append(_more(min(len(unfinished), LIST_CAP), len(unfinished), "incidents"))
    return "".join(out)


SHOWN_MONTHS = 6


def _minutes(value: float) -> str:
    return f"{value:,.0f} min" if value >= 10 else f"{value:,.1f} min"


def _slo_rows(periods, links: Links, credits: bool) -> list[list[str]]:
    rows = []
    for period in periods:
        burned = "–" if period.budget == 0 else f"{round(100 * period.burned)}%"
        row = [period.label, fmt.code(period.service), _minutes(period.budget), _minutes(period.consumed),
               f"**{burned}**" if period.burned > 1 else burned, f"{period.availability:.3f}%",
               ", ".join(f"{tier:g}%" for tier in period.breached) or "–"]
        if credits:
            row.append(f"{period.credit:g}%" if period.credit else "–")
        rows.append(row + [refs(period.incidents, links)])
    return rows


def slo_section(report: PatternReport, links: Links, level: int = 2) -> str:
    out = [heading(level, "SLOs and error budget")]
    slo = report.slo
    if slo is None:
        return "".join(out) + ("\nNo SLOs are configured: add `[tool.postmortem.reports.slo]` (docs/reports.md) to see "
                               "the error budget each incident consumed (`impact.slo_budget_minutes`).\n")
    out.append("\nEach incident consumes its `impact.slo_budget_minutes` from the budget of every service it lists; "
               "availability counts those minutes as unavailable. Over budget in **bold**.\n")
    credits = slo.settings.credits is not None
    headers = ["Period", "Service", "Budget", "Consumed", "Burned", "Availability", "SLA breached",
               *(["Credit owed"] if credits else []), "Incidents"]
    if slo.quarters:
        out.append("\n" + heading(level + 1, "Per quarter"))
        image = _chart("slo", "Error budget burned per quarter, per service", links)
        out.append(image)
        out.append("\n" + fmt.table(headers, _slo_rows(slo.quarters, links, credits), "llrrrrl" + ("r" if credits else "") + "l"))
    if slo.months:
        recent = sorted({period.label for period in slo.months})[-SHOWN_MONTHS:]
        out.append("\n" + heading(level + 1, "Per month"))
        out.append("\n" + fmt.table(headers, _slo_rows([p for p in slo.months if p.label in recent], links, credits),
                                     "llrrrrl" + ("r" if credits else "") + "l"))
        if len(recent) < len({period.label for period in slo.months}):
            out.append(f"\n_The {len(recent)} latest months with an incident shown; the JSON has every month._\n")
    if not slo.months:
        out.append("\nNo incident with `impact.slo_budget_minutes` touches a service with an SLO.\n")
    if slo.unconfigured:
        out.append(f"\nServices that consumed budget but have no SLO configured: "
                   f"{', '.join(fmt.code(service) for service in slo.unconfigured)}.\n")
    return "".join(out)


def quarterly_section(report: PatternReport, links: Links, level: int = 2) -> str:
    review = report.quarterly
    out = [heading(level, f"Quarterly review: {review.quarter}")]
    out.append(f"\n{review.start} to {review.end}: {fmt.count(len(review.incidents), 'incident')}"
               + (" (" + ", ".join(f"{n} {fmt.text(s)}" for s, n in review.by_severity.items()) + ")" if review.by_severity else "")
               + ".\n")
    if review.incidents:
        rows = [[ref(i.id, links), str(i.date), fmt.text(i.severity or "–"), fmt.text(i.title, 160),
                 ", ".join(fmt.code(s) for s in i.services), fmt.code(i.category) if i.category else "–"]
                for i in review.incidents[:LIST_CAP]]
        out.append("\n" + fmt.table(["Incident", "Date", "Severity", "Title", "Services", "Category"], rows))
        out.append(_more(min(len(review.incidents), LIST_CAP), len(review.incidents), "incidents"))
    if review.detection:
        out.append(f"\nFound by a report rather than an alert: {fmt.share(review.detection.reported, review.detection.incidents)}.\n")
    out.append("\n" + heading(level + 1, "Systemic gaps"))
    out.append("".join(f"\n- {_gap_sentence(gap, links)}" for gap in review.gaps) + "\n" if review.gaps
               else "\nNo systemic gap includes this quarter's incidents.\n")
    out.append("\n" + heading(level + 1, "Repeat incidents"))
    out.append("".join(f"\n- {ref(r.incident, links)} repeats {ref(r.previous, links)} ({fmt.code(r.category)} on "
                       f"{', '.join(fmt.code(s) for s in r.shared_services)}, {r.days_after} days later): **{r.fix_label}**"
                       for r in review.repeats) + "\n" if review.repeats else "\nNo repeat incidents.\n")
    out.append("\n" + heading(level + 1, "Response lag"))
    out.append("".join(f"\n- {ref(lag.incident, links)}: {fmt.duration(lag.minutes)} from detection to mitigation"
                       for lag in review.lagging) + "\n" if review.lagging else "\nNo response-lag incidents.\n")
    out.append("\n" + heading(level + 1, "Overdue at the quarter's close, still open") + "\n")
    shown = review.overdue[:LIST_CAP]
    out.append(_overdue_table(report, shown, links) or "Nothing was overdue.\n")
    out.append(_more(len(shown), len(review.overdue), "overdue items"))
    return "".join(out)


SECTIONS = (overview, recurring_section, repeats_section, detection_section, response_section, actions_section,
            slo_section, quarterly_section)


def document(report: PatternReport, links: Links = Links()) -> str:
    """The whole report, as ``postmortem report`` prints it."""
    parts = [heading(1, "Pattern report")]
    parts += ["\n" + section(report, links, 2) for section in SECTIONS]
    return "".join(parts)


def related_list(related, links: Links) -> str:
    """Related incidents of one postmortem, as a Markdown list (for a page that wants Markdown)."""
    if not related:
        return ""
    lines = []
    for entry in related:
        reason = "; ".join(fmt.text(part) for part in entry.reasons)
        lines.append(f"- {ref(entry.incident, links)} ({reason}; score {entry.score:.2f})")
    return "\n".join(lines) + "\n"


def related_section(report: PatternReport, related: dict, links: Links = Links(), level: int = 2) -> str:
    """Every incident's related earlier incidents (``postmortem report --related``), newest first."""
    out = ["\n" + heading(level, "Related incidents")]
    out.append("\nThe most similar earlier incidents: shared services, category and factors, and similar text.\n")
    listed = [incident for incident in reversed(report.incidents) if related.get(incident.id)]
    for incident in listed:
        out.append(f"\n{ref(incident.id, links)}: {fmt.text(incident.title, 160)}\n\n{related_list(related[incident.id], links)}")
    if not listed:
        out.append("\nNo incident has a similar earlier one.\n")
    return "".join(out)
