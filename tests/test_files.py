"""Discovery shows each file as ``display_path`` would, however its directory was given."""

from __future__ import annotations

import os

import pytest

from linter.paths import display_path
from linter.files import discover


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A working directory holding postmortems/ (two levels), and a folder outside it."""
    work, outside = tmp_path / "work", tmp_path / "outside"
    for folder in (work / "postmortems" / "2026", work / "postmortems" / "2025", outside / "more"):
        folder.mkdir(parents=True)
        (folder / "2026-01-01-a.md").write_text("# a\n", encoding="utf-8")
    for folder in (work / "postmortems", work, outside):  # files at the top of each given folder too
        (folder / "top.md").write_text("# top\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return work, outside


@pytest.mark.parametrize("given", ["postmortems", "./postmortems", "postmortems/", "postmortems/2026/..", ".",
                                   "{work}/postmortems", "{outside}", "{outside}/", "../outside", "../outside/"])
def test_each_file_is_shown_as_display_path_shows_it(tree, given):
    work, outside = tree
    sources, skipped = discover([given.format(work=work, outside=outside)])
    assert sources and not skipped
    assert [source.display for source in sources] == [display_path(source.path) for source in sources]
    assert all(os.path.isfile(source.path) for source in sources)


def test_a_file_given_twice_is_listed_once(tree):
    sources, _ = discover(["postmortems", "./postmortems/top.md", os.path.abspath("postmortems/2026")])
    assert len(sources) == 3
