"""Each chart's text alternative: what it shows and its numbers, for a reader who cannot see it.

A screen reader reads an ``<img>``'s ``alt``; so does a reader whose browser does not draw SVG.
The text names the chart and gives the latest quarters' figures in words, from the same values
the chart is drawn from (``charts``), so it cannot say something the picture does not.
"""

from __future__ import annotations

from linter.reports.actions import Actions
from linter.reports.detection import Detection
from linter.reports.formatting import duration
from linter.reports.response import Response

LATEST = 6  # quarters described: a sentence a listener can follow


def _counts(counts: dict[str, int]) -> str:
    shown = [f"{count} {name}" for name, count in counts.items() if count]
    return ", ".join(shown) if shown else "none"


def severity_text(per_quarter: dict[str, dict[str, int]]) -> str:
    latest = list(per_quarter.items())[-LATEST:]
    return "Incidents per quarter, by severity. " + "; ".join(
        f"{quarter}: {sum(counts.values())} ({_counts(counts)})" for quarter, counts in latest) + "."


def detection_text(detection: Detection, quarters) -> str:
    rows = {row.label: row for row in detection.quarters}
    latest = list(quarters or rows)[-LATEST:]
    return "How incidents were detected, per quarter. " + "; ".join(
        f"{quarter}: " + (_counts(rows[quarter].by_source) if quarter in rows else "no incidents") for quarter in latest) + "."


def response_text(response: Response, measure: str, label: str, quarters) -> str:
    per_severity = response.stats.get(measure, {})
    latest = list(quarters or response.quarters)[-LATEST:]
    parts = []
    for severity in response.severities:
        cells = per_severity.get(severity, {})
        values = [f"{quarter} {duration(cells[quarter].median)}" for quarter in latest
                  if quarter in cells and cells[quarter].median is not None]
        if values:
            parts.append(f"{severity}: " + ", ".join(values))
    return f"Median {label} per quarter, by severity (quarters without an incident have no point). " + "; ".join(parts) + "."


def backlog_text(tracker: Actions) -> str:
    latest = tracker.backlog[-LATEST:]
    return ("Open and overdue action items at each quarter's close, the last point today. "
            + "; ".join(f"{point.label} ({point.as_of}): {point.open} open, {point.overdue} overdue" for point in latest) + ".")
