"""Language that makes a person the cause ("human error", "forgot to", "X caused the outage").

## What it does
Finds blaming phrases in the prose: "human error", "should have known", "careless",
"forgot to", "failed to notice", "@alice caused the outage", "the engineer's mistake".
Naming people as actors ("03:20 UTC — @alice rolls back") is fine, and so are negated or
quoted uses ("this was not human error"). Text in code spans is ignored. Extra phrases can be
added with `blame-phrases`.

## Why is this bad?
Postmortems are blameless so that people tell the whole story. Blame also ends the analysis
too early: "the engineer forgot to run the migration" stops where the useful question starts
— why could a deploy go out without its migration?

## Example
```markdown
The outage was caused by human error: @dana forgot to run the migration.
```

## Use instead
```markdown
The deploy pipeline does not check for pending migrations, so release 4.2 went out
without migration 0042 and every write to `orders` failed.
```
"""

from linter import phrases
from linter.prefilter import prefilter
from linter.rules.base import Violation, define


def check(document, context):
    pattern = phrases.compile_phrases(phrases.BLAME, tuple(context.config.blame_phrases))
    prose_lines = [prose for section in document.sections for prose in section.prose()]
    # One exact pre-check over all lines picks the few the regex must read (most files: none).
    for index in prefilter(pattern).candidates([prose.text for prose in prose_lines]):
        prose = prose_lines[index]
        for match in phrases.find_phrases(pattern, prose.text):
            column = document.column_of(prose.line, match.group(0))
            yield Violation(prose.line, column, f"blaming language '{match.group(0)}': describe the mechanism and the missing safeguard, not the person")


RULE = define(__doc__, "PM501", "blame-language", "warning", check)
