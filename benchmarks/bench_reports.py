#!/usr/bin/env python3
"""Benchmark the pattern reports and related incidents against the parse floor, in one run.

    python benchmarks/bench_reports.py                  # 1,000 and 10,000 postmortems (~5 min)
    python benchmarks/bench_reports.py --quick          # 100 and 300, one run

For each size (corpora from ``generate_corpus.py``, shared with the other benchmarks) it runs,
as separate processes and interleaved:

- the parse floor on all cores (``parse_floor.py``: what reading the corpus at least costs);
- ``postmortem report DIR --format json`` (every report: recurring causes, repeats, detection,
  response times, action items, the quarterly review);
- ``postmortem report DIR --format json --related`` (the same, plus each incident's most
  similar earlier incidents: TF-IDF over summary and root cause, blocked by shared terms, no
  all-pairs loop).

It reports wall time and peak memory, the ratio of each to the floor, the cost of the related
incidents (the difference), and the growth from the smallest to the largest size (linear:
the ratio of the sizes). Results: stdout and ``benchmarks/out/reports.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_corpus  # noqa: E402
from common import (add_common_arguments, child_env, conclude, cores, now, package_version, postmortem_command,  # noqa: E402
                    print_targets, resolve_common_arguments, run_interleaved, summarize)

GROWTH_SLACK = 1.1  # at most 1.1x the growth of the corpus (10x the files: 11x the time)
RELATED_VS_FLOOR = 1.2  # at most, report --related against the parse floor, wall and CPU


def bench_size(size: int, args, env: dict[str, str]) -> dict:
    corpus = os.path.join(args.work_dir, f"corpus-{size}", "corpus")
    generate_corpus.generate(corpus, size, args.seed, args.defect_rate)
    report = postmortem_command() + ["report", corpus, "--format", "json", "--today", generate_corpus.JUDGED_AT_TEXT]
    output = os.path.join(args.work_dir, f"report-{size}.json")
    commands = {
        "floor": [sys.executable, os.path.join(HERE, "parse_floor.py"), corpus, "--jobs", str(cores())],
        "report": report + ["--output-file", output],
        "report_related": report + ["--related", "--output-file", output],
    }
    runs = run_interleaved(commands, args.repeat, env, f"{size} postmortems")
    out: dict = {"postmortems": size, **{name: summarize(results) for name, results in runs.items()}}
    floor = out["floor"]["seconds"]
    out["report_vs_floor"] = round(out["report"]["seconds"] / floor, 2)
    out["related_vs_floor"] = round(out["report_related"]["seconds"] / floor, 2)
    out["related_extra_seconds"] = round(out["report_related"]["seconds"] - out["report"]["seconds"], 2)
    floor_cpu = out["floor"]["cpu_seconds"]
    out["report_vs_floor_cpu"] = round(out["report"]["cpu_seconds"] / floor_cpu, 2)
    out["related_vs_floor_cpu"] = round(out["report_related"]["cpu_seconds"] / floor_cpu, 2)
    with open(output, encoding="utf-8") as handle:
        data = json.load(handle)
    out["check"] = {"incidents": len(data.get("incidents", [])) if isinstance(data.get("incidents"), list) else None,
                    "with_related": sum(1 for entries in (data.get("related") or {}).values() if entries)}
    return out


def evaluate(results: dict) -> list[dict]:
    sizes = sorted(results["sizes"], key=int)
    checks = []
    for size in sizes:
        data = results["sizes"][size]
        for key, kind in (("related_vs_floor", "wall"), ("related_vs_floor_cpu", "CPU")):
            checks.append({"target": f"report --related within {RELATED_VS_FLOOR}x of the parse floor ({kind}, {size})",
                           "value": data[key], "ok": data[key] <= RELATED_VS_FLOOR})
    if len(sizes) > 1:
        small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        factor = int(sizes[-1]) / int(sizes[0])
        for name in ("report", "report_related"):
            growth = round(large[name]["seconds"] / small[name]["seconds"], 2)
            results.setdefault("growth", {})[name] = growth
            checks.append({"target": f"{name.replace('_', ' --')}: {sizes[-1]} postmortems in at most "
                                     f"{factor * GROWTH_SLACK:.0f}x the time of {sizes[0]}",
                           "value": growth, "ok": growth <= factor * GROWTH_SLACK})
    return checks


def print_summary(results: dict) -> None:
    print(f"\npattern report benchmark: Python {results['environment']['python']}, {results['environment']['cores']} cores")
    for size, data in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        print(f"\n{int(size):,} postmortems, median of {len(data['report']['runs'])}:")
        for name, label in (("floor", "parse floor, all cores"), ("report", "postmortem report"),
                            ("report_related", "postmortem report --related")):
            row = data[name]
            print(f"  {label:30s} {row['seconds']:8.2f} s (cpu {row['cpu_seconds']:.2f} s)  peak {row['peak_rss_mb']:5.0f} MB")
        print(f"  report / floor: {data['report_vs_floor']}x wall, {data['report_vs_floor_cpu']}x cpu;  with related incidents: "
              f"{data['related_vs_floor']}x wall, {data['related_vs_floor_cpu']}x cpu "
              f"(related incidents: {data['related_extra_seconds']} s; {data['check']['with_related']} incidents have some)")
    print_targets(results["targets"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "reports.json")
    args = parser.parse_args(argv)
    resolve_common_arguments(args)
    env = child_env(args.work_dir)
    results: dict = {"benchmark": "reports", "date": now(), "environment": {
        "python": sys.version.split()[0], "cores": cores(), "postmortem-kit": package_version("postmortem-kit")},
        "settings": {"sizes": args.sizes, "repeat": args.repeat, "seed": args.seed}, "sizes": {}}
    for size in args.sizes:
        print(f"reports on {size} postmortems ...", file=sys.stderr, flush=True)
        results["sizes"][str(size)] = bench_size(size, args, env)
    return conclude(results, evaluate, print_summary, args.out)


if __name__ == "__main__":
    sys.exit(main())
