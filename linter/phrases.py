"""Phrase lists and matching for the language rules: vague actions, blame, vague causes.

Matching is on visible prose (code spans removed) and is negation-aware: "this was not human
error" or "we avoid calling it human error" is not blame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from linter.prefilter import prefilter

VAGUE_ACTIONS = (
    r"add (more )?(monitoring|alert(s|ing)?|metrics|logging|dashboards?|tests?)",
    r"improve (the |our |its |their )?(monitoring|observability|alerting|testing|tests|documentation|docs|process(es)?|communication|reliability|resilience|tooling|visibility)",
    r"(add|write|update) (more |better )?(documentation|docs)",
    r"be more (careful|vigilant|diligent|attentive)",
    # "investigate X and fix Y" delivers the fix: only an investigation with no deliverable is vague
    r"investigate(?![^.;]*\b(and|then) (fix|remove|patch|resolve|write|file|propose|decide|add)\b)( (further|more|the issue|this|root cause))?",
    r"look into",
    r"consider",
    r"better (testing|monitoring|alerting|documentation|communication|tests|observability|visibility|dashboards)",
    r"more (testing|tests|monitoring|alerts|alerting|training|reviews?)",
    r"increase (test )?coverage",
    r"(train|educate|remind) (the )?(team|engineers|people|everyone|staff)",
    r"review (the )?(process|processes|procedures?)",
    r"communicate better",
    r"make (it|the system|things) more (robust|reliable|resilient)",
    r"double[- ]check",
    r"follow up( on this)?",
    r"(fix|address) (the |this )?(bug|issue|problem)(?=\s*(?:$|[.;,(]))",  # "fix bug preventing X" names it
    r"prevent (this|it) from happening again",
    r"work with (?:[\w@/.-]+ ){1,4}?to",
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


# A concrete action names something you can check it against: a number or threshold, a file
# path, an identifier, a channel, a flag or a runbook section. A code span, a quoted string or a
# link is no evidence by itself: `kubectl`, "no space left on device" or an issue link say what
# the item is about, not what changes, so the evidence is looked for in the words around them.
_CONCRETE = re.compile(
    r"\d|\b[\w.-]+/[\w.-]+/[\w./-]+|\b[\w.-]+/[\w.-]+\.(?:py|go|ts|js|rb|java|ya?ml|json|toml|md|sql|tf|sh|cfg|ini)\b"
    r"|\b\w+\.(py|go|ts|js|rb|java|ya?ml|json|toml|md|sql|tf|sh|cfg|ini)\b"
    r"|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z0-9]+_[a-z0-9_]+\b|\B#(?!\d+\b)[\w-]+|--[\w-]+"
    r"|\bsection\s+[\"'“‘A-Z0-9]",
)
# What a link or a ticket reference adds is where the work is tracked, not what it is.
_LINKS = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]|<https?://[^>]*>|https?://\S+")
_TICKETS = re.compile(r"\bPR\s*#\d+|(?<![\w&])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b")  # also a link's text: [#1195](…)
_WRAPPERS = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^”]*”")


def evidence_text(text: str) -> str:
    """The words an item's concreteness is judged on: links reduced to their text, ticket
    references, code spans and quoted strings left out."""
    if "[" in text or "#" in text or "://" in text or "-" in text:
        text = _TICKETS.sub(" ", _LINKS.sub(lambda match: match.group(1) or match.group(2) or " ", text))
    if "`" in text or '"' in text or "“" in text:
        text = _WRAPPERS.sub(" … ", text)
    return text


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
    text = evidence_text(text)
    if _DIGIT.search(text) is not None:  # every schedule has a digit: without one, nothing to remove
        text = _SCHEDULE.sub(" ", text)
    return _CONCRETE.search(text) is not None


# Shapes that are vague however the item is worded: a number or an identifier does not turn a
# reflection or a process to be established into a change. An investigation or a goal that
# names a metric and a threshold is bounded, so those two give way to evidence (the last flag).
_DELIVERABLE = (r"(?!.*\b(?:and|then)\s+(?:fix|write|file|open|propose|report|document|decide|add|remove|patch|ship|share|implement)\b)"
                r"(?!.*\b(?:write[- ]up|report back|with a (?:decision|proposal|recommendation|write-up|report))\b)")
_DOCUMENT_NAMED = (r"(?!.*\b(?:guide|runbook|playbook|wiki|readme|handbook|docs|documentation|page|article|faq|checklist|section"
                   r"|notebook|manual|adr)\b)(?!.*\.md\b)")
VAGUE_ACTION_SHAPES: tuple[tuple[str, str, bool], ...] = (
    (r"reflect(?: on| upon| about| if| whether| how)?\b", "a reflection is not a change: write the change it should lead to", False),
    (rf"(?:investigate|look into|check|assess|figure out|find out|review|explore|evaluate|determine|discuss) (?:if|whether|why|how|what|options)\b{_DELIVERABLE}"
     rf"|(?:find|identify) (?:a |the |some )?(?:way|ways|path|options) (?:to|for|forward)\b{_DELIVERABLE}",
     "an open question is not a change: say what it delivers (a fix, a decision, a write-up) and when it is done", True),
    # "Look into the v2 API", "Consider moving failurePolicy to Ignore": a name or a version in the
    # item does not turn a thing to look at or to weigh into a change.
    (r"(?:look into|consider(?:ing)?)\b(?![^.;]*\b(?:and|then) (?:fix|move|remove|patch|resolve|write|file|propose|decide|add|set|switch|enable|disable|delete)\b)",
     "a thing to look at is not a change: write the change it should lead to, or an item to decide it by a date", False),
    (r"write (?:an?|the) (?:incident|post-?mortem|outage) (?:report|review|write-?up)|write (?:an?|the) post-?mortem",
     "the write-up is this document: list the changes it leads to instead", False),
    (r"(?:establish|create|define|set up|put in place) (?:an? |the |some )?(?:\w+ ){0,2}?(?:process|procedures?|policy|policies|framework|guidelines)\b",
     "a process is not a change until it is written: name the document, check or gate it adds", False),
    (r"(?:develop|define|come up with|agree on|agree as a team|write) (?:some |team |clear |group |new )?(?:rules|guidelines|best practices|a strategy|strategies|standards)\b",
     "rules to be developed are not a change: name the rule, check or gate and where it is enforced", False),
    (r"(?:start|begin) (?:writing|doing|using|thinking|adding)\b", "a start is not a change: name what is written or added, and where", False),
    (rf"document (?:how|what|when|why|the|our|a|an|that|ways|procedures?|processes?|steps)\b{_DOCUMENT_NAMED}",
     "name the document it goes in (runbook, guide, README section), so anyone can check it is there", False),
    (r"(?:the |our |all )?(?:[\w-]+ ){0,5}(?:is|are|remains?|stays?|should be|must be|needs to be) (?:more |always |highly |well[- ])?"
     r"(?:high[- ]quality|robust|reliable|resilient|stable|secure|well[- ]tested|up[- ]to[- ]date|visible|clear|healthy|sufficient|adequate)\b",
     "a goal is not a change: write the change that gets there and how to tell it is done", True),
)
_SHAPES = tuple((re.compile(r"^\W*(?:we (?:will|should|need to|must) |let's |to )?(" + shape + ")", re.IGNORECASE), advice, bounded)
                for shape, advice, bounded in VAGUE_ACTION_SHAPES)
_FIRST_SENTENCE = re.compile(r"^(.*?[.?!])(?:\s|$)", re.DOTALL)
_TRAILING_REFERENCE = re.compile(r"(?:\s*(?:\([^()]*\)|\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?|<[^>]*>|https?://\S+)[.,]?)+\s*$")


@dataclass(frozen=True)
class Vagueness:
    phrase: str  # what to quote in the message
    advice: str  # what to write instead


_SOFT_ADVICE = "name the change — which signal, threshold, file, config key or runbook section, so anyone can tell when it is done"


def vague_action(text: str, pattern: re.Pattern) -> Vagueness | None:
    """Why an action (or a promised follow-up) is vague, None when it reads as a specific change.

    ``pattern`` is the compiled VAGUE_ACTIONS alternation (with the team's extra phrases).
    """
    plain = text.strip()
    without_references = _TRAILING_REFERENCE.sub("", plain).strip()
    first = _FIRST_SENTENCE.match(without_references)
    if without_references.endswith("?") or (first and first.group(1).endswith("?")):
        question = (first.group(1) if first else without_references)
        return Vagueness(question, "a question is not a change: decide it, and write the change (or an item to decide it by a date)")
    for shape, advice, bounded in _SHAPES:
        match = shape.match(without_references)
        if match and not is_negated_or_quoted(without_references, match.start(1), match.end(1)):
            return None if bounded and is_concrete(plain) else Vagueness(match.group(1), advice)
    if is_concrete(plain):
        return None
    found = find_phrases(pattern, evidence_text(plain))
    if found:
        return Vagueness(found[0].group(0), _SOFT_ADVICE)
    return None
