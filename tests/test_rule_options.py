"""Rule options: declared by the rule, validated from ``[tool.postmortem.rules.RULE]``, documented.

PM603 postmortem-deadline is the worked example: its module declares ``review-days`` and
``publish-days``; nothing else names them.
"""

from __future__ import annotations

import pytest

from conftest import clean_text, run_cli
from linter.config import ConfigError, from_mapping
from linter.rules import BY_CODE

RESOLVED = "2026-04-07"  # clean_text's resolved_at


def _draft(tmp_path, status: str = "draft"):
    path = tmp_path / "postmortems" / "2026-04-07-checkout-errors.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(clean_text().replace("status: published", f"status: {status}", 1), encoding="utf-8")
    return path


def _deadline_messages(tmp_path, config_text: str, today: str, status: str = "draft") -> list[str]:
    path = _draft(tmp_path, status)
    config = tmp_path / ".postmortem.toml"
    config.write_text(config_text, encoding="utf-8")
    result = run_cli("lint", "--format", "json", "--select", "PM603", "--config", config, "--today", today, path)
    assert result.code == 0, result.err  # a warning
    return [finding["message"] for finding in result.json()["findings"]]


def test_the_defaults_review_in_two_days_publish_in_five(tmp_path):
    assert _deadline_messages(tmp_path, "", "2026-04-09") == []  # 2 days: on time
    assert "due for review within 2 days" in _deadline_messages(tmp_path, "", "2026-04-10")[0]
    assert _deadline_messages(tmp_path, "", "2026-04-10", status="in-review") == []
    late = _deadline_messages(tmp_path, "", "2026-04-13", status="in-review")
    assert len(late) == 1 and "6 days after" in late[0] and "within 5 days" in late[0]


def test_configured_deadlines_change_the_judgement(tmp_path):
    config = "[rules.postmortem-deadline]\nreview-days = 7\npublish-days = 14\n"
    assert _deadline_messages(tmp_path, config, "2026-04-13") == []
    assert "within 7 days" in _deadline_messages(tmp_path, config, "2026-04-15")[0]
    by_code = "[rules.PM603]\npublish-days = 1\n"  # a code selects the rule too
    assert "within 1 days" in _deadline_messages(tmp_path, by_code, "2026-04-09", status="in-review")[0]


def test_source_date_epoch_is_today_when_no_flag(tmp_path, monkeypatch):
    path = _draft(tmp_path)
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775606400")  # 2026-04-08
    monkeypatch.chdir(tmp_path)
    assert run_cli("lint", "--format", "json", "--select", "PM603", path).json()["findings"] == []


@pytest.mark.parametrize(("table", "message"), [
    ({"postmortem-deadlne": {"review-days": 3}}, "no rule code or name; did you mean 'postmortem-deadline'"),
    ({"postmortem-deadline": {"review-dayz": 3}}, "'review-dayz' is not an option of PM603 postmortem-deadline (its options: review-days, publish-days)"),
    ({"postmortem-deadline": {"review-days": "2"}}, "'review-days' must be a whole number"),
    ({"postmortem-deadline": {"review-days": -1}}, "'review-days' must be at least 0"),
    ({"postmortem-deadline": {"review-days": True}}, "'review-days' must be a whole number"),
    ({"action-item-vague": {"max": 3}}, "is not an option of PM405 action-item-vague (it has no options)"),
    ({"postmortem-deadline": 3}, "must be a table of option = value"),
])
def test_bad_rule_options_are_configuration_errors(table, message):
    with pytest.raises(ConfigError, match=None) as raised:
        from_mapping({"rules": table}, "pyproject.toml")
    assert message in str(raised.value)


def test_a_bad_option_on_the_command_line_exits_2(tmp_path):
    config = tmp_path / ".postmortem.toml"
    config.write_text("[rules.postmortem-deadline]\npublish-days = 'soon'\n", encoding="utf-8")
    result = run_cli("lint", "--config", config, _draft(tmp_path))
    assert result.code == 2 and "'publish-days' must be a whole number" in result.err


def test_the_docs_list_the_options_from_the_declaration():
    rule = BY_CODE["PM603"]
    explained = run_cli("explain", "PM603").out
    reference = run_cli("rules", "--format", "markdown").out
    for option in rule.options:
        assert f"| `{option.key}` | `{option.default}` | {option.doc} |" in explained
        assert f"| `{option.key}` | `{option.default}` | {option.doc} |" in reference
    assert "[tool.postmortem.rules.postmortem-deadline]" in explained


def test_bad_today_is_a_usage_error(tmp_path):
    result = run_cli("lint", "--today", "tomorrow", _draft(tmp_path))
    assert result.code == 2 and "not a date" in result.err


def test_a_draft_a_year_old_is_most_likely_an_import(tmp_path):
    message = _deadline_messages(tmp_path, "", "2027-06-01")[0]
    assert "imported" in message and "status: published" in message


@pytest.mark.parametrize("config_text, reported", [
    ("", False),  # 3 sentences: within the default
    ("[rules.summary-too-long]\nmax-sentences = 2\n", False),  # one over, within the word budget
    ("[rules.summary-too-long]\nmax-sentences = 2\nword-budget = 0\n", True),  # no sentence over allowed
    ("[rules.PM205]\nmax-sentences = 1\n", True),  # two over
])
def test_summary_length_options(tmp_path, config_text, reported):
    path = tmp_path / "postmortems" / "2026-04-07-checkout-errors.md"
    path.parent.mkdir(parents=True)
    path.write_text(clean_text(), encoding="utf-8")  # its summary: 3 sentences, 34 words
    config = tmp_path / ".postmortem.toml"
    config.write_text(config_text, encoding="utf-8")
    result = run_cli("lint", "--format", "json", "--select", "PM205", "--config", config, path)
    messages = [finding["message"] for finding in result.json()["findings"]]
    assert bool(messages) == reported, messages
    if reported:
        assert "keep it to " in messages[0] and "the summary has 3 sentences" in messages[0]
