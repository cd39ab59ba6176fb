"""Trend charts as SVG, drawn at build time with matplotlib: no JavaScript, no network.

The site shows them as images (an SVG in ``<img>`` cannot run script), each next to a table
with the same numbers. Output is reproducible: text stays text (``svg.fonttype: none``), no
creation date, a fixed id salt, and math-text parsing off so a label like ``$x$`` from a
postmortem is drawn as written. matplotlib is imported only when a chart is drawn, so the
linter's start-up never pays for it; it comes with the ``site`` extra.
"""

from __future__ import annotations

import io
from contextlib import contextmanager

from linter.reports.actions import Actions
from linter.reports.detection import Detection
from linter.reports.response import Response
from linter.reports.slo import SloReport

# Okabe–Ito: distinguishable with the common colour-vision deficiencies. Colour is never the
# only carrier: each series also has its own marker (lines) or hatching (bars), and each
# chart's text alternative (``chart_text``) gives its numbers.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES = ("", "///", "...", "xx", "\\\\", "++", "oo", "--")
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "postmortem-kit",
    "text.parse_math": False,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed."""


@contextmanager
def _figure(width: float = 7.0, height: float = 3.0):
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise ChartsUnavailable("charts need matplotlib: pip install 'postmortem-kit[site]'") from error
    with matplotlib.rc_context(_RC):
        # Fixed margins, not a layout engine: "constrained" made the charts take several times
        # as long (benchmarks/bench_site.py shows it) and these charts all look alike:
        # a title, rotated quarter labels below, duration labels on the left, the legend inside.
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.24)
        yield figure


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


# Tick positions for durations from a minute to a month, labelled as people say them.
_DURATION_TICKS = (1, 5, 15, 60, 240, 1440, 4320, 10080, 43200)


def _duration_axis(axes) -> None:
    """A log-scale y axis in minutes, labelled ``15 min``, ``4 h``, ``3 d`` (math text is off,
    so matplotlib's default ``10^n`` labels would print as raw TeX)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

    from linter.reports.formatting import duration

    axes.set_yscale("log")
    low, high = axes.get_ylim()
    ticks = [tick for tick in _DURATION_TICKS if low <= tick <= high] or [tick for tick in _DURATION_TICKS if tick <= high][-1:]
    axes.yaxis.set_major_locator(FixedLocator(ticks))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: duration(value)))
    axes.yaxis.set_minor_locator(NullLocator())
    axes.yaxis.set_minor_formatter(NullFormatter())


def _series_style(index: int) -> dict:
    return {"color": PALETTE[index % len(PALETTE)], "marker": MARKERS[index % len(MARKERS)]}


def _stacked_bars(axes, labels: list[str], series: dict[str, list[int]]) -> list[int]:
    """One bar per label, stacked by series, each series its colour and hatching; the totals."""
    bottoms = [0] * len(labels)
    positions = list(range(len(labels)))
    for index, (name, heights) in enumerate(series.items()):
        axes.bar(positions, heights, bottom=bottoms, color=PALETTE[index % len(PALETTE)], label=name,
                 hatch=HATCHES[index % len(HATCHES)], edgecolor="#ffffff", linewidth=0.5)
        bottoms = [base + height for base, height in zip(bottoms, heights)]
    axes.set_xticks(positions, labels, rotation=45 if len(labels) > 8 else 0)
    # Headroom above the tallest bar for the legend, laid out in a row: "best" put it over
    # the last quarter's bar.
    axes.set_ylim(0, max(bottoms, default=0) * 1.4 + 1)
    axes.legend(loc="upper left", ncol=min(len(series), 4), frameon=False, fontsize=7)
    return bottoms


