"""Phrase lists and matching for the language rules: vague actions, blame, vague causes.

Matching is on visible prose (code spans removed) and is negation-aware: "this was not human
error" or "we avoid calling it human error" is not blame.
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.prefilter import prefilter

VAGUE_ACTIONS = (
    r"add (more )?(monitoring|alert(s|ing)?|metrics|logging|dashboards?|tests?)",
    r"improve (the )?(monitoring|observability|alerting|testing|tests|documentation|docs|process(es)?|communication|reliability|resilience|tooling)",
    r"(add|write|update) (more |better )?(documentation|docs)",
    r"be more (careful|vigilant|diligent|attentive)",
    r"investigate( (further|more|the issue|this|root cause))?",
    r"look into",
    r"consider",
    r"better (testing|monitoring|alerting|documentation|communication|tests)",
    r"more (testing|tests|monitoring|alerts|alerting|training|reviews?)",
    r"increase (test )?coverage",
    r"(train|educate|remind) (the )?(team|engineers|people|everyone|staff)",
    r"review (the )?(process|processes|procedures?)",
    r"communicate better",
    r"make (it|the system|things) more (robust|reliable|resilient)",
    r"double[- ]check",
    r"follow up( on this)?",
    r"(fix|address) (the )?(bug|issue|problem)",
    r"prevent (this|it) from happening again",
)

# A person as the subject, with at most one word before the role ("the on-call engineer").
_PERSON = (r"(@[\w./-]+|he|she|you|the ([\w-]+ )?(engineer|developer|on-?call|operator|intern|sre|admin|author|reviewer)"
           r"|an? ([\w-]+ )?(engineer|developer|operator|intern))")

BLAME = (
    r"human error",
    r"operator error",
    r"should have known",
    # "the canary should have caught it", "the parser failed to read the file" are about safeguards:
    # only with a person as the subject are these blame.
    _PERSON + r" should have (caught|noticed|checked|seen|tested)",
    _PERSON + r" failed to (check|test|follow|read)",
    r"failed to notice",
    r"(careless|carelessly|carelessness|negligent|negligence|sloppy|incompetent)",
    r"lazy(?! (load|loading|loaded|initiali[sz]ation|evaluation|import|iterator|stream))",
    r"forgot to",
    r"did(n't| not) bother",
    r"(was|were|is) to blame",
    r"(his|her|their) (mistake|fault|error)",
    _PERSON + r"('s)? (caused|broke|took down|was responsible for|messed up|screwed up)",
    r"(@[\w./-]+|the (engineer|developer|operator|intern))'s (fault|mistake|error)",
)

VAGUE_CAUSES = (
    r"human error", r"a bug", r"bad (deploy|deployment|code|config|change)", r"the model was bad",
    r"(a|the) model (was|is) (bad|wrong|worse)", r"a glitch", r"network (issues?|problems?|blip)",
    r"(root )?cause (is|was|remains) (still )?(unknown|unclear)", r"unknown (root )?(cause|reason)s?",
    r"(a )?(misconfiguration|config issue)", r"an? (issue|problem|error) (in|with)",
    r"something went wrong", r"bad luck", r"a (transient|temporary) (issue|problem|error)",
)

_NEGATION = re.compile(
    r"\b(not|no|never|nor|without|rather than|instead of|avoid(ing|ed)?|isn't|wasn't|aren't|weren't|"
    r"don't|didn't|doesn't|wouldn't|cannot|can't|neither)\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’"


@lru_cache(maxsize=64)
def compile_phrases(builtin: tuple[str, ...], extra: tuple[str, ...]) -> re.Pattern:
    """One alternation of the built-in regexes and the user's literal phrases."""
    parts = list(builtin) + [re.escape(phrase) for phrase in extra]
    return re.compile(r"(?<![\w@-])(" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def is_negated_or_quoted(text: str, start: int, end: int) -> bool:
    """True when a match is negated ("not human error") or quoted (talking about the phrase)."""
    before = text[:start]
    if _NEGATION.search(before):
        return True
    opening = before.rstrip()[-1:]
    closing = text[end:].lstrip()[:1]
    return bool(opening and opening in _QUOTES and closing and closing in _QUOTES)


def find_phrases(pattern: re.Pattern, text: str) -> list[re.Match]:
    if not prefilter(pattern).might_match(text):  # exact and cheap: most prose holds none of the phrases
        return []
    return [match for match in pattern.finditer(text) if not is_negated_or_quoted(text, match.start(), match.end())]


# A concrete action names something you can check it against: a code span, a number or
# threshold, a file path, an identifier, a channel, a flag, a runbook section or a URL.
_CONCRETE = re.compile(
    r"`[^`]+`|\d|[\w.-]+/[\w./-]+|\b\w+\.(py|go|ts|js|rb|java|ya?ml|json|toml|md|sql|tf|sh|cfg|ini)\b"
    r"|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z0-9]+_[a-z0-9_]+\b|\B#[\w-]+|--[\w-]+|https?://"
    r"|\bsection\s+[\"'“‘A-Z0-9]|\"[^\"]+\"|“[^”]+”",
)


# A deadline is no evidence of a concrete change: "investigate further within 2 weeks" and
# "add more monitoring in Q3 2026" are as vague as without their dates.
_DEADLINE_WORD = r"(?:by|before|within|in|until|during|next|this)\s+(?:the\s+)?(?:next\s+)?"
_SCHEDULE = re.compile(
    rf"\b(?:{_DEADLINE_WORD})?\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b{_DEADLINE_WORD}(?:\d+\s+(?:days?|weeks?|months?|sprints?|quarters?)|Q[1-4](?:\s+\d{{4}})?|H[12](?:\s+\d{{4}})?|(?:FY)?\d{{4}})\b",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def is_concrete(text: str) -> bool:
    if _DIGIT.search(text) is not None:  # every schedule has a digit: without one, nothing to remove
        text = _SCHEDULE.sub(" ", text)
    return _CONCRETE.search(text) is not None
