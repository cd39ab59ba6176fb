"""docs/rules.md is generated from the rule docstrings; a stale copy fails the suite."""

from pathlib import Path

from linter.commands.rules import rules_markdown
from linter.rules import RULES

ROOT = Path(__file__).resolve().parents[1]


def test_rules_reference_is_current():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(RULES), "regenerate: postmortem rules --format markdown > docs/rules.md"


def test_rules_reference_lists_every_rule():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## {rule.code} {rule.name}" in committed
