"""PM705 repeat-incident, and the note severity it reports at: for reviewers, never a failure."""

from __future__ import annotations

import json
import re
import subprocess

import jsonschema
import pytest

from conftest import TESTS, clean_text, run_cli

SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EARLIER = "2026-04-07-checkout-errors-after-pricing-update.md"
DRAFT = "2026-05-07-checkout-errors-again.md"


def _draft(text: str, replacements: dict[str, str] | None = None) -> str:
    """The clean postmortem a month later, under review (no resolved_at: PM603 has nothing to judge)."""
    text = text.replace("2026-05-01", "2026-06-01").replace("2026-04", "2026-05").replace("id: PM-2026-014", "id: PM-2026-020")
    text = text.replace("status: published", "status: in-review")
    text = re.sub(r'resolved_at: "[^"]*"\n', "", text)
    for old, new in (replacements or {}).items():
        text = text.replace(old, new)
    return text


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / EARLIER).write_text(clean_text(), encoding="utf-8")
    (folder / DRAFT).write_text(_draft(clean_text()), encoding="utf-8")
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _lint(*args: str):
    return run_cli("lint", "--config", ".postmortem.toml", *args)


def test_the_note_names_the_earlier_incident_and_its_open_items_and_never_fails(corpus):
    for strict in ((), ("--strict",)):
        result = _lint("--format", "json", "--today", "2026-05-20", *strict, "postmortems")
        assert result.code == 0, result.out
        report = result.json()
        assert (report["errors"], report["warnings"], report["notes"]) == (0, 0, 1)
    (finding,) = report["findings"]
    assert (finding["code"], finding["severity"], finding["line"]) == ("PM705", "note", 20)
    assert finding["path"].endswith(DRAFT)
    message = finding["message"]
    assert message.startswith("repeats 1 earlier model incident on checkout, pricing-agent: PM-2026-014 (2026-04-07).")
    assert '"Add a regression eval case with the 40 SKUs' in message and "(@omar, due 2026-04-17: 33 days overdue)" in message
    assert "(@dana, due 2026-05-01: 19 days overdue)" in message
    assert "Reject quotes below" not in message  # done


def test_each_format_carries_it_as_a_note(corpus):
    text = _lint("--format", "text", "--today", "2026-05-20", "postmortems")
    assert f"{DRAFT}:20:22: PM705 repeat-incident [note] repeats 1 earlier" in text.out
    assert text.out.rstrip().endswith("no errors or warnings; 1 note for reviewers.")
    github = _lint("--format", "github", "--today", "2026-05-20", "postmortems")
    assert re.search(rf"^::notice file=postmortems/{DRAFT},line=20,col=22,title=PM705 repeat-incident::repeats", github.out, re.M)
    log = json.loads(_lint("--format", "sarif", "--today", "2026-05-20", "postmortems").out)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    assert not list(validator.iter_errors(log))
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "note" and result["ruleId"] == "PM705"
    rule = next(rule for rule in log["runs"][0]["tool"]["driver"]["rules"] if rule["id"] == "PM705")
    assert rule["defaultConfiguration"]["level"] == "note"


@pytest.mark.parametrize("change, expected", [
    ({"root_cause_category: model": "root_cause_category: deploy"}, None),  # another cause: no repeat
    ({"services: [checkout, pricing-agent]": "services: [search]"}, None),  # no shared service
    ({"status: in-review": "status: published", 'mitigated_at: "2026-05-07T03:59:00Z"':
      'mitigated_at: "2026-05-07T03:59:00Z"\nresolved_at: "2026-05-07T05:10:00Z"'}, None),  # reviewed already
    ({}, "PM705"),
])
def test_only_a_postmortem_under_review_that_repeats_a_cause_on_a_shared_service(corpus, change, expected):
    (corpus / DRAFT).write_text(_draft(clean_text(), change), encoding="utf-8")
    findings = _lint("--format", "json", "--today", "2026-05-20", "postmortems").json()["findings"]
    assert [f["code"] for f in findings] == ([expected] if expected else []), findings


def test_the_earlier_incident_with_every_item_done_or_none(corpus):
    earlier = clean_text().replace("| open |", "| done |")
    (corpus / EARLIER).write_text(earlier, encoding="utf-8")
    message = _lint("--format", "json", "--today", "2026-05-20", "postmortems").json()["findings"][0]["message"]
    assert message.endswith("PM-2026-014's 4 action items are done: say why they did not prevent this one.")


def test_an_earlier_draft_is_not_reported_on_by_a_later_one_and_the_order_is_by_date(corpus):
    """The earlier file, made a draft too, is not a repeat of the later one."""
    earlier = re.sub(r'resolved_at: "[^"]*"\n', "", clean_text().replace("status: published", "status: draft"))
    (corpus / EARLIER).write_text(earlier, encoding="utf-8")
    findings = _lint("--format", "json", "--today", "2026-05-20", "postmortems").json()["findings"]
    assert [(f["code"], f["path"].rsplit("/", 1)[-1]) for f in findings] == [("PM705", DRAFT)]


def test_the_statuses_option_and_the_severity_setting(corpus):
    (corpus.parent / ".postmortem.toml").write_text('[rules.repeat-incident]\nstatuses = ["draft"]\n', encoding="utf-8")
    assert _lint("--format", "json", "--today", "2026-05-20", "postmortems").json()["findings"] == []
    (corpus.parent / ".postmortem.toml").write_text('[severity]\nPM705 = "warning"\n', encoding="utf-8")
    result = _lint("--format", "json", "--today", "2026-05-20", "--strict", "postmortems")
    assert result.code == 1 and result.json()["warnings"] == 1


def test_a_changed_files_run_notes_the_changed_postmortem_only(corpus):
    def git(*args):
        subprocess.run(["git", *args], cwd=corpus.parent, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "postmortems/" + EARLIER, ".postmortem.toml")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "earlier")
    git("checkout", "-q", "-b", "review")
    git("add", "postmortems/" + DRAFT)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "the draft")
    result = _lint("--format", "json", "--today", "2026-05-20", "--changed-since", "main")
    assert result.code == 0, result.err
    assert [(f["code"], f["path"].rsplit("/", 1)[-1]) for f in result.json()["findings"]] == [("PM705", DRAFT)]
    # The earlier file was not linted: its open items are read from it, and say the same as when
    # the run parsed it (where they come from its summary).
    full = _lint("--format", "json", "--today", "2026-05-20", "postmortems")
    assert result.json()["findings"][0]["message"] == full.json()["findings"][0]["message"]
    assert "Still open from PM-2026-014" in full.json()["findings"][0]["message"]
