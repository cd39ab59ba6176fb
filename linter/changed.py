"""Which postmortems changed: the files ``postmortem lint --changed-since REF`` lints.

A file counts as changed when it differs from the point where the current branch left ``REF``
(``git merge-base REF HEAD``, what a pull request shows): added, modified, or renamed (under
its new name), committed or not, plus untracked files. Deleted files are gone, so they are not
linted. The candidates come from the same discovery as a normal run, so hidden folders and
non-Markdown files are treated alike either way.
"""

from __future__ import annotations

import os
import subprocess

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


def changed_since(ref: str, cwd: str | None = None) -> set[str]:
    """Every file (as ``_key``) added, modified or renamed since ``ref``, or untracked."""
    root = repository_root(cwd or os.getcwd())
    base = _base(ref, root)
    diff = _git(["diff", "-z", "--name-only", "--no-ext-diff", "--no-textconv", "--find-renames",
                 "--diff-filter=d", "--ignore-submodules", base, "--"], root)
    if diff.returncode != 0:
        raise ChangedFilesError(f"git diff against '{safe_excerpt(ref)}' failed: {_stderr(diff)}")
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    if untracked.returncode != 0:
        raise ChangedFilesError(f"git ls-files failed: {_stderr(untracked)}")
    return {_key(os.path.join(root, path)) for path in _paths(diff.stdout) + _paths(untracked.stdout)}


def changed_files(ref: str, paths: list[str]) -> list[str]:
    """The postmortems under ``paths`` (files or directories) that changed since ``ref``."""
    changed = changed_since(ref)
    sources, skipped = discover(paths)
    candidates = [source.path for source in sources] + [finding.path for finding in skipped]
    return sorted({path for path in candidates if _key(path) in changed})
