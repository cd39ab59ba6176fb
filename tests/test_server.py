"""End to end: `postmortem server` driven over its protocol by a real client (tests/lsp_client.py)
as an editor drives it: open, change, save, diagnostics, hover, completion, code actions,
definition, and what it does with a malformed message, an unreadable file and a bad
configuration (it says so, and keeps serving)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient  # noqa: E402

from linter.commands.explain import rule_documentation  # noqa: E402
from linter.config import load_config  # noqa: E402
from linter.rules import BY_CODE  # noqa: E402
from linter.schema import schema_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "postmortems").rglob("*.md"))
SEVERITY = {"error": 1, "warning": 2, "note": 3}


def corpus_read(client: LspClient) -> dict:
    return client.wait_for(lambda m: m.get("method") == "window/logMessage" and "corpus read" in m["params"]["message"])


def errors_shown(client: LspClient, after: int = 0) -> list[str]:
    return [m["params"]["message"] for m in client.messages[after:]
            if m.get("method") == "window/showMessage" and m["params"]["type"] == 1]


def lint_json(cwd: Path, *paths: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "linter", "lint", "--format", "json", *paths], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def apply_edit(text: str, edit: dict) -> str:
    """A client applying one TextEdit (positions in UTF-16, the default encoding)."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position: dict) -> int:
        before = sum(len(line) for line in lines[:position["line"]])
        line = lines[position["line"]]
        units = 0
        for index, character in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += 2 if ord(character) > 0xFFFF else 1
        return before + len(line)

    start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


def make_corpus(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "postmortems").mkdir(parents=True, exist_ok=True)
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "postmortems" / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def examples_server():
    """One server on the example corpus (this repository), its corpus read."""
    with LspClient(ROOT) as client:
        client.initialize(ROOT)
        corpus_read(client)
        yield client


def test_open_publishes_what_lint_reports_for_every_example(examples_server):
    expected = {}
    for finding in lint_json(ROOT, "postmortems/"):
        expected.setdefault(finding["path"], []).append(finding)
    checked_some_finding = False
    for path in EXAMPLES:
        after = len(examples_server.messages)
        uri = examples_server.open(path)
        published = examples_server.diagnostics(uri, after=after)["diagnostics"]
        wanted = expected.get(path.relative_to(ROOT).as_posix(), [])
        assert [(d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["severity"])
                for d in published] == \
               [(f["code"], f["line"], f["column"], SEVERITY[f["severity"]]) for f in wanted]
        for shown, finding in zip(published, wanted):
            assert finding["message"] in shown["message"] and shown["source"] == "postmortem"
        checked_some_finding |= bool(wanted)
    assert checked_some_finding, "the example corpus has findings to compare (a warning and a note)"


def test_markdown_outside_the_configured_paths_gets_no_findings(examples_server):
    readme = ROOT / "README.md"
    assert lint_json(ROOT, "README.md"), "lint named the file finds plenty: it is no postmortem"
    after = len(examples_server.messages)
    uri = examples_server.open(readme)
    assert examples_server.diagnostics(uri, after=after)["diagnostics"] == []


def test_a_change_is_linted_once_after_a_pause(tmp_path):
    text = EXAMPLES[0].read_text(encoding="utf-8")
    root = make_corpus(tmp_path, {"a.md": text})
    with LspClient(root) as client:
        client.initialize(root, {"debounceMs": 300})
        corpus_read(client)
        uri = client.open(root / "postmortems" / "a.md")
        client.diagnostics(uri, version=1)
        after = len(client.messages)
        broken = text.replace("## Timeline", "## Time line")
        for version, cut in ((2, 2), (3, 1), (4, 0)):  # a burst of keystrokes: one lint, of the last text
            client.change(uri, broken[: len(broken) - cut], version)
        published = client.diagnostics(uri, after=after, version=4)
        (root / "postmortems" / "a.md").write_text(broken, encoding="utf-8")  # what the editor holds, for lint
        linted = lint_json(root, "postmortems/a.md")
        assert [d["code"] for d in published["diagnostics"]] == [f["code"] for f in linted]
        assert len(linted) > 1  # the renamed section is found (and the deadline note or warning)
        versions = [m["params"]["version"] for m in client.messages[after:] if m.get("method") == "textDocument/publishDiagnostics"]
        assert versions == [4]


