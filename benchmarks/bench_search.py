#!/usr/bin/env python3
"""Benchmark search: recall of a distinctive word, and what a browser downloads before the first result.

    python benchmarks/bench_search.py                    # 1,000 and 10,000 postmortems (long)
    python benchmarks/bench_search.py --sizes 1000       # ~15 min
    python benchmarks/bench_search.py --quick            # 100 and 300

For each size it generates the corpus (``generate_corpus.py``), builds it once with the
postmortem plugin and the whole index (``search_shards: false``, ``search_index_max_kb: 0``)
and makes from that index, with the plugin's own functions, what each engine serves:

- **sharded**: the plugin's default (``site_config.search.install``: manifest, term shards,
  pages; our worker);
- **sharded, typed**: the first 200 pairs' words typed letter by letter into one fresh worker,
  every prefix searched in turn (no keystroke skipped: the most a reader typing downloads);
- **material, trimmed**: one index cut to ``search_index_max_kb`` (1,900 KB), what the plugin
  served before;
- **material, whole**: one index with every word (its recall is measured with ``--whole``; it
  is large: 11 MB gzip at 10,000);
- **pagefind** (when ``pagefind-bin`` is installed: its binary ships in the wheel): Pagefind's
  index of the same HTML pages (their ``article``), searched with its own ``pagefind.js`` and
  WebAssembly in Node (``pagefind_node.mjs``); its download counts its UI script and stylesheet
  (``ui_gzip_kb`` says how much of it that is) and the fragments of the first 5 results.

Queries: ``--pairs`` (postmortem, word) pairs, drawn with the seed: a postmortem, one of its
sections (or its page entry), a word of that section found in at most ``--max-pages`` pages
(distinctive: the kind of word "have we seen this before?" is asked with). The word is typed
as written, without surrounding punctuation. Each query runs in Node (``search_node.js``) on the
real worker scripts, a fresh worker per query for the sharded engine and Pagefind (a first
search, nothing cached), and counts as found when the postmortem is among the results Material lists (and,
reported beside it, among the first 10, the ones shown before scrolling).

Download before the first result, gzip as static hosts serve it: the ``search_index.json`` the
page fetches plus every file the worker loaded (its script, Material's worker, the manifest,
the shards). Median and maximum over the queries. Each size's results are saved to the JSON
file as soon as that size finishes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from bisect import bisect_left

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import generate_corpus  # noqa: E402
from bench_site import mkdocs_command, prepare  # noqa: E402
from common import add_common_arguments, child_env, now, resolve_common_arguments, write_json  # noqa: E402

from site_config.search import install, shards  # noqa: E402
from site_config.search_index import fit_index, page_of  # noqa: E402

TRIM_BUDGET_KB = 1900  # search_index_max_kb's default
RECALL_TARGET = 0.99
PAYLOAD_TARGET_MB = 2.0
NODE_SCRIPT = os.path.join(HERE, "search_node.js")
PAGEFIND_SCRIPT = os.path.join(HERE, "pagefind_node.mjs")
PAGEFIND_UI = ["pagefind-ui.js", "pagefind-ui.css"]  # Pagefind's own search UI, loaded by the page
ENGINES = ("sharded", "sharded-typed", "material-trimmed", "material-whole", "pagefind")
TYPED_PAIRS = 200  # sharded-typed: the first pairs, each typed letter by letter
FRESH_BATCH = 200  # queries per Node process when every query starts a fresh worker
_TRAILING = re.compile(r"\W+$")


def build_whole_index_site(size: int, args, env: dict) -> str:
    """The plugin's site for the corpus, with Material's whole index; its site folder."""
    corpus = os.path.join(args.work_dir, f"corpus-{size}", "corpus")
    generate_corpus.generate(corpus, size, args.seed, args.defect_rate)
    configs = prepare(size, corpus, os.path.join(args.work_dir, f"search-{size}"))
    site = os.path.join(os.path.dirname(configs["plugin"]), "site")
    if args.reuse_site and os.path.isfile(os.path.join(site, "search", "search_index.json")):
        print(f"  reusing the site built before: {site}", flush=True)
        return site
    with open(configs["plugin"], encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "postmortem" in plugin:
            plugin["postmortem"].update(search_shards=False, search_index_max_kb=0)
    with open(configs["plugin"], "w", encoding="utf-8") as handle:
        yaml.safe_dump(config, handle, sort_keys=False)
    started = time.time()
    completed = subprocess.run(mkdocs_command() + ["build", "--quiet", "--clean", "-f", configs["plugin"]],
                               env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{completed.stderr[-3000:]}")
    print(f"  built {size} postmortems in {time.time() - started:.0f} s", flush=True)
    return site


def engine_sites(site: str, work: str, selected=ENGINES) -> dict[str, dict]:
    """Each selected Material engine's files: a folder holding its worker scripts and what it serves."""
    with open(os.path.join(site, "search", "search_index.json"), encoding="utf-8") as handle:
        whole = handle.read()
    workers = os.path.join(site, install.WORKERS)
    engines = {}
    for name in ("sharded", "material-trimmed", "material-whole"):
        folder = os.path.join(work, name)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(workers, os.path.join(folder, install.WORKERS))
        os.makedirs(os.path.join(folder, "search"))
        engines[name] = {"dir": folder}
    started = time.time()
    built = install.install(engines["sharded"]["dir"], json.loads(whole), script=False)
    engines["sharded"].update(seconds=round(time.time() - started, 1), pages=built.pages, terms=built.terms,
                              term_shards=built.term_shards)
    fitted = fit_index(whole, TRIM_BUDGET_KB * 1000)
    engines["material-trimmed"]["allowance"] = fitted.allowance
    for name, text in (("material-trimmed", fitted.text), ("material-whole", whole)):
        with open(os.path.join(engines[name]["dir"], "search", "search_index.json"), "w", encoding="utf-8") as handle:
            handle.write(text)
    for name, engine in engines.items():
        engine["worker"] = os.path.relpath(install.material_worker(engine["dir"])[0], engine["dir"])
    engines["sharded-typed"] = {"dir": engines["sharded"]["dir"], "worker": engines["sharded"]["worker"]}
    return {name: engine for name, engine in engines.items() if name in selected}


