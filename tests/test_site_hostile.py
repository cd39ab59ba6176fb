"""The gate and the build agree (issue 6): what lint passes builds safely, what it refuses is not published.

Each test builds a small site in a temporary directory with the repository's own mkdocs.yml
(its Markdown extensions and the postmortem plugin), running the real ``mkdocs build`` in a
subprocess. The property test generates postmortems from hostile fragments (titles that
break out of attributes, Jinja syntax, HTML written as entities, link titles with quotes,
attribute lists), keeps those the linter passes, and requires ``mkdocs build --strict`` to
succeed and the built HTML to hold no script, event handler or script URL that came from
them. The number of builds is small and fixed, so this stays a few seconds per build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import REPO, clean_text, read_mkdocs_yml

pytest.importorskip("mkdocs")
if not (REPO / "site_config" / "plugin.py").exists():  # pragma: no cover - the site is built by another part
    pytest.skip("the site plugin is not there yet", allow_module_level=True)

from linter.config import Config  # noqa: E402
from linter.document import parse_text  # noqa: E402
from linter.engine import Linter  # noqa: E402
from site_config.search.entries import read_docs  # noqa: E402

BUILD_TIMEOUT = 300  # a hang guard, not a speed assertion
LINT = Linter(Config())
THEME_SCRIPTS = re.compile(
    r"(?:__md_scope=|var palette=|var target=document\.getElementById)"  # Material's inline scripts
    r"|[./]*assets/(?:javascripts/bundle\.[0-9a-f]+\.min\.js|postmortem/postmortem\.js)\Z"
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data"}
SCRIPT_SCHEME = re.compile(r"\s*(?:javascript|vbscript|data):", re.IGNORECASE)


class _Unsafe(HTMLParser):
    """Reads a page as a browser does: script elements, event handlers and script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value and SCRIPT_SCHEME.match(value):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "script":
            self._script = attributes
            self._text = ""
        elif tag in ("iframe", "object", "embed", "frame"):
            self.found.append(f"<{tag}>")

    def handle_data(self, data):
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            source = self._script.get("src") or ""
            theirs = self._script.get("type") == "application/json" and self._script.get("id") == "__config"
            if not (theirs or THEME_SCRIPTS.match(source) or (not source and THEME_SCRIPTS.match(self._text))):
                self.found.append(f"<script src={source!r}>{self._text[:60]!r}")
            self._script = None


def site_project(root: Path, lint_mode: str = "error") -> Path:
    """A site project: the repository's mkdocs.yml with its own folders and lint setting."""
    config = read_mkdocs_yml(REPO / "mkdocs.yml")
    config.update(docs_dir="docs", site_dir="site")
    config.pop("validation", None)  # the hand-written pages are not copied here
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "postmortem" in plugin:
            plugin["postmortem"].update(postmortems=["postmortems"], lint=lint_mode, format_page="docs/format.md")
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "postmortems").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (root / ".postmortem.toml").write_text("", encoding="utf-8")
    return root


def build(root: Path, strict: bool = True) -> subprocess.CompletedProcess:
    # Not --quiet: it drops warnings before --strict counts them, and strict would pass.
    command = [sys.executable, "-m", "mkdocs", "build"] + (["--strict"] if strict else [])
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                          env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"})


def postmortem(number: int, title: str = "Checkout errors after pricing model update", extra: str = "") -> str:
    text = clean_text().replace("id: PM-2026-014", f"id: PM-2026-{100 + number}")
    text = text.replace("title: Checkout errors after pricing model update", "title: " + json.dumps(title))
    return text + ("\n## Lessons learned\n\n" + extra if extra else "")


