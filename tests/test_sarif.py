"""``postmortem lint --format sarif``: valid SARIF 2.1.0 that code-scanning tools can track."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import jsonschema
import pytest

from conftest import TESTS, clean_text, run_cli
from linter.rules import RULES

SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

BAD = """\
---
id: PM-2026-1
title: TODO
date: "2026-04-07"
severity: SEV9
status: draft
services: [checkout]
authors: [TBD]
---

## Summary

Human error caused the outage. TODO

TODO

TODO

## Timeline

- around 2pm — something happened
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A corpus with findings of many kinds, a file name that needs percent-encoding, a corpus
    rule (duplicate id) and a FIFO; the working directory is its root, as in CI."""
    folder = tmp_path / "postmortems" / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-04-07-bad.md").write_text(BAD, encoding="utf-8")
    (folder / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(clean_text(), encoding="utf-8")
    (folder / "2026-04-07 café 100%.md").write_text(clean_text(), encoding="utf-8")  # same id: PM701 twice
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "2026-04-09-pipe.md")
    config = tmp_path / ".postmortem.toml"
    config.write_text('site-url = "https://incidents.example.com/"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(config: str = ".postmortem.toml", *paths: str) -> dict:
    result = run_cli("lint", "--format", "sarif", "--config", config, *(paths or ("postmortems",)))
    assert result.code == 1, result.err
    return json.loads(result.out)


def test_validates_against_the_official_schema(corpus):
    log = sarif()
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors[:5]]
    run = log["runs"][0]
    codes = {result["ruleId"] for result in run["results"]}
    assert {"PM102", "PM204", "PM304", "PM701", "PM006", "PM108"} <= codes
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_every_rule_is_described_with_its_documentation(corpus):
    driver = sarif()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "postmortem-kit" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    for descriptor, rule in zip(driver["rules"], RULES):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.sections["What it does"]
        assert descriptor["help"]["markdown"] == rule.doc and "## Use instead" in rule.doc
        assert descriptor["helpUri"] == f"https://incidents.example.com/rules/{rule.code}/"
        assert descriptor["defaultConfiguration"]["level"] == rule.severity


def test_results_point_at_rules_and_files_with_one_based_regions(corpus):
    log = sarif()
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    findings = run_cli("lint", "--format", "json", "--config", ".postmortem.toml", "postmortems").json()["findings"]
    assert len(run["results"]) == len(findings)
    srcroot = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    for result, finding in zip(run["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["code"]
        assert result["level"] == finding["severity"]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and not urlparse(artifact["uri"]).scheme
        assert Path(unquote(urlparse(urljoin(srcroot, artifact["uri"])).path)) == (corpus / finding["path"]).resolve()
        assert location["region"]["startLine"] == finding["line"] >= 1
        assert location["region"]["startColumn"] == finding["column"] >= 1
    encoded = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in run["results"]}
    assert "postmortems/2026/2026-04-07%20caf%C3%A9%20100%25.md" in encoded


def _fingerprints(log: dict) -> dict[tuple[str, str], list[str]]:
    by_finding: dict[tuple[str, str], list[str]] = {}
    for result in log["runs"][0]["results"]:
        key = (result["ruleId"], result["message"]["text"])
        by_finding.setdefault(key, []).append(result["partialFingerprints"]["postmortemFinding/v1"])
    return by_finding


def test_fingerprints_survive_lines_inserted_above(corpus):
    target = corpus / "postmortems" / "2026" / "2026-04-07-bad.md"
    before = sarif(".postmortem.toml", str(target))
    lines_before = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before["runs"][0]["results"]]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("## Summary\n", "## Summary\n\nA sentence added above the findings.\n", 1), encoding="utf-8")
    after = sarif(".postmortem.toml", str(target))
    lines_after = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]]
    assert lines_after != lines_before  # the findings moved ...
    assert _fingerprints(after) == _fingerprints(before)  # ... and are still recognised


def test_identical_findings_get_distinct_fingerprints(corpus):
    log = sarif(".postmortem.toml", "postmortems/2026/2026-04-07-bad.md")
    todo_lines = _fingerprints(log)[("PM204", "placeholder 'TODO' left in the text: replace it with the real content")]
    assert len(todo_lines) == 3 and len(set(todo_lines)) == 3


def test_fingerprint_changes_when_the_offending_line_changes(corpus):
    target = corpus / "postmortems" / "2026" / "2026-04-07-bad.md"
    before = _fingerprints(sarif(".postmortem.toml", str(target)))
    target.write_text(target.read_text(encoding="utf-8").replace("- around 2pm — something", "- around 3pm — something"), encoding="utf-8")
    after = _fingerprints(sarif(".postmortem.toml", str(target)))
    key = lambda log: next(v for k, v in log.items() if k[0] == "PM304")  # noqa: E731
    assert key(before) != key(after)


def test_help_uri_defaults_to_the_documented_site(corpus, empty_config):
    from linter.formats.sarif import DEFAULT_SITE_URL

    log = sarif(str(empty_config))
    uris = {rule["id"]: rule["helpUri"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert uris["PM405"] == f"{DEFAULT_SITE_URL}/rules/PM405/"


def test_a_clean_run_is_valid_sarif_with_no_results(tmp_path, monkeypatch, empty_config):
    (tmp_path / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(clean_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("lint", "--format", "sarif", "--config", empty_config, ".")
    assert result.code == 0, result.out
    log = json.loads(result.out)
    assert not list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    assert log["runs"][0]["results"] == []


def test_a_fixable_finding_carries_its_fix_and_applying_it_gives_what_lint_fix_writes(tmp_path, monkeypatch):
    """SARIF viewers offer a result's ``fixes``: the same edits as ``--fix``, valid SARIF."""
    import shutil

    case = TESTS / "fixes" / "PM110-utc-spellings-to-z"
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    target = folder / "2026-04-07-checkout-errors-after-pricing-update.md"
    shutil.copyfile(case / "before.md", target)
    monkeypatch.chdir(tmp_path)
    result = run_cli("lint", "--format", "sarif", "--select", "PM110", "postmortems")
    assert result.code == 0, result.err  # warnings only
    log = json.loads(result.out)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    assert results and all(len(r["fixes"]) == 1 for r in results)

    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    replacements = [replacement for r in results for change in r["fixes"][0]["artifactChanges"]
                    for replacement in change["replacements"]]
    for replacement in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"],
                                                           r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        assert region["startLine"] == region["endLine"]  # these fixes rewrite one value each
        line = lines[region["startLine"] - 1]
        lines[region["startLine"] - 1] = (line[:region["startColumn"] - 1]
                                          + replacement.get("insertedContent", {}).get("text", "")
                                          + line[region["endColumn"] - 1:])
    assert "".join(lines) == (case / "after.md").read_text(encoding="utf-8")


def test_findings_without_a_fix_carry_none(corpus):
    for result in sarif()["runs"][0]["results"]:
        if result["ruleId"] not in {rule.code for rule in RULES if rule.fixes}:
            assert "fixes" not in result
