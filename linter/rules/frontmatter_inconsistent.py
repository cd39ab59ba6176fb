"""Frontmatter values that contradict each other.

## What it does
Checks that `date` is the UTC day of `started_at`, that `impact.duration_minutes` equals the
user-impact window `started_at → mitigated_at` (within a minute), and that the year in the
`id` is the year of `date`.

## Why is this bad?
The index sorts by `date`, the reports use `duration_minutes` for impact and the timestamps
for response times: when they disagree, the site contradicts itself and one of them is wrong.

## Example
```yaml
date: "2026-04-08"
started_at: "2026-04-07T23:40:00Z"
mitigated_at: "2026-04-08T00:30:00Z"
impact:
  duration_minutes: 30
```

## Use instead
```yaml
date: "2026-04-07"
started_at: "2026-04-07T23:40:00Z"
mitigated_at: "2026-04-08T00:30:00Z"
impact:
  duration_minutes: 50
```
"""

import re

from linter.lifecycle import lifecycle, minutes_between
from linter.rules.base import Violation, define
from linter.timestamps import parse_date


def check(document, context):
    meta = document.meta
    if not meta:
        return
    frontmatter = document.frontmatter
    times = lifecycle(meta)
    day = parse_date(meta.get("date")) if isinstance(meta.get("date"), str) else None
    if day and "started_at" in times and times["started_at"].date() != day:
        line, column = frontmatter.location_of_value("date")
        yield Violation(line, column, f"'date' is {day} but 'started_at' is on {times['started_at']:%Y-%m-%d} (UTC); 'date' is the UTC day the incident started")
    impact = meta.get("impact")
    window = minutes_between(times, "started_at", "mitigated_at")
    if isinstance(impact, dict) and window is not None:
        duration = impact.get("duration_minutes")
        if isinstance(duration, int) and not isinstance(duration, bool) and abs(duration - window) > 1:
            line, column = frontmatter.location_of_value("impact", "duration_minutes")
            yield Violation(line, column, f"'impact.duration_minutes' is {duration} but started_at → mitigated_at is {window:.0f} minutes")
    identifier = meta.get("id")
    if day and isinstance(identifier, str):
        match = re.match(r"PM-(\d{4})-", identifier)
        if match and int(match.group(1)) != day.year:
            line, column = frontmatter.location_of_value("id")
            yield Violation(line, column, f"'id' {identifier} carries the year {match.group(1)} but 'date' is in {day.year}")


RULE = define(__doc__, "PM107", "frontmatter-inconsistent", "error", check)
