"""Judgement rules on tricky wording: who is blamed, what counts as a mechanism, which item is an
eval case, and the severity rubric (default and configured).

Each parametrised list pairs wordings that must be found with near misses that must not be.
"""

from __future__ import annotations

import pytest

from conftest import clean_text, codes
from linter import phrases
from linter.config import ConfigError, from_mapping
from linter.rules.missing_regression_eval import adds_eval_case

PEOPLE = frozenset({"omar", "jane"})


@pytest.mark.parametrize("text", [
    "The on-call should have posted in #incidents.",
    "the developer did not alert others",
    "A 2i2c engineer failed to check the workspace.",
    "@dana misjudged the rollout",
    "Then Omar neglected the warning",
    "Jane's mistake was to skip the canary",
    "one of the reviewers overlooked the diff",
    "she was careless with the flag",
    "the on-call engineer had simply failed to read the runbook",
])
def test_a_person_judged_is_found(text):
    assert phrases.person_judgements(text, PEOPLE)


@pytest.mark.parametrize("text", [
    "The script should have checked the workspace.",
    "the alert failed to fire for 4 minutes",
    "pods that the reflector failed to notice",
    "The engineer deleted the namespace and @bob rolled back.",
    "We failed to verify that the exporter was running.",
    "Users failed to start their servers.",
    "The engineer's script should have checked the cluster.",
    "The primary engineer did not have any sign of the switch.",
    "Kafka failed to elect a leader",  # a capitalised word that names no person of the document
    "It was not the case that the on-call failed to check.",
    "Every action item should have a GitHub issue.",  # possession, not a counterfactual
])
def test_a_system_or_a_neutral_account_is_not_blame(text):
    assert phrases.person_judgements(text, PEOPLE) == []


@pytest.mark.parametrize("text", [
    "Image 0.3.1 dropped the NFS mount option nolock, so every home directory mount hung.",
    "Certificate expired.",
    "The node pool had reached its autoscaler maximum, so user pods stayed pending.",
    "plank read ProwJobNamespace instead of PodNamespace",
])
def test_a_named_mechanism(text):
    assert phrases.names_a_mechanism(text, has_code=False)


@pytest.mark.parametrize("text", [
    "A bug in the new image; rolling back fixed it.",
    "The model misbehaved after a prompt change.",
    "An issue with the config.",
    "A bug in v2.3 of the pricing service; rolling back to v2.2 fixed it.",  # versions are not a mechanism
    "Something in the new deployment was not working correctly, which caused users to see HTTP 500 errors for 2 hours.",
])
def test_no_mechanism(text):
    assert not phrases.names_a_mechanism(text, has_code=False)


@pytest.mark.parametrize(("action", "adds"), [
    ("Add this conversation to the evals", True),
    ("Add the 40 SKUs to the golden set", True),
    ("Create a regression suite for unit consistency", True),
    ("Eval case: 40 SKUs in cents (evals/pricing/units.yaml)", True),
    ("Bump the eval timeout to 120 s", False),
    ("Add retries to the eval runner", False),
    ("Raise the eval timeout so long conversations finish", False),
    ("Run the evals nightly", False),
    ("Re-evaluate the model choice", False),
])
def test_an_eval_case_however_worded(action, adds):
    assert adds_eval_case(action) is adds


def _with_severity(text: str, severity: str, impact: str) -> str:
    start = text.index("impact:\n")
    end = text.index("detection:")
    text = text[:start] + "impact:\n" + impact + text[end:]
    return text.replace("severity: SEV2", f"severity: {severity}", 1)


def test_over_rating_is_not_judged_without_users_affected(lint, write_postmortem):
    text = _with_severity(clean_text(), "SEV1", "  duration_minutes: 44\n")
    _, findings = lint(write_postmortem(text))
    assert "PM601" not in codes(findings)
    _, findings = lint(write_postmortem(_with_severity(clean_text(), "SEV1", "  users_affected: 2\n  duration_minutes: 44\n")))
    assert "PM601" in codes(findings)


def test_a_configured_rubric_and_tolerance(lint, write_postmortem, tmp_path):
    path = write_postmortem(_with_severity(clean_text(), "SEV3", "  users_affected: 300\n  duration_minutes: 44\n  data_loss: false\n"))
    assert "PM601" not in codes(lint(path)[1])
    config = tmp_path / ".postmortem.toml"
    config.write_text("severity-tolerance = 0\n[severity-rubric]\nSEV1 = [{ users_affected = 100_000 }]\n"
                      "SEV2 = [{ users_affected = 200, duration_minutes = 30 }]\n", encoding="utf-8")
    findings = [f for f in lint(path, config=config)[1] if f["code"] == "PM601"]
    assert len(findings) == 1 and "300 users for 44 minutes is SEV2" in findings[0]["message"]


@pytest.mark.parametrize(("table", "message"), [
    ({"severity-rubric": {"SEV9": [{"users_affected": 1}]}}, "'SEV9', which is not one of 'severities'"),
    ({"severity-rubric": {"SEV1": [{"users": 1}]}}, "'users' is not a measure"),
    ({"severity-rubric": {"SEV1": [{"data_loss": False}]}}, "'data_loss' can only be true"),
    ({"severity-rubric": {"SEV1": [{"revenue_usd": "lots"}]}}, "'revenue_usd' must be a non-negative number"),
    ({"severity-rubric": {"SEV1": "data loss"}}, "must be a list of tables"),
    ({"severity-tolerance": -1}, "must be a non-negative integer"),
])
def test_a_bad_rubric_is_a_configuration_error(table, message):
    with pytest.raises(ConfigError, match=message):
        from_mapping(table)
