"""A vague or aspirational action item ("add more monitoring", "investigate further").

## What it does
Reports action items that state an aspiration instead of a change: "add more monitoring",
"improve observability", "add documentation", "be more careful", "investigate further",
"look into X", "consider Y", "better testing", "work with X to", and items of fewer than four
words. An item that names something checkable (a threshold or number, a file path, a config
key or identifier, a runbook section, a flag, a channel) passes even if it uses those words.
A deadline ("within 2 weeks", "by 2026-05-01", "in Q3") does not make an item concrete, and
neither does a code span, a quoted string or a link by itself: `` `kubectl` ``, "no space
left" or an issue link say what the item is about, not what changes.

Some shapes are vague whatever the item names: a question ("Cull old nodes?"), "reflect on",
"investigate whether/if/why" with no deliverable ("… and fix", "… with a decision"), "write
an incident report" (the write-up is this document), "establish a process", "develop rules",
"start writing", "document how X" with no document named (runbook, guide, README), and goal
statements ("testing is high quality"). Extra phrases can be added with `vague-phrases`.

## Why is this bad?
"Add more monitoring" is a feeling, not a change: nobody can tell when it is done, so it
never is. An action item should be a specific, mergeable change.

## Example
```markdown
| Add more monitoring | @bob | 2026-04-21 | P1 |
```

## Use instead
```markdown
| Alert `RefundBurst`: page #payments-oncall when more than 5 refunds above $1000 occur in 5 minutes | @bob | 2026-04-21 | P1 |
```
"""

from linter import phrases
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt

MIN_WORDS = 4


def check(document, context):
    pattern = phrases.compile_phrases(phrases.VAGUE_ACTIONS, tuple(context.config.vague_phrases))
    for item in document.action_items:
        cell = item.fields.get("action")
        text = item.get("action")
        if not cell or not text:
            continue
        vague = phrases.vague_action(text, pattern)
        if vague:
            yield Violation(item.line, cell.column, f"vague action '{safe_excerpt(vague.phrase, 40)}': {vague.advice}")
        elif not phrases.is_concrete(text) and len(phrases.evidence_text(text).split()) < MIN_WORDS:
            yield Violation(item.line, cell.column, f"action '{safe_excerpt(text, 40)}' is too short to be a specific change: say what changes where, and how to tell it is done")


RULE = define(__doc__, "PM405", "action-item-vague", "error", check)
