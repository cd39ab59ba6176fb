"""Precision: well-written postmortems stay clean, even where they use the words rules look for.

Each case edits the clean postmortem twice: the tricky-but-fine wording must give no finding
at all, and an obviously bad wording of the same passage must still give the rule's finding
(so a case cannot pass because the rule stopped looking).
"""

from __future__ import annotations

import pytest

from conftest import REPO, clean_text, codes, run_cli

ACTIONS_HEADER = "| Action | Owner | Due | Priority | Status | Link |\n|---|---|---|---|---|---|\n"
EVAL_ROW = ("| Add a regression eval case with the 40 SKUs that came back in cents to `evals/pricing/units.yaml` "
            "| @omar | 2026-04-17 | P1 | open | PR #2350 |\n")


def _actions(*rows: str) -> str:
    return ACTIONS_HEADER + EVAL_ROW + "".join(f"| {row} | @bob | 2026-04-21 | P1 | open | OPS-118 |\n" for row in rows)


def _replace_section(text: str, heading: str, body: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    end = len(text) if end < 0 else end + 1
    return text[:start] + f"## {heading}\n\n{body.strip()}\n\n" + text[end:]


def _edit(old: str, new: str):
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return apply


def _section(heading: str, body: str):
    return lambda text: _replace_section(text, heading, body)


ROOT_CAUSE = ("Pricing model v42 returns prices in cents for 11% of SKUs (the stochastic terminal: the\n"
              "fine-tune data mixed units). Checkout's `price_quote` schema accepts any positive number, so\n"
              "cent values passed validation (the deterministic terminal) and were charged as dollars.")

# (id, tricky but fine, obviously bad, the code the bad one must give)
CASES = [
    ("monitoring-in-a-concrete-action",
     _section("Action items", _actions("Add monitoring for the `price_quote_cents_ratio` metric with an alert above 1% for 5 minutes")),
     _section("Action items", _actions("Add more monitoring")),
     "PM405"),
    ("documentation-in-a-concrete-action",
     _section("Action items", _actions('Add documentation of the unit contract to section "Price units" of docs/pricing-api.md')),
     _section("Action items", _actions("Add documentation for the pricing service")),
     "PM405"),
    ("investigate-with-a-metric-and-threshold",
     _section("Action items", _actions("Investigate why `price_quote_p99_ms` exceeds 800 ms for SKUs with more than 50 variants")),
     _section("Action items", _actions("Investigate further within 2 weeks")),
     "PM405"),
    ("not-human-error-in-a-non-blaming-sentence",
     _section("Root cause", ROOT_CAUSE + " This was not human error: the deploy followed the documented process."),
     _section("Root cause", ROOT_CAUSE + " This was human error: the deploy skipped the documented process."),
     "PM501"),
    ("person-named-as-an-actor-in-the-timeline",
     _edit("- 03:59 UTC — Model rolled back to v41; completion recovers to 94% — @alice",
           "- 03:59 UTC — @dana rolls back the model to v41; completion recovers to 94%"),
     _edit("- 03:59 UTC — Model rolled back to v41; completion recovers to 94% — @alice",
           "- 03:59 UTC — Model rolled back to v41 after @dana caused the outage"),
     "PM501"),
    ("safeguards-that-should-have-caught-it",
     _edit("- Rollback took 37 minutes", "- The `price_quote` schema check should have caught cent values; lazy loading hid them.\n- Rollback took 37 minutes"),
     _edit("- Rollback took 37 minutes", "- The on-call engineer should have caught cent values.\n- Rollback took 37 minutes"),
     "PM501"),
    ("todo-in-inline-code-and-a-code-block",
     _edit("- Rollback took 37 minutes", "- The `TODO: check units` comment in `price_quote.py` had flagged the gap:\n\n"
           "```python\n# TODO: reject cent values (TBD)\n```\n\n- Rollback took 37 minutes"),
     _edit("- Rollback took 37 minutes", "- TODO: describe the gap in `price_quote.py`.\n- Rollback took 37 minutes"),
     "PM204"),
    ("summary-with-abbreviations-and-decimals",
     _section("Summary", "From 03:15 to 03:59 UTC on 2026-04-07, checkout availability fell from 99.5% to 78.9% because\n"
                         "model v4.2.1 returned some prices in cents (e.g. $0.19 instead of $19.00), i.e. 100 times too\n"
                         "low. 3,214 customers were affected, approx. 1 in 5 orders. Rolling back to v4.1 ended it."),
     _section("Summary", "We deployed model v42. It returned cents. Checkout charged them as dollars. We rolled back. Nobody was paged."),
     "PM205"),
    ("unknown-as-part-of-a-mechanism",
     _section("Root cause", "The price cache served quotes for unknown SKUs from a fallback table in cents because its\n"
                            "`sku_index` was rebuilt without the `unit` column."),
     _section("Root cause", "The root cause is unknown; the pricing service misbehaved for a while on Tuesday night."),
     "PM503"),
    ("timeline-table-with-a-utc-header",
     _section("Timeline", "| Time (UTC) | Event |\n|---|---|\n| 2026-04-07 03:15 | Pricing model v42 deployed |\n"
                          "| 03:19 | Alert `CheckoutCompletionLow` pages on-call |\n| 03:22 | @alice acknowledges |\n"
                          "| 03:59 | Model rolled back to v41 |\n| 05:10 | Incident resolved |"),
     _section("Timeline", "| Time | Event |\n|---|---|\n| 2026-04-07 03:15 | Pricing model v42 deployed |\n"
                          "| 03:19 | Alert `CheckoutCompletionLow` pages on-call |\n| 03:22 | @alice acknowledges |\n"
                          "| 03:59 | Model rolled back to v41 |\n| 05:10 | Incident resolved |"),
     "PM303"),
    ("time-words-after-an-exact-timestamp",
     _edit("- 03:22 UTC — @alice acknowledges", "- 03:22 UTC — Shortly after the page, around 40 tickets in, @alice acknowledges"),
     _edit("- 03:22 UTC — @alice acknowledges", "- Shortly after — @alice acknowledges"),
     "PM304"),
    ("impact-given-as-a-table",
     _section("Impact", "Most affected customers retried.\n\n| Measure | Value |\n|---|---|\n| Customers affected | 3,214 |\n| Minutes | 44 |"),
     _section("Impact", "Many customers could not check out for a significant period."),
     "PM502"),
]


@pytest.mark.parametrize(("fine", "bad", "code"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_tricky_wording_stays_clean_and_bad_wording_is_still_found(fine, bad, code, lint, write_postmortem, tmp_path):
    _, findings = lint(write_postmortem(fine(clean_text()), "good/2026-04-07-checkout-errors.md"))
    assert findings == [], [(f["line"], f["code"], f["message"]) for f in findings]
    _, findings = lint(write_postmortem(bad(clean_text()), "bad/2026-04-07-checkout-errors.md"))
    assert code in codes(findings)


def test_example_corpus_has_no_errors():
    """Every postmortem in postmortems/ passes the linter with the repository's configuration."""
    result = run_cli("lint", "--format", "json", "--config", REPO / "pyproject.toml", REPO / "postmortems")
    report = result.json()
    assert report["files"] >= 12
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == [], "\n".join(f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in errors)
    assert result.code == 0


@pytest.mark.parametrize("value", ['"TODO"', '"TBD"'])
def test_a_placeholder_value_is_reported_once_as_a_placeholder(value, write_postmortem, lint):
    text = clean_text().replace("severity: SEV2", f"severity: {value}", 1)
    assert f"severity: {value}" in text
    _, findings = lint(str(write_postmortem(text)))
    assert codes(findings) == ["PM204"]
    _, findings = lint(str(write_postmortem(text.replace(value, '"SEV9"'))))
    assert codes(findings) == ["PM102"]  # a real value outside the scheme is still invalid


def test_a_version_abbreviation_ends_no_summary_sentence():
    from linter.rules.summary_too_long import _SENTENCE_END

    assert len(_SENTENCE_END.findall("We upgraded the chart to v. 2.0 on Monday. It broke ingress. We rolled back.")) == 3
