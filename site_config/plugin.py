"""The MkDocs plugin: hands the corpus's pages to MkDocs. It only orchestrates.

- ``on_config``: put our Material overrides (escaped titles) before Material's templates and
  add the index script and stylesheet.
- ``on_files``: lint and parse every postmortem once (``site_config.corpus``), apply the
  ``lint`` setting, and add every page as a virtual file (``File.generated``): the incident
  pages, the index, the browse pages, the reports, the rule reference and the format page.
  MkDocs never reads a postmortem itself, so its YAML 1.1 frontmatter parsing and its file
  walk (which follows symlinks) never see one.
- ``on_page_markdown``: replace ``page.meta`` with values we control (MkDocs and Material act
  on meta keys such as ``template``, ``hide`` and ``icon``; a postmortem must not set them).
- ``on_files`` also renders the postmortem bodies on all cores (``site_config.prerender``):
  ``on_page_markdown`` hands MkDocs an empty body for them, and ``on_page_content`` puts the
  sanitized HTML, its table of contents and anchors in place, with links between postmortems'
  files pointing at their pages (``site_config.crosslinks``).
- ``on_page_content``: put the summary card on top of each postmortem; fill the HTML pages.
- ``on_post_build``: repair the search index after a dirty rebuild (``site_config.dirty_search``)
  and keep it within ``search_index_max_kb`` (``site_config.search_index``).
- Publishing (``site_config.publish``): ``on_config`` (first of all plugins) locks ``site_dir``
  and points the build at a staging folder beside it; ``on_post_build`` (last) swaps the staged
  site in when the build succeeded; ``on_build_error`` and ``on_shutdown`` delete it otherwise.
  A kill at any point leaves the previous site whole.

Titles are handed to the theme as ``Markup`` holding escaped text, so that any template that
prints them raw prints them safely; our partial overrides escape them too.
"""

from __future__ import annotations

import importlib.resources

import os
import posixpath
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from linter.atomic import write_atomic
from linter.config import Config as LinterConfig
from linter.config import ConfigError, load_config
from linter.engine import ResultCache
from linter.files import PathError
from linter.rules import RULES
from linter.safe_text import readable_path, safe_message
from site_config import crosslinks, offline, pages, publish, search_sections
from site_config.dirty_search import DirtySearch
from site_config.config import FORMAT_PAGE_DEFAULT, PostmortemPluginConfig
from site_config.corpus import Corpus, Incident, load_corpus
from site_config.report_pages import ReportContext, ReportFile, ReportPage, related_for, report_files, report_pages
from site_config.prerender import BodyCache, Pending, Rendered, Settings, toc_of
from site_config.sanitize import clean_html, clean_inline_text
from site_config.search_index import fit_index

log = get_plugin_logger("postmortem")

THEME_DIR = os.path.join(os.path.dirname(__file__), "theme")
STYLESHEET = "assets/postmortem/postmortem.css"
SCRIPT = "assets/postmortem/postmortem.js"
MAX_LISTED = 20  # findings named in one build error before "and N more"
# Report charts are served from the site's origin, and an SVG opened directly runs its scripts.
_LIVE_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"}


@dataclass
class _Page:
    """A page the plugin adds, and how its content is made."""

    title: str  # plain text
    kind: str  # "incident" | "html" (content rendered by us) | "markdown" (our prose) | "report"
    markdown: str = "\n"
    render: Callable[[pages.Linker], str] | None = None
    incident: Incident | None = None
    in_nav: bool = False
    hide: tuple[str, ...] = ()
    searchable: bool = True  # False: left out of the search index (pages that only list titles)


