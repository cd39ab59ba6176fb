"""A link to a `.md` file that is no postmortem of the corpus.

## What it does
Checks that every relative link to a `.md` file in the body leads to a postmortem of the
corpus (all the files linted together, or the configured `paths` when only changed files are
linted): reports a link to a file that does not exist (a typo, a file deleted or renamed)
and a link to a Markdown file that is not a postmortem (a README, a draft outside
`postmortems/`). Links are resolved as the site resolves them: relative to the file,
percent escapes decoded, an `#anchor` ignored. With `--changed-since`, links in unchanged
files into files the change deleted or renamed are reported too.

## Why is this bad?
The site turns a link to another postmortem's file into a link to its page; a link to any
other `.md` file has no page to lead to, and `mkdocs build --strict` fails on it. A link that
works in the editor and breaks the published site is found in review, not after the merge.

## Example
```markdown
The same cache stampede as [last spring](../2025/2025-04-01-cache-stampede.md).
```
(no such file: it was renamed `2025-04-01-cache-stampede-checkout.md`)

## Use instead
```markdown
The same cache stampede as [last spring](../2025/2025-04-01-cache-stampede-checkout.md).
```
Link to a page that is not a postmortem by its address on the git host or the wiki.
"""

from __future__ import annotations

import os

from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def check_corpus(summaries, targets, context):
    postmortems = {os.path.abspath(summary.path) for summary in summaries}
    for summary in summaries:
        if summary.path not in targets or not summary.links:
            continue
        for link in summary.links:
            if link.target in postmortems:
                continue
            shown = safe_excerpt(link.written, 120)
            if os.path.lexists(link.target):
                problem = (f"links to '{shown}', which is no postmortem of the corpus: the site publishes only "
                           "postmortems, and 'mkdocs build --strict' fails on this link (link to its address on the git host)")
            else:
                problem = f"links to '{shown}', which does not exist; 'mkdocs build --strict' fails on this link"
            yield summary.path, Violation(link.line, link.column, problem)


RULE = define(__doc__, "PM703", "link-target-missing", "error", check_corpus=check_corpus, checks_references=True)
