"""A required section is missing.

## What it does
Checks that every required section is present: by default `Summary`, `Impact`, `Timeline`,
`Root cause`, `Contributing factors`, `What went well`, `What went wrong` and `Action items`.
The headings of the Google SRE, Atlassian and PagerDuty templates and common variants are
accepted (`Root Causes`, `Five whys`, `Overview`, `Follow-ups`, `What didn't go so well?`, …; see
docs/format.md), at the level the document writes its sections, and What went well / What went
wrong may be `###` headings under `## Lessons learned`; a `Contributing factors` section stands
for `What went wrong` (it says what went wrong). The message names the headings it looked
for. A section written under a heading the format does not know is still missing: rename the
heading. The list can be changed with `required-sections`.

With `--unsafe-fixes`, `postmortem lint --fix` inserts the section with the template's hint,
before the section that follows it in the format's order.

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
from linter.fixes import Applicability, Deferred, append_after_last_line, insert_before_line, unsafe
from linter.rules.base import Violation, define


_SHOWN_ALIASES = 4  # the message names the first few accepted headings, not all of them


def check(document, context):
    if document.read_error or not document.lines:
        return
    present = {section.canonical for section in document.sections}
    order = formatspec.SECTION_ORDER
    level = _section_level(document)
    for name in context.config.required_sections:
        if name in present or any(other in present for other in formatspec.STANDS_FOR.get(name, ())):
            continue
        # Point at where it belongs: the first present section that should come after it.
        after = [s for s in document.sections if s.canonical in order and order.index(s.canonical) > order.index(name)]
        line = after[0].line if after else len(document.lines)
        yield Violation(line, 1, f"required section '{'#' * level} {name}' is missing: {_looked_for(name, level)}",
                        fix=Deferred(Applicability.UNSAFE, lambda name=name: _insertion(document, name, level)))


def _insertion(document, name: str, level: int):
    """The section with the template's hint, before the first top-level section that follows it
    in the format's order (at the end when none does): unsafe, as the author writes its content.
    Offered when the file then reads it as that section (not in a frontmatter never closed)."""
    from linter.fix_apply import document_after

    order = formatspec.SECTION_ORDER
    following = [s for s in document.sections if s.parent is None and s.canonical in order
                 and order.index(s.canonical) > order.index(name)]
    block = f"{'#' * level} {name}\n\n<!-- {formatspec.section_hint(name)} -->\n"
    if following:
        edit = insert_before_line(following[0].line, block + "\n")
    else:
        last = document.line_text(len(document.lines))
        edit = append_after_last_line(document, ("\n" if last.strip() else "") + block)
    after = document_after(document, [edit])
    if after is None or after.section(name) is None:
        return None
    return unsafe(f"add the section '{name}' with the template's hint", [edit])


def _section_level(document) -> int:
    """The level the document writes its sections at (most of them), 2 when it has none."""
    levels = [section.level for section in document.sections if section.parent is None]
    return max(set(levels), key=levels.count) if levels else 2


def _looked_for(name: str, level: int) -> str:
    """What the rule looked for: the accepted headings (the first few), and the wrapper's place."""
    aliases = [alias for alias in formatspec.accepted_headings(name) if alias.lower() != name.lower()]
    shown = ", ".join(repr(alias) for alias in aliases[:_SHOWN_ALIASES])
    more = f" or {len(aliases) - _SHOWN_ALIASES} more" if len(aliases) > _SHOWN_ALIASES else ""
    found = f"no heading named '{name}'" + (f" (or {shown}{more})" if aliases else "")
    wrappers = [wrapper for wrapper, held in formatspec.WRAPPERS.items() if name in held]
    if wrappers:
        found += f", at this level or as '{'#' * (level + 1)} {name}' under '{'#' * level} {wrappers[0]}'"
    return found


RULE = define(__doc__, "PM201", "section-missing", "error", check, fix=Applicability.UNSAFE)
