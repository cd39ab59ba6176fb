"""Linting one editor buffer exactly as ``postmortem lint FILE`` lints that file: the same
configuration, the engine's own ``Linter`` (file rules, budget, suppressions, per-file
ignores, severities) and, for a file of the configured corpus, the corpus rules against the
other files on disk, read by the background scan. Until the first scan is done the corpus
rules get an empty corpus and say nothing (rather than calling every ``related`` id unknown);
the open files are checked again when it is."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable

from linter.config import Config
from linter.corpus import DocSummary
from linter.engine import Linter, corpus_summaries
from linter.findings import Finding
from linter.paths import display_path, is_inside
from linter.server.corpus_index import CorpusIndex, with_buffer


@dataclass
class Check:
    findings: list[Finding]
    summary: DocSummary  # the buffer's own (its id, for completion and definition)
    internal_errors: list[str] = field(default_factory=list)  # rules that crashed: the check is incomplete


class Checker:
    """``on_ready`` and ``on_error`` are the corpus scan's (``CorpusIndex``): called from its thread."""

    def __init__(self, config: Config, on_ready: Callable[[], None] = lambda: None,
                 on_error: Callable[[str], None] = lambda message: None):
        self.config = config
        self._linter: Linter | None = None
        self._day = ""
        self.corpus_paths = [path if os.path.isabs(path) else os.path.join(config.root, path) for path in config.paths]
        self.corpus = CorpusIndex(self.scan, on_ready, on_error)
        self._fix_memo: dict[tuple[str, str], tuple[str, object]] = {}  # (what, path) -> (the text, its answer)

    @property
    def linter(self) -> Linter:
        """The engine's linter, made again when the UTC day changes: it judges time-bound rules
        (PM603's deadlines) at the day it was made, and a server runs for days."""
        day = time.strftime("%Y-%m-%d", time.gmtime())
        if self._linter is None or day != self._day:
            self._linter, self._day = Linter(self.config), day
        return self._linter

    def scan(self) -> list[DocSummary]:
        """Every configured corpus file's summary, read from disk (the background scan's job)."""
        return corpus_summaries(self.corpus_paths, self.config, {})

    def in_corpus(self, path: str) -> bool:
        """Whether ``lint`` would check this file against the corpus (commands/lint.py: a file
        elsewhere is a corpus of its own)."""
        return any(is_inside(path, folder, resolve=True) for folder in self.corpus_paths)

    def check(self, path: str, text: str) -> Check:
        linter = self.linter
        display = display_path(path)
        result = linter.lint_text(display, text)
        corpus = None  # a file outside the corpus: its corpus is itself, as in lint
        if self.in_corpus(path):
            corpus = with_buffer(self.corpus.summaries, result.summary) if self.corpus.ready else []
        linter.corpus_crashes = []
        findings = linter.finish([result], [], corpus)
        return Check(findings, result.summary, result.internal_errors + linter.corpus_crashes)

    def with_fixes(self, path: str, text: str) -> list[Finding]:
        """The buffer's findings with the fixes ``lint --fix`` (and ``--unsafe-fixes``) would
        apply, each checked to bring no other finding (``fixing.checked_findings``). Built only
        when the editor asks for code actions (a fix can cost a second lint of the text), and
        kept for that text: editors ask again each time the cursor moves."""
        from linter.fixing import checked_findings

        return self._for_text("with_fixes", path, text,
                              lambda fixing: checked_findings(fixing, display_path(path), text) or [])

    def fixed(self, path: str, text: str) -> str:
        """The text as ``postmortem lint --fix`` would write it (its safe fixes, pass after pass)."""
        from linter.fixing import fix_text

        return self._for_text("fixed", path, text, lambda fixing: fix_text(fixing, display_path(path), text, False)[0])

    def _for_text(self, what: str, path: str, text: str, compute):
        known = self._fix_memo.get((what, path))
        if known is None or known[0] != text:
            known = (text, compute(Linter(self.config, fixes=True)))
            self._fix_memo[(what, path)] = known
        return known[1]
