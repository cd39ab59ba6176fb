"""Every rule has a failing and a passing fixture, and documentation that renders.

Layout, one directory per rule code::

    tests/rules/PM405/bad/2026-04-07-vague-actions.md     # one or more files that must fail
    tests/rules/PM405/good/2026-04-07-concrete-actions.md # one or more files, linted together: no finding at all
    tests/rules/PM405/expected.txt                        # `line:column` of each PM405 finding in bad/

When ``bad/`` holds several files (the corpus rules need two), each expected line is
``file-name.md:line:column``. Bad inputs that must not be committed (undecodable bytes, FIFOs,
symbolic links) or are too large to keep in git are built at test time by ``BUILDERS``; their
expected.txt is committed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import TESTS, clean_text, run_cli
from linter.rules import RULES

RULE_FIXTURES = TESTS / "rules"
DOC_HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead")


def _build_unreadable(tmp_path: Path) -> tuple[Path, Path | None]:
    bad = tmp_path / "bad"
    bad.mkdir()
    latin1 = clean_text().replace("title: Checkout errors", "title: Café checkout errors").replace("→", "->")
    (bad / "2026-04-07-latin1-export.md").write_bytes(latin1.encode("cp1252"))
    (bad / "2026-04-07-binary-blob.md").write_bytes(b"---\nid: PM-2026-014\n\x00\x01\x02\xff\n---\n")
    (bad / "2026-04-07-huge-paste.md").write_bytes(clean_text().encode() + b"x" * (1024 * 1024))
    (bad / "2026-04-07-utf16-export.md").write_bytes(clean_text().encode("utf-16"))
    return bad, None


def _build_skipped(tmp_path: Path) -> tuple[Path, Path | None]:
    repository = tmp_path / "repository"
    bad = repository / "postmortems"
    bad.mkdir(parents=True)
    config = repository / ".postmortem.toml"
    config.write_text("", encoding="utf-8")
    outside = tmp_path / "elsewhere" / "2026-04-07-secret.md"
    outside.parent.mkdir()
    outside.write_text(clean_text(), encoding="utf-8")
    os.mkfifo(bad / "2026-04-07-named-pipe.md")
    os.symlink(outside, bad / "2026-04-07-link-outside.md")
    os.symlink(tmp_path / "missing.md", bad / "2026-04-07-dangling-link.md")
    return bad, config


def _build_over_budget(tmp_path: Path) -> tuple[Path, Path | None]:
    """Any file runs over a budget of a nanosecond (no real file runs over the default one)."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "2026-04-07-checkout-errors-after-pricing-update.md").write_text(clean_text(), encoding="utf-8")
    config = tmp_path / ".postmortem.toml"
    config.write_text("file-budget = { seconds = 1e-9 }\n", encoding="utf-8")
    return bad, config


_APPENDIX = "\n## Appendix\n\nThe alert payload, as the pager showed it:\n\n"


def _build_unclosed_fences(tmp_path: Path) -> tuple[Path, Path | None]:
    """The committed small cases, and the two long ones the issue names (a fence left open
    before 300 nested list items, 180 KB, and before 16,000 ``[``), written out here."""
    bad = tmp_path / "bad"
    shutil.copytree(RULE_FIXTURES / "PM806" / "bad", bad)
    nested = "".join("    " * level + f"- level {level}\n" for level in range(300))
    long_cases = {
        "2026-04-07-checkout-errors-fence-then-nested-list.md": '```text\n{"alert": "CheckoutCompletionLow"}\n\n' + nested,
        "2026-04-07-checkout-errors-fence-then-bracket-flood.md": "```\npayload\n\n" + "[" * 16_000 + "\n",
    }
    for name, appendix in long_cases.items():
        (bad / name).write_text(clean_text() + _APPENDIX + appendix, encoding="utf-8")
    return bad, None


def _build_pasted_lists(tmp_path: Path) -> tuple[Path, Path | None]:
    """A frontmatter with 21 services and 4,900 tags pasted from a spreadsheet (50 KB)."""
    bad = tmp_path / "bad"
    bad.mkdir()
    services = "services: [checkout, " + ", ".join(f"shard-{number:02d}" for number in range(21)) + "]"
    tags = "tags: [" + ", ".join(f"sku-{number}" for number in range(4900)) + "]"
    text = clean_text().replace("services: [checkout, pricing-agent]", services, 1).replace("tags: [pricing, llm]", tags, 1)
    (bad / "2026-04-07-checkout-errors-pasted-lists.md").write_text(text, encoding="utf-8")
    return bad, None


# Rules whose bad input is built at test time: code -> builder(tmp_path) -> (bad dir, config or None).
BUILDERS = {"PM001": _build_unreadable, "PM006": _build_skipped, "PM007": _build_over_budget,
            "PM806": _build_unclosed_fences, "PM808": _build_pasted_lists}


def _expected(code: str) -> list[str]:
    lines = (RULE_FIXTURES / code / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip())


def _found(findings: list[dict], several_files: bool) -> list[str]:
    prefix = (lambda f: os.path.basename(f["path"]) + ":") if several_files else (lambda f: "")
    return sorted(f"{prefix(f)}{f['line']}:{f['column']}" for f in findings)


def _markdown_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if path.name.endswith(".md"))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_has_fixtures(rule):
    directory = RULE_FIXTURES / rule.code
    assert directory.is_dir(), f"add fixtures for {rule.code}: {directory}/bad/, good/ and expected.txt"
    assert _markdown_files(directory / "good"), f"{rule.code}: good/ holds no postmortem"
    assert rule.code in BUILDERS or _markdown_files(directory / "bad"), f"{rule.code}: bad/ holds no postmortem"
    assert _expected(rule.code), f"{rule.code}: expected.txt lists no finding"


def test_no_fixtures_for_unknown_rules():
    codes = {rule.code for rule in RULES}
    assert sorted(path.name for path in RULE_FIXTURES.iterdir() if path.is_dir() and path.name not in codes) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_fixture_gives_exactly_the_expected_findings(rule, lint, tmp_path):
    config = None
    if rule.code in BUILDERS:
        bad, config = BUILDERS[rule.code](tmp_path)
    else:
        bad = RULE_FIXTURES / rule.code / "bad"
    code, findings = lint(bad, "--select", rule.code, config=config)
    assert {f["code"] for f in findings} == {rule.code}
    several = len(list(bad.iterdir())) > 1
    assert _found(findings, several) == _expected(rule.code), "\n".join(
        f"{f['path']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)
    assert code == (1 if rule.severity == "error" else 0)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_good_fixture_is_clean_under_every_rule(rule, lint):
    code, findings = lint(RULE_FIXTURES / rule.code / "good")
    assert findings == [], "\n".join(f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in findings)
    assert code == 0


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_explain_prints_the_documentation(rule):
    by_code = run_cli("explain", rule.code)
    assert by_code.code == 0, by_code.err
    assert rule.doc in by_code.out
    assert rule.name in by_code.out.splitlines()[0]
    assert [heading for heading in rule.sections if heading != "intro"] == list(DOC_HEADINGS)
    for heading in DOC_HEADINGS:
        assert rule.sections[heading], f"{rule.code}: '## {heading}' is empty"
    assert rule.summary and not rule.summary.startswith("#")
    assert run_cli("explain", rule.name).out == by_code.out


def test_codes_and_names_are_unique_and_well_formed():
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"PM\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in ("error", "warning", "note")
        assert (rule.check is None) or (rule.check_corpus is None), f"{rule.code} has two checks"
