"""Timeline entries out of time order.

## What it does
Checks that each entry is at or after the one before it, comparing the UTC instants (times in
a declared or written zone are converted first). A bare `HH:MM` takes its date from the last
full date above it (an entry, a date heading or line, or the frontmatter `date`); a bare time
earlier than the one before, less than 12 hours after it across midnight (`00:40` after
`23:00`), is read on the next day, and reported so that its date is written (the message gives
it). Entries whose time is unknown (`??:??`) or that give only a date are left out of the
comparison. After a finding the check goes on from that entry, so one mistyped time is one
finding. An entry that writes its day (`[03-26 02:50]` after `[03-26 23:04]`) is reported
without a suggestion, since the entries after it may show the earlier one is the typo.

With `--unsafe-fixes`, `postmortem lint --fix` puts a timeline list of one-line entries in
time order (a stable sort), when the moved entries read the same times.

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


from linter.fixes import Applicability, Deferred, replace_lines, unsafe
from linter.rules.base import Violation, define


def check(document, context):
    previous_line, previous_at = 0, None
    for entry in document.timeline:
        if entry.at is None:
            continue
        if entry.rolled_over:
            # The model read "00:40" after "23:00" on the next day: right for the cross-checks, but
            # a reader should not have to guess it, so the date is still asked for.
            shown = entry.local or entry.at
            zone = "" if entry.local is not None else " UTC"
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"'{entry.time.text}' is earlier than the entry before it (line {previous_line}) and gives no date: "
                            f"read as the next day; if it is, write its date: '{shown:%Y-%m-%d %H:%M}{zone}'")
        elif previous_at is not None and entry.at < previous_at:
            # One late typo ("13:19" for "03:19") is one finding: the check goes on from this entry.
            # An entry that writes its day ("[03-26 02:50]" after "[03-26 23:04]") gets no suggestion:
            # the entries after it may show the earlier one is the typo.
            yield Violation(entry.line, document.column_of(entry.line, entry.time.text),
                            f"entry at {entry.at:%Y-%m-%d %H:%M} UTC comes after one at {previous_at:%Y-%m-%d %H:%M} UTC (line {previous_line})",
                            fix=Deferred(Applicability.UNSAFE, lambda: _sorted(document)))
        previous_line, previous_at = entry.line, entry.at


def _sorted(document):
    """The timeline's list in time order (stable), when it is one list of one-line items that
    all have their time, and the entries read the same times once moved (a bare time takes its
    day from the entries above it): unsafe, as an out-of-order entry may be a typo, not a move."""
    return document.memo("timeline-order-fix", _build_sorted)


def _build_sorted(document):
    from linter.fix_apply import document_after

    entries = document.timeline
    first = entries[0].line if entries else 0
    if (not entries or any(entry.kind != "item" or entry.at is None or entry.rolled_over for entry in entries)
            or [entry.line for entry in entries] != list(range(first, first + len(entries)))):
        return None
    ordered = sorted(entries, key=lambda entry: entry.at)
    edit = replace_lines(first, first + len(entries) - 1, [document.line_text(entry.line) for entry in ordered])
    after = document_after(document, [edit])
    if after is None or [entry.at for entry in after.timeline] != [entry.at for entry in ordered]:
        return None
    return unsafe("put the timeline's entries in time order", [edit])


RULE = define(__doc__, "PM305", "timeline-out-of-order", "error", check, fix=Applicability.UNSAFE)
