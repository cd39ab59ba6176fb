"""Validate the frontmatter against the JSON Schema once per document, for three rules.

jsonschema's errors are turned into located, readable problems: ``missing`` (PM101),
``invalid`` (PM102) and ``unknown`` (PM103).
"""

from __future__ import annotations

from dataclasses import dataclass

from linter import formatspec
from linter.rules._schema_fast import schema_errors
from linter.rules.placeholder_text import is_placeholder_value
from linter.safe_text import safe_excerpt
from linter.schema import schema_for, validator_for
from linter.suggest import did_you_mean
from linter.timestamps import parse_date, parse_iso_timestamp


_PATTERN_HINTS = {
    "id": "must look like PM-2026-007 (PM-, the year, a number of at least three digits)",
    "date": "must be a date written YYYY-MM-DD",
    "title": "must be a single line",
    "incident_commander": "must be an owner handle: @name, @team/name or an e-mail address",
    "authors": "must be owner handles: @name, @team/name or an e-mail address",
    "related": "must be postmortem ids like PM-2026-007",
}


@dataclass(frozen=True)
class SchemaProblem:
    kind: str  # missing | invalid | unknown
    line: int
    column: int
    message: str
    path: tuple = ()  # of a missing key: where it belongs, ("impact", "duration_minutes")


def _dotted(path) -> str:
    return ".".join(str(part) for part in path)


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


def schema_problems(document, config) -> list[SchemaProblem]:
    return document.memo("schema_problems", lambda document: _schema_problems(document, config))


def _schema_problems(document, config) -> list[SchemaProblem]:
    problems: list[SchemaProblem] = []
    frontmatter = document.frontmatter
    if frontmatter is not None and frontmatter.data is not None:
        # jsonschema (and its import) only where the fast walk cannot be sure of its answer.
        schema = schema_for(config)
        errors = schema_errors(schema, frontmatter.data)
        if errors is None:
            errors = validator_for(config).iter_errors(frontmatter.data)
        for error in errors:
            problems.extend(_translate(error, frontmatter))
        problems.extend(_semantic_checks(frontmatter))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _translate(error, frontmatter) -> list[SchemaProblem]:
    path = tuple(error.absolute_path)
    instance = error.instance
    kind = error.validator
    if kind == "required":
        # jsonschema reports one error per missing key; each error's message names its key.
        missing = [key for key in error.validator_value
                   if isinstance(instance, dict) and key not in instance and repr(key) in error.message]
        line = frontmatter.line_of(*path) if path else frontmatter.start_line
        where = f" in '{_dotted(path)}'" if path else ""
        published = " (required when status is published)" if not path and any(k in formatspec.PUBLISHED_REQUIRED_KEYS for k in missing) and all(k not in formatspec.ALWAYS_REQUIRED_KEYS for k in missing) else ""
        return [SchemaProblem("missing", line, 1, f"required key '{key}' is missing{where}{published}", path + (key,))
                for key in missing]
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [key for key in instance if key not in allowed]
        return [
            SchemaProblem("unknown", *frontmatter.key_locations.get(path + (key,), (frontmatter.start_line, 1)),
                          f"unknown key '{safe_excerpt(key, 40)}'{did_you_mean(key, allowed)}")
            for key in extras
        ]
    if is_placeholder_value(instance):
        return []  # a TODO left for the author: placeholder-text (PM204) says so, once
    line, column = frontmatter.location_of_value(*path)
    name = _dotted(path) or "frontmatter"
    top = next((p for p in path if isinstance(p, str)), "")
    shown = safe_excerpt(repr(instance) if not isinstance(instance, str) else f"'{instance}'", 60)
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        hint = did_you_mean(str(instance), allowed)
        return [SchemaProblem("invalid", line, column, f"'{name}' is {shown}, which is not one of: {', '.join(allowed)}{hint}")]
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(top, f"must match {error.validator_value}")
        if top in formatspec.LIFECYCLE_KEYS:
            hint = "must be an ISO 8601 timestamp like 2026-04-08T03:15:00Z"
        return [SchemaProblem("invalid", line, column, f"'{name}' is {shown}: it {hint}")]
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        article = "an" if str(expected)[0] in "aeiou" else "a"
        quote_hint = "; quote it" if expected == "string" and not isinstance(instance, (list, dict)) else ""
        return [SchemaProblem("invalid", line, column, f"'{name}' must be {article} {expected}, not {_type_name(instance)} ({shown}){quote_hint}")]
    if kind == "minItems":
        return [SchemaProblem("invalid", line, column, f"'{name}' must list at least {error.validator_value} item(s)")]
    if kind == "uniqueItems":
        return [SchemaProblem("invalid", line, column, f"'{name}' lists the same value twice")]
    if kind == "minimum":
        return [SchemaProblem("invalid", line, column, f"'{name}' is {shown}: it must be at least {error.validator_value}")]
    if kind == "minLength":
        return [SchemaProblem("invalid", line, column, f"'{name}' must not be empty")]
    return [SchemaProblem("invalid", line, column, f"'{name}': {safe_excerpt(error.message, 200)}")]


def _semantic_checks(frontmatter) -> list[SchemaProblem]:
    """What a JSON Schema cannot say: the date and the timestamps must be real."""
    data = frontmatter.data
    problems = []
    value = data.get("date")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and parse_date(value) is None:
        problems.append(SchemaProblem("invalid", *frontmatter.location_of_value("date"), f"'date' is '{safe_excerpt(value, 20)}', which is not a real date"))
    for key in formatspec.LIFECYCLE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value[:4].isdigit():
            parsed = parse_iso_timestamp(value)
            if parsed.error == "is not a real date and time":
                problems.append(SchemaProblem("invalid", *frontmatter.location_of_value(key), f"'{key}' is '{safe_excerpt(value, 40)}', which is not a real date and time"))
    return problems
