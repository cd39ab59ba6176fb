"""Timeline entries out of time order.

## What it does
Checks that each entry is at or after the one before it, comparing the UTC instants (times in
a declared or written zone are converted first). A bare `HH:MM` takes its date from the last
full date above it (an entry, a date heading or line, or the frontmatter `date`), so a timeline
that crosses midnight must write the date on the first entry of the new day. Entries whose
time is unknown (`??:??`) or that give only a date are left out of the comparison. After a
finding the check goes on from that entry, so one mistyped time is one finding. The message
suggests the next day's date only for a bare time after a late one (a midnight crossing); an
entry that writes its day (`[03-26 02:50]` after `[03-26 23:04]`) is reported without a
suggestion, since the entries after it may show the earlier one is the typo.

## Why is this bad?
Readers take order for causality. An out-of-order entry is either a typo in the time or a
midnight crossing without a date, and both make the durations wrong.

## Example
```markdown
- 23:50 UTC — Failover starts
- 00:10 UTC — Replica promoted
```

## Use instead
```markdown
- 2026-04-07 23:50 UTC — Failover starts
- 2026-04-08 00:10 UTC — Replica promoted
```
"""

from datetime import timedelta

from linter.rules.base import Violation, define


def check(document, context):
    previous_line, previous_at = 0, None
    # After a midnight crossing written without its date, the bare times that follow are read on
    # the next day: one missing date is one finding, not one per later entry.
    shift = timedelta(0)
    for entry in document.timeline:
        if entry.at is None:
            continue
        if not entry.date_inferred:
            shift = timedelta(0)
        at = entry.at + shift
        if previous_at is not None and at < previous_at:
            hint = ""
            # 00:10 after 23:50 crossed midnight; 23:38 after 23:47 is a typo, not the next day.
            # (Compared as instants, not UTC dates: 00:40 EEST after 23:00 EEST is on the UTC day before.)
            # Only a bare time can have lost its date: "[03-26 02:50]" after "[03-26 23:04]" wrote its
            # day, and the entries after it may agree with it (the earlier one is then the typo).
            bare_time = entry.date_inferred and entry.time.written_date is None
            if bare_time and previous_at - at < timedelta(days=1) and at + timedelta(days=1) - previous_at < timedelta(hours=12):
                if entry.local is not None:  # written in a local zone: the date to add is the local one
                    hint = f"; if it is on the next day, write its date: '{entry.local.date() + timedelta(days=1)} {entry.local:%H:%M}'"
                else:
                    hint = f"; if it is on the next day, write the full date: '{at.date() + timedelta(days=1)} {at:%H:%M} UTC'"
                shift += timedelta(days=1)
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"entry at {at:%Y-%m-%d %H:%M} UTC comes after one at {previous_at:%Y-%m-%d %H:%M} UTC (line {previous_line}){hint}")
            # Go on from this entry: one late typo ("13:19" for "03:19") is one finding, not one per entry after it.
            previous_line, previous_at = entry.line, at + timedelta(days=1) if hint else at
        else:
            previous_line, previous_at = entry.line, at


RULE = define(__doc__, "PM305", "timeline-out-of-order", "error", check)
