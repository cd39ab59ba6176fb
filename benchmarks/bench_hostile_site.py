#!/usr/bin/env python3
"""What one hostile postmortem costs the site build: issue 24's inputs against a clean site.

    python benchmarks/bench_hostile_site.py [--repeat 3] [--quick]

Builds the same small site (the repository's mkdocs.yml, ``lint: warn``) with the clean
example postmortem alone, and with each hostile file added: an unclosed code fence followed by
16,000 ``[`` (the build took ~98 s before PM806), the same fence followed by 300 nested
list items (a ``RecursionError`` before), and 4,900 tags in one file (4,961 pages and 121 MB
before PM808). Each build is a child ``mkdocs build``; the figures are the CPU time of each
build as a ratio to the clean build, measured interleaved in the same run, and the pages and
bytes of the site. ``--sizes`` is accepted (as by every benchmark) and ignored.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

import common  # noqa: E402

FENCE = "Alert payload:\n\n```text\n{\"alert\": \"CheckoutCompletionLow\"}\n\n"
CASES = {
    "fence-then-bracket-flood": lambda postmortem: postmortem(1, extra=FENCE + "[" * 16_000 + "\n"),
    "fence-then-nested-list": lambda postmortem: postmortem(2, extra=FENCE + "".join("    " * d + "- x\n" for d in range(300))),
    "tag-flood": lambda postmortem: postmortem(3).replace("tags: [pricing, llm]", "tags: [" + ", ".join(f"sku-{n}" for n in range(4900)) + "]"),
}


def _project(root: str, extra: str | None, name: str) -> str:
    from test_site_hostile import postmortem, site_project

    if os.path.exists(root):
        shutil.rmtree(root)
    site_project(__import__("pathlib").Path(root), "warn")
    with open(os.path.join(root, "postmortems", "2026-04-07-clean.md"), "w", encoding="utf-8") as handle:
        handle.write(postmortem(0))
    if extra is not None:
        with open(os.path.join(root, "postmortems", f"2026-04-07-{name}.md"), "w", encoding="utf-8") as handle:
            handle.write(extra)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_common_arguments(parser, "hostile_site.json", quick_sizes="1", default_repeat=3)
    args = parser.parse_args(argv)
    common.resolve_common_arguments(args)
    common.require_project_environment("mkdocs", "markdown")
    from test_site_hostile import postmortem

    projects = {"clean": _project(os.path.join(args.work_dir, "hostile", "clean"), None, "clean")}
    for name, make in CASES.items():
        projects[name] = _project(os.path.join(args.work_dir, "hostile", name), make(postmortem), name)
    env = {**common.child_env(args.work_dir), "PYTHONPATH": common.REPO, "NO_MKDOCS_2_WARNING": "1"}
    common.measure([sys.executable, "-m", "mkdocs", "build"], projects["clean"], env)  # warm the bytecode cache
    runs: dict[str, list[dict]] = {name: [] for name in projects}
    for _ in range(args.repeat):
        for name, root in projects.items():
            result = common.measure([sys.executable, "-m", "mkdocs", "build"], root, env)
            if result["returncode"] != 0 or common.crashed(result):
                raise SystemExit(f"{name}: the build failed ({result['returncode']}):\n{result['stderr'][-2000:]}")
            runs[name].append(result)
    clean_cpu = common.median(runs["clean"], "cpu")
    results = {"measured_at": common.now(), "cores": common.cores(), "builds": {}}
    for name, root in projects.items():
        size, count = common.tree_size(os.path.join(root, "site"))
        results["builds"][name] = {**common.summarize(runs[name]), "cpu_ratio_to_clean": round(common.median(runs[name], "cpu") / clean_cpu, 2),
                                   "site_files": count, "site_mb": round(size / 1e6, 1)}

    def evaluate(results: dict) -> list[dict]:
        checks = []
        for name in CASES:
            ratio = results["builds"][name]["cpu_ratio_to_clean"]
            checks.append({"target": f"{name}: the build costs about what the clean one does (ratio < 1.5)",
                           "value": ratio, "ok": ratio < 1.5})
        return checks

    def print_summary(results: dict) -> None:
        for name, build in results["builds"].items():
            print(f"{name:26} cpu {build['cpu_seconds']:6.2f} s  x{build['cpu_ratio_to_clean']:<5}  "
                  f"{build['site_files']:5} files  {build['site_mb']:6.1f} MB")
        common.print_targets(results["targets"])

    return common.conclude(results, evaluate, print_summary, args.out)


if __name__ == "__main__":
    sys.exit(main())
