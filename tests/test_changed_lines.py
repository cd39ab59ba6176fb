"""``postmortem lint --changed-since REF --changed-lines``: findings on what the branch changed."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli
from gate_helpers import git, postmortem
from linter.changed_lines import parse_patch, unquote_path
from linter.findings import Finding
from test_changed import git_env  # noqa: F401 (fixture: this process's git isolated)

FOLDER = "postmortems/2026"
OLD_PROBLEM = ("## Summary\n", "## Summary\n\nTBD\n")  # PM204 in the Summary, already on main
NEW_PROBLEM = ("## Impact\n", "## Impact\n\nTBD\n")  # PM204 in the Impact, added by the branch


@pytest.fixture
def repo(tmp_path, git_env, monkeypatch):
    root = tmp_path / "repo"
    (root / FOLDER).mkdir(parents=True)
    (root / ".postmortem.toml").write_text("", encoding="utf-8")
    (root / FOLDER / "2026-04-07-touched.md").write_text(postmortem("PM-2026-001").replace(*OLD_PROBLEM, 1), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "corpus")
    git(root, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(root)
    return root


def _findings(*argv: str) -> tuple[int, list[dict], str]:
    result = run_cli("lint", "--format", "json", *argv, FOLDER)
    return result.code, json.loads(result.out)["findings"], result.err


def _lines(findings: list[dict], code: str) -> list[int]:
    return sorted(finding["line"] for finding in findings if finding["code"] == code)


def test_only_findings_on_changed_lines_of_a_modified_file(repo):
    touched = repo / FOLDER / "2026-04-07-touched.md"
    touched.write_text(touched.read_text(encoding="utf-8").replace(*NEW_PROBLEM, 1), encoding="utf-8")
    lines = touched.read_text(encoding="utf-8").splitlines()
    placeholder_lines = [number for number, text in enumerate(lines, start=1) if text == "TBD"]
    assert len(placeholder_lines) == 2
    _, everything, _ = _findings("--changed-since", "main")
    assert _lines(everything, "PM204") == placeholder_lines
    code, kept, err = _findings("--changed-since", "main", "--changed-lines")
    assert _lines(kept, "PM204") == [placeholder_lines[1]]  # the one the branch added
    assert code == 1  # what is kept still gates
    assert "not shown (--changed-lines)" in err


def test_a_new_file_keeps_every_finding_file_level_ones_included(repo):
    text = postmortem("PM-2026-002").replace(*OLD_PROBLEM, 1)
    text = text.replace("## Contributing factors\n", "## Causes we saw\n", 1)  # PM201 for the section
    (repo / FOLDER / "2026-04-08-new.md").write_text(text, encoding="utf-8")
    _, everything, _ = _findings("--changed-since", "main")
    _, kept, _ = _findings("--changed-since", "main", "--changed-lines")
    new_file = [finding for finding in everything if finding["path"].endswith("2026-04-08-new.md")]
    assert new_file and all(finding in kept for finding in new_file)
    assert "PM201" in {finding["code"] for finding in new_file}


def test_an_unchanged_branch_reports_nothing_from_old_problems(repo):
    code, kept, _ = _findings("--changed-since", "main", "--changed-lines", "--strict")
    assert (code, kept) == (0, [])


def test_changed_lines_without_changed_since_is_a_usage_error(repo):
    result = run_cli("lint", "--changed-lines", FOLDER)
    assert result.code == 2 and "--changed-lines needs --changed-since" in result.err


def _finding(path: str, line: int, end_line: int | None = None) -> Finding:
    return Finding(path, line, 1, "PM204", "placeholder-text", "error", "m", end_line)


def test_patch_bodies_are_skipped_by_count_and_quoted_names_are_read(tmp_path):
    patch = b"\n".join([
        b"diff --git docs/a.md docs/a.md",
        b"--- docs/a.md",
        b"+++ docs/a.md",
        b"@@ -3,2 +3,3 @@ heading",
        b"-old",
        b"-old",
        b"+++ an added line that looks like a header",
        b"+new",
        b"+new",
        b"@@ -10 +11,0 @@",
        b"-removed only",
        b"\\ No newline at end of file",
        b'diff --git "x/tab\\there.md" "x/tab\\there.md"',
        b"new file mode 100644",
        b"--- /dev/null",
        b'+++ "x/tab\\there.md"',
        b"@@ -0,0 +1 @@",
        b"+text",
    ])
    parsed = parse_patch(patch, str(tmp_path))
    a = str(tmp_path / "docs" / "a.md")
    assert parsed.lines == {os.path.realpath(str(tmp_path / "docs")) + "/a.md": {3, 4, 5}}
    assert parsed.keeps(_finding(a, 4)) and not parsed.keeps(_finding(a, 2))
    assert parsed.keeps(_finding(a, 1, end_line=3))  # a span touching a changed line
    assert not parsed.keeps(_finding(a, 11))  # a pure deletion adds no line
    assert parsed.keeps(_finding(str(tmp_path / "x" / "tab\there.md"), 1))
    assert parsed.keeps(_finding(str(tmp_path / "elsewhere.md"), 7))  # unchanged file: the change's doing


@pytest.mark.parametrize(("raw", "expected"), [
    (b"plain/name.md", "plain/name.md"),
    (b'"a\\"b.md"', 'a"b.md'),
    (b'"caf\\303\\251.md"', "café.md"),
    (b'"back\\\\slash.md"', "back\\slash.md"),
])
def test_git_quoting_is_undone(raw, expected):
    assert unquote_path(raw) == expected
