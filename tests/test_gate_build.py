"""A green gate means a green build: inputs that passed ``postmortem lint`` (or crashed it)
and then crashed or failed ``mkdocs build --strict``. Each case is linted in every output
format and built with the real plugin; neither may end in a traceback.

Builds are few (each costs seconds): the cases that stop the build early share nothing else.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from conftest import REPO, read_mkdocs_yml, run_cli

pytest.importorskip("mkdocs")
if sys.platform == "darwin":  # pragma: no cover - APFS refuses file names that are not UTF-8
    pytest.skip("the file system cannot hold a name that is not UTF-8", allow_module_level=True)

from test_site_hostile import build, postmortem, site_project  # noqa: E402

FORMATS = ("text", "json", "sarif", "github")
NOT_UTF8 = b"2026-04-07-caf\xe9-outage.md"  # a Latin-1 name, as git commits it from some machines


def _non_utf8_project(root):
    site_project(root)
    folder = root / "postmortems"
    (folder / "2026-04-07-clean.md").write_text(postmortem(0), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), NOT_UTF8), "wb") as handle:
        handle.write(postmortem(1).encode("utf-8"))
    return root


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, monkeypatch):
    root = _non_utf8_project(tmp_path)
    monkeypatch.chdir(root)
    outputs = {}
    for fmt in FORMATS:
        result = run_cli("lint", "--format", fmt)
        assert result.code == 1, (fmt, result.err)
        assert "Traceback" not in result.err and result.err == ""
        outputs[fmt] = result.out
        result.out.encode("utf-8")  # every format is valid UTF-8 text, whatever the name
    assert "postmortems/2026-04-07-caf\\xe9-outage.md:1:1: PM006 file-skipped [error]" in outputs["text"]
    assert "not valid UTF-8" in outputs["text"] and len(outputs["text"].splitlines()) == 2
    assert "::error file=postmortems/2026-04-07-caf\\xe9-outage.md,line=1" in outputs["github"]
    assert [f["code"] for f in json.loads(outputs["json"])["findings"]] == ["PM006"]
    sarif = json.loads(outputs["sarif"])["runs"][0]["results"]
    # The file's exact bytes, percent-encoded: a SARIF viewer opens the right file.
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif] == [
        "postmortems/2026-04-07-caf%E9-outage.md"]


def test_a_file_name_that_is_not_utf8_is_refused_by_the_build_with_a_message(tmp_path):
    """It used to pass lint with a PM108 warning, then crash the build (UnicodeEncodeError)."""
    root = _non_utf8_project(tmp_path)
    result = build(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    assert "2026-04-07-caf\\xe9-outage.md: not published: PM006 file-skipped" in result.stderr


CONFIGURATIONS = {
    "deep": (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    "latin-1": (b"# caf\xe9\n", ".postmortem.toml:1: not valid UTF-8"),
    "datetime": (b"[reports]\ntoday = 2026-11-01T10:00:00Z\n", "'reports.today' must be a date"),
}


@pytest.mark.parametrize("case", CONFIGURATIONS)
def test_configuration_that_crashed_is_a_message_for_the_gate_and_the_plugin(tmp_path, monkeypatch, case):
    from mkdocs.exceptions import PluginError

    from site_config.plugin import PostmortemPlugin

    raw, message = CONFIGURATIONS[case]
    root = site_project(tmp_path)
    (root / ".postmortem.toml").write_bytes(raw)
    monkeypatch.chdir(root)
    gate = run_cli("lint", "--strict")
    assert gate.code == 2 and message in gate.err and "Traceback" not in gate.err
    plugin = PostmortemPlugin()
    errors, warnings = plugin.load_config({})
    assert errors == [] and warnings == []
    plugin.root = str(root)
    with pytest.raises(PluginError, match=message.replace(".", r"\.")):
        plugin._linter_config()


def test_a_report_setting_the_gate_refuses_stops_the_build_with_the_same_message(tmp_path):
    """A date-time ``reports.today`` passed lint, then the build died in the reports (TypeError)."""
    raw, message = CONFIGURATIONS["datetime"]
    root = site_project(tmp_path)
    (root / "postmortems" / "2026-04-07-clean.md").write_text(postmortem(0), encoding="utf-8")
    (root / ".postmortem.toml").write_bytes(raw)
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def _linking_project(root, links: str):
    site_project(root)
    folder = root / "postmortems" / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-04-07-first.md").write_text(postmortem(1, "First"), encoding="utf-8")
    (folder / "2026-04-07-second.md").write_text(postmortem(2, "Second", links), encoding="utf-8")
    (root / "README.md").write_text("# not a postmortem\n", encoding="utf-8")
    return root


def _gate(root, monkeypatch) -> tuple[int, list[dict]]:
    monkeypatch.chdir(root)
    result = run_cli("lint", "--strict", "--format", "json")
    assert "Traceback" not in result.err
    return result.code, [f for f in result.json()["findings"]]


def test_links_the_gate_passes_build_and_links_it_refuses_fail_the_build(tmp_path, monkeypatch):
    """PM703 agrees with the site's crosslinks: each bad link fails ``mkdocs build --strict``
    (including one markdown-it reads as text, which Python-Markdown links); the good ones build."""
    good = ("Same cause as [the first](2026-04-07-first.md#timeline), [again](./2026-04-07-first.md),\n"
            "[upstream](https://git.example.com/docs/x.md) and [the wiki](/wiki/x.md).\n")
    root = _linking_project(tmp_path / "good", good)
    assert _gate(root, monkeypatch) == (0, [])
    result = build(root)
    assert result.returncode == 0, result.stderr[-2000:]

    bad = {"2026-04-07-frist.md": "[gone](2026-04-07-frist.md)", "drafts/a draft.md": "[draft](drafts/a draft.md)",
           "../../README.md": "[readme](../../README.md)"}
    root = _linking_project(tmp_path / "bad", "See " + ",\n".join(bad.values()) + ".\n")
    code, findings = _gate(root, monkeypatch)
    assert code == 1 and [(f["code"], f["line"]) for f in findings] == [("PM703", 78), ("PM703", 79), ("PM703", 80)]
    # The site's own check, with PM703 off (else the plugin's lint stops the build first).
    (root / ".postmortem.toml").write_text('ignore = ["PM703"]\n', encoding="utf-8")
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for target in bad:
        assert f"links to '{target}', which is no published postmortem" in result.stderr, target


# --- the two engines' reading of links ------------------------------------------------------

LINK_FORMS = [
    "[x](a.md)", "[x](a b.md)", "[x](<a b.md>)", "[x](a.md 'title')", "[x](a b.md \"title\")",
    "[x][r]\n\n[r]: ref.md", "[x](a.md#frag)", "[x](a.md#)", "[x](caf%C3%A9.md)", "[x](café.md)",
    "[x](a%20b.md)", "[x](a&amp;b.md)", "[x]( spaced.md )", "[x](../../README.md)", "[x](a\\_b.md)",
    "[x](a(b).md)", "*[x](em.md)*", "[x\ny](two-lines.md)", "[x](a.md\n)", "[x](a.md){: .c}",
    "> [x](quote.md)", "- [x](item.md)", "| a | b |\n|---|---|\n| [x](cell.md) | y |",
    "!!! note\n    [x](admonition.md)", "??? note\n    [x](details.md)", "[x](./.md)",
    # not links to a file, to either engine
    "[x](a.md?q)", "[x] (a.md)", "![i](img.md)", "`[x](code.md)`", "    [x](indented.md)",
    "```\n[x](fenced.md)\n```", "[x](https://h/a.md)", "[x](/abs.md)", "[x](a.MD)", "\\[x](escaped.md)",
    "[x]: definition-only.md", "[x](<a>b.md>)",
]
# Where they differ, and why the gate is still right:
KNOWN = {
    # PM801 (raw HTML) is an error on this line: the gate fails anyway.
    '<a href="raw.md">x</a>': "raw HTML",
    # CommonMark forbids a link in a link (the inner one wins); Python-Markdown takes the outer.
    "[[x](nested.md)](outer.md)": "link in a link",
}


def _site_renderer():
    from site_config.prerender import Settings, _Renderer

    names, configs = [], {}
    for extension in read_mkdocs_yml(REPO / "mkdocs.yml")["markdown_extensions"]:
        name, options = (extension, None) if isinstance(extension, str) else next(iter(extension.items()))
        names.append(name)
        configs[name] = options or {}
    return _Renderer(Settings(tuple(names), json.dumps(configs)))


def test_the_linter_reads_the_links_the_site_checks():
    """Differential: each form through the linter (``md_links``) and through the site
    (Python-Markdown with the site's extensions, the sanitizer, ``crosslinks.rewrite``)."""
    from linter.document import parse_text
    from linter.links import md_links, resolve
    from site_config import crosslinks

    renderer = _site_renderer()
    source = "/repository/postmortems/2026/2026-04-07-x.md"
    differ = {}
    for form in [*LINK_FORMS, *KNOWN]:
        linted = sorted(link.target for link in md_links(parse_text(source, "---\nid: x\n---\n\n" + form + "\n")))
        _, missing = crosslinks.rewrite(renderer.render(form + "\n").html, source, lambda path: None)
        built = sorted(resolve(source, target.replace("&amp;", "&")) for target in missing)
        if linted != built:
            differ[form] = (linted, built)
    assert sorted(differ) == sorted(KNOWN), differ
