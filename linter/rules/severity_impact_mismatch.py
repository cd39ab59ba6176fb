"""The severity does not match the recorded impact.

## What it does
Compares `severity` with `impact`: data loss, 10,000 or more users affected, or four hours or
more of impact on 1,000 or more users, recorded at one of the two lowest severities; or the
highest severity for fewer than 10 users, under 15 minutes, with no revenue impact and no data
loss. A long incident that touched few people (a slow internal report, a handful of users) is
not reported: duration alone does not make an incident severe.

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
severity: SEV2
impact:
  users_affected: 40
  duration_minutes: 12
  data_loss: true
```
"""

from linter.rules.base import Violation, define

MANY_USERS = 10_000
LONG_MINUTES = 240
LONG_AND_WIDE_USERS = 1_000  # a long incident is severe only when it also reached many users


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def check(document, context):
    meta = document.meta
    impact = meta.get("impact")
    severity = meta.get("severity")
    scheme = context.config.severities
    if not isinstance(impact, dict) or severity not in scheme or len(scheme) < 3:
        return
    rank = scheme.index(severity)
    users = _number(impact.get("users_affected"))
    minutes = _number(impact.get("duration_minutes"))
    revenue = _number(impact.get("revenue_usd")) or 0
    line, column = document.frontmatter.location_of_value("severity")
    if rank >= len(scheme) - 2:
        if impact.get("data_loss") is True:
            yield Violation(line, column, f"{severity} with data loss: data loss is at least {scheme[len(scheme) - 3]}, or correct 'impact.data_loss'")
        elif users is not None and users >= MANY_USERS:
            yield Violation(line, column, f"{severity} for {users:,} users affected: raise the severity or correct 'impact.users_affected'")
        elif minutes is not None and minutes >= LONG_MINUTES and users is not None and users >= LONG_AND_WIDE_USERS:
            yield Violation(line, column, f"{severity} for {minutes} minutes of impact on {users:,} users: raise the severity or correct 'impact'")
    elif rank == 0 and users is not None and minutes is not None:
        if users < 10 and minutes < 15 and revenue == 0 and impact.get("data_loss") is not True:
            yield Violation(line, column, f"{severity} for {users} users over {minutes} minutes: lower the severity, or record the impact that justifies it")


RULE = define(__doc__, "PM601", "severity-impact-mismatch", "warning", check)