def sample_pairs(index: dict, count: int, max_pages: int, seed: int) -> list[dict]:
    """(postmortem, word) pairs: a random section of a random postmortem, a rare word of it.

    Words as Material's tokenizer makes them (split at the index's separator), typed without
    trailing punctuation; a word starting with a sign (``@team/name``, ``(see``) is left out, as
    typing it without the sign finds it in no engine. Rare: every indexed word the typed one is
    a prefix of (search matches prefixes) is found in at most ``max_pages`` pages."""
    separator = shards.separator_of(index.get("config") or {})
    entries: list[tuple[str, str, list[str]]] = []
    pages_of_word: dict[str, set[str]] = {}
    for doc in index["docs"]:
        location = str(doc.get("location", ""))
        page = page_of(location)
        words = []
        for raw in shards.terms_of(str(doc.get("title", "")) + " " + str(doc.get("text", "")), separator):
            word = _TRAILING.sub("", raw)
            pages_of_word.setdefault(word, set()).add(page)
            words.append(word)
        if location.startswith("incidents/"):
            entries.append((page, location, words))
    ordered = sorted(pages_of_word)

    def pages_with_prefix(prefix: str, limit: int) -> int:
        found: set[str] = set()
        for position in range(bisect_left(ordered, prefix), len(ordered)):
            if not ordered[position].startswith(prefix) or len(found) > limit:
                break
            found |= pages_of_word[ordered[position]]
        return len(found)

    rng = random.Random(seed)
    pairs, seen, tries = [], set(), 0
    while len(pairs) < count and tries < count * 50:
        tries += 1
        page, location, words = rng.choice(entries)
        rare = [word for word in words if len(pages_of_word[word]) <= max_pages and len(word) >= 4
                and word[0].isalnum() and any(ch.isalpha() for ch in word) and (page, word) not in seen]
        if not rare:
            continue
        word = rng.choice(rare)
        matching = pages_with_prefix(word, max_pages)
        if matching > max_pages:
            continue
        seen.add((page, word))
        pairs.append({"page": page, "section": location, "word": word, "pages_with_word": matching})
    return pairs


