"""A killed, failed or concurrent `mkdocs build` never leaves a broken site (site_config/publish.py).

One small project (four postmortems in corpus ``a``, three others in ``b``, none listing an
incident of the other corpus in ``related``), built for real in subprocesses. The published site is compared file by file, byte for byte, with a snapshot of a
whole build: a kill at any point leaves the previous site exactly as it was (or, once the swap is
done, the new one whole), a failed build leaves it untouched, the next build deletes what a killed
one left, and two builds into the same folder take turns.

Kill points are found by watching the file system (the staging folder appears, pages are being
written, the search index is written), not by timers.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from mkdocs.utils import CountHandler

from site_config import publish
from site_config.plugin import PostmortemPlugin
from tests.conftest import REPO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780000000"}  # same bytes every build
CONFIG = """site_name: Publish test
docs_dir: docs/site
site_dir: site
theme:
  name: material
plugins:
  - search
  - postmortem:
      postmortems: [{corpus}]
      format_page: docs/format.md
      lint: {lint}
      jobs: 1
      publish_lock_wait: {wait}
"""


def _write_config(project: Path, name: str, corpus: str, lint: str = "error", wait: int = 600) -> None:
    (project / name).write_text(CONFIG.format(corpus=corpus, lint=lint, wait=wait), encoding="utf-8")


def _snapshot(site: Path) -> dict[str, str]:
    """Every file of the site and a hash of its bytes."""
    files = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            files[str(path.relative_to(site))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _leftovers(project: Path) -> list[str]:
    return sorted(entry for entry in os.listdir(project) if entry.startswith(".site.publish-"))


def _start(project: Path, config: str, *options: str) -> subprocess.Popen:
    """`mkdocs build` in its own process group (its rendering workers die with it)."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", config, *options], cwd=project,
                            env=ENV, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _build(project: Path, config: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", config, *options], cwd=project,
                          env=ENV, capture_output=True, text=True, timeout=300)


def _html_pages(folder: Path) -> int:
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def _kill_when(build: subprocess.Popen, project: Path, reached) -> bool:
    """SIGKILL the build (and its workers) as soon as ``reached(its staging folder)`` holds; False
    when the build ended first. Folders earlier kills left are not this build's (it deletes them)."""
    earlier = set(_leftovers(project))
    while build.poll() is None:
        staging = [project / name for name in _leftovers(project) if name not in earlier]
        if staging and reached(staging[0]):
            try:
                os.killpg(build.pid, signal.SIGKILL)
            except ProcessLookupError:  # it ended in between
                pass
            return build.wait() == -signal.SIGKILL
        time.sleep(0.005)
    return False


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Corpus a published in site/ (the previous site), corpus b ready to replace it."""
    root = tmp_path_factory.mktemp("publish")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    corpus = sorted((REPO / "postmortems").rglob("*.md"))
    for name, files in (("a", corpus[:4]), ("b", [corpus[4], corpus[5], corpus[8]])):
        (root / name).mkdir()
        for source in files:
            shutil.copy(source, root / name / source.name)
        _write_config(root, f"{name}.yml", name)
    built = _build(root, "a.yml", "--strict")
    assert built.returncode == 0, built.stderr
    return root


@pytest.fixture(scope="module")
def whole(project) -> dict[str, dict[str, str]]:
    """The snapshot of each corpus's whole site, as the tests build them (a: from the fixture)."""
    snapshot = _snapshot(project / "site")
    assert "search/search_index.json" in snapshot and len(snapshot) > 50
    return {"a": snapshot}


def test_a_killed_build_leaves_the_previous_site_whole(project, whole):
    previous = whole["a"]
    points = {
        "the staging folder appears": lambda staging: True,
        "pages are being written": lambda staging: _html_pages(staging) >= 20,
        "the search index is written": lambda staging: (staging / "search" / "search_index.json").exists(),
    }
    outcomes = {}
    for point, reached in points.items():
        killed = _kill_when(_start(project, "b.yml", "--strict"), project, reached)
        outcomes[point] = (killed, _snapshot(project / "site"))
    # The next build deletes what the killed ones left and publishes b whole.
    rebuilt = _build(project, "b.yml", "--strict")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _leftovers(project) == []
    new = whole["b"] = _snapshot(project / "site")
    assert new != previous and "search/search_index.json" in new
    for point, (killed, site) in outcomes.items():
        if point != "the search index is written":
            assert killed, f"the build ended before {point}"
            assert site == previous, f"killed when {point}: the previous site changed"
        else:  # the swap may have happened just before the kill: then the new site is whole
            assert site in (previous, new), f"killed when {point}: neither site whole"


