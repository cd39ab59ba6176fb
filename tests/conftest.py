"""Shared test helpers: run the CLI in-process, lint to JSON, write postmortems to a temp dir.

The CLI runs in-process (no subprocess per call) so the suite stays fast; ``run_cli`` captures
what it prints and turns ``SystemExit`` from argparse into an exit code. Lint runs use an
empty configuration by default, so the repository's own ``[tool.postmortem]`` table cannot
change what a test sees.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from linter.cli import main

# Hypothesis: in CI (the default) the same examples every run, no example database, so a run
# neither depends on the last one nor finds a new failure by chance and blocks a merge with it.
# HYPOTHESIS_PROFILE=explore draws fresh examples (and keeps the failing ones in
# .hypothesis/) for a developer who wants the property tests to look further.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The lint cache (linter.disk_cache) off, and in a folder of this run's own: a test that
# patches a rule must see its patch run, not a result an earlier test left. tests/test_disk_cache.py
# turns it on where it is under test. Subprocesses inherit both.
os.environ["POSTMORTEM_NO_CACHE"] = "1"
os.environ["POSTMORTEM_CACHE_DIR"] = tempfile.mkdtemp(prefix="postmortem-cache-tests-")
atexit.register(shutil.rmtree, os.environ["POSTMORTEM_CACHE_DIR"], True)

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
sys.path.insert(0, str(REPO / "benchmarks"))  # the benchmarks' helpers the tests share (no package)
from common import read_mkdocs_yml  # noqa: E402  (re-exported: tests import it from conftest)
FIXTURES = TESTS / "fixtures"
# What benchmarks/fuzz.py saved: HASH.md (older cases) or HASH.md.gz, and HASH.txt saying why.
FUZZ_CASES = sorted([*(FIXTURES / "fuzz-regressions").glob("*.md"), *(FIXTURES / "fuzz-regressions").glob("*.md.gz")])


def fuzz_case_bytes(path: Path) -> bytes:
    import gzip

    return gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()


def fuzz_case_reason(path: Path) -> str:
    return path.with_name(path.name.split(".", 1)[0] + ".txt").read_text(encoding="utf-8")
CLEAN_POSTMORTEM = FIXTURES / "clean" / "2026-04-07-checkout-errors-after-pricing-update.md"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(*argv: str) -> CliResult:
    """Run ``postmortem ARGV`` in this process and capture its output and exit code."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def empty_config(tmp_path_factory) -> Path:
    """A configuration file with no settings: the format's defaults."""
    path = tmp_path_factory.mktemp("config") / ".postmortem.toml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.fixture
def lint(empty_config):
    """``lint(*paths, *options)`` -> (exit code, findings as dicts), with default configuration."""

    def run(*args, config: Path | None = None):
        result = run_cli("lint", "--format", "json", "--config", config or empty_config, *args)
        assert result.code in (0, 1), result.err
        return result.code, result.json()["findings"]

    return run


def clean_text() -> str:
    """The text of a complete, lint-clean postmortem (a starting point for variations)."""
    return CLEAN_POSTMORTEM.read_text(encoding="utf-8")


@pytest.fixture
def write_postmortem(tmp_path):
    """``write_postmortem(text, name=...)`` -> path of a postmortem written under tmp_path."""

    def write(text: str, name: str = "2026-04-07-checkout-errors-after-pricing-update.md") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def codes(findings) -> list[str]:
    return [finding["code"] for finding in findings]


