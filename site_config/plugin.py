"""The MkDocs plugin: hands the corpus's pages to MkDocs. It only orchestrates; each job is a
module of its own:

- settings: ``site_config.config`` (``PostmortemPluginConfig``);
- ``on_config``: publishing (``site_config.publish``) locks ``site_dir`` and points the build at
  a staging folder beside it; our Material overrides go before Material's templates (escaped
  titles), with the stylesheet and the index script;
- ``on_files``: lint and parse every postmortem once (``site_config.corpus``), apply the
  ``lint`` setting (``site_config.lint_policy``), start rendering the bodies on all cores
  (``site_config.prerender``), compute the reports (``site_config.report_pages``; the related
  incidents on the render workers, after the bodies, so that this process never imports the
  similarity's numpy and scipy), plan the
  pages (``site_config.planning``: each of a kind, ``site_config.page_kinds``) and add each as a
  virtual file (``File.generated``). MkDocs never reads a postmortem itself, so its YAML 1.1
  frontmatter parsing and its file walk (which follows symlinks) never see one;
  The fragments the pages are made of render through the theme's Jinja environment, so a
  site can override them (``site_config.templates``);
- ``on_page_markdown``: replace ``page.meta`` with values we control, and hand MkDocs an empty
  body for the postmortems rendered on the workers;
- ``on_page_content``: the page's kind makes its content. An incident page takes its body from
  the workers (waiting for it, or rendering it here when no worker has started it); when no
  other plugin reads ``on_page_content``, that waits until ``on_page_context``, just before the
  page's template, so MkDocs makes the pages before it while the workers render those after;
- ``on_post_page``: a build lets go of the content of each page it has rendered;
- ``on_post_build``: repair the search index and shard it (``site_config.search``; or trim it,
  ``site_config.search_index``, with ``search_shards: false``), then swap
  the staged site in when the build succeeded; ``on_build_error`` and ``on_shutdown`` delete it
  otherwise. A kill at any point leaves the previous site whole.

Titles are handed to the theme as ``Markup`` holding escaped text, so that any template that
prints them raw prints them safely; our partial overrides escape them too.
"""

from __future__ import annotations

import os
import posixpath
from typing import Callable

from markupsafe import Markup, escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from linter.api import Config as LinterConfig
from linter.api import ConfigError, PathError, default_jobs, load_config
from site_config import lint_cache, lint_policy, offline, pages, planning, publish, search_sections
from site_config.config import FORMAT_PAGE_DEFAULT, PostmortemPluginConfig
from site_config.corpus import Corpus, load_corpus
from site_config.dirty_search import DirtySearch
from site_config.lint_cache import LintCaches
from site_config.page_kinds import IncidentPage, PageBuild, PlannedPage, SiteBuild, incident_markdown
from site_config.prerender import BodyCache, Pending, Rendered, Settings, toc_of
from site_config.report_pages import ReportError, Reports
from site_config.sanitize import clean_inline_text
from site_config.search.install import install_written
from site_config.search_index import edit_written_index
from site_config.templates import THEME_DIR, Templates

log = get_plugin_logger("postmortem")

STYLESHEET = "assets/postmortem/postmortem.css"
SCRIPT = "assets/postmortem/postmortem.js"