def html_pages(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def unsafe_markup(site: Path) -> list[str]:
    """``page: what`` for scripts, handlers and script URLs that the theme did not put there."""
    found = []
    for name, html in html_pages(site).items():
        parser = _Unsafe()
        parser.feed(html)
        found += [f"{name}: {what}" for what in parser.found]
    index = site / "search" / "search_index.json"
    if index.exists():  # the search box renders titles and text as HTML
        for entry in read_docs(site):  # every shard, when the index is sharded
            parser = _Unsafe()
            parser.feed(entry.get("title", "") + " " + entry.get("text", ""))
            found += [f"search index {entry.get('location')}: {what}" for what in parser.found]
    return found


# --- lint passes => the build succeeds and publishes no script ----------------------------------

TITLES = [
    '"><svg onload=alert(1) x="', "Checkout < 5 ms & \"quoted\" 'single'", "Checkout {{ 7*7 }} errors",
    "{{ config.site_name }} {% raw %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}", "${7*7} #{7*7}", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "javascript:alert(1)", "Checkout \u202e errors", "index", "../../etc/passwd", "CON", "Café — 東京 🔥",
]
BODY = [
    "&lt;script&gt;alert(1)&lt;/script&gt; is text.", "`<script>alert(1)</script>` in a code span.",
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    '[status](https://status.example.com "x\\" onmouseover=\\"alert(1)")',
    '![chart](https://example.com/c.png "t\\" onerror=\\"alert(1)")',
    "<https://example.com/?q=\"onmouseover=\"alert(1)>", '[x](https://example.com/"onmouseover="alert(1))',
    "A paragraph.\n{: #checkout-note .note title=\"x\" }", "Text {{ 7*7 }} and {% if true %}jinja{% endif %}.",
    "<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>", "Press <kbd>Ctrl</kbd>, 10<sup>6</sup>.",
    "!!! note \"Title \\\"><svg onload=alert(1)>\"\n\n    Body.", '??? note "<b>x</b>"\n\n    Body.',
    "# Heading {: onclick=x}", "| a | b |\n|---|---|\n| `|` | &#x3C;b&#x3E; |",
]
fragment = st.one_of(st.sampled_from(BODY), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60))
title = st.one_of(st.sampled_from(TITLES), st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60))


def lint_errors(text: str) -> list[str]:
    result = LINT.check_document(parse_text("postmortems/x.md", text))
    return [finding.code for finding in LINT.finish([result], []) if finding.is_error]