def test_corpus_rules_see_the_files_on_disk_and_a_save_reads_them_again(tmp_path):
    text = EXAMPLES[0].read_text(encoding="utf-8")
    own_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
    citing = text.replace(f"id: {own_id}", "id: PM-2031-001", 1).replace("\nseverity:", "\nrelated:\n  - PM-2031-002\nseverity:", 1)
    root = make_corpus(tmp_path, {"citing.md": citing})
    with LspClient(root) as client:
        client.initialize(root)
        corpus_read(client)
        uri = client.open(root / "postmortems" / "citing.md")
        unknown = [d["code"] for d in client.diagnostics(uri)["diagnostics"] if "PM-2031-002" in d["message"]]
        assert unknown and unknown == [f["code"] for f in lint_json(root, "postmortems/citing.md") if "PM-2031-002" in f["message"]]
        cited = root / "postmortems" / "cited.md"
        cited.write_text(text.replace(f"id: {own_id}", "id: PM-2031-002", 1), encoding="utf-8")
        after = len(client.messages)
        client.notify("textDocument/didSave", {"textDocument": {"uri": cited.as_uri()}})
        corpus_read_again = client.wait_for(lambda m: m.get("method") == "window/logMessage"
                                            and "corpus read: 2" in m["params"]["message"], after=after)
        assert corpus_read_again
        again = client.diagnostics(uri, after=client.messages.index(corpus_read_again))["diagnostics"]
        assert not [d for d in again if "PM-2031-002" in d["message"]]
        assert [d["code"] for d in again] == [f["code"] for f in lint_json(root, "postmortems/citing.md")]
        cited.unlink()  # gone from disk without a save here (a checkout): the client's file watcher says so
        after = len(client.messages)
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cited.as_uri(), "type": 3}]})
        read = client.wait_for(lambda m: m.get("method") == "window/logMessage" and "corpus read: 1" in m["params"]["message"],
                               after=after)
        unknown_again = client.diagnostics(uri, after=client.messages.index(read))["diagnostics"]
        assert [d for d in unknown_again if "PM-2031-002" in d["message"]]


def test_the_server_asks_a_client_that_can_watch_files_to_watch_markdown(tmp_path):
    root = make_corpus(tmp_path, {})
    with LspClient(root) as client:
        client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}})
        client.notify("initialized", {})
        asked = client.wait_for(lambda m: m.get("method") == "client/registerCapability")
        [registration] = asked["params"]["registrations"]
        assert registration["method"] == "workspace/didChangeWatchedFiles"
        assert registration["registerOptions"]["watchers"] == [{"globPattern": "**/*.md"}]


def test_hover_on_a_finding_shows_its_rule_doc(examples_server):
    path = next(p for p in EXAMPLES if "search-reindex" in p.name)
    after = len(examples_server.messages)
    uri = examples_server.open(path)
    finding = examples_server.diagnostics(uri, after=after)["diagnostics"][0]
    answer = examples_server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": finding["range"]["start"]})
    assert answer["result"]["contents"]["value"] == rule_documentation(BY_CODE[finding["code"]])
    nothing = examples_server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    assert nothing["result"] is None


def _labels(client: LspClient, uri: str, line: int, character: int) -> list[str]:
    answer = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                        "position": {"line": line, "character": character}})
    return [item["label"] for item in answer["result"]["items"]]


def test_completion_offers_keys_and_allowed_values(examples_server):
    config = load_config(None, str(ROOT))
    properties = schema_for(config)["properties"]
    ids = sorted({line.split(":", 1)[1].strip() for path in EXAMPLES for line in path.read_text(encoding="utf-8").splitlines()
                  if line.startswith("id:")})
    text = "---\nid: PM-2099-001\nseverity: \nstatus: dr\nrelated: [\nservices:\n  - \ndetection: \n\n---\n# Title\n"
    uri = examples_server.open(ROOT / "postmortems" / "unsaved-draft.md", text)
    assert _labels(examples_server, uri, 2, len("severity: ")) == properties["severity"]["enum"]
    assert _labels(examples_server, uri, 3, len("status: dr")) == properties["status"]["enum"]
    assert _labels(examples_server, uri, 4, len("related: [")) == ids
    services = _labels(examples_server, uri, 6, len("  - "))
    assert "checkout" in services and services == sorted(set(services))
    assert _labels(examples_server, uri, 7, len("detection: ")) == properties["detection"]["enum"]
    keys = _labels(examples_server, uri, 8, 0)
    assert "title" in keys and "severity" not in keys and set(keys) <= set(properties)
    assert _labels(examples_server, uri, 10, 3) == []  # the body: nothing to complete


