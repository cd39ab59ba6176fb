"""``postmortem lint --fix`` / ``--diff``: apply the fixes, or show them as a diff.

``--diff`` prints the unified diff and changes nothing: exit 1 when there is something to fix,
0 when not. ``--fix`` writes the fixed files and returns None, so that ``lint`` then reports
what is left (as ruff does). Exit 2 when a file could not be written (it changed on disk
meanwhile, or the folder is read-only): the others are still fixed.
"""

from __future__ import annotations

import os
import sys

from linter.commands import EXIT_USAGE, usage_error


def apply_or_show(args, paths: list[str], config) -> int | None:
    from linter.engine import Linter
    from linter.files import PathError, discover
    from linter.fixing import fix_sources, unified_diff, write_fixed

    if args.zone is not None:
        from linter.commands.import_ import _valid_zone

        if not args.unsafe_fixes:
            return usage_error("--zone resolves an ambiguous zone, which is an unsafe fix: add --unsafe-fixes")
        if not _valid_zone(args.zone):
            return usage_error(f"--zone '{args.zone}' is not an IANA zone name such as America/Chicago")
    linter = Linter(config, args.select, args.ignore, fixes=True)
    linter.context.fix_zone = args.zone
    try:
        sources, _ = discover(paths, config.root if os.path.isabs(config.root) else None)
    except PathError as error:
        return usage_error(str(error))
    run = fix_sources(linter, sources, unsafe=args.unsafe_fixes)
    changed = run.changed
    unsafe_left = run.unsafe_left + sum(fixed.unsafe_left for fixed in run.files)
    hint = f" ({unsafe_left} more with --unsafe-fixes)" if unsafe_left and not args.unsafe_fixes else ""
    if args.diff:
        sys.stdout.write("".join(unified_diff(fixed) for fixed in changed))
        files = len(changed)
        print(f"postmortem: {run.applied} fix{'es' if run.applied != 1 else ''} in {files} file{'s' if files != 1 else ''} "
              f"would be applied{hint}" if changed else f"postmortem: nothing to fix{hint}", file=sys.stderr)
        return 1 if changed else 0
    refused = [message for message in (write_fixed(fixed) for fixed in changed) if message]
    for message in refused:
        print(f"postmortem: error: {message}", file=sys.stderr)
    written = len(changed) - len(refused)
    applied = sum(len(fixed.fixes) for fixed in changed) if not refused else None
    count = f"{applied} fix{'es' if applied != 1 else ''}" if applied is not None else "the fixes"
    print(f"postmortem: applied {count} in {written} file{'s' if written != 1 else ''}{hint}", file=sys.stderr)
    return EXIT_USAGE if refused else None
