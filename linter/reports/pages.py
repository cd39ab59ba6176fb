"""The report as a set of site pages, chart files and a JSON file — for any static-site generator.

Each page is made of the same section functions as ``postmortem report``'s output
(``render_markdown``), with links to incident pages and, when the site publishes files,
charts. Nothing here knows MkDocs: ``site_config/report_pages.py`` adapts it to the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from linter.reports import render_markdown as md
from linter.reports.analysis import PatternReport

CHART_DIR = "reports/charts"
JSON_URI = "reports/patterns.json"


@dataclass(frozen=True)
class Page:
    uri: str  # source path: reports/<name>.md
    title: str
    markdown: str


@dataclass(frozen=True)
class Asset:
    uri: str  # reports/charts/<name>.svg, reports/patterns.json
    content: str


# (file name, title, sections, shown when) in navigation order; None: always
PAGES: tuple[tuple[str, str, tuple, Callable[[PatternReport], bool] | None], ...] = (
    ("index.md", "Overview", (md.overview,), None),
    ("systemic-gaps.md", "Systemic gaps and repeats", (md.recurring_section, md.repeats_section), None),
    ("detection.md", "Detection", (md.detection_section,), None),
    ("response-times.md", "Response times", (md.response_section,), None),
    ("action-items.md", "Action items", (md.actions_section,), None),
    ("slo.md", "SLOs and error budget", (md.slo_section,), lambda report: report.slo is not None),
    ("quarterly-review.md", "Quarterly review", (md.quarterly_section,), None),
)


def chart_svgs(report: PatternReport) -> dict[str, str]:
    """Chart name -> SVG, for the charts the data supports (names as ``Links.chart`` asks for them)."""
    from linter.reports import charts
    from linter.incident import MEASURES

    found: dict[str, str | None] = {
        measure: charts.response_chart(report.response, measure, md.MEASURE_LABELS[measure]) for measure in MEASURES}
    found["detection"] = charts.detection_chart(report.detection)
    if report.actions.totals.total:
        found["backlog"] = charts.backlog_chart(report.actions)
    if report.slo is not None and report.slo.quarters:
        found["slo"] = charts.slo_chart(report.slo)
    return {name: svg for name, svg in found.items() if svg}


def site_pages(report: PatternReport, incident_href: Callable[[str, str], str | None],
               charts: dict[str, str] | None = None) -> list[Page]:
    """The report pages. ``incident_href(page uri, id)``: a link target; ``charts``: the chart files
    the site publishes under ``reports/charts/`` (None: pages show tables only)."""
    pages = []
    for name, title, sections, shown in PAGES:
        if shown is not None and not shown(report):
            continue
        uri = f"reports/{name}"
        links = md.Links(
            incident=lambda ident, uri=uri: incident_href(uri, ident),
            chart=(lambda chart: f"charts/{chart}.svg" if chart in charts else None) if charts else md.Links().chart,
        )
        body = "".join(("\n" if index else "") + section(report, links, 2 if index or len(sections) > 1 else 1)
                       for index, section in enumerate(sections))
        if len(sections) > 1 or not body.startswith("# "):
            body = f"# {title}\n\n{body}"
        pages.append(Page(uri, title, body + _footer(charts is not None)))
    return pages


def _footer(with_files: bool) -> str:
    if not with_files:
        return ""
    return ("\n---\n\nEvery number on these pages, uncapped, is in [`patterns.json`](patterns.json); "
            "`postmortem report` prints the same report.\n")


def site_assets(report: PatternReport, charts: dict[str, str], related: dict | None,
                url_for: Callable[[str], str | None]) -> list[Asset]:
    from linter.reports.render_json import dumps

    assets = [Asset(f"{CHART_DIR}/{name}.svg", svg) for name, svg in sorted(charts.items())]
    assets.append(Asset(JSON_URI, dumps(report, related, url_for)))
    return assets
