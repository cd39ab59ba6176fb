"""A timeline date far out of line with the dates around it (a typo'd year or month).

## What it does
Compares each entry's written date with the dated entries before and after it. When those two
are within 30 days of each other and this one is more than 180 days from both (or, at either
end of the timeline, from its one neighbour and from the frontmatter `date`), it is reported.

## Why is this bad?
A date a year off breaks the order, the durations and every report computed from the
timeline, and it is easy to miss when reading.

## Example
```markdown
- 2026-03-30 14:02 UTC — Certificate renewal job fails
- 2025-03-31 09:10 UTC — Browsers start rejecting the certificate
- 2026-03-31 09:40 UTC — Renewed by hand
```

## Use instead
```markdown
- 2026-03-31 09:10 UTC — Browsers start rejecting the certificate
```
"""

from datetime import timedelta

from linter.rules.base import Violation, define
from linter.timestamps import parse_date

_NEAR, _FAR = timedelta(days=30), timedelta(days=180)


def check(document, context):
    dated = [(entry, _day(entry)) for entry in document.timeline if not entry.date_inferred and _day(entry) is not None]
    base = document.meta.get("date")
    anchor = parse_date(base) if isinstance(base, str) else None
    for index, (entry, day) in enumerate(dated):
        before = dated[index - 1][1] if index > 0 else None
        after = dated[index + 1][1] if index + 1 < len(dated) else None
        if before is not None and after is not None:
            outlier = abs(after - before) <= _NEAR and abs(day - before) > _FAR and abs(day - after) > _FAR
        else:
            neighbour = before or after
            outlier = (neighbour is not None and anchor is not None and abs(neighbour - anchor) <= _NEAR
                       and abs(day - neighbour) > _FAR and abs(day - anchor) > _FAR)
        if outlier:
            around = " and ".join(str(d) for d in (before, after) if d is not None)
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text if entry.time else str(day)),
                            f"the date {day} is far from the dates around it ({around}): is the year or month a typo?")


def _day(entry):
    if entry.time is not None and entry.time.date is not None:
        return entry.time.date
    return entry.date_only


RULE = define(__doc__, "PM311", "timeline-date-outlier", "warning", check)
