"""The document model: 1-based line maps, sections and aliases, timeline, action items, reading files."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import clean_text
from linter.document import MAX_FILE_BYTES, parse_text, read_document


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based number of the first line at or after ``start`` that contains ``needle``."""
    for number, line in enumerate(text.split("\n"), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


MIDNIGHT_TIMELINE = """\
- 2026-04-07 23:41 UTC — Failover starts; payment writes fail — Patroni
- 23:44 UTC — Alert `PaymentsApiWriteErrors` pages on-call — PagerDuty
  - a nested detail line, not an entry
- 2026-04-08 00:12 UTC — @sre/marta finds the stale DNS record
- 00:31 UTC — Record updated; writes recover — @sre/marta
- Later that night — Incident resolved
"""


def with_section(heading: str, body: str, text: str | None = None) -> str:
    text = text if text is not None else clean_text()
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1) + 1 or len(text)
    return text[:start] + f"## {heading}\n\n{body}\n" + text[end:]


# --- lines and sections ---------------------------------------------------------------------

def test_lines_sections_and_token_maps_are_file_lines():
    text = clean_text()
    document = parse_text("x.md", text)
    assert document.lines == text.rstrip("\n").split("\n")
    assert document.frontmatter.start_line == 1
    assert document.frontmatter.end_line == line_of(text, "---", 2)
    assert document.body_start_line == document.frontmatter.end_line + 1
    headings = [line[3:] for line in document.lines if line.startswith("## ")]
    assert [section.title for section in document.sections] == headings
    for section, following in zip(document.sections, document.sections[1:] + [None]):
        assert document.line_text(section.line) == f"## {section.title}"
        assert section.end_line == (following.line - 1 if following else len(document.lines))
    # markdown-it's 0-based maps equal file lines - 1, because the frontmatter is blanked, not cut.
    heading = next(token for token in document.tokens if token.type == "heading_open" and token.tag == "h2")
    assert heading.map[0] + 1 == line_of(text, "## Summary")
    assert document.line_text(0) == "" and document.line_text(len(document.lines) + 1) == ""


def test_section_aliases_and_unknown_sections():
    text = clean_text()
    for old, new in [("## Impact", "## User impact"), ("## Timeline", "## Timeline (UTC)"), ("## Root cause", "## Why"),
                     ("## Contributing factors", "## What made it worse:"), ("## What went wrong", "## What didn’t go well"),
                     ("## Action items", "## CORRECTIVE ACTIONS")]:
        text = text.replace(old + "\n", new + "\n")
    text = text.replace("## What went well", "## Raw notes\n\nRaw logs.\n\n## What went well")
    document = parse_text("x.md", text)
    assert [section.canonical for section in document.sections] == [
        "Summary", "Impact", "Timeline", "Root cause", "Contributing factors", None, "What went well",
        "What went wrong", "Action items"]
    assert document.section("Root cause").title == "Why"
    assert document.section("Lessons learned") is None


def test_a_top_level_heading_ends_a_section_and_comments_leave_it_empty():
    text = clean_text().replace("## What went wrong\n\n- Rollback took",
                                "## What went wrong\n\n<!-- hint: what slowed the response? -->\n\n# Appendix\n\n- Rollback took")
    document = parse_text("x.md", text)
    wrong = document.section("What went wrong")
    assert wrong.end_line == line_of(text, "# Appendix") - 1
    assert wrong.is_empty
    assert not document.section("What went well").is_empty


def test_prose_blanks_code_spans_and_keeps_line_numbers():
    text = clean_text()
    document = parse_text("x.md", text)
    prose = document.section("Root cause").prose()
    assert [line.line for line in prose] == list(range(line_of(text, "Pricing model v42 returns"), line_of(text, "was not human error") + 1))
    assert "price_quote" not in " ".join(line.text for line in prose)  # it is in a code span
    assert "schema accepts any positive number" in document.section("Root cause").text


def test_column_of_is_one_based():
    document = parse_text("x.md", clean_text())
    line = line_of(clean_text(), "- 03:19 UTC")
    assert document.column_of(line, "03:19") == 3
    assert document.column_of(line, "ALERT") == document.line_text(line).index("Alert") + 1
    assert document.column_of(line, "not there") == 1


# --- timeline -------------------------------------------------------------------------------

