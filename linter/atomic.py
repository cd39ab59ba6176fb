"""Writing files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import os
import stat
import tempfile


TEMPORARY_PREFIX = ".tmp-"  # a file being written, renamed into place when complete


class WriteRefused(Exception):
    """The target exists and overwriting was not asked for."""


class OutputRefused(Exception):
    """``-o FILE`` names something that is not a regular file to write, or it cannot be written
    (exit code 2, with this message)."""


def write_output(path: str, content: str, root: str | None = None) -> None:
    """Write a command's report to ``-o PATH``: a regular file, replaced atomically.

    Replacing is only right for a regular file: a device (``/dev/null``), a FIFO, a socket or a
    directory named by mistake is refused, not replaced by a regular file, and so is a symbolic
    link that leads out of ``root`` (the repository, the current directory by default: a link to
    ``/proc/self/fd/1`` or a user's dotfile is no report file). A link inside it is kept: the file
    it points at is replaced. Any failure to write is an ``OutputRefused`` with the reason.
    """
    target = _output_target(path, os.path.realpath(root or os.getcwd()))
    try:
        write_atomic(target, content, overwrite=True)
    except OSError as error:
        step = ""
        if error.filename and os.path.basename(str(error.filename)).startswith(TEMPORARY_PREFIX):
            step = f" (it is written as a temporary file in {os.path.dirname(os.path.abspath(target))}, then renamed)"
        raise OutputRefused(f"cannot write {path}: {error.strerror or error}{step}") from None


def _output_target(path: str, root: str) -> str:
    """The regular file ``-o PATH`` writes (a link inside ``root`` resolved), or OutputRefused."""
    from linter.files import describe_kind
    from linter.paths import is_inside

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path  # a new file (write_atomic makes missing folders)
    except OSError as error:
        raise OutputRefused(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.path.realpath(path, strict=False)
        except (OSError, RuntimeError):  # a loop (Python 3.10 raises RuntimeError)
            raise OutputRefused(f"not writing {path}: a symbolic link that loops") from None
        if not is_inside(target, root):
            raise OutputRefused(f"not writing {path}: a symbolic link to {target}, outside the repository ({root})")
        try:
            info = os.stat(target)
        except FileNotFoundError:
            return target  # a link to a file not written yet
        except OSError as error:
            raise OutputRefused(f"cannot write {path}: {error.strerror or error}") from None
        path = target
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(f"not writing {path}: {describe_kind(info.st_mode)}, not a regular file")
    if not os.access(path, os.W_OK):  # the rename would succeed: the folder decides, not the file
        raise OutputRefused(f"not writing {path}: the file is read-only")
    return path


def write_atomic(path: str, content: str, overwrite: bool = False) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same directory and a rename.

    With ``overwrite=False`` an existing file is never replaced (checked atomically with a hard
    link, so two writers racing cannot both win).
    """
    directory = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, kept_mode(path))
        _keep_owner(temporary, path)
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise WriteRefused(f"{path} already exists; not overwriting it") from None
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def kept_mode(path: str, created: int = 0o666) -> int:
    """The replaced file's permissions, or what a plain ``open`` (``created``: 0o666, 0o777 for
    a folder) would give a new one: temporary files are 0600 and folders 0700, and a published
    page or a committed postmortem must not stay so."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return created & ~umask


def _keep_owner(temporary: str, path: str) -> None:
    """A replaced file keeps its owner and group where this process may set them (as root: a
    report written by a CI job into a user's checkout stays theirs)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()):
        return
    try:
        os.chown(temporary, info.st_uid, info.st_gid)
    except OSError:
        pass  # not allowed: the file becomes ours, with its permissions kept
