"""The sharded search index (site_config/search/): splitting, the manifest, reading it back, the
worker's install across dirty rebuilds, the offline (script) form, and the worker itself run on
the example site in Node (benchmarks/search_node.js, the harness bench_search.py measures with).
The browser runs it in tests/test_search_browser.py."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from site_config.search import entries, install, shards
from site_config.search_index import page_of
from tests.conftest import REPO
from tests.test_site import built_site  # noqa: F401 (fixture)

NODE_HARNESS = REPO / "benchmarks" / "search_node.js"
CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}}}


def _index(pages: int = 30, words_per_section: int = 40) -> dict:
    """Pages with a page entry and three sections of words of their own (``w<page>x<section>x<k>``) and shared ones."""
    docs = []
    for page in range(pages):
        location = f"incidents/pm-{page}/"
        docs.append({"location": location, "title": f"Incident {page}", "text": f"<p>The summary of <code>pm-{page}</code> &amp; more</p>"})
        for number, section in enumerate(("timeline", "root-cause", "action-items")):
            words = " ".join(f"w{page}x{number}x{k}" for k in range(words_per_section))
            docs.append({"location": f"{location}#{section}", "title": section.title(),
                         "text": f"<p>{words} database-failover shared</p>"})
    docs.append({"location": "rules/", "title": "Rules", "text": "<p>Every rule</p>"})
    return {"config": CONFIG, "docs": docs}


def _build(index_text: str, shard_bytes: int = shards.TERM_SHARD_BYTES) -> SimpleNamespace:
    """The shards of an index's JSON text, its counts and every file in ``files`` (a build writes
    each file as it is made)."""
    files: dict[str, object] = {}
    built = shards.shard(json.loads(index_text), files.__setitem__, shard_bytes=shard_bytes)
    return SimpleNamespace(**dataclasses.asdict(built), files=files)


def _postings(built: SimpleNamespace) -> dict[str, dict[int, int]]:
    """Every term's {page: count}, decoded from the term shards."""
    out: dict[str, dict[int, int]] = {}
    for name, data in built.files.items():
        if not name.startswith("terms/"):
            continue
        for term, encoded in data.items():
            page, counts = 0, {}
            for position in range(0, len(encoded), 2):
                page += encoded[position]
                counts[page] = encoded[position + 1]
            out[term] = counts
    return out


def test_every_page_keeps_its_entries_in_order_and_the_stub_keeps_materials_config():
    index = _index()
    built = _build(json.dumps(index))
    assert built.pages == 31 and built.files["manifest"]["pages"] == 31
    pages = [built.files[f"pages/{number}"] for number in range(built.pages)]
    assert [doc for page in pages for doc in page] == index["docs"]
    assert all(len({page_of(doc["location"]) for doc in page}) == 1 for page in pages)
    assert json.loads(built.stub_index) == {"config": CONFIG, "docs": []}


def test_every_word_of_every_section_has_its_page_in_the_postings():
    index = _index()
    built = _build(json.dumps(index), shard_bytes=2_000)
    postings = _postings(built)
    for number in range(built.pages):
        for doc in built.files[f"pages/{number}"]:
            for word in shards.terms_of(doc["title"] + " " + doc["text"], shards.separator_of(CONFIG)):
                assert number in postings[word], (word, number)
    assert postings["w7x2x39"] == {7: 1}  # a word deep in the last section
    assert postings["shared"] == {page: 3 for page in range(30)}  # counted per page, over its sections
    assert postings["database"] == postings["failover"]  # split at the separator, as Material does
    assert "the" not in postings and "of" not in postings  # lunr's stop words are not indexed
    assert "<code>pm-7</code>" not in str(postings) and "pm" in postings  # text between tags only


