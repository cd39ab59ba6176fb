"""The Impact section gives no numbers.

## What it does
Checks that the `Impact` section contains at least one number (users, minutes, requests,
money, tickets, error budget), and reports vague quantities ("many users", "some customers",
"significant") when no number follows them. An explicit zero counts as a number: "no
customer-facing impact", "no impact to ordinary users", "no data was lost", "none of our users
were affected", "zero failed orders" (a near miss). "No customers could pay" is not a zero: it
is an outage with no figure.

## Why is this bad?
"Significant impact" cannot be compared with the next incident, cannot justify a severity,
and cannot be added up at the quarterly review. Numbers over adjectives.

## Example
```markdown
## Impact
Many customers were unable to check out for a significant period.
```

## Use instead
```markdown
## Impact
- 3,214 customers saw checkout errors for 42 minutes (03:17–03:59 UTC).
- 1,108 orders failed, about $86,000 in delayed revenue; 212 support tickets.
```
"""

import re

from linter.rules.base import Violation, define

_VAGUE_QUANTITY = re.compile(
    r"\b(many|some|several|a (lot|number|few) of|lots of|numerous|a handful of|most|significant(ly)?|substantial|massive|huge|large numbers? of)\b",
    re.IGNORECASE,
)


# A near miss states its impact as zero; that is a number too. Only a zero of the impact
# itself: "no customers could check out" is a total outage, not a zero.
_COUNTED = r"(?:customers?|users?|clients?|tenants?|accounts?|requests?|orders?|payments?|data|jobs?|builds?|records?|messages?|events?|files?)"
_ZERO = re.compile(
    r"\bzero\b"
    r"|\bno (?:(?:customer|user|client|external|end[- ]user|visible|noticeable|direct|actual)[- ](?:facing |visible )?)?impact\b"
    r"|\bno (?:\w+ ){0,2}" + _COUNTED + r" (?:was |were |has been |have been |got )?(?:affected|lost|impacted|dropped|corrupted|exposed|leaked)\b"
    r"|\bnone of (?:our|the) (?:\w+ ){0,2}" + _COUNTED + r" (?:was |were )?(?:affected|impacted)\b"
    r"|\b(?:nobody|no one|no-one) (?:was |were )?(?:affected|impacted|noticed|used it)\b"
    r"|\b" + _COUNTED + r" (?:was|were) not (?:affected|impacted|lost)\b"
    r"|\bno data loss\b|\bwithout (?:any )?(?:data loss|user impact|customer impact)\b",
    re.IGNORECASE,
)


def check(document, context):
    section = document.section("Impact")
    if section is None or section.is_empty:
        return
    prose = section.prose()
    if any(any(char.isdigit() for char in line.text) or _ZERO.search(line.text) for line in prose):
        return
    vague = next(((line, match) for line in prose for match in [_VAGUE_QUANTITY.search(line.text)] if match), None)
    if vague:
        line, match = vague
        yield Violation(line.line, document.column_of(line.line, match.group(0)), f"'{match.group(0)}' instead of a number: give users affected, minutes, failed requests, money or tickets")
    else:
        yield Violation(section.line, 1, "the impact has no numbers: give users affected, minutes, failed requests, money or tickets")


RULE = define(__doc__, "PM502", "impact-without-numbers", "warning", check)
