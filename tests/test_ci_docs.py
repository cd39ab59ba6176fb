"""The CI workflow and the CI, editor and output-format docs say what the tool really does."""

from __future__ import annotations

import json
import re
import shlex
import sys

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from conftest import REPO, clean_text, run_cli
from linter.cli import build_parser
from linter.init_files import _vscode_tasks

WORKFLOW = REPO / ".github" / "workflows" / "postmortems.yml"
DOCS = {name: REPO / "docs" / name for name in ("ci.md", "editor.md", "output-formats.md")}


def code_blocks(path, language: str | None = None) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [body for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)
            if language is None or lang == language]


def postmortem_commands(text: str) -> list[list[str]]:
    """Every ``postmortem ...`` invocation in shell or workflow text, as argv without the name."""
    commands = []
    for match in re.finditer(r"(?:^|run: |\|\| |&& |\$\()\s*postmortem ([^|&\n#)>]*)", text, flags=re.M):
        argv = shlex.split(match.group(1))
        commands.append([arg.replace("$BASE_REF", "main") for arg in argv])
    return commands


def parses(argv: list[str]) -> bool:
    try:
        build_parser().parse_args(argv)
    except SystemExit:
        return False
    return True


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_workflow_lints_with_annotations_uploads_sarif_and_builds_strict():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "push" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    lint, site = workflow["jobs"]["lint"], workflow["jobs"]["site"]
    assert lint["permissions"]["security-events"] == "write"
    runs = [step.get("run", "") for step in steps(lint)]
    assert "postmortem lint --format github" in runs
    [sarif_run] = [run for run in runs if "--format sarif" in run]
    output = re.search(r"--output-file (\S+)", sarif_run).group(1)
    [upload] = [step for step in steps(lint) if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == output
    assert any(step.get("run") == "mkdocs build --strict" for step in steps(site))
    for run in runs:
        for argv in postmortem_commands(run):
            assert parses(argv), argv


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_documented_command_parses(name):
    blocks = code_blocks(DOCS[name])
    commands = [argv for block in blocks for argv in postmortem_commands(block)]
    assert commands or name == "output-formats.md"
    for argv in commands:
        assert parses(argv), argv


def test_adopter_snippets_are_valid_and_name_real_hooks_and_options():
    [workflow, precommit] = [yaml.safe_load(block) for block in code_blocks(DOCS["ci.md"], "yaml")]
    job = workflow["jobs"]["lint"]
    assert next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))["with"]["fetch-depth"] == 0
    assert any("--changed-since" in step.get("run", "") for step in steps(job))
    hooks = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {hook["id"] for repo in precommit["repos"] for hook in repo["hooks"]} <= hooks


def test_documented_json_shape_is_the_real_one(write_postmortem, tmp_path, monkeypatch, empty_config):
    [example] = [json.loads(block) for block in code_blocks(DOCS["output-formats.md"], "json")]
    write_postmortem(clean_text().replace("## Summary\n", "## Summary\n\nTBD\n", 1))
    monkeypatch.chdir(tmp_path)
    real = run_cli("lint", "--format", "json", "--config", empty_config, ".").json()
    assert list(example) == list(real)
    assert list(example["findings"][0]) == list(real["findings"][0])
    assert example["version"] == real["version"]


def test_documented_help_uri_default_is_the_real_one():
    from linter.formats.sarif import DEFAULT_SITE_URL, rule_help_uri

    assert f"`{rule_help_uri('{CODE}', None)}`" in DOCS["output-formats.md"].read_text(encoding="utf-8")
    assert rule_help_uri("PM101", None).startswith(DEFAULT_SITE_URL)


def test_documented_modeline_is_what_new_writes(tmp_path, monkeypatch):
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "postmortem.schema.json").write_text(run_cli("schema").out, encoding="utf-8")
    result = run_cli("new", "Checkout errors", "--severity", "SEV2", "--service", "checkout", "--date", "2026-04-07")
    modeline = (tmp_path / result.out.strip()).read_text(encoding="utf-8").splitlines()[1]
    assert modeline in code_blocks(DOCS["editor.md"], "markdown")[0]