def test_definition_of_a_related_id_opens_that_postmortem(examples_server):
    path = next(p for p in EXAMPLES if "related:" in p.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("related:")
    line = start + 1
    target_id = lines[line].split("-", 1)[1].strip()
    uri = examples_server.open(path)
    answer = examples_server.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                                 "position": {"line": line, "character": lines[line].index("PM") + 3}})
    location = answer["result"]
    target = Path(location["uri"].removeprefix("file://"))
    assert f"id: {target_id}" in target.read_text(encoding="utf-8").splitlines()
    assert target.read_text(encoding="utf-8").splitlines()[location["range"]["start"]["line"]].startswith("id:")


def test_code_actions_apply_the_fix_lint_applies_and_a_suppression(tmp_path):
    text = EXAMPLES[0].read_text(encoding="utf-8")
    stamp = next(line for line in text.splitlines() if line.startswith("started_at:"))
    spelled = stamp.replace('Z"', ' UTC"')  # PM110: the UTC spelling, which --fix writes as Z
    blamed = text.replace(stamp, spelled, 1) + "\nThe outage was caused by human error.\n"
    root = make_corpus(tmp_path / "editor", {"a.md": blamed})
    fixed_by_lint = make_corpus(tmp_path / "fixed", {"a.md": blamed})
    subprocess.run([sys.executable, "-m", "linter", "lint", "--fix", "postmortems/a.md"], cwd=fixed_by_lint,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    with LspClient(root) as client:
        client.initialize(root)
        corpus_read(client)
        uri = client.open(root / "postmortems" / "a.md")
        diagnostics = client.diagnostics(uri)["diagnostics"]
        everything = {"start": {"line": 0, "character": 0}, "end": {"line": len(blamed.splitlines()), "character": 0}}
        answer = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": everything,
                                                            "context": {"diagnostics": diagnostics}})
        actions = [a for a in answer["result"] if a["kind"] == "quickfix"]
        [fix_all] = [a for a in answer["result"] if a["kind"] == "source.fixAll.postmortem"]
        by_lint = (fixed_by_lint / "postmortems" / "a.md").read_text(encoding="utf-8")
        assert by_lint != blamed and apply_edit(blamed, fix_all["edit"]["changes"][uri][0]) == by_lint
        only = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": everything,
                                                          "context": {"diagnostics": [], "only": ["source.fixAll"]}})
        assert [a["kind"] for a in only["result"]] == ["source.fixAll.postmortem"]  # what fix-on-save asks for
        fixes = [a for a in actions if a["diagnostics"][0]["code"] == "PM110" and not a["title"].startswith("Disable")]
        assert len(fixes) == 1 and fixes[0]["isPreferred"]
        after_fix = apply_edit(blamed, fixes[0]["edit"]["changes"][uri][0])
        assert after_fix == by_lint
        silence = [a for a in actions if a["title"].startswith("Disable PM501")]
        assert len(silence) == 1
        silenced = apply_edit(blamed, silence[0]["edit"]["changes"][uri][0])
        assert "human error. <!-- postmortem-lint disable-line=PM501 -->" in silenced
        after = len(client.messages)
        client.change(uri, silenced, 2)
        assert "PM501" not in {d["code"] for d in client.diagnostics(uri, after=after, version=2)["diagnostics"]}


