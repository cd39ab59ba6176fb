"""``postmortem init``: a team's repository set up in one command, working at once.

The files are checked by what uses them: the linter and a real ``mkdocs build --strict`` (from
the installed wheel, in an empty folder), the real ``pre-commit`` in a scratch git repository,
and GitHub's workflow and action schemas (check-jsonschema's vendored copies, no network).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from gate_helpers import git, isolated_git_environment

BIN = Path(sys.executable).parent


def _init(directory: Path, *options: str):
    return run_cli("init", str(directory), *options)


def test_init_writes_every_file_and_a_second_run_changes_nothing(tmp_path):
    first = _init(tmp_path)
    assert first.code == 0, first.err
    for relative in ("mkdocs.yml", "docs/.gitkeep", ".postmortem.toml", ".pre-commit-config.yaml",
                     ".github/workflows/postmortems.yml", "postmortem.schema.json",
                     "postmortems/2026/2026-01-15-search-results-stale.md"):
        assert (tmp_path / relative).is_file(), relative
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    second = _init(tmp_path)
    assert second.code == 0 and "nothing to do" in second.out and "wrote" not in second.out
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


def test_init_never_replaces_a_file_unless_forced(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    result = _init(tmp_path, "--bare")
    assert "left alone mkdocs.yml" in result.out
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"
    assert not (tmp_path / "postmortems" / "2026").exists()  # --bare: no example
    forced = _init(tmp_path, "--force")
    assert "wrote mkdocs.yml" in forced.out and "postmortem:" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")


def test_init_into_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("x", encoding="utf-8")
    result = _init(target)
    assert result.code == 2 and "is not a directory" in result.err


@pytest.mark.parametrize("options", [(), ("--pages",)])
def test_the_workflow_and_the_action_validate_against_githubs_schemas(tmp_path, options):
    _init(tmp_path, *options)
    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    assert checker, "check-jsonschema is a test dependency"
    for schema, path in (("vendor.github-workflows", tmp_path / ".github/workflows/postmortems.yml"),
                         ("vendor.github-actions", REPO / "action.yml")):
        done = subprocess.run([checker, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    if options:
        assert "actions/deploy-pages" in (tmp_path / ".github/workflows/postmortems.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def wheel_site_packages(tmp_path_factory) -> Path:
    """The project built as a wheel and unpacked alone: what a team installs, without the checkout."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base / "dist"), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next((base / "dist").glob("postmortem_kit-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(base / "site-packages"), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return base / "site-packages"


def test_from_the_wheel_in_an_empty_folder_init_then_lint_and_a_strict_build_pass(tmp_path, wheel_site_packages):
    env = {**os.environ, "PYTHONPATH": str(wheel_site_packages), "NO_MKDOCS_2_WARNING": "1"}
    team = tmp_path / "team"
    team.mkdir()

    def run(*args):
        return subprocess.run(args, cwd=team, env=env, capture_output=True, text=True, timeout=600)

    probe = run(sys.executable, "-c", "import linter, site_config; print(linter.__file__); print(site_config.__file__)")
    assert probe.stdout.count(str(wheel_site_packages)) == 2, probe.stdout + probe.stderr  # the wheel's code, not the checkout's
    assert run(sys.executable, "-m", "linter", "init").returncode == 0
    linted = run(sys.executable, "-m", "linter", "lint")
    assert linted.returncode == 0 and "All clear: 1 file" in linted.stdout, linted.stdout + linted.stderr
    built = run(sys.executable, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr[-2000:]
    assert (team / "site" / "incidents").is_dir()
    assert "The postmortem format" in (team / "site" / "format" / "index.html").read_text(encoding="utf-8")  # shipped in the wheel


def test_the_generated_pre_commit_config_blocks_a_bad_postmortem(tmp_path):
    env = {**isolated_git_environment(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    team = tmp_path / "team"
    team.mkdir()
    git(team, "init", "-q", "-b", "main", env=env)
    _init(team)

    def run(*args):
        return subprocess.run(args, cwd=team, env=env, capture_output=True, text=True, timeout=600)

    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    git(team, "add", "-A", env=env)
    good = run("git", "commit", "-q", "-m", "postmortem-kit init")
    assert good.returncode == 0, good.stdout + good.stderr  # the example passes the hook
    bad = team / "postmortems" / "2026" / "2026-02-01-queue-stalled.md"
    bad.write_text("---\nid: PM-2026-002\ntitle: Queue stalled\n---\n\n## Summary\n\nTBD\n", encoding="utf-8")
    git(team, "add", "-A", env=env)
    blocked = run("git", "commit", "-q", "-m", "a bad postmortem")
    assert blocked.returncode != 0 and "2026-02-01-queue-stalled.md" in blocked.stdout + blocked.stderr
    assert "a bad postmortem" not in git(team, "log", "--format=%s", env=env)