def test_a_failed_build_publishes_nothing(project):
    """A lint error (lint: error) stops the build after its staging folder was made: the folder
    is deleted and the site is untouched. (The strict-mode abort, which comes after the last
    plugin event, is tested without a build below.)"""
    (project / "broken").mkdir(exist_ok=True)
    text = next((project / "b").glob("*.md")).read_text(encoding="utf-8")
    (project / "broken" / "2026-01-01-broken.md").write_text(text.replace("\n## ", "\n## Renamed ", 1), encoding="utf-8")
    _write_config(project, "broken.yml", "broken")
    previous = _snapshot(project / "site")
    failed = _build(project, "broken.yml", "--strict")
    assert failed.returncode != 0 and "lint error" in failed.stderr and ".site.publish-" in failed.stderr, failed.stderr
    assert _snapshot(project / "site") == previous
    assert _leftovers(project) == []


def test_a_build_waits_for_the_lock_or_fails_clearly(project):
    """Another build holds the lock (this test, here): with publish_lock_wait 0 the build fails
    with a message naming the lock, and touches nothing."""
    _write_config(project, "impatient.yml", "b", wait=0)
    previous = _snapshot(project / "site")
    with open(project / ".site.lock", "a+") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        failed = _build(project, "impatient.yml")
    assert failed.returncode != 0
    assert "another build" in failed.stderr and ".site.lock" in failed.stderr and "publish_lock_wait" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert _snapshot(project / "site") == previous and _leftovers(project) == []


def test_two_concurrent_builds_end_with_one_whole_site(project, whole):
    """Both succeed (the second waits for the first's lock); the site is one corpus's, whole."""
    if "b" not in whole:  # the kill test did not get that far
        assert _build(project, "b.yml", "--strict").returncode == 0
        whole["b"] = _snapshot(project / "site")
    builds = [_start(project, "a.yml", "--strict"), _start(project, "b.yml", "--strict")]
    for build in builds:
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
    assert _snapshot(project / "site") in (whole["a"], whole["b"]), "the two corpora were mixed"
    assert _leftovers(project) == []


# --- site_config.publish on its own (no build) -------------------------------------------------

