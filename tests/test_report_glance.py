"""The Overview's quarter at a glance, the charts' text alternatives, and charts that do not
carry meaning by colour alone or draw across quarters without data."""

from __future__ import annotations

import math
import pytest

from linter.reports import chart_text
from linter.reports.glance import glance, severities_per_quarter
from linter.reports.periods import median, quarter_of
from linter.reports.response import Response, Stat
from tests.test_reports import report  # noqa: F401 (fixture)


def test_the_glance_is_this_quarter_beside_the_last_from_the_other_reports(report):  # noqa: F811
    shown = glance(report.incidents, report.quarters, report.options.severities, report.detection, report.actions)
    assert [q.label for q in shown] == ["2026-Q2", "2026-Q3"]  # today is 2026-07-15
    latest = shown[-1]
    in_quarter = [i for i in report.incidents if quarter_of(i.date) == "2026-Q3"]
    assert latest.incidents == len(in_quarter) == sum(latest.by_severity.values())
    assert latest.mitigate_minutes == median([i.minutes["time_to_mitigate"] for i in in_quarter
                                              if i.minutes.get("time_to_mitigate") is not None])
    row = next(r for r in report.detection.quarters if r.label == "2026-Q3")
    assert (latest.detected, latest.by_alert) == (row.incidents, row.count("alert"))
    assert (latest.open_items, latest.overdue_items) == (9, 5)  # the backlog's point for today
    assert (shown[0].open_items, shown[0].overdue_items) == (8, 4)  # the close of 2026-Q2


def test_a_quarter_without_incidents_still_has_its_row_and_zero_counts(report):  # noqa: F811
    per_quarter = severities_per_quarter(report.incidents, ["2024-Q1", *report.quarters], report.options.severities)
    assert set(per_quarter["2024-Q1"].values()) == {0}
    assert list(per_quarter["2024-Q1"]) == list(per_quarter[report.quarters[-1]])  # the same severities, in order
    assert sum(sum(c.values()) for c in per_quarter.values()) == len(report.incidents)


def test_text_alternatives_give_the_numbers_the_charts_draw(report):  # noqa: F811
    per_quarter = severities_per_quarter(report.incidents, report.quarters, report.options.severities)
    text = chart_text.severity_text(per_quarter)
    last = report.quarters[-1]
    assert f"{last}: {sum(per_quarter[last].values())} (" in text
    backlog = chart_text.backlog_text(report.actions)
    assert "2026-Q3 (2026-07-15): 9 open, 5 overdue" in backlog
    detection = chart_text.detection_text(report.detection, ["2025-Q2", *report.quarters])
    assert "2025-Q2: no incidents" in detection and "2026-Q3: " in detection


@pytest.fixture
def drawn(monkeypatch):
    """The charts' plots (``svg_plot.Plot``) instead of their SVG text."""
    from linter.reports import charts

    monkeypatch.setattr(charts, "_svg", lambda plot: plot)
    return charts


def test_a_line_breaks_at_a_quarter_without_data(drawn):
    stats = {"time_to_mitigate": {"SEV1": {"2026-Q1": Stat(1, 30.0, 30.0), "2026-Q3": Stat(1, 90.0, 90.0)}}}
    response = Response(("SEV1",), ("2026-Q1", "2026-Q3"), stats, (), 30, ())
    plot = drawn.response_chart(response, "time_to_mitigate", "time to mitigate", ["2026-Q1", "2026-Q2", "2026-Q3"])
    (line,) = plot.lines
    assert line.values[0] == 30.0 and math.isnan(line.values[1]) and line.values[2] == 90.0
    assert plot.categories == ["2026-Q1", "2026-Q2", "2026-Q3"]
    svg = plot.svg()
    assert svg.count('stroke-width="1.8" fill="none"') == 0  # two points with a gap between: no segment
    assert svg.count("<path d=\"M") >= 2


def test_series_differ_by_more_than_colour(drawn, report):  # noqa: F811
    plot = drawn.severity_chart(severities_per_quarter(report.incidents, report.quarters, report.options.severities))
    hatches = [series.hatch for series in plot.bars]
    assert len(hatches) >= 2 and len(set(hatches)) == len(hatches)  # each severity its own hatching
    assert 'id="hatch-1"' in plot.svg() and 'fill="url(#hatch-1)"' in plot.svg()
    detection = drawn.detection_chart(report.detection, report.quarters)
    assert len({series.hatch for series in detection.bars}) == len(detection.bars)
    lines = drawn.backlog_chart(report.actions).lines
    assert len({(line.marker, line.dashed) for line in lines}) == len(lines)


def test_no_incident_no_severity_chart(drawn):
    assert drawn.severity_chart({"2026-Q1": {"SEV1": 0}}) is None
    assert drawn.severity_chart({}) is None
