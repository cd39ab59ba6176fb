"""Tables that fit their page: short values stay on one line, prose wraps between words.

A report table's column is as narrow as the browser can make it, so a date, an incident id or an
owner breaks at its hyphens (``PM-2026-`` over ``008``) while the action text beside it keeps a
wide line. Markdown tables cannot say which cells are values, so the HTML of the report pages
and of the incident pages (their Action items tables) is marked after it is sanitized: a cell of a few short words gets ``pm-nowrap`` (the stylesheet
keeps it on one line) and the other cells share what is left; so does a link of a few
words, an incident id in a sentence. It runs on HTML that ``clean_html`` returned and adds only
a fixed class, to cells and links that have none.
"""

from __future__ import annotations

import html
import re

_CELL = re.compile(r"<td(?P<attributes>(?:\s[^>]*)?)>(?P<inner>.*?)</td>", re.DOTALL)
_LINK = re.compile(r"<a(?P<attributes>\s[^>]*)>(?P<inner>[^<]*)</a>")
_TAG = re.compile(r"<[^>]*>")
SHORT_CHARS = 24  # "@support-eng/mateo", "2026-12-03", "PM-2026-008": values, not prose
SHORT_WORDS = 3  # "4 of 6", "14 d", "12 min"


def is_value(text: str) -> bool:
    """A cell that reads as one value: few words, few characters."""
    text = " ".join(text.split())
    return len(text) <= SHORT_CHARS and len(text.split(" ")) <= SHORT_WORDS


def _marker(tag: str):
    def mark(match: re.Match) -> str:
        attributes, inner = match["attributes"], match["inner"]
        if not is_value(html.unescape(_TAG.sub("", inner))) or "class=" in attributes:
            return match[0]
        return f'<{tag}{attributes} class="pm-nowrap">{inner}</{tag}>'
    return mark


_mark_cell, _mark_link = _marker("td"), _marker("a")


def keep_values_whole(page_html: str) -> str:
    """The page with every short table cell, and every short link (an incident id in a sentence),
    marked ``pm-nowrap``."""
    return _LINK.sub(_mark_link, _CELL.sub(_mark_cell, page_html))
