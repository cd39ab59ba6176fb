"""A postmortem under review repeats earlier incidents: the same root cause on a service they share.

## What it does
For each postmortem still under review (`status: draft` or `in-review`, see the option), finds
the earlier postmortems with the same `root_cause_category` that share a service with it (the
repeat the pattern reports count), names them, and lists the action items of the most recent
one that are still open, with how far past due they are. It is a **note**: it never fails the
gate, even with `--strict`; it puts the history in front of the reviewers before the pull
request merges.

## Why is this bad?
The same root cause on the same service again is the signal a postmortem practice exists to
catch. The earlier incident's action items were meant to prevent this one: when one of them is
still open, the review should ask why, and when all are done, why they did not hold. Found in
the quarterly report instead, the question comes months after anyone can still answer it.

## Example
A draft about checkout's config, while `PM-2025-010` (config, checkout) has an open item:

```yaml
id: PM-2026-031
status: in-review
services: [checkout]
root_cause_category: config
```

```text
note: repeats 1 earlier config incident on checkout: PM-2025-010 (2025-06-02). Still open
from PM-2025-010: "Validate promo configs in CI" (@maria, due 2025-07-01: 155 days overdue).
```

## Use instead
Answer it in the postmortem: link the earlier incident in `related`, say in the root cause
why its fix did not prevent this one, and make this postmortem's action items close the gap
(or take over the open one). The note stays while the postmortem is under review: it is for
the reviewers, not a defect of the file.
"""

from __future__ import annotations

from linter.rules.base import Option, Violation, define
from linter.safe_text import safe_excerpt
from linter.timestamps import parse_date

NAME = "repeat-incident"
STATUSES = Option("statuses", ["draft", "in-review"], "the statuses of a postmortem under review, which the note is for")
_LISTED_INCIDENTS = 3  # most recent first; the rest are counted
_LISTED_ITEMS = 3


def check_corpus(summaries, targets, context):
    under_review = set(context.option(NAME, "statuses"))
    reviewed = [s for s in summaries if s.path in targets and s.status in under_review and s.category and s.services and s.date]
    if not reviewed:
        return
    by_category: dict[str, list] = {}
    for summary in summaries:
        if summary.category and summary.services and summary.date:
            by_category.setdefault(summary.category[0], []).append(summary)
    for summary in reviewed:
        category, line, column = summary.category
        services = set(summary.services)
        earlier = sorted((other for other in by_category[category]
                          if other is not summary and _order(other) < _order(summary) and services & set(other.services)),
                         key=_order, reverse=True)
        if earlier:
            yield summary.path, Violation(line, column, _message(summary, category, earlier, context.today))


def _order(summary) -> tuple[str, str]:
    """Earlier means an earlier date, then a smaller id (as the repeat report orders them)."""
    return (summary.date, summary.id or "")


def _message(summary, category: str, earlier: list, today) -> str:
    shared = sorted(set(summary.services) & {service for other in earlier for service in other.services})
    listed = ", ".join(f"{_name(other)} ({other.date})" for other in earlier[:_LISTED_INCIDENTS])
    more = f" and {len(earlier) - _LISTED_INCIDENTS} more" if len(earlier) > _LISTED_INCIDENTS else ""
    count = len(earlier)
    head = (f"repeats {count} earlier {safe_excerpt(category, 40)} incident{'s' if count != 1 else ''} on "
            f"{', '.join(safe_excerpt(service, 40) for service in shared)}: {listed}{more}.")
    return f"{head} {_open_items(earlier[0], today)}".rstrip()


def _name(summary) -> str:
    return safe_excerpt(summary.id or summary.path, 60)


def _open_items(previous, today) -> str:
    """What the most recent earlier incident left open: its items were meant to prevent this one."""
    digest = previous.action_items
    if digest is None:  # a file this run did not parse: read it now (only the few a postmortem repeats)
        from linter.corpus import action_item_digest
        from linter.document import read_document

        document = read_document(previous.path, previous.path)
        if document.read_error:
            return ""
        digest = action_item_digest(document)
    total, still_open = digest
    name = _name(previous)
    if not total:
        return f"{name} lists no action items."
    if not still_open:
        return (f"{name}'s {total} action item{'s are' if total != 1 else ' is'} done: "
                f"say why they did not prevent this one.")
    shown = "; ".join(_item(*item, today) for item in still_open[:_LISTED_ITEMS])
    more = f"; and {len(still_open) - _LISTED_ITEMS} more" if len(still_open) > _LISTED_ITEMS else ""
    return f"Still open from {name}: {shown}{more}."


def _item(action: str, owner: str, due: str, today) -> str:
    text = f'"{safe_excerpt(action, 80)}"'
    details = [safe_excerpt(owner, 40)] if owner else []
    parsed = parse_date(due.strip())
    if parsed is not None:
        late = (today - parsed).days
        details.append(f"due {parsed.isoformat()}" + (f": {late} day{'s' if late != 1 else ''} overdue" if late > 0 else ""))
    return text + (f" ({', '.join(details)})" if details else "")


RULE = define(__doc__, "PM705", NAME, "note", check_corpus=check_corpus, options=(STATUSES,))
