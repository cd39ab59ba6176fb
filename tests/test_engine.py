"""The engine's process pool gives the same answer as one process, documents included."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import clean_text
from linter.config import Config, ConfigError, from_mapping
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


def _with_ownerless_rows(count: int, suppressed_table: bool = False) -> str:
    """The clean postmortem with ``count`` more action rows that name no owner (PM402 each);
    ``suppressed_table``: and, after them, a second table of such rows inside a disable/enable."""
    rows = [f"| Alert on `queue_depth_{index}` above 500 for 5 minutes | | 2026-05-01 | P2 | open | OPS-{900 + index} |"
            for index in range(count)]
    text = clean_text()
    anchor = "| Route model deploys through a 5% canary"
    line_end = text.index("\n", text.index(anchor)) + 1
    text = text.replace(anchor, "\n".join(rows) + "\n" + anchor, 1)
    if suppressed_table:
        line_end = text.index("\n", text.index(anchor)) + 1
        text = (text[:line_end] + "\n<!-- postmortem-lint disable=PM402 -->\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
                "| Alert on `disk_free` below 10% for 10 minutes | | 2026-05-01 | P2 |\n\n<!-- postmortem-lint enable=PM402 -->\n"
                + text[line_end:])
    return text


@pytest.mark.parametrize("setting, shown", [(None, 100), (10, 10), (0, 150)])
def test_one_rule_reports_at_most_max_findings_per_rule_in_a_file_then_says_it_stopped(tmp_path, setting, shown):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    path = folder / "2026-04-07-checkout-errors-after-pricing-update.md"
    path.write_text(_with_ownerless_rows(150), encoding="utf-8")
    config = Config(root=str(tmp_path))
    if setting is not None:
        config.max_findings_per_rule = setting
    found = [f for f in lint_paths([str(folder)], config).findings if f.code == "PM402"]
    stopped = [f for f in found if "not shown" in f.message]
    if setting == 0:
        assert len(found) == 150 and not stopped
        return
    assert len(found) == shown + 1 and len(stopped) == 1
    assert stopped[0].line == max(f.line for f in found)  # where the first finding not shown is
    assert f"stopped after {shown}" in stopped[0].message


def test_a_suppression_beyond_the_cap_is_not_reported_as_unused(tmp_path):
    """The rule stopped before that line: whether the comment suppresses anything is unknown."""
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(
        _with_ownerless_rows(150, suppressed_table=True), encoding="utf-8")
    config = Config(root=str(tmp_path))
    findings = lint_paths([str(folder)], config).findings
    assert [f for f in findings if f.code == "PM402"] and not [f for f in findings if f.code == "PM901"]
    config.max_findings_per_rule = 0  # every finding made: the block suppresses one, and is used
    findings = lint_paths([str(folder)], config).findings
    assert len([f for f in findings if f.code == "PM402"]) == 150 and not [f for f in findings if f.code == "PM901"]


def test_max_findings_per_rule_is_a_non_negative_integer():
    with pytest.raises(ConfigError, match="max-findings-per-rule"):
        from_mapping({"max-findings-per-rule": -1}, "pyproject.toml")
