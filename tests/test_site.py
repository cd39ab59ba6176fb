"""The published site: one real ``mkdocs build --strict`` of the example corpus, then its pages.

Expectations come from the postmortems themselves (read with the linter's document model) and
from the rule registry, never from the plugin's own data structures, so a page the plugin
forgets to make is caught. HTML is read with the standard library's parser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from linter.document import read_document
from linter.rules import RULES
from site_config.search.entries import read_index
from site_config.slugs import assign_slugs, normalize

from tests.conftest import REPO

POSTMORTEMS = sorted((REPO / "postmortems").rglob("*.md"))
SITE_ROOT = "http://site.test/"  # a stand-in origin for resolving relative links
FACET_KEYS = {  # browse folder -> frontmatter key
    "service": "services",
    "root-cause": "root_cause_category",
    "factor": "contributing_factors",
    "tag": "tags",
}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example corpus built once per test session, the way the README builds it."""
    # One fixed folder per session: test_browser.py imports this fixture (to pytest, a second
    # definition, possibly in a second copy of this module) and must reuse the same build.
    site = tmp_path_factory.getbasetemp() / "example-site"
    if not (site.parent / "example-site.ok").is_file():  # written only after a passing build
        _build(site)
        (site.parent / "example-site.ok").touch()
    return site


