"""Timeline times that are not UTC: a local zone, an offset, a 12-hour clock, or no zone at all.

## What it does
Reads each timeline time in its zone: its own (`10:34 CEST`), or the one the timeline declares
in its heading (`## Timeline (PDT)`), a note line right under the heading (`All times UTC.`),
a table header (`| Time (UTC) |`) or the `timezone:` frontmatter key. A UTC declaration is
clean. A local declaration is one finding, at the declaration, with the exact UTC conversion
(IANA rules, daylight saving time by the entry's date); an ambiguous abbreviation such as
`CST` or `IST` is reported as ambiguous. An entry in a zone of its own is reported with its UTC
form; 12-hour clocks are reported with the 24-hour form (in a timeline declared in a local
zone, in the declaration's one finding: convert them to 24-hour UTC). Bare times in a timeline that declares
no zone are one finding, at the first of them. A timeline with no time in it (dates and links
only) needs no zone.
When an entry under a local declaration quotes a UTC time (a pasted alert: "Violation started
… at 4:42PM UTC") the same minutes past the hour as its own time but whole hours from its
conversion, the declaration is likely wrong: the finding says so instead of giving a
conversion that would make every time wrong.

`postmortem lint --fix` converts the times of a declared zone (or an entry's own) to UTC and
makes the declaration UTC, keeping each entry's text, and writes 12-hour times on a 24-hour
clock. With `--unsafe-fixes` it adds 'All times UTC.' to a timeline of bare times, and with
`--zone` it converts an ambiguous zone (`CST`, `IST`) as the zone given.

## Why is this bad?
Incidents cross teams and time zones; a timeline in someone's local time is misread by
everyone else, and mixed zones make the order of events wrong.

## Example
```markdown
## Timeline

All times in PDT.

- 8:15 PM — Alert fires
```

## Use instead
```markdown
## Timeline

All times UTC.

- 2026-04-08 03:15 — Alert fires
```
"""

from datetime import datetime, timezone

from linter.fixes import Applicability
from linter.rules.base import Violation, define
from linter.quoted_utc import quoted_utc_conflict
from linter.timeline_fixes import declaration_fix, own_zone_fix, twelve_hour_fix, utc_note_fix
from linter.timestamps import malformed_date_prefix
from linter.zones import ABBREVIATION_OFFSETS, offset_text


def check(document, context):
    fix_zone = getattr(context, "fix_zone", None)  # a check may be given a bare context (tests)
    zone = document.timeline_zone
    timed = [entry for entry in document.timeline if entry.time is not None]
    # A zone matters only to times: a timeline of dates and links declares it for nothing.
    local_declaration = zone is not None and not zone.is_utc and bool(
        timed or any(malformed_date_prefix(entry.text) for entry in document.timeline))
    bare, twelve, folded = [], [], []
    for entry in timed:
        time = entry.time
        own = entry.zone if entry.zone_source == "entry" else None
        if entry.zone_source == "utc-given":
            continue  # 13:14 EDT (17:14 UTC): read by its UTC time (timeline-dual-time-mismatch checks them)
        if own is not None and not own.is_utc and not (zone is not None and own.name == zone.name and own.known):
            yield Violation(entry.line, document.column_of(entry.line, time.text), _own_zone_message(entry),
                            fix=own_zone_fix(document, entry, fix_zone))
        elif entry.zone_source is None:
            bare.append(entry)
        elif time.twelve_hour:
            # In the declared local zone, the declaration's finding (convert to UTC) covers the clock too.
            (folded if local_declaration and entry.zone is not None and not entry.zone.is_utc else twelve).append(entry)
    if local_declaration:
        declared = [entry for entry in timed if entry.zone_source == "declared"]
        conflict = quoted_utc_conflict(document.timeline) if zone.known else None
        if conflict is not None:
            yield Violation(zone.line, zone.column, _conflict_message(zone, conflict))
        else:
            yield Violation(zone.line, zone.column, _declaration_message(zone, declared, folded),
                            fix=declaration_fix(document, zone, fix_zone))
    if bare:
        yield Violation(bare[0].line, document.column_of(bare[0].line, bare[0].time.text), _bare_message(bare),
                        fix=utc_note_fix(document))
    if twelve:
        yield Violation(twelve[0].line, document.column_of(twelve[0].line, twelve[0].time.text), _twelve_hour_message(twelve),
                        fix=twelve_hour_fix(document, twelve))


def _conflict_message(zone, conflict) -> str:
    entry = conflict.entry
    return (f"the timeline says {zone.describe()}, but the entry '{entry.time.text}' (line {entry.line}) quotes "
            f"'{conflict.quoted}', {abs(conflict.hours)} hour{'s' if abs(conflict.hours) != 1 else ''} from its time "
            f"converted from {zone.text}: check the timeline's zone, then write the times in UTC and say 'All times UTC.'")


def _utc_form(entry) -> str:
    """The entry's UTC time, with its date when the date was written or the conversion changed it."""
    at = entry.at
    if entry.local is not None and entry.local.date() != at.date() or not entry.date_inferred:
        return f"{at:%Y-%m-%d %H:%M} UTC"
    return f"{at:%H:%M} UTC"


def _offsets(entries) -> list[str]:
    seen: list[str] = []
    for entry in entries:
        if entry.at is not None and entry.local is not None:
            offset = entry.local.replace(tzinfo=timezone.utc) - entry.at
            text = offset_text(entry.at.astimezone(timezone(offset)))
            if text not in seen:
                seen.append(text)
    return seen