def test_timeline_entries_with_dates_times_and_midnight():
    text = with_section("Timeline", MIDNIGHT_TIMELINE)
    timeline = parse_text("x.md", text).timeline
    assert [entry.line for entry in timeline] == [line_of(text, line[:12]) for line in MIDNIGHT_TIMELINE.splitlines() if line.startswith("- ")]
    assert [entry.at for entry in timeline] == [utc(2026, 4, 7, 23, 41), utc(2026, 4, 7, 23, 44), utc(2026, 4, 8, 0, 12), utc(2026, 4, 8, 0, 31), None]
    assert [entry.date_inferred for entry in timeline] == [False, True, False, True, False]
    assert timeline[1].time.text == "23:44 UTC" and timeline[1].time.zone == "UTC"
    assert timeline[0].text.startswith("2026-04-07 23:41 UTC — Failover starts")
    assert timeline[-1].time is None


def test_bare_times_take_the_frontmatter_date():
    timeline = parse_text("x.md", clean_text()).timeline
    assert timeline[1].time.date is None
    assert timeline[1].at == utc(2026, 4, 7, 3, 17)


def test_without_any_date_times_stay_unresolved():
    text = with_section("Timeline", "- 03:15 UTC — Deploy\n- 03:19:30 UTC — Alert").replace('date: "2026-04-07"\n', "")
    timeline = parse_text("x.md", text).timeline
    assert [(entry.time.hour, entry.time.minute, entry.time.second, entry.at) for entry in timeline] == [(3, 15, 0, None), (3, 19, 30, None)]


def test_timeline_table_rows_are_entries_and_the_header_is_not():
    body = "| Time | Event |\n|---|---|\n| 2026-04-07 03:15 UTC | Deploy |\n| 03:19 UTC | Alert pages on-call |"
    text = with_section("Timeline", body)
    timeline = parse_text("x.md", text).timeline
    assert [(entry.line, entry.text) for entry in timeline] == [
        (line_of(text, "| 2026-04-07 03:15"), "2026-04-07 03:15 UTC — Deploy"),
        (line_of(text, "| 03:19 UTC"), "03:19 UTC — Alert pages on-call"),
    ]
    assert timeline[1].at == utc(2026, 4, 7, 3, 19)


@pytest.mark.parametrize(("written", "hour", "zone", "twelve_hour"), [
    ("**03:15 UTC** — x", 3, "UTC", False),
    ("`03:15:00Z` — x", 3, "Z", False),
    ("2026-04-07T03:15Z — x", 3, "Z", False),
    ("8:15 PM PST — x", 8, "PST", True),
    ("03:15 +02:00 — x", 3, "+02:00", False),
    ("03:15 — x", 3, None, False),
])
def test_entry_timestamp_forms(written, hour, zone, twelve_hour):
    entry = parse_text("x.md", with_section("Timeline", f"- {written}")).timeline[0]
    assert (entry.time.hour, entry.time.zone, entry.time.twelve_hour) == (hour, zone, twelve_hour)


# --- action items ---------------------------------------------------------------------------

def test_action_items_from_a_table_with_cell_locations():
    text = clean_text()
    items = parse_text("x.md", text).action_items
    assert len(items) == 4
    first = items[0]
    row = first.line
    assert row == line_of(text, "| Reject quotes below $0.50")
    assert first.get("action") == "Reject quotes below $0.50 in `price_quote` validation"
    assert (first.get("owner"), first.get("due"), first.get("priority"), first.get("link")) == ("@jane", "2026-04-14", "P0", "PR #2341")
    raw = text.split("\n")[row - 1]
    for name in ("action", "owner", "due", "priority", "status", "link"):
        cell = first.fields[name]
        assert cell.line == row
        assert raw[cell.column - 1:].startswith(cell.text), name
    assert first.done and not items[1].done
    assert first.source == "table" and first.checked is None


