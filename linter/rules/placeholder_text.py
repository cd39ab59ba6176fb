"""Template placeholder text left in the postmortem.

## What it does
Finds `TODO`, `TBD`, `FIXME`, bracketed template fields (`[Title]`, `[Service name]`, `[Describe
the impact]`), `X users`, `N minutes`, `$X`, `YYYY-MM-DD` and `HH:MM` in the body and in
frontmatter values. Text inside code spans and code blocks is ignored, so you can write about a
`TODO` in the code; a one-word tag such as `[Internal]` or `[Resolved]` quoted from a status
update is not a placeholder.

## Why is this bad?
A placeholder is a fact that nobody filled in. Published, it reads as carelessness and the
missing number is exactly the one the next reader needed.

## Example
```markdown
About X users could not check out for TBD minutes.
```

## Use instead
```markdown
3,214 users could not check out for 42 minutes (03:17–03:59 UTC).
```
"""

import re

from linter.prefilter import prefilter
from linter.rules._frontmatter_values import string_values
from linter.rules.base import Violation, define

_FIELD_WORDS = ("Title", "Name", "Date", "Time", "Service", "Team", "Owner", "Link", "URL", "Description",
                "Summary", "Details", "Product", "Component", "Customer", "Amount", "Ticket", "System",
                "Region", "Placeholder")
_PLACEHOLDER = re.compile(
    r"\b(TODO|TBD|TBC|FIXME|XXX)\b"
    # a bracketed template field: several words, or one of the words templates use alone
    r"|\[(?:[A-Z][A-Za-z/-]*(?: [A-Za-z/-]+){1,6}|" + "|".join(_FIELD_WORDS) + r")\](?!\()"
    r"|\b[XN]\s(users|customers|minutes|hours|requests|orders|tickets|errors|percent|%)"
    r"|\$X\b|\bYYYY-MM-DD\b|\bHH:MM\b|\blorem ipsum\b",
)


def _skipped_cells(document) -> set[tuple[int, str]]:
    """Owner, due and priority cells are checked by the action-item rules; don't report twice.
    A status ("**TODO**", "DONE") is the item's state, not a placeholder."""
    skipped = set()
    for item in document.action_items:
        for name in ("owner", "due", "priority", "status"):
            cell = item.fields.get(name)
            if cell:
                skipped.add((cell.line, cell.text.strip()))
    return skipped


def check(document, context):
    # One exact pre-check over all values, then over all lines, picks the few the regex must read.
    values = list(string_values(document.frontmatter))
    for index in prefilter(_PLACEHOLDER).candidates([value for *_, value in values]):
        path, line, column, value = values[index]
        match = _PLACEHOLDER.search(value)
        if match:
            yield Violation(line, column, f"placeholder '{match.group(0)}' in '{'.'.join(map(str, path))}': replace it with the real value")
    skipped = None
    prose_lines = document.prose
    for index in prefilter(_PLACEHOLDER).candidates([prose.text for prose in prose_lines]):
        prose = prose_lines[index]
        seen: dict[str, int] = {}
        for match in _PLACEHOLDER.finditer(prose.text):
            if skipped is None:
                skipped = _skipped_cells(document)
            if (prose.line, prose.text.strip()) in skipped or (prose.line, match.group(0)) in skipped:
                continue
            nth = seen[match.group(0)] = seen.get(match.group(0), -1) + 1
            column = _column_outside_code(document.line_text(prose.line), match.group(0), nth)
            yield Violation(prose.line, column, f"placeholder '{match.group(0)}' left in the text: replace it with the real content")


def _column_outside_code(line: str, needle: str, nth: int) -> int:
    """1-based column of the ``nth`` occurrence of ``needle`` outside code spans (prose has none)."""
    found = -1
    position = line.find(needle)
    while position >= 0:
        if line.count("`", 0, position) % 2 == 0:
            found += 1
            if found == nth:
                return position + 1
        position = line.find(needle, position + 1)
    return len(line) - len(line.lstrip()) + 1


RULE = define(__doc__, "PM204", "placeholder-text", "error", check)
