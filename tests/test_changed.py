"""``postmortem lint --changed-since REF`` in a real temporary git repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli
from gate_helpers import git, isolated_git_environment, postmortem
from linter.changed import ChangedFilesError, change_set


def changed_files(ref, paths):
    return change_set(ref, paths).changed


@pytest.fixture
def git_env(tmp_path, monkeypatch):
    """This process's git (change_set runs in-process) isolated from the machine's."""
    environment = isolated_git_environment(tmp_path)
    for key in list(os.environ):
        if key not in environment:
            monkeypatch.delenv(key)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)


def write(repo: Path, relative: str, text: str) -> None:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


FILES = ("unchanged", "modified", "deleted", "renamed", "modified-later", "deleted-later", "renamed-later")


@pytest.fixture
def repo(tmp_path, git_env, monkeypatch):
    """A repository whose ``main`` holds seven postmortems; the working directory is its root."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for number, name in enumerate(FILES, start=1):
        write(root, f"postmortems/2026/2026-04-07-{name}.md", postmortem(f"PM-2026-{number:03d}"))
    # A problem nobody touches: only a full run reports it.
    write(root, "postmortems/2026/2026-04-07-unchanged.md",
          postmortem("PM-2026-001").replace("## Summary\n", "## Summary\n\nTBD\n", 1))
    write(root, "notes/outside.md", "# not a postmortem\n")
    write(root, ".postmortem.toml", "")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "corpus")
    monkeypatch.chdir(root)
    return root


