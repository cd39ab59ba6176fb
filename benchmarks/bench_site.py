#!/usr/bin/env python3
"""Benchmark the site build: the postmortem plugin against plain Material on the same pages.

    python benchmarks/bench_site.py                     # 1,000 and 10,000 postmortems (long: ~20 min)
    python benchmarks/bench_site.py --sizes 2000,4000   # the growth, at sizes a slow machine can do
    python benchmarks/bench_site.py --quick             # 100 and 300, one run, no serve (a minute)

For each size it generates a corpus (``generate_corpus.py``, shared with ``bench_lint.py``) and
builds it, as separate processes, interleaved with a lint of it:

- **plugin**: ``mkdocs build`` with this repository's ``mkdocs.yml`` settings and the postmortem
  plugin reading the corpus (``lint: warn``: the generated corpus carries defects on purpose);
- **plain Material** (the baseline): the same Markdown files copied into ``docs_dir``, the same
  theme and Markdown extensions, the search plugin, and a small navigation (only the home page);
- **lint**, beside them: ``postmortem lint`` on the corpus, as the gate runs it. The build lints
  every file too; plugin / (plain + lint) is what the site costs beyond both;
- **plugin, lint cache warm**: the plugin build again with the lint cache on, after a build
  that filled it (``linter.disk_cache``: a second build, or CI with the cache restored). Every
  other run has the cache off, so the ratios above are of the whole work.

It reports wall time, CPU time and peak memory of each build, the ratio plugin / plain, site
size per postmortem, the growth from the smallest to the largest size (ideal: the ratio of the
sizes), and the search payload a browser downloads before it can show the first result: the
search worker script and the search index, as stored and gzip-compressed as static hosts serve
them. With ``--serve`` (default for sizes of 1,000 and up), it also starts ``mkdocs serve`` on
the corpus of 1,000 (or the smallest size), edits one postmortem, and reports the rebuild
time MkDocs logs, against the initial build. Results: stdout and ``benchmarks/out/site.json``.
"""

from __future__ import annotations

import argparse
import glob
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_corpus  # noqa: E402
from common import (REPO, add_common_arguments, child_env, conclude, cores, gzip_size, measure, median, now, require_project_environment,  # noqa: E402
                    package_version, postmortem_command, print_targets, read_mkdocs_yml, resolve_common_arguments, run_interleaved, summarize,
                    tree_size)

TARGETS = {
    "plugin_vs_plain": 1.3,  # at most, build time on the same pages, wall and CPU
    "memory_vs_plain": 1.5,  # at most, peak memory on the same pages
    "kb_per_postmortem": 100.0,  # at most, site bytes per postmortem
    "growth_slack": 1.1,  # build time may grow at most 1.1x the corpus (10,000 / 1,000 -> 11x)
    "search_payload_mb": 2.0,  # at most, downloaded before the first search result
}
# The overhead and size targets are the issue's, for sites of 1,000 postmortems and more. Below
# that, the pages every site has (pattern reports and their charts, rule docs, browse pages)
# weigh on each postmortem: --quick sizes report those figures without judging them.
JUDGED_FROM = 1000
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


# --- the two sites --------------------------------------------------------------------------

def _base_config() -> dict:
    """The repository's mkdocs.yml: the theme and Markdown extensions users build with."""
    config = read_mkdocs_yml(os.path.join(REPO, "mkdocs.yml"))
    config.pop("validation", None)
    return config


