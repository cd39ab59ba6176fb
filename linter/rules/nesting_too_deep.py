"""Lists, blockquotes, admonitions or emphasis nested more than 8 levels deep.

## What it does
Reports the first place where the body nests deeper than 8 levels: lists and blockquotes
inside each other, admonitions (`!!! note`, `??? note`) or list markers indented 32 columns
or more (the site's Markdown engine nests by four columns, and reads some of these as
nesting where the linter's parser sees an indented code block), and emphasis, strikethrough
and links inside each other (`**a *b **c …`). Fenced code blocks are ignored.

## Why is this bad?
The site's Markdown engine (Python-Markdown) takes time that grows with the square of the
nesting, and crashes with `RecursionError` at about 250 nested lists, 330 nested
admonitions or 800 nested emphasis markers: one file stops the whole site build. A
postmortem never needs more than three or four levels; deeper structure is either an
accident of indentation or an attack.

## Example
```markdown
- Detection
  - Alert
    - Threshold
      - Window
        - Source
          - Query
            - Field
              - Unit
                - Note
```

## Use instead
```markdown
- Detection: the `CheckoutCompletionLow` alert, threshold 85% over a 5-minute window.
- Its query reads `checkout.completed / checkout.started` from the orders stream.
```
"""

from __future__ import annotations

import re

from linter.markdown_limits import INDENT_WIDTH, MAX_NESTING, indent_width
from linter.rules.base import Violation, define

_CONTAINERS = {"bullet_list_open": 1, "ordered_list_open": 1, "blockquote_open": 1,
               "bullet_list_close": -1, "ordered_list_close": -1, "blockquote_close": -1}
_INLINE_NESTING = {"em_open", "strong_open", "s_open", "link_open"}
_INLINE_CLOSING = {"em_close", "strong_close", "s_close", "link_close"}
# Lines Python-Markdown may read as a nested block: admonitions, details, lists, quotes.
_NESTING_MARKER = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?|[-*+][ \t]|\d{1,9}[.)][ \t]|>)")
_MARKER_INDENT = INDENT_WIDTH * MAX_NESTING
# A line indented _MARKER_INDENT columns has at least that many columns / INDENT_WIDTH
# whitespace characters (a tab is the widest, INDENT_WIDTH columns) before its marker.
# (Searched in "\n" + the body: a pattern that starts with a literal is searched fast.)
_DEEP_MARKER_LINE = re.compile(r"\n(?=[ \t]{%d})" % (_MARKER_INDENT // INDENT_WIDTH) + _NESTING_MARKER.pattern)


def containers_may_nest_too_deep(document) -> bool:
    """An exact pre-check: a container nested d deep has d - 1 containers around it, each
    adding at least one token level; with no token MAX_NESTING levels deep, none is too deep."""
    return any(token.level >= MAX_NESTING for token in document.tokens)


def _containers(document):
    if not containers_may_nest_too_deep(document):
        return
    depth, reported = 0, False
    for token in document.tokens:
        step = _CONTAINERS.get(token.type, 0)
        depth += step
        if step > 0 and depth > MAX_NESTING and not reported and token.map:
            reported = True
            yield Violation(token.map[0] + 1, document.column_of(token.map[0] + 1, token.markup or ">"),
                            f"lists and blockquotes nest {depth} levels deep here (the limit is {MAX_NESTING}); "
                            f"flatten the structure")
        if depth == 0:
            reported = False


def _indented_markers(document):
    """Admonition and list markers indented past the limit, in text and indented code blocks."""
    if not _DEEP_MARKER_LINE.search("\n" + document.body_text):
        return
    for token in document.tokens:
        if token.type not in ("paragraph_open", "code_block") or not token.map:
            continue
        for line in range(token.map[0] + 1, token.map[1] + 1):
            text = document.line_text(line)
            if indent_width(text) >= _MARKER_INDENT and _NESTING_MARKER.match(text):
                level = indent_width(text) // INDENT_WIDTH + 1
                yield Violation(line, len(text) - len(text.lstrip()) + 1,
                                f"a nested block marker indented {indent_width(text)} columns: the site reads it as "
                                f"{level} levels of nesting (the limit is {MAX_NESTING}); flatten the structure")
                return  # the first place (admonition content is parsed block by block: one token each)


def _inline(document):
    for token in document.all_inline_tokens():
        depth = 0
        for child in token.children or ():
            if child.type in _INLINE_NESTING:
                depth += 1
                if depth > MAX_NESTING:
                    line = token.map[0] + 1 if token.map else document.body_start_line
                    yield Violation(line, document.column_of(line, child.markup or ""),
                                    f"emphasis and links nest more than {MAX_NESTING} levels deep; flatten the markup")
                    break
            elif child.type in _INLINE_CLOSING:
                depth -= 1


def check(document, context):
    found = [*_containers(document), *_indented_markers(document), *_inline(document)]
    yield from sorted(found, key=lambda violation: (violation.line, violation.column))


RULE = define(__doc__, "PM803", "nesting-too-deep", "error", check, suppressible=False, blocks_publication=True)
