"""``postmortem rules``: list every rule with its code, name, severity and summary."""

from __future__ import annotations


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("rules", help="list the lint rules")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    import json

    from linter.rules import RULES

    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "group": r.group, "summary": r.summary} for r in RULES], indent=2))
        return 0
    width = max(len(rule.name) for rule in RULES)
    group = None
    for rule in RULES:
        if rule.group != group:
            group = rule.group
            print(f"\n{group.capitalize()}")
        print(f"  {rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {rule.summary}")
    return 0
