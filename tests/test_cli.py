"""The ``postmortem`` command: exit codes, output formats, rules/explain/schema, ``python -m linter``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO, clean_text, run_cli
from linter import __version__
from linter.rules import RULES

NAME = "2026-04-07-checkout-errors-after-pricing-update.md"
TEXT_FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>PM\d{3}) (?P<name>[a-z0-9-]+) "
                          r"\[(?P<severity>error|warning)\] (?P<message>.+)$")


def with_error(text: str) -> str:
    return text.replace("| @jane |", "| TBD |")  # action-item-owner: an error


def with_warning(text: str) -> str:
    return text.replace("- Rollback took", "- A careless deploy.\n- Rollback took")  # blame-language: a warning


@pytest.fixture
def project(tmp_path, monkeypatch, empty_config):
    """A working directory with a default configuration and postmortems/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    (tmp_path / "postmortems").mkdir()
    return tmp_path


def write(project, text: str, name: str = NAME, folder: str = "postmortems"):
    path = project / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes -----------------------------------------------------------------------------

@pytest.mark.parametrize(("edit", "options", "expected"), [
    (lambda text: text, [], 0),
    (lambda text: text, ["--strict"], 0),
    (with_warning, [], 0),
    (with_warning, ["--strict"], 1),
    (with_error, [], 1),
    (with_error, ["--ignore", "PM402"], 0),
])
def test_exit_codes(project, edit, options, expected):
    write(project, edit(clean_text()))
    assert run_cli("lint", *options).code == expected


def test_a_rule_that_crashes_is_an_internal_error_and_the_rest_is_still_checked(project, monkeypatch):
    import dataclasses

    from linter import rules as rules_module
    from linter import selection

    crashing_file = write(project, clean_text(), name="2026-04-07-a.md")
    write(project, with_error(clean_text()).replace("PM-2026-", "PM-2027-"), name="2026-04-07-b.md")
    real = selection.enabled_rules

    def with_a_bug(select, ignore):
        def check(document, context):
            if document.path.endswith("-a.md"):
                raise ValueError("boom <b>")
            return rules_module.BY_CODE["PM405"].check(document, context)

        return [dataclasses.replace(rule, check=check) if rule.code == "PM405" else rule for rule in real(select, ignore)]

    monkeypatch.setattr(selection, "enabled_rules", with_a_bug)
    result = run_cli("lint", "--format", "json")
    assert result.code == 2, "an incomplete check must not pass, nor look like plain findings"
    assert "Traceback" not in result.err
    assert f"{os.path.join('postmortems', crashing_file.name)}: internal error in rule PM405 action-item-vague (ValueError: boom" in result.err
    report = json.loads(result.out)
    assert any(f["code"] == "PM402" and f["path"].endswith("-b.md") for f in report["findings"]), "the other file is checked"


@pytest.mark.parametrize("argv", [
    ["lint", "no-such-dir"],
    ["lint", "--format", "xml"],
    ["lint", "--select", "PM4O5"],
    ["lint", "--jobs", "-1"],
    ["lint", "--unknown-option"],
    ["explain"],
    ["no-such-command"],
    [],
])
def test_usage_errors_exit_2_without_traceback(project, argv):
    result = run_cli(*argv)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.strip() or result.out.strip()  # says what is wrong (or prints the help)


# --- output formats -------------------------------------------------------------------------

def test_text_format(project):
    write(project, with_warning(with_error(clean_text())))
    write(project, clean_text().replace("PM-2026-014", "PM-2026-015"), "2026-04-07-clean-copy.md")
    result = run_cli("lint", "--format", "text")
    lines = result.out.splitlines()
    findings = [TEXT_FINDING.match(line) for line in lines[:-1]]
    assert all(findings), lines
    assert [(m["code"], m["name"], m["severity"]) for m in findings] == [  # in line order
        ("PM501", "blame-language", "warning"), ("PM402", "action-item-owner", "error")]
    assert {m["path"] for m in findings} == {f"postmortems/{NAME}"}
    owner_line = next(i for i, line in enumerate(with_warning(with_error(clean_text())).split("\n"), 1) if "| TBD |" in line)
    assert int(findings[1]["line"]) == owner_line
    assert lines[-1].startswith("Found 1 error and 1 warning in 2 files.")
    assert result.code == 1


def test_text_format_when_clean(project):
    write(project, clean_text())
    result = run_cli("lint")
    assert result.out == "All clear: 1 file checked, no findings.\n"
    assert result.err == ""