def _build(site: Path) -> None:
    result = subprocess.run(
        # not -q: it drops warnings before --strict counts them
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.fixture(scope="session")
def metas() -> list[dict]:
    documents = [read_document(str(path), str(path.relative_to(REPO))) for path in POSTMORTEMS]
    return [document.meta for document in documents]


class Outline(HTMLParser):
    """Tags with their attributes, plus the text and links inside chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._stack: list[str] = []
        self._open: dict[str, int] = {}  # region name -> depth it opened at
        self.text: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}

    def region(self, tag: str, attrs: dict[str, str]) -> str | None:
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "pm-card" in classes:
            return "card"
        if tag == "nav" and "md-nav--primary" in classes:
            return "nav"
        if tag == "table" and "pm-table" in classes:
            return "table"
        return None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag in {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "col", "area", "base", "embed", "track"}:
            return
        self._stack.append(tag)
        name = self.region(tag, attributes)
        if name and name not in self._open:
            self._open[name] = len(self._stack)
            self.text.setdefault(name, [])
            self.links.setdefault(name, [])
        if tag == "a":
            for region in self._open:
                self.links[region].append(attributes.get("href", ""))

    def handle_endtag(self, tag):
        if tag not in self._stack:
            return
        while self._stack:
            closed = self._stack.pop()
            for region, depth in list(self._open.items()):
                if depth > len(self._stack):
                    del self._open[region]
            if closed == tag:
                break

    def handle_data(self, data):
        for region in self._open:
            self.text[region].append(data)


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_url(site: Path, path: Path) -> str:
    return SITE_ROOT + path.relative_to(site).as_posix()


def region_text(parsed: Outline, name: str) -> str:
    return " ".join(" ".join(parsed.text.get(name, [])).split())


def incident_pages(site: Path) -> dict[str, Path]:
    """``{incident id shown on the card: page}`` for every built incident page."""
    pages = {}
    for page in sorted((site / "incidents").glob("*/index.html")):
        match = re.search(r'<span class="pm-id">([^<]*)</span>', page.read_text(encoding="utf-8"))
        assert match, f"{page} has no id on its summary card"
        pages[match.group(1)] = page
    return pages


def values(meta: dict, key: str) -> list[str]:
    value = meta.get(key)
    return [str(item) for item in (value if isinstance(value, list) else [value]) if item not in (None, "")]


def test_the_example_corpus_is_not_empty(metas):
    assert len(metas) >= 5
    assert all(meta.get("id") for meta in metas)


def test_every_postmortem_has_a_page_with_its_summary_card(built_site, metas):
    pages = incident_pages(built_site)
    for meta in metas:
        assert meta["id"] in pages, f"no page for {meta['id']}"
        parsed = outline(pages[meta["id"]])
        card = region_text(parsed, "card")
        assert meta["id"] in card
        assert str(meta["severity"]) in card
        for service in values(meta, "services"):
            assert service in card, f"{meta['id']}: service {service} missing from the card"
        assert "time to detect" in card and "time to mitigate" in card
        # The example postmortems record detection and mitigation, so both are computed.
        assert not re.search(r"— time to (detect|mitigate)", card), card


def test_card_links_lead_to_pages_that_exist(built_site, metas):
    for page in incident_pages(built_site).values():
        parsed = outline(page)
        assert parsed.links["card"], f"{page}: the card links to nothing"
        for href in parsed.links["card"]:
            target = urlsplit(urljoin(page_url(built_site, page), href)).path.lstrip("/")
            assert (built_site / target / "index.html").is_file(), f"{page}: broken card link {href}"


def test_index_lists_every_incident_newest_first(built_site, metas):
    index = built_site / "index.html"
    parsed = outline(index)
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and "data-severity" in attrs]
    assert len(rows) == len(metas)
    table = region_text(parsed, "table")
    positions = [table.find(meta["id"]) for meta in sorted(metas, key=lambda m: (str(m["date"]), str(m["started_at"])), reverse=True)]
    assert -1 not in positions, table
    assert positions == sorted(positions), "incidents are not newest first"


def test_index_ships_its_filter_script_locally(built_site):
    parsed = outline(built_site / "index.html")
    scripts = [attrs["src"] for tag, attrs in parsed.tags if tag == "script" and attrs.get("src")]
    local = [src for src in scripts if "postmortem" in src and not urlsplit(src).netloc]
    assert local, scripts
    for src in local:
        assert (built_site / urlsplit(src).path).is_file()
    selects = {attrs.get("name") for tag, attrs in parsed.tags if tag == "select"}
    assert {"severity", "service", "year", "status"} <= selects


@pytest.mark.parametrize("facet", sorted(FACET_KEYS))
def test_browse_pages_exist_for_every_value_used(built_site, metas, facet):
    used = [value for meta in metas for value in values(meta, FACET_KEYS[facet])]
    assert used, f"the example corpus uses no {facet}"
    slugs = assign_slugs(used)
    for value in used:
        page = built_site / "browse" / facet / slugs[normalize(value)] / "index.html"
        assert page.is_file(), f"no browse page for {facet} {value!r}"
        assert value in page.read_text(encoding="utf-8")


def test_one_rule_page_per_rule(built_site):
    for rule in RULES:
        page = built_site / "rules" / rule.code / "index.html"
        assert page.is_file(), rule.code
        assert rule.name in page.read_text(encoding="utf-8")
    assert (built_site / "rules" / "index.html").is_file()


def test_report_pages_exist(built_site):
    reports = [path for path in (built_site / "reports").glob("*/index.html")]
    assert reports
    assert (built_site / "reports" / "index.html").is_file()


def test_incident_nav_does_not_list_every_incident(built_site, metas):
    page = next(iter(incident_pages(built_site).values()))
    parsed = outline(page)
    assert "nav" in parsed.links, "no primary navigation found"
    to_incidents = [
        href for href in parsed.links["nav"]
        if urlsplit(urljoin(page_url(built_site, page), href)).path.startswith("/incidents/")
    ]
    assert len(to_incidents) <= max(1, len(metas) // 4), to_incidents


_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("source", "srcset"),
           ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
           ("image", "href"), ("use", "href"), ("input", "src")}


def test_the_site_loads_nothing_from_another_host(built_site):
    """Scripts, styles, fonts and images are local. Plain links authors write to other sites
    (``<a href>``) are allowed: following one is the reader's choice, not a page load."""
    offenders = []
    for page in built_site.rglob("*.html"):
        for tag, attrs in outline(page).tags:
            for name in ("src", "href", "srcset", "data"):
                value = attrs.get(name, "").strip()
                if not value or (tag, name) not in _LOADED:
                    continue
                if tag == "link" and attrs.get("rel") in {"canonical", "alternate"}:
                    continue
                if _EXTERNAL.match(value):
                    offenders.append(f"{page.relative_to(built_site)}: <{tag} {name}={value}>")
            if "style" in attrs:
                offenders += [f"{page}: style url {url}" for url in _CSS_URL.findall(attrs["style"]) if _EXTERNAL.match(url)]
    for sheet in built_site.rglob("*.css"):
        for url in _CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            if _EXTERNAL.match(url.strip()):
                offenders.append(f"{sheet.relative_to(built_site)}: url({url})")
    assert not offenders, "\n".join(offenders[:20])


def distinctive_word() -> tuple[dict, str]:
    """A postmortem and a long word of its Summary that no other postmortem's file contains."""
    texts = [path.read_text(encoding="utf-8").casefold() for path in POSTMORTEMS]
    for path in POSTMORTEMS:
        document = read_document(str(path), str(path.relative_to(REPO)))
        summary = document.section("Summary")
        words = sorted(set(re.findall(r"\b[a-z]{8,}\b", summary.text if summary else "")), key=len, reverse=True)
        for word in words:
            if sum(word in text for text in texts) == 1 and word not in document.meta.get("title", "").casefold():
                return document.meta, word
    raise AssertionError("no postmortem has a word of its own")


def test_search_index_holds_ids_body_words_services_and_tags(built_site):
    index = read_index(built_site)
    text = " ".join(f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index["docs"])
    meta, word = distinctive_word()
    assert meta["id"] in text
    assert word in text
    assert values(meta, "services")[0] in text
    assert values(meta, "tags")[0] in text


def test_search_text_keeps_the_summary_cards_words_apart(built_site, metas):
    """Search shows the text without tags: the card's stats, badges and chips need spaces between them."""
    index = read_index(built_site)
    text = " ".join(doc.get("text", "") for doc in index["docs"])
    assert "min time to detect" in text.casefold() or "h time to detect" in text.casefold()
    run_together = [f"{meta['id']}{meta['severity']}" for meta in metas if f"{meta['id']}{meta['severity']}" in text]
    tagged = next(meta for meta in metas if len(values(meta, "tags")) > 1)
    first, second = values(tagged, "tags")[:2]
    run_together += [f"{first}{second}"] if f"{first}{second}" in text else []
    assert f"{first} {second}" in text
    assert not run_together, run_together[:5]


def test_the_rules_index_renders_code_spans(built_site):
    page = (built_site / "rules" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('class="pm-table pm-rules"'):]
    assert "<code>YYYY-MM-DD-short-slug.md</code>" in table
    assert "`" not in re.sub(r"<code>.*?</code>", "", table, flags=re.S)


def _build_site(project: Path, config: str, site: Path) -> Path:
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_search_entries_parsed_in_the_workers_equal_materials_own(tmp_path):
    """The plugin parses incident pages for the search index where it renders them
    (site_config/search_sections.py); with that off, Material's search plugin parses them.
    Both must write the same index and the same pages."""
    for folder in ("postmortems", "docs"):  # copies: the linter refuses symbolic links out of the repository
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    # One more postmortem, with text before its first heading (the examples start with one):
    # there the card's section and the body's first one meet.
    original = POSTMORTEMS[0]
    source = original.read_text(encoding="utf-8")
    body_start = source.index("\n---\n", 4) + 5
    identifier = read_document(str(original)).meta["id"]
    extra = (source[:body_start].replace(identifier, identifier.rsplit("-", 1)[0] + "-901")
             + "\nWritten before any heading, with `code` and *emphasis*.\n" + source[body_start:])
    (tmp_path / original.relative_to(REPO)).with_name(original.stem + "-copy.md").write_text(extra, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      format_page: docs/format.md\n" in config
    ours = _build_site(tmp_path, config, tmp_path / "ours")
    materials = _build_site(tmp_path, config.replace("      format_page: docs/format.md\n",
                                                     "      format_page: docs/format.md\n      search_in_workers: false\n"),
                            tmp_path / "materials")
    index = read_index(ours)
    assert "Written before any heading" in json.dumps(index) and len(index["docs"]) > 100
    assert index == read_index(materials)
    for page in (ours / "incidents").rglob("index.html"):
        assert page.read_text(encoding="utf-8") == (materials / page.relative_to(ours)).read_text(encoding="utf-8")
