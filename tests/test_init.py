"""``postmortem init``: a team's repository set up in one command, working at once.

The files are checked by what uses them: the linter and a real ``mkdocs build --strict`` (from
the wheel ``python -m build`` makes, installed in a new virtual environment, in an empty folder), the real ``pre-commit`` in a scratch git repository,
and GitHub's workflow and action schemas (check-jsonschema's vendored copies, no network).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
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
                         ("vendor.github-workflows", REPO / ".github/workflows/tests.yml"),
                         ("vendor.github-workflows", REPO / ".github/workflows/postmortems.yml"),
                         ("vendor.github-actions", REPO / "action.yml")):
        done = subprocess.run([checker, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    if options:
        assert "actions/deploy-pages" in (tmp_path / ".github/workflows/postmortems.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    """``python -m build``, as a release is made: the sdist, and the wheel built from that sdist."""
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return dist


def test_the_release_is_one_sdist_and_one_wheel_carrying_what_the_site_needs(release):
    from linter import __version__

    assert sorted(path.name for path in release.iterdir()) == [
        f"postmortem_kit-{__version__}-py3-none-any.whl", f"postmortem_kit-{__version__}.tar.gz"]
    with zipfile.ZipFile(next(release.glob("*.whl"))) as wheel:
        names = set(wheel.namelist())
    needed = {"site_config/format.md", "site_config/theme/fragments/postmortem/incident-header.html",
              "site_config/theme/assets/postmortem/postmortem.css", "site_config/theme/assets/postmortem/postmortem.js",
              "site_config/theme/assets/postmortem/vendor/iframe-worker-shim.js", "site_config/theme/main.html"}
    assert needed <= names, sorted(needed - names)


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory, release) -> Path:
    """A new virtual environment with the wheel installed, as a team installs it.

    The kit comes from the wheel alone (its code, its console script, its plugin entry point);
    its dependencies are borrowed from the test environment through a path entry rather than
    downloaded again: the site-packages of this environment is on sys.path but after the
    wheel, and its .pth files (the checkout's editable install) are not run.
    """
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = next(path for path in sys.path if path.endswith("site-packages") and Path(path).is_dir())
    Path(purelib, "borrowed-dependencies.pth").write_text(ours + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    str(next(release.glob("*.whl")))], check=True, capture_output=True, timeout=300)
    return venv


def test_from_the_wheel_in_an_empty_folder_init_then_lint_and_a_strict_build_pass(tmp_path, fresh_venv):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PATH": f"{fresh_venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"})
    team = tmp_path / "team"
    team.mkdir()
    python = str(fresh_venv / "bin" / "python")

    def run(*args):
        return subprocess.run(args, cwd=team, env=env, capture_output=True, text=True, timeout=600)

    probe = run(python, "-c", "import linter, site_config; print(linter.__file__); print(site_config.__file__)")
    assert probe.stdout.count(str(fresh_venv)) == 2, probe.stdout + probe.stderr  # the wheel's code, not the checkout's
    assert run(str(fresh_venv / "bin" / "postmortem"), "init").returncode == 0  # the wheel's console script
    linted = run(str(fresh_venv / "bin" / "postmortem"), "lint")
    assert linted.returncode == 0 and "All clear: 1 file" in linted.stdout, linted.stdout + linted.stderr
    built = run(python, "-m", "mkdocs", "build", "--strict")
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
