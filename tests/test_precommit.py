"""The pre-commit hook (``.pre-commit-hooks.yaml``) run by the real ``pre-commit``.

pre-commit installs the hook from a git repository into its own virtual environment (our
dependencies come from the package index). The hook repository is a snapshot of the source tree
this test runs from, committed to a temporary repository, so the test checks the working tree
— committed or not — from a fresh clone, a dirty checkout or an unpacked archive alike.
``try-repo`` installs into a throw-away store on every call, so it runs once, over a good and a
bad postmortem; the installed-hook test has its own store (about 20 s of install each).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, clean_text
from gate_helpers import git, isolated_git_environment, postmortem

# What `pip install .` needs from the project; everything else stays out of the snapshot.
SNAPSHOT = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "linter", "site_config")
GOOD = "postmortems/2026/2026-04-07-checkout-errors-after-pricing-update.md"
BAD = "postmortems/2026/2026-04-08-search-outage.md"
BAD_TEXT = clean_text().replace("id: PM-2026-014", "id: PM-2026-015").replace(
    "## Summary\n", "## Summary\n\nTBD: fill in how many users.\n", 1)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("pre-commit")
    env = {**isolated_git_environment(base), "PRE_COMMIT_HOME": str(base / "home")}
    hooks = base / "hooks-repo"
    hooks.mkdir()
    for name in SNAPSHOT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, hooks / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        elif source.is_file():
            shutil.copy2(source, hooks / name)
    git(hooks, "init", "-q", "-b", "main", env=env)
    git(hooks, "add", "-A", env=env)
    git(hooks, "commit", "-q", "-m", "snapshot", env=env)
    return hooks, git(hooks, "rev-parse", "HEAD", env=env).strip(), env


@pytest.fixture
def project(tmp_path, setup):
    """A team's postmortem repository: one good postmortem, nothing staged yet."""
    _, _, env = setup
    root = tmp_path / "team-postmortems"
    (root / "postmortems" / "2026").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main", env=env)
    (root / GOOD).write_text(clean_text(), encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "meeting.md").write_text("# Not a postmortem: TBD\n", encoding="utf-8")
    return root


def test_hook_definition_is_what_adopters_need():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "postmortem-lint" and hook["entry"] == "postmortem lint"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["files"] == "^postmortems/" and hook["types"] == ["markdown"]


def test_try_repo_fails_the_bad_postmortem_and_not_the_good_one(setup, project):
    """One run over a good and a bad staged postmortem (each try-repo installs afresh)."""
    hooks, _, env = setup
    (project / BAD).write_text(BAD_TEXT, encoding="utf-8")
    git(project, "add", GOOD, BAD, "notes/meeting.md", env=env)  # notes/ is outside the hook's files
    result = _pre_commit(project, env, "try-repo", str(hooks), "postmortem-lint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "postmortem lint" in result.stdout and "Failed" in result.stdout
    assert f"{BAD}:" in result.stdout and "PM204 placeholder-text" in result.stdout
    assert f"{GOOD}:" not in result.stdout and "meeting.md" not in result.stdout
    assert "in 2 files" in result.stdout  # both staged postmortems were checked, nothing else


def test_installed_hook_passes_the_good_commit_and_refuses_the_bad_one(setup, project):
    hooks, revision, env = setup
    config = {"repos": [{"repo": str(hooks), "rev": revision, "hooks": [{"id": "postmortem-lint"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    install = _pre_commit(project, env, "install")
    assert install.returncode == 0, install.stderr

    git(project, "add", ".", env=env)
    good = _run(["git", "commit", "-q", "-m", "good postmortem"], project, env)
    assert good.returncode == 0, good.stdout + good.stderr

    (project / BAD).write_text(BAD_TEXT, encoding="utf-8")
    git(project, "add", BAD, env=env)
    bad = _run(["git", "commit", "-q", "-m", "bad postmortem"], project, env)
    assert bad.returncode != 0
    assert "PM204" in bad.stdout + bad.stderr
    assert git(project, "log", "--format=%s", env=env).split("\n")[0] == "good postmortem"

    # Only the staged file is passed to the hook, yet its `related` id names a committed one.
    git(project, "rm", "-q", "--cached", BAD, env=env)
    (project / BAD).unlink()
    follow_up = "postmortems/2026/2026-04-07-checkout-errors-again.md"
    (project / follow_up).write_text(postmortem("PM-2026-016", related="PM-2026-014"), encoding="utf-8")
    git(project, "add", follow_up, env=env)
    related = _run(["git", "commit", "-q", "-m", "follow-up postmortem"], project, env)
    assert related.returncode == 0, related.stdout + related.stderr
