"""Which postmortems changed: the files ``postmortem lint --changed-since REF`` lints.

A file counts as changed when it differs from the point where the current branch left ``REF``
(``git merge-base REF HEAD``, what a pull request shows): added, modified, or renamed (under
its new name), committed or not, plus untracked files. Deleted files are gone, so they are not
linted; but they are listed (``ChangeSet.removed``, old names of renamed files too): links in
unchanged files that led to them break, and the corpus rules check those. The candidates
come from the same discovery as a normal run, so hidden folders and non-Markdown files are
treated alike either way.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from linter.files import discover
from linter.safe_text import safe_excerpt


class ChangedFilesError(Exception):
    """Git cannot answer: not a repository, an unknown ref, or git is missing."""


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    # GIT_OPTIONAL_LOCKS=0: reading must not take the index lock a concurrent commit needs.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise ChangedFilesError("--changed-since needs git, and git is not installed") from None


def _stderr(process: subprocess.CompletedProcess) -> str:
    return safe_excerpt(os.fsdecode(process.stderr).strip(), 300)


def _paths(output: bytes) -> list[str]:
    return [os.fsdecode(part) for part in output.split(b"\0") if part]


def _key(path: str) -> str:
    """One spelling per file: its directory resolved (links, ``..``), its own name kept."""
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def repository_root(cwd: str) -> str:
    process = _git(["rev-parse", "--show-toplevel"], cwd)
    if process.returncode != 0:
        raise ChangedFilesError(f"{cwd} is not inside a git repository: --changed-since compares with git "
                                "history (lint the files directly instead)")
    return os.fsdecode(process.stdout).strip()


def _base(ref: str, root: str) -> str:
    """The commit to compare with: where HEAD left ``ref``, else ``ref`` itself."""
    if not ref.strip() or ref.startswith("-"):
        raise ChangedFilesError(f"'{safe_excerpt(ref)}' is not a git ref")
    process = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    if process.returncode != 0:
        raise ChangedFilesError(f"'{safe_excerpt(ref)}' is not a commit, branch or tag in this repository "
                                "(in CI, fetch it first: actions/checkout with fetch-depth: 0)")
    commit = os.fsdecode(process.stdout).strip()
    merge_base = _git(["merge-base", commit, "HEAD"], root)
    return os.fsdecode(merge_base.stdout).strip() if merge_base.returncode == 0 else commit


@dataclass(frozen=True)
class ChangeSet:
    changed: list[str]  # the postmortems to lint: added, modified, renamed (new name), untracked
    removed: list[str]  # absolute paths of files deleted or renamed away: links to them now break


def _diff(ref: str, root: str, base: str, filters: str, renames: bool = True) -> list[str]:
    # Without --find-renames a rename is a deletion of its old name (and an addition).
    diff = _git(["diff", "-z", "--name-only", "--no-ext-diff", "--no-textconv",
                 "--find-renames" if renames else "--no-renames",
                 f"--diff-filter={filters}", "--ignore-submodules", base, "--"], root)
    if diff.returncode != 0:
        raise ChangedFilesError(f"git diff against '{safe_excerpt(ref)}' failed: {_stderr(diff)}")
    return _paths(diff.stdout)


def _changes(ref: str, cwd: str | None = None) -> tuple[set[str], list[str]]:
    """Every file (as ``_key``) added, modified or renamed since ``ref``, or untracked; and the
    files (absolute) deleted or renamed away since then, committed or not."""
    root = repository_root(cwd or os.getcwd())
    base = _base(ref, root)
    present = _diff(ref, root, base, "d")
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    if untracked.returncode != 0:
        raise ChangedFilesError(f"git ls-files failed: {_stderr(untracked)}")
    gone = _diff(ref, root, base, "D", renames=False)
    changed = {_key(os.path.join(root, path)) for path in present + _paths(untracked.stdout)}
    removed = [os.path.join(root, path) for path in gone]
    return changed, [path for path in removed if not os.path.lexists(path)]


def changed_since(ref: str, cwd: str | None = None) -> set[str]:
    """Every file (as ``_key``) added, modified or renamed since ``ref``, or untracked."""
    return _changes(ref, cwd)[0]


def change_set(ref: str, paths: list[str]) -> ChangeSet:
    """The postmortems under ``paths`` (files or directories) that changed since ``ref``, and
    the ``.md`` files the change removed (which unchanged files may still link to)."""
    changed, removed = _changes(ref)
    sources, skipped = discover(paths)
    candidates = [source.path for source in sources] + [finding.path for finding in skipped]
    return ChangeSet(sorted({path for path in candidates if _key(path) in changed}),
                     sorted(path for path in removed if path.lower().endswith(".md")))
