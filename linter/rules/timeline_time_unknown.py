"""Timeline entries whose time the author marks unknown (`??:??`, `[???]`, `unknown`).

## What it does
Reports, once for the timeline, the entries that say their time is not known: `??:??`,
`[???]`, `XX:XX`, `--:--`, a time with digits left out (`2X:XX`, `1X:30`), `HH:MM` left from a
template, `unknown`, or a date with unknown parts (`2023-MM-DD`, `2022-05-??`). They are kept out of the order and milestone checks. A milder
finding than `timeline-entry-no-timestamp`: the author knows the time is missing.

## Why is this bad?
The unknown time is often the one the review needs (when did the bug ship, when did the
first user notice). Logs, deploy history, chat and pager history usually hold it.

## Example
```markdown
- ??:?? — Disk usage on the database host crosses 90%
```

## Use instead
```markdown
- 09:12 UTC — Disk usage on the database host crosses 90% (from the node-exporter history)
```
"""

from linter.rules.base import Violation, define


def check(document, context):
    unknown = [entry for entry in document.timeline if entry.unknown is not None]
    if unknown:
        first = unknown[0]
        what = "this entry marks its time" if len(unknown) == 1 else f"{len(unknown)} entries mark their time"
        yield Violation(first.line, document.column_of(first.line, first.unknown),
                        f"{what} unknown ('{first.unknown}'): find it in logs, deploy, chat or pager history, or give the bounds you know")


RULE = define(__doc__, "PM308", "timeline-time-unknown", "warning", check)
