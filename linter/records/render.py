"""Events as a Timeline section (Markdown or JSON), and the lifecycle milestones they show.

Record text is untrusted: it is made one line, truncated, its invisible characters shown as
escapes, and every character that Markdown or HTML would read as markup escaped, so an entry can
neither inject HTML or links (PM801, PM802, PM805) nor break out of its list item.
"""

from __future__ import annotations

import re
from datetime import datetime

from linter import formatspec
from linter.records.event import Event
from linter.rules.unsafe_url import normalized, unsafe_scheme
from linter.safe_text import safe_excerpt

MAX_TEXT = 500
NOTE = "All times UTC."
# Backslash escapes that both engines (markdown-it, Python-Markdown) honour; numeric entities for
# the rest, which Python-Markdown does not unescape (`\<` would stay a live `<`).
_ESCAPES = str.maketrans({
    "\\": "\\\\", "*": "\\*", "_": "\\_",
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
    "{": "&#123;", "}": "&#125;", "|": "&#124;", "~": "&#126;",
})


REMOVED_URL = "(unsafe link removed)"
# A run of text that a Markdown engine or browser could take as one URL.
_URL_LIKE = re.compile(r"[^\s\[\]()<>\"'=]+")


def defang(text: str) -> str:
    """``text`` without script or data URLs (as PM802 decodes them: entities, percent escapes).

    Escaping alone is not enough: the parser decodes ``&#91;x&#93;(javascript:...)`` back to a
    link-shaped text that PM802 refuses. A bare ``data:`` in prose ("data: none lost") is kept
    unless it follows what opens a URL (``<``, ``=``, ``](``).
    """
    def replace(match: re.Match) -> str:
        word = match.group()
        scheme = unsafe_scheme(word)
        if scheme is None:
            return word
        opens_url = text[:match.start()].rstrip(" \"'").endswith(("<", "=", "](", "]:"))
        return REMOVED_URL if opens_url or len(normalized(word)) > len(scheme) else word
    return _URL_LIKE.sub(replace, text) if ":" in text or "&" in text or "%" in text else text


def escape(text: str, limit: int = MAX_TEXT) -> str:
    """Untrusted record text as inert Markdown on one line."""
    return safe_excerpt(defang(" ".join(text.split())), limit).translate(_ESCAPES)


def milestones(events: list[Event]) -> dict[str, datetime]:
    """The first time the records show each milestone, kept only in lifecycle order.

    A milestone earlier than one before it in the lifecycle (an acknowledgement before the
    trigger) is left out rather than written as a contradiction.
    """
    first: dict[str, datetime] = {}
    for event in events:
        if event.milestone and event.milestone not in first:
            first[event.milestone] = event.at.replace(microsecond=0)
    kept: dict[str, datetime] = {}
    for key in formatspec.LIFECYCLE_KEYS:
        if key in first and all(first[key] >= earlier for earlier in kept.values()):
            kept[key] = first[key]
    return kept


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_line(event: Event, full_date: bool) -> str:
    when = event.at.strftime("%Y-%m-%d %H:%M UTC" if full_date else "%H:%M UTC")
    actor = f" — {escape(event.actor, 80)}" if event.actor else ""
    return f"- {when} — {escape(event.text)}{actor}"


def missing_hint(events: list[Event]) -> str:
    """An HTML comment naming the milestones the records do not show ('' when they show all)."""
    from linter.milestones import MILESTONES

    shown = milestones(events)
    missing = [label for key, (label, _) in MILESTONES.items() if key not in shown]
    if not missing:
        return ""
    return (f"<!-- The records do not show the {', '.join(missing)}: add each as an entry with its UTC "
            "time, and its timestamp in the frontmatter. -->\n\n")


def markdown(events: list[Event], hint: bool = False) -> str:
    """``## Timeline``, the note, and one entry per event (a full date on the first and at each new day).

    With ``hint``, a comment for the author names the milestones still to add (for ``new``)."""
    lines, day = [], None
    for event in events:
        lines.append(entry_line(event, event.at.date() != day))
        day = event.at.date()
    return f"## Timeline\n\n{NOTE}\n\n" + (missing_hint(events) if hint else "") + "\n".join(lines) + "\n"


def as_json(kind: str, events: list[Event]) -> dict:
    return {
        "format": kind,
        "milestones": {key: iso(moment) for key, moment in milestones(events).items()},
        "events": [
            {"at": iso(event.at), "text": event.text, "actor": event.actor, "milestone": event.milestone}
            for event in events
        ],
        "markdown": markdown(events),
    }
