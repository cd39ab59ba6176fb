"""The defaults of the postmortem format (docs/format.md): sections, taxonomies, value sets.

Everything here can be extended by configuration (linter/config.py); rules read the
effective values from the ``Config``, never from this module directly.
"""

from __future__ import annotations

import re

# Canonical section name -> accepted headings (compared after ``normalize_heading``): the
# format's own names first, then those of the Google SRE, Atlassian and PagerDuty templates and
# the common variants real postmortems use. Sections not in REQUIRED_SECTIONS are optional:
# recognised (their own name, their place in the order), never demanded.
SECTIONS: dict[str, tuple[str, ...]] = {
    "Summary": ("summary", "incident summary", "overview", "description", "executive summary",
                "tl;dr", "tldr", "summary of the incident", "incident overview"),
    "What happened": ("what happened", "incident description", "narrative"),  # PagerDuty
    "Leadup": ("leadup", "lead-up", "lead up", "background", "context"),  # Atlassian
    "Impact": ("impact", "user impact", "what broke", "customer impact", "impact on users",
               "impact on customers", "business impact", "impact assessment"),
    "Timeline": ("timeline", "incident timeline", "timeline of events",
                 "detailed timeline", "chronology", "sequence of events", "key events"),
    "Fault": ("fault",),  # Atlassian: how the change failed
    "Root cause": ("root cause", "why", "root causes", "root cause analysis", "cause", "causes",
                   "five whys", "5 whys", "rca"),
    "Trigger": ("trigger", "triggers"),  # Google SRE
    "Contributing factors": (
        "contributing factors",
        "what kept it broken longer",
        "what made it worse",
        "contributing causes",
    ),
    "Detection": ("detection", "how we found out", "how was it detected", "identified"),
    "Response": ("response", "incident response"),  # Atlassian
    "Resolution": ("resolution", "recovery", "resolution and recovery", "mitigation",
                   "mitigation and resolution", "remediation", "how it was fixed"),
    "Responders": ("responders", "people involved"),  # PagerDuty
    "Messaging": ("messaging", "communication", "communications", "customer communication"),  # PagerDuty
    "What went well": ("what went well", "what went right", "things that went well"),
    "What went wrong": ("what went wrong", "what didn't go well", "what did not go well",
                        "what didn't go so well", "what did not go so well", "what went poorly",
                        "what went badly", "what could have gone better", "what could have gone well",
                        "things that went wrong"),
    "Where we got lucky": ("where we got lucky", "where we were lucky", "what was lucky"),
    "Action items": ("action items", "specific changes", "corrective actions", "what we're doing about it",
                     "what we are doing about it", "follow-ups", "follow ups", "follow-up", "followups",
                     "follow-up actions", "follow-up items", "follow-up improvements", "next steps",
                     "corrective and preventative measures", "corrective and preventive measures",
                     "corrective and preventative actions", "preventive actions", "preventative actions",
                     "remediation items", "future actions", "action plan", "actions", "review actions"),
    "Lessons learned": ("lessons learned", "lessons learnt", "lessons", "learnings", "retrospective",
                        "how'd we do", "how did we do", "reflection", "reflections"),
    "Appendix": ("appendix", "supporting information", "references", "related links", "links"),
}

# The format's own order. The optional sections sit where they fit (the Detection, Response and
# Resolution of the big templates next to the contributing factors they explain).
SECTION_ORDER: tuple[str, ...] = (
    "Summary", "What happened", "Leadup", "Impact", "Timeline", "Fault", "Root cause", "Trigger",
    "Contributing factors", "Detection", "Response", "Resolution", "Responders", "Messaging",
    "What went well", "What went wrong", "Where we got lucky", "Action items", "Lessons learned",
    "Appendix",
)

# The core sections a new postmortem is scaffolded with (``postmortem new``), in order.
CORE_SECTIONS: tuple[str, ...] = (
    "Summary", "Impact", "Timeline", "Root cause", "Contributing factors", "What went well",
    "What went wrong", "Where we got lucky", "Action items", "Lessons learned",
)

# A section that may hold others as the next level of heading, and the ones it may hold: the
# Google SRE template's "Lessons Learned" wraps What went well / wrong / lucky, PagerDuty's
# "How'd we do?" (an alias) wraps What went well / What didn't go so well.
WRAPPERS: dict[str, tuple[str, ...]] = {
    "Lessons learned": ("What went well", "What went wrong", "Where we got lucky"),
}

