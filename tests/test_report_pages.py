"""The report pages on the site: the same sections as ``postmortem report``, with links and charts.

Exercises ``site_config.report_pages`` (the plugin's reports) without MkDocs, on the fixture
corpus of tests/test_reports.py, and checks that the example corpus has the patterns the
site is meant to show.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from linter.config import Config, load_config
from linter.reports import render_json, render_markdown
from linter.reports.analysis import analyze
from linter.reports.loader import load_incidents
from linter.reports.options import options
from site_config.report_pages import Reports
from tests.conftest import FIXTURES, REPO

CORPUS = FIXTURES / "reports_corpus"
TODAY = "2026-07-15"


def _href(from_uri: str, ident: str) -> str:
    depth = from_uri.count("/")
    return "../" * depth + f"incidents/{ident.lower()}.md"


@pytest.fixture(scope="module")
def loaded():
    return load_incidents([str(CORPUS)], Config(), jobs=1)


@pytest.fixture(scope="module")
def incidents(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def report(loaded):
    incidents, skipped = loaded
    return analyze(incidents, options(Config(), date.fromisoformat(TODAY)), skipped)


def test_pages_are_the_report_sections_with_links(incidents, report):
    pages = Reports(incidents, Config(), _href, today=TODAY).pages()
    assert [(page.uri, page.title) for page in pages] == [
        ("reports/index.md", "Overview"),
        ("reports/systemic-gaps.md", "Systemic gaps and repeats"),
        ("reports/detection.md", "Detection"),
        ("reports/response-times.md", "Response times"),
        ("reports/action-items.md", "Action items"),
        ("reports/quarterly-review.md", "Quarterly review"),
    ]
    by_uri = {page.uri: page.markdown for page in pages}
    links = render_markdown.Links(incident=lambda ident: _href("reports/x.md", ident))
    assert render_markdown.repeats_section(report, links, 2) in by_uri["reports/systemic-gaps.md"]
    assert render_markdown.recurring_section(report, links, 2) in by_uri["reports/systemic-gaps.md"]
    assert by_uri["reports/detection.md"] == render_markdown.detection_section(report, links, 1)
    assert by_uri["reports/quarterly-review.md"] == render_markdown.quarterly_section(report, links, 1)
    assert "[PM-2025-102](../incidents/pm-2025-102.md)" in by_uri["reports/systemic-gaps.md"]
    assert all("![" not in markdown and "patterns.json)" not in markdown for markdown in by_uri.values())


def test_with_published_files_pages_show_charts_and_the_json(incidents, report):
    pytest.importorskip("scipy")
    reports = Reports(incidents, Config(), _href, publishes_files=True, today=TODAY)
    pages = {page.uri: page.markdown for page in reports.pages()}
    files = {file.uri: file.content for file in reports.files()}
    assert set(files) == {"reports/patterns.json", "reports/charts/backlog.svg", "reports/charts/detection.svg",
                          "reports/charts/severity.svg",
                          *(f"reports/charts/{m}.svg" for m in ("time_to_detect", "time_to_acknowledge",
                                                                 "time_to_mitigate", "time_to_resolve"))}
    images = [target for markdown in pages.values() for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)]
    # The Overview shows the quarter's four charts; each other page its own.
    assert sorted(images) == sorted(f"charts/{name}.svg" for name in
                                    ("severity", "time_to_mitigate", "detection", "backlog",
                                     "detection", "time_to_detect", "time_to_acknowledge", "time_to_mitigate",
                                     "time_to_resolve", "backlog"))
    alts = re.findall(r"!\[([^\]]*)\]\(charts/severity\.svg\)", pages["reports/index.md"])
    assert alts and re.search(r"2026-Q\d: \d+ \\?\(\d+ SEV", alts[0]), alts  # its numbers, in words
    data = json.loads(files["reports/patterns.json"])
    from linter.reports.similar import related_incidents

    expected = render_json.to_data(report, related_incidents(list(report.incidents)), lambda i: _href("index.md", i))
    assert data == json.loads(json.dumps(expected))
    assert data["incidents"][0]["url"] == "incidents/pm-2025-101.md"


def test_related_for_an_incident_page(incidents):
    pytest.importorskip("scipy")
    reports = Reports(incidents, Config(), _href, today=TODAY)
    related = reports.similar("PM-2026-103", "incidents/pm-2026-103.md")
    assert related[0].id == "PM-2026-101"
    assert related[0].href == "../incidents/pm-2026-101.md"
    assert related[0].reasons == ("services support-agent", "same root-cause category", "factors missing-eval-case")
    assert related[0].title == "Support agent promised refunds the refund policy does not allow"
    assert reports.similar("PM-2025-101") == []


def test_example_corpus_shows_a_systemic_gap_and_a_repeat():
    config = load_config(start=str(REPO))
    incidents, skipped = load_incidents([str(REPO / "postmortems")], config, jobs=1)
    example = analyze(incidents, options(config, date(2026, 11, 22)), skipped)
    gaps = {gap.name: gap.incidents for gap in example.recurring.gaps}
    assert len(gaps["missing-eval-case"]) >= 4  # the LLM incidents the corpus was written around
    assert "no-canary" in gaps
    assert {repeat.fix for repeat in example.repeats.repeats} >= {"late", "did-not-hold"}
    assert example.skipped == ()


def test_related_computed_by_workers_or_without_them_are_the_same(incidents):
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pytest.importorskip("scipy")
    here = Reports(incidents, Config(), _href, today=TODAY).related
    elsewhere = Reports(incidents, Config(), _href, today=TODAY)
    with ProcessPoolExecutor(max_workers=1) as pool:
        elsewhere.relate_elsewhere(pool.submit)
        assert elsewhere.related == here and elsewhere.related["PM-2026-103"]
    broken = Reports(incidents, Config(), _href, today=TODAY)
    failed: Future = Future()
    failed.set_exception(BrokenProcessPool("gone"))
    broken.relate_elsewhere(lambda *args: failed)
    assert broken.related == here
    none = Reports(incidents, Config(), _href, today=TODAY)
    none.relate_elsewhere(lambda *args: None)
    assert none.related == here
