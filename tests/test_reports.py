"""The pattern reports, number by number, on a fixture corpus whose answers were worked out by hand.

``tests/fixtures/reports_corpus/`` holds ten short, lint-clean postmortems (A–J below), all
starting at 10:00 UTC; "today" is pinned to 2026-07-15, so the last full quarter is 2026-Q2.

    id           date        sev   services                cat             factors                       detection  det ack mit res (min after start)
 A  PM-2025-101  2025-08-05  SEV2  checkout                config          no-canary, stale-runbook      alert        5   8  45 120
 B  PM-2025-102  2025-09-16  SEV3  search                  model           missing-eval-case, missing-alert  customer  60  70 100 240
 C  PM-2025-103  2025-10-07  SEV2  checkout, payments      config          no-canary, missing-alert      customer    30  36  50  90
 D  PM-2025-104  2025-11-18  SEV1  payments                infrastructure  single-point-of-failure       alert        2   4  20  60
 E  PM-2025-105  2025-12-09  SEV3  search                  model           missing-eval-case, no-canary  internal   120 130 200 600
 F  PM-2026-101  2026-01-20  SEV2  support-agent           prompt          missing-eval-case             alert       10  12  30 100
 G  PM-2026-102  2026-02-01  SEV2  checkout                config          config-drift                  alert        4   5  25  50
 H  PM-2026-103  2026-04-14  SEV3  support-agent, search   prompt          missing-eval-case, missing-alert  customer  45  50  75 180
 I  PM-2026-104  2026-05-26  SEV2  payments                infrastructure  single-point-of-failure, untested-failover  alert  2  6  70 200
 J  PM-2026-105  2026-07-02  SEV4  notifications           dependency      (none)                        internal    20   –  40  60

Action items (owner, due, priority, status): A: kim 08-20 P1 done, li 09-01 P2 done · B: ravi
2025-10-15 P0 open, ravi 10-01 P1 done · C: li 10-20 P0 done, kim 2026-03-01 P2 open · D: kim
12-01 P0 done, ana 2026-01-15 P1 open · E: ravi 12-20 P0 done, jo 2026-09-30 P2 open · F: sam
01-30 P0 done, sam 05-01 P1 done · G: li 02-15 P1 done, li 07-15 P2 open · H: sam 04-30 P0
open, jo 08-01 P1 open · I: kim 06-10 P0 done, ana 07-10 P1 open · J: eva 07-31 P3 open.

The boundaries are deliberate: A→G (config) span exactly 180 days (inclusive: a gap);
missing-alert is in 3 incidents but never 3 within 180 days (B→H 210, C→H 189: no gap); H's
detection-to-mitigation lag is exactly 30 minutes (not over the threshold); G's open item is
due on "today" (not overdue); I's open item is due after the quarter closed (overdue today,
not at the close).
"""

from __future__ import annotations

import os
import json
import re
from datetime import date
from pathlib import Path

import pytest

from linter.config import Config, ConfigError, from_mapping
from linter.document import parse_text
from linter.reports import render_json, render_markdown
from linter.reports.analysis import analyze, incidents_from_documents
from linter.reports.loader import load_incidents
from linter.reports.options import options, resolve_today
from linter.reports.periods import last_full_quarter, percentile, quarter_of, quarters_between
from linter.reports.recurring import clusters
from tests.conftest import FIXTURES, clean_text, run_cli

CORPUS = FIXTURES / "reports_corpus"
TODAY = date(2026, 7, 15)
A, B, C, D, E = "PM-2025-101", "PM-2025-102", "PM-2025-103", "PM-2025-104", "PM-2025-105"
F, G, H, I, J = "PM-2026-101", "PM-2026-102", "PM-2026-103", "PM-2026-104", "PM-2026-105"


def report_for(config: Config | None = None, today: date = TODAY, since: date | None = None):
    config = config or Config()
    incidents, skipped = load_incidents([str(CORPUS)], config, jobs=1)
    return analyze(incidents, options(config, today, since), skipped)


@pytest.fixture(scope="module")
def report():
    return report_for()


def test_fixture_corpus_is_lint_clean_but_for_the_late_review(lint):
    code, findings = lint("--strict", "--today", TODAY.isoformat(), CORPUS)  # PM603 judges at a date
    assert [(f["code"], f["path"].rsplit("/", 1)[-1]) for f in findings] == [
        ("PM603", "2026-07-02-notifications-email-provider.md")]


