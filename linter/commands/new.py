"""``postmortem new TITLE --severity SEV --service NAME``: start a postmortem the right way.

Writes ``DIR/YYYY/YYYY-MM-DD-slug.md`` with the next free id for that year and prints its path
(so ``$EDITOR "$(postmortem new ...)"`` works). Never overwrites a file. With
``--timeline-from FILE`` the Timeline section and the lifecycle timestamps come from an incident
record (see ``linter.records``).
"""

from __future__ import annotations

import sys

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "new", help="start a new postmortem from the template",
        description="Write DIR/YYYY/YYYY-MM-DD-slug.md with the next free id, the frontmatter filled in and a "
                    "hint in every section. Prints the path. Never overwrites an existing file (exit 2).")
    parser.add_argument("title", help="one line: what users saw, e.g. \"Checkout errors after pricing model update\"")
    parser.add_argument("--severity", required=True, help="e.g. SEV2 (the configured severity scheme)")
    parser.add_argument("--service", dest="services", action="append", required=True, metavar="NAME",
                        help="an affected service (repeat for several)")
    parser.add_argument("--author", dest="authors", action="append", default=[], metavar="HANDLE",
                        help="@name, @team/name or an e-mail address (repeat for several)")
    parser.add_argument("--date", help="the UTC day the incident started, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--dir", dest="directory", metavar="DIR",
                        help="the postmortem folder (default: the first configured path, 'postmortems')")
    parser.add_argument("--timeline-from", metavar="FILE",
                        help="an incident record (PagerDuty log entries, Opsgenie alert logs, a Slack channel export): "
                             "its events become the Timeline, its milestones the lifecycle timestamps, and the "
                             "default --date the UTC day it starts")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or pyproject.toml)")
    parser.set_defaults(run=run)


def _date(value: str | None) -> str:
    import datetime
    import re

    from linter.scaffold import ScaffoldError

    if value is None:
        return datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ScaffoldError(f"--date '{value}' is not a date in the form YYYY-MM-DD") from None


def _severity(value: str, config) -> str:
    from linter.scaffold import ScaffoldError
    from linter.suggest import did_you_mean

    for severity in config.severities:
        if severity.lower() == value.strip().lower():
            return severity
    raise ScaffoldError(f"--severity '{value}' is not one of {', '.join(config.severities)}"
                        f"{did_you_mean(value, list(config.severities))}")


def _authors(values: list[str]) -> list[str]:
    from linter.formatspec import is_owner_handle
    from linter.safe_text import safe_excerpt
    from linter.scaffold import ScaffoldError, one_line

    authors = [one_line(value, "--author") for value in values]
    for author in authors:
        if not is_owner_handle(author):
            raise ScaffoldError(f"--author '{safe_excerpt(author)}' is not an owner handle: use @name, @team/name or an e-mail address")
    return list(dict.fromkeys(authors))


def _records(path: str | None, date: str | None):
    """``(Timeline section, {lifecycle key: ISO time}, date)`` from a record file, or Nones."""
    if path is None:
        return None, {}, date
    from linter.records import RecordError, load, render
    from linter.scaffold import ScaffoldError

    try:
        _, events = load(path)
    except RecordError as error:
        from linter.safe_text import safe_message

        raise ScaffoldError(f"--timeline-from: {safe_message(str(error))}") from None
    milestones = render.milestones(events)
    start = milestones.get("started_at", events[0].at).date().isoformat()
    if date is None:
        date = start
    elif "started_at" in milestones and date != start:
        raise ScaffoldError(f"--date {date} but the record shows the incident starting on {start} (UTC); drop --date or correct it")
    return render.markdown(events, hint=True), {key: render.iso(moment) for key, moment in milestones.items()}, date


def plan(args, config) -> tuple[str, str]:
    """The path and the text of the new postmortem (raises ScaffoldError on bad input)."""
    import os

    from linter import scaffold

    title = scaffold.one_line(args.title, "the title")
    timeline, timestamps, given_date = _records(getattr(args, "timeline_from", None), args.date)
    date = _date(given_date)
    incident = scaffold.Incident(
        title=title, date=date, severity=_severity(args.severity, config),
        services=list(dict.fromkeys(scaffold.one_line(s, "--service") for s in args.services)),
        authors=_authors(args.authors), timeline=timeline, timestamps=timestamps,
    )
    configured = [os.path.join(config.root, path) for path in config.paths]
    directory = args.directory or configured[0]
    path = scaffold.target_path(directory, date, scaffold.slugify(title))
    incident.id = scaffold.next_id(int(date[:4]), [directory, *configured])
    incident.schema_path = scaffold.schema_reference(path, config)
    return path, scaffold.render(incident, config)


def run(args) -> int:
    from linter.atomic import WriteRefused, write_atomic
    from linter.config import load_config
    from linter.paths import display_path
    from linter.scaffold import ScaffoldError

    config = load_config(args.config)
    try:
        path, text = plan(args, config)
    except ScaffoldError as error:
        print(f"postmortem: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    shown = display_path(path)
    try:
        write_atomic(path, text)
    except WriteRefused:
        print(f"postmortem: error: {shown} already exists; not overwriting it (edit that file, or choose another title)",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"postmortem: error: cannot write {shown}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    print(shown)
    print(f"Fill in each section, then run: postmortem lint {shown}", file=sys.stderr)
    return EXIT_OK
