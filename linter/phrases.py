"""Phrase lists and matching for the language rules: vague actions, blame, vague causes, mechanisms.

Matching is on visible prose (code spans removed) and is negation-aware: "this was not human
error" or "we avoid calling it human error" is not blame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from linter.bracket_spans import BRACKETED, DESTINATION
from linter.prefilter import prefilter

VAGUE_ACTIONS = (
    r"add (more )?(monitoring|alert(s|ing)?|metrics|logging|dashboards?|tests?)",
    r"improve (the |our |its |their )?(monitoring|observability|alerting|testing|tests|documentation|docs|process(es)?|communication|reliability|resilience|tooling|visibility)",
    r"(add|write|update) (more |better )?(documentation|docs)",
    r"be more (careful|vigilant|diligent|attentive)",
    # "investigate X and fix Y" delivers the fix: only an investigation with no deliverable is
    # vague. The fix is looked for within 300 characters, not to the sentence's end: from every
    # "investigate" of a long sentence that would scan the rest of it again (quadratic).
    r"investigate(?![^.;]{0,300}?\b(and|then) (fix|remove|patch|resolve|write|file|propose|decide|add)\b)( (further|more|the issue|this|root cause))?",
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

# Blame that needs no subject: whoever it is about, it judges a person.
BLAME = (
    r"human error",
    r"operator error",
    r"should have known( better)?",
    r"(careless|carelessly|carelessness|negligent|negligence|sloppy|incompetent|incompetence)",
    r"(laziness|an act of laziness)",
    r"forgot to",
    r"did(n't| not) bother",
    r"(was|were|is) to blame",
    r"(his|her|their) (mistake|fault|error|oversight|negligence)",
    r"dropp(ed|ing) the ball",
    r"(it is|it's|it was|it's always) up to (the|each|every|our) (user|engineer|developer|operator|on-?call|reviewer|team member)s? to",
)

# Judgements and counterfactuals that are blame only with a person as their subject: "the
# on-call should have posted" is blame, "the canary should have caught it" is about a safeguard.
_PARTICIPLE = (r"(been|known|seen|done|taken|gone|run|written|told|thought|caught|sent|kept|left|made|put|set|read"
               r"|built|brought|given|spoken|\w+ed)")
JUDGEMENTS = (
    rf"should(n't| not)? have {_PARTICIPLE}",
    rf"ought to have {_PARTICIPLE}",
    r"failed to \w+",
    r"neglected",
    r"(misjudged|overlooked|misread)",
    r"did(n't| not) (alert|notify|tell|inform|warn|check|verify|test|notice|realise|realize|follow|read|ask|escalate"
    r"|post|communicate|review|consult|think|pay attention|double-check|wait)",
    r"forgot",
    r"(made|makes|make) (a|an) (mistake|error|blunder|bad call|wrong call|poor decision)",
    r"(messed|screwed) up",
    r"(was|were|is|got|being) (\w+ )?(lazy|careless|sloppy|negligent|inattentive|complacent|reckless)",
    r"(was|were|is) (solely )?(responsible|at fault)",
    r"(caused|broke|took down) (the|our|this|production|prod|it)\b",
    # "@dana's mistake"; the name is looked for 64 characters back at most: unbounded, every
    # start in a run of 30,000 dots scanned the rest of the run again (PM501: 9 s on 36 KB)
    r"[\w@./-]{0,64}\w's (mistake|fault|error|oversight|blunder|negligence|carelessness)",
)

# Who counts as a person: a handle, a pronoun for one person, or a role noun with a determiner
# and up to two modifiers ("the on-call engineer", "a 2i2c engineer", "one of the developers").
# Not "we" or "I" (the team owning its account), not "they" (as often pods as people), not
# "operator" or "manager" alone (Kubernetes operators, cert-manager).
_ROLE = (r"(engineers?|developers?|devs?|on-?calls?|interns?|sres?|admins?|administrators?|authors?|reviewers?"
         r"|maintainers?|responders?|team ?members?|incident commanders?|owners?|staff( members?)?|person|colleagues?"
         r"|teammates?|contributors?|tech leads?|human operators?)")
_SUBJECT = re.compile(
    r"(?:^|(?<=[^\w@'-]))(?P<who>@[\w./-]*\w|(?:he|she|you)|(?:(?:the|a|an|our|this|that|another|each|every|one of (?:the|our))\s+"
    r"(?:[\w-]+\s+){0,2})?" + _ROLE + r"|(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))"
    r"(?:\s+(?:also|then|simply|clearly|just|again|obviously|really|unfortunately|apparently|still|had|has|have|would|then))*\s*$",
    re.IGNORECASE,
)
# How far back a subject may start: "one of the senior on-call engineers also simply" is 47
# characters; a longer subject is not looked for. The cost of the search grows with this reach.
_SUBJECT_REACH = 96
_PROPER = re.compile(r"[A-Z]")
_POSSESSIVE = re.compile(r"['’]s ")


def person_judgements(text: str, names: frozenset[str]) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of a person judged by a counterfactual ("@bob should have checked").

    ``names`` are the lower-cased names the document gives people (authors, owners, handles):
    a capitalised word before the judgement is a person only when it is one of them.
    """
    spans = []
    for match in find_phrases(compile_phrases(JUDGEMENTS, ()), text):
        possessive = _POSSESSIVE.search(match.group(0))
        cut = match.start() + possessive.start() if possessive else match.start()
        # The subject ends at ``cut`` (past whitespace): searched in a window before it, so each
        # judgement costs the same wherever it is in a long paragraph.
        subject = _SUBJECT.search(text, max(0, cut - _SUBJECT_REACH), cut)
        if subject is None:
            continue
        name = subject.group("name")
        if name is not None and not (_PROPER.match(name) and any(word.lower() in names for word in (name, *name.split()))):
            continue
        start = subject.start("who")
        if not is_negated_or_quoted(text, start, match.end()):
            spans.append((start, match.end()))
    return spans


