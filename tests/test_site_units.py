"""Unit tests of the site's plain modules: slugs, sanitizer, links, formatting, chart vetting."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_config.pages import Linker, duration, format_markdown, page_url
from site_config.svg import inert_svg
from site_config.templates import code_spans
from site_config.sanitize import clean_html, clean_inline_text
from site_config.slugs import assign_slugs, normalize, slug_for
from tests.conftest import REPO

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def test_values_that_differ_only_by_case_or_width_share_a_slug():
    slugs = assign_slugs(["Checkout", "checkout", "ｃｈｅｃｋｏｕｔ"])
    assert set(slugs.values()) == {"checkout"}


def test_different_values_whose_slugs_clash_get_distinct_slugs():
    slugs = assign_slugs(["a.b", "a b", "a-b"])
    assert len(set(slugs.values())) == 3
    assert all(slug.startswith("a-b-") for slug in slugs.values())


@pytest.mark.parametrize("value", ["index", "../../etc/passwd", "日本", "", "x" * 500])
def test_slugs_stay_in_their_folder_and_avoid_reserved_names(value):
    slug = slug_for(value)
    assert slug and slug != "index" and "/" not in slug and "." not in slug and len(slug) <= 70
    assert slug == assign_slugs([value])[normalize(value)]


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="JaVa&#x09;script:alert(1)">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<svg><script>alert(1)</script></svg>',
    '<iframe src="data:text/html,x"></iframe>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
])
def test_the_sanitizer_leaves_no_script(html):
    cleaned = clean_html(html).lower()
    assert "script" not in cleaned.replace("&lt;script", "") and "onerror" not in cleaned
    assert "onclick" not in cleaned and "javascript" not in cleaned and "iframe" not in cleaned


def test_the_sanitizer_keeps_what_markdown_renders_and_drops_theme_lookalikes():
    html = ('<h2 id="impact">Impact</h2><div class="admonition note md-header pm-card">'
            '<table><tr><th style="text-align: left; position: fixed">a</th></tr></table>'
            '<img src="https://tracker.example/p.png" alt="x"><a href="../b/">b</a></div>'
            '<h3 id="__search">x</h3>')
    cleaned = clean_html(html)
    assert '<h2 id="impact">' in cleaned and 'class="admonition note"' in cleaned
    assert 'style="text-align:left"' in cleaned and 'href="../b/"' in cleaned
    assert "tracker.example" not in cleaned and "__search" not in cleaned
    assert clean_inline_text("<b>a</b> &amp; <img src=x onerror=alert(1)>") == "a &amp; "


def test_links_are_relative_to_the_page():
    assert page_url("browse/index.md") == "browse/" and page_url("index.md") == ""
    assert Linker("incidents/pm-2026-001/").href("browse/service/checkout.md") == "../../browse/service/checkout/"
    assert Linker("").href("index.md") == "./"
    assert Linker("rules.html", directory_urls=False).href("rules/PM405.md") == "rules/PM405.html"


def test_format_page_links_to_unpublished_docs_become_text():
    text = "See [rules](rules.md#pm405), [config](configuration.md) and [x](https://e.example/a.md).\n```\n[k](k.md)\n```"
    out = format_markdown(text, {"rules.md": "rules/index.md"})
    assert "[rules](rules/index.md#pm405)" in out and "[config]" not in out and "config" in out
    assert "[x](https://e.example/a.md)" in out and "[k](k.md)" in out


@pytest.mark.parametrize("minutes, text", [(None, ""), (44, "44 min"), (125, "2 h 5 min"), (4180, "2 d 21 h"), (-5, "−5 min")])
def test_durations(minutes, text):
    assert duration(minutes) == text


def test_charts_with_script_handlers_or_script_urls_are_refused():
    assert inert_svg(SVG.format('<text>&lt;svg onload=alert(1)&gt;</text><use xlink:href="#a"/>'))
    for bad in ('<script>alert(1)</script>', '<g onload="alert(1)"/>', '<a xlink:href="javascript:alert(1)"/>',
                '<foreignObject><div/></foreignObject>'):
        assert not inert_svg(SVG.format(bad))
    assert not inert_svg('<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG.format("&a;"))
    assert not inert_svg("<svg")


def test_incident_pages_count_as_modified_only_when_their_postmortem_is_newer(tmp_path):
    """`mkdocs serve --dirty` rebuilds the incident page that was edited, not every one."""
    import os
    from types import SimpleNamespace

    from site_config.page_kinds import IncidentFile

    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True,
                             plugins=SimpleNamespace(_current_plugin="postmortem"))
    postmortem = tmp_path / "2026-01-13-refunds.md"
    postmortem.write_text("# Refunds\n")
    page = IncidentFile.generated(config, "incidents/pm-2026-001.md", content="\n# Refunds\n")
    page.postmortem_path = str(postmortem)
    assert page.is_modified()  # never built
    os.makedirs(os.path.dirname(page.abs_dest_path))
    with open(page.abs_dest_path, "w") as built:
        built.write("<html></html>")
    os.utime(postmortem, (1_000_000, 1_000_000))
    assert not page.is_modified()  # built after the last edit
    os.utime(postmortem, None)
    os.utime(page.abs_dest_path, (1_000_000, 1_000_000))
    assert page.is_modified()  # edited since


def test_an_incident_page_says_which_findings_lint_fix_corrects_and_counts_notes_apart(tmp_path, monkeypatch):
    """The author reading a finding on the site learns the command that fixes it, for this file."""
    import shutil

    from linter.api import load_config
    from site_config.corpus import load_corpus
    from site_config.pages import Linker, Renderer

    folder = tmp_path / "postmortems"
    folder.mkdir()
    (tmp_path / ".postmortem.toml").write_text("")
    source = folder / "2026-04-07 checkout errors.md"  # a name a shell would split
    shutil.copyfile(Path(__file__).parent / "fixes" / "PM303-twelve-hour-to-24-hour" / "before.md", source)
    monkeypatch.chdir(tmp_path)  # as mkdocs runs: paths as the author types them
    corpus = load_corpus(["postmortems"], load_config(start=str(tmp_path)), jobs=1)
    published = corpus.published[0]
    assert published.fix_counts[0] >= 1, [(f.code, f.fixable) for f in published.findings]

    html = Renderer(corpus).incident_header(published, Linker(published.url))
    assert "postmortem lint --fix &#39;postmortems/2026-04-07 checkout errors.md&#39;" in html
    assert 'class="pm-finding__fix">fixable</span>' in html
    errors, warnings, notes = published.counts
    assert f"postmortem lint: {errors} error" in html and f", {warnings} warning" in html
    assert ("for reviewers" in html) == bool(notes)


@pytest.mark.parametrize("setting, command", [("", "postmortem lint --fix --unsafe-fixes"),
                                              ('unfixable = ["ALL"]', None)])
def test_a_page_with_only_unsafe_fixes_says_so_and_unfixable_removes_the_advice(tmp_path, setting, command):
    from linter.api import load_config
    from site_config.corpus import load_corpus
    from site_config.pages import Linker, Renderer

    folder = tmp_path / "postmortems"
    folder.mkdir()
    (tmp_path / ".postmortem.toml").write_text(setting + "\n")
    (folder / "2026-04-07-short.md").write_text("---\nid: PM-2026-001\ntitle: Short\n---\n\n# Short\n\nToo short.\n")
    corpus = load_corpus([str(folder)], load_config(start=str(tmp_path)), jobs=1)
    published = corpus.published[0]
    html = Renderer(corpus).incident_header(published, Linker(published.url))
    assert "pm-findings" in html
    if command:
        assert published.fix_counts[0] == 0 and published.fix_counts[1] >= 1
        assert command in html and "check what it changed" in html
    else:
        assert published.fix_counts == (0, 0) and "lint --fix" not in html


def test_code_spans_become_code_and_everything_else_stays_escaped():
    assert code_spans("follow `YYYY-MM-DD-slug.md` <b>") == "follow <code>YYYY-MM-DD-slug.md</code> &lt;b&gt;"
    assert code_spans("`<script>`") == "<code>&lt;script&gt;</code>"
    assert code_spans("one ` alone") == "one ` alone"



def _corpus_with_broken_frontmatter(tmp_path):
    from linter.config import Config
    from site_config.corpus import load_corpus

    good = (REPO / "postmortems").glob("**/*.md")
    source = next(good).read_text(encoding="utf-8")
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "2026-04-07-good.md").write_text(source, encoding="utf-8")
    lines = source.splitlines()
    lines[2] = 'title: "an unclosed quote'
    (folder / "2026-04-08-broken.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_corpus([str(folder)], Config(), 1)


def test_a_refused_file_carries_its_errors_and_the_lines_around_the_first(tmp_path):
    corpus = _corpus_with_broken_frontmatter(tmp_path)
    (refusal,) = corpus.refused
    assert refusal.source.endswith("2026-04-08-broken.md")
    assert refusal.findings[0].code == "PM003" and refusal.line == refusal.findings[0].line
    numbers = [number for number, _ in refusal.excerpt]
    assert numbers == list(range(max(1, refusal.line - 3), refusal.line + 4))
    assert (3, 'title: "an unclosed quote') in refusal.excerpt


def test_serve_shows_a_refused_file_at_its_last_address_or_at_one_of_its_own(tmp_path):
    from site_config.planning import plan, unpublished_pages

    corpus = _corpus_with_broken_frontmatter(tmp_path)
    planned = plan(corpus, None, None)
    (refusal,) = corpus.refused
    fresh = unpublished_pages(corpus, planned, {}, "warn")
    assert list(fresh) == ["incidents/not-published-2026-04-08-broken.md"]
    assert fresh["incidents/not-published-2026-04-08-broken.md"].refusal is refusal
    again = unpublished_pages(corpus, planned, {refusal.source: "incidents/pm-2026-001.md"}, "warn")
    assert list(again) == ["incidents/pm-2026-001.md"]  # the page the author has open
    taken = unpublished_pages(corpus, planned, {refusal.source: next(iter(planned))}, "warn")
    assert list(taken) == ["incidents/not-published-2026-04-08-broken.md"]  # never over another page
    page = fresh["incidents/not-published-2026-04-08-broken.md"]
    assert not page.searchable and page.mode == "warn"


def test_body_sections_keep_what_materials_parser_makes_of_each_section():
    from material.plugins.search.plugin import Parser

    from site_config.search_sections import body_sections

    html = ('<p>Before</p><h2 id="impact">Impact</h2><p>Users &amp; <code>api</code></p>'
            '<h2 id="notes" data-search-exclude>Notes</h2><p>Hidden</p><h3 id="more">More</h3><p>Text</p>')
    parser = Parser()
    parser.feed(html)
    parser.close()
    materials = [(s.el.tag, s.is_excluded(), s.id, "".join(s.title), "".join(s.text)) for s in parser.data]
    ours = [(s.el.tag, s.is_excluded(), s.id, "".join(s.title), "".join(s.text)) for s in body_sections(html)[1:]]
    assert ours == materials[1:] and [excluded for _, excluded, *_ in ours] == [False, True, False]


def test_the_line_numbers_class_stays_on_a_div_only():
    html = clean_html('<div class="linenodiv"><pre>1</pre></div><ul><li class="linenodiv x">a<ul><li>b</li></ul></li></ul>'
                      '<div class="admonition linenodiv"><p>t</p></div>')
    assert '<div class="linenodiv">' in html and '<li class="x">' in html and '<div class="admonition">' in html


def test_a_line_numbers_block_that_breaks_materials_parser_is_indexed_without_the_skip():
    from site_config.search_sections import body_sections

    sections = body_sections(clean_html('<div class="linenodiv">12<li>step<div></div></li></div><p>after</p>'))
    text = "".join("".join(section.text) for section in sections)
    assert "step" in text and "after" in text


from hypothesis import given, settings, strategies as st  # noqa: E402

_KEPT = ["p", "li", "ul", "ol", "code", "pre", "sub", "sup", "div", "span", "h2", "em"]


@st.composite
def _nested_html(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(_KEPT))
            attributes = draw(st.sampled_from(["", ' class="linenodiv"', ' id="s"', ' data-search-exclude', ' class="headerlink"']))
            parts.append(f"<{tag}{attributes}>{draw(_nested_html(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(["x", " ", "\n", "a b"])))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(_nested_html())
def test_materials_search_parser_reads_whatever_the_sanitizer_leaves(html):
    """Material's parser raises on some nestings of what it skips; none survives the sanitizer."""
    from site_config.search_sections import body_sections

    body_sections(clean_html(html))
