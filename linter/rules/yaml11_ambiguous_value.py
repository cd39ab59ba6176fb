"""An unquoted frontmatter value that YAML 1.1 tools read differently.

## What it does
The linter reads frontmatter with YAML 1.2 rules. This rule reports every plain (unquoted)
value or key that a YAML 1.1 reader (PyYAML, and so MkDocs) would read as something else:
`14:03` (the integer 843), `no`/`yes`/`on`/`off` (booleans), `0755` (the octal 493).

`postmortem lint --fix` quotes the value (`"14:03"`), the rest of the line as written.

## Why is this bad?
The same file means different things to different tools: the site shows `843` where the
author wrote `14:03`, a title of `No` becomes `False`, an `on:` key becomes `True:`.

## Example
```yaml
title: No
window: 14:03
```

## Use instead
```yaml
title: "No"
window: "14:03"
```
"""

from linter.rules._loader_problems import loader_violations
from linter.fixes import Applicability
from linter.rules.base import define


def check(document, context):
    yield from loader_violations(document, "yaml11")


RULE = define(__doc__, "PM106", "yaml11-ambiguous-value", "error", check, fix=Applicability.SAFE)
