"""``postmortem lint --fix``: every fix has a fixture, before and after, and a second run that
changes nothing; ``--diff`` applies with ``patch -p1`` and ``git apply`` to the same files.

Layout, one directory per case under ``tests/fixes/``::

    before.md  # the file as the author wrote it
    after.md   # byte for byte what ``lint --fix ARGS`` makes of it
    args       # the options of that run: ``--select PM303 --unsafe-fixes``

``REGENERATE_FIXES=1 pytest tests/test_fixes.py`` rewrites after.md (review the diff).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import TESTS, clean_text, run_cli
from linter.fixes import Applicability
from linter.rules import RULES

CASES = sorted(path for path in (TESTS / "fixes").iterdir() if path.is_dir())
NAME = "2026-04-07-checkout-errors-after-pricing-update.md"


def _project(tmp_path: Path, case: Path) -> Path:
    """A repository holding the case's before.md as its one postmortem; the cwd is its root."""
    folder = tmp_path / "postmortems"
    folder.mkdir()
    shutil.copyfile(case / "before.md", folder / NAME)
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    return folder / NAME


def _args(case: Path) -> list[str]:
    return (case / "args").read_text(encoding="utf-8").split()


@pytest.fixture
def in_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fix_gives_the_after_file_and_a_second_run_changes_nothing(case, in_project):
    path = _project(in_project, case)
    before = path.read_bytes()
    first = run_cli("lint", "--fix", *_args(case), "postmortems")
    assert first.code in (0, 1), first.err
    fixed = path.read_bytes()
    if os.environ.get("REGENERATE_FIXES"):
        (case / "after.md").write_bytes(fixed)
    assert fixed != before, f"{case.name}: nothing was fixed ({first.err})"
    assert fixed == (case / "after.md").read_bytes(), f"{case.name}: regenerate with REGENERATE_FIXES=1 and review"
    second = run_cli("lint", "--fix", *_args(case), "postmortems")
    assert path.read_bytes() == fixed, f"{case.name}: the second run changed the file"
    assert "applied 0 fixes in 0 files" in second.err


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_diff_changes_nothing_and_applies_with_patch_and_git_apply(case, in_project):
    path = _project(in_project, case)
    before = path.read_bytes()
    shown = run_cli("lint", "--diff", *_args(case), "postmortems")
    assert shown.code == 1, shown.err
    assert path.read_bytes() == before
    assert shown.out.startswith(f"--- a/postmortems/{NAME}\n+++ b/postmortems/{NAME}\n")
    patch_file = in_project / "fix.patch"
    patch_file.write_bytes(shown.out.encode("utf-8"))
    expected = (case / "after.md").read_bytes()
    if shutil.which("patch"):
        subprocess.run(["patch", "-p1", "--binary", "-i", str(patch_file)], cwd=in_project, check=True, capture_output=True)
        assert path.read_bytes() == expected, "patch -p1 gave another file than --fix"
        path.write_bytes(before)
    subprocess.run(["git", "init", "-q"], cwd=in_project, check=True)
    subprocess.run(["git", "apply", str(patch_file)], cwd=in_project, check=True, capture_output=True)
    assert path.read_bytes() == expected, "git apply gave another file than --fix"


def test_diff_of_a_clean_file_is_empty_and_exits_0(in_project):
    folder = in_project / "postmortems"
    folder.mkdir()
    (folder / NAME).write_text(clean_text(), encoding="utf-8")
    (in_project / ".postmortem.toml").write_text("", encoding="utf-8")
    result = run_cli("lint", "--diff", "postmortems")
    assert (result.code, result.out) == (0, "")
    assert "nothing to fix" in result.err


def test_fix_keeps_the_mode_and_leaves_files_without_fixes_alone(in_project):
    path = _project(in_project, TESTS / "fixes" / "PM106-quote-yaml11-values")
    os.chmod(path, 0o640)
    untouched = path.parent / "2026-04-07-clean.md"
    untouched.write_text(clean_text(), encoding="utf-8")
    os.utime(untouched, ns=(1_000_000_000, 1_000_000_000))
    run_cli("lint", "--fix", "postmortems")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.stat(untouched).st_mtime_ns == 1_000_000_000


def test_fix_refuses_a_file_changed_while_it_was_fixed(in_project, monkeypatch):
    from linter import fixing

    path = _project(in_project, TESTS / "fixes" / "PM106-quote-yaml11-values")
    original = fixing.fix_sources

    def edited_meanwhile(*args, **kwargs):
        run = original(*args, **kwargs)
        path.write_text("edited by the author\n", encoding="utf-8")
        return run

    monkeypatch.setattr(fixing, "fix_sources", edited_meanwhile)
    result = run_cli("lint", "--fix", "postmortems")
    assert result.code == 2
    assert "changed on disk while it was being fixed" in result.err
    assert path.read_text(encoding="utf-8") == "edited by the author\n"


def test_fix_reports_what_is_left_and_how_many_fixes_are_unsafe(in_project):
    _project(in_project, TESTS / "fixes" / "PM305-timeline-sorted")
    result = run_cli("lint", "--fix", "--select", "PM305", "postmortems")
    assert result.code == 1  # the safe run fixes nothing here: the finding is still reported
    assert "PM305" in result.out
    assert "more with --unsafe-fixes" in result.err


def test_unfixable_keeps_a_rule_from_being_fixed(in_project):
    path = _project(in_project, TESTS / "fixes" / "PM106-quote-yaml11-values")
    (in_project / ".postmortem.toml").write_text('unfixable = ["PM106"]\n', encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("lint", "--fix", "--format", "json", "postmortems")
    assert path.read_bytes() == before
    assert {finding["fixable"] for finding in result.json()["findings"] if finding["code"] == "PM106"} == {None}


def test_zone_needs_unsafe_fixes_and_an_iana_name(in_project):
    _project(in_project, TESTS / "fixes" / "PM303-ambiguous-zone-given")
    assert run_cli("lint", "--fix", "--zone", "Asia/Kolkata", "postmortems").code == 2
    assert run_cli("lint", "--fix", "--unsafe-fixes", "--zone", "Mars/Olympus", "postmortems").code == 2
    assert run_cli("lint", "--unsafe-fixes", "postmortems").code == 2


def test_every_fixing_rule_has_a_fixture_for_each_kind_it_declares():
    fixed = {(case.name.split("-")[0], "--unsafe-fixes" in _args(case)) for case in CASES}
    for rule in RULES:
        for applicability in rule.fixes:
            assert (rule.code, applicability is Applicability.UNSAFE) in fixed, (rule.code, applicability)


def test_overlapping_fixes_wait_for_the_next_pass_and_crlf_is_kept():
    from linter.fixes import Edit, safe
    from linter.fix_apply import apply_fixes

    text = "one\r\ntwo three\r\nfour\r\n"
    first = safe("a", [Edit(2, 1, 2, 4, "2")])
    overlapping = safe("b", [Edit(2, 3, 2, 10, "x")])
    insertion = safe("c", [Edit(3, 1, 3, 1, "new\n")])
    fixed, applied = apply_fixes(text, [overlapping, insertion, first])
    assert applied == [first, insertion]
    assert fixed == "one\r\n2 three\r\nnew\r\nfour\r\n"
    assert apply_fixes(text, [insertion, insertion])[1] == [insertion]  # the same place: one waits
