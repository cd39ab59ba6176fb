"""``-o FILE`` writes only regular files, atomically; anything else is exit 2 with a message.

A report written over a device, a FIFO or a symbolic link to ``/proc/self/fd/1`` would replace
it with a regular file (as root, ``-o /dev/null`` replaced the device). Each test runs in a
throwaway repository (the current directory) and checks the exit code, the message, that no
traceback was printed and that what ``-o`` named is unchanged.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from tests.conftest import CLEAN_POSTMORTEM, run_cli


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with one clean postmortem, as the current directory."""
    root = tmp_path / "repo"
    (root / "postmortems").mkdir(parents=True)
    shutil.copy(CLEAN_POSTMORTEM, root / "postmortems" / CLEAN_POSTMORTEM.name)
    (root / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def lint_to(target) -> tuple[int, str]:
    result = run_cli("lint", "postmortems", "--format", "json", "-o", str(target))
    assert "Traceback" not in result.err
    return result.code, result.err


def refused(target, *words: str) -> None:
    code, err = lint_to(target)
    assert code == 2, err
    assert err.startswith("postmortem: error: ") and err.count("\n") == 1
    for word in words:
        assert word in err


def test_a_regular_file_is_replaced_whole_keeping_its_permissions(repo):
    report = repo / "report.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    assert lint_to(report) == (0, "")
    assert report.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert sorted(os.listdir(repo)) == [".postmortem.toml", "postmortems", "report.json"]  # no temporary left


def test_a_link_inside_the_repository_writes_the_file_it_points_at(repo):
    (repo / "out").mkdir()
    link = repo / "report.json"
    link.symlink_to("out/report.json")
    assert lint_to(link) == (0, "")
    assert link.is_symlink() and (repo / "out" / "report.json").read_text(encoding="utf-8").startswith("{")


def test_a_link_out_of_the_repository_is_refused(repo, tmp_path):
    outside = tmp_path / "dotfile"
    outside.write_text("a user's file\n", encoding="utf-8")
    link = repo / "report.json"
    link.symlink_to(outside)
    refused(link, "symbolic link", "outside the repository")
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "a user's file\n"


def test_a_link_to_standard_output_is_refused(repo):
    link = repo / "report.json"
    link.symlink_to("/proc/self/fd/1")
    refused(link, "outside the repository")
    assert link.is_symlink()


def test_a_fifo_is_refused_not_replaced(repo):
    fifo = repo / "report.json"
    os.mkfifo(fifo)
    refused(fifo, "a FIFO, not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused_not_replaced(repo):
    """As root the device is a fresh node in the repository (a regression must not replace the
    machine's /dev/null); otherwise /dev/null, which this user cannot replace anyway."""
    device = repo / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        device = "/dev/null"
    refused(device, "a device, not a regular file")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_directory_is_refused(repo):
    refused(repo / "postmortems", "a directory, not a regular file")


def test_proc_version_is_an_error_not_a_traceback(repo):
    refused("/proc/version", "/proc/version")  # read-only, or (as root) no file can be made in /proc


def test_a_path_through_a_regular_file_is_an_error(repo):
    refused(repo / ".postmortem.toml" / "report.json", "Not a directory")


def test_an_immutable_target_is_an_error(repo):
    target = repo / "report.json"
    target.write_text("kept\n", encoding="utf-8")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("chattr +i needs root and a file system with attributes")
    try:
        refused(target, "report.json")  # "read-only" (as root: access() knows the flag) or "cannot write"
        assert target.read_text(encoding="utf-8") == "kept\n"
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_an_error(repo):
    folder = repo / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        refused(folder / "report.json", "Permission denied")
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_is_refused_not_replaced(repo):
    """Renaming over a read-only file would succeed (the folder is writable): it is refused first."""
    target = repo / "report.json"
    target.write_text("kept\n", encoding="utf-8")
    target.chmod(0o444)
    refused(target, "read-only")
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_an_empty_name_is_a_usage_error(repo):
    code, err = lint_to("")
    assert code == 2 and "needs a file name" in err


def test_report_refuses_a_fifo_too(repo):
    fifo = repo / "patterns.json"
    os.mkfifo(fifo)
    result = run_cli("report", "postmortems", "--format", "json", "-o", str(fifo))
    assert result.code == 2 and "a FIFO, not a regular file" in result.err and "Traceback" not in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_replaced_file_keeps_its_owner(repo):
    report = repo / "report.json"
    report.write_text("old", encoding="utf-8")
    os.chown(report, 4321, 4321)
    assert lint_to(report) == (0, "")
    assert (report.stat().st_uid, report.stat().st_gid) == (4321, 4321)
