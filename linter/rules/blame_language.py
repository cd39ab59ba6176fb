"""Language that makes a person the cause ("human error", "forgot to", "@bob should have checked").

## What it does
Finds two kinds of blame in the prose. Phrases that judge whoever they are about: "human
error", "should have known", "careless", "forgot to", "dropped the ball", "in an act of
laziness", "it is up to the user to be vigilant". And judgements or counterfactuals whose
subject is a person — a handle (`@dana`), a name the document gives a person (an author, the
incident commander, an action item owner), "he", "she", "you", or a role noun ("the
developer", "the on-call", "a 2i2c engineer", "one of the reviewers"): "should have posted",
"failed to check", "did not alert others", "neglected", "misjudged", "made a mistake",
"@dana's mistake", "was careless".

The same verbs with a system as their subject are fine ("the script should have checked",
"the alert failed to fire", "the reflector failed to notice"), and so is a neutral account of
what a person did ("the engineer deleted the namespace", "@bob rolled back"). "We" and "I" are
not judged: a team owning its account ("we failed to verify") is what a blameless postmortem
asks for. Negated or quoted uses ("this was not human error") are fine. Text in code spans is
ignored. Extra phrases can be added with `blame-phrases`.

## Why is this bad?
Postmortems are blameless so that people tell the whole story. Blame also ends the analysis
too early: "the engineer should have run the migration" stops where the useful question starts
— why could a deploy go out without its migration?

## Example
```markdown
The outage was caused by human error: the on-call engineer failed to check that
@dana had run the migration.
```

## Use instead
```markdown
The deploy pipeline does not check for pending migrations, so release 4.2 went out
without migration 0042 and every write to `orders` failed.
```
"""

import re
from bisect import bisect_right

from linter import phrases
from linter.prefilter import prefilter
from linter.rules.base import Violation, define

_PERSON_ADVICE = "say what the system allowed or lacked (which check, alert or guard was missing), not what the person should have done"
_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z][a-z]{2,})\b")


def _people(document) -> frozenset[str]:
    """Lower-cased names the document gives people: plain-name authors, commander and owners, handles."""
    values = []
    for key in ("authors", "incident_commander"):
        value = document.meta.get(key)
        values.extend(value if isinstance(value, list) else [value])
    values.extend(item.get("owner") for item in document.action_items)
    names = set()
    for value in values:
        if isinstance(value, str):
            text = value.strip()
            if _NAME.fullmatch(text):
                names.add(text.lower())
                names.update(word.lower() for word in re.split(r"[ -]", text))
            names.update(handle.lower() for handle in _HANDLE.findall(text))
    names.update(handle.lower() for handle in _HANDLE.findall(document.body_text))
    return frozenset(names)


def check(document, context):
    blame = phrases.compile_phrases(phrases.BLAME, tuple(context.config.blame_phrases))
    judgements = phrases.compile_phrases(phrases.JUDGEMENTS, ())
    prose_lines = [prose for section in document.sections for prose in section.prose()]
    texts = [prose.text for prose in prose_lines]
    # Exact pre-checks over all lines pick the few the regexes must read (most files: none).
    blamed = set(prefilter(blame).candidates(texts))
    judged = set(prefilter(judgements).candidates(texts))
    people = _people(document) if judged else frozenset()
    for index in sorted(blamed | judged):
        prose = prose_lines[index]
        found = phrases.find_phrases(blame, prose.text) if index in blamed else []
        for match in found:
            column = document.column_of(prose.line, match.group(0))
            yield Violation(prose.line, column, f"blaming language '{match.group(0)}': describe the mechanism and the missing safeguard, not the person")
        if index not in judged:
            continue
        found_ends = [match.end() for match in found]  # increasing: finditer's matches do not overlap
        for start, end in phrases.person_judgements(prose.text, people):
            after = bisect_right(found_ends, start)  # the first phrase that ends after the span starts
            if after < len(found) and found[after].start() < end:
                continue  # one finding for "@dana forgot to": the phrase already says it
            phrase = prose.text[start:end]
            yield Violation(prose.line, document.column_of(prose.line, phrase), f"'{phrase}' judges a person: {_PERSON_ADVICE}")


RULE = define(__doc__, "PM501", "blame-language", "warning", check)
