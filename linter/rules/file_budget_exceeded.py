"""Checking the file took longer or needed more memory than its per-file budget.

## What it does
Reports a file whose checks used up the per-file budget (`file-budget`: 10 s and 512 MB by
default). The engine stops checking the file, reports this at line 1 with the step that was
running, and goes on with the other files. The file's other findings are not reported, no
comment in it can suppress this one, and the site does not publish it. See docs/security.md.

## Why is this bad?
A pull request must not be able to stall the gate or the site build: a postmortem lints in
about 10 ms, a 1 MiB one in under 2 s.

## Example
A Root cause holding a 900 KB paste of a log.

## Use instead
Link to the logs. On a slow machine, raise the budget: `file-budget = { seconds = 30 }`.
"""

from linter.rules.base import define

# No check of its own: the engine reports it when a file runs over its budget (linter/budget.py).
RULE = define(__doc__, "PM007", "file-budget-exceeded", "error", suppressible=False, blocks_publication=True)
