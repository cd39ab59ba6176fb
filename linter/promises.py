"""Follow-ups promised in the prose ("we'll be putting better monitoring in place").

A promise outside the Action items section is still a follow-up: PM406 holds it to the same
standard as an item. Found per paragraph (a sentence may wrap), in every section but Action
items (their items are judged as items) and Timeline (what responders planned at the time).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_PROMISE = re.compile(
    r"\bwe(?:'ll|’ll| will| shall| are going to|'re going to|’re going to| plan to| intend to)\s+"
    r"(?!not\b|never\b|have\b|see\b|need to know\b)"  # "we will not", "we will have to", "we will see it again"
    r"(?:(?:also|then|now|soon|continue to|try to|work to|be|all)\s+)*"
    r"(?P<clause>[^.!?;:()]{3,200})",
    re.IGNORECASE,
)
_CHEAP = re.compile(r"\bwe(?:'ll|’ll| will| shall| are going| 're going| plan| intend)\b", re.IGNORECASE)
_SKIPPED = frozenset({"Action items", "Timeline"})


# "we'll be looking into it": the promised verb, as the item would write it.
_PROGRESSIVE = {"looking": "look", "improving": "improve", "investigating": "investigate", "considering": "consider",
                "adding": "add", "reviewing": "review", "documenting": "document", "establishing": "establish",
                "reflecting": "reflect", "writing": "write", "working": "work", "following": "follow"}
_LEADING_WORD = re.compile(r"^(\w+)")


class Promise(NamedTuple):
    line: int
    clause: str  # the promised change, its verb as an item would write it ("look into it")
    written: str  # the clause as written ("looking into it"), to point at


def promised_follow_ups(document) -> list[Promise]:
    promises: list[Promise] = []
    for section in document.sections:
        if section.canonical in _SKIPPED:
            continue
        for _, text, starts in _paragraphs(section.prose()):
            if not _CHEAP.search(text):
                continue
            offsets = [start for _, start in starts]
            for match in _PROMISE.finditer(text):
                # the line the clause starts on: bisected, not scanned (every promise of a long
                # paragraph scanning all its lines was quadratic)
                line = starts[bisect_right(offsets, match.start("clause")) - 1][0]
                written = match.group("clause").strip()
                clause = _LEADING_WORD.sub(lambda word: _PROGRESSIVE.get(word.group(1).lower(), word.group(1)), written)
                promises.append(Promise(line, clause, written))
    return promises


def _paragraphs(prose):
    """Consecutive prose lines joined, with where each line starts in the joined text."""
    lines: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    previous = None
    for entry in prose:
        if previous is not None and entry.line != previous + 1 and lines:
            yield starts[0][0], " ".join(lines), starts
            lines, starts, length = [], [], 0
        starts.append((entry.line, length))
        lines.append(entry.text)
        length += len(entry.text) + 1
        previous = entry.line
    if lines:
        yield starts[0][0], " ".join(lines), starts
