"""What in an Action items section is an item, and what only sits beside the items.

Real sections hold more than items: a legend of priority levels or action types, a list of
proposals the team rejected, a "What went wrong" sub-heading, an explanatory paragraph's list.
Items carry status words (``DONE``, ``**TODO**``, ``(done)``) that are state, not part of the
action, and sub-bullets that hold the owner, due date or ticket.
"""

from __future__ import annotations

import re

from linter import formatspec, priorities
from linter.bracket_spans import BRACKETED, DESTINATION

# Sub-headings and intro lines whose list is not a list of items.
_NO_ITEMS_TITLE = re.compile(
    r"^\W*(legend|key|glossary|priority (levels?|key|scale|definitions?)|priorities|action types|types of actions?"
    r"|item types|labels|statuses|status (key|values)|rejected|not doing|won'?t do|will not do|out of scope"
    r"|considered( but rejected)?|alternatives( considered)?|options considered|proposals? (we )?rejected"
    r"|ideas (we )?rejected|background|context)\b",
    re.IGNORECASE,
)
_EXPLAINS = re.compile(
    r"\b(legend|key|means?|meaning|levels?|types?|labels|considered|rejected|decided against|not (to )?(do|pursue|doing)"
    r"|won'?t|alternatives|options (we|were)|for (context|reference)|background|because|reasons?|causes?|happened|works like)\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[*_`]+")


def holds_no_items(title: str) -> bool:
    """A sub-heading such as "Legend", "Rejected proposals" or "What went wrong"."""
    canonical = formatspec.canonical_section(title)
    if canonical is not None and canonical != "Action items":
        return True
    return _NO_ITEMS_TITLE.match(_MARKUP.sub("", title)) is not None


def introduces_no_items(paragraph: str) -> bool:
    """The paragraph right before a list says the list is a legend, background or rejected ideas."""
    text = _MARKUP.sub("", paragraph).strip()
    if not text:
        return False
    if _NO_ITEMS_TITLE.match(text) and len(text.split()) <= 6:  # "Legend:", "**Priority levels**"
        return True
    last = text.rsplit("\n", 1)[-1].strip()
    return last.endswith(":") and _EXPLAINS.search(last) is not None


_TYPE_WORDS = ("prevent", "prevention", "mitigate", "mitigation", "detect", "detection", "repair", "process", "investigate")
_PRIORITY_WORDS = sorted({value for scheme in priorities.PRESETS.values() for value in scheme} | {f"sev{n}" for n in range(5)}, key=len, reverse=True)
_LEGEND_ENTRY = re.compile(
    r"^\W*(" + "|".join(map(re.escape, _PRIORITY_WORDS + list(_TYPE_WORDS))) + r")\W*\s*(:|=|—|–|-|\bmeans\b)\s*\S",
    re.IGNORECASE,
)


def is_legend(actions: list[str]) -> bool:
    """Every entry defines a priority level or an action type: "P0: fix before the next deploy"."""
    return len(actions) >= 2 and all(_LEGEND_ENTRY.match(action or "") for action in actions)


_REJECTED = frozenset({"rejected", "won't do", "wont do", "wontfix", "won't fix", "not doing", "dropped", "declined", "will not do"})


def is_rejected(item) -> bool:
    """A proposal the team turned down is no item: struck through or marked rejected."""
    action = item.get("action")
    if item.get("status").lower().strip("*_`()[] ") in _REJECTED:
        return True
    return bool(re.fullmatch(r"~~.+~~\W*", action)) or re.match(r"^\W*(rejected|not doing|won'?t do)\b\W", action, re.IGNORECASE) is not None


_STATUS_WORDS = formatspec.DONE_STATUSES | {"todo", "to do", "open", "in progress", "wip", "blocked", "pending", "ongoing", "started"} | _REJECTED
_STATUS_ALTERNATION = "|".join(sorted(map(re.escape, _STATUS_WORDS), key=len, reverse=True))
# "DONE: add x", "**TODO** add x", "[done] add x"; "add x (DONE)", "add x [wip]", "add x — done"
_LEADING_STATUS = re.compile(
    rf"^(?:\*\*|__)\s*({_STATUS_ALTERNATION})\s*:?\s*(?:\*\*|__)\s*:?\s*(?=\S)"
    rf"|^\[\s*({_STATUS_ALTERNATION})\s*\]\s*:?\s*(?=\S)"
    rf"|^({_STATUS_ALTERNATION})\s*:\s*(?=\S)"
    rf"|^((?-i:TO DO|IN PROGRESS|[A-Z]{{2,}}))\b\s*:?\s+(?=\S)",
    re.IGNORECASE,
)
_TRAILING_STATUS = re.compile(
    rf"\s*(?:[(\[]\s*(?:\*\*|__|_)?({_STATUS_ALTERNATION})(?:\*\*|__|_)?\s*[)\]]|(?:\*\*|__)({_STATUS_ALTERNATION})(?:\*\*|__))\s*\.?\s*$",
    re.IGNORECASE,
)


def is_status_word(text: str) -> bool:
    return text.lower().strip("*_`()[] .") in _STATUS_WORDS


def split_status(text: str) -> tuple[str, str]:
    """The item's text without a leading or trailing status marker, and that marker's word."""
    leading = _LEADING_STATUS.match(text)
    if leading:
        word = next(group for group in leading.groups() if group)
        if word.lower().strip() in _STATUS_WORDS and (leading.group(4) is None or word.isupper()):
            return text[leading.end():], word.strip()
    trailing = _TRAILING_STATUS.search(text)
    if trailing and trailing.start() > 0:
        return text[:trailing.start()], next(group for group in trailing.groups() if group)
    return text, ""


_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(?P<lead>[^*_]{3,}?)(?:\*\*|__)\s*(?::|—|–|-)?\s*(?P<rest>.*)$", re.DOTALL)


def bold_lead(text: str) -> tuple[str, str] | None:
    """"**Separate node pools**: it lets the scheduler …": the bold lead is the action."""
    match = _BOLD_LEAD.match(text)
    if not match or not match.group("rest"):
        return None
    return match.group("lead").strip().rstrip(":").strip(), match.group("rest")


_SUB_FIELD = re.compile(r"^\W*(owner|owners|assignee|who|due|due date|deadline|by|priority|prio|status|ticket|issue|link|tracking|pr)\s*:\s*(.+)$", re.IGNORECASE)
_SUB_FIELD_NAME = {"owners": "owner", "assignee": "owner", "who": "owner", "due date": "due", "deadline": "due", "by": "due",
                   "prio": "priority", "ticket": "link", "issue": "link", "tracking": "link", "pr": "link"}
# A URL is followed by ``\s\W*``, not ``\W*``: after ``\S+`` that would split a run of
# punctuation between the two every way before failing (quadratic).
_LINK_ONLY = re.compile(rf"^\W*(?:https?://\S+(?:\s\W*)?|(?:\[{BRACKETED}\]{DESTINATION}|<https?://[^<>]+>|#\d+)\W*)$")


def read_sub_bullets(item, subs: list[tuple[int, str]], cell_on) -> None:
    """Fields written on the item's sub-bullets ("Owner: Jane Doe", "Due: 2026-05-01", a ticket link)."""
    for line, text in subs:
        field = _SUB_FIELD.match(text.strip())
        if field:
            name = field.group(1).lower()
            name = _SUB_FIELD_NAME.get(name, name)
            if name not in item.fields:
                item.fields[name] = cell_on(field.group(2).strip(), line)
        elif "link" not in item.fields and _LINK_ONLY.match(text.strip()):
            item.fields["link"] = cell_on(text.strip(), line)
