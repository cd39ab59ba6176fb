"""Whether an item's ticket link stands in for its owner and due date (``ticket-as-owner-and-due``)."""

from __future__ import annotations

from linter.safe_text import safe_excerpt

SETTING = "ticket-as-owner-and-due"


def stands_in(item, config) -> bool:
    """With the switch on, a ticket link is where the owner and due date live."""
    return bool(config.ticket_as_owner_and_due and item.get("link"))


def hint(item) -> str:
    """What a message adds for an item with a ticket link while the switch is off."""
    if not item.get("link"):
        return ""
    return (f"; if its ticket ({safe_excerpt(item.get('link'), 40)}) holds the owner and due date,"
            f" set `{SETTING} = true` in [tool.postmortem]")