VAGUE_CAUSES = (
    r"human error", r"an? (\w+ )?bugs?", r"bad (deploy|deployment|code|config|change|release|data|push)",
    r"the model was bad", r"(a|the) model (was|is) (bad|wrong|worse)", r"misbehav(ed|ing|iour|ior|es)",
    r"an? glitch", r"network (issues?|problems?|blip)",
    r"(root )?cause (is|was|remains) (still )?(unknown|unclear)", r"unknown (root )?(cause|reason)s?",
    r"(a )?(misconfiguration|config issue)", r"an? (issue|problem|error) (in|with)", r"(some|several|various) (issues|problems|errors)",
    r"something (went wrong|broke|was wrong|happened)", r"something (in|with|about) (the|our) [\w-]+( [\w-]+)?", r"went wrong", r"not working (correctly|properly|as expected)",
    r"stopped working", r"bad luck", r"a (transient|temporary) (issue|problem|error)", r"for some reason", r"somehow",
    r"unexpected(ly)? (behaviou?r|results?|errors?|problems?)", r"(rolling|rolled) back (fixed|resolved|solved)",
    r"(reverting|reverted) (it|the change|the release) (fixed|resolved|solved)",
)

# What a mechanism names: a thing you can point at (a code span, an identifier, a path, a flag,
# a technical acronym) or a failure mode (expired, quota, timeout, evicted, mismatch...).
# Numbers are not on the list: counts and durations describe the impact, not the cause.
_ACRONYM_NOT_SPECIFIC = frozenset({"PR", "UTC", "API", "HTTP", "HTTPS", "OK", "US", "EU", "UK", "IT", "CI", "CD", "QA",
                                  "AM", "PM", "SEV", "TBD", "TODO", "FYI", "ETA", "ASAP", "N/A"})
