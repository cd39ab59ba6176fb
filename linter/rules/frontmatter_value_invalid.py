"""A frontmatter value has the wrong type, format or is not an allowed value.

## What it does
Validates each value against the frontmatter JSON Schema (`postmortem schema`): the id
format `PM-YYYY-NNN`, real `YYYY-MM-DD` dates, severities and statuses from the configured
scheme, root-cause categories and contributing factors from the configured taxonomies,
owner handles, integer impact numbers, lists that must not be empty. Suggests the closest
allowed value.

## Why is this bad?
A misspelt category (`confg`) or a severity outside the scheme splits the pattern reports
and the index filters: the incident is counted under a name nobody searches for.

## Example
```yaml
severity: critical
root_cause_category: confg
impact:
  users_affected: "about 3k"
```

## Use instead
```yaml
severity: SEV1
root_cause_category: config
impact:
  users_affected: 3200
```
"""

from linter.rules._schema_check import schema_problems
from linter.rules.base import Violation, define


def check(document, context):
    for problem in schema_problems(document, context.config):
        if problem.kind == "invalid":
            yield Violation(problem.line, problem.column, problem.message)


RULE = define(__doc__, "PM102", "frontmatter-value-invalid", "error", check)