class _GzipSizes:
    def __init__(self) -> None:
        self.sizes: dict[str, int] = {}

    def of(self, path: str) -> int:
        if path not in self.sizes:
            with open(path, "rb") as handle:
                self.sizes[path] = len(gzip.compress(handle.read(), compresslevel=6))
        return self.sizes[path]


def pagefind_bundle(site: str, work: str) -> dict | None:
    """Pagefind's index of the same site (its ``article`` elements: the page without the
    navigation), or None when ``pagefind-bin`` is not installed."""
    try:
        import pagefind_bin  # noqa: F401 - only whether it is there
    except ImportError:
        return None
    bundle = os.path.join(work, "pagefind", "pagefind")
    shutil.rmtree(os.path.dirname(bundle), ignore_errors=True)
    started = time.time()
    completed = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", site, "--output-path", bundle,
                                "--root-selector", "article"], capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{completed.stderr[-3000:]}")
    return {"dir": bundle, "seconds": round(time.time() - started, 1)}


def _command(name: str, engine: dict, queries: str) -> list[str]:
    if name == "pagefind":
        return ["node", PAGEFIND_SCRIPT, engine["dir"], queries]
    command = ["node", NODE_SCRIPT, engine["dir"], engine["worker"], "search/search_index.json", queries]
    return command + {"sharded": ["--fresh"], "sharded-typed": ["--fresh", "--typed"]}.get(name, [])


