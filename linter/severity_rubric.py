"""The severity rubric: which severity an incident's recorded impact calls for.

A rubric maps each severity to criteria; a criterion is a set of thresholds the impact must
all reach ("at least"), and an incident reaches a severity when it meets any of its criteria.
The expected severity is the highest one reached, or the lowest of the scheme when none is.
Teams configure their own with ``severity-rubric`` (docs/configuration.md); the default is the
format's P1–P4 / SEV1–4 table, applied by rank to a scheme of three or four levels.
"""

from __future__ import annotations

import re
from typing import Any

# Measures a criterion may name: the `impact` keys, and two read from the Impact section's prose.
NUMBER_MEASURES = ("users_affected", "users_percent", "error_rate_percent", "duration_minutes",
                   "revenue_usd", "support_tickets", "slo_budget_minutes")
MEASURES = (*NUMBER_MEASURES, "data_loss")

# By rank: SEV1/P1, SEV2/P2, SEV3/P3; the lowest level (SEV4/P4, no customer impact) is the floor.
DEFAULT_RUBRIC: tuple[tuple[dict[str, Any], ...], ...] = (
    ({"data_loss": True}, {"error_rate_percent": 5}, {"users_affected": 10_000},
     {"users_affected": 1_000, "duration_minutes": 240}, {"revenue_usd": 100_000}, {"support_tickets": 2_000}),
    ({"users_percent": 5}, {"users_affected": 5_000}, {"revenue_usd": 10_000}, {"support_tickets": 500},
     {"slo_budget_minutes": 30}),
    ({"users_affected": 1}, {"support_tickets": 1}, {"revenue_usd": 1}, {"users_percent": 0.1}, {"error_rate_percent": 0.1}),
)

# Not from inside a run of digits: a match there implies one from the run's start, and trying
# every start of a 100,000-digit run that no '%' follows was quadratic (found by fuzzing).
_PERCENT = r"(?<!\d)(\d+(?:\.\d+)?)\s?%"
_ERROR_RATE = re.compile(r"\berror (?:rate|ratio)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:](?:\s|$)")
_PERCENT_VALUE = re.compile(_PERCENT)
_SHARE = re.compile(_PERCENT + r" of (?:all |our )?(?:users|customers|requests|traffic|sessions|visitors)\b[^.;]{0,20}?"
                    r"\b(?:were|was|got|saw|failed|could not|couldn't|affected|errored|received|hit)\b", re.IGNORECASE)
_ALL_FAILING = re.compile(r"\b(?:all|every) (?:requests?|calls?) (?:failed|errored|returned (?:an )?errors?)\b", re.IGNORECASE)


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def measures(document) -> dict[str, Any]:
    """What the document records: numbers from `impact`, shares and error rates from the Impact prose."""
    impact = document.meta.get("impact")
    found: dict[str, Any] = {}
    if isinstance(impact, dict):
        for key in NUMBER_MEASURES:
            if _number(impact.get(key)) is not None:
                found[key] = impact[key]
        if impact.get("data_loss") is True:
            found["data_loss"] = True
    section = document.section("Impact")
    text = " ".join(line.text for line in section.prose()) if section is not None else ""
    rates = [float(value) for match in _ERROR_RATE.finditer(text) for value in _PERCENT_VALUE.findall(_clause(text, match.end()))]
    shares = [float(match.group(1)) for match in _SHARE.finditer(text)]
    for key, values in (("error_rate_percent", rates), ("users_percent", shares)):
        if values:
            found[key] = max(values)
    if _ALL_FAILING.search(text):
        found["error_rate_percent"] = 100.0
    return found


def _clause(text: str, start: int) -> str:
    """The rest of the clause from ``start`` ("rose from 0.2% to 9% for 44 minutes"), at most 80 characters."""
    end = _CLAUSE_END.search(text, start)
    return text[start:min(end.start() if end else len(text), start + 80)]


def _meets(criterion: dict[str, Any], found: dict[str, Any]) -> bool:
    for key, threshold in criterion.items():
        value = found.get(key)
        if key == "data_loss":
            if value is not True:
                return False
        elif value is None or value < threshold:
            return False
    return True


def levels(scheme: list[str], configured: dict[str, list[dict[str, Any]]] | None) -> list[tuple[dict[str, Any], ...]] | None:
    """The criteria of each level of the scheme, most severe first; None when no rubric applies."""
    if configured is not None:
        return [tuple(configured.get(name, ())) for name in scheme]
    if len(scheme) not in (3, 4):
        return None
    return [DEFAULT_RUBRIC[rank] if rank < len(scheme) - 1 else () for rank in range(len(scheme))]


def expected(scheme_levels: list[tuple[dict[str, Any], ...]], found: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """The rank the impact calls for, and the criterion that put it there (None for the floor)."""
    for rank, criteria in enumerate(scheme_levels):
        for criterion in criteria:
            if _meets(criterion, found):
                return rank, criterion
    return len(scheme_levels) - 1, None


def describe(criterion: dict[str, Any], found: dict[str, Any]) -> str:
    """The recorded values a criterion was met by, in words: "3,214 users for 300 minutes"."""
    words = {"users_affected": "{:,g} users", "users_percent": "{:g}% of users", "error_rate_percent": "an error rate of {:g}%",
             "duration_minutes": "{:,g} minutes", "revenue_usd": "${:,g} of revenue", "support_tickets": "{:,g} support tickets",
             "slo_budget_minutes": "{:,g} minutes of SLO budget"}
    parts = ["data loss" if key == "data_loss" else words[key].format(found[key]) for key in criterion if key != "duration_minutes"]
    during = f" for {found['duration_minutes']:,g} minutes" if "duration_minutes" in criterion else ""
    return " and ".join(parts) + during
