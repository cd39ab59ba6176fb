"""A model or prompt failure whose action items add no regression eval case.

## What it does
When `root_cause_category` is `model` or `prompt` (a stochastic terminal), checks that at
least one action item adds a regression eval case, however it is worded: cases added to an
eval set, a golden set or a regression suite, "add this conversation to the evals", "create a
regression suite for unit consistency", or an item whose `Type` column says `eval`. An item
that only changes the eval harness ("bump the eval timeout", "add retries to the eval
runner", "run the evals nightly") adds no case and does not count.

## Why is this bad?
A guard (a schema check, a filter, a kill switch) stops this failure from reaching users; an
eval case stops the next model or prompt change from reintroducing it. Without the eval,
the same failure comes back with the next model update, as a repeat incident.

## Example
```markdown
| Reject prices below $0.50 in `price_quote` validation | @jane | 2026-04-14 | P0 |
| Raise the eval timeout in `evals/config.yaml` to 120 s | @omar | 2026-04-17 | P2 |
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

_EVAL_SET = re.compile(
    r"\b(evals?|evaluations?|eval[- ]?(sets?|suites?|cases?|datasets?)|golden[- ](sets?|datasets?|tests?|examples?|conversations?|files?)"
    r"|regression[- ](suites?|sets?|cases?|tests?|evals?))\b", re.IGNORECASE)
# What an eval case is made of, and the verbs that put one in.
_CASES = re.compile(r"\b(cases?|examples?|conversations?|transcripts?|prompts?|inputs?|samples?|scenarios?|queries|query"
                    r"|traces?|fixtures?|chats?|replays?|outputs?|responses?|failures?)\b", re.IGNORECASE)
_ADDING = re.compile(r"\b(add|adds|adding|include|extend|cover|capture|record|write|create|build|append|save|turn|copy|put)\b", re.IGNORECASE)
# The eval harness's own configuration: changing it adds no case.
_HARNESS = re.compile(r"\b(timeouts?|concurrency|parallelism|retries|retry|runners?|harness|schedule[ds]?|cron|nightly|budget"
                      r"|quotas?|workers?|thresholds?|pass rate|flak\w*|dashboards?|ci job|pipeline|logging|alerts?)\b", re.IGNORECASE)


def adds_eval_case(action: str) -> bool:
    """True when an action puts a case into an eval set, not when it only tunes the harness."""
    if not _EVAL_SET.search(action):
        return False
    adding, harness = _ADDING.search(action) is not None, _HARNESS.search(action) is not None
    if _CASES.search(action):
        return adding or not harness  # "raise the eval timeout so long conversations finish" adds none
    return adding and not harness


def check(document, context):
    category = document.meta.get("root_cause_category")
    if category not in formatspec.STOCHASTIC_CATEGORIES:
        return
    for item in document.action_items:
        if adds_eval_case(item.get("action")) or item.get("type").lower().startswith("eval"):
            return
    section = document.section("Action items")
    line = section.line if section else document.frontmatter.line_of("root_cause_category")
    yield Violation(line, 1, f"root cause is '{category}' but no action item adds a regression eval case: add one that reproduces "
                             "this failure to the eval set, beside the guard (changing the eval harness's settings is not a case)")


RULE = define(__doc__, "PM602", "missing-regression-eval", "error", check)
