"""An action item without a real owner.

## What it does
Checks that every action item has an owner: a handle (`@name`, `@team/name`), an e-mail
address or a plain name (`jennifer`, `Jane Doe`). `TBD`, `team`, `everyone`, `?`, a group
("the SRE team") and an empty cell are not owners. In a list item the owner is a `—`-separated
segment (`- Fix X — Jane Doe — due 2026-05-01 — P1`), an `Owner:` segment or an `Owner:`
sub-bullet. `owner-pattern` replaces the accepted shapes with your own regular expression.
An item already done (a ticked `[x]`, a done status) that gives no owner is not reported: the
field is for tracking open work. A value that is given is still checked.
With `ticket-as-owner-and-due = true`, an item with a ticket link needs no owner of its own
(the ticket holds it); by default it still does, and the message says how to switch.

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

from linter import owners, ticket_stand_in
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def check(document, context):
    pattern = context.config.owner_pattern
    for item in document.action_items:
        cell = item.fields.get("owner")
        text = item.get("owner")
        if not text:
            if not item.done and not ticket_stand_in.stands_in(item, context.config):
                yield Violation(item.line, cell.column if cell else 1, "action item has no owner: name one person or team (@name, @team/name, an e-mail address or a name)" + ticket_stand_in.hint(item))
            continue
        bad = [owner for owner in owners.split_owners(text) if not owners.is_owner(owner, pattern)]
        if bad:
            yield Violation(item.line, cell.column, f"'{safe_excerpt(bad[0], 40)}' is not an owner: name one person or team (@name, @team/name, an e-mail address or a name)")


RULE = define(__doc__, "PM402", "action-item-owner", "error", check)
