"""benchmarks/realworld.py: findings are matched with kept verdicts and counted per rule."""

from __future__ import annotations

import os
import sys

import pytest

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")
sys.path.insert(0, BENCHMARKS)

import realworld  # noqa: E402
from realworld import Key, Measured  # noqa: E402


def _found(file, line, code, message="m"):
    return Measured(Key(file, line, code), message)


def test_verdicts_are_matched_once_each_and_unjudged_findings_are_listed():
    findings = [
        _found("a.md", "3", "PM303"), _found("a.md", "3", "PM303"),  # the same key twice
        _found("a.md", "9", "PM405"),
        _found("b.md", "1", "PM405"),  # b.md is not judged: counted nowhere but in "all docs"
    ]
    verdicts = [(Key("a.md", "3", "PM303"), "want", "zone", ""), (Key("a.md", "9", "PM405"), "noise", "specific", "")]
    comparison = realworld.compare(findings, verdicts, judged={"a.md"})
    assert comparison.by_rule["PM303"]["want"] == 1
    assert comparison.by_rule["PM303"]["unjudged"] == 1
    assert comparison.by_rule["PM405"]["noise"] == 1
    assert [item.key for item in comparison.unjudged] == [Key("a.md", "3", "PM303")]
    assert realworld.precision(comparison.by_rule["PM405"]) == 0.0


def test_a_wanted_finding_that_disappears_is_lost_and_a_recorded_miss_is_caught_when_found():
    verdicts = [
        (Key("a.md", "5", "PM501"), "want", "blame", ""),
        (Key("a.md", "7", "PM405"), "missed", "question as an item", ""),
        (Key("a.md", "8", "PM405"), "missed", "goal statement", ""),
    ]
    comparison = realworld.compare([_found("a.md", "7", "PM405")], verdicts, judged={"a.md"})
    assert comparison.lost == [(Key("a.md", "5", "PM501"), "blame")]
    assert comparison.caught == [(Key("a.md", "7", "PM405"), "question as an item")]
    assert comparison.still_missed == [(Key("a.md", "8", "PM405"), "goal statement")]


def test_a_verdict_naming_a_topic_matches_only_the_finding_about_it():
    findings = [_found("a.md", "6", "PM306", "the timeline shows no mitigation: add the entry"),
                _found("a.md", "6", "PM306", "the timeline shows no detection: add the entry")]
    verdicts = [(Key("a.md", "6", "PM306"), "wrong", "user reports are the detection", "detection"),
                (Key("a.md", "6", "PM306"), "want", "no recovery entry", "mitigation")]
    comparison = realworld.compare(findings, verdicts, judged={"a.md"})
    assert comparison.by_rule["PM306"]["want"] == 1 and comparison.by_rule["PM306"]["wrong"] == 1
    assert [item.topic for item in findings] == ["mitigation", "detection"]
    assert realworld.topic_of("PM201", "required section '## Root cause' is missing: …") == "Root cause"
    assert realworld.topic_of("PM204", "placeholder 'TODO' in 'impact.users_affected': replace it") == "impact.users_affected"


def test_precision_counts_wrong_as_not_wanted():
    from collections import Counter

    assert realworld.precision(Counter(want=8, noise=1, wrong=1)) == 0.8
    assert realworld.precision(Counter()) is None


def test_a_malformed_verdict_row_names_its_line(tmp_path):
    path = tmp_path / "verdicts.tsv"
    path.write_text("# comment\na.md\t3\tPM303\twant\tok\na.md\t4\tPM303\tmaybe\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"verdicts.tsv:3"):
        realworld.read_verdicts(str(path))


def test_inference_rows_whose_value_changed_are_listed_for_a_recheck(capsys):
    rows = [("a.md", "date", "2026-01-02", "right", "heading date"), ("a.md", "started_at", "-", "left-ok", "none given")]
    realworld.print_inference(rows, {"a.md": {"date": "2026-01-03"}})
    out = capsys.readouterr().out
    assert "a.md date: 2026-01-02 -> 2026-01-03  (was right: heading date)" in out
    assert "started_at:" not in out  # still left for the author, as judged


def test_a_title_is_kept_only_as_a_hash():
    assert realworld.shown_value("title", "Checkout down").startswith("sha1:")
    assert realworld.shown_value("date", "2026-01-02") == "2026-01-02"
