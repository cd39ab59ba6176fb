"""Markdown that the site's engine renders differently from how the linter read it.

## What it does
Reports constructs that the linter's parser (markdown-it, CommonMark) and the site's Markdown
engine (Python-Markdown) read apart, where the site cannot simply be made to follow the
linter:

- Markdown inside a raw HTML block such as `<details>`: the site shows it as written (a list
  stays `- item`, a code span keeps its backticks) and the linter checks it as HTML;
- a heading inside a list item or a block quote that the site reads as a paragraph (list
  content needs four spaces of indentation per level there);
- an underlined (setext) heading over several lines, indented, or inside a list;
- a table right after a line of text inside a list item or a quote.

At the top level the site follows the linter by itself: an indented `## ` heading and a table
right after a line of text are published as the linter read them.

## Why is this bad?
The gate judged one document and the site publishes another: a section the linter found is a
line of text on the page, a table it checked is a paragraph of pipes. The safety rules read
the site's version (HTML blocks are scanned whole), so this is about what readers see.

## Example
```markdown
<details>
<summary>Alert payload</summary>

- threshold: 85%
- window: 5 minutes

</details>
```

## Use instead
```markdown
??? note "Alert payload"

    - threshold: 85%
    - window: 5 minutes
```
"""

from __future__ import annotations

from linter.rules.base import Violation, define


def check(document, context):
    for found in document.ambiguities:
        yield Violation(found.line, found.column, found.message)


RULE = define(__doc__, "PM807", "ambiguous-markdown", "warning", check, suppressible=False)
