"""A lifecycle timestamp without an explicit UTC designator, or in another zone.

## What it does
Checks that `started_at`, `detected_at`, `acknowledged_at`, `mitigated_at` and
`resolved_at` end in `Z` or `+00:00`.

`postmortem lint --fix` converts a timestamp with an offset to UTC (`Z`); with
`--unsafe-fixes` it also reads one without a zone as UTC.

## Why is this bad?
A timestamp without a zone is read in whatever zone the reader's tool assumes; one in
`+02:00` is correct but cannot be compared at a glance with the UTC timeline. Time to detect
and time to mitigate computed from mixed zones are off by hours.

## Example
```yaml
started_at: "2026-04-07T05:15:00+02:00"
detected_at: "2026-04-07 03:19"
```

## Use instead
```yaml
started_at: "2026-04-07T03:15:00Z"
detected_at: "2026-04-07T03:19:00Z"
```
"""

from linter.fixes import Applicability, safe, unsafe
from linter.frontmatter_edits import scalar_edit
from linter.rules.base import Violation, define
from linter.lifecycle import written_stamps


def check(document, context):
    for key, value, parsed in written_stamps(document.meta):  # malformed ones: frontmatter-value-invalid
        line, column = document.frontmatter.location_of_value(key)
        utc = f"{parsed.value:%Y-%m-%dT%H:%M:%SZ}"
        # Fractions of a second are kept by no fix: the author chose to write them.
        edit = scalar_edit(document, (key,), value, utc) if "." not in value else None
        if not parsed.has_zone:
            fix = unsafe(f"read '{key}' as UTC: {utc}", [edit]) if edit else None
            yield Violation(line, column, f"'{key}' has no time zone: end it with Z for UTC ({utc} if it is already UTC)", fix=fix)
        elif not parsed.is_utc:
            fix = safe(f"convert '{key}' to UTC: {utc}", [edit]) if edit else None
            yield Violation(line, column, f"'{key}' is not in UTC: write it as {utc}", fix=fix)


RULE = define(__doc__, "PM104", "timestamp-not-utc", "error", check, fix=(Applicability.SAFE, Applicability.UNSAFE))
