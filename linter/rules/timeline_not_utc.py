"""A timeline time in a local zone, an offset, a 12-hour clock or without a zone.

## What it does
Checks that each timeline timestamp is in UTC: `03:15 UTC`, `2026-04-07T03:15Z`. Times in
`PST`, `CET`, `+02:00`, `2:15 PM`, and bare `03:15` are reported. A bare `03:15` is accepted
when the section heading itself says UTC (`## Timeline (UTC)`), or the header of a timeline
table does (`| Time (UTC) | Event |`).

## Why is this bad?
Incidents cross teams and time zones; a timeline in someone's local time is misread by
everyone else, and mixed zones make the order of events wrong.

## Example
```markdown
- 8:15 PM PST — Alert fires
```

## Use instead
```markdown
- 2026-04-08 04:15 UTC — Alert fires
```
"""

from linter.rules.base import Violation, define


def check(document, context):
    section = document.section("Timeline")
    heading_says_utc = section is not None and ("utc" in section.title.lower() or _table_header_says_utc(section))
    for entry in document.timeline:
        time = entry.time
        if time is None:
            continue
        column = document.column_of(entry.line, time.text)
        if time.twelve_hour:
            yield Violation(entry.line, column, f"'{time.text}' uses a 12-hour clock: write 24-hour UTC time such as '14:15 UTC'")
        elif time.zone is None:
            if not heading_says_utc:
                yield Violation(entry.line, column, f"'{time.text}' has no zone: write '{time.text} UTC' (or title the section 'Timeline (UTC)')")
        elif not time.is_utc:
            yield Violation(entry.line, column, f"'{time.text}' is not UTC: convert it and write the time with 'UTC'")


def _table_header_says_utc(section) -> bool:
    """A timeline table whose header names the zone (``| Time (UTC) | Event |``) makes bare times UTC."""
    in_head = False
    for token in section.tokens():
        if token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif in_head and token.type == "inline" and "utc" in token.content.lower():
            return True
    return False


RULE = define(__doc__, "PM303", "timeline-not-utc", "error", check)
