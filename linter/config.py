"""Configuration: ``[tool.postmortem]`` in pyproject.toml, or a standalone ``.postmortem.toml``.

Invalid configuration raises ``ConfigError`` with the file and key; the CLI turns it into
exit code 2. See docs/configuration.md for every key.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from linter import budget, formatspec, priorities

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class ConfigError(Exception):
    """Bad configuration: the message names the file and the key."""


@dataclass
class Config:
    source: str | None = None  # the file it came from, for messages
    root: str = "."  # the directory of that file: globs and paths are relative to it
    paths: list[str] = field(default_factory=lambda: ["postmortems"])
    select: list[str] = field(default_factory=lambda: ["PM"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    vague_phrases: list[str] = field(default_factory=list)  # extra, added to the built-in list
    blame_phrases: list[str] = field(default_factory=list)
    root_cause_categories: list[str] = field(default_factory=lambda: list(formatspec.ROOT_CAUSE_CATEGORIES))
    contributing_factors: list[str] = field(default_factory=lambda: list(formatspec.CONTRIBUTING_FACTORS))
    severities: list[str] = field(default_factory=lambda: list(formatspec.SEVERITIES))
    # PM601: criteria per severity (None: the format's default rubric), and how many levels apart
    # the recorded and the expected severity may be before it is reported.
    severity_rubric: dict[str, list[dict[str, Any]]] | None = None
    severity_tolerance: int = 1
    required_sections: list[str] = field(default_factory=lambda: list(formatspec.REQUIRED_SECTIONS))
    # Reports (see linter/reports): systemic-gap window and threshold, response-lag threshold.
    systemic_min_incidents: int = 3
    systemic_window_days: int = 180
    response_lag_minutes: int = 30
    # Action items: who counts as an owner, which priorities are read, whether a ticket stands in.
    owner_pattern: str | None = None  # a regex an owner must match in full; None: owners.DEFAULT_OWNER_PATTERN
    priority_scheme: dict[str, str] = field(default_factory=lambda: dict(priorities.DEFAULT_SCHEME))
    ticket_as_owner_and_due: bool = False
    site_url: str | None = None  # base URL of the published site, for SARIF helpUri
    file_budget: budget.FileBudget = field(default_factory=budget.FileBudget)  # PM007: time and memory per file
    extra: dict[str, Any] = field(default_factory=dict)  # keys owned by other parts (site, reports)

    def ignored_for(self, display_path: str) -> list[str]:
        """Selectors ignored for one file by ``per-file-ignores`` globs."""
        selectors: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(display_path, pattern) or fnmatch.fnmatch(os.path.basename(display_path), pattern):
                selectors.extend(codes)
        return selectors

    @property
    def worst_severity(self) -> str:
        return self.severities[0]


_LIST_KEYS = {  # replace the default
    "paths": "paths", "select": "select", "ignore": "ignore",
    "severities": "severities", "required-sections": "required_sections",
}
_PHRASE_KEYS = {  # added to the built-in phrase lists of the language rules
    "vague-phrases": "vague_phrases", "blame-phrases": "blame_phrases",
}
_EXTEND_KEYS = {
    "extend-root-cause-categories": "root_cause_categories",
    "extend-contributing-factors": "contributing_factors",
    "root-cause-categories": "root_cause_categories",
    "contributing-factors": "contributing_factors",
}
_INT_KEYS = {
    "systemic-min-incidents": "systemic_min_incidents",
    "systemic-window-days": "systemic_window_days",
    "response-lag-minutes": "response_lag_minutes",
    "severity-tolerance": "severity_tolerance",
}
_OWNED_ELSEWHERE = {"site", "report", "reports"}


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def from_mapping(table: dict[str, Any], source: str | None = None, root: str = ".") -> Config:
    """Build a Config from the ``[tool.postmortem]`` table."""
    config = Config(source=source, root=root)
    where = source or "configuration"
    for key, value in table.items():
        place = f"{where}: '{key}'"
        if key in _LIST_KEYS:
            setattr(config, _LIST_KEYS[key], _strings(value, place))
        elif key in _PHRASE_KEYS:
            setattr(config, _PHRASE_KEYS[key], _strings(value, place))
        elif key in _EXTEND_KEYS:
            values = _strings(value, place)
            target = getattr(config, _EXTEND_KEYS[key])
            if key.startswith("extend-"):
                setattr(config, _EXTEND_KEYS[key], target + [v for v in values if v not in target])
            else:
                setattr(config, _EXTEND_KEYS[key], values)
        elif key in _INT_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{place} must be a non-negative integer")
            setattr(config, _INT_KEYS[key], value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{place} must be a table of glob = [codes]")
            config.per_file_ignores = {glob: _strings(codes, f"{place} entry '{glob}'") for glob, codes in value.items()}
        elif key == "severity":
            if not isinstance(value, dict) or not all(v in ("error", "warning", "off") for v in value.values()):
                raise ConfigError(f"{place} must map rule codes or names to \"error\", \"warning\" or \"off\"")
            config.severity = dict(value)
        elif key == "owner-pattern":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{place} must be a regular expression (a non-empty string)")
            try:
                re.compile(value)
            except re.error as error:
                raise ConfigError(f"{place} is not a valid regular expression: {error}") from None
            config.owner_pattern = value
        elif key == "priority-scheme":
            try:
                config.priority_scheme = priorities.scheme_from_setting(value)
            except ValueError as error:
                raise ConfigError(f"{place} {error}") from None
        elif key == "ticket-as-owner-and-due":
            if not isinstance(value, bool):
                raise ConfigError(f"{place} must be true or false")
            config.ticket_as_owner_and_due = value
        elif key == "severity-rubric":
            config.severity_rubric = _severity_rubric(value, place)
        elif key == "site-url":
            if not isinstance(value, str):
                raise ConfigError(f"{place} must be a string")
            config.site_url = value
        elif key == "file-budget":
            try:
                config.file_budget = budget.from_setting(value)
            except ValueError as error:
                raise ConfigError(f"{place} {error}") from None
        elif key in _OWNED_ELSEWHERE:
            if not isinstance(value, dict):
                raise ConfigError(f"{place} must be a table")
            config.extra[key] = value
        else:
            known = sorted([*_LIST_KEYS, *_PHRASE_KEYS, *_EXTEND_KEYS, *_INT_KEYS, "per-file-ignores", "severity", "severity-rubric",
                            "site-url", "file-budget", "owner-pattern", "priority-scheme", "ticket-as-owner-and-due", *_OWNED_ELSEWHERE])
            from linter.suggest import did_you_mean

            raise ConfigError(f"{place} is not a known setting{did_you_mean(key, known)}")
    if not config.severities:
        raise ConfigError(f"{where}: 'severities' must name at least one severity")
    unknown_sections = [name for name in config.required_sections if name not in formatspec.SECTIONS]
    if unknown_sections:
        from linter.suggest import did_you_mean

        raise ConfigError(f"{where}: 'required-sections' names '{unknown_sections[0]}', which is no section of the format"
                          f"{did_you_mean(unknown_sections[0], list(formatspec.SECTIONS))}")
    unknown_levels = [name for name in config.severity_rubric or () if name not in config.severities]
    if unknown_levels:
        raise ConfigError(f"{where}: 'severity-rubric' names '{unknown_levels[0]}', which is not one of 'severities' ({', '.join(config.severities)})")
    _check_selectors(config, where)
    return config


def _severity_rubric(value: Any, place: str) -> dict[str, list[dict[str, Any]]]:
    """``{SEV1 = [{data_loss = true}, {users_affected = 1000, duration_minutes = 240}], ...}``."""
    from linter.severity_rubric import MEASURES

    if not isinstance(value, dict):
        raise ConfigError(f"{place} must be a table of severity = [criteria]")
    rubric: dict[str, list[dict[str, Any]]] = {}
    for level, criteria in value.items():
        where = f"{place} entry '{level}'"
        if isinstance(criteria, dict):
            criteria = [criteria]
        if not isinstance(criteria, list) or not all(isinstance(c, dict) and c for c in criteria):
            raise ConfigError(f"{where} must be a list of tables such as {{ users_affected = 1000, duration_minutes = 240 }}")
        for criterion in criteria:
            for measure, threshold in criterion.items():
                if measure not in MEASURES:
                    from linter.suggest import did_you_mean

                    raise ConfigError(f"{where}: '{measure}' is not a measure ({', '.join(MEASURES)}){did_you_mean(measure, list(MEASURES))}")
                if measure == "data_loss" and threshold is not True:
                    raise ConfigError(f"{where}: 'data_loss' can only be true")
                if measure != "data_loss" and (isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold < 0):
                    raise ConfigError(f"{where}: '{measure}' must be a non-negative number")
        rubric[str(level)] = [dict(criterion) for criterion in criteria]
    return rubric


def _check_selectors(config: Config, where: str) -> None:
    from linter.rules import resolve_selector

    for key, selectors in (("'select'", config.select), ("'ignore'", config.ignore),
                           ("'severity'", list(config.severity)),
                           *((f"'per-file-ignores' entry '{glob}'", codes) for glob, codes in config.per_file_ignores.items())):
        for selector in selectors:
            if not resolve_selector(selector):
                raise ConfigError(f"{where}: {key} names '{selector}', which is no rule code, name or code prefix")


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None


def load_config(explicit: str | None = None, start: str | None = None) -> Config:
    """Find and load the configuration: ``--config``, else the nearest file upward from ``start``."""
    if explicit:
        data = _read_toml(explicit)
        table = data.get("tool", {}).get("postmortem", data) if explicit.endswith("pyproject.toml") else data
        return from_mapping(table, explicit, os.path.dirname(os.path.abspath(explicit)))
    directory = os.path.abspath(start or os.getcwd())
    while True:
        dotfile = os.path.join(directory, ".postmortem.toml")
        if os.path.isfile(dotfile):
            return from_mapping(_read_toml(dotfile), dotfile, directory)
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject):
            data = _read_toml(pyproject)
            table = data.get("tool", {}).get("postmortem")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{pyproject}: [tool.postmortem] must be a table")
                return from_mapping(table, pyproject, directory)
        parent = os.path.dirname(directory)
        if parent == directory:
            return Config(root=os.path.abspath(start or os.getcwd()))
        directory = parent
