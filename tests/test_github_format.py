"""``postmortem lint --format github``: annotations the Actions runner reads back exactly.

``parse_command`` follows the runner's own parser (actions/runner, ``ActionCommand.TryParseV2``
and its unescape tables), so what these tests read back is what GitHub would show.
"""

from __future__ import annotations

import pytest

from conftest import clean_text, run_cli
from linter.findings import Finding
from linter.formats import Report
from linter.formats.github import render
from linter.safe_text import safe_message

_DATA = (("\r", "%0D"), ("\n", "%0A"), ("%", "%25"))
_PROPERTY = (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25"))


def _unescape(text: str, table) -> str:
    for token, replacement in table:
        text = text.replace(replacement, token)
    return text


def parse_command(line: str):
    """``(command, properties, data)`` as the runner parses a line, or None if not a command."""
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info, data = line[2:end], line[end + 2:]
    name, _, rest = info.partition(" ")
    properties = {}
    for part in filter(None, rest.strip().split(",")):
        key, sep, value = part.partition("=")
        if sep and key and value:
            properties[key] = _unescape(value, _PROPERTY)
    return name, properties, _unescape(data, _DATA)


def commands(output: str):
    return [command for command in map(parse_command, output.splitlines()) if command]


HOSTILE = [
    "line one\nline two",
    "carriage\rreturn and\r\nCRLF",
    "100% sure, 50%0A encoded already %25",
    "closes early :: ::error file=evil.md,line=1::forged",
    "commas, colons: a=b, c=d",
    "\x1b[31mred\x1b[0m and a bell\x07",
    "\n::warning file=x.md::injected on its own line",
    "bidi \u202e override and zero\u200bwidth",
]


def _finding(message: str, path: str = "postmortems/a.md", severity: str = "error", **extra) -> Finding:
    return Finding(path, 12, 3, "PM405", "action-item-vague", severity, message, **extra)


@pytest.mark.parametrize("message", HOSTILE)
def test_hostile_messages_round_trip_without_forging_commands(message):
    output = render(Report([_finding(message)], 1, None))
    lines = output.splitlines()
    assert len(lines) == 2  # one annotation and the summary: nothing injected
    assert "\x1b" not in output and "\r" not in output
    [(name, properties, data)] = commands(output)
    assert name == "error"
    assert properties == {"file": "postmortems/a.md", "line": "12", "col": "3", "title": "PM405 action-item-vague"}
    assert data == safe_message(message)  # control characters shown as escapes, nothing else changed
    assert parse_command(lines[-1]) is None


@pytest.mark.parametrize("path", ["postmortems/a,b:c.md", "postmortems/100%/x.md", "post mortems/ünïcode.md"])
def test_paths_with_property_separators_round_trip(path):
    [(_, properties, _)] = commands(render(Report([_finding("m", path=path)], 1, None)))
    assert properties["file"] == path


def test_a_hostile_path_cannot_forge_a_command():
    path = "postmortems/x.md\n::error file=forged.md::pwned"
    output = render(Report([_finding("m", path=path)], 1, None))
    assert len(output.splitlines()) == 2
    [(_, properties, data)] = commands(output)
    assert "\n" not in properties["file"] and properties["file"].startswith("postmortems/x.md")
    assert data == "m"


def test_warnings_and_end_positions():
    finding = _finding("vague", severity="warning", end_line=14, end_column=9)
    [(name, properties, _)] = commands(render(Report([finding], 1, None)))
    assert name == "warning"
    assert properties["endLine"] == "14" and properties["endColumn"] == "9"


def test_real_run_annotates_every_finding(write_postmortem, tmp_path, monkeypatch, empty_config):
    text = clean_text().replace("## Summary\n", "## Summary\n\nTBD, 100%: see ::notes::\n", 1)
    write_postmortem(text)
    monkeypatch.chdir(tmp_path)
    findings = run_cli("lint", "--format", "json", "--config", empty_config, ".").json()["findings"]
    result = run_cli("lint", "--format", "github", "--config", empty_config, ".")
    assert result.code == 1
    parsed = commands(result.out)
    assert [(p["file"], int(p["line"]), int(p["col"]), p["title"], d) for _, p, d in parsed] == [
        (f["path"], f["line"], f["column"], f"{f['code']} {f['name']}", f["message"]) for f in findings
    ]
    assert result.out.splitlines()[-1].startswith("Found ")


def test_chosen_automatically_on_github_actions(write_postmortem, tmp_path, monkeypatch, empty_config):
    write_postmortem(clean_text().replace("## Summary\n", "## Summary\n\nTBD\n", 1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert commands(run_cli("lint", "--config", empty_config, ".").out)
    explicit = run_cli("lint", "--format", "text", "--config", empty_config, ".")
    assert not commands(explicit.out) and "PM204" in explicit.out
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert not commands(run_cli("lint", "--config", empty_config, ".").out)
