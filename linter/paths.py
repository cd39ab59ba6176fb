"""Paths as the user sees them, and whether one lies inside another: one definition of each."""

from __future__ import annotations

import os


def relative_to(path: str, root: str) -> str:
    """``path`` relative to ``root``, with ``/`` separators, when it lies inside it; else as given."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def display_path(path: str, root: str | None = None) -> str:
    """A path as users see it in findings: relative to ``root`` (the current folder) when inside it."""
    return relative_to(path, root or os.getcwd())


def is_inside(path: str, root: str, resolve: bool = False) -> bool:
    """True when ``path`` is ``root`` or under it. Both absolute and resolved already, or
    ``resolve`` to resolve them here (symbolic links followed)."""
    if resolve:
        path, root = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False
