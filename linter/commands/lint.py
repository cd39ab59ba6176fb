"""``postmortem lint [PATHS...]``: check postmortems and report findings."""

from __future__ import annotations

import os
import sys

from linter.formats import FORMATS
from linter.paths import is_inside

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _corpus_paths(explicit: list[str], configured: list[str]) -> list[str] | None:
    """What corpus rules (duplicate and related ids) see when files are named explicitly.

    When the files belong to the configured corpus (as when pre-commit passes the staged
    ones), the rest of the corpus counts too: otherwise a ``related`` id pointing at an
    unstaged postmortem would be reported as unknown. Files elsewhere are a corpus of their own.
    """
    if explicit and any(is_inside(path, folder, resolve=True) for path in explicit for folder in configured):
        return [*configured, *explicit]
    return None


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("lint", help="check postmortems against the format",
                                   description="Check postmortems against the format. Exit 0: no errors; 1: errors "
                                               "(with --strict, warnings too; notes never fail); 2: usage, configuration or internal error.")
    parser.add_argument("paths", nargs="*", help="files or directories (default: the configured paths, 'postmortems/')")
    parser.add_argument("--format", choices=list(FORMATS), default=None,
                        help="output format (default: text; github when GITHUB_ACTIONS=true)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--select", type=_csv, default=None, metavar="CODES", help="only these rules (codes, names or prefixes, comma-separated)")
    parser.add_argument("--ignore", type=_csv, default=None, metavar="CODES", help="skip these rules (codes, names or prefixes)")
    parser.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or pyproject.toml)")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores for large corpora)")
    parser.add_argument("--no-cache", action="store_true",
                        help="lint every file again, not reusing results of unchanged files (also POSTMORTEM_NO_CACHE=1)")
    parser.add_argument("--changed-since", metavar="REF", help="only lint postmortems changed since git REF (corpus checks still see every file)")
    parser.add_argument("--today", metavar="DATE",
                        help="the date time-bound rules (PM603) judge at (default: $SOURCE_DATE_EPOCH, else reports.today, else today, UTC)")
    parser.add_argument("--changed-lines", action="store_true",
                        help="with --changed-since: only findings on lines the branch changed, and all findings of new files")
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes to the files, then report what is left")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: the unsafe fixes too")
    parser.add_argument("--diff", action="store_true",
                        help="print the fixes as a unified diff and change nothing (exit 1 when there is something to fix)")
    parser.add_argument("--zone", metavar="ZONE",
                        help="with --unsafe-fixes: the IANA zone an ambiguous timeline zone (CST, IST) means, e.g. America/Chicago")
    parser.set_defaults(run=run)


def run(args) -> int:
    from linter import formats
    from linter.config import load_config
    from linter.engine import lint_paths
    from linter.files import PathError

    config = load_config(args.config)
    if args.today is not None:
        from linter.timestamps import parse_date

        config.today = parse_date(args.today)
        if config.today is None:
            print(f"postmortem: error: --today '{args.today}' is not a date like 2026-11-01", file=sys.stderr)
            return EXIT_USAGE
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    for selector in (args.select or []) + (args.ignore or []):
        from linter.selection import resolve_selector

        if not resolve_selector(selector):
            print(f"postmortem: error: '{selector}' is no rule code, name or prefix (see 'postmortem rules')", file=sys.stderr)
            return EXIT_USAGE
    default_paths = [os.path.join(config.root, path) if not os.path.isabs(path) else path for path in config.paths]
    paths = args.paths or default_paths
    corpus_paths = _corpus_paths(args.paths, default_paths)
    if args.changed_since is not None and not args.changed_since.strip():
        # An unset CI variable (--changed-since="$BASE") must not silently lint everything.
        print("postmortem: error: --changed-since needs a git ref (a branch, tag or commit), got an empty value",
              file=sys.stderr)
        return EXIT_USAGE
    if args.changed_lines and not args.changed_since:
        print("postmortem: error: --changed-lines needs --changed-since REF (the lines changed since REF)", file=sys.stderr)
        return EXIT_USAGE
    lines = None
    removed: list[str] | None = None  # a changed-files run: what the change deleted or renamed away
    if args.changed_since:
        from linter.changed import change_set

        try:
            changes = change_set(args.changed_since, paths)
            if args.changed_lines:
                from linter.changed_lines import changed_lines

                lines = changed_lines(args.changed_since)
        except Exception as error:  # noqa: BLE001 - change_set raises ChangedFilesError with a message
            print(f"postmortem: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        paths, removed = changes.changed, changes.removed
        corpus_paths = corpus_paths or args.paths or default_paths
    if args.jobs < 0:
        print("postmortem: error: --jobs must be 0 (automatic) or more", file=sys.stderr)
        return EXIT_USAGE
    if args.fix or args.diff:
        from linter.commands.lint_fix import apply_or_show

        outcome = apply_or_show(args, paths, config)
        if outcome is not None:
            return outcome  # --diff, or a usage error
    elif args.unsafe_fixes or args.zone:
        print("postmortem: error: --unsafe-fixes and --zone go with --fix or --diff", file=sys.stderr)
        return EXIT_USAGE
    cache = None
    if not args.no_cache:
        from linter.disk_cache import from_environment

        cache = from_environment()
    try:
        result = lint_paths(paths, config, args.select, args.ignore, jobs=args.jobs, corpus_paths=corpus_paths,
                            removed=removed, fixes=fmt == "sarif", cache=cache)  # SARIF carries each finding's fix
    except PathError as error:
        print(f"postmortem: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if lines is not None:
        kept = [finding for finding in result.findings if lines.keeps(finding)]
        if len(kept) < len(result.findings):
            print(f"postmortem: {len(result.findings) - len(kept)} findings on lines this branch did not change "
                  "are not shown (--changed-lines)", file=sys.stderr)
        result.findings = kept
    output = formats.render(fmt, formats.Report(result.findings, result.files, config))
    from linter.output import deliver

    delivered = deliver(output, args.output_file)  # False: -o refused or unwritable (message printed)
    for crash in result.internal_errors:
        print(f"postmortem: error: {crash}", file=sys.stderr)
    if result.internal_errors or not delivered:
        return EXIT_USAGE  # the check is incomplete: never let it pass as clean
    if result.errors or (args.strict and result.warnings):  # notes never fail the gate
        return EXIT_FINDINGS
    return EXIT_OK
