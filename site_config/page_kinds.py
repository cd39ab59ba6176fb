"""The kinds of page the plugin adds to a site, and how each makes its content.

The plan (``site_config.planning``) maps each source path to a page of one of these kinds.
The plugin hands MkDocs the page's ``markdown`` and ``meta()`` and, once MkDocs has rendered
the Markdown, replaces the HTML with ``content(html, build)``:

- ``IncidentPage``: a postmortem. Its body was rendered and sanitized on all cores
  (``site_config.prerender``); the content is the summary card, then that body with links
  between postmortems pointing at their pages (``site_config.crosslinks``).
- ``ListingPage``: HTML rendered from postmortem values by ``pages.Renderer`` (the index, the
  browse pages, the rule index); MkDocs's rendering of its placeholder Markdown is dropped.
- ``ReportPage``: a pattern report: Markdown from the reports, its HTML sanitized.
- ``ProsePage``: our own Markdown (rule pages, the format page), as MkDocs renders it.

``SiteBuild`` is what one build knows that pages need: the corpus, the renderer, the reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from markupsafe import escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from linter.api import safe_message
from site_config import crosslinks, search_sections
from site_config.corpus import Corpus, Published, Refusal
from site_config.pages import Linker, Renderer
from site_config.prerender import Rendered
from site_config.report_pages import RelatedIncident, Reports
from site_config.report_tables import keep_values_whole
from site_config.sanitize import clean_html

log = get_plugin_logger("postmortem")


@dataclass
class SiteBuild:
    """One build's corpus and what is made from it, for the pages' content."""

    corpus: Corpus
    reports: Reports | None
    renderer: Renderer  # the fragments, through the theme's templates
    show_findings: bool = True  # the lint setting is not off: incident pages list their findings
    search_sections: dict[str, list] = field(default_factory=dict)  # page url -> Material search sections

    def __post_init__(self) -> None:
        self._by_file = {os.path.abspath(published.source): published for published in self.corpus.published}

    def similar(self, published: Published, from_uri: str) -> list[RelatedIncident]:
        """The most similar earlier incidents (from the reports), besides those the author listed."""
        incident = published.incident
        if self.reports is None or not incident.id:
            return []
        listed = set(incident.related)
        return [other for other in self.reports.similar(incident.id, from_uri) if other.id not in listed]

    def link_postmortems(self, html: str, published: Published, link: Linker) -> str:
        """Relative links to other postmortems' files point at their pages (see crosslinks)."""
        def page_of(path: str) -> str | None:
            other = self._by_file.get(path)
            return link.href(other.src_uri) if other is not None else None

        html, missing = crosslinks.rewrite(html, published.source, page_of)
        for target in missing:
            log.warning(f"{published.source}: links to '{safe_message(target, 120)}', which is no published postmortem")
        return html


@dataclass
class PageBuild:
    """One page's content being made."""

    page: Any  # MkDocs's Page
    link: Linker  # relative links from this page
    rendered: Rendered | None  # its body, rendered on all cores (incident pages)
    site: SiteBuild

    @property
    def renderer(self) -> Renderer:
        return self.site.renderer


@dataclass
class PlannedPage:
    """A page the plugin adds. ``title``: plain text; ``searchable``: False leaves it out of the
    search index (pages that only list titles would match every search)."""

    title: str
    markdown: str = "\n"
    in_nav: bool = False
    hide: tuple[str, ...] = ()
    searchable: bool = True

    def meta(self) -> dict:
        """The page's whole ``meta``: values we control (MkDocs and Material act on keys such as
        ``template``, ``hide`` and ``icon``; a postmortem must not set them). The title is
        escaped text in ``Markup``: templates that print it raw print it safely."""
        meta: dict = {"title": escape(self.title)}
        if self.hide:
            meta["hide"] = [item for item in self.hide if item in ("toc", "navigation")]
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta

    def file(self, config, uri: str) -> File:
        inclusion = InclusionLevel.INCLUDED if self.in_nav else InclusionLevel.NOT_IN_NAV
        return File.generated(config, uri, content=self.markdown, inclusion=inclusion)

    def content(self, html: str, build: PageBuild) -> str:
        return html


@dataclass
class ProsePage(PlannedPage):
    """Our own Markdown: the rule pages and the format page."""


@dataclass(kw_only=True)
class ListingPage(PlannedPage):
    """HTML rendered from postmortem values: ``render(renderer, link)``."""

    render: Callable[[Renderer, Linker], str]

    def content(self, html: str, build: PageBuild) -> str:
        return self.render(build.renderer, build.link)


@dataclass
class ReportPage(PlannedPage):
    """A pattern report (``site_config.report_pages``): listed under Reports in the navigation."""

    in_nav: bool = True
    # The tables are the page: nine columns of an SLO period need the table of contents' width
    # (the navigation on the left lists the report pages; their sections are few and short).
    hide: tuple[str, ...] = ("toc",)

    def content(self, html: str, build: PageBuild) -> str:
        return keep_values_whole(clean_html(html))


@dataclass(kw_only=True)
class UnpublishedPage(PlannedPage):
    """``mkdocs serve`` only: a postmortem that cannot be published, at the address its page had
    (``planning.unpublished_pages``), saying why, where in the file, and how to fix it."""

    refusal: Refusal
    mode: str  # the build's lint setting: what `mkdocs build` would do with the file

    def content(self, html: str, build: PageBuild) -> str:
        return build.renderer.unpublished_page(self.refusal, build.link, self.mode)


@dataclass(kw_only=True)
class IncidentPage(PlannedPage):
    """A postmortem's page: ``incidents/<slug>/``."""

    published: Published

    def file(self, config, uri: str) -> File:
        # Its Markdown is made from the postmortem's body only now: a build has let go of the
        # body by then when it is rendered on all cores already (MkDocs renders it otherwise).
        generated = IncidentFile.generated(config, uri, content=incident_markdown(self.published),
                                           inclusion=InclusionLevel.NOT_IN_NAV)
        generated.postmortem_path = self.published.source
        return generated

    def content(self, html: str, build: PageBuild) -> str:
        site = build.site
        header = build.renderer.incident_header(self.published, build.link, show_findings=site.show_findings,
                                                similar=site.similar(self.published, build.page.file.src_uri))
        rendered = build.rendered
        if rendered is None:  # MkDocs rendered it (an extension could not go to the workers)
            return header + keep_values_whole(clean_html(html, site.corpus.config.resource_hosts))
        if rendered.search_sections is not None:
            sections = search_sections.page_sections(header, rendered.search_sections)
            if sections is not None:  # parsed in a worker: Material must not parse it again
                build.page.meta["search"] = {"exclude": True}
                site.search_sections[build.page.url] = sections
        return header + keep_values_whole(site.link_postmortems(rendered.html, self.published, build.link))


def incident_markdown(published: Published) -> str:
    return "\n" + published.body


class IncidentFile(File):
    """An incident page, generated from a postmortem. MkDocs counts every generated file as
    modified; this one is modified only when its postmortem is newer than the built page, so
    that ``mkdocs serve --dirty`` rebuilds the page that was edited, not a thousand."""

    postmortem_path: str | None = None

    def is_modified(self) -> bool:
        if self.postmortem_path is None:
            return True
        try:
            return os.path.getmtime(self.abs_dest_path) < os.path.getmtime(self.postmortem_path)
        except OSError:
            return True
