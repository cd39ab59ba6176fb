"""Who owns an action item: a handle, an e-mail address or a plain name; never "TBD" or "team".

The accepted shapes are one regular expression (``owner-pattern`` replaces it); the words that
are never owners are checked first, whatever the pattern says.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HANDLE = r"@[A-Za-z0-9][\w.\-]*(?:/[A-Za-z0-9][\w.\-]*)?"
_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_NAME_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.\-]*"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}"  # "jennifer", "Jane Doe", "Ana de Souza"
DEFAULT_OWNER_PATTERN = rf"{_HANDLE}|{_EMAIL}|{_NAME}"

# Nobody in particular: a group, a placeholder, or a word about timing or state.
_NOT_OWNERS = frozenset({
    "tbd", "tbc", "tba", "team", "the team", "our team", "everyone", "everybody", "all", "us", "we",
    "?", "??", "-", "—", "n/a", "na", "none", "nobody", "unassigned", "someone", "somebody", "anyone",
    "owner", "todo", "unknown", "later", "soon", "asap", "ongoing", "done", "open", "wip", "blocked",
    "in progress", "pending", "next sprint", "next week", "next quarter",
})
_GROUP_WORD = re.compile(r"\b(team|everyone|everybody|people|folks|all of us)\b", re.IGNORECASE)


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def split_owners(text: str) -> list[str]:
    """Several owners: '@jane, @omar', 'Jane Doe and Omar', '@jane / @omar', '@jane & @omar'."""
    return [part.strip() for part in re.split(r",|;|\s+(?:and|/|&|\+)\s+", text) if part.strip()]


def is_owner(text: str, pattern: str | None = None) -> bool:
    value = text.strip().strip("`*_").strip()
    lowered = value.lower()
    if lowered in _NOT_OWNERS or lowered.startswith("the "):
        return False
    if _GROUP_WORD.search(value) and not value.startswith("@"):  # "SRE team": a group, not a person
        return False
    return _compiled(pattern or DEFAULT_OWNER_PATTERN).fullmatch(value) is not None
