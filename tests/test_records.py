"""Timelines from incident records: PagerDuty log entries, Opsgenie alert logs, Slack exports.

The fixtures in tests/fixtures/records/ follow the products' documented JSON shapes (written for
this project). ``postmortem timeline`` prints the section; ``postmortem new --timeline-from``
writes it, with the milestones in the frontmatter, and the file lints clean of timeline findings.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from linter.document import parse_text
from linter.lifecycle import lifecycle
from linter.milestones import MILESTONES
from linter.records import RecordError, detect, load, read_json
from linter.records import render
from linter.records.event import Event

RECORDS = FIXTURES / "records"
PAGERDUTY = RECORDS / "pagerduty-log-entries.json"
OPSGENIE = RECORDS / "opsgenie-alert-logs.json"
SLACK_FOLDER = RECORDS / "slack-export" / "inc-4821-search"
SLACK_HOSTILE = RECORDS / "slack-hostile.json"
ENTRY = re.compile(r"- (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC — ")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


# --- each format --------------------------------------------------------------------------------


def test_pagerduty_entries_in_utc_with_typed_milestones():
    kind, events = load(str(PAGERDUTY))
    assert kind == "pagerduty"
    assert [event.at for event in events] == sorted(event.at for event in events)
    assert events[0].text == "Triggered through the API." and events[0].actor == "search-api (Prometheus)"
    # The resolve entry is written with +01:00: converted, it is the last event, at 01:10:30 UTC.
    assert events[-1].at == utc("2026-04-08T01:10:30+00:00") and events[-1].milestone == "resolved_at"
    note = next(event for event in events if event.text.startswith("Note: "))
    assert "pausing the rebalance" in note.text and note.milestone is None  # notes carry channel.summary
    assert render.milestones(events) == {
        "detected_at": utc("2026-04-07T23:52:10+00:00"),
        "acknowledged_at": utc("2026-04-08T00:04:40+00:00"),
        "resolved_at": utc("2026-04-08T01:10:30+00:00"),
    }
    escalation = next(event for event in events if "Escalated" in event.text)
    assert escalation.milestone is None and escalation.actor == "Search on-call"


def test_opsgenie_logs_with_create_acknowledge_close():
    kind, events = load(str(OPSGENIE))
    assert kind == "opsgenie"
    assert {key: render.iso(moment) for key, moment in render.milestones(events).items()} == {
        "detected_at": "2026-03-02T14:06:31Z",
        "acknowledged_at": "2026-03-02T14:09:05Z",
        "resolved_at": "2026-03-02T15:02:10Z",
    }
    assert events[1].actor == "ana.costa@example.com" and events[1].milestone is None


@pytest.mark.parametrize("text, milestone", [
    ("Alert created via API", "detected_at"),
    ("Alert acknowledged via web", "acknowledged_at"),
    ("Alert unacknowledged via web", None),
    ("[Datadog] Alert closed by integration", "resolved_at"),
    ("Note added: the alert was closed too early last time", None),  # not Opsgenie's own action text
])
def test_opsgenie_milestones_come_only_from_the_action_text(text, milestone):
    from linter.records.opsgenie import milestone_of

    assert milestone_of(text) == milestone


def test_slack_folder_resolves_users_threads_bots_and_markup():
    kind, events = load(str(SLACK_FOLDER))
    assert kind == "slack"
    texts = [event.text for event in events]
    assert not any("joined the channel" in text for text in texts)  # joins are noise, and "joined" reads as an ack
    bot = events[0]
    assert bot.actor == "PagerDuty" and bot.text == "Triggered #4821: SearchLatencyHigh on search-api"  # from the attachment
    handoff = next(event for event in events if "can you take it" in event.text)
    assert handoff.actor == "Priya Raman"  # real_name from users.json
    assert "@Tomás O." in handoff.text  # an empty real_name falls back to the display name
    assert "the dashboard (https://grafana.example.com/d/search)" in handoff.text
    reply = next(event for event in events if event.text == "on it, investigating")
    assert reply.actor == "Tomás O. (in thread)"
    unknown = next(event for event in events if event.text.startswith("p99 back"))
    assert unknown.actor == "Lee Park" and unknown.text == "p99 back under 300ms & steady"  # user_profile; &amp; decoded
    # The question is not a detection; the statements are.
    question = next(event for event in events if event.text.endswith("?"))
    assert question.milestone is None
    # The paging bot's "Triggered #4821" is the detection (the milestone words read "triggered").
    assert {key: render.iso(moment) for key, moment in render.milestones(events).items()} == {
        "detected_at": "2026-04-07T23:52:10Z",
        "acknowledged_at": "2026-04-08T00:04:40Z",
        "mitigated_at": "2026-04-08T00:28:00Z",
        "resolved_at": "2026-04-08T01:10:30Z",
    }


def test_slack_day_file_alone_keeps_ids_without_users_json(tmp_path):
    day = tmp_path / "2026-04-08.json"
    shutil.copy(SLACK_FOLDER / "2026-04-08.json", day)
    _, events = load(str(day))
    assert events[0].actor == "U02TOMAS (in thread)"
    # ts is epoch seconds with microseconds, as a string
    assert events[0].at == datetime(2026, 4, 8, 0, 4, 40, 500, tzinfo=timezone.utc)


def test_slack_day_file_finds_users_json_at_the_export_root():
    _, events = load(str(SLACK_FOLDER / "2026-04-08.json"))
    assert events[0].actor == "Tomás O. (in thread)"


def test_slack_milestones_use_the_shared_word_patterns():
    from linter.records import slack
    from linter.records.slack import milestone_said

    assert slack.MILESTONES is MILESTONES  # one list of words, not a copy
    assert milestone_said("rolled back the deploy") == "mitigated_at"
    assert milestone_said("should we roll back?") is None
    assert milestone_said("lunch order placed") is None


def test_format_is_detected_from_content_not_name(tmp_path):
    disguised = tmp_path / "slack.json"
    shutil.copy(PAGERDUTY, disguised)
    assert load(str(disguised))[0] == "pagerduty"
    bare = read_json(str(OPSGENIE))["data"]
    assert detect(bare) == "opsgenie"  # a bare list of logs, without the response envelope
    assert detect(read_json(str(PAGERDUTY))["log_entries"]) == "pagerduty"


# --- bad records --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, message", [
    ("not-json.json", r"not-json\.json: not valid JSON: .* at line 3, column 1"),
    ("latin1.json", r"latin1\.json: not UTF-8 text"),
    ("pagerduty-bad-time.json", r"log entry 1 \(RBAD2\): 'created_at' 'yesterday at noon' is not an ISO 8601 timestamp"),
    ("pagerduty-no-zone.json", r"log entry 0 \(RNAIVE\): 'created_at' .* has no zone"),
    ("opsgenie-bad-log.json", r"log 1 \(offset 2\): 'log' is missing or not a str"),
    ("slack-bad-ts.json", r"message 1: 'ts' 'last tuesday' is not epoch seconds"),
    ("unknown-shape.json", r"unknown-shape\.json: not a record this reads"),
])
def test_bad_records_name_the_file_and_the_entry(name, message):
    with pytest.raises(RecordError, match=message):
        load(str(RECORDS / "bad" / name))
    result = run_cli("timeline", RECORDS / "bad" / name)
    assert result.code == 2 and result.out == ""
    assert re.search(message, result.err) and "Traceback" not in result.err


@pytest.mark.parametrize("content", ["[]", '{"log_entries": []}', "null", "[1, 2]", '{"data": [{"log": "x"}]}'])
def test_empty_or_foreign_json_is_a_clear_error(tmp_path, content):
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    result = run_cli("timeline", path)
    assert result.code == 2 and "record.json" in result.err and "Traceback" not in result.err


def test_missing_file_and_empty_folder(tmp_path):
    assert "cannot read it" in run_cli("timeline", tmp_path / "absent.json").err
    result = run_cli("timeline", tmp_path)
    assert result.code == 2 and "no Slack day-files" in result.err


# --- rendering ----------------------------------------------------------------------------------


def test_section_format_full_date_first_and_at_each_new_day():
    _, events = load(str(PAGERDUTY))
    lines = render.markdown(events).splitlines()
    assert lines[:4] == ["## Timeline", "", "All times UTC.", ""]
    entries = lines[4:]
    assert entries[0].startswith("- 2026-04-07 23:52 UTC — Triggered through the API. — search-api (Prometheus)")
    assert entries[2].startswith("- 2026-04-08 00:02 UTC — Escalated")  # the date changed
    assert entries[3].startswith("- 00:04 UTC — Acknowledged by Tomás Ortega.")
    assert all(ENTRY.match(line) for line in entries)


def test_hostile_text_cannot_inject_html_links_or_break_the_list():
    _, events = load(str(SLACK_HOSTILE))
    section = render.markdown(events)
    entries = section.splitlines()[4:]
    assert len(entries) == len(events) and all(ENTRY.match(line) for line in entries)  # one line each
    assert "<" not in section.replace("<!--", "") and "javascript:" not in section
    assert "{:" not in section and "`" not in section and "|" not in section
    assert "\u202e" not in section and "\\\\u202e" in section  # the bidi override is shown, not obeyed
    document = parse_text("hostile.md", section)
    assert len(document.timeline) == len(events)
    assert not [token for token in document.tokens if token.type in ("html_block", "html_inline", "link_open")]
    # The site's engine, with the extensions that read markup in text, makes no tag or attribute of it.
    import markdown

    html = markdown.markdown(section, extensions=["attr_list", "admonition", "pymdownx.inlinehilite", "tables"])
    assert re.findall(r"<(\w+)", html) == ["h2", "p", "ul"] + ["li"] * len(events)


def test_prose_data_colon_is_kept_but_a_data_url_is_removed():
    assert render.defang("data: none lost") == "data: none lost"
    assert render.defang("see data:text/html,<b>x") == f"see {render.REMOVED_URL}<b>x"
    assert render.defang("open <data: now") == f"open <{render.REMOVED_URL} now"
    assert render.defang("java%73cript:alert(1)") == f"{render.REMOVED_URL}(1)"


def test_out_of_order_milestones_are_left_out():
    at = lambda minute: datetime(2026, 4, 7, 10, minute, tzinfo=timezone.utc)  # noqa: E731
    events = [Event(at(1), "Acknowledged", milestone="acknowledged_at"),
              Event(at(5), "Triggered", milestone="detected_at"),
              Event(at(9), "Resolved", milestone="resolved_at")]
    assert render.milestones(events) == {"detected_at": at(5), "resolved_at": at(9)}


def test_long_text_is_truncated_on_one_line():
    event = Event(datetime(2026, 4, 7, tzinfo=timezone.utc), "word " * 400 + "\nlast")
    line = render.entry_line(event, True)
    assert "\n" not in line and line.endswith("…") and len(line) < render.MAX_TEXT + 40


# --- the CLI end to end -------------------------------------------------------------------------


def test_timeline_command_markdown_and_json():
    result = run_cli("timeline", OPSGENIE)
    assert result.code == 0, result.err
    assert result.out.startswith("## Timeline\n\nAll times UTC.\n\n- 2026-03-02 14:06 UTC — Alert created via API — System\n")
    result = run_cli("timeline", SLACK_FOLDER, "--format", "json")
    payload = json.loads(result.out)
    assert payload["format"] == "slack" and payload["milestones"]["resolved_at"] == "2026-04-08T01:10:30Z"
    assert payload["events"][0] == {"at": "2026-04-07T23:52:10Z", "text": "Triggered #4821: SearchLatencyHigh on search-api",
                                    "actor": "PagerDuty", "milestone": "detected_at"}
    assert payload["markdown"] == run_cli("timeline", SLACK_FOLDER).out


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new_from(record: Path, *extra: str) -> Path:
    result = run_cli("new", "Search latency after shard rebalance", "--severity", "SEV2", "--service", "search-api",
                     "--author", "@priya", "--timeline-from", record, *extra)
    assert result.code == 0, result.err
    return Path(result.out.strip())


@pytest.mark.parametrize("record", [PAGERDUTY, OPSGENIE, SLACK_FOLDER, SLACK_HOSTILE], ids=lambda path: path.name)
def test_new_with_timeline_from_lints_clean_of_timeline_findings(repo, record):
    path = new_from(record)
    text = path.read_text(encoding="utf-8")
    _, events = load(str(record))
    shown = render.milestones(events)
    document = parse_text(str(path), text)
    assert {key: render.iso(moment) for key, moment in lifecycle(document.meta).items()} == \
        {key: render.iso(moment) for key, moment in shown.items()}
    assert document.meta["date"] == events[0].at.date().isoformat()  # defaults to the day the record starts
    assert len(document.timeline) == len(events) and "<!-- One list item per event" not in text
    result = run_cli("lint", "--format", "json", path)
    findings = result.json()["findings"]
    timeline_or_times = [f for f in findings if f["code"].startswith(("PM3", "PM1", "PM8"))]
    # Only what the records cannot show is left to the author: the milestones they lack.
    missing = [label for key, (label, _) in MILESTONES.items() if key not in shown]
    for finding in timeline_or_times:
        assert finding["code"] == "PM306", finding
        assert re.fullmatch(r"the timeline shows no (\w+): add the entry, with its UTC time", finding["message"]).group(1) in missing
    assert (f"The records do not show the {', '.join(missing)}:" in text) == bool(missing)


def test_new_refuses_a_date_that_contradicts_the_records_start(repo, tmp_path):
    record = tmp_path / "record.json"
    record.write_text(json.dumps([{"ts": "1775605930.000100", "user": "U1", "text": "deploy started, errors rising"}]),
                      encoding="utf-8")
    result = run_cli("new", "Errors", "--severity", "SEV2", "--service", "api", "--timeline-from", record,
                     "--date", "2026-05-01")
    assert result.code == 2 and "starting on 2026-04-07" in result.err
    assert not (repo / "postmortems").exists()


def test_new_with_a_bad_record_writes_nothing(repo):
    result = run_cli("new", "Errors", "--severity", "SEV2", "--service", "api",
                     "--timeline-from", RECORDS / "bad" / "slack-bad-ts.json")
    assert result.code == 2 and "--timeline-from" in result.err and "message 1" in result.err
    assert not (repo / "postmortems").exists()


@pytest.mark.parametrize("record, message", [
    ([{"ts": "999999999999.1", "text": "far future"}], r"message 0: 'ts' .* is out of range"),
    ({"log_entries": [{"id": "RMAX", "type": "trigger_log_entry", "created_at": "9999-12-31T23:59:59-23:59"}]},
     r"log entry 0 \(RMAX\): 'created_at' .* is out of range"),
])
def test_out_of_range_times_are_clear_errors(tmp_path, record, message):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        load(str(path))


def test_fields_of_the_wrong_type_are_ignored_where_optional(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps([{"ts": "1775606000.0001", "text": "rolled back", "subtype": ["x"], "attachments": 3,
                                 "thread_ts": [], "user": {"id": "U1"}}]), encoding="utf-8")
    _, events = load(str(path))
    assert [(event.text, event.actor, event.milestone) for event in events] == [("rolled back", None, "mitigated_at")]


@pytest.mark.parametrize(("written", "expected"), [
    ("2026-04-07T23:52:10Z", "2026-04-07T23:52:10+00:00"),
    ("2026-03-02T14:06:31.41Z", "2026-03-02T14:06:31.410000+00:00"),
    ("2026-03-02T14:06:31.123456789+01:00", "2026-03-02T13:06:31.123456+00:00"),
])
def test_iso_times_read_the_same_on_every_supported_python(written, expected):
    from linter.records.event import iso_time

    assert iso_time(written, "f", "created_at").isoformat() == expected
