"""A postmortem still unreviewed or unpublished days after its incident was resolved.

## What it does
For a postmortem whose `status` is `draft` or `in-review`, compares the days since
`resolved_at` with the team's deadlines: a draft is due for review `review-days` after the
resolution (default 2), and the postmortem due for publication `publish-days` after it
(default 5). Reports once, at `status`, the deadline that passed. The date it judges at is
"today" as the reports see it: `--today`, else `SOURCE_DATE_EPOCH`, else `today` in
`[tool.postmortem.reports]`, else the current UTC date; so the same file can pass today and be
reported next week, which is the point. Published postmortems and drafts without a
`resolved_at` are not checked.

## Why is this bad?
A postmortem is worth most while the incident is fresh: the timeline can still be checked
against chat and paging logs, and the people involved remember why they did what they did.
The usual practice is a reviewed draft within two days and a published postmortem within a
week; one that stays a draft for months is usually never finished, and its action items are
never tracked.

## Example
```yaml
status: draft
resolved_at: "2026-03-02T11:40:00Z"   # judged on 2026-03-20: 18 days, a draft
```

## Use instead
```yaml
status: published                      # reviewed and published within the week
resolved_at: "2026-03-02T11:40:00Z"
```
"""

from linter import deadlines
from linter.deadlines import missed_deadline
from linter.lifecycle import lifecycle
from linter.rules.base import Option, Violation, define

NAME = "postmortem-deadline"
REVIEW_DAYS = Option("review-days", deadlines.REVIEW_DAYS, "days after `resolved_at` by which a draft is reviewed (status `in-review`)", minimum=0)
LONG_AGO_DAYS = 365  # past this, the draft is most likely history brought in by `postmortem import`
PUBLISH_DAYS = Option("publish-days", deadlines.PUBLISH_DAYS, "days after `resolved_at` by which the postmortem is published", minimum=0)


def check(document, context):
    status = document.meta.get("status")
    resolved = lifecycle(document.meta).get("resolved_at")
    if resolved is None or status not in deadlines.WAITING:
        return  # before reading today: a published postmortem's result holds on any date (the lint cache)
    review_days, publish_days = context.option(NAME, REVIEW_DAYS.key), context.option(NAME, PUBLISH_DAYS.key)
    today = context.today
    missed = missed_deadline(status, resolved.date(), today, review_days, publish_days)
    if missed is None:
        return
    since = f"{missed.days} days after the incident was resolved ({resolved:%Y-%m-%d}; judged at {today:%Y-%m-%d})"
    line, column = document.frontmatter.location_of_value("status")
    if missed.deadline == "publish" and missed.days > LONG_AGO_DAYS:
        yield Violation(line, column, f"still '{status}' {since}: if it was reviewed long ago (an imported "
                                      "postmortem), say so with status: published; else finish the review and publish it")
    elif missed.deadline == "publish":
        yield Violation(line, column, f"still '{status}' {since}: publish it within {publish_days} days of the "
                                      "resolution (status: published), or finish the review that holds it")
    else:
        yield Violation(line, column, f"still a draft {since}: a draft is due for review within {review_days} days "
                                      f"(status: in-review) and publication within {publish_days}")


RULE = define(__doc__, "PM603", NAME, "warning", check, options=(REVIEW_DAYS, PUBLISH_DAYS))
