"""A hostile file cannot forge CI log lines or annotations through the linter's output.

The file's name, its frontmatter keys and values and its body carry newlines, ANSI escapes
(colour, screen clearing, OSC 8 hyperlinks), bidi overrides and a forged GitHub workflow
command. In every output format each finding stays one record, echoed values are truncated,
and nothing invisible or controlling reaches the log.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import clean_text, run_cli

FORGED = "::error file=README.md,line=1::forged annotation"
HOSTILE_NAME = "2026-04-07-a\n" + FORGED.replace("/", "_") + "\x1b[2J.md"
HOSTILE_VALUE = "\\e[31mred\\u202eevil\\u2066\\x07\\r\\n" + FORGED
LONG_VALUE = "x" * 5000
CONTROLLING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def hostile_postmortem() -> str:
    text = clean_text()
    text = text.replace("title: Checkout errors after pricing model update", f'title: "{HOSTILE_VALUE}"')
    text = text.replace("tags: [pricing, llm]", f'tags: [pricing, llm]\n"\\e]8;;https://evil.example\\a{FORGED}": 1\n'
                                                  f'detection: "{LONG_VALUE}"')
    text = text.replace("detection: alert\n", "")
    return text + "\n## Lessons learned\n\nA tag: <b\x1b[31m onclick=x>bold</b> and \u202eevil.\n"


@pytest.fixture
def hostile_repository(tmp_path, monkeypatch):
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_text(hostile_postmortem(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(fmt: str):
    result = run_cli("lint", "--format", fmt, "postmortems")
    assert result.code == 1, result.err
    return result.out


def findings_count() -> int:
    return len(json.loads(lint("json"))["findings"])


def test_the_hostile_file_reaches_every_echoing_rule(hostile_repository):
    codes = {finding["code"] for finding in json.loads(lint("json"))["findings"]}
    assert {"PM102", "PM103", "PM801"} <= codes  # value, key and body tag are all echoed


def test_text_output_one_line_per_finding(hostile_repository):
    out = lint("text")
    assert not CONTROLLING.search(out), repr(CONTROLLING.search(out))
    lines = out.splitlines()
    assert len(lines) == findings_count() + 1  # and the summary
    assert not any(line.startswith("::") for line in lines)
    assert all(line.startswith("postmortems/2026-04-07-a\\x0a") for line in lines[:-1])


def test_github_annotations_cannot_be_forged(hostile_repository):
    out = lint("github")
    assert not CONTROLLING.search(out), repr(CONTROLLING.search(out))
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == findings_count() == len(lines) - 1
    for line in commands:  # the forged command is data inside one annotation, never a line of its own
        assert re.match(r"::(error|warning) (?:[A-Za-z]+=[^:,]*,)*[A-Za-z]+=[^:,]*::", line), line


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_structured_messages_are_escaped_and_truncated(hostile_repository, fmt):
    data = json.loads(lint(fmt))
    if fmt == "json":
        messages = [finding["message"] for finding in data["findings"]]
    else:
        messages = [result["message"]["text"] for run in data["runs"] for result in run["results"]]
    assert len(messages) == findings_count()
    for message in messages:
        assert not CONTROLLING.search(message), repr(message)
        assert "\n" not in message and "\t" not in message
        assert len(message) <= 500
        assert "x" * 200 not in message  # the 5,000-character value is cut short


def test_escaping_keeps_ordinary_unicode():
    from linter.safe_text import safe_excerpt

    assert safe_excerpt("Café → 94% — 東京") == "Café → 94% — 東京"
    escaped = safe_excerpt("a\x1b[31m\u202eb\nc")
    assert escaped == "a\\x1b[31m\\u202eb\\x0ac"
    assert all(unicodedata.category(char)[0] != "C" for char in escaped)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_structured_output_hides_no_controlling_character_from_a_reader(tmp_path, monkeypatch, fmt):
    """A file name with a bidi override: parsers get it back exactly, the raw file shows an escape."""
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    folder = tmp_path / "postmortems"
    folder.mkdir()
    name = "2026-04-07-checkout\u202edm.exe\u2066.md"
    (folder / name).write_text(clean_text().replace("| @jane |", "| TBD |"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    raw = lint(fmt)
    assert not CONTROLLING.search(raw.replace("\n", "")), "the raw output shows escapes, not the characters"
    assert "\\u202e" in raw or "%E2%80%AE" in raw, "the override is there, escaped"
    data = json.loads(raw)
    paths = ([finding["path"] for finding in data["findings"]] if fmt == "json" else
             [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in data["runs"][0]["results"]])
    assert paths and all("\u202e" in path or "%E2%80%AE" in path for path in paths)
