"""Lifecycle timestamps out of order.

## What it does
Checks `started_at ≤ detected_at ≤ acknowledged_at ≤ mitigated_at ≤ resolved_at` (for the
keys present).

## Why is this bad?
Time to detect, acknowledge, mitigate and resolve are differences of these timestamps; out of
order, they come out negative and poison every median in the response-time reports. It is
nearly always a typo in the date or the hour.

## Example
```yaml
started_at: "2026-04-07T03:15:00Z"
detected_at: "2026-04-07T02:19:00Z"
```

## Use instead
```yaml
started_at: "2026-04-07T03:15:00Z"
detected_at: "2026-04-07T03:19:00Z"
```
"""

from linter.lifecycle import lifecycle
from linter.rules.base import Violation, define


def check(document, context):
    times = lifecycle(document.meta)
    previous_key = None
    for key, value in times.items():
        if previous_key is not None and value < times[previous_key]:
            line, column = document.frontmatter.location_of_value(key)
            yield Violation(line, column, f"'{key}' ({value:%Y-%m-%d %H:%M} UTC) is before '{previous_key}' ({times[previous_key]:%Y-%m-%d %H:%M} UTC)")
        else:
            previous_key = key


RULE = define(__doc__, "PM105", "lifecycle-out-of-order", "error", check)
