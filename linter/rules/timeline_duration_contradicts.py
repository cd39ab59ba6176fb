"""A duration stated in the text that the timeline's own stamps contradict.

## What it does
Looks in the Summary and Impact for a stated length ("the outage lasted 20 minutes",
"a downtime of 3 hours") and compares it with the timeline: from its start entry (or first
entry) to its mitigation, its resolution and its last entry. Only a clear contradiction is
reported: the stated length is less than half or more than twice every one of these, and at
least 30 minutes off.

## Why is this bad?
Readers quote the summary; the reports use the frontmatter; the timeline is the evidence. When
the summary says 20 minutes and the stamps say 81, one of them is wrong.

## Example
```markdown
The outage lasted 20 minutes.
…
- 10:34 UTC — Error rate climbs to 40%
- 11:55 UTC — Rollback completes; errors back to baseline
```

## Use instead
```markdown
The outage lasted 81 minutes (10:34 to 11:55 UTC).
```
"""

import re
from datetime import timedelta

from linter.milestones import milestone_entries
from linter.rules.base import Violation, define

_STATED = re.compile(
    r"\b(?:lasted|lasting|outage of|downtime of|disruption of|down for|unavailable for|for a total of|"
    r"total (?:duration|downtime) (?:of|was))\s+(?:about |around |approximately |roughly |nearly |almost |~)?"
    r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>minutes?|mins?|hours?|hrs?)\b",
    re.I,
)
_FAR = timedelta(minutes=30)


def check(document, context):
    timed = [entry for entry in document.timeline if entry.at is not None]
    if len(timed) < 2:
        return
    named = milestone_entries(document)
    start = named["started_at"].at if "started_at" in named else timed[0].at
    spans = [entry.at - start for entry in (named.get("mitigated_at"), named.get("resolved_at"), timed[-1]) if entry is not None]
    spans = sorted({span for span in spans if span > timedelta(0)})
    if not spans:
        return
    for name in ("Summary", "Impact"):
        section = document.section(name)
        for line, text in section.prose() if section is not None else ():
            for match in _STATED.finditer(text):
                number = float(match["number"])
                stated = timedelta(hours=number) if match["unit"].lower().startswith("h") else timedelta(minutes=number)
                if all((stated * 2 < span or stated > span * 2) and abs(stated - span) >= _FAR for span in spans):
                    shown = ", ".join(f"{span.total_seconds() / 60:.0f}" for span in spans)
                    yield Violation(line, document.column_of(line, match.group(0)),
                                    f"'{match.group(0)}' does not match the timeline, whose stamps give {shown} minutes: correct the text or the stamps")


RULE = define(__doc__, "PM310", "timeline-duration-contradicts", "warning", check)
