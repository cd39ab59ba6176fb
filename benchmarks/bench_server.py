#!/usr/bin/env python3
"""Benchmark the language server: how long after a change an editor shows the findings.

    python benchmarks/bench_server.py                # every example postmortem, 30 changes each (~1 min)
    python benchmarks/bench_server.py --quick        # 5 changes each

One ``postmortem server`` process is driven over its real protocol (tests/lsp_client.py: stdio,
Content-Length framing), as an editor drives it. For each postmortem under ``postmortems/``
it opens the file, then sends changes (the text with one more character at the end of its last
line, then without it, in turn: each change a real re-lint) and times each from writing the
``didChange`` to reading the ``publishDiagnostics`` of that version. The debounce is set to 0
(``--debounce-ms``): what is timed is the check after the change, whatever the editor's pause;
with the default debounce (0.1 s) the findings come that much later, once the typist pauses.

The baseline, measured in the same run and interleaved file by file: ``postmortem lint FILE``
as its own process (what an editor task on save runs: start-up included), median of
``--lint-runs``. Reported per file and over all: median and p95 of the server's latency, and
the ratio server median / lint median. Target: p95 within 100 ms (reported, never asserted).
Results: stdout and ``benchmarks/out/server.json``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

from common import REPO, child_env, conclude, cores, measure, now, package_version, postmortem_command, print_targets  # noqa: E402
from common import require_project_environment  # noqa: E402

TARGET_SECONDS = 0.1  # diagnostics of one open file within 100 ms of a change


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def change_latencies(client, path: str, changes: int) -> list[float]:
    """Seconds from each didChange to the publishDiagnostics of its version."""
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    edited = text.rstrip("\n") + "x\n"
    uri = client.open(path)
    client.diagnostics(uri, version=1, timeout=30)
    seconds = []
    for version in range(2, changes + 2):
        after = len(client.messages)
        sent = time.perf_counter()
        client.change(uri, edited if version % 2 == 0 else text, version)
        client.diagnostics(uri, after=after, version=version, timeout=30)
        received = next(m["_received"] for m in client.messages[after:]
                        if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version)
        seconds.append(received - sent)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return seconds


def run(args) -> dict:
    from lsp_client import LspClient

    env = child_env(args.work_dir)
    files = sorted(os.path.join(folder, name) for folder, _, names in os.walk(os.path.join(REPO, "postmortems"))
                   for name in names if name.endswith(".md"))[: args.files or None]
    per_file = []
    all_latencies: list[float] = []
    with LspClient(REPO, env=env) as client:
        client.initialize(REPO, {"debounceMs": args.debounce_ms})
        client.wait_for(lambda m: m.get("method") == "window/logMessage" and "corpus read" in m["params"]["message"], 60)
        for path in files:
            latencies = change_latencies(client, path, args.changes)
            lint_runs = [measure([*postmortem_command(), "lint", os.path.relpath(path, REPO)], REPO, env)
                         for _ in range(args.lint_runs)]
            failed = [run for run in lint_runs if run["returncode"] not in (0, 1)]
            if failed:
                raise SystemExit(f"postmortem lint {path} failed ({failed[0]['returncode']}):\n{failed[0]['stderr']}")
            lint_median = statistics.median(run["wall"] for run in lint_runs)
            server_median = statistics.median(latencies)
            per_file.append({"file": os.path.relpath(path, REPO), "changes": len(latencies),
                             "server_median_ms": round(server_median * 1000, 1), "server_p95_ms": round(p95(latencies) * 1000, 1),
                             "lint_median_ms": round(lint_median * 1000, 1), "ratio": round(server_median / lint_median, 3)})
            all_latencies.extend(latencies)
    lint_overall = statistics.median(item["lint_median_ms"] for item in per_file) / 1000
    return {
        "when": now(), "cores": cores(), "python": sys.version.split()[0], "pygls": package_version("pygls"),
        "debounce_ms": args.debounce_ms, "files": per_file,
        "during_scan": during_corpus_scan(args, env) if args.corpus_size else None,
        "overall": {"changes": len(all_latencies), "server_median_ms": round(statistics.median(all_latencies) * 1000, 1),
                    "server_p95_ms": round(p95(all_latencies) * 1000, 1), "server_max_ms": round(max(all_latencies) * 1000, 1),
                    "lint_median_ms": round(lint_overall * 1000, 1),
                    "ratio": round(statistics.median(all_latencies) / lint_overall, 3)},
    }


def during_corpus_scan(args, env: dict[str, str]) -> dict:
    """On a generated corpus of ``--corpus-size`` files: a file opened as soon as the server is
    initialized gets its findings before the background scan of the corpus is done (and again,
    with the corpus rules, after it). Times from writing the didOpen."""
    import generate_corpus
    from lsp_client import LspClient

    corpus = os.path.join(args.work_dir, f"corpus-{args.corpus_size}", "corpus")
    generate_corpus.generate(corpus, args.corpus_size, args.seed)
    root = os.path.join(args.work_dir, f"server-{args.corpus_size}")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, ".postmortem.toml"), "w", encoding="utf-8") as handle:
        handle.write(f"paths = [{os.path.relpath(corpus, root)!r}]\n")
    first = sorted(os.path.join(folder, name) for folder, _, names in os.walk(corpus) for name in names if name.endswith(".md"))[0]
    with LspClient(root, env=env) as client:
        client.initialize(root, {"debounceMs": 0})
        started = time.perf_counter()
        uri = client.open(first)
        published = client.diagnostics(uri, timeout=120)
        opened = next(m["_received"] for m in client.messages if m.get("params") is published)
        read = client.wait_for(lambda m: m.get("method") == "window/logMessage" and "corpus read" in m["params"]["message"], 600)
    return {"corpus_files": args.corpus_size, "first_diagnostics_ms": round((opened - started) * 1000, 1),
            "corpus_read_ms": round((read["_received"] - started) * 1000, 1)}


def evaluate(results: dict) -> list[dict]:
    overall = results["overall"]
    checks = [{"target": f"diagnostics within {int(TARGET_SECONDS * 1000)} ms of a change (p95, debounce "
                       f"{results['debounce_ms']} ms)", "value": f"{overall['server_p95_ms']} ms",
             "ok": overall["server_p95_ms"] <= TARGET_SECONDS * 1000 + results["debounce_ms"]}]
    scan = results.get("during_scan")
    if scan:
        checks.append({"target": f"an opened file's findings before the scan of {scan['corpus_files']} files ends",
                       "value": f"{scan['first_diagnostics_ms']} ms (scan done at {scan['corpus_read_ms']} ms)",
                       "ok": scan["first_diagnostics_ms"] < scan["corpus_read_ms"]})
    return checks


def print_summary(results: dict) -> None:
    print(f"{'file':<66} {'median':>8} {'p95':>8} {'lint':>8} {'ratio':>6}")
    for item in results["files"]:
        print(f"{item['file']:<66} {item['server_median_ms']:>6} ms {item['server_p95_ms']:>5} ms "
              f"{item['lint_median_ms']:>5} ms {item['ratio']:>6}")
    overall = results["overall"]
    print(f"\nall {overall['changes']} changes: median {overall['server_median_ms']} ms, p95 {overall['server_p95_ms']} ms, "
          f"max {overall['server_max_ms']} ms; `postmortem lint FILE` median {overall['lint_median_ms']} ms; "
          f"ratio {overall['ratio']}")
    scan = results.get("during_scan")
    if scan:
        print(f"opened at start-up, {scan['corpus_files']}-file corpus: findings at {scan['first_diagnostics_ms']} ms, "
              f"the corpus scan done at {scan['corpus_read_ms']} ms (from the didOpen, sent when initialize returned)")
    print_targets(results["targets"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 changes and 3 lint runs per file")
    parser.add_argument("--changes", type=int, default=None, help="changes per file (default 30; --quick: 5)")
    parser.add_argument("--lint-runs", type=int, default=None, help="`postmortem lint FILE` runs per file (default 5; --quick: 3)")
    parser.add_argument("--files", type=int, default=0, help="only the first N example postmortems (default: all)")
    parser.add_argument("--debounce-ms", type=float, default=0, help="the server's debounce (default 0: the check alone)")
    parser.add_argument("--corpus-size", type=int, default=None,
                        help="files of the generated corpus for the during-the-scan case (default 1000; --quick: 100; 0: skip it)")
    parser.add_argument("--seed", type=int, default=7, help="of the generated corpus")
    parser.add_argument("--work-dir", default=os.path.join(HERE, "out"))
    parser.add_argument("--out", default=None, help="JSON results (default WORK_DIR/server.json)")
    parser.add_argument("--sizes", "--repeat", "--defect-rate", dest="ignored", default=None,
                        help=argparse.SUPPRESS)  # run_all.py passes every script the same options
    args = parser.parse_args(argv)
    require_project_environment("pygls")
    args.changes = args.changes or (5 if args.quick else 30)
    args.lint_runs = args.lint_runs or (3 if args.quick else 5)
    args.corpus_size = (100 if args.quick else 1000) if args.corpus_size is None else args.corpus_size
    args.work_dir = os.path.abspath(args.work_dir)
    args.out = args.out or os.path.join(args.work_dir, "server.json")
    return conclude(run(args), evaluate, print_summary, args.out)


if __name__ == "__main__":
    sys.exit(main())
