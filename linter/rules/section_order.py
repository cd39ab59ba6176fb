"""Sections are out of the format's order.

## What it does
Checks that the known level-2 sections follow the order of the format: Summary, Impact,
Timeline, Root cause, Contributing factors, What went well, What went wrong, Where we got
lucky, Action items, Lessons learned. Sections the format does not know are ignored.

## Why is this bad?
Readers of many postmortems skim them in the same order; a fixed order is what makes a
corpus readable as one body of work.

## Example
```markdown
## Action items
...
## Root cause
...
```

## Use instead
```markdown
## Root cause
...
## Action items
...
```
"""

from linter import formatspec
from linter.rules.base import Violation, define


def check(document, context):
    order = formatspec.SECTION_ORDER
    highest = None
    for section in document.sections:
        if section.canonical is None:
            continue
        if highest is not None and order.index(section.canonical) < order.index(highest.canonical):
            yield Violation(section.line, 1, f"'## {section.title}' should come before '## {highest.title}' (line {highest.line})")
        elif highest is None or order.index(section.canonical) > order.index(highest.canonical):
            highest = section


RULE = define(__doc__, "PM202", "section-order", "warning", check)
