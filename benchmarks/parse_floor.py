#!/usr/bin/env python3
"""The parse floor: what any linter of these files must at least do, with the same libraries.

    python benchmarks/parse_floor.py DIR [--jobs N]

For every ``*.md`` under DIR (sorted): read it, load the frontmatter with PyYAML's C loader,
and parse the body with markdown-it-py configured as the linter configures it (CommonMark,
HTML on, tables on), as the library ships it: the linter's shortcut for plain text
(``linter/markdown/``) is not used here. Nothing is checked. ``bench_lint.py`` runs this as a
separate process, like the linter, and reports the linter's time as a ratio to it.
"""

from __future__ import annotations

import argparse
import os
import sys


def discover(directory: str) -> list[str]:
    paths = []
    for folder, subfolders, names in os.walk(directory):
        subfolders.sort()
        paths.extend(os.path.join(folder, name) for name in sorted(names) if name.endswith(".md"))
    return paths


def _parse_all(paths: list[str]) -> int:
    import yaml
    from markdown_it import MarkdownIt

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = 0
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        body = text
        if text.startswith("---\n"):
            end = text.find("\n---\n", 3)
            if end >= 0:
                yaml.load(text[4:end], Loader=loader)
                body = text[end + 5:]
        tokens += len(parser.parse(body))
    return tokens


def run(directory: str, jobs: int = 1) -> tuple[int, int]:
    """``(files, tokens)``; with ``jobs > 1`` the files are split across worker processes."""
    paths = discover(directory)
    if jobs <= 1:
        return len(paths), _parse_all(paths)
    from concurrent.futures import ProcessPoolExecutor

    size = max(8, len(paths) // (jobs * 8))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return len(paths), sum(pool.map(_parse_all, batches))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args(argv)
    files, tokens = run(args.directory, args.jobs)
    print(f"{files} files, {tokens} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
