"""A timeline entry with a vague time ("around 2pm", "later that morning").

## What it does
Reports entries that start with an approximate or relative time instead of a timestamp:
"around", "about", "~", "shortly after", "later that morning", "before lunch", "2pm".

## Why is this bad?
"Around 2pm" hides the number the timeline exists for: how many minutes passed between
the alert and the page, the page and the rollback. If the exact time is unknown, find it in
the logs, chat or pager history.

## Example
```markdown
- Later that morning — Support escalates the tickets
```

## Use instead
```markdown
- 10:42 UTC — Support escalates 37 tickets to #payments-oncall — @support/lee
```
"""

from linter.rules.base import Violation, define
from linter.timestamps import vague_time_prefix


def check(document, context):
    for entry in document.timeline:
        stripped = entry.text.lstrip(" *_`")  # keep a leading "~": "~03:20 UTC" is vague
        vague = vague_time_prefix(stripped)
        if vague is not None and (entry.time is None or stripped[:1] == "~" or not stripped[:1].isdigit()):
            shown = " ".join(stripped.split(" — ")[0].split()[:4])
            yield Violation(entry.line, document.column_of(entry.line, vague), f"vague time '{shown}': give the exact UTC time from logs, chat or pager history")


RULE = define(__doc__, "PM304", "timeline-vague-time", "error", check)
