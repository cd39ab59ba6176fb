"""A cheap, exact pre-check for the big phrase regexes: skip text that cannot match.

Python's regex engine tries a long alternation such as the blame phrases at every character
of every line, which made those rules cost as much as parsing the file. But almost every
alternative contains a literal that any match must include ("error", "forgot to", "TODO"). We
derive those literals from the compiled pattern itself (so a new phrase needs no second list)
and only run the regex on text that contains one of them. Where the pattern has no such
literal (or, ignoring case, a non-ASCII one), the regex always runs: the pre-check may say
"maybe" too often, never "no" wrongly.
"""

from __future__ import annotations

import re

# CPython's own regex parser, which is private: where a Python has neither module (or changes
# its parse tree), every pre-check says "maybe" and the rules run their regexes on every line:
# slower, never wrong (tests/test_prefilter.py runs the rules that way).
try:  # Python 3.11+
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10, or a Python without them
    try:
        import sre_constants as _sre  # type: ignore[no-redef]
        import sre_parse as _sre_parse  # type: ignore[no-redef]
    except ImportError:
        _sre = _sre_parse = None

# Character sets this small are expanded into literal alternatives ("[XN]" -> "X" or "N"), and
# runs of literals, small sets, optional parts and alternations are spelled out up to this many
# strings ("(his|her) (fault|error)" -> "his fault", "his error", "her fault", "her error").
_SMALL_SET = 4
_MAX_STRINGS = 64
_LONG_ENOUGH = 6  # a literal this long already rules out nearly all text
_REPEATS = tuple(op for op in (getattr(_sre, "MAX_REPEAT", None), getattr(_sre, "MIN_REPEAT", None),
                               getattr(_sre, "POSSESSIVE_REPEAT", None)) if op is not None)


def _product(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    if left is None or right is None or len(left) * len(right) > _MAX_STRINGS:
        return None
    return {a + b for a in left for b in right}


def _finite(item, ignore_case: bool) -> set[str] | None:
    """Every string one item can match, when they are few enough to list; else None."""
    op, av = item
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        if all(kind is _sre.LITERAL for kind, _ in av) and len(av) <= _SMALL_SET:
            return {chr(value) for _, value in av}
        return None
    if op is _sre.SUBPATTERN:
        if not ignore_case and av[1] & _sre.SRE_FLAG_IGNORECASE:
            return None  # a local (?i:...) in a case-sensitive pattern: its literals are not exact
        return _finite_sequence(av[-1], ignore_case)
    if op is _sre.BRANCH:
        strings: set[str] = set()
        for branch in av[1]:
            spelled = _finite_sequence(branch, ignore_case)
            if spelled is None or len(strings | spelled) > _MAX_STRINGS:
                return None
            strings |= spelled
        return strings
    if op in _REPEATS and av[1] <= 1:  # x? (or x{0}, x{1})
        inner = _finite_sequence(av[2], ignore_case)
        if inner is None:
            return None
        return (inner if av[0] == 1 else inner | {""}) if av[1] == 1 else {""}
    return None


def _finite_sequence(items, ignore_case: bool) -> set[str] | None:
    strings: set[str] | None = {""}
    for item in items:
        strings = _product(strings, _finite(item, ignore_case))
        if strings is None:
            return None
    return strings


def _required(items, ignore_case: bool = False) -> frozenset[str] | None:
    """Strings of which every match of the sequence ``items`` contains at least one; None if unknown.

    Among the candidates (spelled-out runs and their prefixes, and what required parts require)
    the one whose shortest string is longest is kept, up to ``_LONG_ENOUGH`` characters; among
    those, the one with fewest strings, then the longest.
    """
    best: frozenset[str] | None = None

    def score(strings: frozenset[str]) -> tuple[int, int, int]:
        shortest = min(len(string.strip()) for string in strings)  # as _minimal will trim them
        return (min(_LONG_ENOUGH, shortest), -len(strings), shortest)

    def consider(candidate) -> None:
        nonlocal best
        if candidate and all(candidate):
            candidate = frozenset(candidate)
            if best is None or score(candidate) > score(best):
                best = candidate

    run: set[str] = {""}  # the strings the current run of finite items can spell
    for item in items:
        spelled = _finite(item, ignore_case)
        consider(run)  # each prefix of a run is a candidate: "should have" beats six spelled-out endings
        extended = _product(run, spelled)
        if extended is not None:
            run = extended
            continue
        consider(run)
        op, av = item
        if spelled is not None:  # finite, but too many strings with the run before it
            consider(spelled)
            run = set(spelled)
            continue
        run = {""}
        if op is _sre.SUBPATTERN:
            if ignore_case or not av[1] & _sre.SRE_FLAG_IGNORECASE:
                consider(_required(av[-1], ignore_case))
        elif op is _sre.BRANCH:
            parts = [_required(branch, ignore_case) for branch in av[1]]
            if all(parts):
                consider(frozenset().union(*parts))
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2], ignore_case))
        # anything else (assertions, anchors, large sets, optional parts) requires nothing we can name
    consider(run)
    return best


