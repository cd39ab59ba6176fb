"""The severity does not match the recorded impact, judged against the severity rubric.

## What it does
Works out the severity the impact calls for from a rubric, and reports a `severity` two or
more levels away from it, in either direction. The impact is what the frontmatter records
(`users_affected`, `duration_minutes`, `revenue_usd`, `support_tickets`, `slo_budget_minutes`,
`data_loss`) and what the `Impact` section states as a share ("12% of users were affected",
"an error rate of 8%", "all requests failed").

The default rubric is the format's table, by rank (SEV1–SEV4, P1–P4, or three levels):

| level | reached by any of |
|---|---|
| SEV1 / P1 | data loss; error rate ≥ 5%; ≥ 10,000 users; ≥ 1,000 users for ≥ 240 minutes; ≥ $100,000; ≥ 2,000 tickets |
| SEV2 / P2 | ≥ 5% of users; ≥ 5,000 users; ≥ $10,000; ≥ 500 tickets; ≥ 30 minutes of SLO budget |
| SEV3 / P3 | any user, ticket or revenue affected |
| SEV4 / P4 | no customer impact (the floor) |

A team sets its own with `severity-rubric`, and how far apart the two may be with
`severity-tolerance` (docs/configuration.md). An incident is judged over-rated only when
`impact.users_affected` is recorded: missing numbers are not low numbers. Duration alone does
not make an incident severe: a long, slow internal report for a few people is a SEV3.

## Why is this bad?
Severity decides who is paged, how fast, and which incidents the reliability review reads.
A SEV4 with data loss is missed by everyone filtering on SEV1–2; a SEV1 for a blip dilutes
the meaning of SEV1.

## Example
```yaml
severity: SEV4
impact:
  users_affected: 40
  duration_minutes: 12
  data_loss: true
```

## Use instead
```yaml
severity: SEV1
impact:
  users_affected: 40
  duration_minutes: 12
  data_loss: true
```
"""

from linter import severity_rubric
from linter.rules.base import Violation, define


def check(document, context):
    severity = document.meta.get("severity")
    scheme = context.config.severities
    if not isinstance(document.meta.get("impact"), dict) or severity not in scheme:
        return
    levels = severity_rubric.levels(scheme, context.config.severity_rubric)
    if levels is None:
        return
    found = severity_rubric.measures(document)
    rank = scheme.index(severity)
    want, criterion = severity_rubric.expected(levels, found)
    tolerance = context.config.severity_tolerance
    line, column = document.frontmatter.location_of_value("severity")
    if rank > want + tolerance:
        yield Violation(line, column, f"{severity}, but {severity_rubric.describe(criterion, found)} is {scheme[want]} in the severity "
                                      "rubric: raise the severity, or correct 'impact'")
    elif rank < want - tolerance and "users_affected" in found:
        recorded = severity_rubric.describe({key: None for key in ("users_affected", "duration_minutes") if key in found}, found)
        yield Violation(line, column, f"{severity}, but the recorded impact ({recorded}) is {scheme[want]} in the severity rubric: "
                                      "lower the severity, or record the impact that justifies it (revenue, tickets, SLO budget, data loss)")

RULE = define(__doc__, "PM601", "severity-impact-mismatch", "warning", check)
