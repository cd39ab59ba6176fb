"""Lint results kept between the rebuilds of ``mkdocs serve``: only edited files are linted again.

``UnchangedFiles`` is the ``linter.api.ResultCache`` the plugin hands ``lint_paths``: per-file
results by the file's identity (path, size, modification time, inode). Corpus-wide rules
still run on every file each time; only the per-file work of unchanged files is skipped.
``LintCaches`` keeps one per linter configuration: a changed configuration starts afresh.
"""

from __future__ import annotations

import os

from linter.api import FileResult, Keep, Linter, SourceFile, lint_sources


class UnchangedFiles:
    def __init__(self) -> None:
        self._results: dict[str, tuple[tuple, FileResult]] = {}

    @staticmethod
    def _identity(source: SourceFile) -> tuple | None:
        try:
            status = os.stat(source.path)
        except OSError:
            return None
        return (source.display, status.st_size, status.st_mtime_ns, status.st_ino)

    def lint(self, linter: Linter, sources: list[SourceFile], jobs: int, keep_documents: Keep) -> list[FileResult]:
        identities = {source.path: self._identity(source) for source in sources}
        known: dict[str, FileResult] = {}
        for source in sources:
            cached = self._results.get(source.path)
            if cached is not None and identities[source.path] is not None and cached[0] == identities[source.path]:
                known[source.path] = cached[1]
        fresh = iter(lint_sources(linter, [s for s in sources if s.path not in known], jobs, keep_documents))
        results = [known[source.path] if source.path in known else next(fresh) for source in sources]
        self._results = {source.path: (identities[source.path], result) for source, result in zip(sources, results)
                         if identities[source.path] is not None}
        return results


class LintCaches:
    """The cache for the current linter configuration: its file (and that file's modification
    time) and the plugin's ``linter_config`` setting."""

    def __init__(self) -> None:
        self._current: tuple[tuple, UnchangedFiles] | None = None

    def for_config(self, source: str | None, setting: str | None) -> UnchangedFiles:
        try:
            identity = (source, os.stat(source).st_mtime_ns if source else None, setting)
        except OSError:
            identity = (source, None, setting)
        if self._current is None or self._current[0] != identity:
            self._current = (identity, UnchangedFiles())
        return self._current[1]
