"""The summary runs longer than three sentences.

## What it does
Counts the sentences of the `Summary` section and reports more than three (`max-sentences`).
Four sentences that together are no longer than three usually are (75 words, `word-budget`)
are let through: one short sentence over is not worth a comment. An abbreviation's full stop (`e.g.`, `v. 2.0`) ends no
sentence.

## Why is this bad?
The summary is what the index, search results and the quarterly review show. Readers decide
from it whether this is the incident they are looking for: what happened, for how long, who
was affected. The detail belongs in the sections below.

## Example
```markdown
## Summary
On April 7 we deployed a new pricing model. It had been evaluated offline. It returned
prices in cents. Checkout interpreted them as dollars. Completion fell. We rolled back.
```

## Use instead
```markdown
## Summary
From 03:15 to 03:59 UTC on 2026-04-07, checkout rejected 21% of orders because a pricing
model update returned prices in cents. 3,214 customers were affected; rolling back the
model ended it.
```
"""

import re

from linter.rules.base import Option, Violation, define

# Abbreviations whose full stop ends no sentence ("approx. 1 in 5", "e.g. PM-2026-014").
_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "approx", "ca", "cf", "incl", "esp", "mr", "mrs", "dr", "a.m", "p.m", "v", "ver", "no")
# A sentence ends at . ! or ? followed by the end or by a word that does not start in lower case
# (so "v4.2", "99.5%" and "e.g. the" are no sentence ends, but "at 03:59. Then" is).
# The punctuation comes first and each abbreviation is checked behind it (together with it):
# the same matches as checking the abbreviations before it, but the regex engine can skip
# ahead to the next . ! or ? instead of trying fourteen look-behinds at every character.
_SENTENCE_END = re.compile(
    r"[.!?]" + "".join(rf"(?<!\b(?i:{re.escape(abbreviation)})[.!?])" for abbreviation in _ABBREVIATIONS) + r"(?=\s+[^a-z\s]|\s*$)"
)
NAME = "summary-too-long"
MAX_SENTENCES = Option("max-sentences", 3, "sentences a summary may have", minimum=1)
WORD_BUDGET = Option("word-budget", 75, "words within which one sentence more is let through (0: never)", minimum=0)


def check(document, context):
    section = document.section("Summary")
    if section is None:
        return
    text = " ".join(line.text for line in section.prose())
    sentences = len(_SENTENCE_END.findall(text.strip()))
    if text.strip() and not _SENTENCE_END.search(text.strip()[-1:] + " "):
        sentences += 1  # a last sentence without a full stop
    words = len(text.split())
    most, budget = context.option(NAME, "max-sentences"), context.option(NAME, "word-budget")
    if sentences > most + 1 or (sentences > most and (words > budget or not budget)):
        yield Violation(section.line, 1, f"the summary has {sentences} sentences ({words} words); keep it to {most}: what happened, for how long, who was affected")


RULE = define(__doc__, "PM205", NAME, "warning", check, options=(MAX_SENTENCES, WORD_BUDGET))
