"""Timeline entries out of time order.

## What it does
Checks that each entry is at or after the one before it. A bare `HH:MM` takes its date from
the last full date above it (or the frontmatter `date`), so a timeline that crosses midnight
must write the date on the first entry of the new day.

## Why is this bad?
Readers take order for causality. An out-of-order entry is either a typo in the time or a
midnight crossing without a date, and both make the durations wrong.

## Example
```markdown
- 23:50 UTC — Failover starts
- 00:10 UTC — Replica promoted
```

## Use instead
```markdown
- 2026-04-07 23:50 UTC — Failover starts
- 2026-04-08 00:10 UTC — Replica promoted
```
"""

from datetime import timedelta

from linter.rules.base import Violation, define


def check(document, context):
    previous = None
    for entry in document.timeline:
        if entry.at is None:
            continue
        if previous is not None and entry.at < previous.at:
            hint = ""
            if entry.date_inferred and entry.at.date() == previous.at.date():
                next_day = entry.at.date() + timedelta(days=1)
                hint = f"; if it is on the next day, write the full date: '{next_day} {entry.at:%H:%M} UTC'"
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"entry at {entry.at:%Y-%m-%d %H:%M} UTC comes after one at {previous.at:%Y-%m-%d %H:%M} UTC (line {previous.line}){hint}")
        else:
            previous = entry


RULE = define(__doc__, "PM305", "timeline-out-of-order", "error", check)
