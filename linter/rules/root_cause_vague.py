"""A root cause that names no mechanism ("a bug in the new image; rolling back fixed it").

## What it does
Reports a `Root cause` section that never says *what* failed: no code span or code block, no
identifier, path, flag or technical name (`nolock`, `ProwJobNamespace`, NFS), and no failure
mode (expired, quota, timeout, evicted, mismatch, stale cache, race condition, permission
denied…), when it either rests on a vague cause ("human error", "a bug", "an issue with the
config", "the model misbehaved", "something went wrong", "for some reason", "the cause is
unknown", "rolling back fixed it") or is too short to explain anything (under 12 words).

Length is not the test: a long paragraph of "the service had problems after the release" is
reported, and one line that names the mechanism ("the 0.3.1 image dropped the NFS mount option
`nolock`, so every home directory mount hung") is fine. Numbers alone (users, minutes, versions)
are not a mechanism: they say how bad, not why.

## Why is this bad?
"A bug" is where the analysis starts, not where it ends. A root cause names the mechanism —
which code path, which config value, which input, which model behaviour — so that the action
items can target it and the pattern reports can group incidents with the same one. For
model failures, name both terminals: the deterministic one (what let the output through) and
the stochastic one (what the model did).

## Example
```markdown
## Root cause
A bug in the new pricing image; rolling back fixed it.
```

## Use instead
```markdown
## Root cause
Pricing model v42 returns prices in cents for 11% of SKUs (stochastic terminal: the
fine-tune data mixed units). Checkout's `price_quote` schema accepts any positive number,
so cent values passed validation (deterministic terminal) and were charged as dollars.
```
"""

from linter import phrases
from linter.rules.base import Violation, define

MIN_WORDS = 12
_CODE_TOKENS = frozenset({"fence", "code_block"})
_ADVICE = "say what exactly failed (which code path, config value, input or model behaviour) and why the safeguards let it through"


def _has_code(section) -> bool:
    for token in section.tokens():
        if token.type in _CODE_TOKENS:
            return True
        if token.type == "inline" and any(child.type == "code_inline" for child in token.children or ()):
            return True
    return False


def check(document, context):
    section = document.section("Root cause")
    if section is None or section.is_empty:
        return
    prose = section.prose()
    text = " ".join(line.text for line in prose)
    if phrases.names_a_mechanism(text, _has_code(section)):
        return
    words = len(text.split())
    if words < MIN_WORDS:
        yield Violation(section.line, 1, f"the root cause ({words} words) names no mechanism: {_ADVICE}")
        return
    found = phrases.find_phrases(phrases.compile_phrases(phrases.VAGUE_CAUSES, ()), text)
    if found:
        phrase = found[0].group(0)
        line = next((p.line for p in prose if phrase.lower() in p.text.lower()), section.line)
        yield Violation(line, document.column_of(line, phrase), f"'{phrase}' is not a mechanism: {_ADVICE}")


RULE = define(__doc__, "PM503", "root-cause-vague", "warning", check)
