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
        check = _KEYWORDS.get(keyword)
        result = check(argument, schema, value) if check is not None else (True if keyword in _ANNOTATIONS else None)
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


def _type(argument: Any, schema: dict, value: Any) -> bool | None:
    return _type_ok(argument, value) if isinstance(argument, str) else None


def _one_of_strings(options: Any, value: Any) -> bool | None:
    if not isinstance(value, str) or not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        return None  # jsonschema's equality between numbers and booleans is subtle
    return value in options


def _enum(argument: Any, schema: dict, value: Any) -> bool | None:
    return _one_of_strings(argument, value)


def _const(argument: Any, schema: dict, value: Any) -> bool | None:
    return _one_of_strings([argument], value)


def _pattern(argument: Any, schema: dict, value: Any) -> bool | None:
    if not isinstance(value, str):
        return True
    compiled = _PATTERNS.get(argument)
    if compiled is None:
        compiled = _PATTERNS[argument] = re.compile(argument)
    return compiled.search(value) is not None


def _min_length(argument: Any, schema: dict, value: Any) -> bool | None:
    return len(value) >= argument if isinstance(value, str) else True


def _min_items(argument: Any, schema: dict, value: Any) -> bool | None:
    return len(value) >= argument if isinstance(value, list) else True


def _unique_items(argument: Any, schema: dict, value: Any) -> bool | None:
    if not argument or not isinstance(value, list):
        return True
    if not all(isinstance(item, str) for item in value):
        return None
    return len(set(value)) == len(value)


def _minimum(argument: Any, schema: dict, value: Any) -> bool | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return not value < argument  # as jsonschema compares: NaN passes


def _required(argument: Any, schema: dict, value: Any) -> bool | None:
    return all(key in value for key in argument) if isinstance(value, dict) else True


def _properties(argument: Any, schema: dict, value: Any) -> bool | None:
    if not isinstance(value, dict):
        return True
    return _all(is_valid(argument[key], item) for key, item in value.items() if key in argument)


def _additional_properties(argument: Any, schema: dict, value: Any) -> bool | None:
    if not isinstance(value, dict):
        return True
    if "patternProperties" in schema:
        return None
    known = schema.get("properties", {})
    extra = [key for key in value if key not in known]
    if argument is False:
        return not extra
    return _all(is_valid(argument, value[key]) for key in extra)


def _items(argument: Any, schema: dict, value: Any) -> bool | None:
    if "prefixItems" in schema:
        return None
    if not isinstance(value, list):
        return True
    return _all(is_valid(argument, item) for item in value)


def _all_of(argument: Any, schema: dict, value: Any) -> bool | None:
    return _all(is_valid(part, value) for part in argument)


def _if(argument: Any, schema: dict, value: Any) -> bool | None:
    condition = is_valid(argument, value)
    if condition is None:
        return None
    branch = schema.get("then" if condition else "else")
    return True if branch is None else is_valid(branch, value)


def _decided_with_if(argument: Any, schema: dict, value: Any) -> bool | None:
    return True  # "then" and "else" are applied by "if"


# Keyword -> check; a keyword not here (and not an annotation) makes the answer None.
_KEYWORDS = {
    "type": _type, "enum": _enum, "const": _const, "pattern": _pattern, "minLength": _min_length,
    "minItems": _min_items, "uniqueItems": _unique_items, "minimum": _minimum, "required": _required,
    "properties": _properties, "additionalProperties": _additional_properties, "items": _items,
    "allOf": _all_of, "if": _if, "then": _decided_with_if, "else": _decided_with_if,
}
