"""Inferred values the linter would find contradicting each other, held back for the author.

A document may list its milestones out of lifecycle order ("Incident declared" after the
repair, a year mistyped) or state a duration measured between other points (time to repair,
from detection). Written as they read, the linter would report a contradiction the document
never claims (PM105, PM107). Such a value is not written; it is kept, commented out, with the
reason, for the author to settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from linter import formatspec, milestones
from linter.importer.lifecycle import Milestone

# How far a stated duration may be from started_at → mitigated_at and still be that span.
DURATION_TOLERANCE_MINUTES = 5


@dataclass(frozen=True)
class Held:
    key: str
    value: Any  # as it would have been written
    line: int | None  # input line it came from
    reason: str  # why it is not written, in a few words


def _name(key: str) -> str:
    return milestones.MILESTONES[key][0]


def in_lifecycle_order(found: list[Milestone]) -> tuple[list[Milestone], list[Held]]:
    """The milestones that keep started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved, and
    the others held back: the most milestones that agree, ties keeping the plainest-worded
    (detection, mitigation, resolution, start, then acknowledgement)."""
    preference = ("detected_at", "mitigated_at", "resolved_at", "started_at", "acknowledged_at")
    order = {key: index for index, key in enumerate(formatspec.LIFECYCLE_KEYS)}
    found = sorted(found, key=lambda milestone: order[milestone.key])
    best: list[Milestone] = []
    best_rank: tuple = ()
    for mask in range(1 << len(found)):
        subset = [milestone for index, milestone in enumerate(found) if mask >> index & 1]
        if any(later.at < earlier.at for earlier, later in zip(subset, subset[1:])):
            continue
        kept = {milestone.key for milestone in subset}
        rank = (len(subset), tuple(key in kept for key in preference))
        if rank > best_rank:
            best, best_rank = subset, rank
    held = [Held(milestone.key, milestone.at.strftime("%Y-%m-%dT%H:%M:%SZ"), milestone.line, _out_of_order(milestone, best))
            for milestone in found if milestone not in best]
    return best, held


def _out_of_order(milestone: Milestone, kept: list[Milestone]) -> str:
    """"line 11 reads as the acknowledgement but is after the mitigation (line 10)"."""
    position = formatspec.LIFECYCLE_KEYS.index(milestone.key)
    later = [other for other in kept if formatspec.LIFECYCLE_KEYS.index(other.key) > position and other.at < milestone.at]
    earlier = [other for other in kept if formatspec.LIFECYCLE_KEYS.index(other.key) < position and other.at > milestone.at]
    if later:
        other, relation = later[0], "after"
    else:
        other, relation = earlier[-1], "before"
    return (f"line {milestone.line} reads as the {_name(milestone.key)} but is {relation} the "
            f"{_name(other.key)} (line {other.line})")


def stated_duration(minutes: int, line: int | None, stated: str, kept: list[Milestone]) -> Held | None:
    """``None`` when a stated duration can be written as ``impact.duration_minutes``, else why not.

    The format's duration is started_at → mitigated_at. A stated duration that disagrees with the
    inferred start and mitigation is not that span; a "time to repair/recovery" metric with no
    start and mitigation to check it against may measure from detection, so it is not taken either.
    """
    at = {milestone.key: milestone.at for milestone in kept}
    stated = " ".join(re.sub(r"[*_`]", "", stated).split())
    where = f"'{stated}' (line {line})" if line else f"'{stated}'"
    if "started_at" in at and "mitigated_at" in at:
        span = round((at["mitigated_at"] - at["started_at"]).total_seconds() / 60)
        if abs(span - minutes) <= DURATION_TOLERANCE_MINUTES:
            return None
        return Held("impact.duration_minutes", minutes, line,
                    f"{where} is {minutes} minutes but started_at → mitigated_at is {span} minutes, so it measures another span")
    if stated.lower().startswith("time to"):  # the text as written, its label first
        return Held("impact.duration_minutes", minutes, line,
                    f"{where} may measure from detection, not from the start, and the timeline gives no start "
                    "and mitigation to check it against")
    return None
