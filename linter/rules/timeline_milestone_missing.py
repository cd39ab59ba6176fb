"""The timeline does not show a milestone: start, detection, mitigation or resolution.

## What it does
For each of `started_at`, `detected_at`, `mitigated_at` and `resolved_at` (and
`acknowledged_at` when set), looks for a timeline entry at that minute. Without the
frontmatter timestamp (a draft), it looks for an entry whose words mark the milestone
("alert fires", "users reporting errors", "rolled back", "back online", "resolved",
"**Outage ends.**"); a resolution entry also shows the mitigation (the impact had ended by
then). In a draft, a mitigation that says the service is whole again
("service is restored", "back to normal", "all systems operational") also shows the
resolution when no other entry marks one: the incident ended there.

## Why is this bad?
Time to detect and time to mitigate are the numbers the reliability review asks for, and the
timeline is their evidence. A timeline that skips detection hides the detection gap.

## Example
```yaml
detected_at: "2026-04-07T03:19:00Z"
```
```markdown
- 03:15 UTC — Deploy
- 03:52 UTC — Rolled back
```

## Use instead
```markdown
- 03:15 UTC — Deploy
- 03:19 UTC — Alert `CheckoutCompletionLow` pages on-call — PagerDuty
- 03:52 UTC — Rolled back — @alice
```
"""

from linter.lifecycle import lifecycle
from linter.milestones import MILESTONES, entries_at, entries_ending, entries_mentioning
from linter.rules.base import Violation, define

REQUIRED = ("started_at", "detected_at", "mitigated_at", "resolved_at")


def check(document, context):
    timeline = document.timeline
    if not any(entry.at for entry in timeline):
        return  # no usable timeline: timeline-missing / timeline-entry-no-timestamp report it
    section = document.section("Timeline")
    times = lifecycle(document.meta)
    for key, (label, _) in MILESTONES.items():
        if key in times:
            if not entries_at(timeline, times[key]):
                yield Violation(section.line, 1, f"the timeline has no entry at {key} ({times[key]:%Y-%m-%d %H:%M} UTC): add the {label} event")
        elif key in REQUIRED and not _shown(timeline, key):
            yield Violation(section.line, 1, f"the timeline shows no {label}: add the entry, with its UTC time")


def _shown(timeline, key: str) -> bool:
    if key == "resolved_at":
        return bool(entries_ending(timeline))
    if key == "mitigated_at" and entries_mentioning(timeline, "resolved_at"):
        return True  # resolved shows mitigated: the impact had ended by then at the latest
    return bool(entries_mentioning(timeline, key))


RULE = define(__doc__, "PM306", "timeline-milestone-missing", "warning", check)
