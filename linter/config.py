"""Configuration: ``[tool.postmortem]`` in pyproject.toml, or a standalone ``.postmortem.toml``.

Invalid configuration raises ``ConfigError`` with the file and key; the CLI turns it into
exit code 2. See docs/configuration.md for every key.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from linter import budget, formatspec, priorities
from linter.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class Config:
    source: str | None = None  # the file it came from, for messages
    root: str = "."  # the directory of that file: globs and paths are relative to it
    paths: list[str] = field(default_factory=lambda: ["postmortems"])
    select: list[str] = field(default_factory=lambda: ["PM"])
    ignore: list[str] = field(default_factory=list)
    # Rules whose fixes ``lint --fix`` applies (ruff's fixable / unfixable): selectors as in select.
    fixable: list[str] = field(default_factory=lambda: ["ALL"])
    unfixable: list[str] = field(default_factory=list)
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
    # Hosts that images and other resources on the published pages may load from (PM809 and the
    # site's sanitizer), canonical as linter.urls reads them; by default none: same-site only.
    resource_hosts: frozenset[str] = frozenset()
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule name -> validated options
    today: Any = None  # a datetime.date from --today; None: Context.today resolves it
    file_budget: budget.FileBudget = field(default_factory=budget.FileBudget)  # PM007: time and memory per file
    # Findings one rule reports in one file, then a last one saying the rest is not shown (0: all).
    max_findings_per_rule: int = 100
    extra: dict[str, Any] = field(default_factory=dict)  # keys owned by other parts (site, reports)

    def rule_option(self, rule_name: str, key: str, default: Any = None) -> Any:
        """The configured value, else ``default`` when given, else the rule's own default."""
        configured = self.rule_options.get(rule_name, {})
        if key in configured:
            return configured[key]
        if default is not None:
            return default
        from linter.rules import BY_NAME

        return BY_NAME[rule_name].option(key).default


_LIST_KEYS = {  # replace the default
    "paths": "paths", "select": "select", "ignore": "ignore", "fixable": "fixable", "unfixable": "unfixable",
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
    "max-findings-per-rule": "max_findings_per_rule",
}
_OWNED_ELSEWHERE = {"report", "reports"}


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
            if not isinstance(value, dict) or not all(v in ("error", "warning", "note", "off") for v in value.values()):
                raise ConfigError(f"{place} must map rule codes or names to \"error\", \"warning\", \"note\" or \"off\"")
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
        elif key == "resource-hosts":
            config.resource_hosts = _resource_hosts(value, place)
        elif key == "rules":
            config.rule_options = _rule_options(value, place)
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
                            "site-url", "resource-hosts", "file-budget", "owner-pattern", "priority-scheme", "ticket-as-owner-and-due", "rules", *_OWNED_ELSEWHERE])
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
    if "reports" in config.extra or "report" in config.extra:
        from linter.reports.options import check_settings  # only then: linting starts fast

        check_settings(config)
    return config


def _resource_hosts(value: Any, place: str) -> frozenset[str]:
    """Host names (``grafana.example.com``), canonical as a browser reads them."""
    from linter.urls import canonical_host

    hosts = set()
    for entry in _strings(value, place):
        # An IPv6 address comes in brackets; any other ':', '/', '@', '?' or '#' is a URL's, not a host's.
        looks_like_host = entry.startswith("[") or not re.search(r"[/\\:@?#]", entry)
        host = canonical_host(entry) if looks_like_host else None
        if host is None:
            raise ConfigError(f"{place} names '{entry}', which is no host name; give hosts only, "
                              f"such as \"grafana.example.com\" (no scheme, port or path)")
        hosts.add(host)
    return frozenset(hosts)


def _rule_options(value: Any, place: str) -> dict[str, dict[str, Any]]:
    """``[tool.postmortem.rules.RULE]`` tables, checked against the options each rule declares."""
    from linter.rules import RULES, lookup
    from linter.suggest import did_you_mean

    if not isinstance(value, dict):
        raise ConfigError(f"{place} must be a table of rule = {{ option = value }}")
    options: dict[str, dict[str, Any]] = {}
    for selector, table in value.items():
        where = f"{place} entry '{selector}'"
        rule = lookup(str(selector))
        if rule is None:
            raise ConfigError(f"{where} is no rule code or name{did_you_mean(str(selector), [r.name for r in RULES])}")
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table of option = value")
        for key, setting in table.items():
            option = rule.option(key)
            if option is None:
                known = [o.key for o in rule.options]
                offered = f" (its options: {', '.join(known)})" if known else " (it has no options)"
                raise ConfigError(f"{where}: '{key}' is not an option of {rule.code} {rule.name}{offered}"
                                  f"{did_you_mean(key, known)}")
            try:
                options.setdefault(rule.name, {})[key] = option.validate(setting, f"{where}: '{key}'")
            except ValueError as error:
                raise ConfigError(str(error)) from None
    return options


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


# Selectors valid whatever rules exist (the defaults of 'select' and 'fixable'): checking them
# would import every rule module.
_NAMES_EVERY_RULE = frozenset({"ALL", "PM"})


def _check_selectors(config: Config, where: str) -> None:
    named = [(key, selector) for key, selectors in (
        ("'select'", config.select), ("'ignore'", config.ignore),
        ("'fixable'", config.fixable), ("'unfixable'", config.unfixable),
        ("'severity'", list(config.severity)),
        *((f"'per-file-ignores' entry '{glob}'", codes) for glob, codes in config.per_file_ignores.items()),
    ) for selector in selectors if selector.strip().upper() not in _NAMES_EVERY_RULE]
    if not named:
        return  # no rule module imported: `postmortem report` and the site read files without rules
    from linter.selection import resolve_selector

    for key, selector in named:
        if not resolve_selector(selector):
            raise ConfigError(f"{where}: {key} names '{selector}', which is no rule code, name or code prefix")


def _read_toml(path: str) -> dict[str, Any]:
    """The TOML table in ``path``; every way it can be unusable is a ``ConfigError`` naming the
    file (and the line when known), never another exception: the CLI and the site plugin turn
    ``ConfigError`` into a message and exit code 2 / a build error."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    return _parse_toml(path, _utf8_text(path, raw))


def _utf8_text(path: str, raw: bytes) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not valid UTF-8 (byte 0x{raw[error.start]:02x}); TOML files are UTF-8") from None


def _parse_toml(path: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        # tomllib parses nested arrays and inline tables recursively: a few hundred levels
        # exhaust the stack. No real configuration nests more than three.
        detail = "arrays or tables nested too deeply" if isinstance(error, RecursionError) else error
        raise ConfigError(f"{path}: invalid TOML: {detail}") from None


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
