"""``postmortem actions [PATHS...]``: every action item of the corpus, filtered, for a tracker."""

from __future__ import annotations

import sys

from linter.commands import corpus_paths, usage_error

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(subparsers) -> None:
    from linter.reports import FOLLOW_UP_FORMATS as FORMATS

    parser = subparsers.add_parser(
        "actions", help="list the action items of every postmortem, or export them to Jira or Linear",
        description="List every action item with its incident, owner, due date, priority, status and link; "
                    "filter them; export them as a CSV that Jira's or Linear's import reads, or as a Markdown "
                    "digest of what is overdue and due soon. Exit 0, or 2 for usage and configuration errors.")
    parser.add_argument("paths", nargs="*", help="files or directories (default: the configured paths, 'postmortems/')")
    parser.add_argument("--open", action="store_true", help="only items not done")
    parser.add_argument("--overdue", action="store_true", help="only open items past their due date")
    parser.add_argument("--due-within", metavar="DAYS", help="only open items due within DAYS (14d, 2w), overdue ones included")
    parser.add_argument("--owner", action="append", default=[], metavar="OWNER", help="only items of OWNER (repeatable)")
    parser.add_argument("--today", metavar="DATE",
                        help="the date overdue is judged at (default: $SOURCE_DATE_EPOCH, else reports.today, else today, UTC)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), json, jira-csv, linear-csv, or markdown (a due-soon digest)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or pyproject.toml)")
    parser.set_defaults(run=run)


_error = usage_error


def run(args) -> int:
    from linter.config import load_config
    from linter.files import PathError
    from linter.reports import follow_ups
    from linter.reports.loader import load_incidents
    from linter.reports.options import options, resolve_today

    config = load_config(args.config)
    today = resolve_today(args.today, config)
    template = options(config, today).ticket_url  # also checks the rest of [tool.postmortem.reports]
    within = None
    if args.due_within is not None:
        try:
            within = follow_ups.parse_within(args.due_within)
        except ValueError as error:
            return _error(str(error))
    paths = corpus_paths(args.paths, config)
    try:
        incidents, skipped = load_incidents(paths, config)
    except PathError as error:
        return _error(str(error))
    for problem in skipped:
        print(f"postmortem: note: {problem}", file=sys.stderr)
    selection = follow_ups.Selection(args.open, args.overdue, within, frozenset(args.owner))
    chosen = follow_ups.follow_ups(incidents, today, selection)
    if args.format == "json":
        output = follow_ups.render_json(chosen, today, template)
    elif args.format.endswith("-csv"):
        output = follow_ups.render_csv(chosen, args.format, template)
    elif args.format == "markdown":
        output = follow_ups.render_digest(chosen, today, within)
    else:
        output = follow_ups.render_text(chosen, today)
    from linter.output import deliver

    return EXIT_OK if deliver(output, args.output_file) else EXIT_USAGE
