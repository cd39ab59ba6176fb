"""The timeline's milestone entry and the frontmatter timestamp disagree.

## What it does
For detection, acknowledgement, mitigation and resolution: when no entry at the frontmatter
minute names the milestone, the first entry (at or after the start) that does ("alert fires",
"acknowledges", "rolled back", "resolved") is compared with the frontmatter; earlier or later,
they disagree. The entry is chosen by what it says, not by which one is nearest in time, and
times in a local zone are compared after conversion to UTC.

## Why is this bad?
The response-time reports are computed from the frontmatter; the timeline is the evidence.
When they disagree, time to detect or time to mitigate is misreported and the trend charts lie.

## Example
```yaml
detected_at: "2026-04-07T03:40:00Z"
```
```markdown
- 03:19 UTC — Alert `CheckoutCompletionLow` pages on-call
```

## Use instead
```yaml
detected_at: "2026-04-07T03:19:00Z"
```
"""

from linter.lifecycle import lifecycle
from linter.milestones import MILESTONES, TOLERANCE, entries_at, entries_mentioning
from linter.rules.base import Violation, define


def check(document, context):
    timeline = document.timeline
    times = lifecycle(document.meta)
    start = times.get("started_at")
    for key in ("detected_at", "acknowledged_at", "mitigated_at", "resolved_at"):
        if key not in times:
            continue
        label, pattern = MILESTONES[key]
        at_minute = entries_at(timeline, times[key])
        if at_minute:
            continue  # the frontmatter minute is in the timeline: the two agree on an event
        mentions = [entry for entry in entries_mentioning(timeline, key) if start is None or entry.at >= start]
        if not mentions or abs(mentions[0].at - times[key]) <= TOLERANCE:
            continue
        entry = mentions[0]
        side = "earlier" if entry.at < times[key] else "later"
        written = f"{entry.time.text}, {entry.at:%Y-%m-%d %H:%M} UTC" if entry.local is not None and entry.zone_source != "utc-given" else f"{entry.at:%H:%M} UTC"
        yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                        f"this entry ({written}) looks like the {label}, {side} than '{key}' ({times[key]:%Y-%m-%d %H:%M} UTC): correct one of them")


RULE = define(__doc__, "PM307", "timeline-contradicts-frontmatter", "warning", check)
