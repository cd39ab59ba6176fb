"""The timeline's milestone entry and the frontmatter timestamp disagree.

## What it does
For detection, acknowledgement, mitigation and resolution: when no entry is at the
frontmatter minute, the timeline's entry for the milestone (`milestone_entries`: an entry
labelled or marked as it, "**Detection:**", "(outage ends)", else the first report or alert,
the first "acknowledges" or "starts investigating", the first outcome such as "back to normal"
rather than an attempt, the last "confirmed working") is compared with the frontmatter;
earlier or later, they disagree. The entry is chosen by what it says, not by which one is nearest in time, and
times in a local zone are compared after conversion to UTC.

With `--unsafe-fixes`, `postmortem lint --fix` sets the frontmatter timestamp to the timeline's
(unless that would put the stamps out of order).

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

from linter.fixes import Applicability, unsafe
from linter.frontmatter_edits import scalar_edit
from linter.lifecycle import lifecycle
from linter.milestones import MILESTONES, TOLERANCE, entries_at, milestone_entries
from linter.rules.base import Violation, define


def check(document, context):
    timeline = document.timeline
    times = lifecycle(document.meta)
    chosen = milestone_entries(document)
    start = times.get("started_at")
    for key in ("detected_at", "acknowledged_at", "mitigated_at", "resolved_at"):
        entry = chosen.get(key)
        if key not in times or entry is None or entries_at(timeline, times[key]):
            continue  # nothing to compare, or the frontmatter minute is in the timeline: they agree on an event
        if (start is not None and entry.at < start) or abs(entry.at - times[key]) <= TOLERANCE:
            continue
        side = "earlier" if entry.at < times[key] else "later"
        written = f"{entry.time.text}, {entry.at:%Y-%m-%d %H:%M} UTC" if entry.local is not None and entry.zone_source != "utc-given" else f"{entry.at:%H:%M} UTC"
        utc = f"{entry.at:%Y-%m-%dT%H:%M:%SZ}"
        edit = scalar_edit(document, (key,), document.meta[key], utc)
        fix = unsafe(f"set '{key}' to the timeline's {utc}", [edit]) if edit else None
        yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                        f"this entry ({written}) looks like the {MILESTONES[key][0]}, {side} than '{key}' ({times[key]:%Y-%m-%d %H:%M} UTC): correct one of them",
                        fix=fix)


RULE = define(__doc__, "PM307", "timeline-contradicts-frontmatter", "warning", check, fix=Applicability.UNSAFE)