# A name with dots, dashes or slashes is looked for from the start of its run of name characters
# only (past leading dots and dashes, to the first word boundary: where ``\b`` would first let it
# start). Starting at every ``\b`` inside "a-a-a-…" scans the rest of the run again each time: a
# 40 KB run took minutes.
_PATH_START = r"(?<![\w.-])[.-]*\b"
_DOMAIN_START = r"(?<![\w-])-*\b"
_REFERENT = re.compile(
    rf"\b[A-Za-z][a-z0-9]+[A-Z]\w*\b|\b[a-z0-9]+_[a-z0-9_]+\b|{_DOMAIN_START}[\w-]+\.[a-z]{{2,4}}\b(?!\.\w)|{_PATH_START}\w[\w.-]*/[\w./-]+"
    r"|(?<!\w)--?[a-z][\w-]+"
    r"|\b[A-Z][A-Z0-9]{1,}s?\b"
)
_FAILURE_MODE = re.compile(
    r"\b(expir\w*|quotas?|limit(s|ed)?|maximum|exhaust\w*|full|filled up|out of (memory|disk|space|capacity)|leak\w*"
    r"|deadlock\w*|race condition|time[ds]? out|timeouts?|timed out|overflow\w*|truncat\w*|evict\w*|throttl\w*"
    r"|rate[- ]limit\w*|certificates?|permissions?|denied|unauthori[sz]ed|forbidden|null|typos?|mismatch\w*|duplicat\w*"
    r"|stale|cach(e|ed|es|ing)|schemas?|encod\w*|retr(y|ies|ied)|loops?|saturat\w*|crash\w*|panic\w*|killed|disks?"
    r"|memory|namespaces?|secrets?|labels?|selectors?|mount\w*|volumes?|locks?|queues?|backlog|connections?|pools?"
    r"|threads?|replicas?|shards?|partitions?|indexe?s?|headers?|cookies?|columns?|fields?|flags?|keys?|ports?"
    r"|firewall|load balancers?|ingress|endpoints?|routes?|routing|proxy|options?|parameters?|settings?|units?"
    r"|rules?|ruleset|payloads?|migrations?|pods?|nodes?|cpus?|iops|dns|tls|oom)\b",
    re.IGNORECASE,
)


def names_a_mechanism(text: str, has_code: bool) -> bool:
    """True when a cause names something specific that failed, not only that something did."""
    if has_code or (prefilter(_FAILURE_MODE).might_match(text) and _FAILURE_MODE.search(text)):
        return True  # (the pre-check, exact, costs a tenth of the search on a long Root cause)
    return any(match.group(0).rstrip("s") not in _ACRONYM_NOT_SPECIFIC for match in _REFERENT.finditer(text))


_NEGATION_WORDS = ("not", "no", "never", "nor", "without", "rather than", "instead of", "avoid", "avoiding", "avoided",
                   "isn't", "wasn't", "aren't", "weren't", "don't", "didn't", "doesn't", "wouldn't", "cannot", "can't",
                   "neither")
_NEGATION_GAP = 40  # how far before a phrase a negation still reads as negating it
_NEGATION = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in _NEGATION_WORDS) + r")\b[^.;:!?]{0,%d}$" % _NEGATION_GAP,
    re.IGNORECASE,
)
# The farthest back a negation can start: the pattern is searched in that window only, so a
# check costs the same at the end of a 250,000-character paragraph as at its start (searching
# all of ``text[:start]`` for every match made a long paragraph quadratic: 33 s).
_NEGATION_REACH = _NEGATION_GAP + max(len(word) for word in _NEGATION_WORDS)
_QUOTES = "\"'“”‘’"