def test_term_shards_are_sorted_ranges_that_the_manifest_names_by_their_first_term():
    built = _build(json.dumps(_index()), shard_bytes=2_000)
    firsts = built.files["manifest"]["terms"]
    assert len(firsts) > 5 and firsts == sorted(firsts, key=shards.js_order)
    for number, first in enumerate(firsts):
        terms = sorted(built.files[f"terms/{number}"])
        assert terms[0] == first
        if number + 1 < len(firsts):
            assert terms[-1] < firsts[number + 1]
        assert len(shards.encode(built.files[f"terms/{number}"])) <= 2_000 + 200 or len(terms) == 1


def test_terms_are_in_the_order_the_worker_compares_them():
    # U+FF5E sorts after an astral character by code point, before it in UTF-16 (JavaScript).
    words = ["\U0001F525fire", "\uff5ewave", "alpha"]
    docs = [{"location": f"p{n}/", "title": word, "text": ""} for n, word in enumerate(words)]
    built = _build(json.dumps({"config": CONFIG, "docs": docs}), shard_bytes=1)
    assert built.files["manifest"]["terms"] == ["alpha", "\U0001F525fire", "\uff5ewave"]


def test_a_shard_reads_back_from_json_and_from_its_offline_script():
    data = [{"location": "incidents/a/", "title": "&lt;script&gt;", "text": "Caf\u00e9 \u2028 </script> \"quoted\""}]
    for script in (False, True):
        text = shards.file_text("pages/0", data, script)
        assert text.isascii()  # no raw line separator can end a script's string early
        assert shards.read_file_data(text) == data
    assert shards.file_text("pages/0", data, True).startswith(shards.SCRIPT_CALLBACK + '("pages/0",')


def _site_with_material_worker(folder: Path) -> Path:
    workers = folder / install.WORKERS
    workers.mkdir(parents=True)
    (workers / "search.abc123.min.js").write_text("/* Material's worker */", encoding="utf-8")
    (folder / "search").mkdir()
    return folder


def test_install_twice_keeps_materials_worker_and_leaves_no_stale_page(tmp_path):
    site = _site_with_material_worker(tmp_path / "site")
    first = install.install(str(site), _index(pages=30), script=False)
    worker = (site / install.WORKERS / "search.abc123.min.js").read_text(encoding="utf-8")
    assert install.MARK in worker and '"material-search.abc123.min.js"' in worker
    assert (site / install.WORKERS / "material-search.abc123.min.js").read_text(encoding="utf-8") == "/* Material's worker */"
    assert len(list((site / shards.SHARD_DIR / "pages").iterdir())) == first.pages
    # A dirty rebuild: Material's worker is not copied again (it is ours now), the index shrank.
    second = install.install(str(site), _index(pages=5), script=False)
    assert (site / install.WORKERS / "material-search.abc123.min.js").read_text(encoding="utf-8") == "/* Material's worker */"
    assert len(list((site / shards.SHARD_DIR / "pages").iterdir())) == second.pages == 6
    assert entries.read_docs(site) == _index(pages=5)["docs"]
    # A theme update copies Material's worker again: it is kept, ours takes its place again.
    (site / install.WORKERS / "search.abc123.min.js").write_text("/* Material's new worker */", encoding="utf-8")
    install.install(str(site), _index(pages=5), script=True)
    assert (site / install.WORKERS / "material-search.abc123.min.js").read_text(encoding="utf-8") == "/* Material's new worker */"
    assert entries.read_docs(site) == _index(pages=5)["docs"]  # read from the .js scripts now
    assert not list((site / shards.SHARD_DIR / "pages").glob("*.json"))


