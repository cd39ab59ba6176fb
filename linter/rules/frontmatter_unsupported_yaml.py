"""The frontmatter uses YAML features the format does not allow.

## What it does
Refuses anchors and aliases (`&a`, `*a`), explicit tags (`!!python/object`), keys that are
not strings, nesting deeper than 16 levels, values longer than 8,192 characters, numbers
longer than 40 digits, more than 5,000 values, and frontmatter larger than 64 KiB.

## Why is this bad?
None of these belong in a postmortem's metadata, and each is a way to hurt the tools that
read it: a 535-byte alias bomb expands into gigabytes when validated, a self-referencing
alias makes a cycle, tags can construct arbitrary objects, and huge numbers or deep nesting
raise exceptions in YAML libraries. The linter refuses them before reading any further.

## Example
```yaml
services: &svc [checkout]
tags: *svc
```

## Use instead
```yaml
services: [checkout]
tags: [checkout]
```
"""

from linter.rules._loader_problems import loader_violations
from linter.rules.base import define


def check(document, context):
    yield from loader_violations(document, "unsupported")


RULE = define(__doc__, "PM005", "frontmatter-unsupported-yaml", "error", check, blocks_publication=True)
