"""Which rules run, at which severity, on which file — decided here, once per run.

Selectors (in ``--select``/``--ignore``, the configuration's ``select``, ``ignore``, ``severity``
and ``per-file-ignores``, and suppression comments) are a rule's code (``PM405``), its name
(``action-item-vague``), a code prefix (``PM4``) or ``ALL``. The most specific matching selector
wins, as in flake8: a name or full code beats a prefix, a longer prefix beats a shorter one, and
on a tie ``ignore`` wins.
"""

from __future__ import annotations

import fnmatch
import os
from typing import TYPE_CHECKING, Iterable

from linter.paths import relative_to
from linter.rules import RULES, Rule

if TYPE_CHECKING:
    from linter.config import Config
    from linter.findings import Finding


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 when it does not match at all."""
    selector = selector.strip()
    if selector.lower() == rule.name or selector.upper() == rule.code:
        return 100
    if selector.upper() == "ALL":
        return 1
    if selector and rule.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def resolve_selector(selector: str) -> list[Rule]:
    """The rules a selector names (empty: it names none, which callers report)."""
    return [rule for rule in RULES if specificity(selector, rule)]


def matches_any(selectors: Iterable[str], rule: Rule) -> bool:
    return any(specificity(selector, rule) for selector in selectors)


def is_enabled(rule: Rule, select: list[str], ignore: list[str]) -> bool:
    """Whether ``select`` names ``rule`` more specifically than ``ignore`` does (also how
    ``fixable``/``unfixable`` choose the rules whose fixes apply)."""
    best_select = max((specificity(s, rule) for s in select), default=0)
    best_ignore = max((specificity(s, rule) for s in ignore), default=0)
    return best_select > 0 and best_select > best_ignore


def enabled_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    """The rules ``select`` names more specifically than ``ignore`` does."""
    return [rule for rule in RULES if is_enabled(rule, select, ignore)]


def _severity(rule: Rule, overrides: dict[str, str]) -> str | None:
    """The most specific override, else the rule's default; None when it is "off"."""
    best, level = 0, rule.severity
    for selector, value in overrides.items():
        score = specificity(selector, rule)
        if score > best:
            best, level = score, value
    return None if level == "off" else level


class Selection:
    """The run's rules and their severities, and the per-file ignores, resolved from a
    configuration (plus the command line's ``--select``/``--ignore``)."""

    def __init__(self, config: Config, select: list[str] | None = None, ignore: list[str] | None = None):
        self.select = list(select) if select is not None else list(config.select)
        self.ignore = list(config.ignore) + list(ignore or [])
        self._severity = {rule.code: _severity(rule, config.severity) for rule in RULES}
        self.rules: tuple[Rule, ...] = tuple(rule for rule in enabled_rules(self.select, self.ignore)
                                             if self._severity[rule.code])
        self.enabled_codes = frozenset(rule.code for rule in self.rules)
        self.file_rules = tuple(rule for rule in self.rules if rule.check is not None)
        self.corpus_rules = tuple(rule for rule in self.rules if rule.check_corpus is not None)
        self._per_file = dict(config.per_file_ignores)
        self._root = config.root
        self._ignored: dict[str, frozenset[str]] = {}

    def enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def severity(self, rule: Rule) -> str:
        return self._severity.get(rule.code) or rule.severity

    def ignored_in(self, path: str) -> frozenset[str]:
        """The codes ``per-file-ignores`` switches off in one file (globs match the path relative
        to the configuration's folder, or the file's name)."""
        if not self._per_file:
            return frozenset()
        if path not in self._ignored:
            relative = relative_to(path, self._root)
            selectors = [selector for pattern, selectors in self._per_file.items()
                         if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(relative), pattern)
                         for selector in selectors]
            self._ignored[path] = frozenset(rule.code for rule in RULES if matches_any(selectors, rule))
        return self._ignored[path]

    def kept_in_file(self, path: str, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` without those the file's per-file ignores switch off."""
        ignored = self.ignored_in(path)
        return [finding for finding in findings if finding.code not in ignored]
