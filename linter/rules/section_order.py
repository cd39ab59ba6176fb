"""Sections follow no known order (the format's or a known template's).

## What it does
Checks that the known sections follow a known order: the format's (Summary, Impact, Timeline,
Root cause, Contributing factors, What went well, What went wrong, Where we got lucky, Action
items and Lessons learned in either order), or that of the Google SRE, Atlassian or PagerDuty
template or a key-events incident log (see docs/format.md). It is quiet when any of them is followed, and otherwise reports
against the closest one, naming it: once per document, at the first section out of order, with
how many more there are. A `Lessons learned` that wraps What went well / wrong / lucky takes
their place. Sections the format does not know are ignored.

## Why is this bad?
Readers of many postmortems skim them in the same order; a fixed order is what makes a
corpus readable as one body of work.

## Example
```markdown
## Action items
...
## Root cause
...
```

## Use instead
```markdown
## Root cause
...
## Action items
...
```
"""

from linter import formatspec
from linter.rules.base import Violation, define


def check(document, context):
    ordered = [section for section in document.sections if _is_ordered(section)]
    if len(ordered) < 2:
        return
    # Quiet when some known template's order is followed; else report against the order the
    # document comes closest to (the format's own on a tie).
    best = None
    for template, ranks in formatspec.TEMPLATE_ORDERS.items():
        rank = {name: index for index, names in enumerate(ranks) for name in names}
        if any(section.canonical not in rank for section in ordered):
            continue
        found = list(_out_of_order(ordered, rank))
        if not found:
            return
        if best is None or len(found) < len(best[1]):
            best = (template, found)
    if best is None:  # no template holds all of them (unreachable: the format's holds every section)
        return
    # One finding for the document: the order is one decision for the author, not one per heading.
    template, found = best
    (section, before), more = found[0], len(found) - 1
    also = f" ({more} more section{'s' if more > 1 else ''} out of that order)" if more else ""
    yield Violation(section.line, 1, f"'{_heading(section)}' should come before '{_heading(before)}' (line {before.line}) "
                                     f"in {template} order{also}")


def _is_ordered(section) -> bool:
    """Known sections take part, except a wrapper holding others (they stand for it)."""
    if section.canonical is None:
        return False
    return not (section.canonical in formatspec.WRAPPERS and section.wrapped)


def _out_of_order(sections, rank):
    """``(section, the earlier section it should precede)`` for each section out of order."""
    highest = None
    for section in sections:
        if highest is not None and rank[section.canonical] < rank[highest.canonical]:
            yield section, highest
        elif highest is None or rank[section.canonical] > rank[highest.canonical]:
            highest = section


def _heading(section) -> str:
    return f"{'#' * section.level} {section.title}"


RULE = define(__doc__, "PM202", "section-order", "warning", check)