def _answers(name: str, engine: dict, words: list[str], work: str) -> list[dict]:
    """The engine's answer to each word, from Node. A fresh search per query runs in batches:
    Node frees the finished ones late, and one process for every query grows to GBs."""
    batch = max(len(words), 1) if name.startswith("material") else FRESH_BATCH
    answers: list[dict] = []
    for start in range(0, len(words), batch):
        queries = os.path.join(work, f"queries-{name}.json")
        with open(queries, "w", encoding="utf-8") as handle:
            json.dump(words[start:start + batch], handle)
        command = _command(name, engine, queries)
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            raise SystemExit(f"{name}: {' '.join(command)} failed:\n{completed.stderr[-3000:]}")
        answers += [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    return answers


def run_engine(name: str, engine: dict, pairs: list[dict], work: str) -> dict:
    started = time.time()
    answers = _answers(name, engine, [pair["word"] for pair in pairs], work)
    seconds = time.time() - started
    sizes = _GzipSizes()

    def download(files) -> int:
        # What the page itself loads: the index it hands the worker, or Pagefind's UI.
        own = PAGEFIND_UI if name == "pagefind" else ["search/search_index.json"]
        return sum(sizes.of(os.path.join(engine["dir"], file)) for file in set(own) | set(files))

    found = found_top10 = 0
    downloads, missed = [], []
    for pair, answer in zip(pairs, answers):
        listed = [page.lstrip("/") for page in answer["pages"]]
        found += pair["page"] in listed
        found_top10 += pair["page"] in listed[:10]
        if pair["page"] not in listed and len(missed) < 20:
            missed.append({**pair, "listed": listed[:5]})
        if not name.startswith("material"):
            downloads.append(download(answer["files"]))
    if name.startswith("material"):  # one worker, one index: the same download before every first result
        downloads = [download(answers[0]["files"] if answers else [])]
    total = max(len(answers), 1)
    extra = {"ui_gzip_kb": round(sum(sizes.of(os.path.join(engine["dir"], f)) for f in PAGEFIND_UI) / 1000, 1)} if name == "pagefind" else {}
    return {**extra, "queries": len(answers), "recall": round(found / total, 4), "recall_first_10": round(found_top10 / total, 4),
            "download_gzip_kb_median": round(statistics.median(downloads) / 1000, 1),
            "download_gzip_kb_max": round(max(downloads) / 1000, 1), "node_seconds": round(seconds, 1),
            "missed_examples": missed}


def bench_size(size: int, args, env: dict, previous: dict | None) -> dict:
    print(f"\n{size} postmortems", flush=True)
    site = build_whole_index_site(size, args, env)
    work = os.path.join(args.work_dir, f"search-{size}", "engines")
    engines = engine_sites(site, work, args.engines)
    if "pagefind" in args.engines:
        bundle = pagefind_bundle(site, work)
        if bundle is not None:
            engines["pagefind"] = bundle
    with open(os.path.join(site, "search", "search_index.json"), encoding="utf-8") as handle:
        index = json.load(handle)
    pairs = sample_pairs(index, args.pairs, args.max_pages, args.seed)
    out: dict = {"postmortems": size, "pairs": len(pairs), "engines": {}}
    if previous and previous.get("pairs") == len(pairs):  # the same queries (same seed): keep the other engines' results
        out["engines"] = dict(previous.get("engines", {}))
    if "pagefind" in args.engines and "pagefind" not in engines:
        out["engines"]["pagefind"] = {"recall": None, "note": "pagefind-bin is not installed (pip install pagefind-bin)"}
    for name, engine in engines.items():
        if name == "material-whole" and not args.whole:
            out["engines"][name] = {"download_gzip_kb": round(_GzipSizes().of(os.path.join(engine["dir"], "search", "search_index.json")) / 1000, 1),
                                    "recall": None, "note": "recall not measured (--whole)"}
            continue
        measured = pairs[:TYPED_PAIRS] if name == "sharded-typed" else pairs
        print(f"  {name}: {len(measured)} queries", flush=True)
        result = run_engine(name, engine, measured, work)
        result.update({key: value for key, value in engine.items() if key not in ("dir", "worker")})
        out["engines"][name] = result
        print(f"    recall {result['recall']:.2%} (first 10: {result['recall_first_10']:.2%}), download median "
              f"{result['download_gzip_kb_median']} KB, max {result['download_gzip_kb_max']} KB gzip", flush=True)
    return out


def evaluate(results: dict) -> list[dict]:
    checks = []
    for size, result in results["sizes"].items():
        sharded = result["engines"].get("sharded") or {}
        if not sharded:
            continue
        checks.append({"target": f"sharded recall at {size} postmortems >= {RECALL_TARGET:.0%}",
                       "value": f"{sharded['recall']:.2%}", "ok": sharded["recall"] >= RECALL_TARGET})
        checks.append({"target": f"sharded download before the first result at {size} <= {PAYLOAD_TARGET_MB} MB",
                       "value": f"max {sharded['download_gzip_kb_max']} KB", "ok": sharded["download_gzip_kb_max"] / 1000 <= PAYLOAD_TARGET_MB})
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "search.json", default_repeat=1)
    parser.add_argument("--pairs", type=int, default=2000, help="(postmortem, word) queries per size (default 2000)")
    parser.add_argument("--max-pages", type=int, default=5, help="a word is distinctive in at most this many pages (default 5)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated engines to measure (default all: {','.join(ENGINES)}); other engines' results already in --out are kept")
    parser.add_argument("--reuse-site", action="store_true", help="use the site an earlier run built for a size (same corpus, same seed)")
    parser.add_argument("--whole", action="store_true", help="also measure the recall of Material's whole index (slow at 10,000)")
    args = parser.parse_args(argv)
    resolve_common_arguments(args)
    args.engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = sorted(set(args.engines) - set(ENGINES))
    if unknown:
        raise SystemExit(f"unknown engines: {', '.join(unknown)} (known: {', '.join(ENGINES)})")
    if shutil.which("node") is None:
        raise SystemExit("bench_search.py runs the search workers in Node: install node")
    env = child_env(args.work_dir)
    results: dict = {"started": now(), "pairs": args.pairs, "max_pages": args.max_pages, "seed": args.seed, "sizes": {}}
    if os.path.isfile(args.out):  # sizes measured in an earlier run are kept beside this run's
        with open(args.out, encoding="utf-8") as handle:
            results["sizes"] = json.load(handle).get("sizes", {})
    for size in args.sizes:
        results["sizes"][str(size)] = bench_size(size, args, env, results["sizes"].get(str(size)))
        results["targets"] = evaluate(results)
        write_json(args.out, results)  # saved as soon as the size finishes
    for check in results.get("targets", []):
        print(f"  [{'ok' if check['ok'] else 'MISSED'}] {check['target']}: {check['value']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
