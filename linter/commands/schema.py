"""``postmortem schema``: print the frontmatter JSON Schema (for editors and other tools)."""

from __future__ import annotations


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("schema", help="print the frontmatter JSON Schema")
    parser.add_argument("--config", metavar="FILE", help="configuration file (its taxonomies extend the schema)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import json

    from linter.config import load_config
    from linter.schema import build_schema

    print(json.dumps(build_schema(load_config(args.config)), indent=2))
    return 0
