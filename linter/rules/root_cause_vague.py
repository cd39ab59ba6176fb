"""A root cause that names no mechanism ("human error", "a bug", "the model was bad").

## What it does
Reports a `Root cause` section that is very short (under 12 words), or that rests on a vague
cause ("human error", "a bug", "bad deploy", "the model was bad", "network issues", "the cause is unknown")
without explaining the mechanism in at least 40 words.

## Why is this bad?
"A bug" is where the analysis starts, not where it ends. A root cause names the mechanism —
which code path, which config value, which input, which model behaviour — so that the action
items can target it and the pattern reports can group incidents with the same one. For
model failures, name both terminals: the deterministic one (what let the output through) and
the stochastic one (what the model did).

## Example
```markdown
## Root cause
A bug in the pricing service.
```

## Use instead
```markdown
## Root cause
Pricing model v42 returns prices in cents for 11% of SKUs (stochastic terminal: the
fine-tune data mixed units). Checkout's `price_quote` schema accepts any positive number,
so cent values passed validation (deterministic terminal) and were charged as dollars.
```
"""

from linter import phrases
from linter.rules.base import Violation, define

MIN_WORDS = 12
EXPLAINED_WORDS = 40


def check(document, context):
    section = document.section("Root cause")
    if section is None or section.is_empty:
        return
    text = " ".join(line.text for line in section.prose())
    words = len(text.split())
    if words < MIN_WORDS:
        yield Violation(section.line, 1, f"the root cause is {words} words: explain the mechanism — which code path, config value, input or model behaviour, and why it was not caught")
        return
    pattern = phrases.compile_phrases(phrases.VAGUE_CAUSES, ())
    found = phrases.find_phrases(pattern, text)
    if found and words < EXPLAINED_WORDS:
        line = next((p.line for p in section.prose() if found[0].group(0).lower() in p.text.lower()), section.line)
        yield Violation(line, document.column_of(line, found[0].group(0)), f"'{found[0].group(0)}' is not a mechanism: say what exactly failed and why the safeguards let it through")


RULE = define(__doc__, "PM503", "root-cause-vague", "warning", check)
