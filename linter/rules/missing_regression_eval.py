"""A model or prompt failure whose action items add no regression eval case.

## What it does
When `root_cause_category` is `model` or `prompt` (a stochastic terminal), checks that at
least one action item adds a regression eval case: its text mentions an eval (or its `Type`
column says `eval`).

## Why is this bad?
A guard (a schema check, a filter, a kill switch) stops this failure from reaching users; an
eval case stops the next model or prompt change from reintroducing it. Without the eval,
the same failure comes back with the next model update, as a repeat incident.

## Example
```markdown
| Reject prices below $0.50 in `price_quote` validation | @jane | 2026-04-14 | P0 |
```

## Use instead
```markdown
| Reject prices below $0.50 in `price_quote` validation | @jane | 2026-04-14 | P0 |
| Add a regression eval case with the 40 SKUs that came back in cents to `evals/pricing/units.yaml` | @omar | 2026-04-17 | P1 |
```
"""

import re

from linter import formatspec
from linter.rules.base import Violation, define

_EVAL = re.compile(r"\b(evals?|evaluations?|eval[- ]?(set|suite|case)s?|golden (set|test)s?)\b", re.IGNORECASE)


def check(document, context):
    category = document.meta.get("root_cause_category")
    if category not in formatspec.STOCHASTIC_CATEGORIES:
        return
    for item in document.action_items:
        if _EVAL.search(item.get("action")) or item.get("type").lower().startswith("eval"):
            return
    section = document.section("Action items")
    line = section.line if section else document.frontmatter.line_of("root_cause_category")
    yield Violation(line, 1, f"root cause is '{category}' but no action item adds a regression eval case: add one that reproduces this failure, beside the guard")


RULE = define(__doc__, "PM602", "missing-regression-eval", "error", check)
