"""The Action items section lists no items, or its table lacks required columns.

## What it does
Checks that the `Action items` section holds a table with the columns `Action`, `Owner`,
`Due` and `Priority` (optionally `Link`/`Ticket`, `Status`, `Type`), or a checklist with one
item a line.

## Why is this bad?
A postmortem whose follow-ups are prose cannot be tracked: the action-item report cannot
count open and overdue items, and nobody is accountable for any of them.

## Example
```markdown
## Action items
We will add alerting and review the deploy process.
```

## Use instead
```markdown
## Action items
| Action | Owner | Due | Priority | Link |
|---|---|---|---|---|
| Page #payments-oncall when `refund_count` > 5 in 5 minutes (alert `RefundBurst`) | @bob | 2026-04-21 | P1 | PR #2343 |
```
"""

from linter.rules.base import Violation, define


def check(document, context):
    section = document.section("Action items")
    if section is None or section.is_empty:
        return  # section-missing / section-empty report it
    for table in document.action_tables:  # read with the items, once
        if table.missing_columns:
            missing = ", ".join(name.capitalize() for name in table.missing_columns)
            yield Violation(table.line, 1, f"the action-item table has no {missing} column(s): use | Action | Owner | Due | Priority | Link |")
    if not document.action_items:
        yield Violation(section.line, 1, "no action items found: list them in a table (| Action | Owner | Due | Priority |) or as a checklist '- [ ] action — @owner — due YYYY-MM-DD — P1'")


RULE = define(__doc__, "PM401", "action-items-missing", "error", check)
