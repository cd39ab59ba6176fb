"""The frontmatter JSON Schema: the single description of valid frontmatter.

``postmortem schema`` prints it (editors validate against it); the frontmatter rules are
driven by validating against it. It is built from the effective configuration, so extended
taxonomies and severity schemes are part of it.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from linter.config import Config

from linter import formatspec

SCHEMA_ID = "https://postmortem-kit.dev/schema/frontmatter.json"

_TIMESTAMP = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|UTC|[+-]\d{2}:?\d{2})?$",
    "description": "ISO 8601 timestamp with an explicit UTC designator, e.g. 2026-04-08T03:15:00Z",
}
_HANDLE = {"type": "string", "pattern": formatspec.OWNER_HANDLE_PATTERN,
           "description": "@name, @team/name or an e-mail address"}
_SLUG_LIST = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}


class _Choices(NamedTuple):
    """The parts of a configuration the schema depends on: the cache key (by value, so a
    configuration read twice shares one schema and none is kept alive by its id)."""

    severities: tuple[str, ...]
    root_cause_categories: tuple[str, ...]
    contributing_factors: tuple[str, ...]


def _choices(config: Config | None) -> _Choices:
    if config is None:
        return _Choices(tuple(formatspec.SEVERITIES), tuple(formatspec.ROOT_CAUSE_CATEGORIES), tuple(formatspec.CONTRIBUTING_FACTORS))
    return _Choices(tuple(config.severities), tuple(config.root_cause_categories), tuple(config.contributing_factors))


def build_schema(config: Config | None = None) -> dict[str, Any]:
    """The schema of the frontmatter that ``config`` allows (None: the format's defaults), a copy
    the caller may change."""
    return copy.deepcopy(schema_for(config))


def schema_for(config: Config | None) -> dict[str, Any]:
    """The same schema, shared: read it, never change it."""
    return _schema_of(_choices(config))


@lru_cache(maxsize=16)
def _schema_of(config: _Choices) -> dict[str, Any]:
    timestamps = {key: dict(_TIMESTAMP) for key in formatspec.LIFECYCLE_KEYS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Postmortem frontmatter",
        "description": "Frontmatter of a postmortem-kit postmortem (docs/format.md).",
        "type": "object",
        "additionalProperties": False,
        "required": list(formatspec.ALWAYS_REQUIRED_KEYS),
        "properties": {
            "id": {"type": "string", "pattern": formatspec.ID_PATTERN, "description": "PM-YYYY-NNN, unique in the corpus"},
            "title": {"type": "string", "minLength": 1, "pattern": r"^[^\n]*$", "description": "One line: what users saw"},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD, the UTC day the incident started"},
            "severity": {"enum": list(config.severities)},
            "status": {"enum": list(formatspec.STATUSES)},
            "services": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}, "uniqueItems": True},
            "authors": {"type": "array", "minItems": 1, "items": _HANDLE},
            "incident_commander": _HANDLE,
            **timestamps,
            "impact": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "users_affected": {"type": "integer", "minimum": 0},
                    "duration_minutes": {"type": "integer", "minimum": 0},
                    "revenue_usd": {"type": "number", "minimum": 0},
                    "slo_budget_minutes": {"type": "number", "minimum": 0},
                    "support_tickets": {"type": "integer", "minimum": 0},
                    "data_loss": {"type": "boolean"},
                },
                "required": ["users_affected", "duration_minutes"],
            },
            "detection": {"enum": list(formatspec.DETECTION_SOURCES)},
            "root_cause_category": {"enum": list(config.root_cause_categories)},
            "contributing_factors": {**_SLUG_LIST, "items": {"enum": list(config.contributing_factors)}},
            "tags": {**_SLUG_LIST, "items": {"type": "string", "minLength": 1}},
            "timezone": {"type": "string", "minLength": 1, "pattern": r"^[^\n]*$",
                         "description": "Zone of the timeline's bare times, an IANA name such as Europe/Berlin (optional; UTC needs none)"},
            "related": {**_SLUG_LIST, "items": {"type": "string", "pattern": formatspec.ID_PATTERN}},
        },
        "allOf": [{
            "if": {"properties": {"status": {"const": "published"}}, "required": ["status"]},
            "then": {"required": list(formatspec.PUBLISHED_REQUIRED_KEYS)},
        }],
    }


def validator_for(config: Config) -> Any:
    """A compiled validator for a configuration's schema, built once per distinct schema."""
    return _validator_of(_choices(config))


@lru_cache(maxsize=16)
def _validator_of(choices: tuple) -> Any:
    from jsonschema import Draft202012Validator  # only when a file needs the full validation

    return Draft202012Validator(_schema_of(choices))
