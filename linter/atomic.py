"""Writing files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile


class WriteRefused(Exception):
    """The target exists and overwriting was not asked for."""


def write_atomic(path: str, content: str, overwrite: bool = False) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same directory and a rename.

    With ``overwrite=False`` an existing file is never replaced (checked atomically with a hard
    link, so two writers racing cannot both win).
    """
    directory = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
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


def _mode_for(path: str) -> int:
    """The replaced file's permissions, or what a plain ``open`` would give a new file (the
    temporary file is 0600: a published page or a committed postmortem must not stay so)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
