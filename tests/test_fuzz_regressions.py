"""Replay the cases benchmarks/fuzz.py saved: each lints without a traceback or an internal
error, and its findings point into the file.

Each ``tests/fixtures/fuzz-regressions/HASH.md.gz`` (``HASH.md`` for the older cases) holds the
bytes of a mutated postmortem that once failed, ``HASH.txt`` why (a traceback, over 2 s, over
256 MB). Their cost is guarded by
tests/test_scaling.py (by ratios, never seconds); here the default per-file budget must not
be reached, which is five times the fuzzer's limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from conftest import FUZZ_CASES, fuzz_case_bytes, fuzz_case_reason
from linter.config import Config
from linter.engine import Linter
from linter.files import SourceFile

LINT = Linter(Config())


@pytest.mark.parametrize("path", FUZZ_CASES, ids=lambda path: path.name.split(".", 1)[0])
def test_a_saved_fuzz_case_lints_cleanly(path: Path, tmp_path):
    data = fuzz_case_bytes(path)
    case = tmp_path / "2026-04-07-fuzzed.md"
    case.write_bytes(data)
    result = LINT.lint_file(SourceFile(str(case), "postmortems/2026-04-07-fuzzed.md"))
    assert result.internal_errors == []
    findings = LINT.finish([result], [])
    assert "PM007" not in {finding.code for finding in findings}, fuzz_case_reason(path)
    lines = data.count(b"\n") + 2
    assert all(1 <= finding.line <= lines for finding in findings)


def test_the_suite_runs_derandomized_unless_asked_to_explore():
    """CI gets the "ci" profile by default (tests/conftest.py): the same examples every run."""
    import os

    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        assert settings.default.derandomize and settings.default.database is None
