"""The rule registry: every rule module of this package, ordered by code. A retired code is never reused.

Selectors (in --select/--ignore, configuration and suppression comments) are a rule's code
(``PM405``), its name (``action-item-vague``), a code prefix (``PM4``) or ``ALL``. The most
specific matching selector wins, as in flake8: a name or full code beats a prefix, a longer
prefix beats a shorter one, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

import importlib
import pkgutil

from linter.rules.base import Rule


def _discover() -> tuple[Rule, ...]:
    """Every module of this package that defines ``RULE`` (helpers start with ``_``; ``base``
    defines what a rule is): adding a rule is adding its module, as in yamllint."""
    found: list[Rule] = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_") or module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise ImportError(f"{module.__name__} defines no RULE: a rule module ends with RULE = define(...)")
        found.append(rule)
    codes = [rule.code for rule in found]
    names = [rule.name for rule in found]
    for label, values in (("code", codes), ("name", names)):
        repeated = sorted({value for value in values if values.count(value) > 1})
        if repeated:
            raise ImportError(f"two rules share the {label} {repeated[0]}: codes and names are never reused")
    return tuple(sorted(found, key=lambda rule: rule.code))


RULES: tuple[Rule, ...] = _discover()

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


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
    return [rule for rule in RULES if specificity(selector, rule)]


def is_enabled(rule: Rule, select: list[str], ignore: list[str]) -> bool:
    best_select = max((specificity(s, rule) for s in select), default=0)
    best_ignore = max((specificity(s, rule) for s in ignore), default=0)
    return best_select > 0 and best_select > best_ignore


def enabled_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    return [rule for rule in RULES if is_enabled(rule, select, ignore)]