class Prefilter:
    """``might_match(text)`` is False only when ``pattern.search(text)`` is certainly None."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.ignore_case = bool(pattern.flags & re.IGNORECASE)
        try:
            literals = _required(_sre_parse.parse(pattern.pattern, pattern.flags), self.ignore_case)
        except Exception:  # noqa: BLE001 - an unexpected parse tree only disables the pre-check
            literals = None
        if literals is not None and self.ignore_case:
            # Under IGNORECASE, compare lower-cased ASCII literals with folded, lower-cased text.
            literals = frozenset(literal.lower() for literal in literals) if all(map(str.isascii, literals)) else None
        self.literals = _minimal(literals) if literals else None
        # The literals as one regex, shaped as a trie: the engine scans for their first characters
        # in C, then follows one branch per character instead of trying every literal in turn.
        compiled = re.compile(_trie(self.literals)) if self.literals else None
        self._search = compiled.search if compiled else None
        self._spans_lines = any("\n" in literal for literal in self.literals or ())

    def might_match(self, text: str) -> bool:
        if self._search is None:
            return True
        if self.ignore_case:
            text = _casefold_ascii(text)
        return self._search(text) is not None


    def candidates(self, texts: list[str]) -> list[int]:
        """Indexes of the texts that might match, found by searching them joined.

        Exact like ``might_match``: a literal holds no line break, so each occurrence lies in
        one text. After an occurrence the search resumes at the next text: one search per
        candidate text, however often a short literal occurs in it.
        """
        joined = "\n".join(texts)
        if self._search is None or self._spans_lines or joined.count("\n") != len(texts) - 1:
            # nothing to search for, or a text holds a line break: take them one by one
            return [index for index, text in enumerate(texts) if self.might_match(text)]
        if self.ignore_case:
            joined = _casefold_ascii(joined)  # may change lengths, not line breaks
        indexes: list[int] = []
        index = counted_to = 0
        match = self._search(joined)
        while match is not None:
            index += joined.count("\n", counted_to, match.start())
            indexes.append(index)
            end_of_line = joined.find("\n", match.start())
            if end_of_line < 0:
                break
            index, counted_to = index + 1, end_of_line + 1
            match = self._search(joined, counted_to)
        return indexes


# The non-ASCII characters that IGNORECASE matching equates with an ASCII letter; every other
# character can only match a non-ASCII one. tests/test_prefilter.py checks the table against
# the regex engine for every code point.
IGNORECASE_ASCII_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans(IGNORECASE_ASCII_FOLDS)


def _casefold_ascii(text: str) -> str:
    """Lower-cased, with the characters that match ASCII letters ignoring case made ASCII."""
    if not text.isascii():
        for char in IGNORECASE_ASCII_FOLDS:
            if char in text:
                text = text.translate(_FOLD)
                break
    return text.lower()


def _trie(literals: tuple[str, ...]) -> str:
    """A regex matching exactly the given literals, factored by common prefixes."""
    tree: dict = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}  # a literal ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a literal ends here and longer ones go on: the rest is optional
            body = (body if len(branches) > 1 else "(?:" + body + ")") + "?"
        return body

    return pattern(tree)


def _minimal(literals: frozenset[str]) -> tuple[str, ...] | None:
    """Trimmed, without any literal that contains another (which then suffices), longest first."""
    trimmed = sorted({literal.strip() for literal in literals}, key=len)
    if not all(trimmed):
        return None  # a literal of only spaces says nothing selective
    kept: list[str] = []
    for literal in trimmed:
        if not any(shorter in literal for shorter in kept):
            kept.append(literal)
    return tuple(sorted(kept, key=lambda literal: (-len(literal), literal)))


# Keyed by id(): hashing a compiled pattern hashes its whole program, on every call. The
# Prefilter holds its pattern, so the id cannot be reused while the entry exists.
_CACHE: dict[int, Prefilter] = {}


def prefilter(pattern: re.Pattern) -> Prefilter:
    """The pre-check of a compiled pattern, built once per pattern."""
    found = _CACHE.get(id(pattern))
    if found is None or found.pattern is not pattern:
        found = _CACHE[id(pattern)] = Prefilter(pattern)
    return found