def test_postmortems_past_their_deadline(report):
    """The in-review postmortem resolved on 07-02 is 13 days old at TODAY: past the 5-day publication deadline."""
    assert [(incident.id, missed.deadline, missed.days) for incident, missed in report.late] == [(J, "publish", 13)]
    later = report_for(today=date(2026, 7, 6))  # 4 days: on time
    assert later.late == ()


def test_every_fixture_becomes_an_incident(report):
    assert [incident.id for incident in report.incidents] == [A, B, C, D, E, F, G, H, I, J]
    assert report.skipped == ()
    assert report.quarters == ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")


# --- periods ----------------------------------------------------------------------------------


def test_percentile_interpolates_between_closest_ranks():
    assert percentile([2, 4, 5, 10, 30], 0.5) == 5
    assert percentile([2, 4, 5, 10, 30], 0.9) == pytest.approx(22.0)  # rank 3.6: 10 + 0.6 · 20
    assert percentile([4, 10], 0.5) == 7.0
    assert percentile([4, 10], 0.9) == pytest.approx(9.4)
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


def test_quarters():
    assert quarter_of(date(2026, 3, 31)) == "2026-Q1"
    assert quarter_of(date(2026, 4, 1)) == "2026-Q2"
    assert quarters_between(date(2025, 11, 2), date(2026, 4, 1)) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert last_full_quarter(date(2026, 7, 15)) == "2026-Q2"
    assert last_full_quarter(date(2026, 1, 1)) == "2025-Q4"


# --- recurring causes -------------------------------------------------------------------------


def test_root_cause_categories_per_quarter(report):
    assert report.recurring.categories == {
        "config": {"2025-Q3": 1, "2025-Q4": 1, "2026-Q1": 1},
        "infrastructure": {"2025-Q4": 1, "2026-Q2": 1},
        "model": {"2025-Q3": 1, "2025-Q4": 1},
        "prompt": {"2026-Q1": 1, "2026-Q2": 1},
        "dependency": {"2026-Q3": 1},
    }
    assert list(report.recurring.categories) == ["config", "infrastructure", "model", "prompt", "dependency"]


def test_contributing_factors_per_quarter(report):
    assert report.recurring.factors == {
        "missing-eval-case": {"2025-Q3": 1, "2025-Q4": 1, "2026-Q1": 1, "2026-Q2": 1},
        "missing-alert": {"2025-Q3": 1, "2025-Q4": 1, "2026-Q2": 1},
        "no-canary": {"2025-Q3": 1, "2025-Q4": 2},
        "single-point-of-failure": {"2025-Q4": 1, "2026-Q2": 1},
        "config-drift": {"2026-Q1": 1},
        "stale-runbook": {"2025-Q3": 1},
        "untested-failover": {"2026-Q2": 1},
    }
    assert list(report.recurring.factors)[:3] == ["missing-eval-case", "missing-alert", "no-canary"]


def test_systemic_gaps_and_their_incidents(report):
    gaps = [(gap.kind, gap.name, gap.incidents, gap.first, gap.last) for gap in report.recurring.gaps]
    assert gaps == [
        ("factor", "missing-eval-case", (B, E, F, H), date(2025, 9, 16), date(2026, 4, 14)),
        ("category", "config", (A, C, G), date(2025, 8, 5), date(2026, 2, 1)),
        ("factor", "no-canary", (A, C, E), date(2025, 8, 5), date(2025, 12, 9)),
    ]


def test_systemic_gap_sentence(report):
    assert report.recurring.gaps[0].sentence == (
        "missing-eval-case appears in 4 incidents since 2025-09 (PM-2025-102, PM-2025-105, PM-2026-101, PM-2026-103): "
        "treat as one systemic fix, not four")
    assert report.recurring.gaps[1].sentence.endswith("(PM-2025-101, PM-2025-103, PM-2026-102): treat as one systemic fix, not three")


