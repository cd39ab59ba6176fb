r"""A frontmatter value holding a control character (NUL, ESC, C0/C1) or a bidi override.

## What it does
Reports frontmatter text — a title, a service, a tag, any string value, nested ones too —
that holds a C0 or C1 control character (NUL, ESC, backspace, carriage return, U+0080 to
U+009F) or a bidirectional control (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F,
U+061C). YAML writes them as escapes in double-quoted strings (`"\e[2J"`, `"\u202e"`), so they
are easy to miss in review. Tabs and line breaks are fine.

## Why is this bad?
These characters are invisible or steer what a reader sees: an ESC sequence rewrites a
terminal that prints the title, a bidi override shows `gpj.exe` as `exe.jpg` and reorders a
title in the index and the browser tab, a NUL cuts the value short in other tools. The site
strips them from every value it shows, so the page would not say what the file says.

## Example
```yaml
title: "Checkout errors \u202eafter pricing update"
services: ["checkout\e[31m"]
```

## Use instead
```yaml
title: Checkout errors after pricing update
services: [checkout]
```
"""

from __future__ import annotations

from linter.control_chars import describe, first_unwanted
from linter.rules._frontmatter_values import string_values
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def check(document, context):
    for path, line, column, value in string_values(document.frontmatter):
        index = first_unwanted(value)
        if index is not None:
            shown = ".".join(str(part) for part in path)
            yield Violation(line, column, f"frontmatter value '{safe_excerpt(shown, 40)}' holds {describe(value[index])}: "
                                          f"'{safe_excerpt(value, 60)}'; remove it (values are one line of visible text)")


RULE = define(__doc__, "PM109", "frontmatter-control-character", "error", check)
