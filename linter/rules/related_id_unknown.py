"""A `related` id that no postmortem in the corpus has.

## What it does
Checks that every id listed in `related` is the id of a postmortem in the corpus (all the
files linted together, or the configured `paths` when only changed files are linted).

## Why is this bad?
Related incidents are how a reader follows a repeat failure back to its first occurrence. A
typo in an id is a dead link on the site and a missing edge in the repeat-incident report.

## Example
```yaml
related: [PM-2025-07]
```

## Use instead
```yaml
related: [PM-2025-007]
```
"""

from linter.rules.base import Violation, define
from linter.suggest import did_you_mean


def check_corpus(summaries, targets, context):
    known = sorted({summary.id for summary in summaries if summary.id})
    known_set = set(known)
    suggestions: dict[str, str] = {}
    for summary in summaries:
        if summary.path not in targets:
            continue  # only files being linted pay for 'did you mean'
        for identifier, line, column in summary.related:
            if identifier == summary.id:
                yield summary.path, Violation(line, column, f"'related' lists this postmortem's own id {identifier}")
            elif identifier not in known_set:
                if identifier not in suggestions:  # a removed postmortem is often referred to by many
                    # Suggest among ids of the same year: difflib over a 10,000-id corpus is slow.
                    same_year = [known_id for known_id in known if known_id[:8] == identifier[:8]] or known
                    suggestions[identifier] = did_you_mean(identifier, same_year)
                yield summary.path, Violation(line, column, f"related id {identifier} is not the id of any postmortem{suggestions[identifier]}")


RULE = define(__doc__, "PM702", "related-id-unknown", "error", check_corpus=check_corpus)