class PostmortemPlugin(BasePlugin[PostmortemPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty_search: DirtySearch | None = None  # `mkdocs serve --dirty` only
        self.pages: dict[str, PlannedPage] = {}  # source path -> the page the plugin adds
        self.site: SiteBuild | None = None  # this build's corpus, reports and renderer
        self.watched: list[str] = []
        self.bodies = BodyCache()  # kept across `mkdocs serve` rebuilds (see on_startup)
        self.rendering: Pending | None = None  # this build's bodies, handed out as pages need them
        self.late_bodies = False  # see on_files
        self.late_pages: set[str] = set()  # pages whose body goes in place before their template
        self.lint_caches = LintCaches()  # serve: unchanged files keep their lint results
        self.page_of_source: dict[str, str] = {}  # serve: each file's last incident page (unpublished_pages)
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
        self.late_pages = set()
        paths = [self._path(path) for path in self.config.postmortems]
        linter_config = self._linter_config()
        on_disk = lint_cache.disk_cache(self.config.lint_cache)
        cache = (self.lint_caches.for_config(linter_config.source, self.config.linter_config, on_disk)
                 if self.command == "serve" else on_disk)
        try:
            corpus = load_corpus(paths, linter_config, self._jobs(), cache)
        except PathError as error:
            raise PluginError(f"postmortem: {error} (see 'postmortems' in mkdocs.yml)") from None
        self.watched = paths + [p for p in (self._path(self.config.format_page), linter_config.source) if p]
        try:
            lint_policy.apply(corpus, self.mode, log)
        except lint_policy.LintFailure as failure:
            raise PluginError(f"postmortem: {failure}") from None
        reports = self._reports(corpus)
        # Bodies render in worker processes while this process plans the pages (the report
        # charts take seconds of one core) and MkDocs makes them: each page waits for its own
        # body only (see _put_body_in_place). The related incidents go to the workers first:
        # every incident page shows them.
        self._close_rendering()
        rendering = self.rendering = self._start_rendering(config, corpus, first=reports.relate_elsewhere)
        if rendering is not None and self.command != "serve":
            _let_go_of_bodies(corpus)
        # MkDocs renders page content before it makes the environment for on_env: take the
        # theme's own, as Material's blog plugin does (same loader: custom_dir first).
        renderer = pages.Renderer(corpus, Templates(config.theme.get_env()))
        self.site = SiteBuild(corpus, reports, renderer, show_findings=self.mode != "off")
        format_page = planning.format_page_text(self._path(self.config.format_page), self.config.format_page,
                                                self.config.format_page == FORMAT_PAGE_DEFAULT, log)
        self.pages = planning.plan(corpus, reports, format_page)
        if self.command == "serve":
            # The page says what `mkdocs build` (its own lint setting) would do with the file.
            unpublished = planning.unpublished_pages(corpus, self.pages, self.page_of_source, self.config.lint)
            self.pages.update(unpublished)
            renderer.unpublished = [(page.refusal, uri) for uri, page in unpublished.items()]
            self.page_of_source.update({published.source: published.src_uri for published in corpus.published})
        # A body is put in place as late as the plugins allow: when no other plugin reads the
        # content MkDocs makes (on_page_content), only before the page's template is rendered.
        self.late_bodies = all(getattr(handler, "__self__", None) is self for handler in config.plugins.events["page_content"])
        for uri, page in self.pages.items():
            if files.get_file_from_path(uri) is not None:
                log.info(f"docs_dir has its own '{uri}'; it replaces the generated page")
                continue
            files.append(page.file(config, uri))
        try:
            report_files = reports.files()
        except ReportError as error:
            raise PluginError(f"postmortem: {error}") from None
        for report_file in report_files:
            if files.get_file_from_path(report_file.uri) is None:
                files.append(File.generated(config, report_file.uri, content=report_file.content))
        if self.auto_nav:
            own = [file.src_uri for file in files.documentation_pages() if file.generated_by is None]
            config.nav = planning.navigation(self.pages, own)
        return files

    def _jobs(self) -> int:
        return self.config.jobs if self.config.jobs > 0 else default_jobs()

    def _start_rendering(self, config, corpus: Corpus, first: Callable[[Callable], None]) -> Pending | None:
        """Start rendering the incident bodies to sanitized HTML on all cores (see
        site_config.prerender). None when an extension cannot be handed to another process:
        MkDocs renders those pages itself then."""
        settings = Settings.from_mkdocs(config, search_sections=self._search_in_workers(config),
                                        resource_hosts=tuple(corpus.config.resource_hosts))
        if settings is None:
            log.info("a Markdown extension is configured as an object: incident pages render one by one")
            return None
        texts = {published.src_uri: incident_markdown(published) for published in corpus.published}
        # Only a preview renders again: a build does not keep every body to its end.
        return self.bodies.start(texts, settings, self._jobs(), first=first, keep=self.command == "serve")

    def _close_rendering(self, finish: bool = False) -> None:
        """Let the render workers go (``finish``: once they have done what they were handed)."""
        rendering, self.rendering = self.rendering, None
        if rendering is not None:
            rendering.finish() if finish else rendering.close()

    def _rendered(self, uri: str) -> bool:
        return self.rendering is not None and uri in self.rendering

    def _body(self, uri: str) -> Rendered:
        """The page's rendered body (waiting for it); the build stops, naming every file, when
        the site's Markdown engine failed on one."""
        assert self.rendering is not None
        rendered = self.rendering.take(uri)
        if rendered.error:
            failed = [f"{self._source(failed_uri)}: {error}" for failed_uri, error in self.rendering.failures().items()]
            raise PluginError("postmortem: cannot render " + "; ".join(failed[:lint_policy.MAX_LISTED]))
        return rendered

    def _source(self, uri: str) -> str:
        page = self.pages.get(uri)
        return page.published.source if isinstance(page, IncidentPage) else uri

    def _search_in_workers(self, config) -> bool:
        return (self.config.search_in_workers and search_sections.available()
                and search_sections.material_search_index(config) is not None)

    def _reports(self, corpus: Corpus) -> Reports:
        def incident_href(from_uri: str, incident_id: str) -> str | None:
            published = corpus.by_id.get(incident_id)
            if published is None:
                return None
            return pages.Linker(pages.page_url(from_uri)).href(published.src_uri)

        def incident_source(from_uri: str, incident_id: str) -> str | None:
            published = corpus.by_id.get(incident_id)
            if published is None:
                return None
            return posixpath.relpath(published.src_uri, posixpath.dirname(from_uri) or ".")

        try:
            return Reports(corpus.incidents, corpus.config, incident_href, publishes_files=True,
                           markdown_href=incident_source)
        except ConfigError as error:  # a report setting from the environment (SOURCE_DATE_EPOCH)
            raise PluginError(f"postmortem: {error}") from None

    # --- pages ------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None and page.file.generated_by is not None:
            page.meta = planned.meta()
            if self._rendered(page.file.src_uri):
                return ""  # rendered on all cores; put in place by on_page_content or _put_body_in_place
        elif isinstance(page.meta.get("title"), (str, int, float)):
            page.meta["title"] = escape(str(page.meta["title"]))
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.dirty_search is not None:
            self.dirty_search.page_built(page.url)
        planned = self.pages.get(page.file.src_uri) if page.file.generated_by is not None else None
        if planned is None:
            _escape_toc(page.toc)
            if "title" not in page.meta:
                page.meta["title"] = Markup(clean_inline_text(page.title or ""))
            return html
        if self.late_bodies and self._rendered(page.file.src_uri):
            self.late_pages.add(page.file.src_uri)
            return html  # made in _put_body_in_place, when the page's template needs it
        return self._content(planned, html, page, config)

    def _content(self, planned: PlannedPage, html: str, page, config) -> str:
        rendered = self._body(page.file.src_uri) if self._rendered(page.file.src_uri) else None
        if rendered is not None:
            page.toc = toc_of(rendered)
            page.present_anchor_ids = set(rendered.anchors)
        _escape_toc(page.toc)
        assert self.site is not None
        return planned.content(html, PageBuild(page, pages.Linker(page.url, config.use_directory_urls), rendered, self.site))

    @event_priority(-100)  # after every other plugin's on_post_page
    def on_post_page(self, output: str, *, page, config) -> str:
        if self.command != "serve" and page.file.src_uri in self.pages and page.file.generated_by is not None:
            # The template has rendered the page into `output` (Material's search took its text
            # in on_page_context): a build never reads the content again, so it need not keep
            # every page's HTML to its end. `mkdocs serve` may build a page again from it.
            page.content = None
        return output

    # --- search -----------------------------------------------------------------------------

    @event_priority(100)  # before Material's search reads the page's content
    def _put_body_in_place(self, context, *, page, config, nav):
        """The content of a page whose body came late: the workers rendered the pages after
        this one while MkDocs made the pages before it."""
        if page.file.src_uri in self.late_pages:
            self.late_pages.discard(page.file.src_uri)
            page.content = self._content(self.pages[page.file.src_uri], page.content or "", page, config)
        return context

    def _add_search_sections(self, context, *, page, config, nav):
        sections = self.site.search_sections.pop(page.url, None) if self.site is not None else None
        index = search_sections.material_search_index(config) if sections is not None else None
        if index is not None:
            search_sections.add_entries(index, sections, page)
        return context

    on_page_context = CombinedEvent(_put_body_in_place, _add_search_sections)

    @event_priority(100)  # before Material's search plugin merges a dirty rebuild's entries
    def _before_search_index(self, *, config) -> None:
        self._close_rendering(finish=True)  # every page is made
        if self.dirty_search is not None:
            self.dirty_search.before_merge(config)

    @event_priority(-100)  # after Material's search plugin has written the index
    def _after_search_index(self, *, config) -> None:
        written = search_sections.material_search_index(config)
        if self.command != "serve" and written is not None:
            # Material has written its index and keeps it only for `mkdocs serve --dirty`: free
            # it before the index is read back and sharded, the build's peak of memory.
            written.entries = []
        if self.config.search_shards:
            install_written(config, self.dirty_search, log)
        else:
            edit_written_index(config, self.config.search_index_max_kb, self.dirty_search, log)

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
        self._close_rendering()
        self._end_publication(publish.Publication.abandon)

    def on_shutdown(self) -> None:
        self._close_rendering()
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


def _let_go_of_bodies(corpus: Corpus) -> None:
    """A build reads each body once: the renderer has its Markdown now (and renders every body,
    or refuses to build), so the postmortems do not keep a second copy to the end of the build,
    nor their pages' files a third (see IncidentPage.file)."""
    for published in corpus.published:
        published.body = ""


def _warnings_counted() -> bool:
    """True when MkDocs's strict-mode counter on the 'mkdocs' logger has counted a warning."""
    import logging

    from mkdocs.utils import CountHandler

    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


def _escape_toc(toc) -> None:
    """TOC titles as Markup holding escaped text (the theme prints them raw)."""
    for item in toc:
        item.title = Markup(clean_inline_text(str(item.title)))
        _escape_toc(item.children)
