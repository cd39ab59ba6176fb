"""``postmortem timeline FILE``: print the Timeline section an incident record gives.

FILE is PagerDuty incident log entries, Opsgenie alert logs or a Slack channel export (a day-file,
or a folder of them with users.json), recognised from the content. Exit 0, or 2 when the record
cannot be read (the message names the file and the entry).
"""

from __future__ import annotations

import sys

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "timeline", help="print a Timeline section from an incident record (PagerDuty, Opsgenie, Slack)",
        description="Read PagerDuty incident log entries, Opsgenie alert logs or a Slack channel export (JSON "
                    "files only; nothing calls a service) and print the Timeline section in UTC, or with "
                    "--format json the events and the lifecycle milestones they show.")
    parser.add_argument("file", metavar="FILE", help="the record: a JSON file, or a folder of Slack day-files")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format (default: markdown)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from linter.records import RecordError, load
    from linter.records import render
    from linter.safe_text import json_text, safe_message

    try:
        kind, events = load(args.file)
    except RecordError as error:
        print(f"postmortem: error: {safe_message(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json_text(render.as_json(kind, events)))
    else:
        print(render.markdown(events), end="")
    return EXIT_OK
