"""A required frontmatter key is missing.

## What it does
Checks the keys every postmortem needs (`id`, `title`, `date`, `severity`, `status`,
`services`, `authors`) and those a `published` one needs as well (`incident_commander`,
`started_at`, `detected_at`, `mitigated_at`, `resolved_at`, `impact`, `detection`,
`root_cause_category`), plus `impact.users_affected` and `impact.duration_minutes`.

`postmortem lint --fix` fills `impact.duration_minutes` from `started_at` to `mitigated_at`;
with `--unsafe-fixes` it also fills a missing lifecycle timestamp from the timeline's
milestone entry (which entry that is, is a reading of its words: check it).

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

from linter import formatspec
from linter.fixes import Applicability, Deferred, safe, unsafe
from linter.frontmatter_edits import child_insertion, key_insertion
from linter.lifecycle import lifecycle, minutes_between
from linter.rules._schema_check import schema_problems
from linter.rules.base import Violation, define


def check(document, context):
    for problem in schema_problems(document, context.config):
        if problem.kind == "missing":
            yield Violation(problem.line, problem.column, problem.message, fix=_filling(document, problem.path))


def _filling(document, path: tuple):
    """A missing value the file itself gives: the duration from the stamps (safe), a lifecycle
    timestamp from the timeline's milestone entry (unsafe: which entry it is is a reading)."""
    if path == ("impact", "duration_minutes"):
        minutes = minutes_between(lifecycle(document.meta), "started_at", "mitigated_at")
        if minutes is None or minutes <= 0 or minutes != int(minutes):
            return None
        edit = child_insertion(document, "impact", "duration_minutes", str(int(minutes)))
        return safe(f"set 'impact.duration_minutes' to {int(minutes)} (started_at to mitigated_at)", [edit]) if edit else None
    if len(path) == 1 and path[0] in formatspec.LIFECYCLE_KEYS:
        return Deferred(Applicability.UNSAFE, lambda: _lifecycle_filling(document, path[0]))  # reads the milestones
    return None


def _lifecycle_filling(document, key: str):
    from linter.milestones import milestone_entries

    entry = milestone_entries(document).get(key)
    if entry is None or entry.at is None:
        return None
    keys = formatspec.LIFECYCLE_KEYS
    position = keys.index(key)
    utc = f"{entry.at:%Y-%m-%dT%H:%M:%SZ}"
    edit = key_insertion(document, key, f'"{utc}"', after=keys[:position], before=keys[position + 1:])
    return unsafe(f"set '{key}' to {utc}, the time of the timeline's entry on line {entry.line}", [edit]) if edit else None


RULE = define(__doc__, "PM101", "frontmatter-key-missing", "error", check, fix=(Applicability.SAFE, Applicability.UNSAFE))
