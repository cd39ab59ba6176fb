"""When a postmortem is late: the one judgement PM603 and the report's deadline section share.

A postmortem with status ``draft`` or ``in-review`` and a ``resolved_at`` is late for
publication ``publish_days`` after the resolution, and a draft is late for review
``review_days`` after it. Publication is the later, stronger deadline, so it is the one said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WAITING = ("draft", "in-review")
# The defaults of PM603's options, here so the reports read them without loading every rule.
REVIEW_DAYS = 2
PUBLISH_DAYS = 5


@dataclass(frozen=True)
class Missed:
    deadline: str  # "review" or "publish"
    days: int  # since the resolution
    allowed: int  # the deadline, in days after the resolution


def missed_deadline(status: object, resolved: date | None, today: date, review_days: int, publish_days: int) -> Missed | None:
    if status not in WAITING or resolved is None:
        return None
    days = (today - resolved).days
    if days > publish_days:
        return Missed("publish", days, publish_days)
    if status == "draft" and days > review_days:
        return Missed("review", days, review_days)
    return None
