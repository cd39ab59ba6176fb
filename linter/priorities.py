"""Priority schemes: the values a team writes, mapped onto the reports' P0–P3 scale.

The house style is ``P0``–``P3``. ``priority-scheme`` names a preset or maps each accepted
value to a level of that scale, so that ``HIGH`` or ``P4`` are read, not reported, and the
tracker still groups every item under P0 … P3.
"""

from __future__ import annotations

from linter.formatspec import PRIORITIES

Scheme = dict[str, str]  # accepted value (lower case) -> "P0" … "P3"

PRESETS: dict[str, Scheme] = {
    "p0-p3": {"p0": "P0", "p1": "P1", "p2": "P2", "p3": "P3"},
    "p0-p4": {"p0": "P0", "p1": "P1", "p2": "P2", "p3": "P3", "p4": "P3"},
    "high-medium-low": {"high": "P1", "medium": "P2", "low": "P3"},
    "critical-high-medium-low": {"critical": "P0", "high": "P1", "medium": "P2", "low": "P3"},
}
DEFAULT_SCHEME: Scheme = PRESETS["p0-p3"]


def scheme_from_setting(value: object) -> Scheme:
    """A preset name or a table ``{ HIGH = "P1", … }``; raises ValueError saying what is wrong."""
    if isinstance(value, str):
        if value.lower() not in PRESETS:
            raise ValueError(f"must be one of {', '.join(PRESETS)} or a table mapping each value to P0, P1, P2 or P3")
        return PRESETS[value.lower()]
    if not isinstance(value, dict) or not value:
        raise ValueError("must be a preset name or a non-empty table mapping each value to P0, P1, P2 or P3")
    scheme: Scheme = {}
    for accepted, level in value.items():
        if not isinstance(level, str) or level.upper() not in PRIORITIES:
            raise ValueError(f"maps '{accepted}' to {level!r}: map every value to P0, P1, P2 or P3")
        scheme[str(accepted).strip().lower()] = level.upper()
    return scheme


def clean(text: str) -> str:
    return text.strip().strip("*_`[]() ").strip()


def report_priority(text: str, scheme: Scheme = DEFAULT_SCHEME) -> str:
    """The P0–P3 level of a written priority; an unknown value comes back upper-cased, as written."""
    value = clean(text)
    return scheme.get(value.lower(), value.upper())


def is_accepted(text: str, scheme: Scheme = DEFAULT_SCHEME) -> bool:
    return clean(text).lower() in scheme


def accepted_values(scheme: Scheme) -> list[str]:
    """The values to name in a message, as a reader writes them (P1, HIGH)."""
    return [value.upper() for value in scheme]


def preset_accepting(text: str) -> str | None:
    """The preset that would accept ``text`` (for a message that says how to configure it)."""
    value = clean(text).lower()
    for name, scheme in PRESETS.items():
        if value in scheme:
            return name
    return None
