"""The hook for the pattern-report pages (the Reports section of the site).

``report_pages(context)`` returns the pages to publish; the plugin adds them under
``reports/``, lists them in the navigation's Reports section (in the order returned) and, like
every page built from postmortem values, passes their HTML through the sanitizer
(``site_config.sanitize.clean_html``: no scripts, handlers, styles or SVG). Report modules
stay pure: they compute from the parsed documents and return text; they never see MkDocs.

Two more entry points for the plugin, computed from the same analysis (run once per context):

- ``report_files(context)``: the SVG trend charts (``reports/charts/*.svg``) and the JSON of
  every number (``reports/patterns.json``), to add as generated files. A plugin that adds them
  sets ``ReportContext.publishes_files``; only then do the pages show the charts (as ``<img>``,
  where an SVG cannot run script) and link the JSON, so a strict build never meets a link to
  a file that is not there.
- ``related_for(context, incident_id)``: the most similar earlier incidents, for the
  incident page's summary card (plain values: the template escapes them).

The content comes from ``linter.reports`` (``pages``, ``render_markdown``), the same functions
``postmortem report`` prints with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from linter.config import Config
from linter.document import Document


@dataclass(frozen=True)
class ReportPage:
    uri: str  # its source path in the site, under reports/: "reports/recurring-causes.md"
    title: str  # plain text: the navigation and the page's <title>
    markdown: str = ""  # the page body as Markdown (a leading "# Title" is added when missing)
    html: str = ""  # or as HTML, values escaped; used instead of ``markdown`` when given


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
    href: str | None  # relative link from the asking page, when the plugin's incident_href knows it


@dataclass(frozen=True)
class ReportContext:
    documents: list[Document]  # every published postmortem, parsed once by the linter
    config: Config  # the linter configuration (taxonomies, report thresholds in ``extra``)
    incident_href: Callable[[str, str], str | None]  # (from page uri, incident id) -> relative link
    publishes_files: bool = False  # the plugin also publishes report_files(context)
    # Links written into the report pages' Markdown: a relative path to the incident's .md, which
    # MkDocs checks and turns into a URL (default: incident_href)
    markdown_href: Callable[[str, str], str | None] | None = None
    today: str | None = None  # YYYY-MM-DD; default: SOURCE_DATE_EPOCH, reports.today, the clock


@dataclass
class _Reports:
    """Everything the hook hands out, computed once per context."""

    context: ReportContext
    report: object = None
    charts: dict[str, str] = field(default_factory=dict)
    _related: dict | None = None

    def __post_init__(self) -> None:
        from linter.reports.analysis import analyze, incidents_from_documents
        from linter.reports.options import options, resolve_today

        config = self.context.config
        incidents, skipped = incidents_from_documents(self.context.documents, config.priority_scheme)
        self.report = analyze(incidents, options(config, resolve_today(self.context.today, config)), skipped)
        if self.context.publishes_files:
            from linter.reports.pages import chart_svgs

            self.charts = chart_svgs(self.report)

    @property
    def related(self) -> dict:
        if self._related is None:
            from linter.reports.similar import related_incidents

            settings = self.report.options
            self._related = related_incidents(list(self.report.incidents), settings.related_count, settings.related_min_score)
        return self._related


_LAST: _Reports | None = None


def _reports(context: ReportContext) -> _Reports:
    global _LAST
    if _LAST is None or _LAST.context is not context:
        _LAST = _Reports(context)
    return _LAST


def report_pages(context: ReportContext) -> list[ReportPage]:
    """The report pages for this corpus: overview, systemic gaps and repeats, detection,
    response times, action items, quarterly review."""
    from linter.reports.pages import site_pages

    reports = _reports(context)
    charts = reports.charts if context.publishes_files else None
    return [ReportPage(page.uri, page.title, markdown=page.markdown)
            for page in site_pages(reports.report, context.markdown_href or context.incident_href, charts)]


def report_files(context: ReportContext) -> list[ReportFile]:
    """The chart SVGs and ``reports/patterns.json`` (with related incidents and page links)."""
    from linter.reports.pages import site_assets

    reports = _reports(context)
    return [ReportFile(asset.uri, asset.content)
            for asset in site_assets(reports.report, reports.charts, reports.related,
                                     lambda ident: context.incident_href("index.md", ident))]


def related_for(context: ReportContext, incident_id: str, from_uri: str | None = None) -> list[RelatedIncident]:
    """The most similar earlier incidents of one incident, most similar first."""
    reports = _reports(context)
    found = []
    for entry in reports.related.get(incident_id, ()):
        other = reports.report.incident(entry.incident)
        href = context.incident_href(from_uri, entry.incident) if from_uri else None
        found.append(RelatedIncident(entry.incident, other.title if other else entry.incident, entry.score, entry.reasons, href))
    return found
