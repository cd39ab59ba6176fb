#!/usr/bin/env python3
"""Fuzz the linter with fresh randomness: mutated example postmortems, for N minutes or N files.

    .venv/bin/python benchmarks/fuzz.py --minutes 10
    .venv/bin/python benchmarks/fuzz.py --count 50000 --jobs 2 --seed 1234

The Hypothesis tests run derandomized in CI (the same examples every run); this keeps exploring.
Each file is one of the example postmortems mutated a few times: bytes flipped, hostile
snippets (the property tests' fragments) inserted, a line or snippet repeated up to ~1 MiB,
re-encoded (UTF-16, Latin-1, a BOM, CRLF). Each is linted in a worker process as the engine
lints a file (its per-file budget raised, so the cost is measured, not cut), and its findings
are encoded as the output formats do.

A failing case — a traceback, a rule's internal error, over ``--seconds`` (2) or over
``--megabytes`` (256) of memory — is saved under tests/fixtures/fuzz-regressions/ (its bytes gzip-compressed,
named by their hash, and a ``.txt`` saying why), where tests/test_fuzz_regressions.py replays
it. Prints the count, failures, the slowest files and the maximum time and memory.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path[:0] = [REPO, os.path.join(REPO, "tests")]

REGRESSIONS = os.path.join(REPO, "tests", "fixtures", "fuzz-regressions")
NAME = "postmortems/2026-04-07-fuzzed.md"
MAX_BYTES = 1024 * 1024 + 4096  # past the 1 MiB limit sometimes, to exercise the refusal


def examples() -> list[bytes]:
    found = []
    for folder in ("postmortems", os.path.join("tests", "fixtures", "clean")):
        for directory, _, names in os.walk(os.path.join(REPO, folder)):
            found += [os.path.join(directory, name) for name in sorted(names) if name.endswith(".md")]
    return [open(path, "rb").read() for path in sorted(found)]


def snippets() -> list[str]:
    from test_properties import FRAGMENTS  # the property tests' hostile YAML, Markdown, HTML and odd text

    return FRAGMENTS + ["human error", "should have caught it", "@bob forgot to", "not \"human error\"", "lorem ipsum ",
                        "investigate ", "- 03:15 UTC — x — @a", "| a | @b | 2026-04-14 | P1 | open |", "&#xD800;", "\\ud800"]


def mutate(data: bytes, rng: random.Random, pieces: list[str]) -> bytes:
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["flip", "insert", "insert", "repeat", "delete", "encoding"])
        at = rng.randrange(len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + rng.choice(pieces).encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "repeat":
            start = data.rfind(b"\n", 0, at) + 1
            unit = data[start:data.find(b"\n", at) + 1 or len(data)] if rng.random() < 0.5 else rng.choice(pieces).encode()
            unit = unit or b"x"
            times = min(rng.choice([10, 100, 1000, 10_000, 100_000]), MAX_BYTES // len(unit))
            separator = rng.choice([b"", b" ", b"\n", b"\n\n"])
            data = data[:start] + (unit + separator) * times + data[start:]
        elif kind == "delete":
            data = data[:at] + data[at + rng.randrange(1, 200):]
        elif kind == "encoding":
            text = data.decode("utf-8", "replace")
            data = rng.choice([lambda: text.encode("utf-16"), lambda: text.encode("latin-1", "replace"),
                               lambda: b"\xef\xbb\xbf" + data, lambda: data.replace(b"\n", b"\r\n")])()
        data = data[:MAX_BYTES]
    return data


_LINTER = None


def _linter():
    global _LINTER
    if _LINTER is None:
        from linter.budget import FileBudget
        from linter.config import Config
        from linter.engine import Linter

        config = Config()
        config.file_budget = FileBudget(seconds=60, megabytes=4096)  # measure the cost, don't cut it
        _LINTER = Linter(config)
    return _LINTER


def lint_one(data: bytes) -> dict:
    """Lint one file's bytes in this (worker) process: cost, findings, or the traceback."""
    import tempfile

    from linter.files import SourceFile

    linter = _linter()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "2026-04-07-fuzzed.md")
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            result = linter.lint_file(SourceFile(path, NAME))
            findings = linter.finish([result], [])
            for finding in findings:  # what the output formats do with them
                json.dumps(finding.as_dict(), ensure_ascii=False).encode("utf-8")
            return {"seconds": result.seconds, "bytes": result.memory_growth, "errors": result.internal_errors,
                    "codes": sorted({finding.code for finding in findings})}
        except BaseException:  # noqa: BLE001 - a traceback is what the fuzzer looks for
            return {"seconds": 0.0, "bytes": 0, "errors": [traceback.format_exc()], "codes": []}


