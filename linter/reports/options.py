"""The report settings: ``[tool.postmortem.reports]`` plus "today".

Keys (all optional)::

    [tool.postmortem.reports]
    today = "2026-11-01"        # pin the build date (reproducible sites); see resolve_today
    related-count = 5           # related incidents listed per postmortem
    related-min-score = 0.25    # 0..1; weaker matches are not listed
    overdue-listed = 10         # oldest overdue items listed on the overview

The systemic-gap and response-lag thresholds are top-level keys of ``[tool.postmortem]``
(``systemic-min-incidents``, ``systemic-window-days``, ``response-lag-minutes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from linter import deadlines
from linter.errors import ConfigError
from linter.reports.similar import DEFAULT_COUNT, DEFAULT_MIN_SCORE
from linter.reports.slo import SloSettingError, SloSettings, settings_from
from linter.today import pinned_today, reports_table, resolve_today  # noqa: F401 - the report commands' "today", here with the other settings

if TYPE_CHECKING:
    from linter.config import Config


@dataclass(frozen=True)
class ReportOptions:
    today: date
    min_incidents: int = 3
    window_days: int = 180
    lag_minutes: int = 30
    related_count: int = DEFAULT_COUNT
    related_min_score: float = DEFAULT_MIN_SCORE
    overdue_listed: int = 10
    severities: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")
    since: date | None = None
    ticket_url: str | None = None  # reports.ticket-url: "https://tracker.example.com/browse/{}"
    slo: "SloSettings | None" = None  # [tool.postmortem.reports.slo]; None: no SLO report
    review_days: int = deadlines.REVIEW_DAYS  # PM603's deadlines, read from the rule's options so rule and report agree
    publish_days: int = deadlines.PUBLISH_DAYS


def _where(config: Config, key: str) -> str:
    return f"{config.source or 'configuration'}: 'reports.{key}'"


def check_settings(config: Config) -> None:
    """Raise ``ConfigError`` for any bad report setting, as loading the configuration does for
    the others: ``postmortem lint`` then refuses a configuration the site build would stop on."""
    pinned_today(config)
    options(config, date(2000, 1, 1))


def _integer(table: dict, key: str, default: int, config: Config) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{_where(config, key)} must be a non-negative integer")
    return value


def options(config: Config, today: date, since: date | None = None) -> ReportOptions:
    table = reports_table(config)
    known = {"today", "related-count", "related-min-score", "overdue-listed", "slo", "ticket-url"}
    for key in table:
        if key not in known:
            from linter.suggest import did_you_mean

            raise ConfigError(f"{_where(config, key)} is not a known setting{did_you_mean(key, sorted(known))}")
    score = table.get("related-min-score", DEFAULT_MIN_SCORE)
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        raise ConfigError(f"{_where(config, 'related-min-score')} must be a number from 0 to 1")
    ticket = table.get("ticket-url")
    if ticket is not None and (not isinstance(ticket, str) or not ticket.startswith(("https://", "http://")) or "{}" not in ticket):
        raise ConfigError(f"{_where(config, 'ticket-url')} must be an http(s) URL with {{}} where the ticket key goes, "
                          "such as \"https://tracker.example.com/browse/{}\"")
    slo = None
    if "slo" in table:
        try:
            slo = settings_from(table["slo"], _where(config, "slo"))
        except SloSettingError as error:
            raise ConfigError(str(error)) from None
    return ReportOptions(
        today=today,
        min_incidents=config.systemic_min_incidents,
        window_days=config.systemic_window_days,
        lag_minutes=config.response_lag_minutes,
        related_count=_integer(table, "related-count", DEFAULT_COUNT, config),
        related_min_score=float(score),
        overdue_listed=_integer(table, "overdue-listed", 10, config),
        severities=tuple(config.severities),
        since=since,
        ticket_url=ticket,
        slo=slo,
        review_days=config.rule_option("postmortem-deadline", "review-days", deadlines.REVIEW_DAYS),
        publish_days=config.rule_option("postmortem-deadline", "publish-days", deadlines.PUBLISH_DAYS),
    )
