"""Which pages the plugin adds, of which kind (``site_config.page_kinds``), and the navigation.

``plan`` maps every source path the plugin adds to its page: the index, the browse pages, the
incident pages, the rule reference, the format page and the reports. ``navigation`` is the
site's navigation when mkdocs.yml sets none.
"""

from __future__ import annotations

import importlib.resources
import os
import posixpath

from linter.api import RULES
from site_config import pages
from site_config.corpus import Corpus
from site_config.page_kinds import IncidentPage, ListingPage, PlannedPage, ProsePage, ReportPage, UnpublishedPage
from site_config.report_pages import Reports
from site_config.slugs import slug_for


def plan(corpus: Corpus, reports: Reports | None, format_markdown: str | None) -> dict[str, PlannedPage]:
    """Every page the plugin adds, by source path."""
    planned: dict[str, PlannedPage] = {
        # not searchable: it repeats every incident's title, so it would match every search
        "index.md": ListingPage("Incidents", in_nav=True, hide=("navigation", "toc"), searchable=False,
                                render=lambda renderer, link: renderer.incident_index(link)),
        "browse/index.md": ListingPage("Browse", in_nav=True, hide=("navigation", "toc"),
                                       render=lambda renderer, link: renderer.browse_index(link)),
        "rules/index.md": ListingPage("Lint rules", in_nav=True, hide=("navigation",),
                                      render=lambda renderer, link: renderer.rules_index(link)),
    }
    for published in corpus.published:
        planned[published.src_uri] = IncidentPage(published.incident.title, hide=("navigation",), published=published)
    for terms in corpus.facets.values():
        for term in terms:
            planned[term.src_uri] = ListingPage(pages.term_title(term), hide=("navigation", "toc"), searchable=False,
                                                render=lambda renderer, link, term=term: renderer.term_page(term, link))
    for rule in RULES:
        planned[pages.rule_src_uri(rule)] = ProsePage(f"{rule.code} {rule.name}",
                                                      markdown=f"# {rule.code} {rule.name}\n\n" + pages.rule_markdown(rule))
    if format_markdown is not None:
        planned["format.md"] = ProsePage("The postmortem format", markdown=format_markdown, in_nav=True)
    if reports is not None:
        for report in reports.pages():
            planned[report.uri] = ReportPage(report.title, markdown=report.markdown)
    return planned


def unpublished_pages(corpus: Corpus, taken, previous: dict[str, str], mode: str) -> dict[str, UnpublishedPage]:
    """``mkdocs serve``: an error page for each file that cannot be published, at the page the
    file had in an earlier build of this serve (``previous``: source -> page), so the author's
    open tab reloads into the reason instead of a 404; else at ``incidents/not-published-<file>``."""
    found: dict[str, UnpublishedPage] = {}
    for refusal in corpus.refused:
        uri = previous.get(refusal.source)
        if uri is None or uri in taken or uri in found:
            stem = slug_for(posixpath.splitext(os.path.basename(refusal.source))[0])
            uri, number = f"incidents/not-published-{stem}.md", 2
            while uri in taken or uri in found:
                uri, number = f"incidents/not-published-{stem}-{number}.md", number + 1
        title = f"Not published: {os.path.basename(refusal.source)}"
        found[uri] = UnpublishedPage(title, hide=("navigation", "toc"), searchable=False, refusal=refusal, mode=mode)
    return found


def navigation(planned: dict[str, PlannedPage], own_pages: list[str]) -> list:
    """The navigation: index, browse, reports, rules, authoring (the format page, then the
    project's own pages, ``own_pages``) — never every incident (Material repeats the whole
    navigation on every page: listing incidents is quadratic)."""
    nav: list = [{"Incidents": "index.md"}, {"Browse": "browse/index.md"}]
    reports = [{page.title: uri} for uri, page in planned.items() if isinstance(page, ReportPage)]
    if reports:
        nav.append({"Reports": reports})
    nav.append({"Rules": "rules/index.md"})
    authoring = ["format.md"] if "format.md" in planned else []
    authoring += sorted(uri for uri in own_pages if uri not in planned)
    if authoring:
        nav.append({"Authoring": authoring})
    return nav


def format_page_text(path: str, setting: str, is_default: bool, log) -> str | None:
    """The format page's Markdown: ``path`` (the ``format_page`` setting, ``setting``, from
    mkdocs.yml's folder), else — for the default setting only — the copy packaged with the kit
    (a team's repository has no docs/format.md); None when there is none to show."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except FileNotFoundError:
        if not is_default:
            log.info(f"no format page: {setting} does not exist")
            return None
        text = (importlib.resources.files("site_config") / "format.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.warning(f"format page {setting} cannot be read: {error}")
        return None
    return pages.format_markdown(text, {"rules.md": "rules/index.md", "format.md": "format.md"})
