"""What every benchmark script shares: running a child process and measuring it, the machine.

Each benchmark runs what it measures as a separate process (as users run it), with a warm
bytecode cache, and reports ratios against a baseline measured in the same run.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def child_env(work_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: compiled bytecode cached
    env["PYTHONPYCACHEPREFIX"] = os.path.join(work_dir, "pycache")
    env.pop("GITHUB_ACTIONS", None)
    # The lint cache off: each run does the whole work (a benchmark that measures the cache
    # turns it on for its own runs, in a folder of its own).
    env["POSTMORTEM_NO_CACHE"] = "1"
    env["POSTMORTEM_CACHE_DIR"] = os.path.join(work_dir, "lint-cache")
    return env


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in KiB."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as handle:
                stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], cwd: str, env: dict[str, str], sample_memory: bool = False) -> dict:
    """Run a command; wall time, CPU time and peak RSS of the child (and of its process tree)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    done = threading.Event()

    def sampler() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss_kb(process.pid))

    thread = threading.Thread(target=sampler, daemon=True) if sample_memory and os.path.isdir("/proc") else None
    if thread:
        thread.start()
    stderr = process.stderr.read() if process.stderr else b""
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        returncode = os.waitstatus_to_exitcode(status)
        process.returncode = returncode
        cpu = usage.ru_utime + usage.ru_stime
        maxrss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    else:  # pragma: no cover - not POSIX
        returncode = process.wait()
        cpu, maxrss_kb = float("nan"), 0
    wall = time.perf_counter() - start
    done.set()
    if thread:
        thread.join()
    return {"wall": wall, "cpu": cpu, "maxrss_kb": maxrss_kb, "tree_peak_kb": peak_tree or None,
            "returncode": returncode, "stderr": stderr.decode("utf-8", "replace")[-2000:]}


def postmortem_command() -> list[str]:
    """The installed console script next to this interpreter (what a venv or pre-commit runs)."""
    script = os.path.join(os.path.dirname(sys.executable), "postmortem")
    if os.path.isfile(script) and os.access(script, os.X_OK):
        return [script]
    found = shutil.which("postmortem")
    return [found] if found else [sys.executable, "-m", "linter"]


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def package_version(name: str) -> str | None:
    import importlib.metadata as metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def gzip_size(path: str) -> int:
    """Bytes on the wire when a static host serves the file gzip-compressed (level 6)."""
    with open(path, "rb") as handle:
        return len(gzip.compress(handle.read(), compresslevel=6))


