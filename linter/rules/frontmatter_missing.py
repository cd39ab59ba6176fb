"""The file has no YAML frontmatter block.

## What it does
Checks that the file starts with a frontmatter block between two `---` lines.

## Why is this bad?
The frontmatter carries what the site, the index and the pattern reports are built from:
id, severity, services, timestamps, root-cause category. Without it the incident cannot be
found, counted or compared.

## Example
```markdown
# Checkout errors after pricing model update

## Summary
...
```

## Use instead
```markdown
---
id: PM-2026-014
title: Checkout errors after pricing model update
date: "2026-04-07"
severity: SEV2
status: draft
services: [checkout]
authors: ["@alice"]
---

## Summary
...
```
"""

from linter.rules.base import Violation, define


def check(document, context):
    if document.read_error is None and document.frontmatter is None:
        yield Violation(1, 1, "no frontmatter: start the file with a '---' line, the YAML keys, and a closing '---' (run 'postmortem new' for a template)")


RULE = define(__doc__, "PM002", "frontmatter-missing", "error", check, blocks_publication=True)