def save(data: bytes, reason: str) -> str:
    os.makedirs(REGRESSIONS, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    # Compressed: a failing case is often a line repeated up to a megabyte (mtime 0: the same
    # bytes each time the same case is saved).
    with open(os.path.join(REGRESSIONS, digest + ".md.gz"), "wb") as handle:
        handle.write(gzip.compress(data, mtime=0))
    with open(os.path.join(REGRESSIONS, digest + ".txt"), "w", encoding="utf-8") as handle:
        handle.write(reason.rstrip() + "\n")
    return digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long")
    parser.add_argument("--count", type=int, default=0, help="stop after this many files (default: 1,000 without --minutes)")
    parser.add_argument("--seed", type=int, default=None, help="default: fresh randomness (printed, to replay a run)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=2.0, help="a file slower than this is a failure")
    parser.add_argument("--megabytes", type=float, default=256.0, help="a file that adds more memory is a failure")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    count = args.count or (0 if args.minutes else 1000)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    originals, pieces = examples(), snippets()
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else float("inf")
    print(f"fuzz: seed {seed}, {len(originals)} example postmortems, {len(pieces)} snippets", flush=True)

    done = failures = tracebacks = 0
    slowest: list[tuple[float, int, str]] = []
    max_seconds = max_bytes = 0.0
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        while (not count or done < count) and time.monotonic() < deadline:
            batch = [mutate(rng.choice(originals), rng, pieces) for _ in range(min(50 * args.jobs, (count - done) if count else 50 * args.jobs))]
            for data, outcome in zip(batch, pool.map(lint_one, batch)):
                done += 1
                max_seconds, max_bytes = max(max_seconds, outcome["seconds"]), max(max_bytes, outcome["bytes"])
                slowest = sorted(slowest + [(outcome["seconds"], len(data), hashlib.sha1(data).hexdigest()[:12])])[-5:]
                reason = None
                if outcome["errors"]:
                    tracebacks += 1
                    reason = "traceback or internal error:\n" + "\n".join(outcome["errors"])
                elif outcome["seconds"] > args.seconds:
                    reason = f"took {outcome['seconds']:.2f} s (limit {args.seconds:g} s); findings {outcome['codes']}"
                elif outcome["bytes"] > args.megabytes * 1048576:
                    reason = f"added {outcome['bytes'] / 1048576:.0f} MB (limit {args.megabytes:g} MB)"
                if reason:
                    failures += 1
                    print(f"FAIL {save(data, reason)}: {reason.splitlines()[0]}", flush=True)
            if done % 1000 < len(batch):
                print(f"  {done} files, {failures} failing, max {max_seconds:.2f} s, {max_bytes / 1048576:.0f} MB, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
    figures = {"seed": seed, "files": done, "failures": failures, "tracebacks": tracebacks,
               "max_seconds": round(max_seconds, 3), "max_megabytes": round(max_bytes / 1048576, 1),
               "slowest": [{"seconds": round(s, 3), "size": size, "sha1": digest} for s, size, digest in reversed(slowest)],
               "wall_seconds": round(time.monotonic() - started)}
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
