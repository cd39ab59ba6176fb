"""Whether an item's ticket link stands in for its owner and due date (``ticket-as-owner-and-due``)."""

from __future__ import annotations

import re

from linter.bracket_spans import IN_PARENTHESES
from linter.safe_text import safe_excerpt

_LINK_TEXT = re.compile(rf"\[([^\[\]]+)\]\(({IN_PARENTHESES})\)")

SETTING = "ticket-as-owner-and-due"


def stands_in(item, config) -> bool:
    """With the switch on, a ticket link is where the owner and due date live."""
    return bool(config.ticket_as_owner_and_due and item.get("link"))


def hint(item) -> str:
    """What a message adds for an item with a ticket link while the switch is off."""
    link = item.get("link")
    if not link:
        return ""
    markdown = _LINK_TEXT.search(link)  # "[OPS-130](https://…)": name it as the reader sees it
    shown = (markdown.group(1) or markdown.group(2)) if markdown else link
    return (f"; if its ticket ({safe_excerpt(shown.strip('()'), 40)}) holds the owner and due date,"
            f" set `{SETTING} = true` in [tool.postmortem]")
