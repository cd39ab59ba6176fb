"""Two postmortems share an id.

## What it does
Checks that every `id` is unique across the corpus, and reports the duplicate in every file
that has it, naming the others.

## Why is this bad?
Ids are how incidents are linked (`related`), cited in reviews and tickets, and addressed on
the site. Two files with one id make links ambiguous and one of the pages unreachable.
Usually a copied postmortem whose id was not updated: `postmortem new` picks the next free id.

## Example
`2026-04-07-checkout-errors.md` and `2026-05-02-search-latency.md` both with `id: PM-2026-014`.

## Use instead
Give the newer file the next free id of its year, e.g. `id: PM-2026-015`.
"""

from collections import defaultdict

from linter.rules.base import Violation, define


def check_corpus(summaries, targets, context):
    by_id = defaultdict(list)
    for summary in summaries:
        if summary.id:
            by_id[summary.id].append(summary)
    for identifier, holders in by_id.items():
        if len(holders) < 2:
            continue
        for summary in holders:
            if summary.path not in targets:
                continue
            others = ", ".join(other.path for other in holders if other is not summary)
            yield summary.path, Violation(summary.id_line, summary.id_column, f"id {identifier} is also used by {others}")


RULE = define(__doc__, "PM701", "duplicate-id", "error", check_corpus=check_corpus)
