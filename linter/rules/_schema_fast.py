"""Is this frontmatter certainly valid against the schema? A fast answer for the common case.

Most postmortems have valid frontmatter, and jsonschema takes about as long to confirm that as
every other frontmatter rule together (and about 100 ms to import, a third of a one-file
lint). This walks the same schema dict (``linter.schema.build_schema``: the schema still
drives the check) for the keywords the schema uses, and answers True only when jsonschema
would report no error. Anything it is not sure about (a keyword it does not know, a float
where an integer is expected, a non-string enum value) answers None, and the caller runs
jsonschema as before, so every error message still comes from jsonschema.
"""

from __future__ import annotations

import re
from typing import Any

# Keywords that never make an instance invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "default", "examples", "$comment"})
_PATTERNS: dict[str, re.Pattern] = {}


def _type_ok(expected: str, value: Any) -> bool | None:
    if expected == "string":
        return isinstance(value, str)
    if expected == "object":
        return isinstance(value, dict)
    if expected == "array":
        return isinstance(value, list)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "null":
        return value is None
    if expected == "integer":
        if isinstance(value, float):
            return None  # jsonschema accepts 3.0 as an integer; let it decide
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return None


def is_valid(schema: Any, value: Any) -> bool | None:
    """True: certainly valid; False: certainly invalid; None: ask jsonschema."""
    if schema is True:
        return True
    if not isinstance(schema, dict):
        return None
    verdict: bool | None = True
    for keyword, argument in schema.items():
        result = _keyword(keyword, argument, schema, value)
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


def _all(results) -> bool | None:
    verdict: bool | None = True
    for result in results:
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


def _keyword(keyword: str, argument: Any, schema: dict, value: Any) -> bool | None:
    if keyword in _ANNOTATIONS:
        return True
    if keyword == "type":
        return _type_ok(argument, value) if isinstance(argument, str) else None
    if keyword in ("enum", "const"):
        options = argument if keyword == "enum" else [argument]
        if not isinstance(value, str) or not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            return None  # jsonschema's equality between numbers and booleans is subtle
        return value in options
    if keyword == "pattern":
        if not isinstance(value, str):
            return True
        compiled = _PATTERNS.get(argument)
        if compiled is None:
            compiled = _PATTERNS[argument] = re.compile(argument)
        return compiled.search(value) is not None
    if keyword == "minLength":
        return len(value) >= argument if isinstance(value, str) else True
    if keyword == "minItems":
        return len(value) >= argument if isinstance(value, list) else True
    if keyword == "uniqueItems":
        if not argument or not isinstance(value, list):
            return True
        if not all(isinstance(item, str) for item in value):
            return None
        return len(set(value)) == len(value)
    if keyword == "minimum":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        return not value < argument  # as jsonschema compares: NaN passes
    if keyword == "required":
        return all(key in value for key in argument) if isinstance(value, dict) else True
    if keyword == "properties":
        if not isinstance(value, dict):
            return True
        return _all(is_valid(argument[key], item) for key, item in value.items() if key in argument)
    if keyword == "additionalProperties":
        if not isinstance(value, dict):
            return True
        if "patternProperties" in schema:
            return None
        known = schema.get("properties", {})
        extra = [key for key in value if key not in known]
        if argument is False:
            return not extra
        return _all(is_valid(argument, value[key]) for key in extra)
    if keyword == "items":
        if not isinstance(value, list) or "prefixItems" in schema:
            return None if "prefixItems" in schema else True
        return _all(is_valid(argument, item) for item in value)
    if keyword == "allOf":
        return _all(is_valid(part, value) for part in argument)
    if keyword == "if":
        condition = is_valid(argument, value)
        if condition is None:
            return None
        branch = schema.get("then" if condition else "else")
        return True if branch is None else is_valid(branch, value)
    if keyword in ("then", "else"):
        return True  # decided together with "if"
    return None
