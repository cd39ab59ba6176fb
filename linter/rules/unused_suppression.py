"""An inline suppression comment that suppresses nothing.

## What it does
Reports a `<!-- postmortem-lint disable... -->` comment when no finding it names occurs
where it applies.

`postmortem lint --fix` removes the comment (and the `enable` that closed an unused `disable`).

## Why is this bad?
A stale suppression hides the next real finding at that place, and tells readers something
is wrong where nothing is. Delete it.

## Example
```markdown
<!-- postmortem-lint disable-next-line=PM405 -->
| Alert `RefundBurst` when refunds > 5 in 5 minutes | @bob | 2026-04-21 | P1 |
```

## Use instead
```markdown
| Alert `RefundBurst` when refunds > 5 in 5 minutes | @bob | 2026-04-21 | P1 |
```
"""

from linter.fixes import Applicability
from linter.rules.base import define

# The engine reports this rule after applying suppressions (linter/suppression.py).
RULE = define(__doc__, "PM901", "unused-suppression", "warning", fix=Applicability.SAFE)
