"""The Reports section of the site: the pattern reports of ``postmortem report`` as pages.

``Reports`` computes the report once per build from the published incidents
(``linter.api.pattern_report``) and hands out:

- ``pages()``: one page per group of sections, made of the same section functions as the
  CLI's output (``render_markdown``), with links to the incident pages and the charts; the
  plugin publishes them under ``reports/`` in this order and sanitizes their HTML like every
  page built from postmortem values (``page_kinds.ReportPage``);
- ``files()``: the SVG trend charts (``reports/charts/*.svg``, checked to carry no live
  markup: ``svg.inert_svg``) and the JSON of every number (``reports/patterns.json``). Only
  when the site publishes them (``publishes_files``) do the pages show the charts (as
  ``<img>``, where an SVG cannot run script) and link the JSON, so a strict build never meets
  a link to a file that is not there;
- ``similar(incident_id, from_uri)``: the most similar earlier incidents, for the incident
  page's summary card (plain values: the template escapes them).
"""

from __future__ import annotations

from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterable

from linter.api import (MEASURE_LABELS, MEASURES, Config, Incident, PatternReport, charts, pattern_report,
                        related_incidents, render_json, severities_per_quarter)
from linter.api import render_markdown as md
from site_config.svg import inert_svg

CHART_DIR = "reports/charts"
JSON_URI = "reports/patterns.json"

# (file name, title, sections, shown when) in navigation order; None: always
SECTIONS: tuple[tuple[str, str, tuple, Callable[[PatternReport], bool] | None], ...] = (
    ("index.md", "Overview", (md.overview,), None),
    ("systemic-gaps.md", "Systemic gaps and repeats", (md.recurring_section, md.repeats_section), None),
    ("detection.md", "Detection", (md.detection_section,), None),
    ("response-times.md", "Response times", (md.response_section,), None),
    ("action-items.md", "Action items", (md.actions_section,), None),
    ("slo.md", "SLOs and error budget", (md.slo_section,), lambda report: report.slo is not None),
    ("quarterly-review.md", "Quarterly review", (md.quarterly_section,), None),
)


class ReportError(ValueError):
    """A report that must not be published (a chart with live markup)."""


@dataclass(frozen=True)
class ReportMarkdown:
    uri: str  # its source path in the site: "reports/recurring-causes.md"
    title: str  # plain text: the navigation and the page's <title>
    markdown: str  # starts with "# Title"


@dataclass(frozen=True)
class ReportFile:
    uri: str  # under reports/: "reports/charts/time_to_mitigate.svg", "reports/patterns.json"
    content: str


@dataclass(frozen=True)
class RelatedIncident:
    id: str
    title: str  # plain text, untrusted: escape it
    score: float  # 0..1
    reasons: tuple[str, ...]  # plain text: "services checkout, payments", "same root-cause category", …
    href: str | None  # relative link from the asking page, when incident_href knows it


