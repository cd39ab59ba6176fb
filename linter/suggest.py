"""'Did you mean' suggestions for misspelt keys, codes, slugs and postmortem ids."""

from __future__ import annotations

import difflib
from collections import defaultdict


def closest(word: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(str(word).lower(), [c.lower() for c in candidates], n=1, cutoff=0.6)
    if not matches:
        return None
    lowered = {c.lower(): c for c in candidates}
    return lowered[matches[0]]


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` or an empty string."""
    return _phrase(closest(word, candidates))


def _phrase(match: str | None) -> str:
    return f"; did you mean '{match}'?" if match else ""


def _with_one_deleted(word: str) -> set[str]:
    return {word[:index] + word[index + 1:] for index in range(len(word))}


class NearSpellings:
    """Suggestions among many candidates (a corpus's 10,000 ids), without comparing each one.

    ``difflib`` over every candidate costs milliseconds per word, for every unknown word: a
    corpus with more files has more candidates *and* more dangling references. Here each
    candidate is indexed under itself and its one-character deletions ("symmetric delete"), so
    one lookup per deletion of the word finds every candidate one typo away: a character
    missing, extra or replaced, or two neighbours swapped. The nearest of those by difflib's
    ratio is suggested; a word with no candidate that close gets no suggestion (a different id
    of the same year is a guess, not a correction).
    """

    def __init__(self, candidates):
        self._index: dict[str, set[str]] = defaultdict(set)
        for candidate in candidates:
            self._index[candidate].add(candidate)
            for variant in _with_one_deleted(candidate):
                self._index[variant].add(candidate)

    def closest(self, word: str) -> str | None:
        found: set[str] = set(self._index.get(word, ()))
        if word in found:
            return None  # a known word needs no correction
        for variant in _with_one_deleted(word):
            found.update(self._index.get(variant, ()))
        if not found:
            return None
        return max(sorted(found), key=lambda candidate: difflib.SequenceMatcher(None, word, candidate).ratio())

    def did_you_mean(self, word: str) -> str:
        return _phrase(self.closest(word))
