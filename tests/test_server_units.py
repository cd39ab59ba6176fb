"""The language server's pure parts: positions, ranges, the place in the frontmatter,
completion, the single-edit diff behind code actions, the suppression comment, and the
corpus index (tests/test_server.py drives the whole server)."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from linter.config import load_config  # noqa: E402
from linter.corpus import DocSummary  # noqa: E402
from linter.document import file_lines  # noqa: E402
from linter.findings import Finding  # noqa: E402
from linter.schema import schema_for  # noqa: E402
from linter.server.actions import suppressed_line, text_edit  # noqa: E402
from linter.server.completion import completions  # noqa: E402
from linter.server.corpus_index import CorpusIndex, with_buffer  # noqa: E402
from linter.server.diagnostics import diagnostic, finding_range  # noqa: E402
from linter.server.frontmatter_place import place  # noqa: E402
from linter.server.positions import UTF8, UTF16, UTF32, from_lsp, to_lsp, units  # noqa: E402

LINE = "title: caf\u00e9 \U0001F525 down"  # é: 2 bytes in UTF-8; the emoji: 2 UTF-16 units, 4 bytes


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_positions_round_trip_in_every_encoding(encoding):
    for column in range(1, len(LINE) + 2):
        line, character = to_lsp([LINE], 1, column, encoding)
        assert character == units(LINE[: column - 1], encoding) and line == 0
        assert from_lsp([LINE], line, character, encoding) == (1, column)


def test_code_units_differ_where_the_encodings_do():
    after_emoji = LINE.index("\U0001F525") + 2  # the 1-based column just after it
    assert [to_lsp([LINE], 1, after_emoji, encoding)[1] for encoding in (UTF8, UTF16, UTF32)] == \
           [len(LINE[: after_emoji - 1].encode("utf-8")), after_emoji, after_emoji - 1]


def _finding(line, column, end_line=None, end_column=None, severity="warning"):
    return Finding("a.md", line, column, "PM501", "blame-language", severity, "why", end_line, end_column)


def test_a_finding_without_an_end_covers_the_rest_of_its_line():
    lines = ["first", "It was human error.  ", ""]
    span = finding_range(_finding(2, 8), lines)
    assert (span.start.line, span.start.character, span.end.line, span.end.character) == (1, 7, 1, len(lines[1].rstrip()))
    empty = finding_range(_finding(3, 1), lines)
    assert (empty.start, empty.end) == (types.Position(2, 0), types.Position(2, 0))


def test_a_finding_with_an_end_keeps_it_and_its_severity_maps():
    lines = ["abcdef"]
    shown = diagnostic(_finding(1, 2, 1, 4, severity="note"), lines)
    assert (shown.range.start.character, shown.range.end.character) == (1, 3)
    assert shown.severity == types.DiagnosticSeverity.Information and shown.code == "PM501"
    assert diagnostic(_finding(1, 2, severity="error"), lines).severity == types.DiagnosticSeverity.Error


FRONT = ["---", "id: PM-2026-001", "severity: SE", "services:", "  - chec", "impact:", "  users", "related: [PM-2026-002, PM-", "---", "body"]


def test_the_place_in_the_frontmatter():
    assert place(FRONT, 2, len("severity: SE")) == ("severity", None, "SE", len("severity: "))
    assert place(FRONT, 4, len("  - chec")) == ("services", None, "chec", 4)
    assert place(FRONT, 6, len("  users")) == (None, "impact", "users", 2)
    assert place(FRONT, 7, len(FRONT[7])) == ("related", None, "PM-", len(FRONT[7]) - 3)
    assert place(FRONT, 3, 0) == (None, None, "", 0)
    assert place(FRONT, 9, 2) is None and place(FRONT, 0, 0) is None  # the body, the fence


def test_completion_replaces_what_is_typed_of_the_word():
    config = load_config(None)
    items = completions(FRONT, types.Position(7, len(FRONT[7])), config, [], ["PM-2026-002", "PM-2026-003"])
    assert [item.label for item in items] == ["PM-2026-002", "PM-2026-003"]
    assert items[0].text_edit.range.start == types.Position(7, len(FRONT[7]) - 3)
    keys = [item.label for item in completions(FRONT, types.Position(3, 0), config, [], [])]
    assert "title" in keys and "severity" not in keys and "related" not in keys
    body_says = FRONT[:-1] + ["title: not a key, the body's text"]
    assert "title" in [item.label for item in completions(body_says, types.Position(3, 0), config, [], [])]
    nested = completions(FRONT, types.Position(6, len("  users")), config, [], [])
    assert [item.label for item in nested] == list(schema_for(config)["properties"]["impact"]["properties"])


@pytest.mark.parametrize("before, after", [
    ("a\r\nb\r\nc\r\n", "a\r\nbee\r\nc\r\n"),
    ("title \U0001F525\nx", "title \U0001F525!\nx"),
    ("same", "same"),
    ("", "new\n"),
    ("abc", ""),
    ("aaaa", "aa"),
])
def test_text_edit_turns_one_text_into_the_other(before, after):
    edit = text_edit(before, after)
    lines = before.splitlines(keepends=True) + [""]

    def offset(position):
        start = sum(len(line) for line in lines[:position.line])
        text, counted = lines[position.line], 0
        for index, character in enumerate(text):
            if counted >= position.character:
                return start + index
            counted += units(character)
        return start + len(text)

    start, end = offset(edit.range.start), offset(edit.range.end)
    assert before[:start] + edit.new_text + before[end:] == after


def test_a_suppression_goes_at_the_end_of_a_body_line_only():
    text = "---\nid: PM-2026-001\n---\n\nIt was human error.   \r\nnext\n"
    lines = file_lines(text)
    silenced = suppressed_line(lines, text, _finding(5, 8))
    assert silenced == text.replace("error.   \r\n", "error. <!-- postmortem-lint disable-line=PM501 -->   \r\n")
    assert suppressed_line(lines, text, _finding(2, 1)) is None  # the frontmatter is YAML
    assert suppressed_line(lines, text, _finding(4, 1)) is None  # a blank line


def _summary(path, identifier=None, services=()):
    return DocSummary(path, identifier, 1, 5, services=services)


def test_the_buffer_replaces_its_file_in_the_corpus_in_path_order():
    disk = [_summary("a.md", "PM-1"), _summary("c.md", "PM-3")]
    assert [s.id for s in with_buffer(disk, _summary("a.md", "PM-9"))] == ["PM-9", "PM-3"]
    assert [s.path for s in with_buffer(disk, _summary("b.md", "PM-2"))] == ["a.md", "b.md", "c.md"]


def test_a_rescan_asked_for_during_a_scan_runs_once_after_it():
    release, started, done = threading.Event(), threading.Event(), threading.Event()
    calls = []

    def scan():
        calls.append(1)
        started.set()
        release.wait(5)
        return [_summary("a.md", "PM-1", ("checkout",)), _summary("b.md", "PM-1", ("auth", "checkout"))]

    index = CorpusIndex(scan, on_ready=done.set)
    assert not index.ready and index.summaries == []
    index.refresh()
    started.wait(5)
    index.refresh()
    index.refresh()
    release.set()
    assert done.wait(5)
    assert len(calls) == 2 and index.scans == 2
    assert index.ids() == {"PM-1": "a.md"} and index.services() == ["auth", "checkout"]


def test_a_failing_scan_is_told_and_keeps_the_last_corpus():
    told, done = [], threading.Event()
    index = CorpusIndex(lambda: 1 / 0, on_ready=done.set, on_error=told.append)
    index.refresh()
    assert done.wait(5)
    assert not index.ready and "ZeroDivisionError" in told[0]


def test_a_buffer_is_checked_as_lint_checks_its_file():
    """In process, every example: the server's check of the text equals `lint FILE`'s run."""
    import os

    from linter.engine import lint_paths
    from linter.server.checker import Checker
    from conftest import REPO

    config = load_config(None, str(REPO))
    checker = Checker(config)
    checker.corpus._summaries = checker.scan()  # as the background scan leaves it
    folder = os.path.join(config.root, "postmortems")
    for path in sorted(str(p) for p in (REPO / "postmortems").rglob("*.md")):
        text = open(path, encoding="utf-8").read()
        by_lint = lint_paths([path], config, corpus_paths=[folder, path]).findings
        assert checker.check(path, text).findings == by_lint


def test_a_buffer_over_its_budget_gets_lints_budget_finding(tmp_path):
    from linter import budget
    from linter.engine import Linter
    from linter.files import SourceFile

    config = load_config(None)
    config.file_budget = budget.FileBudget(seconds=1e-9, megabytes=1024)
    path = tmp_path / "slow.md"
    path.write_text("---\nid: PM-2026-001\n---\n# T\n" + "Some text.\n" * 200, encoding="utf-8")
    linter = Linter(config)
    from_text = linter.lint_text(str(path), path.read_text(encoding="utf-8"))
    from_file = linter.lint_file(SourceFile(str(path), str(path)))
    assert [f.code for f in from_text.findings] == [f.code for f in from_file.findings] == ["PM007"]


def test_the_checker_judges_deadlines_at_todays_date_on_a_long_run(monkeypatch):
    import time as real_time

    from linter.server import checker as checker_module

    day = ["2026-12-04"]

    class Clock:
        @staticmethod
        def gmtime():
            return real_time.strptime(day[0], "%Y-%m-%d")

        strftime = staticmethod(real_time.strftime)

    monkeypatch.setattr(checker_module, "time", Clock)
    checker = checker_module.Checker(load_config(None))
    first = checker.linter
    assert checker.linter is first  # one linter a day: its rules and selection are built once
    day[0] = "2026-12-05"
    assert checker.linter is not first


def test_a_buffer_over_the_size_limit_is_refused_as_the_file_is(tmp_path):
    from linter.document import MAX_FILE_BYTES
    from linter.engine import Linter
    from linter.files import SourceFile

    text = "---\nid: PM-2026-001\n---\n# T\n" + "\u00e9" * (MAX_FILE_BYTES // 2 + 1)  # 2 bytes a character
    path = tmp_path / "big.md"
    path.write_text(text, encoding="utf-8")
    linter = Linter(load_config(None))
    from_text = linter.lint_text(str(path), text).findings
    from_file = linter.lint_file(SourceFile(str(path), str(path))).findings
    assert [(f.code, f.message) for f in from_text] == [(f.code, f.message) for f in from_file]
    assert [f.code for f in from_text] == ["PM001"]


_PIECES = ["---", "id: PM-2026-001", "related: [PM-2026-00", "  - PM-", "severity: ", "services:", "  - ",
           "impact:", "  users_", "## Summary", "It was human error.", "<!-- postmortem-lint disable=PM501 -->",
           "\U0001F525 caf\u00e9", "", "  ", "- [ ] owner", "```", "key: [a, 'b"]


def test_no_editor_request_raises_on_any_text_or_position():
    """Whatever the buffer and wherever the cursor (past its end too), every feature answers."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from linter.server.actions import code_actions
    from linter.server.checker import Checker
    from linter.server.definition import definition
    from linter.server.hover import hover

    checker = Checker(load_config(None))
    config = checker.config

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=12), st.sampled_from(["\n", "\r\n"]),
           st.integers(0, 14), st.integers(0, 30), st.sampled_from([UTF8, UTF16, UTF32]))
    def check(pieces, newline, line, character, encoding):
        text = newline.join(pieces)
        lines = file_lines(text)
        position = types.Position(line, character)
        found = checker.check("/tmp/property.md", text).findings
        hover(found, lines, position, encoding)
        completions(lines, position, config, ["checkout"], ["PM-2026-002"], encoding)
        definition(lines, position, [_summary("b.md", "PM-2026-001")], lambda path: "file:///" + path, encoding)
        everything = types.Range(types.Position(0, 0), types.Position(len(lines), 0))
        for action in code_actions("file:///tmp/property.md", text, lines, everything, found,
                                   checker.with_fixes("/tmp/property.md", text),
                                   lambda other: checker.check("/tmp/property.md", other).findings, encoding):
            [edit] = action.edit.changes["file:///tmp/property.md"]
            assert edit.range.start.line <= edit.range.end.line

    check()


def test_other_commands_never_import_pygls():
    """`postmortem lint` from a pre-commit hook starts as fast as before: the server's
    dependencies load only for `postmortem server`."""
    import subprocess
    import sys

    from conftest import REPO

    probe = ("import sys; from linter.cli import build_parser; build_parser(); print(sorted(m for m in sys.modules "
             "if m.split('.')[0] in ('pygls', 'lsprotocol') or m.startswith('linter.server')))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_actions_of_the_kinds_asked_for():
    from linter.server.actions import FIX_ALL, fix_all, wanted_kind

    assert wanted_kind("quickfix", None) and wanted_kind(FIX_ALL, [])
    assert wanted_kind(FIX_ALL, ["source.fixAll"]) and wanted_kind(FIX_ALL, ["source"])
    assert not wanted_kind("quickfix", ["source.fixAll"]) and not wanted_kind(FIX_ALL, ["source.fix"])
    assert fix_all("file:///a.md", "same\n", "same\n") is None
    action = fix_all("file:///a.md", "a: 1 UTC\n", "a: 1Z\n")
    [edit] = action.edit.changes["file:///a.md"]
    assert action.kind == FIX_ALL and (edit.range.start.character, edit.new_text) == (4, "Z")
