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
from linter.suggest import NearSpellings


def check_corpus(summaries, targets, context):
    known = {summary.id for summary in summaries if summary.id}
    spellings: NearSpellings | None = None  # built at the first unknown id
    suggestions: dict[str, str] = {}
    for summary in summaries:
        if summary.path not in targets:
            continue  # only files being linted pay for 'did you mean'
        for identifier, line, column in summary.related:
            if identifier == summary.id:
                yield summary.path, Violation(line, column, f"'related' lists this postmortem's own id {identifier}")
            elif identifier not in known:
                if identifier not in suggestions:  # a removed postmortem is often referred to by many
                    spellings = spellings or NearSpellings(known)
                    suggestions[identifier] = spellings.did_you_mean(identifier)
                yield summary.path, Violation(line, column, f"related id {identifier} is not the id of any postmortem{suggestions[identifier]}")


RULE = define(__doc__, "PM702", "related-id-unknown", "error", check_corpus=check_corpus, checks_references=True)
