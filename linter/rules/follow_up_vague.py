"""A vague follow-up promised in the prose ("we'll be putting better monitoring in place").

## What it does
Finds follow-ups the text promises outside the Action items section ("we will …", "we'll …",
"we are going to …", "we plan to …") and holds them to the standard of PM405
(action-item-vague): "better monitoring", "improve our alerting", "look into", "investigate
whether …", a process to be established. A promise that names something checkable (a
threshold, a file, a config key, a runbook section) passes. The Timeline is not read: what
responders planned during the incident is not a follow-up.

## Why is this bad?
A promise in the prose is read as a commitment, but nobody can tell when "better monitoring"
is in place, and it is in no tracker: it is the follow-up that is never done.

## Example
```markdown
## Root cause
… The disk filled overnight. We'll be putting better monitoring in place.
```

## Use instead
```markdown
## Root cause
… The disk filled overnight. We will page #storage-oncall when `node_disk_free` falls below 10%
for 15 minutes (Action items, first row).
```
"""

from linter import phrases, promises
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def check(document, context):
    pattern = phrases.compile_phrases(phrases.VAGUE_ACTIONS, tuple(context.config.vague_phrases))
    for promise in promises.promised_follow_ups(document):
        vague = phrases.vague_action(promise.clause, pattern)
        if vague:
            column = document.column_of(promise.line, vague.phrase, document.column_of(promise.line, promise.written[:20]))
            yield Violation(promise.line, column, f"vague follow-up '{safe_excerpt(vague.phrase, 40)}' promised here: {vague.advice}, and list it under Action items with an owner and a due date")


RULE = define(__doc__, "PM406", "follow-up-vague", "warning", check)
