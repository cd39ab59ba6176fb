"""An action item without a valid due date, or due before the incident.

## What it does
Checks that every action item has a due date written `YYYY-MM-DD`, that it is a real date,
and that it is not before the day of the incident. In a list item the due date is a
`—`-separated segment (`due 2026-05-01`) or a `Due:` sub-bullet. With
`ticket-as-owner-and-due = true`, an item with a ticket link needs no due date of its own.
An item already done (a ticked `[x]`, a done status) with no due date is not reported: a due
date tracks open work. A date that is given is still checked.

## Why is this bad?
Without a date there is no "overdue", and the action-item tracker cannot show which fixes
are late. A due date before the incident is a typo that hides the item from that report.

## Example
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | @jane | next sprint | P0 |
```

## Use instead
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | @jane | 2026-04-14 | P0 |
```
"""

from linter import ticket_stand_in
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt
from linter.timestamps import parse_date


def check(document, context):
    incident_day = parse_date(document.meta.get("date")) if isinstance(document.meta.get("date"), str) else None
    for item in document.action_items:
        cell = item.fields.get("due")
        text = item.get("due").strip("*_` ")
        if not text:
            if not item.done and not ticket_stand_in.stands_in(item, context.config):
                yield Violation(item.line, cell.column if cell else 1, "action item has no due date: add one as YYYY-MM-DD" + ticket_stand_in.hint(item))
            continue
        due = parse_date(text)
        if due is None:
            yield Violation(item.line, cell.column, f"due date '{safe_excerpt(text, 30)}' is not a date written YYYY-MM-DD")
        elif incident_day and due < incident_day:
            yield Violation(item.line, cell.column, f"due date {due} is before the incident ({incident_day})")


RULE = define(__doc__, "PM403", "action-item-due", "error", check)
