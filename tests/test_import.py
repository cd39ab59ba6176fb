"""``postmortem import``: foreign postmortems (fixtures in tests/fixtures/import, one per shape)
become files in the format, with every inferred value traced to its input line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from linter.importer import import_text

IMPORT = FIXTURES / "import"


def _import(name: str, **options):
    path = IMPORT / name
    return import_text(str(path), path.read_text(encoding="utf-8"), **options)


def _values(result) -> dict:
    return {key: value for key, value, _ in result.inferred}


def _lines(result) -> dict:
    return {key: line for key, _, line in result.inferred}


def test_google_sre_template_frontmatter_from_its_text():
    result = _import("google-sre-search-latency.md")
    values = _values(result)
    assert values["title"] == "Search results slow for EU shoppers"
    assert values["date"] == "2025-05-12"
    assert values["severity"] == "SEV2"
    assert values["authors"] == ["@mira", "dana@example.com"]
    assert values["started_at"] == "2025-05-12T14:00:00Z"
    assert values["detected_at"] == "2025-05-12T14:04:00Z"
    assert values["acknowledged_at"] == "2025-05-12T14:09:00Z"
    assert values["mitigated_at"] == "2025-05-12T14:47:00Z"
    assert values["resolved_at"] == "2025-05-12T15:30:00Z"
    assert values["impact.users_affected"] == 12400 and values["impact.support_tickets"] == 31
    assert values["detection"] == "alert"
    assert _lines(result)["severity"] == 7 and _lines(result)["started_at"] == 58
    assert result.file_name == "2025-05-12-search-results-slow-for-eu-shoppers.md"
    assert ("Root Causes" in [heading for _, heading, section in result.sections if section == "Root cause"])
    assert not any("declares no zone" in note for note in result.left_for_author)  # "All times UTC."


def test_atlassian_template_with_foreign_yaml_keeps_unmapped_keys_as_a_comment():
    result = _import("atlassian-login-outage.md")
    values = _values(result)
    assert values["title"] == "Login outage after a certificate rotation"
    assert values["authors"] == ["@ops/lee"] and values["tags"] == ["auth", "tls"]
    assert values["detection"] == "customer-report"
    assert values["impact.users_affected"] == 3000
    assert "acknowledged_at" not in values  # no entry says so: left, not guessed
    assert any(note.startswith("acknowledged_at:") for note in result.left_for_author)
    comment = result.text[result.text.index("<!--"):result.text.index("-->")]
    assert "layout: post" in comment and "permalink: /incidents/login-outage/" in comment
    assert "author:" not in comment  # mapped keys are not repeated


def test_pagerduty_template_with_toml_frontmatter_maps_severity_through_the_scheme():
    result = _import("pagerduty-webhooks-delayed.md")
    values = _values(result)
    assert values["severity"] == "SEV2"  # P2 in the document, SEV2 in the configured scheme
    assert values["services"] == ["webhooks", "queue"]
    assert values["incident_commander"] == "@sam"
    assert values["date"] == "2023-08-21"
    assert "draft = false" in result.text  # the unmapped TOML key, kept as written
    assert "+++" not in result.text


def test_severity_maps_onto_a_configured_p_scheme():
    from linter.config import Config

    result = _import("pagerduty-webhooks-delayed.md", config=Config(severities=["P1", "P2", "P3", "P4"]))
    assert _values(result)["severity"] == "P2"


def test_erb_wrapped_key_events_give_the_lifecycle_and_erb_tags_become_comments():
    result = _import("2023-05-04-queue-backlog.html.md.erb")
    values = _values(result)
    assert values["title"] == "Queue backlog"
    assert values["detected_at"] == "2023-05-04T09:12:00Z"
    assert values["acknowledged_at"] == "2023-05-04T09:20:00Z"
    assert values["mitigated_at"] == "2023-05-04T10:02:00Z"
    assert values["resolved_at"] == "2023-05-04T10:30:00Z"
    assert values["detection"] == "alert"
    # "Time to repair" runs from detection here, and the key events give no start to check it
    # against: not written as started_at → mitigated_at, but kept, commented out, for the author.
    assert "impact.duration_minutes" not in values
    assert "  duration_minutes: \"TODO\"\n#   duration_minutes: 50   # not written: 'Time to repair: 0h 50m'" in result.text
    assert any(note.startswith("impact.duration_minutes: 'Time to repair") for note in result.left_for_author)
    assert "<%" not in result.text and '<!-- erb: link_to "the runbook", runbook_path -->' in result.text
    assert "weight: 12" in result.text
    assert any("declares no zone" in note for note in result.left_for_author)


def test_myst_frontmatter_authors_and_directives_kept():
    result = _import("myst-disk-full.md")
    values = _values(result)
    assert values["authors"] == ["ana@example.org"] and values["title"] == "Disk full on the notebook server"
    assert "```{note}" in result.text and "(disk-full-2020)=" in result.text
    assert "kernelspec: python3" in result.text


def test_local_zone_is_converted_by_the_timeline_parser():
    result = _import("cache-flush-local-zone.md")
    values = _values(result)
    assert values["started_at"] == "2021-03-04T09:00:00Z"  # 10:00 CET
    assert values["date"] == "2021-03-04"
    assert "times are in CET (Europe/Berlin) (line" in result.text


def test_zone_option_is_applied_by_the_parser(tmp_path):
    result = _import("no-zone-declared.md", zone="America/Los_Angeles")
    values = _values(result)
    assert values["started_at"] == "2024-07-02T06:30:00Z"  # 23:30 PDT
    assert values["date"] == "2024-07-02"
    # The zone travels with the file: the linter reads the bare times in it, so the converted
    # lifecycle timestamps agree with the timeline instead of being an hour (or seven) off.
    assert 'timezone: "America/Los_Angeles"' in result.text.split("---")[1]
    (tmp_path / result.file_name).write_text(result.text, encoding="utf-8")
    linted = run_cli("lint", str(tmp_path / result.file_name)).out
    assert "PM307" not in linted and "has no entry at" not in linted
    assert "America/Los_Angeles" in next(line for line in linted.splitlines() if "PM303" in line)
    assert "the zone given to the import" in result.text
    assert not any("declares no zone" in note for note in result.left_for_author)


def test_no_zone_and_no_option_reads_utc_and_says_so():
    result = _import("no-zone-declared.md")
    assert _values(result)["mitigated_at"] == "2024-07-02T00:10:00Z"
    assert any("declares no zone" in note for note in result.left_for_author)


def test_heading_per_entry_timeline_never_gives_a_wrong_time():
    result = _import("2022-02-14-builds-failing.md")
    values = _values(result)
    assert values["title"] == "builds failing" and values["date"] == "2022-02-14"
    for key, expected in (("started_at", "2022-02-14T08:10:00Z"), ("mitigated_at", "2022-02-14T10:05:00Z")):
        assert values.get(key, expected) == expected


def test_uninferred_values_are_placeholders_the_linter_reports(tmp_path, lint):
    result = _import("2022-02-14-builds-failing.md")
    assert 'severity: "TODO"' in result.text and '- "@TODO"' in result.text
    path = tmp_path / result.file_name
    path.write_text(result.text, encoding="utf-8")
    _, findings = lint(str(path))
    reported = {(finding["code"], finding["line"]) for finding in findings}
    severity_line = result.text.split("\n").index('severity: "TODO"') + 1
    # Reported once, as a placeholder: not again as a severity outside the scheme.
    assert ("PM204", severity_line) in reported and ("PM102", severity_line) not in reported


def test_body_is_kept_as_written_and_lines_trace_back():
    path = IMPORT / "google-sre-search-latency.md"
    source = path.read_text(encoding="utf-8").split("\n")
    result = _import("google-sre-search-latency.md")
    output = result.text.split("\n")
    for number, line in enumerate(output, start=1):
        origin = result.source_line(number)
        if origin is not None and not line.startswith(("title:", "date:", "severity:", "authors:", "  -", "started_at", "detected_at",
                                                       "acknowledged_at", "mitigated_at", "resolved_at", "impact", "  users", "  support",
                                                       "detection:")):
            assert line == source[origin - 1]
    body_start = output.index("# Search results slow for EU shoppers") + 1
    assert result.source_line(body_start) == 1
    assert output[body_start - 1:] == source  # every body line, in order, as written
    severity_line = output.index('severity: "SEV2"') + 1
    assert result.source_line(severity_line) == 7
    assert result.source_line(1) is None and result.source_line(10_000) is None


def test_same_input_same_output_and_ids_follow_the_corpus():
    first = _import("google-sre-search-latency.md", existing_ids=["PM-2025-004", "PM-2024-010"])
    second = _import("google-sre-search-latency.md", existing_ids=["PM-2025-004", "PM-2024-010"])
    assert first.text == second.text and first.id == "PM-2025-005"


def test_undated_text_imports_with_date_placeholders():
    result = import_text("notes.md", "# Something broke\n\nIt broke.\n")
    assert result.file_name == "undated-something-broke.md"
    assert 'date: "TODO"' in result.text and 'id: "TODO"' in result.text
    assert any(note.startswith("date:") for note in result.left_for_author)


# --- the command ---------------------------------------------------------------------------


def test_cli_writes_one_file_per_input_with_unique_ids(tmp_path):
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "2025-01-01-old.md").write_text('---\nid: "PM-2023-004"\ntitle: "Old"\n---\n', encoding="utf-8")
    before = {path.name: path.read_bytes() for path in IMPORT.iterdir()}
    result = run_cli("import", IMPORT, "--out", out, "--format", "json")
    assert result.code == 0, result.err
    report = result.json()
    written = [entry for entry in report["files"] if entry.get("written")]
    assert len(written) == len(before)
    ids = [entry["id"] for entry in written]
    assert len(set(ids)) == len(ids) and "PM-2023-004" not in ids
    assert sorted(i for i in ids if i.startswith("PM-2023")) == ["PM-2023-005", "PM-2023-006"]
    assert {path.name: path.read_bytes() for path in IMPORT.iterdir()} == before  # inputs untouched
    for entry in written:
        assert (tmp_path / "corpus" / Path(entry["target"]).name).is_file()


def test_cli_refuses_to_overwrite_without_force_and_keeps_the_id_with_it(tmp_path):
    source = IMPORT / "atlassian-login-outage.md"
    assert run_cli("import", source, "--out", tmp_path).code == 0
    target = tmp_path / "2024-11-03-login-outage-after-a-certificate-rotation.md"
    first = target.read_text(encoding="utf-8")
    again = run_cli("import", source, "--out", tmp_path)
    assert again.code == 1 and "already exists" in again.err and "--force" in again.err
    forced = run_cli("import", source, "--out", tmp_path, "--force")
    assert forced.code == 0 and target.read_text(encoding="utf-8") == first  # same id, same text


def test_cli_dry_run_writes_nothing_and_prints_what_it_inferred(tmp_path):
    result = run_cli("import", IMPORT / "google-sre-search-latency.md", "--out", tmp_path / "new", "--dry-run")
    assert result.code == 0
    assert not (tmp_path / "new").exists()
    assert "would write" in result.out and 'inferred severity: "SEV2"  (line 7' in result.out
    assert "left for the author: services" in result.out


def test_cli_unreadable_file_is_named_and_the_others_still_import(tmp_path):
    bad = tmp_path / "in" / "2020-01-01-latin1.md"
    bad.parent.mkdir()
    bad.write_bytes("# Caf\xe9 down\n".encode("latin-1"))
    good = tmp_path / "in" / "2020-01-02-fine.md"
    good.write_text("# Fine\n\n## Summary\n\nAll good.\n", encoding="utf-8")
    result = run_cli("import", tmp_path / "in", tmp_path / "missing.md", "--out", tmp_path / "out")
    assert result.code == 1
    assert "2020-01-01-latin1.md" in result.err and "UTF-8" in result.err
    assert "missing.md: no such file" in result.err
    assert (tmp_path / "out" / "2020-01-02-fine.md").is_file()
    assert "Traceback" not in result.err


@pytest.mark.parametrize("argv", [
    ("import", "x.md"),  # no --out
    ("import", "x.md", "--out", "o", "--zone", "Mars/Olympus"),
    ("import", "x.md", "--out", "o", "--status", "final"),
])
def test_cli_usage_errors_exit_2(argv, tmp_path):
    assert run_cli(*argv).code == 2


def test_cli_status_option_and_published_requirements(tmp_path):
    result = run_cli("import", IMPORT / "2022-02-14-builds-failing.md", "--out", tmp_path, "--status", "published")
    assert result.code == 0
    text = (tmp_path / "2022-02-14-builds-failing.md").read_text(encoding="utf-8")
    assert 'status: "published"' in text and 'detection: "TODO"' in text


def test_cli_json_report_lists_lines(tmp_path):
    result = run_cli("import", IMPORT / "pagerduty-webhooks-delayed.md", "--out", tmp_path, "--format", "json", "--dry-run")
    entry = json.loads(result.out)["files"][0]
    assert {"key": "severity", "value": "SEV2", "line": 4, "from": "the foreign frontmatter's severity 'P2'"} in entry["inferred"]


@pytest.mark.parametrize("text", [
    "",
    "---\ntitle: [unclosed\n---\n# T\n",
    "+++\ntitle = \n+++\n# 2021-01-01 T\n",
    "---\nno closing fence\n",
    "+++\n",
    "# " + "[" * 5000 + "\n",
    "## Timeline\n\n- 99:99 UTC nonsense\n- 2021-02-30 10:00 UTC impossible date\n",
    "<% if x %>\n# Title <%= y %>\n<% end %>\n",
])
def test_hostile_or_broken_inputs_import_without_error(text):
    result = import_text("2021-05-05-x.md.erb", text)
    assert result.text.startswith("---\n") and result.file_name.endswith(".md")
    if "<%" in text:
        assert "<%" not in result.text and "<!-- erb: if x -->" in result.text


def test_broken_foreign_frontmatter_is_kept_and_said():
    result = import_text("2021-05-05-x.md", "---\ntitle: [unclosed\n---\n# Title\n")
    assert "title: [unclosed" in result.text.split("---\n")[2]  # in the comment, as written
    assert any("could not be read" in note for note in result.left_for_author)


def test_zone_note_under_the_title_converts_the_bare_times():
    text = ("# Queue outage\n\nAll times PDT.\n\n## Summary\n\nIt stalled.\n\n## Timeline\n\n"
            "* [13:26] on-call reports that the queue is stuck\n* [14:02] consumers restarted; queue recovers\n")
    result = import_text("2019-05-30-queue.md", text)
    values = _values(result)
    assert values["detected_at"] == "2019-05-30T20:26:00Z" and values["mitigated_at"] == "2019-05-30T21:02:00Z"
    assert "(line 3)" in result.text  # the note that declares the zone

def test_a_later_begins_is_not_the_start_and_no_entry_is_two_milestones():
    text = ("# Slow builds\n\n## Timeline\n\nAll times UTC.\n\n"
            "- 2024-02-01 09:00 — Builds start timing out\n"
            "- 2024-02-01 09:20 — Alert pages on-call\n"
            "- 2024-02-01 11:00 — Migration to the new pool begins; traffic shifted (mitigated)\n")
    values = _values(import_text("2024-02-01-builds.md", text))
    assert values["started_at"] == "2024-02-01T09:00:00Z"
    assert values["detected_at"] == "2024-02-01T09:20:00Z"
    assert values["mitigated_at"] == "2024-02-01T11:00:00Z"
    only_start = import_text("2024-02-01-x.md", "# X\n\n## Timeline\n\n- 2024-02-01 00:22 UTC — Rule starts blocking traffic\n")
    assert _values(only_start).get("mitigated_at") is None


BOLD = "2024-03-07-bold-list-sections.html.md.erb"


def _body(result) -> list[str]:
    lines = result.text.split("\n")
    return lines[lines.index("-->") + 1:]


def test_bold_list_item_sections_become_headings_with_their_content_below():
    result = _import(BOLD)
    body = _body(result)
    headings = [line for line in body if line.startswith("#")]
    assert headings == ["# Incident on 2024-03-07 - Badge printer queue stuck", "## Key events", "## Identified",
                        "## Impact", "## Context", "## Resolution", "## Review actions"]
    impact = body.index("## Impact")
    assert body[impact + 1:impact + 4] == ["", "- 140 visitors waited at the front desk for a paper badge",
                                           "- Staff badges were not affected"]  # nested list, de-indented
    identified = body.index("## Identified")
    assert body[identified + 2:identified + 4] == [  # the lead's text, then its lazy continuation line
        "The reception desk phoned us because visitor badges stopped printing and",
        "the print spooler dashboard showed 212 jobs waiting"]
    assert body[body.index("## Resolution") + 2] == "Set the default tray back in the spooler settings and restarted the queue"
    # Leads naming no section stay as written, above the first section, out of the Timeline.
    assert body.index("- **Time to repair**: 0h 45m") < body.index("- **Time to resolve**: 1h 25m") < body.index("## Key events")
    assert body.index("## Resolution") < body.index("- **Status**: closed on the same day, no repeat since") \
        < body.index("## Review actions")  # a lead under any other section stays where it is
    sections = {heading: section for _, heading, section in result.sections}
    assert sections["Key events"] == "Timeline" and sections["Identified"] == "Detection"
    assert sections["Review actions"] == "Action items"
    assert any("'Impact' written as '## Impact'" in change for change in result.changes)
    assert any("'Time to repair' (line 15)" in change for change in result.changes)


def test_bold_list_rewrite_keeps_every_word_and_traces_every_body_line():
    path = IMPORT / BOLD
    source = path.read_text(encoding="utf-8").split("\n")
    result = _import(BOLD)
    start = result.text.split("\n").index("-->") + 3  # 1-based: past the comment and its blank line
    def words(text):  # the heading marks added, the bold and the colons removed: the same words
        return sorted(word for word in text.replace("**", " ").replace(":", " ").replace("-", " ").split() if word != "##")
    body_input = "\n".join(source[4:])  # after the foreign frontmatter
    assert words("\n".join(_body(result))) == words(body_input)
    for number, line in enumerate(result.text.split("\n")[:-1][start - 1:], start):
        origin = result.source_line(number)
        assert origin is not None, (number, line)
        if line.strip() and not line.startswith("#"):
            assert line.strip() in source[origin - 1], (number, line, origin)  # the text is on that input line
        elif line.startswith("## "):
            assert line[3:] in source[origin - 1] and source[origin - 1].startswith("- **")


def test_bold_list_import_is_repeatable_and_its_output_is_left_alone_when_imported_again():
    first, second = _import(BOLD), _import(BOLD)
    assert first.text == second.text and first.origins == second.origins
    again = import_text("again.md", first.text)
    assert again.changes == []  # it has real headings now: nothing to rewrite
    assert _body(again)[-len(_body(first)):] == _body(first)


def test_lint_of_the_bold_list_import_finds_its_sections_and_key_events(tmp_path):
    from linter.document import parse_text

    result = _import(BOLD)
    document = parse_text(result.file_name, result.text)
    assert {"Timeline", "Impact", "Detection", "Action items"} <= {section.canonical for section in document.sections}
    assert [entry.text for entry in document.timeline][:2] == ["Fault occurs 2024-03-07 08:40",
                                                               "First detected: 2024-03-07 09:05"]
    values = _values(result)
    assert values["started_at"] == "2024-03-07T08:40:00Z" and values["resolved_at"] == "2024-03-07T10:30:00Z"
    assert "# The timeline declares no zone: its times were read as UTC" in result.text
    (tmp_path / result.file_name).write_text(result.text, encoding="utf-8")
    lint = run_cli("lint", tmp_path / result.file_name)
    missing = [line for line in lint.out.splitlines() if "PM201" in line]
    assert missing and not any(f"'## {name}' is missing" in line for line in missing
                               for name in ("Impact", "Timeline", "Action items"))


def test_documents_with_real_section_headings_are_not_rewritten():
    text = "# Outage\n\n## Impact\n\n- **Timeline**: see below\n- **Impact**: 40 users\n"
    result = import_text("2024-01-02-outage.md", text)
    assert result.changes == [] and "- **Timeline**: see below" in result.text and "## Timeline" not in result.text


def test_a_number_inside_a_word_is_not_a_count_of_users():
    text = "# Old browsers\n\n- **Impact**:\n  - IE11 users could not log in\n  - 30 users could not pay\n"
    values = _values(import_text("2024-01-02-old-browsers.md", text))
    assert values["impact.users_affected"] == 30  # not the 11 of "IE11"


def test_an_ambiguous_declared_zone_leaves_the_times_for_the_author_with_the_reason():
    result = _import("2024-11-19-ambiguous-zone.md")
    values = _values(result)
    assert not any(key.endswith("_at") for key in values)  # never a CST time passed off as UTC
    notes = {note.split(":", 1)[0]: note for note in result.left_for_author}
    assert "line 10 is in 'CST' (ambiguous" in notes["detected_at"] and "convert it to UTC by hand" in notes["detected_at"]
    assert "line 11 is in 'CST'" in notes["mitigated_at"]
    assert not any("were read as UTC" in note for note in result.left_for_author)


def test_unknown_foreign_timezone_leaves_the_times_for_the_author():
    text = ("---\ntimezone: Mars/Olympus\n---\n# Relay down\n\n## Timeline\n\n"
            "- 2024-01-05 08:00 — Relay stops answering\n- 2024-01-05 08:15 — Alert fires\n")
    result = import_text("relay.md", text)
    assert "detected_at" not in _values(result)
    assert any(note.startswith("detected_at: line 9 is in Mars/Olympus") for note in result.left_for_author)


def test_a_milestone_listed_out_of_lifecycle_order_is_held_back_with_the_reason():
    result = _import("2024-09-12-late-declaration.html.md.erb")
    values = _values(result)
    assert values["detected_at"] == "2024-09-12T10:05:00Z" and values["mitigated_at"] == "2024-09-12T10:40:00Z"
    assert values["resolved_at"] == "2024-09-12T11:30:00Z"
    assert "acknowledged_at" not in values
    assert any(note.startswith("acknowledged_at: line 11 reads as the acknowledgement but is after the mitigation (line 10)")
               for note in result.left_for_author)
    assert '# acknowledged_at: "2024-09-12T10:52:00Z"   # not written: line 11 reads' in result.text
    assert [result.source_line(index + 1) for index, line in enumerate(result.text.splitlines())
            if line.startswith("# acknowledged_at")] == [11]


def test_a_mistyped_year_is_held_back_not_reported_as_a_contradiction(tmp_path):
    text = ("# Incident on 2021-03-02 - Ingress rules rejected\n\n- **Key events**\n"
            "  - First detected 2021-03-02 09:00\n  - Repaired 2021-03-02 09:30\n"
            "  - Incident declared 2020-03-02 09:10\n  - Resolved 2021-03-02 10:00\n")
    result = import_text("2021-03-02-ingress.html.md.erb", text)
    values = _values(result)
    assert "acknowledged_at" not in values and values["mitigated_at"] == "2021-03-02T09:30:00Z"
    assert any("line 6 reads as the acknowledgement but is before the detection (line 4)" in note
               for note in result.left_for_author)
    (tmp_path / result.file_name).write_text(result.text, encoding="utf-8")
    linted = run_cli("lint", str(tmp_path / result.file_name))
    assert "PM105" not in linted.out and "PM204" in linted.out  # it lints; only the order finding is gone


def test_a_stated_recovery_time_that_is_not_start_to_mitigation_is_not_the_duration(tmp_path):
    result = _import("2018-02-08-stats-time-to-recovery.md")
    assert "impact.duration_minutes" not in _values(result)  # 80 stated, 07:00 → 08:40 is 100
    note = next(note for note in result.left_for_author if note.startswith("impact.duration_minutes:"))
    assert "'Time to recovery: 80 minutes' (line 20) is 80 minutes but started_at → mitigated_at is 100 minutes" in note
    assert not any(note.startswith("impact: no number") for note in result.left_for_author)
    (tmp_path / result.file_name).write_text(result.text, encoding="utf-8")
    linted = run_cli("lint", str(tmp_path / result.file_name))
    assert "PM107" not in linted.out and "PM204" in linted.out


def test_a_stated_recovery_time_that_agrees_with_the_timeline_is_the_duration():
    path = IMPORT / "2018-02-08-stats-time-to-recovery.md"
    text = path.read_text(encoding="utf-8").replace("Time to recovery: 80 minutes", "Time to recovery: 98 minutes")
    result = import_text(str(path), text)
    assert _values(result)["impact.duration_minutes"] == 98  # within a few minutes of 100
    assert "  duration_minutes: 98" in result.text


def test_an_author_profile_link_gives_the_github_handle():
    assert _values(_import("2019-04-02-author-profile-link.md"))["authors"] == ["@rokafor"]


@pytest.mark.parametrize("line, authors", [
    ("Created By: Jo Bakker <jo.bakker@example.org>", ["jo.bakker@example.org"]),
    ("Created by: [Jo Bakker]  \n\n[Jo Bakker]: https://github.com/jbakker", ["@jbakker"]),
    ("Created by: [Jo Bakker](https://github.com/jbakker/dotfiles)", ["Jo Bakker"]),  # a repository, not a profile
    ("Created by: Jo Bakker", ["Jo Bakker"]),
])
def test_authors_prefer_the_email_then_the_github_profile_then_the_name(line, authors):
    result = import_text("2019-04-02-x.md", f"# Outage\n\n{line}\n\n## Summary\n\nIt broke.\n")
    assert _values(result)["authors"] == authors


def _slack_link(moment: str) -> str:
    from datetime import datetime, timezone

    seconds = int(datetime.fromisoformat(moment).replace(tzinfo=timezone.utc).timestamp())
    return f"https://example.slack.com/archives/C0TEAM/p{seconds}000100"


@pytest.mark.parametrize(("posted", "written"), [("2024-07-02T13:40:05", False), ("2024-07-02T14:40:05", True)])
def test_a_slack_link_an_hour_off_the_written_times_keeps_the_lifecycle_unwritten(posted, written):
    text = ("# Incident on 2024-07-02 - Queue workers stalled\n\n"
            "- **Key events**\n  - First detected 2024-07-02 14:31\n  - Incident declared 2024-07-02 14:40\n"
            "  - Repaired 2024-07-02 15:02\n  - Resolved 2024-07-02 15:30\n\n"
            f"- **Context**:\n  - Slack thread: [thread]({_slack_link(posted)})\n")
    result = import_text("2024-07-02-queue.html.md.erb", text)
    frontmatter = result.text.split("---")[1]
    if written:  # the link was posted at a written time read as UTC: the reading holds
        assert 'detected_at: "2024-07-02T14:31:00Z"' in frontmatter
    else:  # posted 13:40 UTC, written 14:40: the times are UTC+01:00, and guessing is not inferring
        assert "detected_at:" not in frontmatter.replace('# detected_at: "2024-07-02T14:31:00Z"', "")
        assert "look like UTC+01:00" in frontmatter and "--zone" in frontmatter
        assert any("look like UTC+01:00" in note for note in result.left_for_author)
