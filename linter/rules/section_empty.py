"""A section with no content.

## What it does
Reports a known section that holds nothing but whitespace or HTML comments (the hints of a
`postmortem new` scaffold are HTML comments). A `Lessons learned` that only wraps `### What went
well` / `### What went wrong` / `### Where we got lucky` is not empty; those are checked in turn.

## Why is this bad?
An empty `What went wrong` reads as "nothing went wrong"; an empty scaffold section is a
postmortem that is not finished.

## Example
```markdown
## What went wrong
<!-- What slowed detection or response? -->

## Action items
```

## Use instead
```markdown
## What went wrong
- The `CheckoutCompletionLow` alert fired 4 minutes after the drop, but paged the wrong rotation.
```
"""

from linter.rules.base import Violation, define


def check(document, context):
    for section in document.sections:
        if section.canonical is not None and section.is_empty:
            yield Violation(section.line, 1, f"section '{'#' * section.level} {section.title}' is empty: fill it in")


RULE = define(__doc__, "PM203", "section-empty", "error", check)
