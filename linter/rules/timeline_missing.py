"""The timeline has no entries.

## What it does
Reports a `Timeline` section that holds no list items or table rows, or whose items give no
time or date at all (a list of notes or links): no entry can be placed in time.

## Why is this bad?
The timeline is where detection and response lag become visible, minute by minute. Prose
("we noticed the issue in the morning and fixed it by lunch") cannot be checked, compared or
charted.

## Example
```markdown
## Timeline
We deployed the model overnight and noticed the problem in the morning.
```

## Use instead
```markdown
## Timeline
- 2026-04-07 03:15 UTC — Pricing model v42 deployed to 100% of traffic — deploy bot
- 03:19 UTC — Alert `CheckoutCompletionLow` pages primary on-call — PagerDuty
```
"""

from linter.rules.base import Violation, define
from linter.timeline import without_stamps


def check(document, context):
    section = document.section("Timeline")
    if section is not None and not section.is_empty and without_stamps(document.timeline):
        yield Violation(section.line, 1, "the timeline has no entries: write one list item per event, each starting with a UTC timestamp like '03:15 UTC'")


RULE = define(__doc__, "PM301", "timeline-missing", "error", check)