def test_json_format(project):
    write(project, with_warning(with_error(clean_text())))
    result = run_cli("lint", "--format", "json")
    report = json.loads(result.out)
    assert report["version"] == 1
    assert report["tool"] == "postmortem-kit" and report["tool_version"] == __version__
    assert (report["files"], report["errors"], report["warnings"]) == (1, 1, 1)
    assert [f["code"] for f in report["findings"]] == ["PM501", "PM402"]
    for finding in report["findings"]:
        assert set(finding) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message",
                                "fixable"}
        assert finding["fixable"] in (None, "safe", "unsafe")
        assert finding["path"] == f"postmortems/{NAME}"
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1


def test_output_file(project):
    write(project, with_error(clean_text()))
    result = run_cli("lint", "--format", "json", "--output-file", "report.json")
    assert result.code == 1 and result.out == ""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["errors"] == 1


# --- finding files --------------------------------------------------------------------------

def test_default_path_and_directory_search(project):
    write(project, with_error(clean_text()), folder="postmortems/2026")
    write(project, "not a postmortem\n", "2026-04-07-ignored.md", folder="postmortems/.drafts")
    write(project, "not markdown either\n", "notes.txt", folder="postmortems")
    write(project, "outside the configured paths\n", "2026-04-07-elsewhere.md", folder="docs")
    report = run_cli("lint", "--format", "json").json()
    assert report["files"] == 1
    assert {f["path"] for f in report["findings"]} == {f"postmortems/2026/{NAME}"}


def test_symlink_inside_the_repository_is_linted(project):
    target = write(project, clean_text(), folder="shared")
    os.symlink(target, project / "postmortems" / NAME)
    report = run_cli("lint", "--format", "json").json()
    assert (report["files"], report["findings"]) == (1, [])


def test_a_file_named_twice_is_linted_once(project):
    path = write(project, with_error(clean_text()))
    report = run_cli("lint", "--format", "json", str(path), "postmortems", f"./postmortems/{NAME}").json()
    assert report["files"] == 1 and report["errors"] == 1


# --- rules, explain, schema -----------------------------------------------------------------

def test_rules_lists_every_rule():
    text = run_cli("rules")
    assert text.code == 0
    for rule in RULES:
        assert re.search(rf"^\s+{rule.code}\s+{re.escape(rule.name)}\s+{rule.severity}\s", text.out, re.M), rule.code
    listed = run_cli("rules", "--format", "json").json()
    assert [entry["code"] for entry in listed] == [rule.code for rule in RULES]
    assert set(listed[0]) == {"code", "name", "severity", "group", "summary", "suppressible", "blocks_publication", "fix", "options"}
    by_code = {entry["code"]: entry for entry in listed}
    assert by_code["PM801"]["suppressible"] is False and by_code["PM801"]["blocks_publication"] is True
    assert by_code["PM405"]["suppressible"] is True and by_code["PM405"]["blocks_publication"] is False
    assert by_code["PM106"]["fix"] == ["safe"] and by_code["PM303"]["fix"] == ["safe", "unsafe"] and by_code["PM405"]["fix"] == []
    assert by_code["PM603"]["options"] == {"review-days": 2, "publish-days": 5}


@pytest.mark.parametrize(("asked", "suggested"), [("action-item-vage", "action-item-vague"), ("PM4O5", "PM405"), ("blame", None)])
def test_explain_unknown_rule(asked, suggested):
    result = run_cli("explain", asked)
    assert result.code == 2
    assert f"no rule '{asked}'" in result.err
    if suggested:
        assert f"did you mean '{suggested}'?" in result.err


def test_schema_is_a_valid_json_schema_that_accepts_the_format():
    schema = run_cli("schema").json()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    import yaml

    clean = yaml.safe_load(clean_text().split("---\n")[1])
    clean["date"] = str(clean["date"])
    assert list(validator.iter_errors(clean)) == []
    assert list(validator.iter_errors({**clean, "severity": "critical"}))
    assert list(validator.iter_errors({**clean, "owner": "@alice"}))
    published = {key: value for key, value in clean.items() if key != "detected_at"}
    assert list(validator.iter_errors(published))
    assert list(validator.iter_errors({**published, "status": "draft"})) == []


def test_version():
    result = run_cli("--version")
    assert result.code == 0 and __version__ in result.out


# --- as a program ---------------------------------------------------------------------------