def tree_size(directory: str) -> tuple[int, int]:
    """Total bytes and number of files under a directory."""
    total = count = 0
    for folder, _, names in os.walk(directory):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def write_json(path: str, data: dict) -> None:
    """Write results atomically (a half-written file never replaces the last good one)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.replace(handle.name, path)
    print(f"\nresults: {path}")


def add_common_arguments(parser, out_name: str, quick_sizes: str = "100,300", default_repeat: int = 3) -> None:
    """The options every benchmark takes: sizes, quick mode, repetitions, corpus, output."""
    parser.add_argument("--sizes", default=None, help=f"comma-separated corpus sizes (default 1000,10000; --quick: {quick_sizes})")
    parser.add_argument("--quick", action="store_true", help="small sizes, one repetition")
    parser.add_argument("--repeat", type=int, default=None, help=f"repetitions per measurement (default {default_repeat}; --quick: 1)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--defect-rate", type=float, default=0.15)
    parser.add_argument("--work-dir", default=os.path.join(HERE, "out"), help="corpora, caches and results (default benchmarks/out)")
    parser.add_argument("--out", default=None, help=f"JSON results (default WORK_DIR/{out_name})")
    parser.set_defaults(_out_name=out_name, _quick_sizes=quick_sizes, _default_repeat=default_repeat)


def require_project_environment(*extra_modules: str) -> None:
    """Stop with a clear message unless this interpreter has the project's dependencies.

    Every child runs with this interpreter: without them the children fail at once, and
    failures that exit like findings (a traceback exits 1) would be timed as results.
    """
    missing = []
    for name in ("yaml", "markdown_it", "jsonschema", *extra_modules):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise SystemExit(f"{sys.executable} cannot import {', '.join(missing)}: run the benchmarks with the "
                         "project's environment (`make bench`, or `.venv/bin/python benchmarks/...` after `make setup`)")


def crashed(result: dict) -> bool:
    """A child that died of an uncaught exception (Python exits 1 then, as lint does on findings)."""
    return "Traceback (most recent call last)" in result["stderr"]


def resolve_common_arguments(args) -> None:
    """Fill in what depends on --quick; absolute paths."""
    require_project_environment()
    args.sizes = sorted(int(size) for size in (args.sizes or (args._quick_sizes if args.quick else "1000,10000")).split(",")
                        if size.strip())
    args.repeat = args.repeat or (1 if args.quick else args._default_repeat)
    args.work_dir = os.path.abspath(args.work_dir)
    args.out = args.out or os.path.join(args.work_dir, args._out_name)


def print_targets(checks: list[dict]) -> None:
    """Each target as ok or MISSED; ``ok`` None: measured at a size the target is not set for
    (the check's ``note`` says which)."""
    print("\ntargets:")
    for check in checks:
        verdict = {True: "ok", False: "MISSED", None: "not judged"}[check["ok"]]
        note = f" ({check['note']})" if check.get("note") else ""
        print(f"  [{verdict}] {check['target']}: {check['value']}{note}")


def conclude(results: dict, evaluate, print_summary, out: str) -> int:
    """Judge the targets (reported, never asserted), print, and write the JSON results."""
    results["targets"] = evaluate(results)
    print_summary(results)
    write_json(out, results)
    return 0


def run_interleaved(commands: dict[str, list[str]], repeat: int, env: dict[str, str], what: str,
                    exit_codes: dict[str, tuple[int, ...]] | None = None) -> dict[str, list[dict]]:
    """Each command ``repeat`` times, one after the other in turn, so that machine noise hits all
    alike; stops with the command's error output if one fails (exits with a code other than
    those ``exit_codes`` allows it: 0 by default; lint exits 1 on findings)."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            result = measure(command, REPO, env)
            if result["returncode"] not in (exit_codes or {}).get(name, (0,)) or crashed(result):
                raise SystemExit(f"{name} ({what}) failed ({result['returncode']}): {' '.join(command)}\n{result['stderr']}")
            runs[name].append(result)
    return runs


def summarize(results: list[dict], digits: int = 3) -> dict:
    """Median wall and CPU time, peak memory and every run's wall time."""
    return {"seconds": round(median(results, "wall"), digits), "cpu_seconds": round(median(results, "cpu"), digits),
            "peak_rss_mb": round(max(r["maxrss_kb"] for r in results) / 1024, 1),
            "runs": [round(r["wall"], digits) for r in results]}


def count_instructions(command: list[str], cwd: str, env: dict[str, str]) -> int | None:
    """Instructions a command executes, counted by valgrind's callgrind (None without valgrind).

    Unlike seconds, the count is the same on every run whatever else the machine is doing, so
    a small change shows even on a noisy machine. It is not time: a regex loop in C does more
    instructions per nanosecond than the interpreter does, so ratios of counts and of seconds differ.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        completed = subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", *command], cwd=cwd,
                                   env={**env, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"valgrind failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr[-2000:]}")
        for line in completed.stderr.splitlines():
            if "Collected :" in line:
                return int(line.rsplit(":", 1)[1].strip().replace(",", ""))
    return None


class _MkDocsSafeLoader(yaml.SafeLoader):
    """Safe loading of an mkdocs.yml: ``!ENV [NAME, default]`` becomes its default, as with NAME unset."""


def _env_default(loader, node):
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    return value[-1] if len(value) > 1 else None


_MkDocsSafeLoader.add_constructor("!ENV", _env_default)


def read_mkdocs_yml(path) -> dict:
    """A site configuration to edit and write back with ``yaml.safe_dump`` (environment tags
    resolved): the benchmarks' sites and the tests' start from the repository's mkdocs.yml."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_MkDocsSafeLoader)
