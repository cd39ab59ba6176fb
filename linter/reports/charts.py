"""Trend charts as SVG, drawn at build time: no JavaScript, no network.

The site shows them as images (an SVG in ``<img>`` cannot run script), each next to a table
with the same numbers and with a text alternative (``chart_text``). They are drawn by
``svg_plot``, with the standard library only: the same numbers give the same file.
"""

from __future__ import annotations

from linter.reports.actions import Actions
from linter.reports.detection import Detection
from linter.reports.response import Response
from linter.reports.slo import SloReport
from linter.reports.svg_plot import MARKER_SHAPES, Plot

# Okabe–Ito: distinguishable with the common colour-vision deficiencies. Colour is never the
# only carrier: each series also has its own marker (lines) or hatching (bars), and each
# chart's text alternative (``chart_text``) gives its numbers.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
MARKERS = MARKER_SHAPES
HATCHES = ("", "///", "...", "xx", "\\\\", "++", "oo", "--")

# Tick positions for durations from a minute to a month, labelled as people say them.
_DURATION_TICKS = (1, 5, 15, 60, 240, 1440, 4320, 10080, 43200)


def _svg(plot: Plot) -> str:
    return plot.svg()


def _color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def _stacked_bars(plot: Plot, series: dict[str, list[int]]) -> None:
    """One bar per category, stacked by series, each series its colour and hatching; headroom
    above the tallest bar keeps the axis from ending at it."""
    for index, (name, heights) in enumerate(series.items()):
        plot.stacked(name, heights, _color(index), HATCHES[index % len(HATCHES)])
    plot.headroom = 1.15


def response_chart(response: Response, measure: str, label: str, quarters=None) -> str | None:
    """Median ``measure`` per quarter, one line per severity, on a log scale (minutes to days).
    ``quarters``: the x axis (default: the quarters with data); a quarter without data is a gap."""
    from linter.reports.formatting import duration

    per_severity = response.stats.get(measure, {})
    quarters = list(quarters or response.quarters)
    if not per_severity or not quarters:
        return None
    plot = Plot(f"Median {label} per quarter, by severity", quarters, ylabel="log scale", log=True,
                log_ticks=_DURATION_TICKS, tick_label=duration)
    for index, severity in enumerate(response.severities):
        cells = per_severity.get(severity, {})
        # NaN where a quarter has no incident of this severity: the line breaks there instead
        # of drawing a trend across quarters with no data.
        values = [cells[quarter].median if quarter in cells and cells[quarter].median and cells[quarter].median > 0
                  else float("nan") for quarter in quarters]
        if any(value == value for value in values):
            plot.line(severity, values, _color(index), _marker(index))
    return _svg(plot)


def backlog_chart(tracker: Actions) -> str:
    """Open and overdue action items at each quarter's close and today."""
    plot = Plot("Open action items at each quarter's close (last point: today)",
                [point.label for point in tracker.backlog], ylabel="action items", headroom=1.1)
    plot.line("open", [point.open for point in tracker.backlog], _color(0), _marker(0))
    plot.line("overdue", [point.overdue for point in tracker.backlog], _color(1), _marker(1), dashed=True)
    return _svg(plot)


def detection_chart(detection: Detection, quarters=None) -> str | None:
    """Incidents per quarter, stacked by how they were found; a quarter without incidents is an
    empty slot (``quarters``: the x axis, default the quarters with incidents)."""
    rows = {row.label: row for row in detection.quarters}
    if not rows:
        return None
    labels = list(quarters or rows)
    sources = sorted({source for row in rows.values() for source in row.by_source},
                     key=lambda source: (source != "alert", source not in ("customer-report", "internal-report"), source))
    plot = Plot("How incidents were detected, per quarter", labels, ylabel="incidents")
    _stacked_bars(plot, {source: [rows[label].count(source) if label in rows else 0 for label in labels] for source in sources})
    return _svg(plot)


def severity_chart(per_quarter: dict[str, dict[str, int]]) -> str | None:
    """Incidents per quarter, stacked by severity (``glance.severities_per_quarter``)."""
    if not per_quarter or not any(sum(counts.values()) for counts in per_quarter.values()):
        return None
    labels = list(per_quarter)
    severities = list(next(iter(per_quarter.values())))
    plot = Plot("Incidents per quarter, by severity", labels, ylabel="incidents")
    _stacked_bars(plot, {severity: [per_quarter[label][severity] for label in labels] for severity in severities})
    return _svg(plot)


def slo_chart(slo: SloReport) -> str:
    """Share of the error budget burned per quarter, one line per service; the dashed line is all of it."""
    quarters = sorted({period.label for period in slo.quarters})
    services = sorted({period.service for period in slo.quarters})
    plot = Plot("Error budget burned per quarter (dashed: the whole budget)", quarters, ylabel="% of budget", headroom=1.1)
    plot.rules.append(100.0)
    for index, service in enumerate(services):
        burned = {p.label: 100 * p.burned for p in slo.quarters if p.service == service and p.budget}
        # NaN where a quarter has no incident of the service: the line breaks there.
        plot.line(service, [burned.get(quarter, float("nan")) for quarter in quarters], _color(index), _marker(index))
    return _svg(plot)
