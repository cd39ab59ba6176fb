"""Template placeholder text left in the postmortem.

## What it does
Finds `TODO`, `TBD`, `FIXME`, bracketed template fields (`[Title]`, `[Service name]`, `[Describe
the impact]`, `[link to github issue]`, `[Name to fill in …]`), unrendered template variables
(`{{ summary }}`), `<insert …>` fields, `X users`, `N minutes`, `$X`, `YYYY-MM-DD` and `HH:MM` in
the body and in frontmatter values. Text inside code spans and code blocks is ignored, so you can
write about a `TODO` in the code. Bracketed words are a field only when they name one or tell the
author what to write: a tag quoted from an alert or a status update (`[No Data]`, `[Resolved]`),
a filled-in name (`[Jane Doe]`), a link's text and a `[x]` checkbox are not placeholders. A
status cell of an action-item table (`TODO`, `**TODO**`, `DONE`) is a status, not a placeholder.

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
# A bracketed text of several words is a template field when it names a field or tells the
# author what to write ("[Service name]", "[link to github issue]", "[Name to fill in later]");
# other bracketed words are a quoted tag or a filled-in value ("[No Data]" alert, "[Jane Doe]").
_FIELD_MARKERS = frozenset(word.lower() for word in _FIELD_WORDS) | frozenset({
    "describe", "insert", "add", "fill", "enter", "write", "list", "explain", "summarize", "summarise",
    "here", "your", "tbd", "todo", "e.g", "etc", "names", "dates", "times", "links", "urls", "issue", "pr",
})
_INSERT_FIELD = r"<(?:[Ii]nsert|[Aa]dd|[Dd]escribe|[Ee]nter|[Ff]ill in)\b[^<>\n]{0,80}>"
_PLACEHOLDER = re.compile(
    r"\b(TODO|TBD|TBC|FIXME|XXX)\b"
    # a bracketed template field: one of the words templates use alone, or several words (checked
    # by _is_field); never a link's text (followed by its URL)
    r"|\[(?:" + "|".join(_FIELD_WORDS) + r")\]"
    r"|\[(?P<words>[A-Za-z][\w/'.-]*(?: [\w/'.-]+){1,8}(?: ?(?:…|\.\.\.))?)\](?!\()"
    r"|\{\{ ?[\w .|-]{1,60}\}\}"  # a template variable left unrendered: {{ summary }}
    r"|" + _INSERT_FIELD +  # <insert the date>: HTML to the parser in the body, text in frontmatter values
    r"|\b[XN]\s(users|customers|minutes|hours|requests|orders|tickets|errors|percent|%)"
    r"|\$X\b|\bYYYY-MM-DD\b|\bHH:MM\b|\blorem ipsum\b",
)
# "<insert the date>" is HTML to the parser: it is looked for in the HTML the prose leaves out.
_HTML_FIELD = re.compile(_INSERT_FIELD)


_WHOLE_PLACEHOLDER = re.compile(r"@?(?:TODO|TBD|TBC|FIXME|XXX)")


def is_placeholder_value(value) -> bool:
    """A frontmatter value that is only a placeholder (``TODO``, ``@TODO``): this rule reports it,
    so the schema rules need not report it again as an invalid value."""
    return isinstance(value, str) and _WHOLE_PLACEHOLDER.fullmatch(value.strip()) is not None


def _placeholders(text: str):
    """The placeholders in a text: the pattern's matches, a bracket of several words only when
    they make a template field."""
    for match in _PLACEHOLDER.finditer(text):
        words = match.group("words")
        if words is None or _is_field(words):
            yield match


def _is_field(words: str) -> bool:
    return words.endswith(("…", "...")) or any(word.strip("/'.-").lower() in _FIELD_MARKERS for word in words.split())


def _skipped_cells(document) -> set[tuple[int, str]]:
    """Owner, due and priority cells are checked by the action-item rules, and a status cell
    (``TODO``, ``**TODO**``) is a status, not a placeholder: don't report them."""
    skipped = set()
    for item in document.action_items:
        for name in ("owner", "due", "priority", "status"):
            cell = item.fields.get(name)
            if cell:
                skipped.add((cell.line, cell.text.strip()))
                skipped.add((cell.line, cell.text.strip().strip("*_` ")))
    return skipped


def check(document, context):
    # One exact pre-check over all values, then over all lines, picks the few the regex must read.
    values = list(string_values(document.frontmatter))
    for index in prefilter(_PLACEHOLDER).candidates([value for *_, value in values]):
        path, line, column, value = values[index]
        match = next(_placeholders(value), None)
        if match:
            yield Violation(line, column, f"placeholder '{match.group(0)}' in '{'.'.join(map(str, path))}': replace it with the real value")
    skipped = None
    prose_lines = document.prose
    for index in prefilter(_PLACEHOLDER).candidates([prose.text for prose in prose_lines]):
        prose = prose_lines[index]
        seen: dict[str, int] = {}
        columns: dict[str, list[int]] = {}
        for match in _placeholders(prose.text):
            if skipped is None:
                skipped = _skipped_cells(document)
            if (prose.line, prose.text.strip()) in skipped or (prose.line, match.group(0)) in skipped:
                continue
            nth = seen[match.group(0)] = seen.get(match.group(0), -1) + 1
            column = _column_outside_code(document.line_text(prose.line), match.group(0), nth, columns)
            yield Violation(prose.line, column, f"placeholder '{match.group(0)}' left in the text: replace it with the real content")
    yield from _html_fields(document)


def _html_fields(document):
    """``<insert …>`` fields, which the parser reads as HTML (inline or a block of its own)."""
    if "<" not in document.body_text or not _HTML_FIELD.search(document.body_text):
        return
    for token in document.tokens:
        if token.type == "html_block" and token.map:
            pieces = [(token.map[0] + 1 + offset, text) for offset, text in enumerate(token.content.split("\n"))]
        elif token.type == "inline" and token.map and "<" in token.content:
            pieces = [(token.map[0] + 1, child.content) for child in token.children or () if child.type == "html_inline"]
        else:
            continue
        for line, text in pieces:
            for match in _HTML_FIELD.finditer(text):
                column = document.column_of(line, match.group(0))
                yield Violation(line, column, f"placeholder '{match.group(0)}' left in the text: replace it with the real content")


def _column_outside_code(line: str, needle: str, nth: int, found: dict[str, list[int]]) -> int:
    """1-based column of the ``nth`` occurrence of ``needle`` outside code spans (prose has none).

    ``found`` keeps the occurrences of each needle on this line, found in one pass with a
    running count of backticks: asking again for every match (``lorem ipsum`` repeated along
    a long line) rescanned the line from its start, which was cubic in its length."""
    columns = found.get(needle)
    if columns is None:
        columns = found[needle] = []
        backticks, counted_to = 0, 0
        position = line.find(needle)
        while position >= 0:
            backticks += line.count("`", counted_to, position)
            counted_to = position
            if backticks % 2 == 0:
                columns.append(position + 1)
            position = line.find(needle, position + 1)
    if nth < len(columns):
        return columns[nth]
    return len(line) - len(line.lstrip()) + 1


RULE = define(__doc__, "PM204", "placeholder-text", "error", check)
