"""The rule registry: every rule module of this package, ordered by code. A retired code is never reused.

Which of them run, and how severely, is decided by ``linter.selection``.
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