def test_systemic_window_is_inclusive_and_configurable():
    narrower = report_for(from_mapping({"systemic-window-days": 179}))
    assert [gap.name for gap in narrower.recurring.gaps] == ["missing-eval-case", "no-canary"]  # A→G is 180 days
    wider = report_for(from_mapping({"systemic-window-days": 210}))
    assert "missing-alert" in [gap.name for gap in wider.recurring.gaps]  # B→H is 210 days
    stricter = report_for(from_mapping({"systemic-min-incidents": 4}))
    assert stricter.recurring.gaps == ()  # missing-eval-case's 4 incidents span 210 days
    four_in_210 = report_for(from_mapping({"systemic-min-incidents": 4, "systemic-window-days": 210}))
    assert [gap.name for gap in four_in_210.recurring.gaps] == ["missing-eval-case"]


def test_overlapping_windows_merge_and_distant_ones_do_not():
    days = [date(2025, 1, 1), date(2025, 1, 20), date(2025, 2, 10), date(2025, 3, 1),  # one run of 4
            date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)]  # a second run, far away
    found = clusters([(day, str(index)) for index, day in enumerate(days)], 3, 45)
    assert [[ident for _, ident in cluster] for cluster in found] == [["0", "1", "2", "3"], ["4", "5", "6"]]


# --- repeats ----------------------------------------------------------------------------------


def test_repeats_and_how_the_fix_stood(report):
    found = [(r.incident, r.previous, r.category, r.shared_services, r.days_after, r.fix, r.open_items, r.overdue_items)
             for r in report.repeats.repeats]
    assert found == [
        (C, A, "config", ("checkout",), 63, "did-not-hold", 0, 0),  # A's items done, due before C
        (E, B, "model", ("search",), 84, "late", 1, 1),  # B's eval case was due 2025-10-15, still open
        (G, C, "config", ("checkout",), 117, "pending", 1, 0),  # C's open alert item was due after G
        (H, F, "prompt", ("support-agent",), 84, "undetermined", 0, 0),  # F's items done, one due after H
        (I, D, "infrastructure", ("payments",), 189, "late", 1, 1),  # D's drill was due 2026-01-15, still open
    ]
    assert [r.fix_label for r in report.repeats.repeats][:2] == ["fix did not hold", "fix was late"]


def test_repeat_chains(report):
    chains = [(chain.category, chain.incidents, chain.services) for chain in report.repeats.chains]
    assert chains == [
        ("config", (A, C, G), ("checkout",)),
        ("model", (B, E), ("search",)),
        ("infrastructure", (D, I), ("payments",)),
        ("prompt", (F, H), ("support-agent",)),
    ]


# --- detection --------------------------------------------------------------------------------


def test_detection_overall_and_per_quarter(report):
    overall = report.detection.overall
    assert (overall.incidents, overall.reported, overall.share) == (10, 5, 0.5)
    assert overall.by_source == {"alert": 5, "customer-report": 3, "internal-report": 2}
    quarters = [(row.label, row.incidents, row.reported) for row in report.detection.quarters]
    assert quarters == [("2025-Q3", 2, 1), ("2025-Q4", 3, 2), ("2026-Q1", 2, 0), ("2026-Q2", 2, 1), ("2026-Q3", 1, 1)]
    assert report.detection.unknown == 0


def test_detection_per_service(report):
    services = [(row.label, row.incidents, row.reported, row.count("alert")) for row in report.detection.services]
    assert services == [("search", 3, 3, 0), ("notifications", 1, 1, 0), ("support-agent", 2, 1, 1),
                        ("checkout", 3, 1, 2), ("payments", 3, 1, 2)]


# --- response ---------------------------------------------------------------------------------


def _stats(report, measure, severity, quarter="all"):
    stat = report.response.stat(measure, severity, quarter)
    return (stat.count, stat.median, pytest.approx(stat.p90)) if stat else None


def test_response_times_per_severity_over_all_quarters(report):
    assert _stats(report, "time_to_detect", "SEV2") == (5, 5, 22.0)  # 2 4 5 10 30
    assert _stats(report, "time_to_acknowledge", "SEV2") == (5, 3, 5.2)  # 1 2 3 4 6
    assert _stats(report, "time_to_mitigate", "SEV2") == (5, 45, 62.0)  # 25 30 45 50 70
    assert _stats(report, "time_to_resolve", "SEV2") == (5, 100, 168.0)  # 50 90 100 120 200
    assert _stats(report, "time_to_detect", "SEV3") == (3, 60, 108.0)  # 45 60 120
    assert _stats(report, "time_to_mitigate", "SEV3") == (3, 100, 180.0)  # 75 100 200
    assert _stats(report, "time_to_mitigate", "SEV1") == (1, 20, 20)
    assert _stats(report, "time_to_acknowledge", "SEV4") is None  # J has no acknowledged_at
    assert _stats(report, "time_to_resolve", "SEV4") == (1, 60, 60)