def test_action_items_from_a_checklist():
    body = ("- [x] Reject quotes below $0.50 in `price_quote` — @jane — due 2026-04-14 — P0 — PR #2341\n"
            "- [ ] Add the cents SKUs to `evals/pricing/units.yaml` — owner: @omar — by 2026-04-17 — priority: P1\n"
            "  continued on a second line, which is not a new item\n"
            "- [ ] Page on `price_quote_cents_ratio` above 1% — TBD — 2026-04-21 — high")
    text = with_section("Action items", body)
    items = parse_text("x.md", text).action_items
    assert [(item.get("owner"), item.get("due"), item.get("priority"), item.done) for item in items] == [
        ("@jane", "2026-04-14", "P0", True), ("@omar", "2026-04-17", "P1", False), ("TBD", "2026-04-21", "high", False)]
    assert items[0].get("link") == "PR #2341"
    assert items[1].get("action") == "Add the cents SKUs to `evals/pricing/units.yaml`"
    assert [item.line for item in items] == [line_of(text, "- [x] Reject"), line_of(text, "- [ ] Add the cents"), line_of(text, "- [ ] Page on")]
    raw = text.split("\n")[items[2].line - 1]
    assert raw[items[2].fields["owner"].column - 1:].startswith("TBD")


def test_action_table_column_aliases():
    body = "| Action item | Assignee | Due date | Prio | Ticket | State |\n|---|---|---|---|---|---|\n| Do X in `a.py` | @bob | 2026-05-01 | P2 | OPS-1 | closed |"
    item = parse_text("x.md", with_section("Action items", body)).action_items[0]
    assert (item.get("owner"), item.get("due"), item.get("priority"), item.get("link"), item.done) == ("@bob", "2026-05-01", "P2", "OPS-1", True)


# --- reading files --------------------------------------------------------------------------

def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "2026-04-07-x.md"
    path.write_bytes(b"\xef\xbb\xbf" + clean_text().replace("\n", "\r\n").encode("utf-8"))
    document = read_document(str(path))
    plain = parse_text("x.md", clean_text())
    assert document.read_error is None
    assert document.meta == plain.meta
    assert document.lines == plain.lines
    assert [(s.title, s.line) for s in document.sections] == [(s.title, s.line) for s in plain.sections]
    assert [(e.line, e.at) for e in document.timeline] == [(e.line, e.at) for e in plain.timeline]


@pytest.mark.parametrize(("content", "message", "line"), [
    ("---\ntitle: Caf\xe9\n---\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9", 2),
    (b"---\nid: x\n\n\x00\x00", "NUL bytes", 4),
    (b"x" * (MAX_FILE_BYTES + 1), "larger than", 1),
    # Saved as "Unicode" by a Windows editor: named as what it is, not "binary".
    ("---\ntitle: x\n---\n".encode("utf-16"), "UTF-16 (little-endian), with a byte-order mark, not UTF-8", 1),
    ("---\ntitle: x\n---\n".encode("utf-16-be"), "UTF-16 (big-endian), without a byte-order mark", 1),
    ("---\ntitle: x\n---\n".encode("utf-16-le"), "UTF-16 (little-endian), without a byte-order mark", 1),
    ("---\ntitle: x\n---\n".encode("utf-32"), "UTF-32 (little-endian), with a byte-order mark", 1),
    (b"\xfe\xff" + "---\ntitle: café\n---\n".encode("utf-16-be"), "UTF-16 (big-endian), with a byte-order mark", 1),
])
def test_unreadable_files_become_documents_with_a_read_error(tmp_path, content, message, line):
    path = tmp_path / "2026-04-07-x.md"
    path.write_bytes(content)
    document = read_document(str(path), "shown/path.md")
    assert message in document.read_error
    assert document.read_error_line == line
    assert document.path == "shown/path.md"
    assert (document.lines, document.sections, document.meta, document.timeline) == ([], [], {}, [])


def test_release_tokens_keeps_what_reports_read():
    document = parse_text("x.md", clean_text())
    timeline, items = document.timeline, document.action_items
    texts = [section.text for section in document.sections]
    document.release_tokens()
    assert document.tokens == []
    assert document.timeline is timeline and document.action_items is items
    assert [section.text for section in document.sections] == texts


def test_no_frontmatter_and_empty_file():
    document = parse_text("x.md", "# Title\n\n## Summary\n\nText.\n")
    assert document.frontmatter is None and document.meta == {} and document.body_start_line == 1
    assert document.section("Summary").line == 3
    empty = parse_text("x.md", "")
    assert (empty.lines, empty.sections, empty.timeline, empty.action_items) == ([], [], [], [])
