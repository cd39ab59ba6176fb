"""Which timeline entries mark the incident's milestones (start, detection, …, resolution).

A milestone is found in the timeline either at the minute of its frontmatter timestamp or,
failing that, by the words people use for it. Shared by the milestone and contradiction rules
and by the importer (``milestone_entries``, to infer the lifecycle timestamps).
"""

from __future__ import annotations

import re
from datetime import timedelta

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
        r"|(service|traffic|launches|everything) resumes|returns? to normal|goes away)\b", re.I)),
    "resolved_at": ("resolution", re.compile(r"\b(resolv(e|es|ed)|all[- ]clear|clos(e|es|ed)|fix(es|ed)? deployed|incident (closed|ended|over)|confirmed (working|fixed|resolved)|(outage|incident) (is )?over|no further (errors|issues|impact)"
        r"|(outage|incident|impact|issue|problem) end(s|ed)?|(outage|incident) to an end|permanent(ly)? fix(ed)?"
        r"|long[- ]term fix (applied|deployed|merged)|resolution (is )?(confirmed|complete))\b", re.I)),
}

# A mitigation that says the service is whole again ("service is restored", "back to normal"):
# in a draft with no separate resolution entry, the incident ended there.
SERVICE_RESTORED = re.compile(
    r"\b((service|services|everything|access|traffic)\b[^.;]{0,20}\brestored|(is|are|was|were) restored"
    r"|back to normal|returns? to normal|(?<!not )operational|work(s|ed|ing)? as (intended|expected)|running (smoothly|as expected)|(is|are) now (fine|back)"
    r"|(confirmed|all|is|are|now|verified)( to be)? (healthy|functional)|back online|hub online|online again"
    r"|working again|solved|goes away|recover(y|ed)|back (in )?operation)\b", re.I)

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


def milestone_entries(document) -> dict:
    """``{key: entry}``: the timeline's milestone entries, chosen by their words (in UTC order).

    Anchored on detection, the milestone people word most plainly: the start is the last
    start-worded entry at or before it (an entry that "begins" a migration hours later is not
    the start); acknowledgement, mitigation and resolution are the first entries after the one
    before, in lifecycle order. Used by PM307 and by the importer to infer lifecycle timestamps.
    """
    timeline = document.timeline
    mentioning = {key: entries_mentioning(timeline, key) for key in MILESTONES}
    chosen: dict = {}
    detection = mentioning["detected_at"][0] if mentioning["detected_at"] else None
    if detection is not None:
        chosen["detected_at"] = detection
        before = [entry for entry in mentioning["started_at"] if entry.at <= detection.at]
        if before:
            chosen["started_at"] = before[-1]
    elif mentioning["started_at"]:
        chosen["started_at"] = mentioning["started_at"][0]
    previous = detection or chosen.get("started_at")
    start = chosen.get("started_at")
    for key in ("acknowledged_at", "mitigated_at", "resolved_at"):
        for entry in mentioning[key]:
            if entry is start:  # "errors start; traffic blocked" is the start, not its mitigation
                continue
            if previous is None or entry.at >= previous.at:
                chosen[key] = previous = entry
                break
    return chosen
