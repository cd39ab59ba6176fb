"""A code fence that the site's Markdown engine does not read as a code block.

## What it does
Reports a code fence (three or more backticks or tildes) that the linter's parser and the site's
Markdown engine read differently: a fence that is never closed, one closed by a fence of
another length (four backticks after three), a block with a line indented less than
its fence, a fence on the line of a list marker, and an info string other than a language
(`text alert payload` after the fence). The linter then checks the text behind such a fence the way
the site shows it: as Markdown, with its links, HTML and nesting.

## Why is this bad?
The linter's parser (CommonMark) reads everything after an unclosed fence as code, to the end
of the file; the site's engine (Python-Markdown with `pymdownx.superfences`) reads a fence
only when it is closed by the same fence, and shows everything else as Markdown. Text behind
such a fence was never checked by the gate, and it is what the site publishes: a page of
prose that should have been a log, and, in a hostile file, script links or markup that stops
the build. The site refuses to publish a file with this finding.

## Example
```markdown
Raw alert payload:

~~~text
{"alert": "CheckoutCompletionLow", "value": 0.79}
```

## Use instead
```markdown
Raw alert payload:

~~~text
{"alert": "CheckoutCompletionLow", "value": 0.79}
~~~
```
"""

from __future__ import annotations

from linter.rules.base import Violation, define


def check(document, context):
    for problem in document.fence_problems:
        yield Violation(problem.line, problem.column, problem.reason)


RULE = define(__doc__, "PM806", "unclosed-code-fence", "error", check, suppressible=False, blocks_publication=True)
