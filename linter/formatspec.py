"""The defaults of the postmortem format (docs/format.md): sections, taxonomies, value sets.

Everything here can be extended by configuration (linter/config.py); rules read the
effective values from the ``Config``, never from this module directly.
"""

from __future__ import annotations

# Canonical section name -> accepted headings (compared after ``normalize_heading``).
SECTIONS: dict[str, tuple[str, ...]] = {
    "Summary": ("summary",),
    "Impact": ("impact", "user impact", "what broke"),
    "Timeline": ("timeline", "timeline (utc)"),
    "Root cause": ("root cause", "why", "root causes"),
    "Contributing factors": (
        "contributing factors",
        "what kept it broken longer",
        "what made it worse",
    ),
    "What went well": ("what went well",),
    "What went wrong": ("what went wrong", "what didn't go well", "what did not go well"),
    "Where we got lucky": ("where we got lucky",),
    "Action items": ("action items", "specific changes", "corrective actions"),
    "Lessons learned": ("lessons learned",),
}

SECTION_ORDER: tuple[str, ...] = tuple(SECTIONS)

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

KNOWN_KEYS: tuple[str, ...] = (
    "id", "title", "date", "severity", "status", "services", "authors", "incident_commander",
    *LIFECYCLE_KEYS, "impact", "detection", "root_cause_category", "contributing_factors",
    "tags", "related", "timezone",
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


def normalize_heading(text: str) -> str:
    """Lower-case a heading and fold the punctuation people vary (``What didn’t go well:``)."""
    text = text.strip().replace("’", "'").lower()
    text = text.rstrip(":. ").strip()
    return " ".join(text.split())


_ALIASES: dict[str, str] = {alias: name for name, names in SECTIONS.items() for alias in names}


def canonical_section(title: str) -> str | None:
    """The format's name for a heading (aliases folded), None when it is not a known section.

    The one place headings are matched to sections: the document model, the importer and the
    rules all ask here.
    """
    heading = normalize_heading(title)
    found = _ALIASES.get(heading)
    if found is None and heading.endswith(")") and "(" in heading:
        # "Timeline (PDT)", "Timeline (all times UTC)": a parenthetical after a known name.
        found = _ALIASES.get(heading[:heading.index("(")].strip())
    return found


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
