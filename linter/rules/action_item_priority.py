"""An action item without a priority from P0 to P3.

## What it does
Checks that every action item has a priority `P0`, `P1`, `P2` or `P3`.

## Why is this bad?
Priorities decide what is done first when there is not time for everything, and the tracker
reports overdue items by priority: an overdue P0 is a different conversation from a P3.

## Example
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | @jane | 2026-04-14 | high |
```

## Use instead
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | @jane | 2026-04-14 | P0 |
```
"""

from linter import formatspec
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def check(document, context):
    for item in document.action_items:
        cell = item.fields.get("priority")
        text = item.get("priority").strip("*_` ")
        if not text:
            yield Violation(item.line, cell.column if cell else 1, "action item has no priority: add P0, P1, P2 or P3")
        elif text.upper() not in formatspec.PRIORITIES:
            yield Violation(item.line, cell.column, f"priority '{safe_excerpt(text, 20)}' is not one of P0, P1, P2, P3")


RULE = define(__doc__, "PM404", "action-item-priority", "error", check)
