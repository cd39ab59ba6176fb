"""The corpus on disk, as the corpus rules and the editor features see it: one
``DocSummary`` per postmortem (id, related ids, services), read in a background thread.

A scan reads the frontmatter of every file (``engine.corpus_summaries``, as ``postmortem lint``
does for the files it does not lint); on a large corpus that is seconds, and a keystroke must
never wait for it. So the scan runs in a thread, the summaries are swapped in whole when it is
done (readers see the old list or the new one, never half of one), and ``on_ready`` is called
so the open files are checked again against the new corpus. A rescan asked for while one runs
is run once after it.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from linter.corpus import DocSummary


class CorpusIndex:
    def __init__(self, scan: Callable[[], list[DocSummary]], on_ready: Callable[[], None] = lambda: None,
                 on_error: Callable[[str], None] = lambda message: None):
        self._scan = scan
        self._on_ready = on_ready
        self._on_error = on_error
        self._summaries: list[DocSummary] | None = None  # None: the first scan has not finished
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self.scans = 0  # finished scans (the tests wait on it)

    @property
    def ready(self) -> bool:
        return self._summaries is not None

    @property
    def summaries(self) -> list[DocSummary]:
        """The last finished scan (empty before the first one ends)."""
        return self._summaries or []

    def refresh(self) -> None:
        """Scan again in the background (the first call starts the first scan)."""
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._run, name="postmortem-corpus-scan", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                self._summaries = self._scan()
                self.scans += 1
            except Exception as error:  # noqa: BLE001 - a scan that fails must not take the server down
                self._on_error(f"the corpus could not be read ({type(error).__name__}: {error}); "
                               "duplicate and related ids are checked against the last corpus read")
            with self._lock:
                if not self._again:
                    self._running = False
                    break
                self._again = False
        self._on_ready()

    def ids(self, exclude_path: str | None = None) -> dict[str, str]:
        """Each id in the corpus -> the path of its file (the first, when two share one)."""
        found: dict[str, str] = {}
        for summary in self.summaries:
            if summary.id and summary.path != exclude_path:
                found.setdefault(summary.id, summary.path)
        return found

    def services(self) -> list[str]:
        return sorted({service for summary in self.summaries for service in summary.services})

    def path_of(self, identifier: str) -> str | None:
        """The absolute path of the postmortem with that id, for go-to-definition."""
        path = self.ids().get(identifier)
        return os.path.abspath(path) if path is not None else None


def with_buffer(summaries: list[DocSummary], buffer: DocSummary) -> list[DocSummary]:
    """The corpus with one file as the editor holds it (its unsaved text), in the order a
    lint run gives (by path), so duplicate ids are reported on the same file as ``lint`` does."""
    replaced = [buffer if summary.path == buffer.path else summary for summary in summaries]
    if not any(summary.path == buffer.path for summary in summaries):
        replaced.append(buffer)
        replaced.sort(key=lambda summary: summary.path)
    return replaced
