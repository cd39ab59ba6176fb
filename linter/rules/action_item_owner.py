"""An action item without a real owner.

## What it does
Checks that every action item has an owner written as a handle (`@name`, `@team/name`) or an
e-mail address. `TBD`, `team`, `everyone`, `?` and an empty cell are not owners.

## Why is this bad?
An item owned by "the team" is owned by nobody. The action-item tracker groups open and
overdue items by owner; items without one are the ones that never get done.

## Example
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | TBD | 2026-04-14 | P0 |
```

## Use instead
```markdown
| Add a `unit` field to the `lookup_order.amount` schema | @jane | 2026-04-14 | P0 |
```
"""

import re

from linter import formatspec
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def _owners(text: str) -> list[str]:
    """Several owners: '@jane, @omar', '@jane and @omar', '@jane / @omar', '@jane & @omar'."""
    return [part.strip() for part in re.split(r",|\s+(?:and|/|&|\+)\s+", text) if part.strip()]


def check(document, context):
    for item in document.action_items:
        cell = item.fields.get("owner")
        text = item.get("owner")
        if not text:
            yield Violation(item.line, cell.column if cell else 1, "action item has no owner: name one person or team handle (@name or @team/name)")
            continue
        bad = [owner for owner in _owners(text) if not formatspec.is_owner_handle(owner)]
        if bad:
            yield Violation(item.line, cell.column, f"'{safe_excerpt(bad[0], 40)}' is not an owner: write a handle (@name, @team/name) or an e-mail address")


RULE = define(__doc__, "PM402", "action-item-owner", "error", check)
