"""The engine's process pool gives the same answer as one process, documents included."""

from __future__ import annotations

import os
import sys

from linter.config import Config
from linter.engine import PARALLEL_THRESHOLD, lint_paths

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))

import generate_corpus  # noqa: E402


def _document_facts(run) -> dict:
    return {document.path: (document.meta.get("id"), [(s.canonical, s.line, s.text) for s in document.sections],
                            [(e.line, e.text, e.at) for e in document.timeline], [(a.line, a.get("owner")) for a in document.action_items])
            for document in run.documents}


def test_workers_return_the_same_findings_and_documents_as_one_process(tmp_path):
    corpus = str(tmp_path / "corpus")
    generate_corpus.generate(corpus, PARALLEL_THRESHOLD + 6, seed=11, defect_rate=0.3)
    config = Config(root=str(tmp_path))
    single = lint_paths([corpus], config, jobs=1, keep_documents=True)
    pooled = lint_paths([corpus], config, jobs=2, keep_documents=True)
    assert single.findings, "the corpus carries defects: findings to compare"
    assert [(f.path, f.line, f.code) for f in pooled.findings] == [(f.path, f.line, f.code) for f in single.findings]
    assert len(pooled.documents) == PARALLEL_THRESHOLD + 6
    assert _document_facts(pooled) == _document_facts(single)
    assert all(document.tokens == [] for document in pooled.documents), "tokens are released before they travel"
