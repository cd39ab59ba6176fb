"""The search index budget: an index within it is untouched; a larger one is trimmed fairly.

Unit tests on a synthetic Material index, then one real build of the example corpus with a
budget small enough to force trimming.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat

import pytest
import yaml

from site_config.search_index import MIN_ALLOWANCE, encode, fit_index, gzip_bytes, plain, trimmed

from tests.conftest import REPO, read_mkdocs_yml

WORDS = "replica lag failover checkout pricing timeout cache eviction queue backlog".split()


def incident_docs(number: int, sections: int = 6, words: int = 120) -> list[dict]:
    page = f"incidents/pm-2026-{number:03d}/"
    docs = [{"location": page, "title": f"Incident {number}", "text": f"PM-2026-{number:03d} SEV2 checkout"}]
    for section in range(sections):
        body = " ".join(WORDS[(number * 7 + section * 3 + i) % len(WORDS)] + str(i % 13) for i in range(words))
        docs.append({"location": f"{page}#s{section}", "title": f"Section {section}", "text": f"<p>{body} &lt;b&gt; <code>x</code></p>"})
    return docs


def index(count: int) -> dict:
    docs = [{"location": "", "title": "Incidents", "text": "The index"},
            {"location": "rules/PM101/", "title": "PM101", "text": "<p>Action items must be specific.</p>"}]
    for number in range(count):
        docs.extend(incident_docs(number))
    return {"config": {"lang": ["en"], "separator": r"[\s\-]+"}, "docs": docs}


def test_an_index_within_the_budget_is_left_as_it_is():
    text = encode(index(5))
    fitted = fit_index(text, gzip_bytes(text) + 1)
    assert fitted.text == text
    assert fitted.allowance is None


def test_no_budget_means_no_trimming():
    text = encode(index(50))
    assert fit_index(text, 0).text == text


def test_a_large_index_is_trimmed_to_the_budget():
    text = encode(index(200))
    budget = gzip_bytes(text) // 4
    fitted = fit_index(text, budget)
    assert fitted.gzip_bytes <= budget < fitted.original_gzip_bytes
    assert fitted.gzip_bytes == len(gzip.compress(fitted.text.encode("utf-8"), compresslevel=6))
    assert MIN_ALLOWANCE <= fitted.allowance
    data = json.loads(fitted.text)
    by_page: dict[str, int] = {}
    for doc in data["docs"]:
        if doc["location"].startswith("incidents/"):
            page = doc["location"].split("#")[0]
            by_page[page] = by_page.get(page, 0) + len(doc["text"])
    assert len(by_page) == 200, "every incident keeps its page entry"
    assert max(by_page.values()) <= fitted.allowance
    # the budget is used, not squandered: a 25% larger allowance would not fit
    assert gzip_bytes(encode(trimmed(json.loads(text), int(fitted.allowance * 1.25)))) > budget


def test_trimming_keeps_other_pages_whole_and_each_page_in_order():
    data = index(3)
    result = trimmed(data, 300)
    assert result["docs"][:2] == data["docs"][:2]
    first = [doc for doc in result["docs"] if doc["location"].startswith("incidents/pm-2026-000/")]
    assert first[0]["text"] == "PM-2026-000 SEV2 checkout"  # the card first
    assert [doc["location"] for doc in first] == [doc["location"] for doc in incident_docs(0)][:len(first)]
    assert len(first) < 7, "sections past the allowance are dropped"


def test_trimmed_text_is_plain_escaped_and_cut_on_a_word():
    result = trimmed(index(1), 2000)
    texts = [doc["text"] for doc in result["docs"] if "#" in doc["location"]]
    assert texts and all("<" not in text and ">" not in text for text in texts)
    assert any("&lt;b&gt;" in text for text in texts), "escaped text stays escaped"
    cut = trimmed({"docs": [{"location": "incidents/a/", "title": "A", "text": "alpha beta &amp;gamma delta"}]}, 17)
    assert cut["docs"][0]["text"] == "alpha beta"


def test_plain_removes_tags_and_folds_space():
    assert plain("<p>one <code>two</code>\n three</p>") == "one two three"


def test_the_site_build_keeps_search_within_the_configured_budget(tmp_path):
    from tests.test_site_hostile import build, site_project

    root = site_project(tmp_path / "project", lint_mode="warn")
    shutil.rmtree(root / "postmortems")
    shutil.copytree(REPO / "postmortems", root / "postmortems")
    config = read_mkdocs_yml(root / "mkdocs.yml")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "postmortem" in plugin:
            # Under the untrimmed size, over what the pages other than incidents need (the rules
            # page grows with every rule).
            plugin["postmortem"]["search_index_max_kb"] = 50
            plugin["postmortem"]["search_shards"] = False  # the budget is for the one index
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    path = root / "site" / "search" / "search_index.json"
    assert gzip_bytes(path.read_text(encoding="utf-8")) <= 50_000  # untrimmed: about 80 KB
    index_text = path.read_text(encoding="utf-8")
    for source in (REPO / "postmortems").rglob("*.md"):
        meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
        assert meta["id"] in index_text, f"{meta['id']} is still found by its id"
    assert "browse/service/" not in index_text, "browse pages only repeat titles: not indexed"
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode & stat.S_IROTH, f"the rewritten index must stay readable by a web server (mode {oct(mode)})"
