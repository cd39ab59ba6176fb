"""Sharded search in a real browser: a word from deep inside an old postmortem finds it.

A generated library (benchmarks/generate_corpus.py) is built with the plugin's defaults. The
word is one of the oldest postmortem's own, from its action items (then its timeline), far
past the characters a trimmed index kept. Headless Chromium types it into Material's search
field over HTTP, where the browser fetches the manifest and a few shards (never every page),
and from disk (``OFFLINE=true``, file://), where the shards are scripts. Driven as in
tests/test_browser.py (skipped without chromium locally, a failure in CI).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from site_config.search import entries, shards
from site_config.search_index import page_of
from tests.conftest import REPO
from tests.test_browser import ARTIFACTS, WAIT_SECONDS, QuietHandler, _console_errors, browser  # noqa: F401 (fixture)
from tests.test_site_hostile import site_project

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
import generate_corpus  # noqa: E402

POSTMORTEMS = 60
WORD = re.compile(r"[a-z][a-z0-9_.]{4,}[a-z0-9]")  # an identifier a reader would type: issue_refund, v4.12.1
DEEP = 1_600  # characters: a trimmed index kept about this many per postmortem at 1,000


def _build(root: Path, offline: bool) -> Path:
    """The site (``site/``), or the one for opening from disk (``site-offline/``: Material's offline plugin on)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [{"offline": {"enabled": offline}} if isinstance(plugin, dict) and "offline" in plugin else plugin
                         for plugin in config["plugins"]]
    (root / "mkdocs-built.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs-built.yml",
                                "-d", str(root / ("site-offline" if offline else "site"))],
                               cwd=root, capture_output=True, text=True, timeout=600, env=environment)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return root / ("site-offline" if offline else "site")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    root = site_project(tmp_path_factory.mktemp("library") / "project", lint_mode="warn")  # the corpus has defects on purpose
    shutil.rmtree(root / "postmortems")
    generate_corpus.generate(str(root / "postmortems"), POSTMORTEMS)
    _build(root, offline=False)
    _build(root, offline=True)
    return root


def _deep_word(site: Path) -> tuple[str, str]:
    """(page, word): a word of the oldest postmortem's action items (or timeline) found in no
    other page, more than DEEP characters into the page's text."""
    docs = entries.read_docs(site)
    separator = shards.separator_of({})
    pages_of: dict[str, set[str]] = {}
    for doc in docs:
        for word in shards.terms_of(doc["title"] + " " + doc["text"], separator):
            pages_of.setdefault(word, set()).add(page_of(doc["location"]))
    incidents = sorted({page_of(doc["location"]) for doc in docs if doc["location"].startswith("incidents/")})
    for page in incidents:  # ids start with the year: the oldest first
        offset = 0
        for doc in (doc for doc in docs if page_of(doc["location"]) == page):
            if doc["location"].endswith(("#action-items", "#timeline")) and offset > DEEP:
                for word in shards.terms_of(doc["text"], separator):
                    if WORD.fullmatch(word) and pages_of[word] == {page} and not any(
                            other != word and other.startswith(word) for other in pages_of):
                        return page, word
            offset += len(doc["text"])
    raise AssertionError("no old postmortem has a word of its own deep in its action items or timeline")


class _RecordingHandler(QuietHandler):
    def do_GET(self):  # noqa: N802 - the base class's name
        self.server.paths.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def served(library):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_RecordingHandler, directory=str(library / "site")))
    httpd.paths = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _search(driver, url: str, word: str, screenshot: str) -> list:
    wait = WebDriverWait(driver, WAIT_SECONDS)
    driver.get(url)
    opener = wait.until(lambda d: next((element for element in d.find_elements(
        By.CSS_SELECTOR, "input.md-search__input, label[for='__search']") if element.is_displayed()), False))
    opener.click()
    field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    field.send_keys(word)
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".md-search-result__item")))
    driver.save_screenshot(str(ARTIFACTS / screenshot))
    return driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")


def test_over_http_a_deep_word_of_an_old_postmortem_finds_it_loading_few_shards(library, served, browser):
    httpd, base = served
    page, word = _deep_word(library / "site")
    links = _search(browser, base, word, "browser-search-shards.png")
    assert links and page in links[0].get_attribute("href"), f"searching {word!r}: {[a.get_attribute('href') for a in links]}"
    marked = [mark.text.casefold() for mark in browser.find_elements(By.CSS_SELECTOR, ".md-search-result mark")]
    assert word in marked, marked  # Material's highlighting, on the section that holds the word
    shard_pages = [path for path in httpd.paths if "/search/shards/pages/" in path]
    total = len(list((library / "site" / shards.SHARD_DIR / "pages").iterdir()))
    assert "/search/shards/manifest.json" in httpd.paths
    assert 1 <= len(shard_pages) <= shards.PAGES_PER_QUERY < total, (len(shard_pages), total)
    assert not _console_errors(browser)


def test_from_disk_a_deep_word_of_an_old_postmortem_finds_it(library, browser):
    site = library / "site-offline"
    assert list((site / shards.SHARD_DIR / "pages").glob("*.js")) and not list((site / shards.SHARD_DIR / "pages").glob("*.json"))
    assert '"docs":[]' in (site / "search" / "search_index.js").read_text(encoding="utf-8")
    page, word = _deep_word(site)
    links = _search(browser, (site / "index.html").as_uri(), word, "browser-search-shards-offline.png")
    assert page.endswith(".html")  # offline: no directory URLs
    assert links and page in links[0].get_attribute("href"), f"searching {word!r}: {[a.get_attribute('href') for a in links]}"
    assert not _console_errors(browser)
