"""The timeline shows a milestone earlier than the frontmatter timestamp says.

## What it does
For detection, acknowledgement, mitigation and resolution: when the timeline has no entry at
the frontmatter minute, but its first entry that names the milestone ("alert fires",
"rolled back", "resolved") is earlier, the two disagree.

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
from linter.milestones import MILESTONES, entries_at, entries_mentioning
from linter.rules.base import Violation, define


def check(document, context):
    timeline = document.timeline
    times = lifecycle(document.meta)
    for key in ("detected_at", "acknowledged_at", "mitigated_at", "resolved_at"):
        if key not in times or entries_at(timeline, times[key]):
            continue
        mentions = entries_mentioning(timeline, key)
        earlier = [entry for entry in mentions if entry.at < times[key]]
        start = times.get("started_at")
        earlier = [entry for entry in earlier if start is None or entry.at >= start]
        if earlier:
            entry = earlier[0]
            label = MILESTONES[key][0]
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"this entry ({entry.at:%H:%M} UTC) looks like the {label}, but '{key}' is {times[key]:%Y-%m-%d %H:%M} UTC: correct one of them")


RULE = define(__doc__, "PM307", "timeline-contradicts-frontmatter", "warning", check)
