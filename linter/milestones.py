"""Which timeline entries mark the incident's milestones (start, detection, …, resolution).

A milestone is found in the timeline either at the minute of its frontmatter timestamp or,
failing that, by the words people use for it. Shared by the milestone and contradiction rules
and by the importer (``milestone_entries``, to infer the lifecycle timestamps).
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from linter.bracket_spans import BRACKETED, DESTINATION
from linter.prefilter import prefilter

MILESTONES: dict[str, tuple[str, re.Pattern]] = {
    "started_at": ("start", re.compile(r"\b(start(s|ed)?|begin(s|ning)?|began|deployed|rolled out|first (error|failure)s?|impact begins|incident begins|outage begins|problem starts|errors? (rise|rising|spike)|(drop|fall)s?|fell|expire[sd]?|introduced|merged|upgraded?|broke|went down|goes down|stopped working)\b", re.I)),
    "detected_at": ("detection", re.compile(r"\b(alert(s|ed)?|pag(e|es|ed)|detect(s|ed)?|notic(e|es|ed)|report(s|ed)?|fires?|fired|flag(s|ged)?|triggered|identified|realiz(e|es|ed|ation)|realis(e|es|ed|ation)"
        r"|warn(s|ed|ing|ings)?|(users?|customers?|developers?|people|teams?) (are )?reporting|alarms?|notified|became aware|discovery|witnessed)\b", re.I)),
    "acknowledged_at": ("acknowledgement", re.compile(r"\b(ack(s|ed)?|acknowledg(e|es|ed)|join(s|ed)|incident (declared|opened)|declare(s|d)?|responds?|responded|investigat(es|ing))\b", re.I)),
    "mitigated_at": ("mitigation", re.compile(
        r"\b(mitigat(e|es|ed|ion)|repair(s|ed)?|roll(s|ed)? back|rollback|revert(s|ed)?|recover(s|ed|y|ing)?|restor(e|es|ed)|fail(s|ed)? over"
        r"|disabled?|kill switch|back to normal|restart(s|ed)?|hotfix|patch(es|ed)?|workaround|skip(s|ped)?|block(s|ed)?"
        r"|turn(s|ed)? off|(?<!unable to )(?<!not )scaled? (up|out)|shift(s|ed)? traffic|drain(s|ed)?|(starts?|started) (falling|dropping)|fix(es|ed)? (applied|deployed|merged)|rolled over|working again|back up|came back|available again|confirmed working"
        r"|(?<!not )operational|back (in )?operation|(back|hub|is|are|now|comes?|came) online|online again"
        r"|work(s|ed|ing)? as (intended|expected)|running (smoothly|as expected)|(is|are) now (fine|back)|(confirmed|all|is|are|now|verified)( to be)? (healthy|functional)|solved"
        r"|(service|traffic|launches|everything) resumes|returns? to normal|goes away"
        r"|once again (\w+ing|up|available|healthy)|at (its|their|the) usual (rate|speed|level))\b", re.I)),
    "resolved_at": ("resolution", re.compile(r"\b(resolv(e|es|ed)|all[- ]clear|clos(e|es|ed)|fix(es|ed)? deployed|incident (closed|ended|over)|confirmed (working|fixed|resolved)|(outage|incident) (is )?over|no further (errors|issues|impact)"
        r"|(outage|incident|impact|issue|problem) end(s|ed)?|(outage|incident) to an end|permanent(ly)? fix(ed)?"
        r"|long[- ]term fix (applied|deployed|merged)|resolution (is )?(confirmed|complete)"
        r"|permanently (deleted|removed|disabled|reverted|fixed))\b", re.I)),
}

# A mitigation that says the service is whole again ("service is restored", "back to normal"):
# in a draft with no separate resolution entry, the incident ended there.
SERVICE_RESTORED = re.compile(
    r"\b((service|services|everything|access|traffic)\b[^.;]{0,20}\brestored|(is|are|was|were) restored"
    r"|back to normal|returns? to normal|(?<!not )operational|work(s|ed|ing)? as (intended|expected)|running (smoothly|as expected)|(is|are) now (fine|back)"
    r"|(confirmed|all|is|are|now|verified)( to be)? (healthy|functional)|back online|hub online|online again"
    r"|working again|solved|goes away|recover(y|ed)|back (in )?operation"
    r"|once again (\w+ing|up|available|healthy)|at (its|their|the) usual (rate|speed|level))\b", re.I)

TOLERANCE = timedelta(minutes=1)


def entries_at(timeline, moment) -> list:
    return [entry for entry in timeline if entry.at is not None and abs(entry.at - moment) <= TOLERANCE]


def entries_mentioning(timeline, key: str) -> list:
    """The entries with a UTC time whose words name the milestone (a heading entry's body counts)."""
    pattern = MILESTONES[key][1]
    return [entry for entry in timeline if entry.at is not None and pattern.search(entry.words)]


def entries_ending(timeline) -> list:
    """The entries with a UTC time that mark the resolution, or, when none does, the mitigations
    that say the service is whole again (a draft's "service is restored" is its end)."""
    resolved = entries_mentioning(timeline, "resolved_at")
    if resolved:
        return resolved
    return [entry for entry in entries_mentioning(timeline, "mitigated_at") if SERVICE_RESTORED.search(entry.words)]


# How people write a milestone outright, whatever else the entry says: a label ("**Detection:**")
# or a marker ("(outage starts)", "Start of incident", "Outage ends").
# (Written without the redundant ``\**\s*`` before the label, and as ``\s*(?:\*+\s*)?`` after it: two
# quantifiers over the same characters split a long run of them every way before failing.)
_LABEL = r"^[\W\d:-]*{}\s*(?:\*+\s*)?:"
# A marker stands on its own ("Outage begins.", "(**outage starts**)", "... 8:54 Start of
# incident."), unlike a mention of it ("logs around the start of the outage").
_ON_ITS_OWN = r"(?:^|[.!;:(\[\]—–-]\s*|\*\*\s*|\d\s+)"
MARKERS: dict[str, re.Pattern] = {
    "started_at": re.compile(_ON_ITS_OWN + r"((outage|incident|impact|downtime|disruption) (starts|started|begins|began)"
                             r"|start of (the )?(incident|outage|impact|downtime))\b|" + _LABEL.format(r"(start|impact|onset)"), re.I),
    "detected_at": re.compile(_LABEL.format(r"(detect(ion|ed)|discovery|discovered)"), re.I),
    "acknowledged_at": re.compile(_LABEL.format(r"acknowledge?(ment|d)"), re.I),
    "mitigated_at": re.compile(_LABEL.format(r"(mitigation|mitigated|recovery|recovered)"), re.I),
    "resolved_at": re.compile(_LABEL.format(r"(resolution|resolved)"), re.I),
}
# The end of impact said outright: a mitigation and, when nothing later closes it, the resolution.
_ENDED = re.compile(r"\b(outage|incident|downtime|impact|disruption) (ends|ended|is over)\b|\bto an end\b", re.I)
# Impact, as opposed to its cause: what users saw begin (the start when no marker names it).
_IMPACT = re.compile(
    r"\bsuccess( \w+)? (is at|reaches|reached|drops? to|dropped to|falls? to|fell to) (0|zero)\b|\bdrops? to (0|zero)\b"
    r"|\b(begins?|began|starts?|started) to (drop|fall|fail|degrade|error|time out)|\b(starts?|started|begins?|began) (failing|erroring|degrading|dropping|falling|timing out)"
    r"|\b(errors?|failures?|latency|timeouts?|[45]\d\ds?|[45]xx) (rise|rises|rising|rose|spike[sd]?|increase[sd]?|climb(s|ed)?)\b"
    r"|\breturn(s|ing|ed)? (errors?|[45]\d\d|[45]xx)\b|\bdegrad(es|ed|ing|ation)\b|\bruns? out of (memory|disk|space)\b"
    r"|\b(went|goes|go) down\b|\bstopped working\b|\bfails? to start\b|\bexpire[sd]?\b", re.I)
# A change that may have caused it: the start only when no entry says impact began.
_CAUSE = re.compile(r"\b(deploy(s|ed|ment)|rolled out|merged|released|applied|introduced|upgraded)\b", re.I)
# Work on a copy, not on what users see: neither the start nor the fix.
_NON_PRODUCTION = re.compile(r"\b(staging|sandbox|test (cluster|environment)|dev(elopment)? (cluster|environment))\b", re.I)
# The team starting to work on it: acknowledgement, never the start.
_RESPONSE = re.compile(
    r"\b(start(s|ed)?|begins?|began|beginning) (working|looking|investigating|to (look|investigate|work|dig))\b"
    r"|\binvestigations? (starts?|started|begins?|began|launched|opened|kicked off)\b|\bwakes? up and notices\b"
    r"|\b(takes|took) a look\b|\bjoin(s|ed)? (the |a |an )?(\w+ )?(call|huddle|bridge|channel|incident|war room|meeting)\b|\b(started|starts|begins|began) work\b", re.I)
_ACK_WORD = re.compile(r"\b(ack(s|ed)?|acknowledg(e|es|ed|ing))\b", re.I)
# An incident raised by the team: it was detected by then, at the latest.
_DECLARED = re.compile(r"\bincident (is )?(declared|opened|raised|created)\b|\bdeclares? (an |the )?incident\b", re.I)
# Someone outside the team answering is not the team's acknowledgement.
_OUTSIDE_RESPONSE = re.compile(r"\b(community|users?|customers?|clients?)\b[^.;]{0,30}\b(respond|repl(y|ies|ied)|report)", re.I)
# More ways to say someone noticed (a detection).
_NOTICED = re.compile(r"\b(noticing|reporting|spott(ed|s)|pinged|warn(ing|ings|ed))\b", re.I)
# Said to be confirmed fixed: an outcome, and the resolution when it is the last such entry.
_CONFIRMED_STATE = (r"\bresolution (is )?confirmed\b"
                    r"|\bconfirmed( to be)? (\w+ ){0,3}(healthy|working|functional|fixed|resolved|complete|operational)\b")
# The outcome of the response, not an attempt at it.
_OUTCOME = re.compile(
    r"\bback to (normal|100|working|full)|\bback (online|up)\b|\breturns? to normal\b|\bnormal again\b"
    r"|\bworking (again|as (intended|expected|normal))|\b(running|behaving) as expected\b|\bworks? again\b"
    r"|" + _CONFIRMED_STATE + r"|\b(is|are) (now )?(functional|operational|healthy)\b|\bverified (operational|working|healthy)\b"
    r"|\bonce again (\w+ing|up|available|healthy)\b|\bat (its|their|the) usual (rate|speed|level)\b"
    r"|\b(restored|recovered|self-heal(s|ed)?)\b|\bsucceed(s|ing)? again\b|\bdeclares? [^.;]{0,40}\bonline\b|\bonline again\b", re.I)
# A response begun or tried, not done: no mitigation or resolution yet.
_ATTEMPT = re.compile(
    r"\b(initiat(e|es|ed|ing))\b|\b(fix|revert|rollback|roll back|migration|recovery|restore|deploy(ment)?)( \w+)? (begins|began|starts|started|underway|in progress)\b"
    r"|\b(creates?|created|opens?|opened|sends?|sent|submits?|submitted|files?|filed) (up |out )?(a |the )?(pr|pull request|merge request|patch)\b"
    r"|\b(attempts?|attempted|tries|tried|trying|suggests?|suggested|proposes?|proposed|plans? to|decides? to|pending|to see if)\b", re.I)
# Said not to have worked.
_NEGATED = re.compile(
    r"\b(did|does|do|was|were|is|has|have)(n['’]t| not) (\w+ )?(help|fix|mitigate|resolve|work|solve|improve|recover|restore)\w*"
    r"|\bnot (\w+ )?(resolv|fix|mitigat|help|solv|recover|restor|working|starting)\w*|\bno (effect|improvement|change)\b"
    r"|\bwithout (success|effect)\b|\bnot having the intended effect\b", re.I)
# The problem still there afterwards: the entry before did not end it.
_PERSISTS = re.compile(
    r"\bpersist(s|ed|ing)?\b|\bstill (fail|broken|down|erroring|happening|occurring|returning|unavailable|met with)\w*"
    r"|\b(fail|error|crash|break)\w* again\b|\b(issue|problem|error|outage|failure)s? (continues|continued|remains|remained|recurs|recurred|returned)\b", re.I)
_ENDED_OR_OUTCOME = re.compile(f"{_OUTCOME.pattern}|{_ENDED.pattern}", re.I)
_CONFIRMED = re.compile(r"\b(confirm(s|ed)?|verified)\b", re.I)
_RESOLVED_OUTCOME = re.compile(
    _CONFIRMED_STATE + r"|\b(identified|found) and fixed\b|\b(all|every) (\w+ ){0,2}(systems?|services?|pods?|nodes?|accounts?)\b[^.;]{0,40}\b(operational|normal|healthy|fixed)\b"
    r"|\bverified operational\b", re.I)


def milestone_entries(document) -> dict:
    """``{key: entry}``: the timeline's milestone entries (see ``_choose``), chosen once per
    document: PM307, PM310 and PM101's fix all ask. Read it; never change it."""
    return document.memo("milestone-entries", _choose)


def _choose(document) -> dict:
    """``{key: entry}``: the timeline's milestone entries, chosen by their words.

    An entry that labels or marks a milestone ("**Detection:**", "(outage starts)") wins it.
    Otherwise detection is the first report, alert or notice, and no later than the team
    acknowledged or declared the incident; the start is the first impact entry at or before
    it ("success reaches 0%"), else the last start- or cause-worded one (a deploy), never the
    team starting work. Acknowledgement is the first "acknowledges" or "starts investigating"
    after detection (weaker words failing that). Mitigation is the first *outcome* ("back to
    normal", "outage ends"; a recovery before detection counts), else the first mitigation-
    worded act; attempts, negated sentences, work on staging and steps the problem outlived
    never count. Resolution is the last "confirmed working" entry from there, else the first
    resolution-worded one. Used by PM307 and by the importer to infer lifecycle timestamps.
    """
    global _timelines_read
    _timelines_read += 1
    timeline = [entry for entry in document.timeline if entry.at is not None]
    chosen: dict = {}
    detection = _detection(timeline)
    start = _start(timeline, detection)
    for key, entry in (("started_at", start), ("detected_at", detection)):
        if entry is not None:
            chosen[key] = entry
    anchor = detection or start
    acknowledgement = _acknowledgement(timeline, detection, start)
    if acknowledgement is not None:
        chosen["acknowledged_at"] = acknowledgement
    mitigation = _mitigation(timeline, anchor, start)
    if mitigation is not None:
        chosen["mitigated_at"] = mitigation
        if start is not None and mitigation.at < start.at and not _says(start, MARKERS["started_at"]):
            del chosen["started_at"]  # a change after the recovery did not start the incident
    resolution = _resolution(timeline, mitigation or acknowledgement or anchor, start)
    if resolution is not None:
        chosen["resolved_at"] = resolution
    return chosen


def _says(entry, pattern: re.Pattern) -> bool:
    return _words_say(entry.words, pattern)


# Most entries contain none of a pattern's words: its pre-check says so without the regex. But
# building the pre-checks (parsing every pattern) costs about 20 ms a process, which pays back
# only after some dozens of timelines: a lint of one or a few files (the pull-request gate)
# goes without. Either way the answer is the same.
_PRECHECK_AFTER = 32  # timelines read in this process
_timelines_read = 0


@lru_cache(maxsize=65536)
def _words_say(words: str, pattern: re.Pattern) -> bool:
    """Kept: the milestone passes (and the rules that run them) ask the same entry the same
    question several times; with a long timeline the repeated searches were most of the cost."""
    plain = _plain(words)
    if _timelines_read > _PRECHECK_AFTER and not prefilter(pattern).might_match(plain):
        return False
    return bool(pattern.search(plain))


_LINK = re.compile(rf"\[({BRACKETED})\](?:{DESTINATION}|\[{BRACKETED}\])?")


@lru_cache(maxsize=4096)
def _plain(words: str) -> str:
    """The words with link markup dropped ("identified and [fixed][pr]" says "fixed")."""
    return _LINK.sub(r"\1", words) if "[" in words else words


def _marked(timeline, key: str):
    return next((entry for entry in timeline if _says(entry, MARKERS[key])), None)


def _after(timeline, anchor, *, same: bool = False) -> list:
    """The entries at or after ``anchor`` (``same``: the anchor itself included)."""
    if anchor is None:
        return list(timeline)
    return [entry for entry in timeline if entry.at >= anchor.at and (same or entry is not anchor)]


def _detection(timeline):
    marked = _marked(timeline, "detected_at")
    if marked is not None:
        return marked
    pattern = MILESTONES["detected_at"][1]
    noticed = next((entry for entry in timeline if (_says(entry, pattern) or _says(entry, _NOTICED))
                    and not _says(entry, _CAUSE_OF_ALERTS)), None)
    raised = next((entry for entry in timeline if _says(entry, _ACK_WORD) or _says(entry, _RESPONSE)
                   or _says(entry, _DECLARED)), None)
    if raised is not None and (noticed is None or raised.at < noticed.at):
        return raised
    return noticed


# "the PR that triggered the alerts was reverted": the alert named as a cause, not raised.
_CAUSE_OF_ALERTS = re.compile(r"\bthat (triggered|fired|raised) (the )?alerts?\b", re.I)


def _start(timeline, detection):
    marked = _marked(timeline, "started_at")
    if marked is not None:
        return marked
    before = [entry for entry in timeline if (detection is None or entry.at <= detection.at)
              and not _says(entry, _RESPONSE) and not _says(entry, _NON_PRODUCTION)]
    impact = next((entry for entry in before if _says(entry, _IMPACT)), None)
    if impact is not None:
        return impact
    pattern = MILESTONES["started_at"][1]
    # A cause written in the detection entry ("reports timeouts on deploys") is what was seen.
    worded = [entry for entry in before if _says(entry, pattern) or (_says(entry, _CAUSE) and entry is not detection)]
    if not worded:
        return None
    return worded[-1] if detection is not None else worded[0]


def _acknowledgement(timeline, detection, start):
    marked = _marked(timeline, "acknowledged_at")
    if marked is not None:
        return marked
    if detection is not None and (_says(detection, _ACK_WORD) or _says(detection, _RESPONSE)):
        return detection  # "investigation starts after noticing the dashboard": both at once
    later = [entry for entry in _after(timeline, detection or start) if entry is not start
             and not _says(entry, _OUTSIDE_RESPONSE)]
    strong = next((entry for entry in later if _says(entry, _ACK_WORD) or _says(entry, _RESPONSE)), None)
    if strong is not None:
        return strong
    # A weak word in an outcome ("declares the hub online") belongs to the mitigation.
    pattern = MILESTONES["acknowledged_at"][1]
    return next((entry for entry in later if _says(entry, pattern) and not _says(entry, _OUTCOME)), None)


def _counts_as_done(entry) -> bool:
    """Not an attempt, not said to have failed, not on a staging copy."""
    return not (_says(entry, _ATTEMPT) or _says(entry, _NEGATED) or _says(entry, _NON_PRODUCTION))


def _outlived(timeline, outcome: re.Pattern) -> set[int]:
    """``id``s of the entries the problem outlived: a later entry, before the next outcome,
    says it persisted (one backward pass, not a scan per entry)."""
    outlived: set[int] = set()
    persisted = False
    for entry in reversed(timeline):
        if persisted:
            outlived.add(id(entry))
        if _says(entry, outcome) and not _says(entry, _NEGATED):
            persisted = False
        elif _says(entry, _PERSISTS) or _says(entry, _NEGATED):
            persisted = True
    return outlived


def _mitigation(timeline, anchor, start):
    marked = _marked(timeline, "mitigated_at")
    if marked is not None:
        return marked
    # A recovery before anyone noticed (it self-healed) counts from the start on.
    since_start = _after(timeline, start) if start is not None and anchor is not None and start.at <= anchor.at else []
    since_anchor = {id(entry) for entry in _after(timeline, anchor)}
    outlived = _outlived(timeline, _ENDED_OR_OUTCOME)
    candidates = [entry for entry in (since_start or _after(timeline, anchor)) if entry is not start
                  and id(entry) not in outlived and _counts_as_done(entry)]
    outcome = next((entry for entry in candidates if _says(entry, _ENDED_OR_OUTCOME)), None)
    if outcome is not None:
        return outcome
    pattern = MILESTONES["mitigated_at"][1]
    return next((entry for entry in candidates if id(entry) in since_anchor and _says(entry, pattern)), None)


def _resolution(timeline, anchor, start):
    marked = _marked(timeline, "resolved_at")
    if marked is not None:
        return marked
    pattern = MILESTONES["resolved_at"][1]
    outlived = _outlived(timeline, _ENDED_OR_OUTCOME)
    candidates = [entry for entry in _after(timeline, anchor, same=True) if entry is not start and id(entry) not in outlived
                  and _counts_as_done(entry) and (_says(entry, pattern) or _says(entry, _RESOLVED_OUTCOME) or _says(entry, _ENDED))]
    confirmed = [entry for entry in candidates if _says(entry, _CONFIRMED)]
    if confirmed:
        return confirmed[-1]
    return candidates[0] if candidates else None
