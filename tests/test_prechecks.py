"""The safety rules' pre-checks are exact: skipping the token walk never hides a finding.

PM801–PM805 first search the body's source text for what any finding needs (a '<', a '{',
something that could spell an unsafe scheme, enough brackets or backticks, a deeply indented
marker) and, in nearly every file, stop there. Here each rule runs twice on the same parsed
document: as it is, and with every pre-check forced open (the source text the pre-checks read
gets every trigger appended, and the token-level check answers yes). Both runs must report the
same violations, on hostile fragments and on Hypothesis' mutated postmortems.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from linter import rules
from linter.config import Config
from linter.document import parse_text
from linter.engine import Context
from linter.rules import nesting_too_deep
from test_properties import FRAGMENTS, mutated_postmortem

GATED = ["PM801", "PM802", "PM803", "PM804", "PM805"]
# Everything a pre-check looks for, at least once and past every count limit.
OPEN_EVERY_PRECHECK = ("\n<b> {: onclick=x } script: data: %41 &#1;" + "[" * 40 + "&amp;" * 20 + "`" * 20
                       + "\n" + " " * 40 + "- deep marker\n")
CONTEXT = Context(config=Config())


def violations(document, code: str) -> list[tuple]:
    return [(v.line, v.column, v.message) for v in rules.BY_CODE[code].check(document, CONTEXT)]


def assert_prechecks_exact(text: str, monkeypatch) -> None:
    document = parse_text("incident.md", text)
    if document.read_error:
        return
    gated = {code: violations(document, code) for code in GATED}
    document.__dict__["body_text"] = document.body_text + OPEN_EVERY_PRECHECK
    with monkeypatch.context() as patch:
        patch.setattr(nesting_too_deep, "containers_may_nest_too_deep", lambda document: True)
        full = {code: violations(document, code) for code in GATED}
    assert gated == full


HOSTILE = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))", "[x](java\nscript:alert(1))",
    "[x](&#106;avascript:alert(1))", "[x](%6Aavascript:alert(1))", "[x](javascript\\:alert(1))", "<a href=\"vbscript:x\">a</a>",
    "![x](data:text/html;base64,PHNjcmlwdD4=)", "[x]\n\n[x]: livescript:alert(1)", "<javascript:alert(1)>",
    "{: onclick=\"alert(1)\" }", "*a*{ style=\"x\" }", "```js { onclick=x }\ncode\n```", "<img src=x onerror=alert(1)>",
    "".join("  " * n + "- x\n" for n in range(12)), "> " * 12 + "quote", "\n" + " " * 36 + "- deep\n",
    "\t" * 9 + "- tabs", "[" * 40, "&#91;" * 40, "".join("`" * n + "a" for n in range(1, 20)),
    "&#96;a" * 20, "a" * 20_001, "# h\n" * 201, ("[" * 30 + "\n\n" + "<" * 30 + "\n\n") * 4,
]


@pytest.mark.parametrize("fragment", HOSTILE)
def test_prechecks_are_exact_on_hostile_fragments(fragment, monkeypatch):
    document = parse_text("incident.md", "# Incident\n\n## Summary\n\n" + fragment + "\n")
    assert any(violations(document, code) for code in GATED), "the fragment should trip a gated rule"
    assert_prechecks_exact("# Incident\n\n## Summary\n\n" + fragment + "\n", monkeypatch)


@settings(max_examples=300, deadline=None)
@given(mutated_postmortem())
def test_prechecks_are_exact_on_mutated_postmortems(text):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_prechecks_exact(text, monkeypatch)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS + HOSTILE), st.text(max_size=30)), max_size=10))
def test_prechecks_are_exact_on_random_fragments(parts):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_prechecks_exact("\n".join(parts), monkeypatch)


def test_clean_files_skip_the_walk():
    """The pre-checks do stop the work on an ordinary file (else they would only cost time)."""
    document = parse_text("incident.md", "# Incident\n\n## Summary\n\nCheckout failed for 42 minutes.\n")
    for code in GATED:
        assert violations(document, code) == []
    assert "memo:text_runs" not in document.__dict__ and "memo:inline_children" not in document.__dict__
