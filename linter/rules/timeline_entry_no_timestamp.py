"""A timeline entry that does not start with a timestamp.

## What it does
Checks that every timeline entry begins with one of the accepted forms: `HH:MM UTC`,
`HH:MM:SS UTC`, `YYYY-MM-DD HH:MM UTC`, `YYYY-MM-DDTHH:MM[:SS]Z`, or a bare time under a
declared zone (docs/format.md lists every stamp form). Entries that start with a vague time
such as "around 2pm" are reported by `timeline-vague-time`, times marked unknown (`??:??`) by
`timeline-time-unknown`; an entry that gives only its date (the slow phase of a long incident:
a latent bug, an exposure window) is fine. A date-shaped opening that is no real date
(`2026-04-31`, `20202-01-16`) is reported as such.

## Why is this bad?
An entry without a time cannot be ordered, and the gaps between events are the point of a
timeline: they show how long detection, escalation and mitigation took.

## Example
```markdown
- Rolled back the deploy — @alice
```

## Use instead
```markdown
- 03:52 UTC — Rolled back the deploy — @alice
```
"""

import re

from linter.rules.base import Violation, define
from linter.timestamps import vague_time_prefix


# A date-shaped opening the parser could not read: "20202-01-16 12:00", "2026-13-02 10:00".
_MALFORMED_DATE = re.compile(r"[\s*_`\[]*(\d{4,5}-\d{1,2}-\d{1,2})(?=[\sT,:|\]])")


def check(document, context):
    zone = document.timeline_zone
    if zone is not None and not zone.is_utc:  # a UTC stamp among local ones would mix zones
        message = f"timeline entry does not start with a time: write one in the timeline's zone ({zone.text}), like '03:15' (or convert the timeline to UTC)"
    else:
        message = "timeline entry does not start with a UTC timestamp like '03:15 UTC' or '2026-04-07 03:15 UTC'"
    for entry in document.timeline:
        if entry.time is None and entry.unknown is None and entry.date_only is None and vague_time_prefix(entry.text) is None:
            bad_date = _MALFORMED_DATE.match(entry.text)
            if bad_date:
                yield Violation(entry.line, document.column_of(entry.line, bad_date[1]),
                                f"'{bad_date[1]}' is not a real date: correct it (YYYY-MM-DD)")
            else:
                yield Violation(entry.line, document.column_of(entry.line, entry.text[:20]), message)


RULE = define(__doc__, "PM302", "timeline-entry-no-timestamp", "error", check)
