"""The site opened from disk: a team's repository after ``postmortem init``, built with OFFLINE=true.

A CI artifact or a copied folder is opened as ``file://``: links must lead to pages (not
directory listings) and search must work without a server, and nothing may come from another
host. Chromium opens the index from disk, follows the link to the incident and finds the
incident through search.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.test_browser import ARTIFACTS, WAIT_SECONDS, _console_errors, browser  # noqa: F401 (fixture)

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

INCIDENT_ID = "PM-2026-001"  # the example postmortem init writes
SEARCH_WORD = "indexer"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("team-repo")
    bin_dir = os.path.dirname(sys.executable)
    subprocess.run([os.path.join(bin_dir, "postmortem"), "init", str(root)], check=True, capture_output=True)
    environment = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=environment,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    return root / "site"


def test_the_built_files_load_nothing_from_another_host(offline_site):
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in index and "iframe-worker-shim.js" in index
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def test_from_file_a_link_opens_the_incident_and_search_finds_it(offline_site, browser):  # noqa: F811
    wait = WebDriverWait(browser, WAIT_SECONDS)
    browser.get((offline_site / "index.html").as_uri())
    link = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"a[href$='{INCIDENT_ID.lower()}.html']")))
    link.click()
    card = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "section.pm-card")))
    assert INCIDENT_ID in card.text
    assert browser.current_url.startswith("file://") and browser.current_url.endswith(".html")

    browser.get((offline_site / "index.html").as_uri())
    opener = wait.until(lambda driver: next((element for element in driver.find_elements(
        By.CSS_SELECTOR, "input.md-search__input, label[for='__search']") if element.is_displayed()), False))
    opener.click()
    field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    field.send_keys(SEARCH_WORD)
    result = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".md-search-result__item a")))
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "browser-offline-search.png"))
    assert INCIDENT_ID.lower() in result.get_attribute("href")
    result.click()
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "section.pm-card")))
    assert not _console_errors(browser)
