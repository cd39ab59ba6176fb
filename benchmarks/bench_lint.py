#!/usr/bin/env python3
"""Benchmark the linter against the parse floor, in one run, on generated corpora.

    python benchmarks/bench_lint.py                    # 1,000 and 10,000 files (about 10 minutes)
    python benchmarks/bench_lint.py --sizes 1000       # one size
    python benchmarks/bench_lint.py --quick            # small sizes, one repetition (seconds)

For each size it generates a corpus (``generate_corpus.py``, cached under ``--work-dir``) and
measures, as separate processes and interleaved so that machine noise hits all alike:

- the parse floor (``parse_floor.py``: read + PyYAML C loader + markdown-it-py with tables),
  in one process and on all cores;
- ``postmortem lint DIR --jobs 1`` and ``postmortem lint DIR`` (all cores, the default);
- markdownlint-cli2 on the same files, when npm can install it (else a note says why not).

Times are wall-clock medians (CPU time is reported too: it is less disturbed by other load).
Ratios are ``lint time / floor time``: 1.25 means the linter costs 25% more than parsing alone.
The corpus runs have the lint cache off (``linter.disk_cache``): they measure the whole work.
Then: ``postmortem lint ONE.md`` wall time including interpreter start-up (median of N), with
the lint cache on and empty as on a fresh CI runner, against ``python -c pass``, and the peak memory of linting the largest corpus. With ``--instructions N``,
also the instructions per file (valgrind) of floor and lint on N files: a noise-free ratio for
comparing versions. Results go to stdout and
to ``--out`` (default ``benchmarks/out/lint.json``). Every child runs with a warm bytecode cache
(``PYTHONPYCACHEPREFIX`` under the work directory), as an installed package would.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_corpus  # noqa: E402
import parse_floor  # noqa: E402
from common import REPO, add_common_arguments, conclude, crashed, count_instructions, resolve_common_arguments, child_env, cores, measure, median, now, package_version, postmortem_command, print_targets  # noqa: E402

TODAY = ("--today", generate_corpus.JUDGED_AT_TEXT)  # time-bound rules judged as the corpus was written

TARGETS = {
    "lint_vs_floor_single": 1.25,  # at most, single process
    "lint_vs_markdownlint": 5.0,  # at least, throughput ratio with all cores
    "one_file_seconds": 0.3,  # at most, wall time including start-up
    "peak_rss_mb": 500.0,  # at most, linting the largest corpus
}


# --- markdownlint-cli2 ----------------------------------------------------------------------

def markdownlint_command(work_dir: str, install: bool) -> tuple[list[str] | None, str]:
    """``(command, note)``: the markdownlint-cli2 binary, installed from npm if needed."""
    prefix = os.path.join(work_dir, "npm")
    binary = os.path.join(prefix, "node_modules", ".bin", "markdownlint-cli2")
    if os.path.isfile(binary):
        return [binary], "markdownlint-cli2 from " + prefix
    if not install:
        return None, "skipped (--quick: not installed)"
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        return None, "skipped: node/npm not installed"
    try:
        completed = subprocess.run([npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "markdownlint-cli2"],
                                   capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"skipped: npm install failed ({error})"
    if completed.returncode != 0 or not os.path.isfile(binary):
        return None, "skipped: npm install markdownlint-cli2 failed: " + (completed.stderr.strip().splitlines() or ["?"])[-1]
    return [binary], "markdownlint-cli2 installed from the npm registry into " + prefix


def markdownlint_version(command: list[str]) -> str | None:
    package = os.path.join(os.path.dirname(os.path.dirname(command[0])), "markdownlint-cli2", "package.json")
    try:
        with open(package, encoding="utf-8") as handle:
            return json.load(handle).get("version")
    except (OSError, ValueError):
        return None


# --- checking that the linter did its work --------------------------------------------------

def verify(report_path: str, manifest: dict, corpus: str) -> dict:
    """Injected defects found, and findings on files generated clean (should be none)."""
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    found: dict[str, set[str]] = defaultdict(set)
    for finding in report["findings"]:  # paths are shown relative to the linter's cwd (REPO)
        if finding["severity"] == "note":
            continue  # for reviewers (a repeat of an earlier incident), never a defect
        relative = os.path.relpath(os.path.join(REPO, finding["path"]), corpus).replace(os.sep, "/")
        found[relative].add(finding["code"])
    expected = missed = clean_with_findings = 0
    for relative, codes in manifest["files"].items():
        got = found.get(relative, set())
        expected += len(codes)
        missed += sum(1 for code in codes if code not in got)
        clean_with_findings += bool(not codes and got)
    return {"files_linted": report["files"], "findings": len(report["findings"]), "defects_injected": expected,
            "defects_found": expected - missed, "clean_files_with_findings": clean_with_findings}


# --- the benchmark --------------------------------------------------------------------------

def bench_size(size: int, args, env: dict[str, str], markdownlint: list[str] | None, last: bool) -> dict:
    corpus = os.path.join(args.work_dir, f"corpus-{size}", "corpus")
    manifest = generate_corpus.generate(corpus, size, args.seed, args.defect_rate)
    jobs = args.jobs
    lint = postmortem_command()
    report = os.path.join(args.work_dir, f"lint-{size}.json")
    commands = {
        "floor_single": [sys.executable, os.path.join(HERE, "parse_floor.py"), corpus, "--jobs", "1"],
        "lint_single": lint + ["lint", corpus, "--jobs", "1", "--format", "json", "--output-file", report, *TODAY],
        "floor_all": [sys.executable, os.path.join(HERE, "parse_floor.py"), corpus, "--jobs", str(jobs)],
        "lint_all": lint + ["lint", corpus, "--format", "json", "--output-file", report, *TODAY],  # default: all cores
    }
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            # --quick samples memory in the timed run instead of a run of its own
            if os.path.exists(report):
                os.remove(report)  # verify() must read this run's report, not an earlier one's
            result = measure(command, REPO, env, sample_memory=args.quick and last and name == "lint_all")
            allowed = (0, 1) if name.startswith("lint") else (0,)  # lint exits 1 on findings
            if result["returncode"] not in allowed or crashed(result) or (name.startswith("lint") and not os.path.exists(report)):
                raise SystemExit(f"{name} failed ({result['returncode']}): {' '.join(command)}\n{result['stderr']}")
            runs[name].append(result)
    out: dict = {"files": size, "megabytes": round(manifest["bytes"] / 1e6, 1), "jobs": jobs}
    for name, results in runs.items():
        wall, cpu = median(results, "wall"), median(results, "cpu")
        out[name] = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "files_per_second": round(size / wall, 1),
                     "runs": [round(r["wall"], 3) for r in results]}
    floor = out["floor_single"]
    out["ratio_single"] = round(out["lint_single"]["seconds"] / floor["seconds"], 3)
    out["ratio_single_cpu"] = round(out["lint_single"]["cpu_seconds"] / floor["cpu_seconds"], 3)
    out["ratio_all_vs_floor_single"] = round(out["lint_all"]["seconds"] / floor["seconds"], 3)
    out["ratio_all_vs_floor_all"] = round(out["lint_all"]["seconds"] / out["floor_all"]["seconds"], 3)
    out["speedup_all_cores"] = round(out["lint_single"]["seconds"] / out["lint_all"]["seconds"], 2)
    out["peak_rss_single_mb"] = round(max(r["maxrss_kb"] for r in runs["lint_single"]) / 1024, 1)
    out["check"] = verify(report, manifest, corpus)
    if last:
        sampled = runs["lint_all"][-1] if args.quick else measure(commands["lint_all"], REPO, env, sample_memory=True)
        out["peak_rss_all_cores_mb"] = round((sampled["tree_peak_kb"] or sampled["maxrss_kb"]) / 1024, 1)
        out["peak_rss_all_cores_how"] = "sum over the process tree, sampled every 50 ms" if sampled["tree_peak_kb"] else "largest single process"
    if markdownlint:
        result = measure(markdownlint + ["**/*.md"], corpus, env)
        out["markdownlint"] = {"seconds": round(result["wall"], 3), "files_per_second": round(size / result["wall"], 1),
                               "returncode": result["returncode"]}
        out["lint_all_vs_markdownlint_throughput"] = round(result["wall"] / out["lint_all"]["seconds"], 2)
        out["lint_single_vs_markdownlint_throughput"] = round(result["wall"] / out["lint_single"]["seconds"], 2)
    return out


def bench_one_file(args, env: dict[str, str], corpus_size: int, markdownlint: list[str] | None) -> dict:
    """The pull-request gate's case: one clean file, start-up included, against ``python -c pass``
    and markdownlint-cli2 on the same file, the three interleaved so a load hits each alike."""
    corpus = os.path.join(args.work_dir, f"corpus-{corpus_size}", "corpus")
    manifest = generate_corpus.generate(corpus, corpus_size, args.seed, args.defect_rate)
    # A clean file that refers to no other (alone, a `related` id would be reported unknown).
    chosen = None
    for relative, codes in sorted(manifest["files"].items()):
        path = os.path.join(corpus, relative)
        if not codes:
            with open(path, encoding="utf-8") as handle:
                if "\nrelated:" not in handle.read():
                    chosen = path
                    break
    chosen = chosen or os.path.join(corpus, sorted(manifest["files"])[0])
    # As a fresh CI runner gates a pull request: the lint cache on (the default) and empty, so
    # the run pays for its import and for writing the entry (a new folder per run; the shell and
    # mktemp are counted against us).
    scratch = os.path.join(args.work_dir, "gate-caches")
    os.makedirs(scratch, exist_ok=True)
    fresh_cache = ["sh", "-c", f'POSTMORTEM_NO_CACHE=0 POSTMORTEM_CACHE_DIR="$(mktemp -d -p {scratch})" exec "$@"', "sh"]
    commands = {"lint": fresh_cache + postmortem_command() + ["lint", chosen, *TODAY], "startup": [sys.executable, "-c", "pass"]}
    if markdownlint:
        commands["markdownlint"] = markdownlint + [chosen]
    for _ in range(0 if args.quick else 2):  # warm the bytecode and file caches (--quick: the runs before did)
        for command in commands.values():
            measure(command, REPO, env)
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(args.one_file_runs):
        for name, command in commands.items():
            runs[name].append(measure(command, REPO, env))
    failed = next((run for run in runs["lint"] if run["returncode"] not in (0, 1) or crashed(run)), None)
    if failed:
        raise SystemExit(f"one-file lint failed ({failed['returncode']}): {' '.join(commands['lint'])}\n{failed['stderr']}")
    wall = {name: median(found, "wall") for name, found in runs.items()}
    cpu = {name: median(found, "cpu") for name, found in runs.items()}
    lint = commands["lint"][len(fresh_cache):]
    shutil.rmtree(scratch, ignore_errors=True)
    out = {"command": " ".join(os.path.basename(part) if i == 0 else part for i, part in enumerate(lint[:2])) + " ONE.md",
           "runs": args.one_file_runs, "seconds": round(wall["lint"], 3), "cpu_seconds": round(cpu["lint"], 3),
           "python_startup_seconds": round(wall["startup"], 3),
           "over_startup_seconds": round(wall["lint"] - wall["startup"], 3),
           "ratio_to_startup": round(wall["lint"] / wall["startup"], 2),
           "exit_code": runs["lint"][-1]["returncode"]}
    if markdownlint:
        out.update({"markdownlint_seconds": round(wall["markdownlint"], 3), "markdownlint_cpu_seconds": round(cpu["markdownlint"], 3),
                    "ratio_to_markdownlint": round(wall["lint"] / wall["markdownlint"], 2),
                    "cpu_ratio_to_markdownlint": round(cpu["lint"] / cpu["markdownlint"], 2)})
    return out


def bench_instructions(args, env: dict[str, str], corpus_size: int) -> dict | None:
    """Instructions per file of the floor and of ``lint --jobs 1`` on the first ``--instructions``
    files of the corpus, start-up removed (each command also runs on one file): a ratio that
    machine noise cannot move, for comparing two versions of the linter."""
    corpus = os.path.join(args.work_dir, f"corpus-{corpus_size}", "corpus")
    generate_corpus.generate(corpus, corpus_size, args.seed, args.defect_rate)
    chosen = parse_floor.discover(corpus)[:args.instructions]
    counts = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, files in (("many", chosen), ("one", chosen[:1])):
            folder = os.path.join(scratch, name)
            os.makedirs(folder)
            for index, path in enumerate(files):
                shutil.copyfile(path, os.path.join(folder, f"{index:05d}-{os.path.basename(path)}"))
            for tool, command in (("floor", [sys.executable, os.path.join(HERE, "parse_floor.py"), folder]),
                                  ("lint", postmortem_command() + ["lint", folder, "--jobs", "1"])):
                # Once without counting: a changed module is compiled (and its bytecode cached)
                # by the first run, which would otherwise count the compiler's instructions.
                subprocess.run(command, cwd=REPO, env=env, capture_output=True)
                counts[tool, name] = count_instructions(command, REPO, env)
    if None in counts.values():
        return None
    per_file = {tool: (counts[tool, "many"] - counts[tool, "one"]) / (len(chosen) - 1) for tool in ("floor", "lint")}
    return {"files": len(chosen), "floor_per_file": round(per_file["floor"]), "lint_per_file": round(per_file["lint"]),
            "ratio": round(per_file["lint"] / per_file["floor"], 3),
            "startup_floor": counts["floor", "one"], "startup_lint": counts["lint", "one"]}


def environment() -> dict:
    try:
        import yaml

        libyaml = bool(getattr(yaml, "__with_libyaml__", False))
    except ImportError:
        libyaml = False
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "cores": cores(), "markdown-it-py": package_version("markdown-it-py"),
            "PyYAML": package_version("PyYAML"), "libyaml": libyaml, "jsonschema": package_version("jsonschema"),
            "postmortem-kit": package_version("postmortem-kit"), "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def evaluate(results: dict) -> list[dict]:
    """Each target with the measured value and whether it is met (reported, never asserted)."""
    checks = []
    for size, data in results["sizes"].items():
        checks.append({"target": f"lint --jobs 1 within {TARGETS['lint_vs_floor_single']}x of the parse floor ({size} files)",
                       "value": data["ratio_single"], "ok": data["ratio_single"] <= TARGETS["lint_vs_floor_single"]})
        if "lint_all_vs_markdownlint_throughput" in data:
            value = data["lint_all_vs_markdownlint_throughput"]
            checks.append({"target": f"at least {TARGETS['lint_vs_markdownlint']}x markdownlint-cli2's throughput ({size} files)",
                           "value": value, "ok": value >= TARGETS["lint_vs_markdownlint"]})
        if data["jobs"] > 1 and int(size) >= 1000:
            checks.append({"target": f"all {data['jobs']} cores used by default: faster than --jobs 1 ({size} files)",
                           "value": data["speedup_all_cores"], "ok": data["speedup_all_cores"] > 1.2})
    one = results.get("one_file")
    if one:
        checks.append({"target": f"one-file lint <= {TARGETS['one_file_seconds']} s including start-up",
                       "value": one["seconds"], "ok": one["seconds"] <= TARGETS["one_file_seconds"]})
        if "ratio_to_markdownlint" in one:
            checks.append({"target": "one-file lint no slower than markdownlint-cli2 on the same file (wall)",
                           "value": one["ratio_to_markdownlint"], "ok": one["ratio_to_markdownlint"] <= 1.0})
    largest = results["sizes"][max(results["sizes"], key=int)] if results["sizes"] else None
    if largest:
        peak = max(largest["peak_rss_single_mb"], largest.get("peak_rss_all_cores_mb", 0))
        checks.append({"target": f"peak RSS < {TARGETS['peak_rss_mb']:.0f} MB linting {largest['files']} files",
                       "value": peak, "ok": peak < TARGETS["peak_rss_mb"]})
    return checks


def print_summary(results: dict) -> None:
    print(f"\npostmortem lint benchmark: Python {results['environment']['python']}, {results['environment']['cores']} cores, "
          f"markdown-it-py {results['environment']['markdown-it-py']}, PyYAML {results['environment']['PyYAML']} (libyaml: {results['environment']['libyaml']})")
    for size, data in results["sizes"].items():
        print(f"\n{int(size):,} files ({data['megabytes']} MB), median of {len(data['lint_single']['runs'])}:")
        for name, label in (("floor_single", "parse floor, 1 process"), ("lint_single", "lint --jobs 1"),
                            ("floor_all", f"parse floor, {data['jobs']} processes"), ("lint_all", "lint (default: all cores)")):
            row = data[name]
            print(f"  {label:34s} {row['seconds']:8.2f} s  {row['files_per_second']:8.1f} files/s  (cpu {row['cpu_seconds']:.2f} s)")
        if "markdownlint" in data:
            row = data["markdownlint"]
            print(f"  {'markdownlint-cli2':34s} {row['seconds']:8.2f} s  {row['files_per_second']:8.1f} files/s")
        print(f"  lint --jobs 1 / floor: {data['ratio_single']:.2f}x wall, {data['ratio_single_cpu']:.2f}x cpu;  "
              f"lint all cores / floor on all cores: {data['ratio_all_vs_floor_all']:.2f}x;  speed-up from all cores: {data['speedup_all_cores']:.2f}x")
        if "lint_all_vs_markdownlint_throughput" in data:
            print(f"  throughput vs markdownlint-cli2: {data['lint_all_vs_markdownlint_throughput']:.1f}x (all cores), "
                  f"{data['lint_single_vs_markdownlint_throughput']:.1f}x (one process)")
        memory = f"  peak RSS: {data['peak_rss_single_mb']:.0f} MB (--jobs 1)"
        if "peak_rss_all_cores_mb" in data:
            memory += f", {data['peak_rss_all_cores_mb']:.0f} MB all cores ({data['peak_rss_all_cores_how']})"
        print(memory)
        check = data["check"]
        print(f"  check: {check['defects_found']}/{check['defects_injected']} injected defects reported, "
              f"{check['clean_files_with_findings']} clean files with findings")
    if results.get("markdownlint_note"):
        print(f"\nmarkdownlint-cli2: {results['markdownlint_note']}")
    one = results.get("one_file")
    if one:
        print(f"\none file ({one['command']}): {one['seconds']:.3f} s wall (median of {one['runs']}), "
              f"python -c pass: {one['python_startup_seconds']:.3f} s ({one['ratio_to_startup']:.1f}x), difference {one['over_startup_seconds']:.3f} s")
        if "ratio_to_markdownlint" in one:
            print(f"  markdownlint-cli2 on the same file: {one['markdownlint_seconds']:.3f} s wall, {one['markdownlint_cpu_seconds']:.3f} s cpu; "
                  f"lint / markdownlint-cli2: {one['ratio_to_markdownlint']:.2f}x wall, {one['cpu_ratio_to_markdownlint']:.2f}x cpu")
    counted = results.get("instructions")
    if counted:
        print(f"\ninstructions per file ({counted['files']} files, valgrind): floor {counted['floor_per_file'] / 1e6:.1f} M, "
              f"lint --jobs 1 {counted['lint_per_file'] / 1e6:.1f} M: {counted['ratio']:.2f}x (noise-free; not the timed target)")
    elif "instructions" in results:
        print("\ninstructions: not counted (valgrind is not installed)")
    print_targets(results["targets"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "lint.json")
    parser.add_argument("--one-file-runs", type=int, default=None, help="runs of the one-file case (default 20; --quick: 3)")
    parser.add_argument("--jobs", type=int, default=0, help="cores for the all-cores floor (default: all)")
    parser.add_argument("--no-markdownlint", action="store_true", help="do not install or run markdownlint-cli2")
    parser.add_argument("--instructions", type=int, default=0, metavar="FILES",
                        help="also count instructions (valgrind) of floor and lint on this many files: noise-free")
    args = parser.parse_args(argv)
    resolve_common_arguments(args)
    args.one_file_runs = args.one_file_runs or (3 if args.quick else 20)
    args.jobs = args.jobs or environment()["cores"]
    os.makedirs(args.work_dir, exist_ok=True)
    env = child_env(args.work_dir)

    if args.no_markdownlint:
        markdownlint, note = None, "skipped (--no-markdownlint)"
    else:
        markdownlint, note = markdownlint_command(args.work_dir, install=not args.quick)
    results: dict = {"benchmark": "lint", "date": now(),
                     "environment": environment(), "settings": {"sizes": args.sizes, "repeat": args.repeat,
                     "seed": args.seed, "defect_rate": args.defect_rate, "jobs": args.jobs, "command": postmortem_command()},
                     "markdownlint_note": note, "sizes": {}}
    if markdownlint:
        results["markdownlint_version"] = markdownlint_version(markdownlint)
    for position, size in enumerate(sorted(args.sizes)):
        print(f"benchmarking {size} files ...", file=sys.stderr, flush=True)
        results["sizes"][str(size)] = bench_size(size, args, env, markdownlint, last=position == len(args.sizes) - 1)
    print("benchmarking one-file lint ...", file=sys.stderr, flush=True)
    results["one_file"] = bench_one_file(args, env, min(args.sizes), markdownlint)
    if args.instructions > 1:
        print(f"counting instructions on {args.instructions} files (valgrind) ...", file=sys.stderr, flush=True)
        results["instructions"] = bench_instructions(args, env, min(args.sizes))
    return conclude(results, evaluate, print_summary, args.out)


if __name__ == "__main__":
    sys.exit(main())
