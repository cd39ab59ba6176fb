"""A five-whys chain that is too shallow, repeats itself, holds two chains, or ends at a person.

## What it does
Reads the `Five whys` list of the Root cause section (after a `Five whys` heading or bold
label) step by step, each step `Why …? Answer`, and reports, each once, at the step:

- **too shallow**: fewer than three steps;
- **restates itself**: a step's answer shares most of its words with the answer before it (the
  same claim in other words);
- **two chains in one**: a step's question asks about something the step before did not answer
  (no word of the previous step, and no "it"/"this"/"they" pointing back at it), as when a
  chain about the cause turns to "why did CI pass?";
- **ends at a person**: the last answer is a person or role (an engineer, the on-call, `@handle`,
  "human error").

Words are compared by a crude stem (the first five letters), so `evicted` and `eviction` are
one word; the heuristics are documented in `linter/five_whys.py`.

## Why is this bad?
Five whys are worth the time when each answer is asked about in turn, down to a cause the team
can change. A chain of two stops at the symptom; a step that restates the one before adds a
line, not depth; a chain that jumps to another question mixes two causes, so neither is
followed to its end; a chain that ends at a person has stopped one why early, at the point
where the system let a person's mistake through.

## Example
```markdown
**Five whys**

1. Why did payments fail? Writes went to a read-only replica.
2. Why did CI pass? The failover test does not run in CI.
3. Why? Because the on-call engineer forgot to move the DNS record.
```

## Use instead
```markdown
**Five whys**

1. Why did payments fail? Writes went to a read-only replica.
2. Why to a replica? The primary's DNS name still pointed to the former primary.
3. Why did the name still point there? The failover callback's Route 53 call was denied by IAM.
4. Why was it denied? A cleanup removed permissions unused for 90 days; failovers are rarer.
```
"""

import re

from linter.five_whys import five_whys, terms
from linter.rules.base import Violation, define

MIN_STEPS = 3
RESTATES = 0.6  # share of the two answers' words in common (Jaccard) that makes a restatement
_POINTS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them|so|there)\b", re.IGNORECASE)
_PERSON = re.compile(
    r"^\W*(?:because\s+)?(?:(?:the|an?|our|one|their)\s+)?(?:[\w-]+\s+)?"
    r"(?:engineers?|developers?|on-?call(?:\s+engineers?)?|operators?|admins?|administrators?|sres?|reviewers?|"
    r"interns?|someone|somebody|a person|humans?|@[\w./-]+)\b"
    r"|\bhuman errors?\b|\boperator errors?\b", re.IGNORECASE)


def _words(words) -> str:
    return ", ".join(f"'{word}'" for word in list(words)[:3])


def check(document, context):
    steps = five_whys(document)
    if not steps:
        return
    if len(steps) < MIN_STEPS:
        yield Violation(steps[0].line, 1, f"the five whys stop after {len(steps)} step{'s' if len(steps) != 1 else ''}: "
                                          "keep asking why until the answer is something the team can change (three to five steps)")
    for number, (before, step) in enumerate(zip(steps, steps[1:]), start=2):
        shared = before.answer_words & step.answer_words
        either = before.answer_words | step.answer_words
        if either and len(shared) / len(either) >= RESTATES:
            words = [word for stem, word in terms(step.answer).items() if stem in shared]
            yield Violation(step.line, 1, f"step {number}'s answer restates step {number - 1}'s ({_words(words)}): "
                                          "ask why that claim is true instead of saying it again")
            continue
        asked = terms(step.question)
        if asked and not asked.keys() & (before.answer_words | before.question_words) and not _POINTS_BACK.search(step.question):
            yield Violation(step.line, 1, f"step {number} asks about {_words(asked.values())}, which step {number - 1} did not "
                                          "answer: that is a second chain (one cause per chain); give it a list of its own")
    last = steps[-1]
    if _PERSON.search(last.answer):
        yield Violation(last.line, 1, "the chain ends at a person: ask once more why the system let that happen "
                                      "(a check, a default, a missing guard); that answer is the one to fix")


RULE = define(__doc__, "PM604", "five-whys-chain", "warning", check)