@st.composite
def passing_postmortems(draw) -> list[str]:
    documents = []
    for number in range(draw(st.integers(1, 3))):
        text = postmortem(number, draw(title), "\n\n".join(draw(st.lists(fragment, min_size=1, max_size=4))) + "\n")
        if not lint_errors(text):
            documents.append(text)
    assume(documents)
    return documents


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(passing_postmortems())
def test_what_lint_passes_builds_strictly_without_script(tmp_path_factory, documents):
    root = site_project(tmp_path_factory.mktemp("site"))
    for number, text in enumerate(documents):
        (root / "postmortems" / f"2026-04-07-generated-{number}.md").write_text(text, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert unsafe_markup(root / "site") == []


def test_hostile_titles_that_lint_passes_are_escaped_everywhere(tmp_path):
    """Titles are printed in <title>, the header, nav, footer, index and search: all escaped."""
    root = site_project(tmp_path)
    passing = [t for t in TITLES if not lint_errors(postmortem(0, t))]
    assert '"><svg onload=alert(1) x="' in passing  # the case that breaks out of an attribute
    for number, text in enumerate(passing):
        (root / "postmortems" / f"2026-04-07-title-{number}.md").write_text(postmortem(number, text), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert unsafe_markup(root / "site") == []
    assert not list((root / "site").rglob("passwd*")) and not (tmp_path / "etc").exists()
    pages = "\n".join(html_pages(root / "site").values())
    assert "Checkout {{ 7*7 }} errors" in pages and "Checkout 49 errors" not in pages  # never a template


# --- what the gate refuses is not published -------------------------------------------------

REFUSED = {
    "raw-script": postmortem(1, extra="<script>alert(1)</script>\n"),
    "handler": postmortem(2, extra='Checkout <a/onclick=alert(1)>failed</a>.\n'),
    "javascript-link": postmortem(3, extra="[dashboard](javascript&#58;alert(1))\n"),
    "attr-list": postmortem(4, extra="Failed.\n{: onclick=alert(1) }\n"),
    "deep-lists": postmortem(5, extra="".join("  " * level + "- x\n" for level in range(300))),
    "bracket-flood": postmortem(6, extra="[" * 3000 + "\n"),
    "suppressed": postmortem(7, extra="<!-- postmortem-lint disable-file -->\n\n<iframe src=//evil.example></iframe>\n"),
    "html-title": postmortem(8, title="<img src=x onerror=alert(1)>"),
    "list-frontmatter": "---\n- id: PM-2026-109\n---\n\n# Checkout\n",
    "unparsable-frontmatter": postmortem(10).replace("services: [checkout, pricing-agent]", "services: [checkout"),
    "latin-1": postmortem(11).replace("→", "->").replace("Checkout errors after", "Café errors after"),
}


def _refused_project(root: Path, lint_mode: str) -> Path:
    site_project(root, lint_mode)
    folder = root / "postmortems"
    (folder / "2026-04-07-clean.md").write_text(postmortem(0), encoding="utf-8")
    for name, text in REFUSED.items():
        data = text.encode("cp1252") if name == "latin-1" else text.encode("utf-8")
        (folder / f"2026-04-07-{name}.md").write_bytes(data)
    os.symlink("/proc/self/environ", folder / "2026-04-07-environ.md")
    os.mkfifo(folder / "2026-04-07-fifo.md")
    return root


def test_the_build_fails_on_what_the_gate_refuses(tmp_path):
    root = _refused_project(tmp_path, "error")
    result = build(root, strict=False)
    assert result.returncode != 0
    for name in [*REFUSED, "environ", "fifo"]:
        assert f"2026-04-07-{name}.md" in result.stderr, name
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lint_mode", ["warn", "off"])
def test_refused_files_are_left_out_in_every_lint_mode(tmp_path, lint_mode):
    root = _refused_project(tmp_path, lint_mode)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    published = "\n".join(html_pages(site).values())
    assert "PM-2026-100" in published  # the clean one is there
    for number in range(1, 12):
        assert f"PM-2026-{100 + number}" not in published
    assert unsafe_markup(site) == []
    assert "PATH=" not in published and "HOME=" not in published  # /proc/self/environ


def test_links_between_postmortem_files_lead_to_their_pages(tmp_path):
    root = site_project(tmp_path / "project")
    folder = root / "postmortems" / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-04-07-first.md").write_text(postmortem(1, "First"), encoding="utf-8")
    linking = "See [the first one](2026-04-07-first.md#timeline) for the same cause.\n"
    (folder / "2026-04-08-second.md").write_text(postmortem(2, "Second", linking), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    second = (root / "site" / "incidents" / "pm-2026-102" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>the first one</a>', second)
    assert [urljoin("http://site.test/incidents/pm-2026-102/", href) for href in hrefs] == [
        "http://site.test/incidents/pm-2026-101/#timeline"]

    (folder / "2026-04-08-second.md").write_text(postmortem(2, "Second", "See [gone](nope.md).\n"), encoding="utf-8")
    # not --quiet: MkDocs drops warnings below ERROR before --strict counts them
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT, env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"})
    # The plugin's lint (PM703) stops the build first; the site's own check, with PM703 off, is
    # in tests/test_gate_build.py.
    assert result.returncode != 0 and "PM703 link-target-missing [error] links to 'nope.md'" in result.stderr


# --- a site's own templates -------------------------------------------------------------------


def test_a_site_overrides_a_fragment_from_custom_dir_and_values_stay_escaped(tmp_path):
    """theme.custom_dir/fragments/postmortem/<name>.html replaces the plugin's fragment (as
    Material's fragments/tags/ do); autoescaping holds in the site's own template too."""
    root = site_project(tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    fragments = root / "overrides" / "fragments" / "postmortem"
    fragments.mkdir(parents=True)
    (fragments / "incident-header.html").write_text(
        '<h1 class="site-own-header">{{ incident.title }}</h1>\n<p class="site-own-id">{{ incident.id }} · '
        '{{ published.findings | length }} findings</p>\n', encoding="utf-8")
    hostile = '"><svg onload=alert(1) x="'
    (root / "postmortems" / "2026-04-07-title.md").write_text(postmortem(0, hostile), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (root / "site" / "incidents" / "pm-2026-100" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="site-own-header">&#34;&gt;&lt;svg onload=alert(1) x=&#34;</h1>' in page
    assert '<p class="site-own-id">PM-2026-100 · ' in page
    assert "pm-card" not in page, "the plugin's own header is replaced, not added to"
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="pm-table"' in index, "the fragments the site does not override are the plugin's"
    assert unsafe_markup(root / "site") == []


# Material's search parser raises on a kept tag (``li``, ``sup``, ``code``…) marked as line
# numbers (class ``linenodiv``) that holds the same tag: it matches elements by tag name only.
# attr_list puts the class on a list item that holds a list, an admonition's type on its div;
# the gate passes both.
NESTED_LINE_NUMBERS = [
    "- Rolled back at 10:05 UTC\n{: .linenodiv }\n    - then the cache was flushed\n",
    "> - Paged at 09:58 UTC\n> {: .linenodiv }\n>     - acknowledged at 10:01 UTC\n",
    '!!! linenodiv "Rollback"\n    - step one\n\n        !!! note\n            then the queue drained\n',
]


def test_line_number_classes_from_attr_lists_build(tmp_path):
    root = site_project(tmp_path)
    for number, extra in enumerate(NESTED_LINE_NUMBERS):
        text = postmortem(number, extra=extra)
        assert not lint_errors(text), extra
        (root / "postmortems" / f"2026-04-07-linenos-{number}.md").write_text(text, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = html_pages(root / "site")
    incident_pages = [page for uri, page in pages.items() if "incidents/" in uri]
    assert any("then the cache was flushed" in page for page in incident_pages)
    assert not any("linenodiv" in page for page in incident_pages)