def test_the_vs_code_problem_matchers_read_lints_real_output(tmp_path, monkeypatch):
    """Every finding line `postmortem lint` prints is read by exactly one matcher of the tasks
    `init` writes and docs/editor.md shows, into the file, place, code, severity and message the
    JSON format gives."""
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    (tmp_path / "postmortems").mkdir()
    for example in sorted((REPO / "postmortems").rglob("*.md")):  # a warning and a note among them
        (tmp_path / "postmortems" / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    blamed = clean_text().replace("## Summary\n", "## Summary\n\nIt was human error.\n", 1)
    (tmp_path / "postmortems" / "2026-04-07-blamed.md").write_text(blamed.replace("\nseverity: SEV2", "\nseverity: SEV9", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text, as_json = run_cli("lint"), run_cli("lint", "--format", "json")
    findings = json.loads(as_json.out)["findings"]
    [tasks] = [json.loads(block) for block in code_blocks(DOCS["editor.md"], "json") if '"problemMatcher"' in block]
    assert tasks == _vscode_tasks()  # what `postmortem init` writes
    linting = [task for task in tasks["tasks"] if task["command"].startswith("postmortem ")]
    assert len(linting) == 2 and all(parses(shlex.split(task["command"].replace('"${file}"', "a.md"))[1:]) for task in linting)
    matchers = linting[0]["problemMatcher"]
    assert all(task["problemMatcher"] == matchers for task in linting)
    read = []
    for line in text.out.splitlines():
        hits = [(matcher, re.match(matcher["pattern"]["regexp"], line)) for matcher in matchers]
        hits = [(matcher, match) for matcher, match in hits if match]
        if line.startswith(("Found ", "All clear", " ")) or not line.strip() or "fixable with" in line:
            assert not hits, line
            continue
        assert len(hits) == 1, line
        matcher, match = hits[0]
        pattern = matcher["pattern"]
        read.append({"path": match.group(pattern["file"]), "line": int(match.group(pattern["line"])),
                     "column": int(match.group(pattern["column"])), "code": match.group(pattern["code"]),
                     "severity": match.group(pattern["severity"]) if "severity" in pattern else
                     {"info": "note"}[matcher["severity"]], "message": match.group(pattern["message"])})
    assert read == [{key: finding[key] for key in ("path", "line", "column", "code", "severity", "message")}
                    for finding in findings]
    assert {"error", "warning", "note"} <= {finding["severity"] for finding in read}


def test_the_editor_set_ups_start_the_server_command():
    text = DOCS["editor.md"].read_text(encoding="utf-8")
    [lua] = code_blocks(DOCS["editor.md"], "lua")
    cmd = re.search(r"cmd = \{ (.*?) \}", lua).group(1)
    [toml] = code_blocks(DOCS["editor.md"], "toml")
    helix = tomllib.loads(toml)["language-server"]["postmortem"]
    [js] = code_blocks(DOCS["editor.md"], "js")
    vscode = re.search(r'command: "(\w+)", args: \[(.*?)\]', js)
    for argv in (json.loads(f"[{cmd.replace(' ', '')}]"), [helix["command"], *helix["args"]],
                 [vscode.group(1), *json.loads(f"[{vscode.group(2)}]")]):
        assert argv[0] == "postmortem" and argv[1:] == ["server"] and parses(argv[1:])
    assert "postmortem-kit[server]" in text


def test_the_vs_code_extension_snippet_is_valid(tmp_path):
    import shutil
    import subprocess

    [manifest] = [json.loads(block) for block in code_blocks(DOCS["editor.md"], "json") if '"activationEvents"' in block]
    assert manifest["main"] == "./extension.js" and "vscode-languageclient" in manifest["dependencies"]
    assert "onLanguage:markdown" in manifest["activationEvents"]
    [js] = code_blocks(DOCS["editor.md"], "js")
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the script's syntax is not checked")
    script = tmp_path / "extension.js"
    script.write_text(js, encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
