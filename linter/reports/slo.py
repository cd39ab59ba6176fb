"""SLOs and SLAs: error budget consumed per service, per month and quarter, and SLA breaches.

Configured in ``[tool.postmortem.reports.slo]`` (docs/reports.md)::

    sla-tiers = [99.9, 99.5]                    # availability promised, percent (every service)
    credits = { "99.9" = 10, "99.5" = 25 }      # percent of the fee credited below each tier
    [tool.postmortem.reports.slo.services]
    checkout = { target = 99.9 }                # budget: 0.1% of the period's minutes
    "dns/edge" = { budget-minutes = 20 }        # or a fixed budget per month
    warehouse-etl = { target = 99.0, sla-tiers = [] }   # internal: no SLA of its own

An incident consumes ``impact.slo_budget_minutes`` of the budget of every service it lists
(the format records one figure per incident), in the month and quarter of its ``date``.
Availability is ``1 - consumed / minutes of the period``: it reads the consumed budget as
minutes of full unavailability, which is what ``slo_budget_minutes`` means for an
availability SLO. A period's SLA tiers breached are the service's tiers (its own
``sla-tiers``, else the shared ones) above its availability; the credit owed is the largest
credit of those tiers. SLAs are usually settled per month: the quarter's row is a summary.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from linter.reports.periods import quarter_of

if TYPE_CHECKING:  # annotations only: the settings are checked by every lint run, which needs no model
    from linter.incident import Incident

MINUTES_PER_DAY = 1440


class SloSettingError(ValueError):
    """A bad ``[tool.postmortem.reports.slo]``: the message says which key."""


@dataclass(frozen=True)
class ServiceSlo:
    target: float | None = None  # percent available, e.g. 99.9
    budget_minutes: float | None = None  # per month, instead of a target
    tiers: tuple[float, ...] | None = None  # its SLA tiers; None: the shared ``sla-tiers``

    def budget(self, days: int, months: int) -> float:
        if self.budget_minutes is not None:
            return self.budget_minutes * months
        return days * MINUTES_PER_DAY * (100 - self.target) / 100


@dataclass(frozen=True)
class SloSettings:
    services: dict[str, ServiceSlo]
    tiers: tuple[float, ...] = ()  # SLA availability tiers, highest first
    credits: dict[float, float] | None = None  # tier -> percent credited below it


def _number(value, where: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or (high is not None and value >= high):
        bound = f"from {low} to below {high}" if high is not None else f"of at least {low}"
        raise SloSettingError(f"{where} must be a number {bound}")
    return float(value)


def settings_from(table: object, where: str) -> SloSettings:
    if not isinstance(table, dict):
        raise SloSettingError(f"{where} must be a table")
    unknown = set(table) - {"services", "sla-tiers", "credits"}
    if unknown:
        raise SloSettingError(f"{where}: '{sorted(unknown)[0]}' is not a setting (services, sla-tiers, credits)")
    services: dict[str, ServiceSlo] = {}
    entries = table.get("services", {})
    if not isinstance(entries, dict):
        raise SloSettingError(f"{where}.services must be a table of service = {{ target = 99.9 }}")
    for service, entry in entries.items():
        place = f"{where}.services.{service}"
        budgets = set(entry) & {"target", "budget-minutes"} if isinstance(entry, dict) else set()
        if len(budgets) != 1 or not set(entry) <= {"target", "budget-minutes", "sla-tiers"}:
            raise SloSettingError(f"{place} must be {{ target = 99.9 }} or {{ budget-minutes = 43 }}, "
                                  "with sla-tiers = [...] if its SLA differs")
        own_tiers = _tiers(entry["sla-tiers"], f"{place}.sla-tiers") if "sla-tiers" in entry else None
        if "target" in entry:
            services[service] = ServiceSlo(target=_number(entry["target"], f"{place}.target", 0, 100), tiers=own_tiers)
        else:
            services[service] = ServiceSlo(budget_minutes=_number(entry["budget-minutes"], f"{place}.budget-minutes", 0),
                                           tiers=own_tiers)
    tiers = _tiers(table.get("sla-tiers", []), f"{where}.sla-tiers")
    every_tier = set(tiers) | {tier for slo in services.values() for tier in slo.tiers or ()}
    credits = None
    if "credits" in table:
        if not isinstance(table["credits"], dict):
            raise SloSettingError(f"{where}.credits must be a table of tier = percent credited, such as {{ \"99.9\" = 10 }}")
        credits = {}
        for tier, credit in table["credits"].items():
            try:
                level = float(tier)
            except ValueError:
                raise SloSettingError(f"{where}.credits: '{tier}' is not a tier such as \"99.9\"") from None
            if level not in every_tier:
                raise SloSettingError(f"{where}.credits: '{tier}' is not one of the SLA tiers")
            credits[level] = _number(credit, f"{where}.credits.{tier}", 0)
    return SloSettings(services, tiers, credits)


def _tiers(value: object, where: str) -> tuple[float, ...]:
    if not isinstance(value, list):
        raise SloSettingError(f"{where} must be a list of percentages such as [99.9, 99.5]")
    return tuple(sorted((_number(tier, where, 0, 100) for tier in value), reverse=True))


@dataclass(frozen=True)
class Period:
    label: str  # 2026-04 or 2026-Q2
    service: str
    budget: float  # minutes
    consumed: float  # minutes
    minutes: int  # of the period
    incidents: tuple[str, ...]
    breached: tuple[float, ...]  # SLA tiers above the availability
    credit: float | None  # percent of the fee owed, when credits are configured

    @property
    def burned(self) -> float:
        """Share of the budget consumed (1.0: all of it)."""
        return self.consumed / self.budget if self.budget else float("inf") if self.consumed else 0.0

    @property
    def availability(self) -> float:
        return 100 * (1 - self.consumed / self.minutes)


@dataclass(frozen=True)
class SloReport:
    months: tuple[Period, ...]  # every month with consumption, per configured service, oldest first
    quarters: tuple[Period, ...]
    unconfigured: tuple[str, ...]  # services that consumed budget but have no SLO configured
    settings: SloSettings


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _period(label: str, service: str, slo: ServiceSlo, settings: SloSettings, days: int, months: int,
            consumed: float, incidents: list[str]) -> Period:
    minutes = days * MINUTES_PER_DAY
    availability = 100 * (1 - consumed / minutes)
    tiers = slo.tiers if slo.tiers is not None else settings.tiers
    breached = tuple(tier for tier in tiers if availability < tier)
    credit = None
    if settings.credits is not None:
        credit = max((settings.credits.get(tier, 0.0) for tier in breached), default=0.0)
    return Period(label, service, slo.budget(days, months), consumed, minutes, tuple(incidents), breached, credit)


def slo_report(incidents: list[Incident], settings: SloSettings | None) -> SloReport | None:
    if settings is None:
        return None
    by_month: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    unconfigured: set[str] = set()
    for incident in incidents:
        if not incident.budget_minutes:
            continue
        for service in incident.services:
            if service in settings.services:
                by_month[(service, _month_key(incident.date))].append(incident)
            else:
                unconfigured.add(service)
    months, by_quarter = [], defaultdict(list)
    for (service, label), group in sorted(by_month.items(), key=lambda item: (item[0][1], item[0][0])):
        year, month = int(label[:4]), int(label[5:])
        days = calendar.monthrange(year, month)[1]
        consumed = sum(incident.budget_minutes for incident in group)
        months.append(_period(label, service, settings.services[service], settings, days, 1, consumed,
                              [incident.id for incident in group]))
        by_quarter[(service, quarter_of(date(year, month, 1)))].extend(group)
    quarters = []
    for (service, label), group in sorted(by_quarter.items(), key=lambda item: (item[0][1], item[0][0])):
        year, number = int(label[:4]), int(label[-1])
        days = sum(calendar.monthrange(year, month)[1] for month in range(3 * number - 2, 3 * number + 1))
        quarters.append(_period(label, service, settings.services[service], settings, days, 3,
                                sum(incident.budget_minutes for incident in group), [incident.id for incident in group]))
    return SloReport(tuple(months), tuple(quarters), tuple(sorted(unconfigured)), settings)