def test_python_m_linter_and_the_console_script(project):
    write(project, with_error(clean_text()))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    module = subprocess.run([sys.executable, "-m", "linter", "lint", "--format", "json"], cwd=project,
                            capture_output=True, text=True, env=env, timeout=60)
    assert module.returncode == 1, module.stderr
    assert [f["code"] for f in json.loads(module.stdout)["findings"]] == ["PM402"]
    assert module.stdout == run_cli("lint", "--format", "json").out
    explain = subprocess.run([sys.executable, "-m", "linter", "explain", "PM405"], capture_output=True, text=True, env=env, timeout=60)
    assert explain.returncode == 0 and "## Use instead" in explain.stdout


def test_text_format_escapes_hostile_file_names(tmp_path, monkeypatch):
    """A file name cannot forge a CI workflow command or split a finding line in text output."""
    from linter.findings import Finding
    from linter.formats import Report, render

    hostile = "::error file=forged.md,line=1::x\nsecond.md"
    finding = Finding(hostile, 1, 1, "PM002", "frontmatter-missing", "error", "no frontmatter")
    output = render("text", Report([finding], 1, None))
    first = output.splitlines()[0]
    assert first.startswith("%3A%3Aerror file=forged.md,line=1%3A%3Ax")
    assert "\\x0asecond.md:1:1: PM002" in first
    assert len(output.splitlines()) == 2  # the finding and the summary, nothing injected


def test_text_format_path_cannot_pass_for_a_finding_line(tmp_path):
    """As the github format escapes properties: a ':' (and the '%' that escapes it) in a path
    is percent-encoded, so the first ':' of a line always ends the path."""
    from linter.findings import Finding
    from linter.formats import Report, render

    crafted = "a.md:9:1: PM801 raw-html [error] 100%.md"
    finding = Finding(crafted, 3, 2, "PM108", "file-name", "warning", "bad name")
    line = render("text", Report([finding], 1, None)).splitlines()[0]
    assert line == "a.md%3A9%3A1%3A PM801 raw-html [error] 100%25.md:3:2: PM108 file-name [warning] bad name"
    assert line.split(":", 1)[0] == "a.md%3A9%3A1%3A PM801 raw-html [error] 100%25.md"


LINT_ONE_FILE = """
import sys
from linter.cli import main
try:
    main(["lint", sys.argv[1]])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""
# What the pull-request gate (one staged file, from pre-commit) never needs: the reports' model
# and renderers, the importer, the editor server, the site's libraries, and jsonschema for a
# file whose frontmatter is valid.
NOT_ON_THE_LINT_PATH = ("linter.incident", "linter.reports.actions", "linter.reports.follow_ups",
                        "linter.reports.analysis", "linter.importer", "linter.server", "linter.fixing",
                        "jsonschema", "numpy", "scipy", "mkdocs", "material")


def test_linting_one_file_imports_only_what_the_lint_needs(tmp_path):
    """Start-up is most of a one-file lint: building the command line must not import the
    other commands' modules (their options are declared without them)."""
    import subprocess
    import sys

    target = tmp_path / "postmortems" / "2026-04-07-checkout-errors-after-pricing-update.md"
    target.parent.mkdir()
    target.write_text(clean_text(), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_bytes((REPO / "pyproject.toml").read_bytes())  # with report settings
    done = subprocess.run([sys.executable, "-c", LINT_ONE_FILE, str(target)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(done.stdout.split())
    assert "linter.engine" in loaded and "linter.rules" in loaded  # it did lint
    assert not [name for name in loaded if name.split(".")[0] in NOT_ON_THE_LINT_PATH
                or any(name == module or name.startswith(module + ".") for module in NOT_ON_THE_LINT_PATH)]


REPORT_TWO_FILES = """
import sys
from linter.cli import main
try:
    main(["report", sys.argv[1], "--format", "json", "--jobs", "1", "-o", sys.argv[2]])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize("selected", [None, "PM4"])
def test_report_imports_no_rule_module_unless_the_configuration_names_rules(tmp_path, selected):
    """The reports read files without rules: with the default selection (valid whatever rules
    exist) no rule module is imported before the workers fork; a configured selector still has
    to be checked against the rules, so then they are."""
    import subprocess
    import sys

    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(clean_text(), encoding="utf-8")
    (tmp_path / ".postmortem.toml").write_text(f'select = ["{selected}"]\n' if selected else "", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", REPORT_TWO_FILES, str(folder), str(tmp_path / "report.json")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))  # it did report
    loaded = set(done.stdout.split())
    assert ("linter.rules" in loaded) is (selected is not None)
