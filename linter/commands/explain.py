"""``postmortem explain CODE|NAME``: print a rule's documentation."""

from __future__ import annotations

import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("explain", help="show what a rule checks, why, and how to fix it")
    parser.add_argument("rule", help="a rule code (PM405) or name (action-item-vague)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from linter.rules import RULES, lookup
    from linter.suggest import did_you_mean

    rule = lookup(args.rule)
    if rule is None:
        hint = did_you_mean(args.rule, [r.name for r in RULES] + [r.code for r in RULES])
        print(f"postmortem: error: no rule '{args.rule}'{hint} (see 'postmortem rules')", file=sys.stderr)
        return 2
    print(rule_documentation(rule))
    return 0


def rule_documentation(rule) -> str:
    """A rule's documentation as ``explain`` prints it (Markdown): what the language server's
    hover shows too, so an editor and the terminal say the same."""
    facts = "".join(f"; {fact}" for fact in rule.properties)
    text = f"{rule.code} {rule.name} (default severity: {rule.severity}{facts})\n\n{rule.doc}"
    if rule.options:
        text += "\n\n" + rule.options_doc()
    return text
