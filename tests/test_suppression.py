"""Inline suppressions: ``<!-- postmortem-lint disable=... -->`` and friends."""

from __future__ import annotations

import pytest

from conftest import clean_text, codes

WRONG = "- Rollback took 37 minutes because the model registry needed a manual approval."


def with_what_went_wrong(block: str) -> str:
    """The clean postmortem with ``block`` in place of its 'What went wrong' list."""
    text = clean_text()
    assert WRONG in text
    return text.replace(WRONG, block.strip("\n"))


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


@pytest.fixture
def lint_text(lint, write_postmortem):
    def run(text: str, *options: str):
        return lint(write_postmortem(text), *options)[1]
    return run


def test_disable_and_enable_bracket_a_range(lint_text):
    text = with_what_went_wrong("""
- A careless deploy, said the first status update.
<!-- postmortem-lint disable=PM501 -->

- A careless rollback, said the second.
- A careless review, said the third.

<!-- postmortem-lint enable=PM501 -->

- A careless fix, said the fourth.
""")
    findings = lint_text(text)
    assert [(f["line"], f["code"]) for f in findings] == [
        (line_of(text, "- A careless deploy, said the first status update."), "PM501"),
        (line_of(text, "- A careless fix, said the fourth."), "PM501"),
    ]


def test_enable_may_name_the_rule_differently(lint_text):
    text = with_what_went_wrong("""
<!-- postmortem-lint disable=PM501 -->
- A careless rollback, said the status page.
<!-- postmortem-lint enable=blame-language -->

- A careless fix, said the support macro.
""")
    assert [f["line"] for f in lint_text(text)] == [line_of(text, "- A careless fix, said the support macro.")]


def test_disable_without_enable_lasts_to_the_end_and_without_codes_covers_every_rule(lint_text):
    text = with_what_went_wrong("<!-- postmortem-lint disable -->\n\n- A careless deploy.") + "\n## Lessons learned\n\n- TODO\n"
    assert lint_text(text) == []


def test_disable_next_line_skips_blank_lines_and_covers_one_line(lint_text):
    text = with_what_went_wrong("""
<!-- postmortem-lint disable-next-line=blame-language -->

- A careless deploy, said the status page.
- A careless rollback, said the support macro.
""")
    findings = lint_text(text)
    assert [(f["line"], f["code"]) for f in findings] == [(line_of(text, "- A careless rollback, said the support macro."), "PM501")]


def test_multi_line_comment_applies_to_the_line_after_it(lint_text):
    text = with_what_went_wrong("""
<!--
  postmortem-lint disable-next-line=PM5
  (quoted from the status page)
-->
- A careless deploy, said the status page.
""")
    assert lint_text(text) == []


def test_disable_line_covers_its_own_line_only(lint_text):
    text = clean_text().replace(
        "| Route model deploys through a 5% canary for 30 minutes (`deploy/models.yaml`) |",
        "| Add more monitoring <!-- postmortem-lint disable-line=PM405 --> |")
    text = text.replace("| Reject quotes below $0.50 in `price_quote` validation |", "| Look into price validation |")
    findings = lint_text(text)
    assert [(f["line"], f["code"]) for f in findings] == [(line_of(text, next(l for l in text.split("\n") if "Look into" in l)), "PM405")]


def test_disable_file_covers_frontmatter_and_body(lint_text):
    text = clean_text().replace("severity: SEV2", "severity: SEV4").replace("  support_tickets: 212\n", "  support_tickets: 212\n  data_loss: true\n")
    text = text.replace("## Summary", "<!-- postmortem-lint disable-file=severity-impact-mismatch,PM501 -->\n\n## Summary")
    text = text.replace(WRONG, WRONG + "\n- A careless deploy.")
    assert lint_text(text) == []
    assert codes(lint_text(text.replace("disable-file=severity-impact-mismatch,PM501", "disable-file=PM501"))) == ["PM601"]


@pytest.mark.parametrize("wrapper", [
    "```markdown\n<!-- postmortem-lint disable-file -->\n```",
    "    <!-- postmortem-lint disable-file -->",
    "Write `<!-- postmortem-lint disable-file -->` to silence a file.",
    "```\n<!-- postmortem-lint disabel -->\n```",
])
def test_directives_inside_code_are_just_text(lint_text, wrapper):
    text = with_what_went_wrong("- A careless deploy.").replace("the documented process.\n", f"the documented process.\n\n{wrapper}\n")
    assert wrapper in text
    assert codes(lint_text(text)) == ["PM501"]  # not suppressed, and no unused/invalid report


def test_a_reason_may_follow_the_selectors(lint_text):
    text = with_what_went_wrong("<!-- postmortem-lint disable-next-line=PM501,PM204 -- quoted from the status page -->\n"
                                "- \"A careless deploy\", said the status page (TODO: link it).")
    assert lint_text(text) == []


def test_unused_suppressions_are_reported_where_they_are(lint_text):
    text = with_what_went_wrong("""
<!-- postmortem-lint disable-next-line=PM405 -->
- Rollback took 37 minutes.
<!-- postmortem-lint disable=PM501 -->
""")
    findings = lint_text(text)
    assert [(f["line"], f["column"], f["code"]) for f in findings] == [
        (line_of(text, "<!-- postmortem-lint disable-next-line=PM405 -->"), 1, "PM901"),
        (line_of(text, "<!-- postmortem-lint disable=PM501 -->"), 1, "PM901"),
    ]
    assert all(f["severity"] == "warning" for f in findings)
    assert "'disable-next-line' of PM405 suppresses nothing here" in findings[0]["message"]
    assert lint_text(text, "--ignore", "PM901") == []


def test_a_suppression_of_a_rule_not_selected_is_not_reported_unused(lint_text):
    text = with_what_went_wrong("<!-- postmortem-lint disable-next-line=PM501 -->\n- A careless deploy.")
    assert lint_text(text) == []
    # With PM501 deselected the directive has nothing to do; it is still not stale.
    assert lint_text(text, "--select", "PM4") == []


@pytest.mark.parametrize(("comment", "message"), [
    ("<!-- postmortem-lint disable-next-line=PM9999 -->", "'PM9999' is no rule code, name or prefix"),
    ("<!-- postmortem-lint disabel=PM405 -->", "unknown directive 'postmortem-lint disabel'"),
    ("<!-- postmortem-lint disable=blame-langauge -->", "'blame-langauge' is no rule code, name or prefix"),
])
def test_invalid_suppressions_are_errors(lint_text, comment, message):
    text = with_what_went_wrong(f"{comment}\n{WRONG}")
    findings = lint_text(text)
    assert [(f["line"], f["column"], f["code"], f["severity"]) for f in findings] == [(line_of(text, comment), 1, "PM902", "error")]
    assert message in findings[0]["message"]


def test_comments_that_are_not_directives_are_ignored(lint_text):
    text = with_what_went_wrong(f"<!-- reviewed by @carol; lint is green -->\n<!-- postmortem-linter is a fine tool -->\n{WRONG}")
    assert lint_text(text) == []
