"""The file name does not follow `YYYY-MM-DD-short-slug.md` with the incident's date.

## What it does
Checks that the file is named after the day the incident started (the frontmatter `date`)
followed by a short lower-case slug.

## Why is this bad?
File names are how people find postmortems in the repository and in review: sorted by name,
they are sorted by date, and the slug says what happened before the file is opened.

## Example
`postmortems/checkout-outage-final-v2.md`

## Use instead
`postmortems/2026/2026-04-07-checkout-errors-after-pricing-update.md`
"""

import os
import re

from linter.rules.base import Violation, define

_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.md\Z")


def check(document, context):
    if document.read_error:
        return
    name = os.path.basename(document.path)
    match = _NAME.match(name)
    if not match:
        yield Violation(1, 1, f"file name '{name}' should be YYYY-MM-DD-short-slug.md (lower-case words joined by hyphens)")
        return
    day = document.meta.get("date")
    if isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and day != match.group(1):
        yield Violation(document.frontmatter.line_of("date"), 1, f"file name starts with {match.group(1)} but 'date' is {day}")


RULE = define(__doc__, "PM108", "file-name", "warning", check)
