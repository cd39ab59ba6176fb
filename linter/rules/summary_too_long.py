"""The summary runs longer than three sentences.

## What it does
Counts the sentences of the `Summary` section and reports more than three.

## Why is this bad?
The summary is what the index, search results and the quarterly review show. Readers decide
from it whether this is the incident they are looking for: what happened, for how long, who
was affected. The detail belongs in the sections below.

## Example
```markdown
## Summary
On April 7 we deployed a new pricing model. It had been evaluated offline. It returned
prices in cents. Checkout interpreted them as dollars. Completion fell. We rolled back.
```

## Use instead
```markdown
## Summary
From 03:15 to 03:59 UTC on 2026-04-07, checkout rejected 21% of orders because a pricing
model update returned prices in cents. 3,214 customers were affected; rolling back the
model ended it.
```
"""

import re

from linter.rules.base import Violation, define

_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\d)[.!?](?=\s|$)")
MAX_SENTENCES = 3


def check(document, context):
    section = document.section("Summary")
    if section is None:
        return
    text = " ".join(line.text for line in section.prose())
    sentences = len(_SENTENCE_END.findall(text.strip()))
    if text.strip() and not _SENTENCE_END.search(text.strip()[-1:] + " "):
        sentences += 1  # a last sentence without a full stop
    if sentences > MAX_SENTENCES:
        yield Violation(section.line, 1, f"the summary has {sentences} sentences; keep it to {MAX_SENTENCES}: what happened, for how long, who was affected")


RULE = define(__doc__, "PM205", "summary-too-long", "warning", check)
