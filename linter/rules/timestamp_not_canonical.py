"""A lifecycle timestamp in UTC, but not written as `YYYY-MM-DDTHH:MM:SSZ`.

## What it does
Checks that `started_at`, `detected_at`, `acknowledged_at`, `mitigated_at` and `resolved_at`,
once they are in UTC (PM104 judges the zone), are written the one way RFC 3339 and every tool
reads the same: a `T` between date and time, seconds, and `Z`. It reports `+00:00`, `-00:00`,
a trailing ` UTC`, a lower-case `z`, a space instead of the `T`, and missing seconds. A
timestamp with fractions of a second is left as the author wrote it.

`postmortem lint --fix` rewrites the timestamp as `YYYY-MM-DDTHH:MM:SSZ`: the same instant.

## Why is this bad?
`2026-04-07T03:15:00 UTC` and `2026-04-07 03:15Z` are not RFC 3339: JavaScript's `Date`, jq's
`fromdateiso8601` and Go's `time.RFC3339` reject them, so a dashboard or script that reads the
frontmatter gets no time (or an error) where this tool read one. `+00:00` is valid but spells
the same instant a second way, so a search for `T03:15:00Z` across the postmortems misses it.

## Example
```yaml
started_at: "2026-04-07T03:15:00+00:00"
mitigated_at: "2026-04-07 03:59 UTC"
```

## Use instead
```yaml
started_at: "2026-04-07T03:15:00Z"
mitigated_at: "2026-04-07T03:59:00Z"
```
"""

from linter.fixes import Applicability, safe
from linter.frontmatter_edits import scalar_edit
from linter.lifecycle import written_stamps
from linter.rules.base import Violation, define


def check(document, context):
    for key, value, parsed in written_stamps(document.meta):  # malformed ones: PM102
        if "." in value or not parsed.is_utc:
            continue  # fractions of a second: as the author wrote them; not UTC: PM104
        canonical = f"{parsed.value:%Y-%m-%dT%H:%M:%SZ}"
        if value == canonical:
            continue
        line, column = document.frontmatter.location_of_value(key)
        edit = scalar_edit(document, (key,), value, canonical)
        fix = safe(f"write '{key}' as {canonical}", [edit]) if edit else None
        if value[:19] == canonical[:19] and value.endswith(("+00:00", "-00:00")):
            message = f"'{key}' spells UTC as {value[19:]}: write it as {canonical}, as the other postmortems do"
        else:
            message = f"'{key}' is UTC but not RFC 3339 (JavaScript, jq and Go reject it): write it as {canonical}"
        yield Violation(line, column, message, fix=fix)


RULE = define(__doc__, "PM110", "timestamp-not-canonical", "warning", check, fix=Applicability.SAFE)