@lru_cache(maxsize=64)
def compile_phrases(builtin: tuple[str, ...], extra: tuple[str, ...]) -> re.Pattern:
    """One alternation of the built-in regexes and the user's literal phrases."""
    parts = list(builtin) + [re.escape(phrase) for phrase in extra]
    return re.compile(r"(?<![\w@-])(" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def is_negated_or_quoted(text: str, start: int, end: int) -> bool:
    """True when a match is negated ("not human error") or quoted (talking about the phrase).

    Bounded work per match: the negation is looked for in a window before ``start`` (``pos``
    and ``endpos`` keep the word boundaries of the whole text), the quotes next to the match
    past whitespace only."""
    window = max(0, start - _NEGATION_REACH)
    if prefilter(_NEGATION).might_match(text[window:start]) and _NEGATION.search(text, window, start):
        return True  # (the pre-check, exact, is 7x cheaper than the regex: most windows hold no negation)
    before = start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    if before < 0 or text[before] not in _QUOTES:
        return False
    closing = _NOT_SPACE.search(text, end)
    return closing is not None and closing.group() in _QUOTES


_NOT_SPACE = re.compile(r"\S")


def find_phrases(pattern: re.Pattern, text: str) -> list[re.Match]:
    if not prefilter(pattern).might_match(text):  # exact and cheap: most prose holds none of the phrases
        return []
    return [match for match in pattern.finditer(text) if not is_negated_or_quoted(text, match.start(), match.end())]


# A concrete action names something you can check it against: a number or threshold, a file
# path, an identifier, a channel, a flag or a runbook section. A code span, a quoted string or a
# link is no evidence by itself: `kubectl`, "no space left on device" or an issue link say what
# the item is about, not what changes, so the evidence is looked for in the words around them.
_CONCRETE = re.compile(
    rf"\d|{_PATH_START}[\w.-]+/[\w.-]+/[\w./-]+|{_PATH_START}[\w.-]+/[\w.-]+\.(?:py|go|ts|js|rb|java|ya?ml|json|toml|md|sql|tf|sh|cfg|ini)\b"
    r"|\b\w+\.(py|go|ts|js|rb|java|ya?ml|json|toml|md|sql|tf|sh|cfg|ini)\b"
    r"|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z0-9]+_[a-z0-9_]+\b|\B#(?!\d+\b)[\w-]+|--[\w-]+"
    r"|\bsection\s+[\"'“‘A-Z0-9]",
)
# What a link or a ticket reference adds is where the work is tracked, not what it is.
_LINKS = re.compile(rf"!?\[({BRACKETED})\]{DESTINATION}|\[({BRACKETED})\]\[{BRACKETED}\]|<https?://[^<>]*>|https?://\S+")
_TICKETS = re.compile(r"\bPR\s*#\d+|(?<![\w&])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b")  # also a link's text: [#1195](…)
_WRAPPERS = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^“”]*”")  # (not [^”]: a search from every “ of many would be quadratic)


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
# The leading non-word run is taken whole, as an atomic group would (a lookahead captures it, the
# backreference consumes it): the shapes start with a letter, and backtracking into a long run of
# emoji or punctuation retried every alternative at each of its characters, for each of 10,000 items.
_SHAPES = tuple((re.compile(r"^(?=(?P<lead>\W*))(?P=lead)(?:we (?:will|should|need to|must) |let's |to )?(?P<shape>" + shape + ")", re.IGNORECASE), advice, bounded)
                for shape, advice, bounded in VAGUE_ACTION_SHAPES)
_FIRST_SENTENCE = re.compile(r"^(.*?[.?!])(?:\s|$)", re.DOTALL)
# A run of references ("(PR #12) [OPS-118](…)"); an item's trailing run is found among all
# runs, left to right, because searching for the run anchored at the end (``(…)+$``) tries it
# again from every reference of a long run that does not reach the end: quadratic.
_REFERENCE_RUN = re.compile(
    rf"(?<!\s)(?:\s*(?:\([^()]*\)|\[{BRACKETED}\](?:{DESTINATION}|\[{BRACKETED}\])?|<[^<>]*>|https?://\S+)[.,]?)+")


@dataclass(frozen=True)
class Vagueness:
    phrase: str  # what to quote in the message
    advice: str  # what to write instead


_SOFT_ADVICE = "name the change — which signal, threshold, file, config key or runbook section, so anyone can tell when it is done"


def _without_trailing_references(text: str) -> str:
    """``text`` (stripped) without the links, tickets and URLs it ends with."""
    cut = len(text)
    for run in _REFERENCE_RUN.finditer(text):
        if run.end() == len(text):
            cut = run.start()
    return text[:cut].strip()


def vague_action(text: str, pattern: re.Pattern) -> Vagueness | None:
    """Why an action (or a promised follow-up) is vague, None when it reads as a specific change.

    ``pattern`` is the compiled VAGUE_ACTIONS alternation (with the team's extra phrases).
    """
    plain = text.strip()
    without_references = _without_trailing_references(plain)
    first = _FIRST_SENTENCE.match(without_references)
    if without_references.endswith("?") or (first and first.group(1).endswith("?")):
        question = (first.group(1) if first else without_references)
        return Vagueness(question, "a question is not a change: decide it, and write the change (or an item to decide it by a date)")
    for shape, advice, bounded in _SHAPES:
        match = shape.match(without_references)
        if match and not is_negated_or_quoted(without_references, match.start("shape"), match.end("shape")):
            return None if bounded and is_concrete(plain) else Vagueness(match.group("shape"), advice)
    if is_concrete(plain):
        return None
    found = find_phrases(pattern, evidence_text(plain))
    if found:
        return Vagueness(found[0].group(0), _SOFT_ADVICE)
    return None