def test_without_materials_worker_nothing_is_installed(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    with pytest.raises(install.InstallError):
        install.install(str(site), _index(pages=2), script=False)
    assert not (site / shards.SHARD_DIR).exists() and not (site / "search" / "search_index.json").exists()


def test_the_example_site_is_sharded_with_every_entry(built_site):  # noqa: F811
    stub = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["separator"]
    docs = entries.read_docs(built_site)
    assert len(docs) > 100 and any(doc["location"].startswith("incidents/") for doc in docs)
    assert entries.is_sharded(built_site)


def _node_search(site: Path, queries: list[str]) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    worker = os.path.relpath(install.material_worker(str(site))[0], site)
    query_file = site.parent / "node-queries.json"
    query_file.write_text(json.dumps(queries), encoding="utf-8")
    completed = subprocess.run(["node", str(NODE_HARNESS), str(site), worker, "search/search_index.json", str(query_file), "--fresh"],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return [json.loads(line) for line in completed.stdout.splitlines()]


def _deep_word(docs: list[dict], section: str) -> tuple[str, str]:
    """A word found in one incident page only, from its ``section`` entry, far from the page's start."""
    separator = shards.separator_of(CONFIG)
    pages_of: dict[str, set[str]] = {}
    for doc in docs:
        for word in shards.terms_of(doc["title"] + " " + doc["text"], separator):
            pages_of.setdefault(word, set()).add(page_of(doc["location"]))
    for doc in docs:
        if doc["location"].startswith("incidents/") and doc["location"].endswith("#" + section):
            for word in shards.terms_of(doc["text"], separator):
                if word.isalpha() and len(word) > 5 and len(pages_of[word]) == 1 and not any(
                        other.startswith(word) and other != word for other in pages_of):
                    return page_of(doc["location"]), word
    raise AssertionError(f"no {section} has a word of its own")


def test_the_worker_finds_a_word_of_an_action_item_and_loads_only_what_it_needs(built_site):  # noqa: F811
    docs = entries.read_docs(built_site)
    page, word = _deep_word(docs, "action-items")
    answers = _node_search(built_site, [word, word.upper(), "zzzqqqx", ""])
    assert answers[0]["pages"][0] == page, answers[0]
    assert answers[1]["pages"][0] == page  # Material's search is case-insensitive; so are the shards
    assert answers[2]["pages"] == [] and answers[3]["pages"] == []
    pages_loaded = [name for name in answers[0]["files"] if "/pages/" in name]
    total_pages = json.loads((built_site / shards.SHARD_DIR / "manifest.json").read_text(encoding="utf-8"))["pages"]
    assert 1 <= len(pages_loaded) <= shards.PAGES_PER_QUERY < total_pages
    assert "search/shards/manifest.json" in answers[0]["files"]


def test_another_theme_keeps_its_own_search_whole(tmp_path):
    from tests.test_site_hostile import build, postmortem, site_project

    root = site_project(tmp_path / "project")
    (root / "postmortems" / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(postmortem(1), encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {"name": "mkdocs"}
    config["plugins"] = [plugin for plugin in config["plugins"] if not (isinstance(plugin, dict) and "offline" in plugin)]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = build(root, strict=False)  # the plugin warns that it is made for Material
    assert result.returncode == 0, result.stderr[-3000:]
    assert "not sharded" not in result.stderr  # nothing to warn about: that theme's search is its own
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("incidents/") for doc in index["docs"])  # MkDocs's own index, whole
    assert not (root / "site" / shards.SHARD_DIR).exists()


def test_written_shard_files_are_the_shards_built_from_the_index_text(tmp_path):
    # write_shards writes each file as soon as it is made; _build keeps them all in files.
    index = _index(pages=40, words_per_section=200)
    built = _build(json.dumps(index))
    site = _site_with_material_worker(tmp_path / "site")
    written = install.write_shards(str(site), json.loads(json.dumps(index)), script=False)
    folder = site / shards.SHARD_DIR
    on_disk = {path.relative_to(folder).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
               for path in folder.rglob("*.json")}
    assert on_disk == {name: shards.file_text(name, data, False) for name, data in built.files.items()}
    assert written.term_shards == sum(1 for name in built.files if name.startswith("terms/")) > 1
    assert (written.pages, written.terms, written.stub_index) == (built.pages, built.terms, built.stub_index)