def test_a_malformed_message_is_told_and_the_server_keeps_serving(examples_server):
    after = len(examples_server.messages)
    examples_server.send_raw(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {oops')
    examples_server.wait_for(lambda m: m.get("method") == "window/showMessage", after=after)
    assert errors_shown(examples_server, after)
    uri = examples_server.open(EXAMPLES[1])
    assert "diagnostics" in examples_server.diagnostics(uri, after=after)
    after = len(examples_server.messages)  # JSON, but params of the wrong shape
    examples_server.send_raw(b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {"textDocument": 5}}')
    examples_server.wait_for(lambda m: m.get("method") == "window/showMessage", after=after)
    assert errors_shown(examples_server, after)
    uri = examples_server.open(EXAMPLES[3])
    assert "diagnostics" in examples_server.diagnostics(uri, after=after)
    logged = "".join(examples_server.stderr)
    assert "Unable to handle message" in logged and "Traceback" not in logged  # said in one line, no traceback


def test_a_file_that_cannot_be_read_is_told_and_the_server_keeps_serving(examples_server, tmp_path):
    folder = tmp_path / "folder.md"  # a directory: not a file to read
    folder.mkdir()
    not_utf8 = tmp_path / "latin1.md"
    not_utf8.write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    for path in (folder, not_utf8, tmp_path / "missing.md"):
        after = len(examples_server.messages)
        answer = examples_server.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                                "position": {"line": 0, "character": 0}})
        assert answer.get("result") is None and "error" not in answer
        assert any(str(path) in message for message in errors_shown(examples_server, after))
    after = len(examples_server.messages)
    uri = examples_server.open(EXAMPLES[2])
    assert "diagnostics" in examples_server.diagnostics(uri, after=after)


def test_a_configuration_error_is_told_and_the_server_keeps_serving(tmp_path):
    (tmp_path / ".postmortem.toml").write_text("severities = 3\n", encoding="utf-8")
    with LspClient(tmp_path) as client:
        client.initialize(tmp_path)
        message = client.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert "configuration error" in message["params"]["message"]
        answer = client.request("textDocument/hover", {"textDocument": {"uri": (tmp_path / "a.md").as_uri()},
                                                       "position": {"line": 0, "character": 0}})
        assert answer["result"] is None


def test_without_pygls_the_command_says_so_and_exits_2():
    blocked = "import sys; sys.modules['pygls'] = None; from linter.cli import main; sys.exit(main(['server']))"
    done = subprocess.run([sys.executable, "-c", blocked], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "needs pygls" in done.stderr and "Traceback" not in done.stderr


def test_an_incremental_change_is_checked_as_the_whole_text_would_be(examples_server):
    path = EXAMPLES[4]
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(index for index, line in enumerate(lines) if line.startswith("## ") and index > 10)
    after = len(examples_server.messages)
    uri = examples_server.open(path)
    examples_server.diagnostics(uri, after=after)
    after = len(examples_server.messages)
    examples_server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": row, "character": 3}, "end": {"line": row, "character": len(lines[row])}},
         "text": "Misc"}]})
    incremental = examples_server.diagnostics(uri, after=after, version=2)["diagnostics"]
    whole = "\n".join([*lines[:row], "## Misc", *lines[row + 1:]]) + "\n"
    examples_server.change(uri, whole, 3)
    assert examples_server.diagnostics(uri, after=after, version=3)["diagnostics"] == incremental
    assert len(incremental) > len(lint_json(ROOT, str(path.relative_to(ROOT))))  # a section renamed away: a finding more


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # UTF-32 too in test_server_units.py
def test_positions_are_in_the_encoding_the_client_chose(tmp_path, encoding):
    line = "Caf\u00e9 \U0001F525 day: it was human error."
    text = EXAMPLES[0].read_text(encoding="utf-8") + f"\n{line}\n"
    root = make_corpus(tmp_path, {"a.md": text})
    [blame] = [f for f in lint_json(root, "postmortems/a.md") if f["code"] == "PM501"]
    with LspClient(root) as client:
        assert client.initialize(root, encodings=[encoding])["capabilities"]["positionEncoding"] == encoding
        uri = client.open(root / "postmortems" / "a.md")
        [shown] = [d for d in client.diagnostics(uri)["diagnostics"] if d["code"] == "PM501"]
    before = text.splitlines()[blame["line"] - 1][: blame["column"] - 1]
    units = len(before.encode(encoding.replace("utf-16", "utf-16-le").replace("utf-32", "utf-32-le")))
    assert shown["range"]["start"] == {"line": blame["line"] - 1, "character": units // {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]}
    assert before.endswith("Caf\u00e9 \U0001F525 day: it was ")
