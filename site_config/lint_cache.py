"""Lint results kept between the rebuilds of ``mkdocs serve``: only edited files are linted again.

``UnchangedFiles`` is the ``linter.api.ResultCache`` the plugin hands ``lint_paths``: per-file
results by the file's identity (path, size, modification time, inode). Corpus-wide rules
still run on every file each time; only the per-file work of unchanged files is skipped.
``LintCaches`` keeps one per linter configuration: a changed configuration starts afresh.
``disk_cache`` is what a build (and the first build of a serve) reuses from earlier runs.
"""

from __future__ import annotations

import os

from linter.api import FileResult, Keep, Linter, ResultCache, SourceFile, lint_cache_from_environment, lint_sources


class UnchangedFiles:
    """``inner``: where the files not known here are looked up before they are linted (the
    disk cache shared with ``postmortem lint``), else they are linted."""

    def __init__(self, inner: ResultCache | None = None) -> None:
        self._results: dict[str, tuple[tuple, FileResult]] = {}
        self.inner = inner

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
        unknown = [s for s in sources if s.path not in known]
        fresh = iter(self.inner.lint(linter, unknown, jobs, keep_documents) if self.inner is not None
                     else lint_sources(linter, unknown, jobs, keep_documents))
        results = [known[source.path] if source.path in known else next(fresh) for source in sources]
        self._results = {source.path: (identities[source.path], result) for source, result in zip(sources, results)
                         if identities[source.path] is not None}
        return results


class LintCaches:
    """The cache for the current linter configuration: its file (and that file's modification
    time) and the plugin's ``linter_config`` setting."""

    def __init__(self) -> None:
        self._current: tuple[tuple, UnchangedFiles] | None = None

    def for_config(self, source: str | None, setting: str | None, inner: ResultCache | None = None) -> UnchangedFiles:
        try:
            identity = (source, os.stat(source).st_mtime_ns if source else None, setting)
        except OSError:
            identity = (source, None, setting)
        if self._current is None or self._current[0] != identity:
            self._current = (identity, UnchangedFiles(inner))
        return self._current[1]


def disk_cache(enabled: bool) -> ResultCache | None:
    """The lint cache on disk (``linter.disk_cache``), unless the site or the environment turns it off."""
    return lint_cache_from_environment() if enabled else None
