"""An entry that gives its time twice, in a local zone and in UTC, with the two disagreeing.

## What it does
Entries such as `13:14 EDT (17:14 UTC)` are read by their UTC time. This checks that the local
time, converted with the zone's rules on the entry's date (daylight saving time included),
is the same instant.

## Why is this bad?
One of the two is wrong, and readers in different places will each trust the one they read.
Usually the conversion forgot daylight saving time.

## Example
```markdown
- 2026-07-14 13:14 EDT (18:14 UTC) — Alert fires
```

## Use instead
```markdown
- 2026-07-14 13:14 EDT (17:14 UTC) — Alert fires
```
"""

from datetime import timedelta

from linter.rules.base import Violation, define


def check(document, context):
    for entry in document.timeline:
        if entry.zone_source != "utc-given" or entry.local is None or entry.zone is None:
            continue
        converted = entry.zone.to_utc(entry.local)
        if converted is not None and abs(converted - entry.at) > timedelta(minutes=1):
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"'{entry.time.text}': {entry.local:%H:%M} {entry.zone.text} on {entry.local:%Y-%m-%d} is "
                            f"{converted:%H:%M} UTC, not {entry.at:%H:%M}: correct one of them")


RULE = define(__doc__, "PM309", "timeline-dual-time-mismatch", "warning", check)
