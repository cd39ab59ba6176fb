"""A required frontmatter key is missing.

## What it does
Checks the keys every postmortem needs (`id`, `title`, `date`, `severity`, `status`,
`services`, `authors`) and those a `published` one needs as well (`incident_commander`,
`started_at`, `detected_at`, `mitigated_at`, `resolved_at`, `impact`, `detection`,
`root_cause_category`), plus `impact.users_affected` and `impact.duration_minutes`.

## Why is this bad?
The index, the response-time trends and the pattern reports are computed from these keys;
an incident without them silently drops out of every chart.

## Example
```yaml
status: published
severity: SEV2
# no detected_at, no root_cause_category
```

## Use instead
```yaml
status: published
severity: SEV2
detected_at: "2026-04-07T03:19:00Z"
root_cause_category: model
```
"""

from linter.rules._schema_check import schema_problems
from linter.rules.base import Violation, define


def check(document, context):
    for problem in schema_problems(document, context.config):
        if problem.kind == "missing":
            yield Violation(problem.line, problem.column, problem.message)


RULE = define(__doc__, "PM101", "frontmatter-key-missing", "error", check)
