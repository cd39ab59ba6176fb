#!/usr/bin/env python3
"""Run every benchmark script in this folder (``bench_*.py``), one after the other.

    python benchmarks/run_all.py [--quick]

Each script prints its results and writes its own JSON under ``benchmarks/out/``. Arguments
given here (such as ``--quick``) are passed to every script. Exits non-zero if a script fails.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def scripts() -> list[str]:
    return sorted(glob.glob(os.path.join(HERE, "bench_*.py")))


def main(argv: list[str] | None = None) -> int:
    passed = list(sys.argv[1:] if argv is None else argv)
    failed = []
    for script in scripts():
        name = os.path.basename(script)
        print(f"\n=== {name} {' '.join(passed)}".rstrip(), flush=True)
        if subprocess.run([sys.executable, script, *passed]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
