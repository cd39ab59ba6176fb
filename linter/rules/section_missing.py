"""A required section is missing.

## What it does
Checks that every required level-2 section is present: by default `Summary`, `Impact`,
`Timeline`, `Root cause`, `Contributing factors`, `What went well`, `What went wrong` and
`Action items` (the aliases of the format are accepted, e.g. `Why` for `Root cause`). The
list can be changed with `required-sections`.

## Why is this bad?
Each section answers a question readers come with. A postmortem without `Contributing
factors` hides the detection and response gaps the pattern reports count; one without
`Action items` changes nothing.

## Example
```markdown
## Summary
...
## Timeline
...
```

## Use instead
```markdown
## Summary
...
## Impact
...
## Timeline
...
```
"""

from linter import formatspec
from linter.rules.base import Violation, define


def check(document, context):
    if document.read_error or not document.lines:
        return
    present = {section.canonical for section in document.sections}
    order = formatspec.SECTION_ORDER
    for name in context.config.required_sections:
        if name in present:
            continue
        # Point at where it belongs: the first present section that should come after it.
        after = [s for s in document.sections if s.canonical in order and order.index(s.canonical) > order.index(name)]
        line = after[0].line if after else len(document.lines)
        aliases = [alias for alias in formatspec.SECTIONS[name][1:]]
        accepted = f" (or {', '.join(repr(a.capitalize()) for a in aliases)})" if aliases else ""
        yield Violation(line, 1, f"required section '## {name}'{accepted} is missing")


RULE = define(__doc__, "PM201", "section-missing", "error", check)