# Orders a postmortem may follow, each a sequence of ranks (the sections of one rank in any
# order): section-order is quiet when a document follows any of them. A wrapper with wrapped
# sections takes their place, so it is not ranked itself.
TEMPLATE_ORDERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "the format's": (
        ("Summary",), ("What happened", "Leadup"), ("Impact",), ("Timeline",),
        ("Fault", "Root cause", "Trigger"), ("Contributing factors",), ("Detection", "Response", "Resolution"),
        ("Responders", "Messaging"), ("What went well",), ("What went wrong",), ("Where we got lucky",),
        ("Action items", "Lessons learned"), ("Appendix",),
    ),
    "the Google SRE template's": (
        ("Summary",), ("Impact",), ("Root cause", "Trigger", "Contributing factors"), ("Detection", "Resolution", "Response"),
        ("Action items", "Lessons learned", "What went well", "What went wrong", "Where we got lucky"),
        ("Timeline",), ("Appendix",),
    ),
    "the Atlassian template's": (
        ("Summary",), ("Leadup",), ("Fault",), ("Impact",), ("Detection",), ("Response",), ("Resolution",),
        ("Timeline",), ("Root cause",), ("Contributing factors",),
        ("Lessons learned", "What went well", "What went wrong", "Where we got lucky"), ("Action items",),
        ("Appendix",),
    ),
    # An incident log that leads with its key facts (the UK Ministry of Justice Cloud Platform's):
    # key events, how it was identified and the impact, then the context and the resolution.
    "the key-events incident log's": (
        ("Summary",), ("Timeline",), ("Detection",), ("Impact",), ("Leadup", "What happened"),
        ("Fault", "Root cause", "Trigger"), ("Contributing factors",), ("Response", "Resolution"),
        ("Action items",), ("Lessons learned", "What went well", "What went wrong", "Where we got lucky"), ("Appendix",),
    ),
    "the PagerDuty template's": (
        ("Summary",), ("What happened",), ("Contributing factors", "Root cause"), ("Resolution",), ("Impact",),
        ("Responders",), ("Timeline",), ("Lessons learned", "What went well"), ("What went wrong",), ("Where we got lucky",),
        ("Action items",), ("Messaging",), ("Appendix",),
    ),
}

# A required section another one stands for: a team that lists its contributing factors has said
# what went wrong (the shape of templates whose "Lessons learned" replaces the went-wrong list).
STANDS_FOR: dict[str, tuple[str, ...]] = {
    "What went wrong": ("Contributing factors",),
}

REQUIRED_SECTIONS: tuple[str, ...] = (
    "Summary",
    "Impact",
    "Timeline",
    "Root cause",
    "Contributing factors",
    "What went well",
    "What went wrong",
    "Action items",
)

ROOT_CAUSE_CATEGORIES: tuple[str, ...] = (
    "code", "config", "deploy", "dependency", "capacity", "data", "infrastructure",
    "security", "model", "prompt", "tool-schema", "retrieval", "downstream-api", "process",
)

CONTRIBUTING_FACTORS: tuple[str, ...] = (
    "no-canary", "missing-alert", "noisy-alert", "missing-eval-case", "missing-validation",
    "stale-runbook", "unclear-ownership", "access-gap", "slow-rollback", "no-kill-switch",
    "config-drift", "untested-failover", "single-point-of-failure", "late-escalation",
    "late-communication",
)

SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")
STATUSES: tuple[str, ...] = ("draft", "in-review", "published")
DETECTION_SOURCES: tuple[str, ...] = (
    "alert", "customer-report", "internal-report", "drill", "automated-eval", "other",
)
PRIORITIES: tuple[str, ...] = ("P0", "P1", "P2", "P3")

# Lifecycle timestamps, in the order they must occur.
LIFECYCLE_KEYS: tuple[str, ...] = (
    "started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at",
)

ALWAYS_REQUIRED_KEYS: tuple[str, ...] = (
    "id", "title", "date", "severity", "status", "services", "authors",
)
PUBLISHED_REQUIRED_KEYS: tuple[str, ...] = (
    "incident_commander", "started_at", "detected_at", "mitigated_at", "resolved_at",
    "impact", "detection", "root_cause_category",
)

IMPACT_KEYS: tuple[str, ...] = (
    "users_affected", "duration_minutes", "revenue_usd", "slo_budget_minutes",
    "support_tickets", "data_loss",
)

# Root-cause categories that are stochastic terminals: they need a regression eval case.
STOCHASTIC_CATEGORIES: tuple[str, ...] = ("model", "prompt")

ACTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "action": ("action", "action item", "change", "what"),
    "owner": ("owner", "owners", "assignee", "who"),
    "due": ("due", "due date", "deadline", "by"),
    "priority": ("priority", "prio", "pri"),
    "link": ("link", "ticket", "pr", "issue", "tracking"),
    "status": ("status", "state", "done"),
    "type": ("type", "kind"),
}
REQUIRED_ACTION_COLUMNS: tuple[str, ...] = ("action", "owner", "due", "priority")

