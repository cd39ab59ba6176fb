"""Finding the postmortem files: directories searched for ``*.md``, never following a path out.

Symlinks that leave the repository, dangling or looping links, links to directories, FIFOs,
sockets and devices are skipped with a finding (PM006), never opened: opening a FIFO blocks
forever, and a link to ``/proc/self/environ`` would publish secrets.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from linter.paths import display_path, is_inside
from linter.findings import Finding
from linter.safe_text import is_utf8


class PathError(Exception):
    """A path given on the command line does not exist (exit code 2)."""


@dataclass(frozen=True)
class SourceFile:
    path: str  # the path to open
    display: str  # the path shown in findings


def _skipped(display: str, message: str) -> Finding:
    from linter import rules  # here: the reports discover files without loading every rule

    rule = rules.BY_CODE["PM006"]
    return Finding(display, 1, 1, rule.code, rule.name, rule.severity, message)


def check_file(path: str, root: str, display: str | None = None) -> tuple[SourceFile | None, Finding | None]:
    """Vet one path: a regular file inside ``root`` (links resolved), or a finding."""
    display = display or display_path(path)
    if not is_utf8(display):
        return None, _skipped(display, "skipped: the file name is not valid UTF-8 (its bytes are shown escaped); "
                                       "rename it: the site and the reports write file names as UTF-8 text")
    try:
        info = os.lstat(path)
    except OSError as error:
        return None, _skipped(display, f"cannot read: {error.strerror or error}")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError):
            return None, _skipped(display, "skipped: a symbolic link that is dangling or loops")
        if not is_inside(target, root):
            return None, _skipped(display, "skipped: a symbolic link to a file outside the repository")
        try:
            info = os.stat(target)
        except OSError as error:
            return None, _skipped(display, f"cannot read: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        return None, _skipped(display, f"skipped: {describe_kind(info.st_mode)}, not a regular file")
    return SourceFile(path, display), None


def describe_kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message ("a FIFO", "a device", …)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _shown_in(shown_directory: str, directory: str, name: str) -> str:
    """``display_path`` of a file in a directory shown as ``shown_directory``."""
    if shown_directory == ".":
        return name
    if shown_directory == directory:
        return os.path.join(directory, name)  # outside the working directory: shown as given
    return f"{shown_directory}/{name}"


def discover(paths: list[str], root: str | None = None) -> tuple[list[SourceFile], list[Finding]]:
    """Expand paths (files and directories) into postmortem files, sorted, without duplicates."""
    root = os.path.realpath(root or os.getcwd())
    files: list[SourceFile] = []
    skipped: list[Finding] = []
    seen: set[str] = set()

    def add(path: str, key: str | None = None, display: str | None = None) -> None:
        key = key or os.path.abspath(path)
        if key in seen:
            return
        seen.add(key)
        source, problem = check_file(path, root, display)
        if source:
            files.append(source)
        if problem:
            skipped.append(problem)

    for given in paths:
        if os.path.isdir(given) and not os.path.islink(given):
            for directory, subdirectories, names in os.walk(given, followlinks=False):
                subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(".") and d != "node_modules")
                for link in (os.path.join(directory, name) for name in subdirectories):
                    # Never walked (a link back up loops forever); said, so no file goes missing silently.
                    if os.path.islink(link):
                        skipped.append(_skipped(display_path(link), "skipped: a symbolic link to a directory; "
                                                                    "postmortems are not read through links"))
                # A file's absolute and shown paths are its directory's and its name: worked
                # out once per directory (path arithmetic was a third of discovering 1,000 files).
                absolute, shown = os.path.abspath(directory), display_path(directory)
                for name in sorted(names):
                    if name.lower().endswith(".md"):
                        add(os.path.join(directory, name), os.path.join(absolute, name),
                            _shown_in(shown, directory, name))
        elif os.path.lexists(given):
            add(given)
        else:
            raise PathError(f"{given}: no such file or directory")
    files.sort(key=lambda source: source.display)
    return files, skipped