class PostmortemPlugin(BasePlugin[PostmortemPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty_search: DirtySearch | None = None  # `mkdocs serve --dirty` only
        self.search_sections: dict[str, list] = {}  # page url -> Material search sections (see search_sections)
        self.pages: dict[str, _Page] = {}
        self.corpus: Corpus | None = None
        self.report_context: ReportContext | None = None
        self.watched: list[str] = []
        self.bodies = BodyCache()  # kept across `mkdocs serve` rebuilds (see on_startup)
        self.rendered: dict[str, Rendered] = {}
        self.lint_cache: tuple[tuple, ResultCache] | None = None  # serve: (linter configuration, results)
        self._by_file: dict[str, Incident] = {}  # source file (absolute) -> incident, for crosslinks
        self.dirty = False
        self.publication: publish.Publication | None = None  # the build in progress (see site_config.publish)

    # --- configuration ----------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty
        self.dirty_search = DirtySearch() if dirty else None

    @event_priority(100)  # before any plugin reads site_dir
    def _start_publishing(self, config):
        """Build into a locked staging folder beside site_dir (see site_config.publish). Not for
        `mkdocs serve` (its site_dir is a private temporary folder) nor a dirty build (it updates
        the site in place, for previews only)."""
        if self.command == "serve" or self.dirty:
            return config
        self._end_publication(publish.Publication.abandon)  # a previous build's, if it never ended

        def waiting(holder: str) -> None:
            log.info(f"another build{holder} is publishing into {config.site_dir}; waiting for it "
                     f"(at most {self.config.publish_lock_wait} s)")

        try:
            self.publication = publish.begin(config.site_dir, self.config.publish_lock_wait, waiting)
        except publish.PublishError as error:
            raise PluginError(f"postmortem: {error}") from None
        config.site_dir = self.publication.staging
        return config

    def _configure(self, config):
        if self.dirty_search is not None:
            self.dirty_search.start()
        self.root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.mode = self.config.lint_on_serve if self.command == "serve" else self.config.lint
        self.auto_nav = not config.nav
        self._add_theme_overrides(config)
        offline.use_local_worker_shim(config)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if not any(str(script) == SCRIPT for script in config.extra_javascript):
            config.extra_javascript.append(ExtraScriptValue(SCRIPT))
        return config

    on_config = CombinedEvent(_start_publishing, _configure)

    def _add_theme_overrides(self, config) -> None:
        """Our templates go right before Material's, so a project's custom_dir still wins."""
        if config.theme.name != "material":
            log.warning("the postmortem plugin is made for the Material theme; titles are still "
                        "escaped, but the site's styles and partial overrides are not applied")
            return
        dirs = config.theme.dirs
        if THEME_DIR in dirs:
            return
        material = next((index for index, path in enumerate(dirs) if os.path.basename(os.path.dirname(path)) == "material"), len(dirs))
        dirs.insert(material, THEME_DIR)

    def _path(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.join(self.root, path)

    def _linter_config(self) -> LinterConfig:
        try:
            return load_config(self.config.linter_config or None, start=self.root)
        except ConfigError as error:
            raise PluginError(f"postmortem: {error}") from None

    # --- files ------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config) -> Files:
        paths = [self._path(path) for path in self.config.postmortems]
        linter_config = self._linter_config()
        try:
            corpus = load_corpus(paths, linter_config, self._jobs(), self._lint_cache(linter_config))
        except PathError as error:
            raise PluginError(f"postmortem: {error} (see 'postmortems' in mkdocs.yml)") from None
        self.corpus = corpus
        self.watched = paths + [p for p in (self._path(self.config.format_page), linter_config.source) if p]
        self._apply_lint_mode(corpus)
        # Bodies render in worker processes while this process plans the pages (the report
        # charts take seconds of one core).
        rendering = self._start_rendering(config, corpus)
        self.pages = self._plan(corpus, files)
        self.rendered = rendering.result() if rendering is not None else {}
        _refuse_unrenderable(corpus, self.rendered)
        if self.command != "serve":
            self.bodies = BodyCache()  # only a preview renders again: don't hold every body twice
        self._by_file = {os.path.abspath(incident.source): incident for incident in corpus.incidents}
        for uri, page in self.pages.items():
            if files.get_file_from_path(uri) is not None:
                log.info(f"docs_dir has its own '{uri}'; it replaces the generated page")
                continue
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            kind = _IncidentFile if page.incident is not None else File
            generated = kind.generated(config, uri, content=page.markdown, inclusion=inclusion)
            if page.incident is not None:
                generated.postmortem_path = page.incident.source
            files.append(generated)
        for report_file in self._report_files():
            if files.get_file_from_path(report_file.uri) is None:
                files.append(File.generated(config, report_file.uri, content=report_file.content))
        if self.auto_nav:
            config.nav = self._nav(files)
        return files

    def _lint_cache(self, linter_config: LinterConfig) -> ResultCache | None:
        """While serving, unchanged files keep their lint results (a changed configuration: none)."""
        if self.command != "serve":
            return None
        source = linter_config.source
        try:
            identity = (source, os.stat(source).st_mtime_ns if source else None, self.config.linter_config)
        except OSError:
            identity = (source, None, self.config.linter_config)
        if self.lint_cache is None or self.lint_cache[0] != identity:
            self.lint_cache = (identity, ResultCache())
        return self.lint_cache[1]

    def _jobs(self) -> int:
        from linter.engine import default_jobs

        return self.config.jobs if self.config.jobs > 0 else default_jobs()

    def _start_rendering(self, config, corpus: Corpus) -> Pending | None:
        """Start rendering the incident bodies to sanitized HTML on all cores (see
        site_config.prerender). None when an extension cannot be handed to another process:
        MkDocs renders those pages itself then."""
        settings = Settings.from_mkdocs(config, search_sections=self._search_in_workers(config),
                                        resource_hosts=tuple(corpus.config.resource_hosts))
        if settings is None:
            log.info("a Markdown extension is configured as an object: incident pages render one by one")
            return None
        texts = {incident.src_uri: _incident_markdown(incident) for incident in corpus.incidents}
        return self.bodies.start(texts, settings, self._jobs())

    def _search_in_workers(self, config) -> bool:
        return (self.config.search_in_workers and search_sections.available()
                and search_sections.material_search_index(config) is not None)

    def _apply_lint_mode(self, corpus: Corpus) -> None:
        """Refusals and lint errors: fail the build (error), warn (warn), or stay quiet (off)."""
        problems = [f"{readable_path(refusal.source)}: not published: {refusal.reason}" for refusal in corpus.refused]
        problems += [f"{source}: shares its page with {other}; published under another address"
                     for source, other in corpus.collisions]
        errors = [finding for finding in corpus.errors if finding.path not in {r.source for r in corpus.refused}]
        warnings = [finding for finding in corpus.findings if not finding.is_error]
        if self.mode == "error" and (problems or errors):
            lines = problems + [_describe(finding) for finding in errors]
            shown = "\n  ".join(lines[:MAX_LISTED])
            more = f"\n  … and {len(lines) - MAX_LISTED} more" if len(lines) > MAX_LISTED else ""
            raise PluginError(
                f"postmortem: {len(errors)} lint error(s) and {len(corpus.refused)} file(s) that cannot be published "
                f"(plugin setting lint: error):\n  {shown}{more}\nRun 'postmortem lint' for details.")
        for line in problems + corpus.internal_errors:  # a crashed rule: loud in every mode (strict fails)
            log.warning(line)
        if self.mode == "warn":
            for finding in errors:
                log.warning(_describe(finding))
        if self.mode != "off":
            for finding in warnings:
                log.debug(_describe(finding))
            log.info(f"{len(corpus.incidents)} postmortems published; lint: {len(corpus.errors)} errors, "
                     f"{len(warnings)} warnings (shown on their pages)")

    def _plan(self, corpus: Corpus, files: Files) -> dict[str, _Page]:
        """Every page the plugin adds, by source path."""
        planned: dict[str, _Page] = {
            # not searchable: it repeats every incident's title, so it would match every search
            "index.md": _Page("Incidents", "html", render=lambda link: pages.incident_index(corpus, link),
                              in_nav=True, hide=("navigation", "toc"), searchable=False),
            "browse/index.md": _Page("Browse", "html", render=lambda link: pages.browse_index(corpus, link),
                                     in_nav=True, hide=("navigation", "toc")),
            "rules/index.md": _Page("Lint rules", "html", render=lambda link: pages.rules_index(link), in_nav=True,
                                     hide=("navigation",)),
        }
        for incident in corpus.incidents:
            planned[incident.src_uri] = _Page(incident.title, "incident", markdown=_incident_markdown(incident), hide=("navigation",),
                                              incident=incident)
        for terms in corpus.facets.values():
            for term in terms:
                planned[term.src_uri] = _Page(pages.term_title(term), "html", hide=("navigation", "toc"), searchable=False,
                                              render=lambda link, term=term: pages.term_page(term, corpus, link))
        for rule in RULES:
            planned[pages.rule_src_uri(rule)] = _Page(f"{rule.code} {rule.name}", "markdown",
                                                      markdown=f"# {rule.code} {rule.name}\n\n" + pages.rule_markdown(rule))
        format_markdown = self._format_page()
        if format_markdown is not None:
            planned["format.md"] = _Page("The postmortem format", "markdown", markdown=format_markdown, in_nav=True)
        for report in self._reports(corpus):
            planned[report.uri] = _Page(report.title, "report", in_nav=True,
                                        markdown=_report_markdown(report), render=_report_html(report))
        return planned

    def _format_page(self) -> str | None:
        path = self._path(self.config.format_page)
        try:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except FileNotFoundError:
            if self.config.format_page != FORMAT_PAGE_DEFAULT:
                log.info(f"no format page: {self.config.format_page} does not exist")
                return None
            # A team's repository has no docs/format.md: the format it is held to ships with the kit.
            text = (importlib.resources.files("site_config") / "format.md").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            log.warning(f"format page {self.config.format_page} cannot be read: {error}")
            return None
        return pages.format_markdown(text, {"rules.md": "rules/index.md", "format.md": "format.md"})

    def _reports(self, corpus: Corpus) -> list[ReportPage]:
        def incident_href(from_uri: str, incident_id: str) -> str | None:
            incident = corpus.by_id.get(incident_id)
            if incident is None:
                return None
            return pages.Linker(pages.page_url(from_uri)).href(incident.src_uri)

        def incident_source(from_uri: str, incident_id: str) -> str | None:
            incident = corpus.by_id.get(incident_id)
            if incident is None:
                return None
            return posixpath.relpath(incident.src_uri, posixpath.dirname(from_uri) or ".")

        self.report_context = ReportContext(corpus.documents, corpus.config, incident_href, publishes_files=True,
                                            markdown_href=incident_source)
        try:
            reports = report_pages(self.report_context)
        except ConfigError as error:  # a report setting from the environment (SOURCE_DATE_EPOCH)
            raise PluginError(f"postmortem: {error}") from None
        kept = []
        for report in reports:
            if not report.uri.startswith("reports/") or not report.uri.endswith(".md") or ".." in report.uri.split("/"):
                raise PluginError(f"postmortem: report page '{report.uri}' must be a .md path under reports/")
            kept.append(report)
        return kept

    def _report_files(self) -> list[ReportFile]:
        """The reports' charts (SVG) and numbers (JSON), checked to carry no live markup."""
        if self.report_context is None:
            return []
        kept = []
        for report_file in report_files(self.report_context):
            if not report_file.uri.startswith("reports/") or ".." in report_file.uri.split("/") or report_file.uri.endswith(".md"):
                raise PluginError(f"postmortem: report file '{report_file.uri}' must be a non-page path under reports/")
            if report_file.uri.endswith(".svg") and not _inert_svg(report_file.content):
                raise PluginError(f"postmortem: report chart '{report_file.uri}' contains script or an event handler; not publishing it")
            kept.append(report_file)
        return kept

    def _similar(self, incident: Incident, from_uri: str) -> list:
        """The most similar earlier incidents (from the reports), besides those the author listed."""
        if self.report_context is None or not incident.id:
            return []
        listed = set(incident.related)
        return [other for other in related_for(self.report_context, incident.id, from_uri) if other.id not in listed]

    def _nav(self, files: Files) -> list:
        """The navigation: index, browse, reports, rules, authoring — never every incident
        (Material repeats the whole navigation on every page: listing incidents is quadratic)."""
        nav: list = [{"Incidents": "index.md"}, {"Browse": "browse/index.md"}]
        reports = [{page.title: uri} for uri, page in self.pages.items() if page.kind == "report"]
        if reports:
            nav.append({"Reports": reports})
        nav.append({"Rules": "rules/index.md"})
        authoring = ["format.md"] if "format.md" in self.pages else []
        authoring += sorted(file.src_uri for file in files.documentation_pages()
                            if file.src_uri not in self.pages and file.generated_by is None)
        if authoring:
            nav.append({"Authoring": authoring})
        return nav

    # --- pages ------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None and page.file.generated_by is not None:
            page.meta = {"title": escape(planned.title)}
            if planned.hide:
                page.meta["hide"] = [item for item in planned.hide if item in ("toc", "navigation")]
            if not planned.searchable:
                page.meta["search"] = {"exclude": True}
            if page.file.src_uri in self.rendered:
                return ""  # rendered already, on all cores; put in place by on_page_content
        elif isinstance(page.meta.get("title"), (str, int, float)):
            page.meta["title"] = escape(str(page.meta["title"]))
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.dirty_search is not None:
            self.dirty_search.page_built(page.url)
        planned = self.pages.get(page.file.src_uri) if page.file.generated_by is not None else None
        rendered = self.rendered.get(page.file.src_uri) if planned is not None else None
        if rendered is not None and self.command != "serve":
            del self.rendered[page.file.src_uri]  # a build uses each body once: free it as pages go by
        if rendered is not None:
            page.toc = toc_of(rendered)
            page.present_anchor_ids = set(rendered.anchors)
        _escape_toc(page.toc)
        if planned is None:
            if "title" not in page.meta:
                page.meta["title"] = Markup(clean_inline_text(page.title or ""))
            return html
        link = pages.Linker(page.url, config.use_directory_urls)
        if planned.kind == "incident":
            assert planned.incident is not None and self.corpus is not None
            header = pages.incident_header(planned.incident, self.corpus, link, show_findings=self.mode != "off",
                                           similar=self._similar(planned.incident, page.file.src_uri))
            if rendered is None:
                return header + clean_html(html, self.corpus.config.resource_hosts)
            if rendered.search_sections is not None:
                sections = search_sections.page_sections(header, rendered.search_sections)
                if sections is not None:  # parsed in a worker: Material must not parse it again
                    page.meta["search"] = {"exclude": True}
                    self.search_sections[page.url] = sections
            return header + self._link_postmortems(rendered.html, planned.incident, link)
        if planned.kind == "html" or (planned.kind == "report" and planned.render is not None):
            assert planned.render is not None
            rendered = planned.render(link)
            return clean_html(rendered) if planned.kind == "report" else rendered
        if planned.kind == "report":
            return clean_html(html)
        return html

    def _link_postmortems(self, html: str, incident: Incident, link: pages.Linker) -> str:
        """Relative links to other postmortems' files point at their pages (see crosslinks)."""
        def page_of(path: str) -> str | None:
            other = self._by_file.get(path)
            return link.href(other.src_uri) if other is not None else None

        html, missing = crosslinks.rewrite(html, incident.source, page_of)
        for target in missing:
            log.warning(f"{incident.source}: links to '{safe_message(target, 120)}', which is no published postmortem")
        return html

    # --- search -----------------------------------------------------------------------------

    def on_page_context(self, context, *, page, config, nav):
        sections = self.search_sections.pop(page.url, None)
        index = search_sections.material_search_index(config) if sections is not None else None
        if index is not None:
            search_sections.add_entries(index, sections, page)
        return context

    @event_priority(100)  # before Material's search plugin merges a dirty rebuild's entries
    def _before_search_index(self, *, config) -> None:
        if self.dirty_search is not None:
            self.dirty_search.before_merge(config)

    @event_priority(-100)  # after Material's search plugin has written the index
    def _after_search_index(self, *, config) -> None:
        path = os.path.join(config.site_dir, "search", "search_index.json")
        if self.dirty_search is not None and os.path.isfile(path):
            repaired = self.dirty_search.repaired(config)
            if repaired is not None:
                write_atomic(path, repaired, overwrite=True)
                offline.write_inline_index(config, repaired)
        budget = self.config.search_index_max_kb * 1000
        if budget <= 0 or not os.path.isfile(path):
            return
        with open(path, encoding="utf-8") as handle:
            fitted = fit_index(handle.read(), budget)
        if fitted.allowance is None:
            return
        write_atomic(path, fitted.text, overwrite=True)
        offline.write_inline_index(config, fitted.text)
        if fitted.gzip_bytes > budget:
            log.warning(f"search index is {fitted.gzip_bytes // 1000} KB gzip even with incident pages cut to "
                        f"{fitted.allowance} characters: the other pages alone exceed search_index_max_kb "
                        f"({self.config.search_index_max_kb})")
            return
        log.info(f"search index trimmed from {fitted.original_gzip_bytes // 1000} KB to {fitted.gzip_bytes // 1000} KB gzip: "
                 f"each postmortem indexes its first {fitted.allowance:,} characters (search_index_max_kb: "
                 f"{self.config.search_index_max_kb})")

    @event_priority(-1000)  # after every plugin has written into the staging folder
    def _publish(self, *, config) -> None:
        """Swap the staged site in, unless MkDocs is about to abort the build: in strict mode it
        counts the warnings after this event (with its own handler on the 'mkdocs' logger)."""
        if self.publication is None:
            return
        if config.strict and _warnings_counted():
            log.info(f"not publishing: the build has warnings in strict mode; {self.publication.site_dir} is left as it was")
            return  # on_build_error follows MkDocs's abort and deletes the staging folder
        site_dir = config.site_dir = self.publication.site_dir  # `gh-deploy` reads it after the build
        try:
            self._end_publication(publish.Publication.publish)
        except publish.PublishError as error:
            raise PluginError(f"postmortem: {error}") from None
        log.info(f"published {site_dir} (the whole site, in one step)")

    on_post_build = CombinedEvent(_before_search_index, _after_search_index, _publish)

    def on_build_error(self, *, error) -> None:
        self._end_publication(publish.Publication.abandon)

    def on_shutdown(self) -> None:
        self._end_publication(publish.Publication.abandon)  # interrupted (Ctrl-C): no build error event

    def _end_publication(self, end: Callable[[publish.Publication], None]) -> None:
        publication, self.publication = self.publication, None
        if publication is not None:
            end(publication)

    # --- serve ------------------------------------------------------------------------------

    def on_serve(self, server, *, config, builder):
        for path in self.watched:
            if os.path.exists(path):
                server.watch(path)
        return server


class _IncidentFile(File):
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


def _refuse_unrenderable(corpus: Corpus, rendered: dict[str, Rendered]) -> None:
    """Stop the build, naming the files, when the site's Markdown engine failed on a body."""
    failed = [f"{incident.source}: {rendered[incident.src_uri].error}" for incident in corpus.incidents
              if incident.src_uri in rendered and rendered[incident.src_uri].error]
    if failed:
        raise PluginError("postmortem: cannot render " + "; ".join(failed[:MAX_LISTED]))


def _incident_markdown(incident: Incident) -> str:
    return "\n" + incident.body


def _warnings_counted() -> bool:
    """True when MkDocs's strict-mode counter on the 'mkdocs' logger has counted a warning."""
    import logging

    from mkdocs.utils import CountHandler

    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


def _describe(finding) -> str:
    return f"{readable_path(finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.name} [{finding.severity}] {safe_message(finding.message, 200)}"


def _inert_svg(text: str) -> bool:
    """True when an SVG has no script, foreign content, event handler or script URL."""
    import xml.etree.ElementTree as ElementTree

    if "<!ENTITY" in text:  # the charts declare no entities; refuse entity tricks
        return False
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return False
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1].lower() in _LIVE_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (local == "href" and not value.strip().startswith("#")):
                return False
    return True


def _escape_toc(toc) -> None:
    """TOC titles as Markup holding escaped text (the theme prints them raw)."""
    for item in toc:
        item.title = Markup(clean_inline_text(str(item.title)))
        _escape_toc(item.children)


def _report_markdown(report: ReportPage) -> str:
    if report.html:
        return "\n"
    body = report.markdown
    return body if body.lstrip().startswith("# ") else f"# {report.title}\n\n{body}"


def _report_html(report: ReportPage) -> Callable[[pages.Linker], str] | None:
    if not report.html:
        return None
    html = report.html
    return lambda link: html
