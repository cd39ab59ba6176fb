"""Calendar quarters and the two statistics every report uses (median and percentile)."""

from __future__ import annotations

import math
from datetime import date, timedelta


def quarter_of(day: date) -> str:
    """``2026-Q1`` for any day from January to March 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(quarter: str) -> date:
    year, number = quarter.split("-Q")
    return date(int(year), (int(number) - 1) * 3 + 1, 1)


def next_quarter_start(quarter: str) -> date:
    """The first day after the quarter: the moment the quarter's state is read at its close."""
    start = quarter_start(quarter)
    month = start.month + 3
    return date(start.year + (month > 12), (month - 1) % 12 + 1, 1)


def quarter_end(quarter: str) -> date:
    return next_quarter_start(quarter) - timedelta(days=1)


def quarters_between(first: date, last: date) -> list[str]:
    """Every quarter from the one holding ``first`` to the one holding ``last``, in order."""
    quarters: list[str] = []
    current = quarter_of(first)
    final = quarter_of(last)
    while current <= final:  # "YYYY-Qn" sorts chronologically for four-digit years
        quarters.append(current)
        current = quarter_of(next_quarter_start(current))
    return quarters


def last_full_quarter(today: date) -> str:
    """The most recent quarter that has ended by ``today``."""
    return quarter_of(quarter_start(quarter_of(today)) - timedelta(days=1))


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC).

    With ``n`` sorted values the percentile sits at rank ``(n - 1) * fraction``; the median is
    the 0.5 percentile, so an even count gives the mean of the middle two.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: list[float]) -> float | None:
    return percentile(values, 0.5)


def rounded(value: float | None, digits: int = 1) -> float | None:
    """Numbers as the reports show them (and as the JSON carries them)."""
    return None if value is None else round(value + 0.0, digits)
