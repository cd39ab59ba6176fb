"""The frontmatter is not valid YAML, is never closed, or is not a mapping.

## What it does
Reports the YAML parser's error at its line and column, a frontmatter block opened with
`---` and never closed, and frontmatter that is a list or a single value instead of keys.

## Why is this bad?
MkDocs silently publishes unparsable frontmatter as page text, and every frontmatter check,
the index and the reports lose the incident.

## Example
```markdown
---
id: PM-2026-014
services: [checkout, payments
---
```

## Use instead
```markdown
---
id: PM-2026-014
services: [checkout, payments]
---
```
"""

from linter.rules._loader_problems import loader_violations
from linter.rules.base import define


def check(document, context):
    yield from loader_violations(document, "syntax")


RULE = define(__doc__, "PM003", "frontmatter-syntax", "error", check, blocks_publication=True)
