"""The site as its readers meet it, in headless Chromium: accessibility (axe-core) over every kind
of page, report tables that fit at 1,400 px, charts with text alternatives, incident pages in
print, and `mkdocs serve`'s page for a postmortem that cannot be published.

axe-core is the script ``make setup`` fetches with npm (``AXE_JS`` overrides the path). Like the
browser, it is required in CI and skipped without it locally. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import base64
import os
import subprocess

import pytest

from tests.conftest import REPO
from tests.test_browser import ARTIFACTS, _unavailable, _wait, browser, server  # noqa: F401 (fixtures)
from tests.test_serve_dirty import _get, copy_example_site, start_serve
from tests.test_site import built_site, incident_pages  # noqa: F401 (fixture)

from selenium.webdriver.common.by import By  # noqa: E402 (test_browser skips the module without selenium)

AXE_JS = os.environ.get("AXE_JS", str(REPO / ".venv" / "axe-core-4.14.1" / "axe.min.js"))
GRAVE = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not os.path.isfile(AXE_JS):
        _unavailable(f"axe-core is not at {AXE_JS} (make setup fetches it with npm)")
    with open(AXE_JS, encoding="utf-8") as handle:
        return handle.read()


def _grave_violations(driver, axe_source: str) -> list[str]:
    """axe-core's serious and critical violations on the open page, one line each."""
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result if v["impact"] in GRAVE]


