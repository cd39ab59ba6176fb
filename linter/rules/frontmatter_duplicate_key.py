"""A frontmatter key is defined twice.

## What it does
Reports the second definition of a key, naming the line of the first.

## Why is this bad?
YAML tools keep one of the two values without a word, so what the author reads and what
the site publishes differ. (The linter keeps the first value.)

## Example
```yaml
severity: SEV2
# ...
severity: SEV1
```

## Use instead
```yaml
severity: SEV1
```
"""

from linter.rules._loader_problems import loader_violations
from linter.rules.base import define


def check(document, context):
    yield from loader_violations(document, "duplicate-key")


RULE = define(__doc__, "PM004", "frontmatter-duplicate-key", "error", check, blocks_publication=True)
