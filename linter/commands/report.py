"""``postmortem report [PATHS...]``: the cross-incident pattern report, as the site shows it."""

from __future__ import annotations

import sys

from linter.commands import corpus_paths, usage_error

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="cross-incident patterns: systemic gaps, repeats, detection, response, action items",
        description="Aggregate the postmortems into the pattern report the site publishes: recurring causes and "
                    "systemic gaps, repeat incidents, detection, response times, the action-item tracker and the "
                    "last full quarter's review. Exit 0, or 2 for usage and configuration errors.")
    parser.add_argument("paths", nargs="*", help="files or directories (default: the configured paths, 'postmortems/')")
    parser.add_argument("--since", metavar="DATE", help="only incidents on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--today", metavar="DATE",
                        help="the date overdue items are judged at (default: $SOURCE_DATE_EPOCH, else reports.today "
                             "in the configuration, else the current UTC date)")
    parser.add_argument("--format", choices=["text", "markdown", "json"], default=None,
                        help="output format (default: text on a terminal, else markdown)")
    parser.add_argument("--related", action="store_true",
                        help="also list each incident's most similar earlier incidents (needs the site extra)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or pyproject.toml)")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores for large corpora)")
    parser.set_defaults(run=run)


_error = usage_error


def run(args) -> int:
    from linter.config import load_config
    from linter.files import PathError
    from linter.reports.analysis import analyze
    from linter.reports.loader import load_incidents
    from linter.reports.options import options, resolve_today
    from linter.timestamps import parse_date

    config = load_config(args.config)
    since = None
    if args.since is not None:
        since = parse_date(args.since)
        if since is None:
            return _error(f"--since '{args.since}' is not a date like 2026-01-01")
    if args.jobs < 0:
        return _error("--jobs must be 0 (automatic) or more")
    settings = options(config, resolve_today(args.today, config), since)
    paths = corpus_paths(args.paths, config)
    started = []
    if args.related:
        from linter.reports.similar import import_in_background, one_blas_thread

        one_blas_thread()

        def while_reading() -> None:
            started.append(import_in_background())
    try:
        incidents, skipped = load_incidents(paths, config, args.jobs, while_reading if args.related else None)
    except PathError as error:
        return _error(str(error))
    finally:
        for thread in started:
            thread.join()
    related_result = None
    if args.related:
        from linter.reports.analysis import chosen_incidents
        from linter.reports.similar import SimilarityUnavailable, related_meanwhile

        try:  # on another core while this one makes the report (a large corpus)
            related_result = related_meanwhile(chosen_incidents(incidents, settings)[0], settings.related_count,
                                               settings.related_min_score)
        except SimilarityUnavailable as error:
            return _error(str(error))
    report = analyze(incidents, settings, skipped)
    related = related_result() if related_result is not None else None
    fmt = args.format or ("text" if args.output_file is None and sys.stdout.isatty() else "markdown")
    if fmt == "json":
        from linter.reports.render_json import dumps

        output = dumps(report, related)
    else:
        from linter.reports.render_markdown import document, related_section

        output = document(report) + (related_section(report, related) if related is not None else "")
        if fmt == "text":
            from linter.reports.render_terminal import render

            output = render(output)
    from linter.output import deliver

    if not deliver(output, args.output_file):
        return EXIT_USAGE  # -o names no regular file, or it cannot be written (message printed)
    return EXIT_OK
