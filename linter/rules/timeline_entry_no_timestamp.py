"""A timeline entry that does not start with a timestamp.

## What it does
Checks that every timeline entry begins with one of the accepted forms: `HH:MM UTC`,
`HH:MM:SS UTC`, `YYYY-MM-DD HH:MM UTC`, `YYYY-MM-DDTHH:MM[:SS]Z`, or a bare time under a
declared zone (docs/format.md lists every stamp form). Entries that start with a vague time
such as "around 2pm" are reported by `timeline-vague-time`, times marked unknown (`??:??`) by
`timeline-time-unknown`; an entry that gives only its date (the slow phase of a long incident:
a latent bug, an exposure window) is fine. A date-shaped opening that is no real date
(`2026-04-31`, `20202-01-16`) is reported as such, once for the timeline however many entries
repeat it; when the year has one digit too many and the timeline's other dates make the year
plain, the message gives the corrected date. A timeline none of whose entries gives a time or
a date is left to `timeline-missing`.

## Why is this bad?
An entry without a time cannot be ordered, and the gaps between events are the point of a
timeline: they show how long detection, escalation and mitigation took.

## Example
```markdown
- Rolled back the deploy — @alice
```

## Use instead
```markdown
- 03:52 UTC — Rolled back the deploy — @alice
```
"""

from linter.rules.base import Violation, define
from linter.timeline import without_stamps
from linter.timestamps import malformed_date_prefix, parse_date, vague_time_prefix


def check(document, context):
    timeline = document.timeline
    if without_stamps(timeline):
        return  # not one entry is placed in time: timeline-missing reports the timeline once
    zone = document.timeline_zone
    if zone is not None and not zone.is_utc:  # a UTC stamp among local ones would mix zones
        message = f"timeline entry does not start with a time: write one in the timeline's zone ({zone.text}), like '03:15' (or convert the timeline to UTC)"
    else:
        message = "timeline entry does not start with a UTC timestamp like '03:15 UTC' or '2026-04-07 03:15 UTC'"
    malformed = []
    for entry in timeline:
        if entry.time is None and entry.unknown is None and entry.date_only is None and vague_time_prefix(entry.text) is None:
            written = malformed_date_prefix(entry.text)
            if written:
                malformed.append((entry, written))
            else:
                yield Violation(entry.line, document.column_of(entry.line, entry.text[:20]), message)
    if malformed:  # one misspelt date copied down the timeline is one mistake: one finding
        first, written = malformed[0]
        yield Violation(first.line, document.column_of(first.line, written), _malformed_message(document, malformed))


def _malformed_message(document, malformed) -> str:
    first = malformed[0][1]
    count = len(malformed)
    what = f"'{first}' is not a real date" if count == 1 else f"'{first}' and {count - 1} more date{'s' if count > 2 else ''} in this timeline are not real dates"
    fix = _year_fix(document, [written for _, written in malformed])
    if fix is not None:
        year = fix[:4]
        others = "" if count == 1 else f", and the year {year} in the other {count - 1}"
        return f"{what}: the year has one digit too many (the timeline's other dates are in {year}): write '{fix}'{others}"
    return f"{what}: correct {'it' if count == 1 else 'them'} (YYYY-MM-DD)"


def _year_fix(document, written: list[str]) -> str | None:
    """The first date with its year corrected, when every bad date is a five-digit year that drops
    one digit to the one year the timeline's real dates (or the document's date) are in."""
    years = {entry.at.year for entry in document.timeline if entry.at is not None and not entry.date_inferred}
    years |= {entry.date_only.year for entry in document.timeline if entry.date_only is not None}
    day = document.meta.get("date")
    if isinstance(day, str) and parse_date(day) is not None:
        years.add(parse_date(day).year)
    if len(years) != 1:
        return None
    year = str(years.pop())
    for text in written:
        head, _, rest = text.partition("-")
        if len(head) != 5 or not any(head[:i] + head[i + 1:] == year for i in range(5)):
            return None
    first = written[0].partition("-")[2]
    candidate = f"{year}-{first}"
    return candidate if parse_date(candidate) is not None else None


RULE = define(__doc__, "PM302", "timeline-entry-no-timestamp", "error", check)
