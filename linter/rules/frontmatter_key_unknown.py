"""A frontmatter key the format does not define.

## What it does
Reports keys that are not part of the format, with the closest known key.

## Why is this bad?
A misspelt key (`root_casue_category`) is a key silently missing: the value is ignored by
the site and the reports while the author believes it is set.

## Example
```yaml
root_casue_category: config
```

## Use instead
```yaml
root_cause_category: config
```
"""

from linter.rules._schema_check import schema_problems
from linter.rules.base import Violation, define


def check(document, context):
    for problem in schema_problems(document, context.config):
        if problem.kind == "unknown":
            yield Violation(problem.line, problem.column, problem.message)


RULE = define(__doc__, "PM103", "frontmatter-key-unknown", "error", check)
