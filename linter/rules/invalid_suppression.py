"""An inline suppression comment that names no rule or is malformed.

## What it does
Reports a `<!-- postmortem-lint ... -->` comment whose directive is not one of `disable`,
`enable`, `disable-next-line`, `disable-line` or `disable-file`, which names a code, name
or prefix that matches no rule, or which names a safety rule (`PM8xx`).

## Why is this bad?
A misspelt suppression suppresses nothing while its author believes the finding is handled.
The safety rules keep script and build-hanging markup off the published site; the author of
a file must not be able to switch them off from inside it.

## Example
```markdown
<!-- postmortem-lint disable-next-line=PM9999 -->
```

## Use instead
```markdown
<!-- postmortem-lint disable-next-line=PM405 -->
```
"""

from linter.rules.base import define

# The engine reports this rule while reading directives (linter/suppression.py).
RULE = define(__doc__, "PM902", "invalid-suppression", "error")
