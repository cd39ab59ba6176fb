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
    "detected_at": ("detection", re.compile(r"\b(alert(s|ed)?|pag(e|es|ed)|detect(s|ed)?|notic(e|es|ed)|report(s|ed)?|fires?|fired|flag(s|ged)?|triggered|identified|realiz(e|es|ed)|realis(e|es|ed))\b", re.I)),
    "acknowledged_at": ("acknowledgement", re.compile(r"\b(ack(s|ed)?|acknowledg(e|es|ed)|join(s|ed)|incident (declared|opened)|declare(s|d)?|responds?|responded|investigat(es|ing))\b", re.I)),
    "mitigated_at": ("mitigation", re.compile(
        r"\b(mitigat(e|es|ed|ion)|roll(s|ed)? back|rollback|revert(s|ed)?|recover(s|ed|y|ing)?|restor(e|es|ed)|fail(s|ed)? over"
        r"|disabled?|kill switch|back to normal|restart(s|ed)?|hotfix|patch(es|ed)?|workaround|skip(s|ped)?|block(s|ed)?"
        r"|turn(s|ed)? off|scaled? (up|out)|shift(s|ed)? traffic|drain(s|ed)?|(starts?|started) (falling|dropping)|fix(es|ed)? (applied|deployed|merged)|rolled over|working again|back up|came back|available again|confirmed working)\b", re.I)),
    "resolved_at": ("resolution", re.compile(r"\b(resolv(e|es|ed)|all[- ]clear|clos(e|es|ed)|fix(es|ed)? deployed|incident (closed|ended|over)|confirmed (working|fixed|resolved)|(outage|incident) (is )?over|no further (errors|issues|impact))\b", re.I)),
}

TOLERANCE = timedelta(minutes=1)


def entries_at(timeline, moment) -> list:
    return [entry for entry in timeline if entry.at is not None and abs(entry.at - moment) <= TOLERANCE]


def entries_mentioning(timeline, key: str) -> list:
    """The entries with a UTC time whose words name the milestone (a heading entry's body counts)."""
    pattern = MILESTONES[key][1]
    return [entry for entry in timeline if entry.at is not None and pattern.search(entry.words)]


def milestone_entries(document) -> dict:
    """``{key: entry}``: the first timed entry that names each milestone, chosen by its words."""
    found = {}
    for key in MILESTONES:
        mentions = entries_mentioning(document.timeline, key)
        if mentions:
            found[key] = mentions[0]
    return found