def response_chart(response: Response, measure: str, label: str, quarters=None) -> str | None:
    """Median ``measure`` per quarter, one line per severity, on a log scale (minutes to days).
    ``quarters``: the x axis (default: the quarters with data); a quarter without data is a gap."""
    per_severity = response.stats.get(measure, {})
    quarters = list(quarters or response.quarters)
    if not per_severity or not quarters:
        return None
    with _figure() as figure:
        axes = figure.subplots()
        for index, severity in enumerate(response.severities):
            cells = per_severity.get(severity, {})
            # NaN where a quarter has no incident of this severity: the line breaks there instead
            # of drawing a trend across quarters with no data.
            values = [cells[quarter].median if quarter in cells and cells[quarter].median and cells[quarter].median > 0
                      else float("nan") for quarter in quarters]
            if any(value == value for value in values):
                axes.plot(range(len(quarters)), values, label=severity, **_series_style(index))
        _duration_axis(axes)
        axes.set_xticks(range(len(quarters)), quarters, rotation=45 if len(quarters) > 8 else 0)
        axes.set_ylabel("log scale")
        axes.set_title(f"Median {label} per quarter, by severity")
        axes.legend(loc="best", frameon=False)
        return _svg(figure)


def backlog_chart(tracker: Actions) -> str:
    """Open and overdue action items at each quarter's close and today."""
    labels = [point.label for point in tracker.backlog]
    with _figure() as figure:
        axes = figure.subplots()
        positions = range(len(labels))
        axes.plot(positions, [point.open for point in tracker.backlog], label="open", **_series_style(0))
        axes.plot(positions, [point.overdue for point in tracker.backlog], label="overdue", linestyle="--", **_series_style(1))
        axes.set_xticks(list(positions), labels, rotation=45 if len(labels) > 8 else 0)
        axes.set_ylim(bottom=0)
        axes.set_ylabel("action items")
        axes.set_title("Open action items at each quarter's close (last point: today)")
        axes.legend(loc="best", frameon=False)
        return _svg(figure)


def detection_chart(detection: Detection, quarters=None) -> str | None:
    """Incidents per quarter, stacked by how they were found; a quarter without incidents is an
    empty slot (``quarters``: the x axis, default the quarters with incidents)."""
    rows = {row.label: row for row in detection.quarters}
    if not rows:
        return None
    labels = list(quarters or rows)
    sources = sorted({source for row in rows.values() for source in row.by_source},
                     key=lambda source: (source != "alert", source not in ("customer-report", "internal-report"), source))
    with _figure() as figure:
        axes = figure.subplots()
        _stacked_bars(axes, labels, {source: [rows[label].count(source) if label in rows else 0 for label in labels]
                                     for source in sources})
        axes.set_ylabel("incidents")
        axes.set_title("How incidents were detected, per quarter")
        return _svg(figure)


def severity_chart(per_quarter: dict[str, dict[str, int]]) -> str | None:
    """Incidents per quarter, stacked by severity (``glance.severities_per_quarter``)."""
    if not per_quarter or not any(sum(counts.values()) for counts in per_quarter.values()):
        return None
    labels = list(per_quarter)
    severities = list(next(iter(per_quarter.values())))
    with _figure() as figure:
        axes = figure.subplots()
        _stacked_bars(axes, labels, {severity: [per_quarter[label][severity] for label in labels] for severity in severities})
        axes.set_ylabel("incidents")
        axes.set_title("Incidents per quarter, by severity")
        return _svg(figure)


def slo_chart(slo: SloReport) -> str:
    """Share of the error budget burned per quarter, one line per service; the dashed line is all of it."""
    quarters = sorted({period.label for period in slo.quarters})
    services = sorted({period.service for period in slo.quarters})
    with _figure() as figure:
        axes = figure.subplots()
        for index, service in enumerate(services):
            burned = {p.label: 100 * p.burned for p in slo.quarters if p.service == service and p.budget}
            # NaN where a quarter has no incident of the service: the line breaks there.
            axes.plot(range(len(quarters)), [burned.get(quarter, float("nan")) for quarter in quarters],
                      label=service, **_series_style(index))
        axes.axhline(100, color="#000000", linestyle="--", linewidth=1)
        axes.set_xticks(range(len(quarters)), quarters, rotation=45 if len(quarters) > 8 else 0)
        axes.set_ylim(bottom=0)
        axes.set_ylabel("% of budget")
        axes.set_title("Error budget burned per quarter (dashed: the whole budget)")
        axes.legend(loc="upper left", frameon=False, fontsize=7)
        return _svg(figure)