def test_response_times_per_severity_per_quarter(report):
    assert _stats(report, "time_to_detect", "SEV2", "2026-Q1") == (2, 7.0, 9.4)  # F 10, G 4
    assert _stats(report, "time_to_mitigate", "SEV2", "2026-Q1") == (2, 27.5, 29.5)
    assert _stats(report, "time_to_resolve", "SEV2", "2026-Q1") == (2, 75.0, 95.0)
    assert _stats(report, "time_to_detect", "SEV3", "2025-Q4") == (1, 120, 120)
    assert _stats(report, "time_to_detect", "SEV2", "2026-Q3") is None
    assert set(report.response.stats["time_to_detect"]["SEV2"]) == {"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "all"}
    assert report.response.severities == ("SEV1", "SEV2", "SEV3", "SEV4")


def test_mean_time_between_incidents_per_service(report):
    intervals = [(row.service, row.incidents, row.mean_days) for row in report.response.intervals]
    assert intervals == [("support-agent", 2, 84.0), ("checkout", 3, 90.0), ("search", 3, 105.0),
                         ("payments", 3, 115.5), ("notifications", 1, None)]


def test_response_lag_incidents(report):
    lagging = [(lag.incident, lag.minutes) for lag in report.response.lagging]
    assert lagging == [(E, 80), (I, 68), (A, 40), (B, 40)]  # H is exactly 30: not over
    assert [lag.incident for lag in report_for(from_mapping({"response-lag-minutes": 29})).response.lagging] == [E, I, A, B, H]


# --- action items -----------------------------------------------------------------------------


def _counts(counts):
    return (counts.open, counts.overdue, counts.done, counts.total)


def test_action_item_totals_and_by_priority(report):
    tracker = report.actions
    assert _counts(tracker.totals) == (9, 5, 10, 19)
    assert {name: _counts(c) for name, c in tracker.by_priority.items()} == {
        "P0": (2, 2, 5, 7), "P1": (3, 2, 4, 7), "P2": (3, 1, 1, 4), "P3": (1, 0, 0, 1)}
    assert list(tracker.by_priority) == ["P0", "P1", "P2", "P3"]


def test_action_items_by_owner(report):
    owners = [(name, *_counts(c)) for name, c in report.actions.by_owner.items()]
    assert owners == [
        ("@payments/ana", 2, 2, 0, 2), ("@agents/sam", 1, 1, 2, 3), ("@ml/ravi", 1, 1, 2, 3), ("@sre/kim", 1, 1, 3, 4),
        ("@search/jo", 2, 0, 0, 2), ("@checkout/li", 1, 0, 3, 4), ("@notify/eva", 1, 0, 0, 1)]


def test_oldest_overdue_items(report):
    overdue = [(e.item.incident_id, e.item.due, e.days, e.item.link) for e in report.actions.overdue]
    assert overdue == [(B, date(2025, 10, 15), 273, "OPS-201"), (D, date(2026, 1, 15), 181, "OPS-401"),
                       (C, date(2026, 3, 1), 136, "OPS-301"), (H, date(2026, 4, 30), 76, "OPS-801"),
                       (I, date(2026, 7, 10), 5, "OPS-901")]  # G's item is due today: not overdue yet


def test_completion_per_incident(report):
    completion = [(c.incident, c.done, c.total) for c in report.actions.completion]
    assert completion == [(A, 2, 2), (B, 1, 2), (C, 1, 2), (D, 1, 2), (E, 1, 2), (F, 2, 2), (G, 1, 2), (H, 0, 2),
                          (I, 1, 2), (J, 0, 1)]


def test_backlog_over_time(report):
    backlog = [(p.label, p.as_of, p.open, p.overdue) for p in report.actions.backlog]
    assert backlog == [
        ("2025-Q3", date(2025, 10, 1), 2, 0),  # B's two items; B's done item was due 10-01
        ("2025-Q4", date(2026, 1, 1), 4, 1),
        ("2026-Q1", date(2026, 4, 1), 6, 3),  # F's done item counts open until its due date 05-01
        ("2026-Q2", date(2026, 7, 1), 8, 4),
        ("2026-Q3", TODAY, 9, 5),
    ]
    assert report.actions.trend == "growing"


def test_today_moves_overdue():
    later = report_for(today=date(2026, 7, 16))
    assert _counts(later.actions.totals) == (9, 6, 10, 19)  # G's item is now past due


# --- quarterly review -------------------------------------------------------------------------


def test_quarterly_review_of_the_last_full_quarter(report):
    review = report.quarterly
    assert (review.quarter, review.start, review.end) == ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
    assert [i.id for i in review.incidents] == [H, I]
    assert review.by_severity == {"SEV2": 1, "SEV3": 1}
    assert [gap.name for gap in review.gaps] == ["missing-eval-case"]
    assert [(r.incident, r.fix) for r in review.repeats] == [(H, "undetermined"), (I, "late")]
    assert [lag.incident for lag in review.lagging] == [I]
    assert (review.detection.incidents, review.detection.reported) == (2, 1)
    assert [e.item.incident_id for e in review.overdue] == [B, D, C, H]  # I's item was due after the close
    # As it stood at the close: days overdue to 2026-06-30 (not to today, 2026-07-15) ...
    assert [e.days for e in review.overdue] == [(date(2026, 6, 30) - e.item.due).days for e in review.overdue]
    assert [e.days for e in review.overdue] != [e.days for e in report.actions.overdue if e.item.due < date(2026, 7, 1)]



def test_the_quarterly_review_shows_a_gap_as_it_stood_at_the_close(report):
    """J (2026-07-02) joins a gap after 2026-Q2 closed: the Q2 review lists the gap without it,
    and a gap that only reached the threshold with J is not a Q2 gap at all."""
    from dataclasses import replace

    from linter.reports.quarterly import quarterly
    from linter.reports.recurring import SystemicGap

    dates = {incident.id: incident.date for incident in report.incidents}
    assert dates[J] == date(2026, 7, 2) and dates[H] < date(2026, 7, 1)
    grown = SystemicGap("factor", "grown", (F, G, H, J), dates[F], dates[J])
    late = SystemicGap("factor", "late", (H, I, J), dates[H], dates[J])
    review = quarterly(TODAY, list(report.incidents), ("SEV1", "SEV2", "SEV3"), (grown, late), (), (),
                       report.detection, report.actions)
    assert review.gaps == (replace(grown, incidents=(F, G, H), last=dates[H]),)


def test_quarterly_page_content(report):
    page = render_markdown.quarterly_section(report, render_markdown.Links(), 1)
    assert page.startswith("# Quarterly review: 2026-Q2\n")
    assert "2026-04-01 to 2026-06-30: 2 incidents (1 SEV2, 1 SEV3)." in page
    assert "missing-eval-case` (contributing factor) appears in 4 incidents since 2025-09" in page
    assert "PM-2026-104 repeats PM-2025-104 (`infrastructure` on `payments`, 189 days later): **fix was late**" in page
    assert "PM-2026-104: 1 h 8 min from detection to mitigation" in page
    assert page.count("| OPS-") == 4


# --- since ------------------------------------------------------------------------------------


def test_since_limits_the_incidents():
    later = report_for(since=date(2026, 1, 1))
    assert [incident.id for incident in later.incidents] == [F, G, H, I, J]
    assert [gap.name for gap in later.recurring.gaps] == []
    assert [(r.incident, r.previous) for r in later.repeats.repeats] == [(H, F)]


# --- related incidents ------------------------------------------------------------------------


def test_related_incidents_are_the_most_similar_earlier_ones(report):
    pytest.importorskip("scipy")
    from linter.reports.similar import related_incidents

    related = related_incidents(list(report.incidents))
    order = {incident.id: index for index, incident in enumerate(report.incidents)}
    assert related[A] == ()  # nothing earlier
    assert related[H][0].incident == F  # support agent, refund policy, prompt, missing-eval-case
    assert related[I][0].incident == D  # payments database, infrastructure, single point of failure
    assert related[E][0].incident == B  # search, model, missing-eval-case
    for ident, entries in related.items():
        assert all(order[entry.incident] < order[ident] for entry in entries)
        assert [entry.score for entry in entries] == sorted((entry.score for entry in entries), reverse=True)
    assert related_incidents(list(reversed(report.incidents))) == related  # input order does not matter
    assert max(len(entries) for entries in related_incidents(list(report.incidents), count=1).values()) == 1


def test_related_computed_in_a_process_of_its_own_are_the_same(report, monkeypatch):
    """Past FORK_FROM incidents ``postmortem report --related`` computes them on another core
    while it makes the report; a process that dies leaves the work to this one."""
    pytest.importorskip("scipy")
    import os

    from linter.reports import similar

    expected = similar.related_incidents(list(report.incidents))
    monkeypatch.setattr(similar, "FORK_FROM", 2)
    assert similar.related_meanwhile(list(report.incidents))() == expected

    def dies(sending, *arguments):
        os._exit(3)

    monkeypatch.setattr(similar, "_send_related", dies)
    assert similar.related_meanwhile(list(report.incidents))() == expected


def test_cli_related_in_a_process_of_its_own_prints_the_same(empty_config, tmp_path, monkeypatch):
    pytest.importorskip("scipy")
    from linter.reports import similar

    arguments = ("report", CORPUS, "--config", empty_config, "--today", "2026-07-15", "--format", "json", "--related")
    here = run_cli(*arguments)
    monkeypatch.setattr(similar, "FORK_FROM", 2)
    forked = run_cli(*arguments)
    assert (forked.code, forked.err) == (0, "") and forked.out == here.out
    assert '"related"' in forked.out


# --- the CLI prints what the functions compute ------------------------------------------------


def test_cli_json_equals_the_functions(report, empty_config, tmp_path):
    output = tmp_path / "patterns.json"
    result = run_cli("report", CORPUS, "--config", empty_config, "--today", "2026-07-15", "--format", "json", "-o", output)
    assert (result.code, result.err) == (0, "")
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data == json.loads(render_json.dumps(report))
    assert data["recurring"]["systemic_gaps"][0]["sentence"] == report.recurring.gaps[0].sentence
    assert data["actions"]["totals"] == {"open": 9, "overdue": 5, "done": 10, "total": 19}
    assert data["response"]["stats"]["time_to_detect"]["SEV2"]["all"] == {"count": 5, "median": 5.0, "p90": 22.0}


def test_cli_markdown_equals_the_functions(report, empty_config):
    result = run_cli("report", CORPUS, "--config", empty_config, "--today", "2026-07-15")
    assert (result.code, result.err) == (0, "")
    assert result.out == render_markdown.document(report)
    assert "- `missing-eval-case` (contributing factor) appears in 4 incidents since 2025-09" in result.out
    assert "| PM-2025-103 | 2025-10-07 | PM-2025-101 | 63 | `config` | `checkout` | **fix did not hold** | 0 |" in result.out


def test_cli_related_json(empty_config):
    pytest.importorskip("scipy")
    result = run_cli("report", CORPUS, "--config", empty_config, "--today", "2026-07-15", "--format", "json", "--related")
    assert result.code == 0, result.err
    assert result.json()["related"][H][0]["incident"] == F


def test_cli_usage_errors(empty_config, tmp_path):
    assert run_cli("report", CORPUS, "--config", empty_config, "--since", "last week").code == 2
    bad_today = run_cli("report", CORPUS, "--config", empty_config, "--today", "2026-02-30")
    assert bad_today.code == 2 and "--today" in bad_today.err
    missing = run_cli("report", tmp_path / "nowhere", "--config", empty_config)
    assert missing.code == 2 and "no such file" in missing.err


# --- "today" ----------------------------------------------------------------------------------


def test_today_resolution_order():
    pinned = from_mapping({"reports": {"today": "2026-01-02"}})
    epoch = {"SOURCE_DATE_EPOCH": "1767312000"}  # 2026-01-02T00:00:00Z
    assert resolve_today("2026-03-04", pinned, epoch) == date(2026, 3, 4)
    assert resolve_today(None, Config(), {"SOURCE_DATE_EPOCH": "1775001600"}) == date(2026, 4, 1)
    assert resolve_today(None, pinned, {}) == date(2026, 1, 2)
    assert resolve_today(None, pinned, epoch) == date(2026, 1, 2)
    with pytest.raises(ConfigError):
        resolve_today(None, Config(), {"SOURCE_DATE_EPOCH": "yesterday"})
    with pytest.raises(ConfigError):
        resolve_today(None, from_mapping({"reports": {"today": "soon"}}), {})


def test_unknown_report_setting_is_a_configuration_error():
    with pytest.raises(ConfigError, match="related-cont"):
        options(from_mapping({"reports": {"related-cont": 3}}), TODAY)


# --- untrusted values -------------------------------------------------------------------------


def _hostile_incident():
    text = clean_text()
    text = text.replace("title: Checkout errors after pricing model update",
                        'title: "<script>alert(1)</script> [click](javascript:alert(2)) | **x** ![i](http://evil/x.png)"')
    text = text.replace("services: [checkout, pricing-agent]", 'services: ["<img src=x onerror=alert(3)>", checkout]')
    text = text.replace("| @bob | 2026-04-21 | P1 | open | OPS-118 |", "| <b>@bob</b> | 2026-04-21 | P1 | open | javascript:alert(4) |")
    return parse_text("postmortems/hostile.md", text)


def test_untrusted_values_are_inert_in_markdown():
    incidents, _ = incidents_from_documents([_hostile_incident()])
    hostile = analyze(incidents, options(Config(), TODAY))  # the incident is in the quarterly review
    markdown = render_markdown.document(hostile)
    for raw in ("<script", "<img", "<b>", "](javascript", "![i](", "| **x**"):
        assert raw not in markdown
    assert "&lt;script&gt;" in markdown and "javascript:alert\\(4\\)" in markdown


def test_untrusted_values_are_plain_strings_in_json():
    incidents, _ = incidents_from_documents([_hostile_incident()])
    data = render_json.to_data(analyze(incidents, options(Config(), date(2026, 12, 1))))
    assert data["incidents"][0]["title"].startswith("<script>")  # data, not markup: consumers escape it
    assert json.loads(json.dumps(data)) == data


def test_documents_without_id_or_date_are_left_out_with_a_reason():
    text = clean_text().replace("id: PM-2026-014\n", "")
    incidents, skipped = incidents_from_documents([parse_text("postmortems/no-id.md", text)])
    assert incidents == [] and skipped == ["postmortems/no-id.md: no usable 'id' in the frontmatter; left out of the reports"]


def test_duplicate_ids_are_counted_once():
    first, second = parse_text("a.md", clean_text()), parse_text("b.md", clean_text())
    incidents, _ = incidents_from_documents([first, second])
    result = analyze(incidents, options(Config(), TODAY))
    assert len(result.incidents) == 1
    assert result.skipped == ("b.md: id PM-2026-014 is also used by a.md; left out of the reports",)


def test_charts_are_reproducible_svg(report):
    from linter.reports import charts
    from site_config.svg import inert_svg

    first = charts.response_chart(report.response, "time_to_mitigate", "time to mitigate")
    assert first == charts.response_chart(report.response, "time_to_mitigate", "time to mitigate")
    for svg in (first, charts.backlog_chart(report.actions), charts.detection_chart(report.detection)):
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "<script" not in svg and "<dc:date>" not in svg
        assert re.findall(r'(?:href|src)="([^#][^"]*)"', svg) == []  # nothing loaded from anywhere
        assert inert_svg(svg)  # what the site checks before it publishes a chart


def test_load_incidents_calls_while_reading_once_the_workers_exist(tmp_path):
    """``report --related`` imports numpy and scipy while the workers read the corpus: the hook
    runs after the fork (a thread started before it would be copied into the workers half-held),
    once, on both the serial and the parallel path, and the records are the same on each."""
    import os
    import shutil

    from linter.engine import PARALLEL_THRESHOLD

    sources = sorted(CORPUS.glob("*.md"))
    for index in range(PARALLEL_THRESHOLD + 2):
        shutil.copyfile(sources[index % len(sources)], tmp_path / f"{index:03d}-{sources[index % len(sources)].name}")
    config = Config()
    for jobs in (1, 2):
        seen = []
        records, _ = load_incidents([str(tmp_path)], config, jobs, lambda: seen.append(os.getpid()))
        assert seen == [os.getpid()]
        if jobs == 1:
            serial = records
    assert sorted(record.path for record in records) == sorted(record.path for record in serial)


def test_one_blas_thread_asks_for_one_thread_and_keeps_what_the_user_set(monkeypatch):
    from linter.reports import similar

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    similar.one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    similar.one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