def _declaration_message(zone, entries, twelve=()) -> str:
    if twelve:  # the times to convert are also on a 12-hour clock: one finding says both
        return _declaration_text(zone, list(twelve) + [entry for entry in entries if entry not in twelve], _clock_note(twelve))
    return _declaration_text(zone, entries, "")


def _clock_note(twelve) -> str:
    count = len(twelve)
    return f" ({'one uses' if count == 1 else f'{count} use'} a 12-hour clock)"


def _declaration_text(zone, entries, clock: str) -> str:
    """The declaration's finding; ``clock`` notes the 12-hour times, converted to 24-hour UTC in
    the example (``entries`` then starts with one of them)."""
    to = " to 24-hour UTC" if clock else ""
    utc = "24-hour UTC" if clock else "UTC"
    if zone.ambiguous:
        first = entries[0] if clock else None
        note = f"; '{first.time.text}' is {first.time.hour24:02d}:{first.time.minute:02d} on a 24-hour clock" if first else ""
        return (f"the timeline's zone {zone.describe()} cannot be converted to UTC{clock}: name it exactly "
                f"(an IANA name such as `timezone: Asia/Kolkata`) or write the times in {utc} with a note 'All times UTC.'{note}")
    if not zone.known:
        first = entries[0] if clock else None
        note = f"; '{first.time.text}' is {first.time.hour24:02d}:{first.time.minute:02d} on a 24-hour clock" if first else ""
        return (f"the timeline's zone '{zone.text}' is not a zone this linter knows{clock}: write the times in {utc} "
                f"with a note 'All times UTC.', or give an IANA name (`timezone: America/Los_Angeles`){note}")
    example = next((entry for entry in entries if entry.at is not None and entry.local is not None), None)
    if example is None and zone.tz is not None and zone.name.startswith("UTC"):
        # A fixed offset needs no date to convert by.
        first = next((entry for entry in entries), None)
        if first is None:
            shift = f"subtract {zone.name[4:]}" if zone.name[3] == "+" else f"add {zone.name[4:]}"
            return f"the timeline is in {zone.describe()}, not UTC: write its times in UTC ({shift}) and say 'All times UTC.'"
        local = datetime(2000, 1, 2, first.time.hour24, first.time.minute)
        at = local.replace(tzinfo=zone.tz).astimezone(timezone.utc)
        day = " the day before" if at.date() < local.date() else " the next day" if at.date() > local.date() else ""
        return f"the timeline is in {zone.describe()}, not UTC{clock}: convert its times{to}, e.g. '{first.time.text}' is {at:%H:%M} UTC{day}, and say 'All times UTC.'"
    if example is None:
        return (f"the timeline is in {zone.describe()}, not UTC{clock}, and gives no date to convert by (the offset depends on "
                f"daylight saving time): write the times in {utc} with their date, and a note 'All times UTC.'")
    offsets = _offsets(entries)
    if zone.name.startswith("UTC"):
        return f"the timeline is in {zone.describe()}, not UTC{clock}: convert its times{to}, e.g. {_example(example)}, and say 'All times UTC.'"
    inner = f"; {clock[2:-1]}" if clock else ""  # one parenthesis: "(UTC-08:00 on its dates; 11 use a 12-hour clock)"
    return (f"the timeline is in {zone.describe()}, not UTC ({' or '.join(offsets)} on its dates{_season_note(zone, offsets)}{inner}): "
            f"convert its times{to}, e.g. {_example(example)}, and say 'All times UTC.'")


def _season_note(zone, offsets: list[str]) -> str:
    """"PST" written on summer dates: converted as the local clock (PDT); say so, as the author
    may have meant the abbreviation's own offset."""
    written = ABBREVIATION_OFFSETS.get(zone.text.upper())
    if written is None or written in offsets:
        return ""
    return f"; read as the local clock, though '{zone.text}' alone means {written}"


def _example(entry) -> str:
    """"'4:49 AM' on 2019-01-23 is 12:49 UTC": the conversion of one entry, as exact as its date allows."""
    on = f" on {entry.local:%Y-%m-%d}" if entry.date_inferred and entry.local is not None else ""
    return f"'{entry.time.text}'{on} is {_utc_form(entry)}"


def _own_zone_message(entry) -> str:
    time, zone = entry.time, entry.zone
    if zone.ambiguous:
        return f"'{time.text}': {zone.describe()} cannot be converted to UTC: write the time in UTC"
    if entry.at is None:
        return f"'{time.text}' is not UTC, and without its date the UTC offset is unknown: write the date and the time in UTC"
    return f"{_example(entry)}: write it in UTC"


def _bare_message(entries) -> str:
    count = len(entries)
    what = "this timeline time has" if count == 1 else f"{count} timeline times have"
    twelve = next((entry for entry in entries if entry.time.twelve_hour), None)
    clock = f"; write them on a 24-hour clock ('{twelve.time.text}' is {twelve.time.hour24:02d}:{twelve.time.minute:02d})" if twelve else ""
    return (f"{what} no zone and the timeline declares none: if they are UTC, add the note 'All times UTC.' under "
            f"the heading; if not, convert them to UTC (or name their zone there, e.g. 'All times in PDT.'){clock}")


def _twelve_hour_message(entries) -> str:
    first = entries[0]
    count = len(entries)
    what = "a time uses" if count == 1 else f"{count} times use"
    if first.at is None:
        return f"{what} a 12-hour clock: write 24-hour UTC times ('{first.time.text}' is {first.time.hour24:02d}:{first.time.minute:02d} in {first.zone.text})"
    return f"{what} a 12-hour clock: write 24-hour UTC times, e.g. {_example(first)}"


RULE = define(__doc__, "PM303", "timeline-not-utc", "error", check, fix=(Applicability.SAFE, Applicability.UNSAFE))