DONE_STATUSES: frozenset[str] = frozenset({"done", "closed", "complete", "completed", "fixed", "merged", "shipped", "resolved"})


_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|\d+\.\d+(?:\.\d+)*)\s+")  # "1. ", "2) ", "3.1 " (not "5 whys")
_PARENTHETICAL = re.compile(r"(?<!\s)\s*\([^()]*\)$")  # "Timeline (PDT)", "Contributing factors (findings)"


def normalize_heading(text: str) -> str:
    """Lower-case a heading and fold what people vary: markup, numbering, trailing punctuation
    (``**1. What didn’t go well?**`` -> ``what didn't go well``)."""
    text = text.strip().replace("’", "'").strip("*_` ").lower()
    text = _NUMBERING.sub("", text)
    text = text.rstrip(":.?! ").strip("*_` ")
    return " ".join(text.split())


def _alias_table() -> dict[str, str]:
    return {alias: name for name, names in SECTIONS.items() for alias in names}


_ALIASES: dict[str, str] = _alias_table()


def canonical_section(title: str) -> str | None:
    """The format's name for a heading (aliases folded), None when it is not a known section.

    The one place headings are matched to sections: the document model, the importer and the
    rules all ask here. A trailing parenthetical is a note (``Timeline (PDT)``, ``Root cause(s)``):
    the heading is matched without it when it is not an alias as written.
    """
    name = normalize_heading(title)
    found = _ALIASES.get(name)
    if found is None and name.endswith(")"):
        found = _ALIASES.get(normalize_heading(_PARENTHETICAL.sub("", name)))
    return found


def accepted_headings(name: str) -> tuple[str, ...]:
    """The headings accepted for a section, as a reader would write them (for messages)."""
    return tuple(alias[:1].upper() + alias[1:] for alias in SECTIONS.get(name, ()))


_NOT_OWNERS = frozenset({"", "tbd", "tbc", "team", "the team", "everyone", "all", "?", "??", "-", "—", "n/a", "na", "none", "unassigned", "someone", "owner", "todo"})


def is_owner_handle(text: str) -> bool:
    """``@name``, ``@team/name`` or an e-mail address; TBD, team, everyone or ? are not owners."""
    import re

    value = text.strip().strip("`*_")
    if value.lower() in _NOT_OWNERS:
        return False
    return bool(re.fullmatch(r"@[A-Za-z0-9][\w.\-]*(/[A-Za-z0-9][\w.\-]*)?|[\w.+\-]+@[\w\-]+(\.[\w\-]+)+", value))


OWNER_HANDLE_PATTERN = r"^(@[A-Za-z0-9][\w.\-]*(/[A-Za-z0-9][\w.\-]*)?|[\w.+\-]+@[\w\-]+(\.[\w\-]+)+)$"
ID_PATTERN = r"^PM-\d{4}-\d{3,}$"


# One hint per section: what good content looks like (docs/format.md says why); the scaffold
# writes them as comments and PM201's fix under a section it adds.
SECTION_HINTS: dict[str, str] = {
    "Summary": "Three sentences at most: what users saw, from when to when (UTC), how many were affected, how it ended.",
    "Impact": "Numbers, not adjectives: users or orders affected, minutes of impact, revenue, support tickets, error budget spent, data lost or not.",
    "Timeline": "One list item per event, each starting with a UTC time, e.g. '- 03:19 UTC — Alert CheckoutCompletionLow pages on-call — PagerDuty'. Show start, detection, acknowledgement, mitigation and resolution.",
    "Root cause": "The mechanism, not a person: what changed, why that broke this, why no safeguard caught it. For a model or prompt failure, also name the stochastic part.",
    "Contributing factors": "What made it worse or kept it broken longer: detection, response and escalation gaps, each naming the specific alert, runbook, access or check that was missing.",
    "What went well": "What limited the damage by design: the alert that fired, the kill switch that worked, the runbook that was right.",
    "What went wrong": "What slowed detection, response or recovery, as facts about systems and process, not about people.",
    "Where we got lucky": "What limited the damage by chance, not by design.",
    "Action items": "One row per change: what exactly, where, with which threshold or signal; a real owner (@handle); a due date (YYYY-MM-DD); a priority P0-P3. Model or prompt causes need a regression eval case.",
    "Lessons learned": "What the rest of engineering should take from this beyond the action items.",
}


def section_hint(name: str) -> str:
    """The hint written under a new section ``name`` (a generic one for a custom section)."""
    return SECTION_HINTS.get(name, "Fill this in.")
