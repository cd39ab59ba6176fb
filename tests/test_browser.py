"""The built site in a real browser: headless Chromium searches, filters and shows a summary card.

The site built by ``tests/test_site.py``'s session fixture is served on 127.0.0.1 (a random
free port) and driven through Selenium with Debian's chromium and chromedriver. Without them
the test is skipped locally; in CI (``CI=true``) a missing browser is a failure, so the check
cannot silently disappear. A screenshot of each step is kept in ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import REPO
from tests.test_site import built_site, distinctive_word, incident_pages  # noqa: F401 (fixture)

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_SECONDS = 15


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser test must run in CI: {reason}")
    pytest.skip(reason)



try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # the `test` extra installs selenium
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("selenium is not installed", allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server(built_site):  # noqa: F811 - the fixture imported above
    handler = functools.partial(QuietHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)) and not shutil.which(path):
            _unavailable(f"{path} is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def _wait(driver):
    return WebDriverWait(driver, WAIT_SECONDS)


def _console_errors(driver) -> list[str]:
    entries = driver.get_log("browser")
    return [entry["message"] for entry in entries
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


def test_search_finds_a_postmortem_by_a_word_of_its_body(server, browser):
    meta, word = distinctive_word()
    browser.get(server)
    # On a wide window the search field is in the header; on a narrow one a label opens it.
    # Material shows them once its script has started: wait for that, not for the page load.
    def visible_openers(driver):
        return [element for element in driver.find_elements(By.CSS_SELECTOR, "input.md-search__input, label[for='__search']")
                if element.is_displayed()]

    try:
        openers = _wait(browser).until(visible_openers)
    except TimeoutException:
        openers = []
    assert openers, "no search field or search button is visible"
    openers[0].click()
    field = _wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    field.send_keys(word)
    _wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".md-search-result__item")))
    results = " ".join(item.text for item in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    browser.save_screenshot(str(ARTIFACTS / "browser-search.png"))
    assert meta["title"] in results or meta["id"] in results, f"searching {word!r}: {results[:500]}"
    assert not _console_errors(browser)


def test_severity_filter_shows_only_matching_rows(server, browser):
    browser.get(server)
    select = _wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "select[data-pm-filter='severity']")))
    choices = [option.get_attribute("value") for option in Select(select).options]
    assert "SEV1" in choices, choices
    Select(select).select_by_value("SEV1")
    rows = browser.find_elements(By.CSS_SELECTOR, "table[data-pm-table] tbody tr")
    visible = [row for row in rows if row.is_displayed()]
    hidden = [row for row in rows if not row.is_displayed()]
    browser.save_screenshot(str(ARTIFACTS / "browser-index-sev1.png"))
    assert visible and hidden
    assert all(row.get_attribute("data-severity") == "SEV1" for row in visible)
    assert all("SEV1" in row.text for row in visible)
    assert not _console_errors(browser)


def test_a_postmortem_page_shows_its_summary_card(server, browser, built_site):  # noqa: F811
    incident_id, page = next(iter(incident_pages(built_site).items()))
    browser.get(server + page.parent.relative_to(built_site).as_posix() + "/")
    card = _wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "section.pm-card")))
    browser.save_screenshot(str(ARTIFACTS / "browser-incident.png"))
    assert incident_id in card.text
    assert "time to detect" in card.text.casefold()
    assert not _console_errors(browser)


def test_on_a_phone_the_incident_index_is_a_list_of_readable_cards(server, browser):
    """At 400 px each incident is a card: the title gets the screen's width, and Services,
    Impact window and Status stay on screen; the filters still hide cards."""
    browser.set_window_size(400, 900)
    try:
        browser.get(server)
        rows = _wait(browser).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "table[data-pm-table] tbody tr"))
        viewport = browser.execute_script("return document.documentElement.clientWidth")
        first = rows[0]
        title = first.find_element(By.CSS_SELECTOR, "td[data-label='Title']")
        assert title.size["width"] >= 0.6 * viewport, title.size
        for label in ("Services", "Impact window", "Status"):
            cell = first.find_element(By.CSS_SELECTOR, f"td[data-label='{label}']")
            assert cell.is_displayed() and cell.location["x"] + cell.size["width"] <= viewport + 1, (label, cell.rect)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= viewport + 1
        browser.save_screenshot(str(ARTIFACTS / "browser-phone-index.png"))
        select = browser.find_element(By.CSS_SELECTOR, "select[data-pm-filter='severity']")
        Select(select).select_by_value("SEV1")
        shown = [row for row in browser.find_elements(By.CSS_SELECTOR, "table[data-pm-table] tbody tr") if row.is_displayed()]
        assert shown and all(row.get_attribute("data-severity") == "SEV1" for row in shown)
        assert len(shown) < len(rows)
    finally:
        browser.set_window_size(1400, 1000)
