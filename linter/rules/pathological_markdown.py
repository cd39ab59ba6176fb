"""Markdown that makes the site's Markdown engine take minutes: bracket floods, backtick ladders.

## What it does
Reports text that the site's Markdown engine (Python-Markdown) processes in quadratic or
worse time, long before it would look unusual to a reader:

- a paragraph (or heading, or table cell) with more than 32 `[` or `<` that open nothing —
  no link, image, autolink or HTML — or more than 200 of them in the file;
- a paragraph with more than 16 runs of backticks that close no code span (a "backtick
  ladder": `` ` ``, ` `` `, ` ``` `, …);
- a paragraph longer than 20,000 characters;
- more than 200 headings in the file.

Code spans and code blocks are ignored: put logs and data in fenced code blocks.

## Why is this bad?
Measured on the site's stack, 4,000 unmatched `[` in one paragraph take Python-Markdown 5
seconds and 8,000 take 20; a ladder of 400 backtick runs takes 2 seconds and 800 take 15;
a few kilobytes can hold the site build for hours. The limits are far above anything a
postmortem needs, so the linter can refuse such input before the build sees it.

## Example
```markdown
Raw alert payload: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
```

## Use instead
````markdown
Raw alert payload:

```text
[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
```
````
"""

from __future__ import annotations

import re

from linter.markdown_limits import (
    MAX_HEADINGS,
    MAX_INLINE_CHARS,
    MAX_UNMATCHED_BACKTICK_RUNS,
    MAX_UNMATCHED_BRACKETS,
    MAX_UNMATCHED_BRACKETS_PER_FILE,
)
from linter.rules._inline import parent_text_runs
from linter.rules.base import Violation, define

_BACKTICK_RUN = re.compile(r"`+")


def _line_of(document, token) -> int:
    return token.map[0] + 1 if token.map else document.body_start_line


def _left_as_text(parent) -> tuple[int, int]:
    """``(brackets, backtick runs)`` the parser left as text in one inline token (it consumed
    every other '[', '<' and backtick as a link, tag or code span)."""
    brackets = backticks = 0
    for _parent, _line, text in parent_text_runs(parent, 0):  # counts only: lines unused
        brackets += text.count("[") + text.count("<")
        if "`" in text:
            backticks += len(_BACKTICK_RUN.findall(text))
    return brackets, backticks


def check(document, context):
    found: list[Violation] = []
    too_long: list[Violation] = []
    body = document.body_text
    # Text holds at most the '[', '<' and backticks of the source, plus one per entity ('&').
    entities = body.count("&")
    count_brackets = body.count("[") + body.count("<") + entities > MAX_UNMATCHED_BRACKETS
    total, reported_total = 0, False
    for parent in document.all_inline_tokens():
        content = parent.content
        line = _line_of(document, parent)
        if len(content) > MAX_INLINE_CHARS:
            too_long.append(Violation(line, 1, f"a paragraph of {len(content):,} characters (the limit is {MAX_INLINE_CHARS:,}); "
                                            f"split it, or put logs in a code block"))
        if not count_brackets and content.count("`") + entities <= MAX_UNMATCHED_BACKTICK_RUNS:
            continue  # neither limit can be reached here: skip walking the children
        count, backticks = _left_as_text(parent)
        total += count
        if count > MAX_UNMATCHED_BRACKETS:
            found.append(Violation(line, 1, f"{count} '[' or '<' in one paragraph open no link or tag (the limit is "
                                            f"{MAX_UNMATCHED_BRACKETS}): the site's Markdown engine slows down quadratically; "
                                            f"put such text in a code block"))
        elif total > MAX_UNMATCHED_BRACKETS_PER_FILE and not reported_total:
            found.append(Violation(line, 1, f"more than {MAX_UNMATCHED_BRACKETS_PER_FILE} '[' or '<' in this file open no link "
                                            f"or tag: the site's Markdown engine slows down quadratically; put such text in code blocks"))
        if total > MAX_UNMATCHED_BRACKETS_PER_FILE:
            reported_total = True
        if backticks > MAX_UNMATCHED_BACKTICK_RUNS:
            found.append(Violation(line, 1, f"{backticks} runs of backticks in one paragraph close no code span (the limit "
                                            f"is {MAX_UNMATCHED_BACKTICK_RUNS}): a backtick ladder takes the site's Markdown "
                                            f"engine cubic time; close each code span or use a code block"))
    found.extend(too_long)
    headings = [token for token in document.tokens if token.type == "heading_open"]
    if len(headings) > MAX_HEADINGS:
        found.append(Violation(_line_of(document, headings[MAX_HEADINGS]), 1,
                               f"{len(headings)} headings in one file (the limit is {MAX_HEADINGS}): the site's table of "
                               f"contents slows down quadratically"))
    yield from sorted(found, key=lambda violation: violation.line)


RULE = define(__doc__, "PM804", "pathological-markdown", "error", check, suppressible=False, blocks_publication=True)
