"""``postmortem actions``: every action item, filtered, exported for Jira and Linear, as a digest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import run_cli
from gate_helpers import postmortem
from linter.reports.follow_ups import parse_within
from linter.reports.formatting import prose

TODAY = "2026-04-20"  # PM-2026-001's items: done 04-14, open 04-17 (overdue 3 d), open 04-21, open 05-01
SECOND_ITEMS = """## Action items

| Action | Owner | Due | Priority | Status | Link |
|---|---|---|---|---|---|
| =HYPERLINK("http://attacker.example/","Click") to add the `cart_total` check | @payments/bob | 2026-04-19 | P0 | open | OPS-200 |
| Document the rollback in `runbooks/pricing.md` | @carol | 2026-06-30 | P3 | open | |
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    (folder / "2026-04-07-first.md").write_text(postmortem("PM-2026-001"), encoding="utf-8")
    second = postmortem("PM-2026-002").replace('date: "2026-04-07"', 'date: "2026-04-09"', 1)
    second = second[:second.index("## Action items")] + SECOND_ITEMS
    (folder / "2026-04-09-second.md").write_text(second, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return folder


def _json(*options: str) -> list[dict]:
    result = run_cli("actions", "--today", TODAY, "--format", "json", *options)
    assert result.code == 0, result.err
    return json.loads(result.out)["action_items"]


def test_every_item_with_its_incident_owner_due_priority_status_and_link(corpus):
    items = _json()
    assert [(item["incident"], item["owner"], item["due"]) for item in items][:2] == [
        ("PM-2026-001", "@jane", "2026-04-14"), ("PM-2026-001", "@omar", "2026-04-17")]
    assert len(items) == 6
    first = items[0]
    assert (first["priority"], first["status"], first["done"], first["link"]) == ("P0", "done", True, "PR #2341")
    assert first["path"].endswith("2026-04-07-first.md") and first["line"] > 0


def test_filters_open_overdue_due_within_and_owner(corpus):
    assert len(_json("--open")) == 5
    assert [(item["owner"], item["overdue_days"]) for item in _json("--overdue")] == [("@omar", 3), ("@payments/bob", 1)]
    assert {item["owner"] for item in _json("--due-within", "2d")} == {"@omar", "@bob", "@payments/bob"}
    assert [item["owner"] for item in _json("--owner", "payments/bob", "--owner", "@CAROL")] == ["@payments/bob", "@carol"]


def test_jira_csv_maps_to_jira_fields_and_defuses_formulas(corpus):
    result = run_cli("actions", "--today", TODAY, "--format", "jira-csv", "--open")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == ["Summary", "Description", "Issue Type", "Assignee", "Due Date", "Priority", "Status", "Labels", "Labels"]
    by_summary = {row[0]: row for row in rows[1:]}
    formula = next(row for summary, row in by_summary.items() if "HYPERLINK" in summary)
    assert formula[0].startswith("'=")  # a spreadsheet shows it as text, never runs it
    assert formula[3:7] == ["payments/bob", "2026-04-19", "Highest", "To Do"]
    assert formula[7:] == ["postmortem", "PM-2026-002"]
    assert "PM-2026-002" in formula[1] and "line" in formula[1] and "OPS-200" in formula[1]


def test_linear_csv_uses_linear_s_columns_and_values(corpus):
    result = run_cli("actions", "--today", TODAY, "--format", "linear-csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == ["Title", "Description", "Status", "Priority", "Assignee", "Labels", "Created", "Due Date"]
    assert {row["Status"] for row in rows} == {"Done", "Todo"}
    assert {row["Priority"] for row in rows} <= {"Urgent", "High", "Medium", "Low", "No priority"}
    assert rows[0]["Labels"] == "postmortem, PM-2026-001" and rows[0]["Created"] == "2026-04-07"


def test_the_digest_lists_overdue_then_due_soon_and_keeps_code_spans(corpus):
    result = run_cli("actions", "--today", TODAY, "--format", "markdown", "--due-within", "14d")
    digest = result.out
    assert digest.index("## Overdue: 2") < digest.index("## Due soon: 2")  # 04-21 and 05-01
    assert "`evals/pricing/units.yaml`" in digest and "\\`evals" not in digest
    assert "runbooks/pricing.md" not in digest  # due 2026-06-30: not within 14 days


def test_bad_due_within_is_a_usage_error(corpus):
    result = run_cli("actions", "--due-within", "soon")
    assert result.code == 2 and "14d" in result.err


@pytest.mark.parametrize(("value", "days"), [("14d", 14), ("2w", 14), ("7", 7), (" 3 D ", 3)])
def test_due_within_reads_days_and_weeks(value, days):
    assert parse_within(value) == days


@pytest.mark.parametrize(("value", "shown"), [
    ("set `percent_off` to 15", "set `percent_off` to 15"),
    ("`<img src=x onerror=alert(1)>`", "`<img src=x onerror=alert(1)>`"),  # literal inside a code span
    ("<b>bold</b> and `a|b`", "&lt;b&gt;bold&lt;/b&gt; and \\`a\\|b\\`"),  # a pipe would split a table cell
    ("# heading `x`", "&#35; heading `x`"),
    ("unclosed `span", "unclosed \\`span"),
])
def test_prose_keeps_code_spans_and_escapes_everything_else(value, shown):
    assert prose(value) == shown


def test_ticket_keys_become_links_through_the_configured_template(corpus):
    (corpus.parent / ".postmortem.toml").write_text(
        '[reports]\nticket-url = "https://tracker.example.com/browse/{}"\n', encoding="utf-8")
    urls = {item["link"]: item["url"] for item in _json() if item["link"]}
    assert urls["OPS-118"] == "https://tracker.example.com/browse/OPS-118"
    assert urls["PR #2341"] is None  # not a ticket key: left as text
    report = run_cli("report", "--today", TODAY)
    assert "[OPS-200](https://tracker.example.com/browse/OPS-200)" in report.out  # overdue on 04-20: listed


@pytest.mark.parametrize("template", ['"https://tracker.example.com/browse/"', '"javascript:alert(1)//{}"', "3"])
def test_a_bad_ticket_url_is_a_configuration_error(corpus, template):
    (corpus.parent / ".postmortem.toml").write_text(f"[reports]\nticket-url = {template}\n", encoding="utf-8")
    result = run_cli("actions")
    assert result.code == 2 and "ticket-url" in result.err