class Reports:
    """The pattern reports of one build.

    ``incident_href(from uri, id)``: a relative link to an incident's page; ``markdown_href``:
    the link written into the pages' Markdown (a relative path to the incident's .md, which
    MkDocs checks and turns into a URL; default: ``incident_href``). ``today``: YYYY-MM-DD
    (default: SOURCE_DATE_EPOCH, ``reports.today``, the clock). Raises ``ConfigError`` for a
    bad report setting.
    """

    def __init__(self, incidents: Iterable[Incident], config: Config,
                 incident_href: Callable[[str, str], str | None], publishes_files: bool = False,
                 markdown_href: Callable[[str, str], str | None] | None = None, today: str | None = None) -> None:
        self.report = pattern_report(incidents, config, today)
        self.incident_href = incident_href
        self.markdown_href = markdown_href or incident_href
        self.publishes_files = publishes_files
        self.charts = _chart_svgs(self.report) if publishes_files else {}
        self._related: dict | None = None
        self._related_elsewhere: Future | None = None

    def _related_arguments(self) -> tuple:
        settings = self.report.options
        return list(self.report.incidents), settings.related_count, settings.related_min_score

    def relate_elsewhere(self, submit: Callable[..., Future | None]) -> None:
        """Start computing the related incidents with ``submit`` (a worker pool's, or None without
        one). The similarity's numpy and scipy take about 37 MB in the process that imports
        them, to its end; a site build's process needs them for nothing else."""
        self._related_elsewhere = submit(related_incidents, *self._related_arguments())

    @property
    def related(self) -> dict:
        """Incident id -> its most similar earlier incidents (computed when first asked)."""
        if self._related is None:
            elsewhere, self._related_elsewhere = self._related_elsewhere, None
            try:
                self._related = elsewhere.result() if elsewhere is not None else None
            except (BrokenProcessPool, CancelledError, OSError):
                pass  # the workers are gone: computed here as without them
            if self._related is None:
                self._related = related_incidents(*self._related_arguments())
        return self._related

    def pages(self) -> list[ReportMarkdown]:
        """The report pages: overview, systemic gaps and repeats, detection, response times,
        action items, SLOs (when configured), quarterly review."""
        pages = []
        for name, title, sections, shown in SECTIONS:
            if shown is not None and not shown(self.report):
                continue
            uri = f"reports/{name}"
            links = md.Links(
                incident=lambda ident, uri=uri: self.markdown_href(uri, ident),
                chart=(lambda chart: f"charts/{chart}.svg" if chart in self.charts else None) if self.publishes_files else md.Links().chart,
            )
            body = "".join(("\n" if index else "") + section(self.report, links, 2 if index or len(sections) > 1 else 1)
                           for index, section in enumerate(sections))
            if not body.startswith("# "):
                body = f"# {title}\n\n{body}"
            pages.append(ReportMarkdown(uri, title, body + self._footer()))
        return pages

    def _footer(self) -> str:
        if not self.publishes_files:
            return ""
        return ("\n---\n\nEvery number on these pages, uncapped, is in [`patterns.json`](patterns.json); "
                "`postmortem report` prints the same report.\n")

    def files(self) -> list[ReportFile]:
        """The chart SVGs and ``reports/patterns.json`` (with related incidents and page links).
        Raises ``ReportError`` for a chart with script or an event handler."""
        found = [ReportFile(f"{CHART_DIR}/{name}.svg", svg) for name, svg in sorted(self.charts.items())]
        for chart in found:
            if not inert_svg(chart.content):
                raise ReportError(f"report chart '{chart.uri}' contains script or an event handler; not publishing it")
        found.append(ReportFile(JSON_URI, render_json.dumps(self.report, self.related,
                                                            lambda ident: self.incident_href("index.md", ident))))
        return found

    def similar(self, incident_id: str, from_uri: str | None = None) -> list[RelatedIncident]:
        """The most similar earlier incidents of one incident, most similar first."""
        found = []
        for entry in self.related.get(incident_id, ()):
            other = self.report.incident(entry.incident)
            href = self.incident_href(from_uri, entry.incident) if from_uri else None
            found.append(RelatedIncident(entry.incident, other.title if other else entry.incident, entry.score,
                                         entry.reasons, href))
        return found


def _chart_svgs(report: PatternReport) -> dict[str, str]:
    """Chart name -> SVG, for the charts the data supports (names as ``Links.chart`` asks for them)."""
    found: dict[str, str | None] = {
        measure: charts.response_chart(report.response, measure, MEASURE_LABELS[measure], report.quarters)
        for measure in MEASURES}
    found["detection"] = charts.detection_chart(report.detection, report.quarters)
    found["severity"] = charts.severity_chart(
        severities_per_quarter(report.incidents, report.quarters, report.options.severities))
    if report.actions.totals.total:
        found["backlog"] = charts.backlog_chart(report.actions)
    if report.slo is not None and report.slo.quarters:
        found["slo"] = charts.slo_chart(report.slo)
    return {name: svg for name, svg in found.items() if svg}
