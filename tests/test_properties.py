"""Property tests: random and mutated postmortems never make the linter raise or hang.

Inputs start from the clean fixtures and are mutated line by line: lines deleted, doubled,
swapped or replaced, and fragments of hostile YAML, Markdown and HTML or random Unicode
inserted anywhere (in the frontmatter, the body, code blocks). Every file must lint without an
exception, each example within Hypothesis' deadline (a file that hangs fails it), and every
finding must point into the file with a one-line, escaped message.

The examples are derandomized (the "ci" Hypothesis profile, tests/conftest.py) and capped, so
the suite takes the same bounded time in CI on every run; HYPOTHESIS_PROFILE=explore draws
fresh ones, and benchmarks/fuzz.py keeps exploring for as long as it is given.
"""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from linter.config import Config
from linter.document import decode, parse_text
from linter.engine import Linter

CLEAN = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "clean").glob("*.md"))]
LINT = Linter(Config())  # the format's defaults: every rule on

YAML_FRAGMENTS = [
    "on: yes", "true: false", "started_at: 14:03", "mode: 0755", "version: 1.10", "date: 2026-02-30",
    "id: PM-2026-014", "a: &a [1, 2]", "b: *a", "c: &c [*c]", "? [a, b]\n: c", "x: !!python/object/apply:os.system [id]",
    "n: " + "9" * 5000, "deep: " + "[" * 300 + "]" * 300, "services: [checkout", "title: 'unterminated",
    "- a\n- b", "%YAML 1.1", "...", "---", "\t- tab", "key: |\n  block\n  text", "'quoted key': value",
    'title: "\\x1b[31m\\u202e::error::forged"', "impact:\n  users_affected: -1\n  duration_minutes: 1e309",
    "related: [PM-2026-014, PM-1-1]", "authors: []", "services: {}", ": no key", "{a: 1}: b",
]
MARKDOWN_FRAGMENTS = [
    "[" * 60, "![" * 40, "`" * 20, "".join("`" * n + "a" for n in range(1, 30)), "> " * 30 + "q",
    "".join("  " * n + "- x\n" for n in range(25)), "**a " * 40 + "b" + "**" * 40, "<" * 50, "<b" * 40,
    "| a | b |\n|---|---|\n| " + "c | " * 300, "```", "~~~python", "    indented code", "# " + "#" * 10,
    "## Timeline", "## Action items", "- [ ] x — @a — due 2026-13-45 — P9", "| Action | Owner |\n|---|---|\n| x |",
    "<!-- postmortem-lint disable-file -->", "<!-- postmortem-lint disable=PM8 -->", "<!-- unclosed",
    "[x](javascript&#58;alert(1))", "[x](java\tscript:alert(1))", "{: onclick=alert(1) }", "*x*{onmouseover=y}",
    "!!! note\n\n" + "".join("    " * n + "!!! note\n\n" for n in range(1, 12)), "- 25:99 UTC — impossible time",
    "- 2026-02-30 03:00 UTC — impossible date", "[^1]: footnote", "&#x0; &#xD800; &#1114112; &amp",
    "\\" * 30, "* * *", "===", "1. " * 30, "- " * 60, "[a]: <>", "<https://a.example>", "<mailto:a@b>",
]
HTML_FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a/onclick=alert(1)>x</a>", "<svg/onload=alert(1)>",
    "<iframe src=//evil.example></iframe>", "<details><summary>x</summary>y</details>", "<br/onclick=1>",
    "<!-- x --!><script>1</script> -->", "<div markdown=\"1\">" * 20, "</div>" * 20, "<sup>2</sup>", "<kbd>Ctrl</kbd>",
    "<style>body{display:none}</style>", "<!DOCTYPE html>", "<?php echo 1; ?>", "<![CDATA[x]]>",
]
ODD_TEXT = ["\x00", "\ufeff", "\u202e", "\u2028", "\r", "\r\n", "\x1b[2J", "\t", "é" * 100, "🔥" * 20, "\U0010ffff"]
FRAGMENTS = YAML_FRAGMENTS + MARKDOWN_FRAGMENTS + HTML_FRAGMENTS + ODD_TEXT
CONTROLLING = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

random_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
fragment = st.one_of(st.sampled_from(FRAGMENTS), random_text)


@st.composite
def mutated_postmortem(draw) -> str:
    lines = draw(st.sampled_from(CLEAN)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "insert", "replace", "delete", "duplicate", "swap", "truncate"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "insert":
            lines[at:at] = draw(fragment).split("\n")
        elif kind == "replace" and lines:
            lines[at] = draw(fragment)
        elif kind == "delete" and lines:
            del lines[at]
        elif kind == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif kind == "swap" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "truncate":
            lines = lines[:at]
    return "\n".join(lines)


def check(text: str) -> None:
    """Lint one file's text as the engine does (rules, suppressions, corpus rules) and check
    that every finding points into it with a one-line, escaped message."""
    document = parse_text("postmortems/2026-04-07-mutated.md", text)
    result = LINT.check_document(document)
    findings = LINT.finish([result], [])
    document.release_tokens()
    last_line = max(len(document.lines), 1) + 1
    for finding in findings:
        assert 1 <= finding.line <= last_line, finding
        assert finding.column >= 1, finding
        message = finding.as_dict()["message"]
        assert not CONTROLLING.search(message), finding
        assert len(message) <= 500


PROPERTY = settings(max_examples=1000, deadline=timedelta(seconds=5),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(mutated_postmortem())
def test_mutated_postmortems_never_raise(text):
    check(text)


@settings(PROPERTY, max_examples=400)
@given(st.lists(fragment, max_size=30).map("\n".join))
def test_random_fragments_never_raise(text):
    check(text)
    check("---\n" + text + "\n---\n" + text)  # the same as frontmatter and as body


@settings(PROPERTY, max_examples=400)
@given(st.binary(max_size=400), st.sampled_from(CLEAN))
def test_random_bytes_never_raise(noise, clean):
    raw = clean.encode("utf-8")
    for data in (noise, raw[: len(raw) // 2] + noise + raw[len(raw) // 2:]):
        text, problem, line = decode(data)
        if text is None:
            assert problem and line >= 1
        else:
            check(text)
