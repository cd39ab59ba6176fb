"""The date that time-bound checks and reports judge at.

Below the configuration and the rules: the rules (PM603's deadlines) and the report commands
both ask for it, so it imports neither.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from linter.errors import ConfigError
from linter.timestamps import parse_date

if TYPE_CHECKING:
    from linter.config import Config


def resolve_today(flag: str | None, config: Config, environ: dict | None = None) -> date:
    """"Today" for the reports: ``--today``, else ``SOURCE_DATE_EPOCH`` (the reproducible-builds
    convention), else ``reports.today`` in the configuration, else the UTC date of the clock."""
    environ = os.environ if environ is None else environ
    if flag is not None:
        day = parse_date(flag)
        if day is None:
            raise ConfigError(f"--today '{flag}' is not a date like 2026-11-01")
        return day
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ConfigError(f"SOURCE_DATE_EPOCH '{epoch[:40]}' is not a number of seconds since 1970")
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    pinned = pinned_today(config)
    return pinned if pinned is not None else datetime.now(tz=timezone.utc).date()


def pinned_today(config: Config) -> date | None:
    """``reports.today``: a string or a TOML date. A TOML date-time is a ``datetime``, which is
    a ``date`` to ``isinstance`` but cannot be compared with one: refused, as a time is."""
    pinned = reports_table(config).get("today")
    if pinned is None:
        return None
    if isinstance(pinned, str):
        day = parse_date(pinned)
    else:
        day = pinned if isinstance(pinned, date) and not isinstance(pinned, datetime) else None
    if day is None:
        raise ConfigError(f"{config.source or 'configuration'}: 'reports.today' must be a date like \"2026-11-01\" (a day, without a time)")
    return day


def reports_table(config: Config) -> dict:
    """``[tool.postmortem.reports]`` (or its old name ``report``) as configured."""
    return config.extra.get("reports") or config.extra.get("report") or {}