def _site(folder: Path, page: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder


def _staged(site: Path, page: str) -> publish.Publication:
    """A publication into ``site`` whose build wrote one page."""
    publication = publish.begin(str(site), lock_wait=0)
    _site(Path(publication.staging), page)
    return publication


def _page(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def test_publish_swaps_the_folders_and_keeps_hidden_entries(tmp_path):
    site = _site(tmp_path / "site", "old")
    (site / ".git").mkdir()  # a deploy checkout: MkDocs never deletes hidden entries of site_dir
    (site / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    site.chmod(0o755)
    publication = _staged(site, "new")
    publication.publish()
    assert _page(site) == "new"
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref\n"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # not mkdtemp's 0700: a web server reads it
    assert _leftovers(tmp_path) == []


def test_the_first_publication_makes_the_folder(tmp_path):
    publication = _staged(tmp_path / "out" / "site", "first")
    publication.publish()
    assert _page(tmp_path / "out" / "site") == "first"


def test_an_abandoned_build_leaves_the_site_and_no_folder(tmp_path):
    site = _site(tmp_path / "site", "old")
    publication = _staged(site, "half")
    publication.abandon()
    assert _page(site) == "old" and _leftovers(tmp_path) == []


def test_the_next_build_deletes_stale_folders_and_restores_a_parked_site(tmp_path):
    """A kill between the two renames of the fallback swap leaves no site/ and the old site
    parked: the next build puts it back before it deletes the leftovers."""
    _site(tmp_path / ".site.publish-killed", "half-written")
    _site(tmp_path / ".site.publish-other.old", "old")
    publication = publish.begin(str(tmp_path / "site"), lock_wait=0)
    assert _leftovers(tmp_path) == [os.path.basename(publication.staging)]
    assert _page(tmp_path / "site") == "old"
    publication.abandon()


def test_the_fallback_swap_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_libc", lambda: None)
    site = _site(tmp_path / "site", "old")
    publication = _staged(site, "new")
    publication.publish()
    assert _page(site) == "new" and _leftovers(tmp_path) == []


# Another build, in another process (a record lock does not conflict with its own process).
# It forks a child while it holds the lock, as the build forks its rendering workers.
HOLDER = """
import os, sys, time
from site_config import publish
publication = publish.begin(sys.argv[1], lock_wait=0)
if os.fork() == 0:
    time.sleep(120)
    os._exit(0)
print("locked", flush=True)
time.sleep(120)
"""


def _hold_lock(site: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(site)], cwd=REPO, start_new_session=True,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_held_lock_is_a_clear_error_and_dies_with_its_holder_not_its_workers(tmp_path):
    """A kill of the build (not of its forked workers, which live on) frees the lock at once."""
    site = _site(tmp_path / "site", "old")
    holder = _hold_lock(site)
    try:
        with pytest.raises(publish.PublishError, match=rf"another build \(process {holder.pid}\) is publishing into"):
            publish.begin(str(site), lock_wait=0)
        os.kill(holder.pid, signal.SIGKILL)  # the holder only: its forked child still has the lock file open
        holder.wait()
        publish.begin(str(site), lock_wait=0).abandon()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(holder.pid, signal.SIGKILL)  # the forked child


def test_a_folder_that_cannot_be_swapped_is_a_clear_error(tmp_path, monkeypatch):
    """A mount point (EBUSY): the error says so, the site and its folder stay as they were."""
    def busy(first, second):
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), second)

    monkeypatch.setattr(publish, "_exchange", busy)
    site = _site(tmp_path / "site", "old")
    publication = _staged(site, "new")
    with pytest.raises(publish.PublishError, match="mount point"):
        publication.publish()
    assert _page(site) == "old" and _leftovers(tmp_path) == []
    publish.begin(str(site), lock_wait=0).abandon()  # the lock was released


def test_a_site_dir_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(publish.PublishError, match="is not a folder"):
        publish.begin(str(tmp_path / "site"), lock_wait=0)


@pytest.mark.parametrize("warned", [True, False])
def test_strict_mode_warnings_keep_the_previous_site(tmp_path, warned):
    """MkDocs counts warnings after on_post_build and then aborts a strict build: the plugin's
    last on_post_build step reads MkDocs's own counter and does not swap; the build error that
    follows deletes the staged folder."""
    site = _site(tmp_path / "site", "old")
    plugin = PostmortemPlugin()
    plugin.publication = _staged(site, "new")
    config = SimpleNamespace(strict=True, site_dir=plugin.publication.staging)
    counter = CountHandler(level=logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(counter)
    try:
        if warned:
            logging.getLogger("mkdocs.plugins.example").warning("a warning that fails --strict")
        plugin._publish(config=config)
    finally:
        mkdocs_log.removeHandler(counter)
    if warned:
        assert _page(site) == "old" and len(_leftovers(tmp_path)) == 1  # not swapped; MkDocs aborts next
        plugin.on_build_error(error=RuntimeError("Aborted with 1 warnings in strict mode!"))
        assert _page(site) == "old"
    else:
        assert _page(site) == "new"
        assert config.site_dir == os.path.realpath(site)  # `gh-deploy` reads it after the build
    assert _leftovers(tmp_path) == []


def test_an_unwritable_parent_folder_is_a_clear_error(tmp_path, monkeypatch):
    def refuse(**_):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(publish.tempfile, "mkdtemp", refuse)
    site = _site(tmp_path / "site", "old")
    with pytest.raises(publish.PublishError, match="must be writable"):
        publish.begin(str(site), lock_wait=0)
    monkeypatch.undo()
    publish.begin(str(site), lock_wait=0).abandon()  # the lock was released