def change_everything(root: Path) -> None:
    """On a branch: committed and uncommitted additions, edits, renames and deletions."""
    git(root, "checkout", "-q", "-b", "feature")
    folder = "postmortems/2026"
    write(root, f"{folder}/2026-04-07-modified.md", postmortem("PM-2026-002") + "\nEdited.\n")
    git(root, "rm", "-q", f"{folder}/2026-04-07-deleted.md")
    git(root, "mv", f"{folder}/2026-04-07-renamed.md", f"{folder}/2026-04-07-renamed-new.md")
    write(root, f"{folder}/2026-04-07-added.md", postmortem("PM-2026-020"))
    write(root, "notes/outside.md", "# edited, but not under the postmortem folder\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "branch work")
    # Not committed: an edit, a deletion, a rename, a staged new file, an untracked file.
    write(root, f"{folder}/2026-04-07-modified-later.md", postmortem("PM-2026-005") + "\nEdited later.\n")
    (root / folder / "2026-04-07-deleted-later.md").unlink()
    git(root, "mv", f"{folder}/2026-04-07-renamed-later.md", f"{folder}/2026-04-07-renamed-later-new.md")
    write(root, f"{folder}/2026-04-07-staged.md", postmortem("PM-2026-021"))
    git(root, "add", f"{folder}/2026-04-07-staged.md")
    write(root, f"{folder}/2026-04-07-untracked.md", postmortem("PM-2026-022"))
    write(root, f"{folder}/notes.txt", "not markdown\n")
    write(root, "postmortems/.drafts/2026-04-07-hidden.md", "hidden folders are never linted\n")


EXPECTED = sorted(f"postmortems/2026/2026-04-07-{name}.md" for name in (
    "added", "modified", "modified-later", "renamed-later-new", "renamed-new", "staged", "untracked"))


def test_added_modified_and_renamed_files_committed_or_not(repo):
    change_everything(repo)
    assert changed_files("main", ["postmortems"]) == EXPECTED


def test_paths_limit_the_answer(repo):
    change_everything(repo)
    assert changed_files("main", ["postmortems/2026/2026-04-07-added.md", "notes"]) == [
        "notes/outside.md", "postmortems/2026/2026-04-07-added.md"]


def test_nothing_changed(repo):
    assert changed_files("HEAD", ["postmortems"]) == []


def test_changes_on_the_target_branch_are_not_the_branch_s_changes(repo):
    """Compared with where the branch left REF, as a pull request is: a postmortem edited or
    added on main after the branch was cut is not linted in the branch's old copy."""
    change_everything(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the rest of the branch work")
    git(repo, "checkout", "-q", "main")
    write(repo, "postmortems/2026/2026-04-07-unchanged.md", postmortem("PM-2026-001") + "\nEdited on main.\n")
    write(repo, "postmortems/2026/2026-04-08-main-only.md", postmortem("PM-2026-030"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "main moves on")
    git(repo, "checkout", "-q", "feature")
    assert changed_files("main", ["postmortems"]) == EXPECTED


def test_absolute_paths_and_a_subdirectory_as_working_directory(repo, monkeypatch):
    change_everything(repo)
    monkeypatch.chdir(repo / "postmortems")
    found = changed_files("main", [str(repo / "postmortems" / "2026")])
    assert sorted(Path(path).name for path in found) == sorted(Path(path).name for path in EXPECTED)


@pytest.mark.parametrize("ref", ["no-such-branch", "main~5", "--output=/tmp/x", ""])
def test_bad_ref_is_a_clear_error(repo, ref):
    with pytest.raises(ChangedFilesError, match="git ref|not a commit, branch or tag"):
        changed_files(ref, ["postmortems"])


def test_not_a_repository(tmp_path, git_env, monkeypatch):
    folder = tmp_path / "plain" / "postmortems"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # in case tmp is inside a repo
    with pytest.raises(ChangedFilesError, match="not inside a git repository"):
        changed_files("main", ["postmortems"])
    (tmp_path / "plain" / ".postmortem.toml").write_text("", encoding="utf-8")
    result = run_cli("lint", "--changed-since", "main")
    assert result.code == 2
    assert "not inside a git repository" in result.err and "Traceback" not in result.err


def test_cli_bad_ref_exits_2(repo):
    result = run_cli("lint", "--changed-since", "origin/nope")
    assert result.code == 2
    assert "'origin/nope' is not a commit, branch or tag" in result.err


def test_cli_lints_only_changed_files_while_corpus_rules_see_everything(repo):
    change_everything(repo)
    # The added file reuses an unchanged file's id and relates to another unchanged file.
    write(repo, "postmortems/2026/2026-04-07-added.md", postmortem("PM-2026-001", related="PM-2026-007"))
    result = run_cli("lint", "--changed-since", "main", "--format", "json")
    assert result.code == 1, result.err
    report = result.json()
    assert report["files"] == len(EXPECTED)
    findings = report["findings"]
    assert {(f["path"], f["code"]) for f in findings} == {("postmortems/2026/2026-04-07-added.md", "PM701")}
    # A full run reports the id in both files, and the unchanged file's own problem.
    everything = run_cli("lint", "--format", "json").json()["findings"]
    assert {f["path"] for f in everything if f["code"] == "PM701"} == {
        "postmortems/2026/2026-04-07-added.md", "postmortems/2026/2026-04-07-unchanged.md"}
    assert ("postmortems/2026/2026-04-07-unchanged.md", "PM204") in {(f["path"], f["code"]) for f in everything}


@pytest.mark.parametrize("argv", [["--changed-since="], ["--changed-since", ""], ["--changed-since", "  "]])
def test_an_empty_ref_is_a_usage_error_not_a_full_run(repo, argv):
    """``--changed-since="$BASE"`` with BASE unset used to lint everything and pass as a
    changed-files run; it is exit 2 now."""
    result = run_cli("lint", *argv)
    assert result.code == 2
    assert "--changed-since needs a git ref" in result.err and result.out == ""


# --- what a change breaks in files it did not touch ------------------------------------------

FOLDER = "postmortems/2026"


def _reference_findings(result) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in result.json()["findings"] if f["code"] in ("PM702", "PM703")}


def _gate_and_full_run(repo) -> tuple[set, set]:
    """The changed-files gate's and a full run's PM702/PM703 findings (same working tree)."""
    gate = run_cli("lint", "--changed-since", "main", "--strict", "--format", "json")
    full = run_cli("lint", "--format", "json")
    assert "Traceback" not in gate.err + full.err
    return _reference_findings(gate), _reference_findings(full)


@pytest.fixture
def referring_repo(repo):
    """main: 'unchanged' lists PM-2026-002 (the 'modified' file) in related and links to the
    'deleted' and 'renamed' files; then a branch."""
    text = postmortem("PM-2026-001", related="PM-2026-002")
    text += ("\nSee [the deleted one](2026-04-07-deleted.md#timeline) and "
             "[the renamed one](./2026-04-07-renamed.md).\n")
    write(repo, f"{FOLDER}/2026-04-07-unchanged.md", text)
    git(repo, "commit", "-q", "-am", "references")
    git(repo, "checkout", "-q", "-b", "feature")
    assert run_cli("lint", "--changed-since", "main", "--strict").code == 0
    return repo


def test_deleting_a_postmortem_an_unchanged_file_links_to_fails_the_gate(referring_repo):
    git(referring_repo, "rm", "-q", f"{FOLDER}/2026-04-07-deleted.md")
    git(referring_repo, "commit", "-q", "-m", "delete")
    gate, full = _gate_and_full_run(referring_repo)
    assert gate == full == {(f"{FOLDER}/2026-04-07-unchanged.md", "PM703")}


def test_renaming_uncommitted_breaks_links_and_is_reported(referring_repo):
    git(referring_repo, "mv", f"{FOLDER}/2026-04-07-renamed.md", f"{FOLDER}/2026-04-07-renamed-new.md")
    result = run_cli("lint", "--changed-since", "main", "--format", "json")
    assert result.code == 1
    [finding] = [f for f in result.json()["findings"] if f["code"] == "PM703"]
    assert finding["path"] == f"{FOLDER}/2026-04-07-unchanged.md"
    assert "'./2026-04-07-renamed.md', which does not exist" in finding["message"]
    assert result.json()["files"] == 1  # only the renamed file is linted


@pytest.mark.parametrize("change", ["delete", "new-id"])
def test_removing_an_id_an_unchanged_file_lists_in_related_fails_the_gate(referring_repo, change):
    path = f"{FOLDER}/2026-04-07-modified.md"
    if change == "delete":
        git(referring_repo, "rm", "-q", path)
    else:
        write(referring_repo, path, postmortem("PM-2026-102"))
    gate, full = _gate_and_full_run(referring_repo)
    assert gate == full == {(f"{FOLDER}/2026-04-07-unchanged.md", "PM702")}


def test_suppressions_in_the_unchanged_file_still_apply(referring_repo):
    unchanged = referring_repo / FOLDER / "2026-04-07-unchanged.md"
    text = unchanged.read_text(encoding="utf-8").replace(
        "\nSee [the deleted one]", "\n<!-- postmortem-lint disable-next-line=PM703 -->\nSee [the deleted one]")
    unchanged.write_text(text, encoding="utf-8")
    git(referring_repo, "commit", "-q", "-am", "the link is known to break")
    git(referring_repo, "checkout", "-q", "-b", "feature-2")
    git(referring_repo, "rm", "-q", f"{FOLDER}/2026-04-07-deleted.md")
    gate = run_cli("lint", "--changed-since", "feature", "--strict", "--format", "json")
    assert gate.code == 0, gate.out


def test_only_unchanged_files_naming_a_removed_file_are_parsed(referring_repo, monkeypatch):
    """The gate stays a changed-files run: of the unchanged files, only those whose text names
    a removed file have their Markdown parsed (counted, not timed)."""
    import linter.document

    for number in range(10):
        write(referring_repo, f"{FOLDER}/2026-04-07-bystander-{number}.md", postmortem(f"PM-2026-{200 + number}"))
    git(referring_repo, "add", ".")
    git(referring_repo, "commit", "-q", "-m", "more postmortems")
    git(referring_repo, "rm", "-q", f"{FOLDER}/2026-04-07-deleted.md")
    parsed: list[str] = []
    real_parse = linter.document.parse_text
    monkeypatch.setattr(linter.document, "parse_text", lambda path, text: parsed.append(path) or real_parse(path, text))
    result = run_cli("lint", "--changed-since", "HEAD", "--format", "json")
    assert _reference_findings(result) == {(f"{FOLDER}/2026-04-07-unchanged.md", "PM703")}
    # Once for its links; once more for its suppressions, as it has a finding. No bystander.
    assert set(parsed) == {f"{FOLDER}/2026-04-07-unchanged.md"} and len(parsed) == 2


def test_changed_lines_keeps_what_the_change_broke_in_an_unchanged_file(referring_repo):
    """--changed-lines shows findings on changed lines only; a finding in a file the change did
    not touch is one the change caused, and stays."""
    git(referring_repo, "rm", "-q", f"{FOLDER}/2026-04-07-deleted.md")
    result = run_cli("lint", "--changed-since", "main", "--changed-lines", "--format", "json")
    assert result.code == 1, result.err
    assert _reference_findings(result) == {(f"{FOLDER}/2026-04-07-unchanged.md", "PM703")}
