"""Publishing the built site in one step: a build never leaves ``site_dir`` empty or half-written.

MkDocs empties ``site_dir`` and then writes page after page into it, so a build that is killed,
crashes or fails (``--strict``) leaves a broken site behind, and two builds into the same folder
mix their pages. Instead the build writes into a fresh hidden sibling folder
(``.site.publish-<random>``, same file system, so it can be renamed) and, once it succeeded, the
two folders are exchanged in one ``renameat2(RENAME_EXCHANGE)`` call: a reader, a web server or a
kill sees the old site or the new one, never a mix. The old site, now in the sibling folder, is
deleted afterwards.

A lock (on ``.site.lock`` beside ``site_dir``) is held from before the first write until the swap
is done, so two builds into the same folder take turns: the second waits for the first (at most
``publish_lock_wait`` seconds, then fails with a message naming the other build). The kernel drops
the lock when its holder dies, so a killed build never blocks the next one; the next build deletes
what the killed one left (its unfinished folder, or an old site not deleted yet). It is a POSIX
record lock (``lockf``), not ``flock``: an ``flock`` belongs to the open file, which the build's
forked worker processes share, and workers orphaned by a kill went on holding it (measured: a
build of 72 postmortems killed with SIGKILL left two rendering workers alive, holding the lock). A
record lock belongs to the process that took it and dies with it.

What a kill leaves, at any point: ``site_dir`` as it was before the build, or (after the exchange)
the new site whole; at most one stale sibling folder, deleted by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from dataclasses import dataclass

from linter.api import kept_mode

STALE_MARK = ".publish-"  # in the sibling folders' names: `.site.publish-XXXX`
PARKED = ".old"  # the fallback swap's name for the old site between its two renames
LOCK_POLL_SECONDS = 0.2
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


class PublishError(Exception):
    """The site cannot be published (another build holds the lock, a folder cannot be made)."""


@dataclass
class Publication:
    """One build in progress: where it writes, and the lock it holds until it is published."""

    site_dir: str  # the folder readers see
    staging: str  # where this build writes
    lock_fd: int

    def publish(self) -> None:
        """Put the staged site in place of ``site_dir`` in one step, then delete the old one."""
        try:
            try:
                if os.path.lexists(self.site_dir):
                    _exchange(self.staging, self.site_dir)
                else:
                    os.rename(self.staging, self.site_dir)
            except OSError as error:
                shutil.rmtree(self.staging, ignore_errors=True)
                hint = (" (a mount point cannot be swapped: point site_dir at a folder inside it)"
                        if error.errno in (errno.EBUSY, errno.EXDEV) else "")
                raise PublishError(f"cannot put the new site in place of {self.site_dir}: "
                                   f"{error.strerror or error}{hint}; the previous site is left as it was") from None
            _move_hidden_entries(self.staging, self.site_dir)
            shutil.rmtree(self.staging, ignore_errors=True)  # the old site, now unreachable
        finally:
            self.release()

    def abandon(self) -> None:
        """The build failed: delete what it wrote; ``site_dir`` was never touched."""
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self.release()

    def release(self) -> None:
        if self.lock_fd >= 0:
            os.close(self.lock_fd)  # closing the descriptor drops the lock
            self.lock_fd = -1


def begin(site_dir: str, lock_wait: float, on_wait=None) -> Publication:
    """Lock ``site_dir``, delete what killed builds left beside it, and make the staging folder.

    ``on_wait(holder)`` is called once when another build holds the lock (for a log line).
    """
    site_dir = os.path.realpath(site_dir)  # a link to the site: swap the folder it points at
    parent, name = os.path.split(site_dir)
    if os.path.lexists(site_dir) and not os.path.isdir(site_dir):
        raise PublishError(f"site_dir {site_dir} is not a folder")
    beside = f" (the build writes beside site_dir: {parent} must be writable)"
    try:
        os.makedirs(parent, exist_ok=True)
        lock_fd = _lock(os.path.join(parent, f".{name}.lock"), site_dir, lock_wait, on_wait)
    except OSError as error:
        raise PublishError(f"cannot lock {site_dir} for publishing: {error.strerror or error}{beside}") from None
    try:
        _remove_stale(parent, name, site_dir)
        staging = tempfile.mkdtemp(prefix=f".{name}{STALE_MARK}", dir=parent)
        os.chmod(staging, kept_mode(site_dir, created=0o777))  # mkdtemp's 0700: no web server could read it
    except OSError as error:
        os.close(lock_fd)
        raise PublishError(f"cannot make a folder beside {site_dir} to build into: {error.strerror or error}{beside}") from None
    except BaseException:
        os.close(lock_fd)
        raise
    return Publication(site_dir, staging, lock_fd)


def _lock(path: str, site_dir: str, wait: float, on_wait) -> int:
    """An exclusive record lock on ``path``, waiting up to ``wait`` seconds for another build."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):  # the two ways "held by another" is said
                os.close(fd)
                raise
            holder = _holder(fd)
            if time.monotonic() >= deadline:
                os.close(fd)
                raise PublishError(
                    f"another build{holder} is publishing into {site_dir}; "
                    f"waited {wait:g} s for it (lock file {path}, plugin setting publish_lock_wait)") from None
            if not told and on_wait is not None:
                on_wait(holder)
                told = True
            time.sleep(LOCK_POLL_SECONDS)
    # The holder's process id, for the message another build prints while it waits.
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _remove_stale(parent: str, name: str, site_dir: str) -> None:
    """Delete the folders killed builds left (we hold the lock: no live build is using them).
    An old site whose deletion was cut short may still hold the hidden entries MkDocs keeps
    (``.git``, …): those go back into the site first."""
    prefix = f".{name}{STALE_MARK}"
    for entry in os.listdir(parent):
        path = os.path.join(parent, entry)
        if entry.startswith(prefix) and entry.endswith(PARKED) and not os.path.lexists(site_dir):
            os.rename(path, site_dir)  # killed between the two renames of the fallback swap
    for entry in os.listdir(parent):
        path = os.path.join(parent, entry)
        if entry.startswith(prefix) and os.path.isdir(path) and not os.path.islink(path):
            if os.path.isdir(site_dir):
                _move_hidden_entries(path, site_dir)
            shutil.rmtree(path, ignore_errors=True)


def _move_hidden_entries(old: str, new: str) -> None:
    """MkDocs never deletes hidden entries of site_dir (a deploy checkout's ``.git``): they move
    from the old site into the new one, unless the new one has its own."""
    try:
        names = os.listdir(old)
    except OSError:
        return
    for entry in names:
        if entry.startswith(".") and not os.path.lexists(os.path.join(new, entry)):
            os.rename(os.path.join(old, entry), os.path.join(new, entry))


def _exchange(first: str, second: str) -> None:
    """Swap two paths atomically (Linux renameat2). Where the call does not exist, two renames:
    for a moment ``second`` is missing, but it is never half-written."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), second)
    parked = first + PARKED
    os.rename(second, parked)
    os.rename(first, second)
    os.rename(parked, first)


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None