def _page_kinds(site) -> dict[str, str]:
    """One page of each kind the site has: kind -> path under the site."""
    incident = next(iter(incident_pages(site).values())).parent.relative_to(site).as_posix()
    term = next(path for path in sorted((site / "browse").glob("*/*/index.html"))).parent.relative_to(site).as_posix()
    rule = next(path for path in sorted((site / "rules").glob("PM*/index.html"))).parent.relative_to(site).as_posix()
    return {"index": "", "incident": incident + "/", "browse": "browse/", "term": term + "/",
            "reports-overview": "reports/", "report-detection": "reports/detection/",
            "report-action-items": "reports/action-items/", "rules": "rules/", "rule": rule + "/",
            "format": "format/", "authoring": "writing/", "not-found": "404.html"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_serious_accessibility_violation(server, browser, built_site, axe_source, scheme):  # noqa: F811
    """In both of mkdocs.yml's palettes (Material picks one by the reader's colour preference)."""
    # Material keeps the palette it chose in localStorage: forget it, or the first run's choice wins.
    browser.get(server)
    browser.execute_script("localStorage.clear(); sessionStorage.clear();")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    found = {}
    try:
        for kind, path in _page_kinds(built_site).items():
            browser.get(server + path)
            _wait(browser).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
            expected = "slate" if scheme == "dark" else "default"
            assert browser.execute_script("return document.body.dataset.mdColorScheme") == expected
            browser.save_screenshot(str(ARTIFACTS / f"axe-{kind}-{scheme}.png"))
            violations = _grave_violations(browser, axe_source)
            if violations:
                found[kind] = violations
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert found == {}


def test_report_tables_fit_the_page_and_keep_ids_on_one_line(server, browser, built_site):  # noqa: F811
    pages = sorted(path.parent.relative_to(built_site).as_posix() for path in (built_site / "reports").glob("**/index.html"))
    assert len(pages) >= 6, pages
    for page in pages:
        browser.get(server + page + "/")
        overflowing = browser.execute_script(
            "return [...document.querySelectorAll('.md-typeset__table table')]"
            ".filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.rows[0].textContent.trim())")
        assert overflowing == [], (page, overflowing)
        broken = browser.execute_script(
            "return [...document.querySelectorAll('.md-content a[href*=\"incidents/\"]')]"
            ".filter(a => /^PM-\\d{4}-\\d+$/.test(a.textContent) && a.getClientRects().length > 1).map(a => a.textContent)")
        assert broken == [], (page, broken)
    browser.get(server + "reports/")
    browser.save_screenshot(str(ARTIFACTS / "reports-overview.png"))


def test_charts_have_text_alternatives_with_their_numbers(server, browser):
    browser.get(server + "reports/")
    charts = browser.find_elements(By.CSS_SELECTOR, ".md-content img[src*='charts/']")
    names = [chart.get_attribute("src").rsplit("/", 1)[-1] for chart in charts]
    assert names == ["severity.svg", "time_to_mitigate.svg", "detection.svg", "backlog.svg"], names
    for chart in charts:
        alt = chart.get_attribute("alt")
        assert len(alt) > 60 and any(ch.isdigit() for ch in alt) and "\\" not in alt, alt


def test_an_incident_page_prints_without_navigation_with_whole_tables_and_link_addresses(server, browser, built_site):  # noqa: F811
    page = next(iter(incident_pages(built_site).values())).parent.relative_to(built_site).as_posix()
    browser.get(server + page + "/")
    browser.execute_script(
        "const a = document.createElement('a'); a.href = 'https://status.example.com/incidents/42';"
        "a.id = 'pm-print-probe'; a.textContent = 'status page';"
        "document.querySelector('.md-content .md-typeset').appendChild(a);")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "const visible = s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none'"
            " && e.getClientRects().length);"
            "return {header: visible('.md-header'), sidebar: visible('.md-sidebar'), footer: visible('.md-footer'),"
            " tables: [...document.querySelectorAll('.md-typeset__table table')].map(t => [t.scrollWidth, t.parentElement.clientWidth,"
            "   getComputedStyle(t.parentElement).overflowX]),"
            " after: getComputedStyle(document.getElementById('pm-print-probe'), '::after').content}")
        browser.save_screenshot(str(ARTIFACTS / "incident-print.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert not shown["header"] and not shown["sidebar"] and not shown["footer"], shown
    assert shown["tables"], "the incident page has no table (its action items)"
    assert all(width <= room + 1 and overflow == "visible" for width, room, overflow in shown["tables"]), shown["tables"]
    assert "https://status.example.com/incidents/42" in shown["after"], shown["after"]
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    (ARTIFACTS / "incident-print.pdf").write_bytes(base64.b64decode(pdf["data"]))


@pytest.fixture
def serving(tmp_path):
    """`mkdocs serve` of a copy of the example site with one postmortem's frontmatter broken."""
    copy_example_site(tmp_path)
    broken = sorted((tmp_path / "postmortems").rglob("*.md"))[0]
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[2] = 'title: "a quote that is never closed'
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    process, base, builds, _log = start_serve(tmp_path, "--no-livereload")
    try:
        builds.get(timeout=240)
        _get(base)
        yield base, broken.stem
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_shows_why_a_postmortem_cannot_be_published(serving, browser, axe_source):
    base, stem = serving
    browser.get(base)
    notice = _wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "section[aria-label='Postmortems that cannot be published']"))
    assert stem in notice.text and "PM003" in notice.text
    notice.find_element(By.TAG_NAME, "a").click()
    _wait(browser).until(lambda d: "Not published" in d.find_element(By.TAG_NAME, "h1").text)
    page = browser.find_element(By.CSS_SELECTOR, ".md-content").text
    assert f"not-published-{stem}" in browser.current_url
    assert "PM003 frontmatter-syntax" in page and "line 4, column" in page
    hit = browser.find_element(By.CSS_SELECTOR, ".pm-excerpt mark")
    assert hit.text.startswith(">") and "4" in hit.text  # the line, marked by more than its colour
    excerpt = browser.find_element(By.CSS_SELECTOR, ".pm-excerpt pre").text.splitlines()
    assert any(line.split()[:2] == ["3", "title:"] and "a quote that is never closed" in line for line in excerpt), excerpt
    assert "mkdocs build fails while this file cannot be published" in page  # mkdocs.yml: lint: error
    assert "postmortem lint" in page
    browser.save_screenshot(str(ARTIFACTS / "serve-not-published.png"))
    assert _grave_violations(browser, axe_source) == []
