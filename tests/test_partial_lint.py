"""Linting some files of a corpus (as pre-commit does): corpus rules still see the whole corpus."""

from __future__ import annotations

import pytest

from conftest import run_cli
from gate_helpers import postmortem


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "postmortems" / "2026"
    folder.mkdir(parents=True)
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    (folder / "2026-04-07-earlier.md").write_text(postmortem("PM-2026-001"), encoding="utf-8")
    (folder / "2026-04-07-same-id.md").write_text(postmortem("PM-2026-002"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def findings(*paths: str) -> set[tuple[str, str]]:
    result = run_cli("lint", "--format", "json", *paths)
    assert result.code in (0, 1), result.err
    return {(finding["path"], finding["code"]) for finding in result.json()["findings"]}


def test_a_related_id_in_a_file_not_listed_is_known(corpus):
    (corpus / "2026-04-07-staged.md").write_text(postmortem("PM-2026-003", related="PM-2026-001"), encoding="utf-8")
    assert findings("postmortems/2026/2026-04-07-staged.md") == set()
    (corpus / "2026-04-07-staged.md").write_text(postmortem("PM-2026-003", related="PM-2026-009"), encoding="utf-8")
    assert findings("postmortems/2026/2026-04-07-staged.md") == {("postmortems/2026/2026-04-07-staged.md", "PM702")}


def test_a_duplicate_of_a_file_not_listed_is_reported_in_the_listed_file_only(corpus):
    (corpus / "2026-04-07-staged.md").write_text(postmortem("PM-2026-002"), encoding="utf-8")
    assert findings("postmortems/2026/2026-04-07-staged.md") == {("postmortems/2026/2026-04-07-staged.md", "PM701")}


def test_files_outside_the_configured_corpus_are_a_corpus_of_their_own(corpus, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2026-04-07-copy.md").write_text(postmortem("PM-2026-002", related="PM-2026-001"), encoding="utf-8")
    assert findings("elsewhere/2026-04-07-copy.md") == {("elsewhere/2026-04-07-copy.md", "PM702")}  # no PM701
