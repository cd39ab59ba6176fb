"""'Did you mean' suggestions for misspelt keys, codes and slugs."""

from __future__ import annotations

import difflib


def closest(word: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(str(word).lower(), [c.lower() for c in candidates], n=1, cutoff=0.6)
    if not matches:
        return None
    lowered = {c.lower(): c for c in candidates}
    return lowered[matches[0]]


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` or an empty string."""
    match = closest(word, candidates)
    return f"; did you mean '{match}'?" if match else ""