def prepare(size: int, corpus: str, work: str) -> dict[str, str]:
    """Write the plugin site and the plain-Material site for one corpus; their mkdocs.yml paths."""
    base = _base_config()
    plugin_dir, plain_dir = os.path.join(work, "plugin"), os.path.join(work, "plain")
    os.makedirs(os.path.join(plugin_dir, "docs"), exist_ok=True)

    plugin = dict(base, docs_dir="docs", site_dir="site")
    plugin["plugins"] = ["search", {"postmortem": {
        "postmortems": [corpus], "lint": "warn", "lint_on_serve": "warn",
        "format_page": os.path.join(REPO, "docs", "format.md"),
        "linter_config": os.path.join(REPO, "pyproject.toml")}}]

    docs = os.path.join(plain_dir, "docs")
    marker = os.path.join(docs, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(corpus, docs, ignore=shutil.ignore_patterns("*.json"))
        with open(os.path.join(docs, "index.md"), "w", encoding="utf-8") as handle:
            handle.write("# Incidents\n\nThe postmortems are reached from here and from search.\n")
        open(marker, "w").close()
    plain = dict(base, docs_dir="docs", site_dir="site", nav=[{"Incidents": "index.md"}], plugins=["search"])

    paths = {}
    for name, folder, config in (("plugin", plugin_dir, plugin), ("plain", plain_dir, plain)):
        path = os.path.join(folder, "mkdocs.yml")
        with open(path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(config, handle, sort_keys=False)
        paths[name] = path
    return paths


def mkdocs_command() -> list[str]:
    script = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    return [script] if os.path.isfile(script) else [sys.executable, "-m", "mkdocs"]


def site_facts(config_path: str, size: int) -> dict:
    """Size of the built site and what search makes a browser download. A sharded index
    (site_config/search/): the stub index, both workers and the manifest; the shards a query
    loads come on top (benchmarks/bench_search.py measures them, query by query)."""
    site = os.path.join(os.path.dirname(config_path), "site")
    total, files = tree_size(site)
    index = os.path.join(site, "search", "search_index.json")
    workers = glob.glob(os.path.join(site, "assets", "javascripts", "workers", "*search.*.min.js"))
    workers += glob.glob(os.path.join(site, "search", "shards", "manifest.json"))
    payload = {"index_bytes": os.path.getsize(index) if os.path.isfile(index) else 0,
               "index_gzip_bytes": gzip_size(index) if os.path.isfile(index) else 0,
               "worker_gzip_bytes": sum(gzip_size(path) for path in workers),
               "sharded": os.path.isfile(os.path.join(site, "search", "shards", "manifest.json"))}
    payload["before_first_result_gzip_mb"] = round((payload["index_gzip_bytes"] + payload["worker_gzip_bytes"]) / 1e6, 2)
    payload["before_first_result_mb"] = round((payload["index_bytes"] + sum(os.path.getsize(p) for p in workers)) / 1e6, 2)
    return {"site_mb": round(total / 1e6, 1), "site_files": files, "kb_per_postmortem": round(total / 1e3 / size, 1),
            "search": payload}


def bench_size(size: int, args, env: dict[str, str]) -> dict:
    corpus = os.path.join(args.work_dir, f"corpus-{size}", "corpus")
    generate_corpus.generate(corpus, size, args.seed, args.defect_rate)
    configs = prepare(size, corpus, os.path.join(args.work_dir, f"site-{size}"))
    commands = {name: mkdocs_command() + ["build", "--quiet", "--clean", "-f", configs[name]] for name in ("plain", "plugin")}
    # The gate's own lint of the corpus, as the plugin lints it: what the build adds beyond
    # plain Material and the lint is the site's own work.
    commands["lint"] = postmortem_command() + ["lint", corpus, "--format", "json", "--config", os.path.join(REPO, "pyproject.toml")]
    # A build again with the lint cache on (linter.disk_cache) and warm: what a second build, a
    # CI job that restored the cache, or `mkdocs serve` started again costs. The other commands
    # run with it off (child_env).
    commands["plugin_warm"] = ["env", "POSTMORTEM_NO_CACHE=0"] + commands["plugin"]
    warmed = measure(commands["plugin_warm"], REPO, env)
    if warmed["returncode"] != 0:
        raise SystemExit(f"plugin build with the lint cache failed: {warmed['stderr'][-2000:]}")
    runs = run_interleaved(commands, args.repeat, env, f"mkdocs build, {size} postmortems", exit_codes={"lint": (0, 1)})
    out: dict = {"postmortems": size, "lint": summarize(runs.pop("lint"), 2), "plugin_warm": summarize(runs.pop("plugin_warm"), 2)}
    for name, results in runs.items():
        out[name] = {**summarize(results, 2), **site_facts(configs[name], size)}
    out["plugin_warm_vs_plain"] = round(out["plugin_warm"]["seconds"] / out["plain"]["seconds"], 2)
    out["plugin_warm_vs_plain_cpu"] = round(out["plugin_warm"]["cpu_seconds"] / out["plain"]["cpu_seconds"], 2)
    out["plugin_vs_plain"] = round(out["plugin"]["seconds"] / out["plain"]["seconds"], 2)
    out["plugin_vs_plain_cpu"] = round(out["plugin"]["cpu_seconds"] / out["plain"]["cpu_seconds"], 2)
    out["plugin_vs_plain_and_lint_cpu"] = round(out["plugin"]["cpu_seconds"] / (out["plain"]["cpu_seconds"] + out["lint"]["cpu_seconds"]), 2)
    out["configs"] = configs
    return out


# --- mkdocs serve -----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_serve(size: int, args, env: dict[str, str], dirty: bool = False) -> dict:
    """Initial build and rebuild after editing one postmortem, as `mkdocs serve` logs them
    (``dirty``: `mkdocs serve --dirty`, which rebuilds only the pages whose source changed)."""
    corpus = os.path.join(args.work_dir, f"corpus-{size}", "corpus")
    config = os.path.join(args.work_dir, f"site-{size}", "plugin", "mkdocs.yml")
    target = sorted(glob.glob(os.path.join(corpus, "**", "*.md"), recursive=True))[size // 2]
    command = mkdocs_command() + ["serve", "-f", config, "-a", f"127.0.0.1:{_free_port()}"] + (["--dirty"] if dirty else [])
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    builds: queue.Queue = queue.Queue()

    def reader() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            match = BUILT.search(line)
            if match:
                builds.put((time.perf_counter(), float(match.group(1))))

    threading.Thread(target=reader, daemon=True).start()
    with open(target, encoding="utf-8") as handle:
        original = handle.read()
    try:
        _, initial = builds.get(timeout=args.timeout)
        time.sleep(2)  # let the watcher settle
        rebuilds = []
        for attempt in range(args.serve_edits):
            edited = time.perf_counter()
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(original + f"\nEdited while previewing ({attempt}).\n")
            done, seconds = builds.get(timeout=args.timeout)
            rebuilds.append({"logged_seconds": seconds, "edit_to_done_seconds": round(done - edited, 2)})
            time.sleep(1)
    finally:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(original)
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    rebuild = median(rebuilds, "logged_seconds")
    return {"postmortems": size, "dirty": dirty, "initial_build_seconds": initial, "rebuild_seconds": round(rebuild, 2),
            "edit_to_done_seconds": round(median(rebuilds, "edit_to_done_seconds"), 2), "rebuilds": rebuilds,
            "rebuild_vs_initial": round(rebuild / initial, 2)}


# --- results ----------------------------------------------------------------------------------

def evaluate(results: dict) -> list[dict]:
    checks = []
    sizes = sorted(results["sizes"], key=int)
    for size in sizes:
        data = results["sizes"][size]
        judged = int(size) >= JUDGED_FROM
        note = None if judged else f"set for {JUDGED_FROM:,} postmortems and more"
        overhead, kb = data["plugin_vs_plain"], data["plugin"]["kb_per_postmortem"]
        checks.append({"target": f"plugin build within {TARGETS['plugin_vs_plain']}x of plain Material ({size})",
                       "value": overhead, "ok": overhead <= TARGETS["plugin_vs_plain"] if judged else None, "note": note})
        # CPU as well as wall: on a busy runner the second core is not free, and the wall ratio of
        # a build that spreads more work over more cores only looks good on a quiet machine.
        cpu = data["plugin_vs_plain_cpu"]
        checks.append({"target": f"plugin build's CPU time within {TARGETS['plugin_vs_plain']}x of plain Material's ({size})",
                       "value": cpu, "ok": cpu <= TARGETS["plugin_vs_plain"] if judged else None, "note": note})
        memory = round(data["plugin"]["peak_rss_mb"] / data["plain"]["peak_rss_mb"], 2)
        checks.append({"target": f"plugin build's peak memory within {TARGETS['memory_vs_plain']}x of plain Material's ({size})",
                       "value": memory, "ok": memory <= TARGETS["memory_vs_plain"] if judged else None, "note": note})
        checks.append({"target": f"at most {TARGETS['kb_per_postmortem']:.0f} KB of site per postmortem ({size})",
                       "value": kb, "ok": kb <= TARGETS["kb_per_postmortem"] if judged else None, "note": note})
        payload = data["plugin"]["search"]["before_first_result_gzip_mb"]
        checks.append({"target": f"search downloads at most {TARGETS['search_payload_mb']} MB before the first result ({size}, gzip)",
                       "value": payload, "ok": payload <= TARGETS["search_payload_mb"]})
    if len(sizes) > 1:
        small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        factor = int(sizes[-1]) / int(sizes[0])
        growth = round(large["plugin"]["seconds"] / small["plugin"]["seconds"], 2)
        results["growth"] = {"corpus": factor, "plugin_build": growth,
                             "plain_build": round(large["plain"]["seconds"] / small["plain"]["seconds"], 2)}
        limit = round(factor * TARGETS["growth_slack"], 2)
        checks.append({"target": f"{sizes[-1]} postmortems build in at most {limit}x the time of {sizes[0]}",
                       "value": growth, "ok": growth <= limit})
    return checks


def print_summary(results: dict) -> None:
    env = results["environment"]
    print(f"\nsite build benchmark: Python {env['python']}, {env['cores']} cores, MkDocs {env['mkdocs']}, "
          f"Material {env['mkdocs-material']}")
    for size, data in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        print(f"\n{int(size):,} postmortems, median of {len(data['plugin']['runs'])}:")
        for name, label in (("plain", "plain Material, small nav"), ("plugin", "postmortem plugin")):
            row = data[name]
            print(f"  {label:28s} {row['seconds']:8.1f} s (cpu {row['cpu_seconds']:.1f} s)  peak {row['peak_rss_mb']:6.0f} MB  "
                  f"site {row['site_mb']:7.1f} MB ({row['kb_per_postmortem']:.0f} KB/postmortem)  search index "
                  f"{row['search']['index_bytes'] / 1e6:.1f} MB ({row['search']['index_gzip_bytes'] / 1e6:.2f} MB gzip)")
        lint = data.get("lint")
        if lint:
            print(f"  {'postmortem lint (the gate)':28s} {lint['seconds']:8.1f} s (cpu {lint['cpu_seconds']:.1f} s)  peak {lint['peak_rss_mb']:6.0f} MB")
            print(f"  plugin / (plain + lint): {data['plugin_vs_plain_and_lint_cpu']:.2f}x cpu (the site's own work beyond both)")
        warm = data.get("plugin_warm")
        if warm:
            print(f"  {'plugin, lint cache warm':28s} {warm['seconds']:8.1f} s (cpu {warm['cpu_seconds']:.1f} s)  peak {warm['peak_rss_mb']:6.0f} MB"
                  f"  ({data['plugin_warm_vs_plain']:.2f}x wall, {data['plugin_warm_vs_plain_cpu']:.2f}x cpu of plain)")
        print(f"  plugin / plain: {data['plugin_vs_plain']:.2f}x wall, {data['plugin_vs_plain_cpu']:.2f}x cpu;  "
              f"search payload before the first result: {data['plugin']['search']['before_first_result_gzip_mb']} MB gzip "
              f"({data['plugin']['search']['before_first_result_mb']} MB uncompressed)")
    if "growth" in results:
        growth = results["growth"]
        print(f"\ngrowth for {growth['corpus']:.0f}x the postmortems: plugin build {growth['plugin_build']}x, plain {growth['plain_build']}x")
    for serve in (results.get("serve"), results.get("serve_dirty")):
        if serve:
            command = "mkdocs serve --dirty" if serve.get("dirty") else "mkdocs serve"
            print(f"\n{command} at {serve['postmortems']:,} postmortems: initial build {serve['initial_build_seconds']:.1f} s, "
                  f"rebuild after editing one postmortem {serve['rebuild_seconds']:.1f} s ({serve['rebuild_vs_initial']}x; "
                  f"edit to reload {serve['edit_to_done_seconds']:.1f} s)")
    print_targets(results["targets"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "site.json", default_repeat=1)
    parser.add_argument("--serve", dest="serve", action="store_true", default=None, help="measure the mkdocs serve rebuild")
    parser.add_argument("--no-serve", dest="serve", action="store_false")
    parser.add_argument("--serve-edits", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for a serve build")
    args = parser.parse_args(argv)
    resolve_common_arguments(args)
    require_project_environment("mkdocs", "material")
    if args.serve is None:
        args.serve = not args.quick
    env = child_env(args.work_dir)
    env["SOURCE_DATE_EPOCH"] = "1790000000"  # reports judge "overdue" at a fixed date: same pages every run

    results: dict = {"benchmark": "site", "date": now(), "environment": {
        "python": sys.version.split()[0], "cores": cores(), "mkdocs": package_version("mkdocs"),
        "mkdocs-material": package_version("mkdocs-material"), "postmortem-kit": package_version("postmortem-kit")},
        "settings": {"sizes": args.sizes, "repeat": args.repeat, "seed": args.seed}, "sizes": {}}
    for size in args.sizes:
        print(f"building {size} postmortems ...", file=sys.stderr, flush=True)
        results["sizes"][str(size)] = bench_size(size, args, env)
    if args.serve:
        size = min((s for s in args.sizes if s >= 1000), default=args.sizes[0])
        print(f"mkdocs serve at {size} postmortems ...", file=sys.stderr, flush=True)
        results["serve"] = bench_serve(size, args, env)
        results["serve_dirty"] = bench_serve(size, args, env, dirty=True)
    return conclude(results, evaluate, print_summary, args.out)


if __name__ == "__main__":
    sys.exit(main())
