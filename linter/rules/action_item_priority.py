"""An action item without a priority of the configured scheme (P0 to P3 by default).

## What it does
Checks that every action item has a priority of the configured scheme: by default `P0`, `P1`,
`P2` or `P3`. `priority-scheme` accepts another scale: a preset (`"p0-p4"`,
`"high-medium-low"`, `"critical-high-medium-low"`) or a table mapping each value to P0–P3
(`{ HIGH = "P1", MEDIUM = "P2", LOW = "P3" }`); the reports group items on that P0–P3 scale.
An item already done (a ticked `[x]`, a done status) that gives no priority is not reported: the
field is for tracking open work. A value that is given is still checked.

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

from linter import priorities
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def _how_to_accept(text: str, scheme) -> str:
    """Name the preset that reads this value, when there is one the team has not configured."""
    preset = priorities.preset_accepting(text)
    if preset and scheme != priorities.PRESETS[preset]:
        return f", or set `priority-scheme = \"{preset}\"` in [tool.postmortem] if that is your scale"
    return ""


def check(document, context):
    scheme = context.config.priority_scheme
    accepted = ", ".join(priorities.accepted_values(scheme))
    for item in document.action_items:
        cell = item.fields.get("priority")
        text = item.get("priority").strip("*_` ")
        if not text:
            if item.done:
                continue
            yield Violation(item.line, cell.column if cell else 1, f"action item has no priority: add one of {accepted}")
        elif not priorities.is_accepted(text, scheme):
            yield Violation(item.line, cell.column, f"priority '{safe_excerpt(text, 20)}' is not one of {accepted}{_how_to_accept(text, scheme)}")


RULE = define(__doc__, "PM404", "action-item-priority", "error", check)
