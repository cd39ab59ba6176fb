"""Configuration: rule selection, per-file ignores, severities, phrases, taxonomies, sections,
discovery of the configuration file, and clear errors (exit 2) for invalid configuration."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import clean_text, codes, run_cli
from linter.config import ConfigError, load_config

NAME = "2026-04-07-checkout-errors-after-pricing-update.md"


def messy_text() -> str:
    """The clean postmortem with an owner-less item (PM402), a vague item (PM405) and blame (PM501)."""
    text = clean_text()
    text = text.replace("| Reject quotes below $0.50 in `price_quote` validation | @jane |",
                        "| Reject quotes below $0.50 in `price_quote` validation | TBD |")
    text = text.replace("| Route model deploys through a 5% canary for 30 minutes (`deploy/models.yaml`) |",
                        "| Add more monitoring |")
    return text.replace("This\nwas not human error", "This\nwas human error")


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A repository in tmp_path (the working directory) with postmortems/ and a config writer."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "postmortems").mkdir()

    class Repository:
        root = tmp_path

        def config(self, toml: str, name: str = ".postmortem.toml") -> Path:
            path = tmp_path / name
            path.write_text(textwrap.dedent(toml), encoding="utf-8")
            return path

        def postmortem(self, text: str, relative: str = f"postmortems/{NAME}") -> Path:
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return path

        def lint(self, *args: str):
            result = run_cli("lint", "--format", "json", *args)
            assert result.code in (0, 1), result.err
            return result.code, result.json()["findings"]

    return Repository()


# --- selecting rules ------------------------------------------------------------------------

@pytest.mark.parametrize(("options", "expected"), [
    ([], {"PM402", "PM405", "PM501"}),
    (["--select", "PM405"], {"PM405"}),
    (["--select", "action-item-vague"], {"PM405"}),
    (["--select", "PM4"], {"PM402", "PM405"}),
    (["--select", "ALL", "--ignore", "PM4"], {"PM501"}),
    (["--ignore", "blame-language"], {"PM402", "PM405"}),
    (["--select", "PM4", "--ignore", "PM40"], set()),  # the longer prefix wins
    (["--select", "PM4,PM405", "--ignore", "PM40"], {"PM405"}),  # a full code beats any prefix
    (["--select", "PM4", "--ignore", "PM4"], set()),  # on a tie, ignore wins
    (["--select", "pm405"], {"PM405"}),  # codes are case-insensitive
])
def test_select_and_ignore_on_the_command_line(repository, options, expected):
    repository.config("")
    repository.postmortem(messy_text())
    _, findings = repository.lint("postmortems", *options)
    assert set(codes(findings)) == expected


def test_select_and_ignore_in_the_configuration(repository):
    repository.config('select = ["PM4", "PM5"]\nignore = ["PM40"]\n')
    repository.postmortem(messy_text())
    assert set(codes(repository.lint()[1])) == {"PM501"}
    # --select replaces the configured select; --ignore adds to the configured ignore.
    assert set(codes(repository.lint("--select", "PM405")[1])) == {"PM405"}
    assert set(codes(repository.lint("--ignore", "PM501")[1])) == set()


def test_unknown_selector_on_the_command_line_is_a_usage_error(repository):
    repository.config("")
    result = run_cli("lint", "--select", "PM4O5", "postmortems")
    assert result.code == 2
    assert "'PM4O5' is no rule code, name or prefix" in result.err


def test_per_file_ignores_by_glob(repository):
    repository.config("""
        [per-file-ignores]
        "postmortems/2025/*.md" = ["PM405", "blame-language"]
        "*-legacy.md" = ["PM4"]
    """)
    repository.postmortem(messy_text(), f"postmortems/2025/{NAME}")
    repository.postmortem(messy_text().replace("PM-2026-014", "PM-2026-015"), f"postmortems/2026/{NAME}")
    repository.postmortem(messy_text().replace("PM-2026-014", "PM-2026-016"), "postmortems/2026/2026-04-07-checkout-legacy.md")
    _, findings = repository.lint()
    by_file: dict[str, set[str]] = {}
    for finding in findings:
        by_file.setdefault(finding["path"], set()).add(finding["code"])
    assert by_file[f"postmortems/2025/{NAME}"] == {"PM402"}
    assert by_file[f"postmortems/2026/{NAME}"] == {"PM402", "PM405", "PM501"}
    assert by_file["postmortems/2026/2026-04-07-checkout-legacy.md"] == {"PM501"}


# --- severities -----------------------------------------------------------------------------

def test_severity_overrides(repository):
    repository.config("""
        [severity]
        blame-language = "error"
        PM4 = "off"
        PM405 = "warning"
    """)
    repository.postmortem(messy_text())
    code, findings = repository.lint()
    assert {(f["code"], f["severity"]) for f in findings} == {("PM501", "error"), ("PM405", "warning")}
    assert code == 1


def test_downgraded_errors_no_longer_fail_the_run(repository):
    repository.config('[severity]\nPM4 = "warning"\n')
    repository.postmortem(messy_text())
    code, findings = repository.lint()
    assert {f["severity"] for f in findings} == {"warning"}
    assert code == 0
    assert run_cli("lint", "--strict").code == 1


# --- phrases, taxonomies, sections ------------------------------------------------------------

def test_extra_vague_and_blame_phrases(repository):
    text = clean_text().replace("| Route model deploys through a 5% canary for 30 minutes (`deploy/models.yaml`) |",
                                "| Keep an eye on the pricing service (sic) |")
    text = text.replace("- Rollback took 37 minutes", "- The release manager took a shortcut.\n- Rollback took 37 minutes")
    repository.postmortem(text)
    repository.config("")
    assert repository.lint()[1] == []
    repository.config('vague-phrases = ["keep an eye on"]\nblame-phrases = ["took a shortcut", "a.b (literal)"]\n')
    findings = repository.lint()[1]
    assert sorted(codes(findings)) == ["PM405", "PM501"]
    assert any("took a shortcut" in f["message"] for f in findings)


def test_extended_taxonomies_and_severity_scheme(repository):
    text = clean_text().replace("root_cause_category: model", "root_cause_category: third-party-saas")
    text = text.replace("contributing_factors: [missing-eval-case, no-canary]",
                        "contributing_factors: [missing-eval-case, missing-feature-flag]")
    text = text.replace("severity: SEV2", "severity: P2")
    repository.postmortem(text)
    repository.config("")
    assert sorted(codes(repository.lint()[1])) == ["PM102", "PM102", "PM102"]
    repository.config("""
        extend-root-cause-categories = ["third-party-saas"]
        extend-contributing-factors = ["missing-feature-flag"]
        severities = ["P1", "P2", "P3", "P4"]
    """)
    assert repository.lint()[1] == []
    schema = run_cli("schema").json()
    assert "third-party-saas" in schema["properties"]["root_cause_category"]["enum"]
    assert "model" in schema["properties"]["root_cause_category"]["enum"]
    assert schema["properties"]["severity"]["enum"] == ["P1", "P2", "P3", "P4"]


def test_replaced_taxonomy(repository):
    repository.postmortem(clean_text())
    repository.config('root-cause-categories = ["software", "hardware"]\n')
    findings = repository.lint()[1]
    assert codes(findings) == ["PM102"]
    assert "'model', which is not one of: software, hardware" in findings[0]["message"]


def test_required_sections(repository):
    text = clean_text()
    text = text[:text.index("## Contributing factors")] + text[text.index("## Action items"):]
    repository.postmortem(text)
    repository.config("")
    missing = [f["message"] for f in repository.lint("--select", "PM201")[1]]
    assert len(missing) == 3 and all("is missing" in message for message in missing)
    repository.config('required-sections = ["Summary", "Impact", "Timeline", "Root cause", "Action items"]\n')
    assert repository.lint("--select", "PM201")[1] == []
    repository.config('required-sections = ["Summary", "Lessons learned"]\n')
    [message] = [f["message"] for f in repository.lint("--select", "PM201")[1]]
    assert message.startswith("required section '## Lessons learned' is missing: no heading named 'Lessons learned' (or 'Lessons learnt'")


# --- invalid configuration ------------------------------------------------------------------

@pytest.mark.parametrize(("toml", "message"), [
    ("select = [PM4", "invalid TOML"),
    ('selct = ["PM4"]', "'selct' is not a known setting; did you mean 'select'?"),
    ('select = "PM4"', "'select' must be a list of strings"),
    ('ignore = ["PM9999"]', "'ignore' names 'PM9999', which is no rule code, name or code prefix"),
    ('[severity]\nPM405 = "fatal"', "'severity' must map rule codes or names to \"error\", \"warning\", \"note\" or \"off\""),
    ('[severity]\nnot-a-rule = "off"', "'severity' names 'not-a-rule'"),
    ('per-file-ignores = ["PM405"]', "'per-file-ignores' must be a table of glob = [codes]"),
    ('[per-file-ignores]\n"*.md" = "PM405"', "'per-file-ignores' entry '*.md' must be a list of strings"),
    ('[per-file-ignores]\n"*.md" = ["PM4O5"]', "'per-file-ignores' entry '*.md' names 'PM4O5', which is no rule code"),
    ('required-sections = ["Summery"]', "'required-sections' names 'Summery', which is no section of the format; did you mean 'Summary'?"),
    ("severities = []", "'severities' must name at least one severity"),
    ("systemic-window-days = -3", "'systemic-window-days' must be a non-negative integer"),
    ("vague-phrases = [1, 2]", "'vague-phrases' must be a list of strings"),
])
def test_invalid_configuration_is_a_clear_error(repository, toml, message):
    config = repository.config(toml)
    repository.postmortem(clean_text())
    for argv in (["lint"], ["lint", "--config", str(config)], ["schema"]):
        result = run_cli(*argv)
        assert result.code == 2, argv
        assert result.out == ""
        assert message in result.err
        assert str(config) in result.err
        assert "Traceback" not in result.err


def test_pyproject_tool_postmortem_must_be_a_table(repository):
    repository.config('[tool]\npostmortem = "strict"\n', name="pyproject.toml")
    result = run_cli("lint")
    assert result.code == 2
    assert "[tool.postmortem] must be a table" in result.err


def test_missing_config_file_named_explicitly(repository):
    result = run_cli("lint", "--config", "no-such.toml")
    assert result.code == 2
    assert "no-such.toml: cannot read" in result.err


# --- discovery ------------------------------------------------------------------------------

def test_discovery_prefers_dotfile_then_pyproject_walking_up(tmp_path):
    nested = tmp_path / "a" / "b" / "c"
    nested.mkdir(parents=True)
    assert load_config(start=str(nested)).source is None  # nothing found: defaults
    (tmp_path / "pyproject.toml").write_text('[tool.postmortem]\nignore = ["PM108"]\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no-postmortem-table"\n', encoding="utf-8")
    found = load_config(start=str(nested))
    assert found.source == str(tmp_path / "pyproject.toml")  # a pyproject without the table is passed over
    assert found.ignore == ["PM108"]
    assert found.root == str(tmp_path)
    (tmp_path / "a" / ".postmortem.toml").write_text('ignore = ["PM205"]\n', encoding="utf-8")
    assert load_config(start=str(nested)).ignore == ["PM205"]
    (tmp_path / "a" / "b" / "pyproject.toml").write_text('[tool.postmortem]\nignore = ["PM501"]\n', encoding="utf-8")
    (tmp_path / "a" / "b" / ".postmortem.toml").write_text('ignore = ["PM502"]\n', encoding="utf-8")
    assert load_config(start=str(nested)).ignore == ["PM502"]  # the dotfile wins in the same directory


def test_explicit_pyproject_reads_its_tool_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool.postmortem]\nselect = ["PM4"]\n', encoding="utf-8")
    assert load_config(str(path)).select == ["PM4"]


def test_configured_paths_are_linted_by_default(repository):
    repository.config('paths = ["incidents"]\n')
    repository.postmortem(messy_text(), f"incidents/{NAME}")
    repository.postmortem("no frontmatter at all\n", "postmortems/2026-04-07-ignored.md")
    _, findings = repository.lint()
    assert {f["path"] for f in findings} == {f"incidents/{NAME}"}


def test_config_error_is_an_exception_not_an_exit(tmp_path):
    path = tmp_path / ".postmortem.toml"
    path.write_text('select = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'select' names 'nope'"):
        load_config(str(path))


@pytest.mark.parametrize("raw, expected", [
    (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    (b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n", "nested too deeply"),
    (b'paths = ["postmortems"]\n# caf\xe9\n', ".postmortem.toml:2: not valid UTF-8 (byte 0xe9)"),
    (b"[reports]\ntoday = 2026-01-01T00:00:00Z\n", "'reports.today' must be a date"),
    (b"[reports]\ntoday = 10:00:00\n", "'reports.today' must be a date"),
    (b'[reports]\nrelated-count = "five"\n', "'reports.related-count' must be a non-negative integer"),
], ids=["deep-arrays", "deep-tables", "latin-1", "datetime-today", "time-today", "report-setting"])
def test_configuration_that_used_to_crash_is_exit_2_naming_the_file(repository, raw, expected):
    """Each of these raised (RecursionError, UnicodeDecodeError, or a TypeError in the reports):
    a traceback and exit 1. Now it is a configuration error, and lint refuses a report setting
    the site build would stop on."""
    (repository.root / ".postmortem.toml").write_bytes(raw)
    (repository.root / "postmortems" / NAME).write_text(clean_text(), encoding="utf-8")
    for command in (("lint",), ("report",)):
        result = run_cli(*command)
        assert result.code == 2, (command, result.err)
        assert expected in result.err and ".postmortem.toml" in result.err
        assert "Traceback" not in result.err


def test_a_toml_date_pins_the_reports_day(repository):
    repository.config("[reports]\ntoday = 2026-11-01\n")
    from linter.reports.options import resolve_today

    assert resolve_today(None, load_config(), environ={}).isoformat() == "2026-11-01"
