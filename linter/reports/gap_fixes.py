"""Systemic gaps and whether they were fixed: the action items that address each gap.

A systemic gap (``recurring.py``) is a category or factor several incidents share; one fix is
owed for all of them. This finds, among the action items of the gap's incidents, the ones that
address it, and says whether any of them is done:

- an item addresses a gap when its text names the gap's slug (``(no-canary)``) or, failing
  that, when it has the words of the gap's remedy (a canary or staged rollout
  for ``no-canary``, an alert or page for ``missing-alert``; ``REMEDIES`` below, one line per
  slug; a slug with no line matches by name only);
- a gap is ``unaddressed`` when no item addresses it, ``open`` when items do but none is done,
  ``recurring`` when a fix is done and yet more of its incidents came after the first fix closed
  (``Action.closed_on``: the due date stands in for the completion date; fixes made one
  incident at a time, not the one systemic fix), and ``fixed`` when no incident came after.
  Listed in that order: the first ones are the signal to act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from linter.incident import Action, Incident
from linter.reports.recurring import SystemicGap

REMEDIES: dict[str, str] = {
    # contributing factors
    "no-canary": r"canar(y|ies)|staged rollout|progressive (rollout|delivery)|shadow (traffic|mode)|\d+ ?% (of )?traffic",
    "missing-alert": r"alert|alarm|page[sd]? |paging|monitor",
    "noisy-alert": r"(alert|alarm|page)\w*.*(threshold|dedup|noise|route|tune|window|silence)|(threshold|dedup|route|tune)\w*.*(alert|alarm)",
    "missing-eval-case": r"\beval(s|uation)?\b.*\b(case|set|example|suite)|regression (suite|set|case)|golden",
    "missing-validation": r"validat|reject|schema|bounds?\b|guard|sanity check|enforce",
    "stale-runbook": r"runbook|playbook|documentation|\bdocs?\b",
    "unclear-ownership": r"owner(ship)?|codeowners|on-?call rota|escalation policy|raci",
    "access-gap": r"access|permission|\brole\b|break-?glass|credential|iam",
    "slow-rollback": r"roll ?back|revert|undo",
    "no-kill-switch": r"kill[- ]?switch|feature flag|\bflag\b|circuit breaker|disable",
    "config-drift": r"drift|reconcil|terraform|gitops|config (check|diff|audit)",
    "untested-failover": r"fail ?over|drill|game ?day|chaos",
    "single-point-of-failure": r"redundan|replica|second (region|zone|provider|intermediate)|fallback|multi-?(region|az|zone)",
    "late-escalation": r"escalat|page .*(on-?call|commander)|sev(erity)? (criteria|rubric)",
    "late-communication": r"status ?page|communicat|notif|announce|customer (update|message)",
    # root-cause categories
    "deploy": r"deploy|rollout|canar|release",
    "config": r"config|flag|setting",
    "capacity": r"capacity|autoscal|quota|limit|load ?test|headroom",
    "dependency": r"dependenc|vendor|provider|upstream|pin ",
    "model": r"\beval|model|snapshot|guard",
    "prompt": r"\beval|prompt|guard",
    "data": r"data (check|test|quality|contract)|schema|sensor|freshness",
    "infrastructure": r"node|disk|dns|network|cluster|certificat",
    "downstream-api": r"timeout|retr(y|ies)|circuit breaker|fallback|contract test",
    "tool-schema": r"schema|contract|tool",
    "retrieval": r"index|retriev|embedding|rerank",
    "security": r"secret|rotat|access|vulnerab|patch",
    "process": r"process|checklist|review|runbook",
    "code": r"test|fix|check|validat",
}
_COMPILED = {slug: re.compile(pattern, re.IGNORECASE) for slug, pattern in REMEDIES.items()}
ORDER = ("unaddressed", "recurring", "open", "fixed")


@dataclass(frozen=True)
class GapFix:
    gap: SystemicGap
    items: tuple[Action, ...]  # the items of the gap's incidents that address it, in incident order
    incident_dates: tuple[date, ...] = ()  # of the gap's incidents, oldest first

    @property
    def state(self) -> str:
        if any(item.done for item in self.items):
            return "recurring" if self.incidents_after_fix else "fixed"
        return "open" if self.items else "unaddressed"

    @property
    def first_fix_on(self) -> date | None:
        closed = [item.closed_on for item in self.items if item.done]
        return min(closed) if closed else None

    @property
    def incidents_after_fix(self) -> int:
        """Incidents of the gap dated after its first fix closed: a fix that did not hold."""
        first = self.first_fix_on
        return 0 if first is None else sum(day > first for day in self.incident_dates)


@lru_cache(maxsize=None)
def _naming(slug: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", re.IGNORECASE)


def addresses(item: Action, slug: str) -> bool:
    if _naming(slug).search(item.action):
        return True
    pattern = _COMPILED.get(slug)
    return bool(pattern and pattern.search(item.action))


# Items of one gap from which the patterns' exact literal pre-checks (linter.prefilter) run over
# all their texts joined, and the regexes only on the texts that hold a literal: at 10,000
# incidents the gaps ask 160,000 times. Building a pre-check costs a few milliseconds, more
# than a small report's searches.
_PRECHECK_FROM = 256


def addressing(items: list[Action], slug: str) -> list[Action]:
    """The items that address the gap ``slug``, in their order (``addresses`` on each)."""
    if len(items) < _PRECHECK_FROM:
        return [item for item in items if addresses(item, slug)]
    from linter.prefilter import prefilter

    texts = [item.action for item in items]
    maybe: set[int] = set()
    for pattern in (_naming(slug), _COMPILED.get(slug)):
        if pattern is not None:
            maybe.update(prefilter(pattern).candidates(texts))
    return [item for index, item in enumerate(items) if index in maybe and addresses(item, slug)]


def gap_fixes(gaps: tuple[SystemicGap, ...], incidents: dict[str, Incident]) -> tuple[GapFix, ...]:
    """Each gap with its addressing items, in ``ORDER`` of their state (stable within one state)."""
    found = []
    for gap in gaps:
        items = tuple(addressing([item for ident in gap.incidents if ident in incidents
                                  for item in incidents[ident].actions], gap.name))
        dates = tuple(incidents[ident].date for ident in gap.incidents if ident in incidents)
        found.append(GapFix(gap, items, dates))
    return tuple(sorted(found, key=lambda fix: ORDER.index(fix.state)))
