"""jsonschema's errors for a frontmatter, without jsonschema, for the keywords the schema uses.

jsonschema takes about as long to check a frontmatter as every other frontmatter rule together,
and about 80 ms to import: a third of a one-file lint, and a cost each worker of a parallel
lint pays again. This walks the same schema dict (``linter.schema.build_schema``: the schema
still drives the check) the way jsonschema's Draft 2020-12 validator walks it, and gives the
errors jsonschema would give, in its order, with the fields ``_schema_check`` reads. Where it is
not sure of jsonschema's answer (a keyword it does not know, equality between numbers and
booleans, uniqueness of non-string items) it says so with None, and the caller asks jsonschema.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

# Keywords jsonschema has no validator for: they never make an instance invalid.
# ("then" and "else" are applied by "if".)
_NO_VALIDATOR = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples",
                           "then", "else"})
_PATTERNS: dict[str, re.Pattern] = {}


class SchemaError:
    """What ``_schema_check`` reads of a ``jsonschema.ValidationError``."""

    __slots__ = ("validator", "validator_value", "instance", "absolute_path", "schema", "message")

    def __init__(self, validator: str, validator_value: Any, instance: Any, absolute_path: tuple,
                 schema: dict, message: str) -> None:
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.absolute_path = absolute_path
        self.schema = schema
        self.message = message

    def __repr__(self) -> str:
        return f"<SchemaError {self.validator} at {self.absolute_path}: {self.message}>"


class _Unsure(Exception):
    """jsonschema's answer is not certain here: let it decide."""


def schema_errors(schema: Any, instance: Any) -> list[SchemaError] | None:
    """The errors ``Draft202012Validator(schema).iter_errors(instance)`` yields, or None if unsure."""
    errors: list[SchemaError] = []
    try:
        _descend(schema, instance, (), errors)
    except _Unsure:
        return None
    return errors


def _descend(schema: Any, instance: Any, path: tuple, errors: list[SchemaError]) -> None:
    if schema is True:
        return
    if not isinstance(schema, dict):
        raise _Unsure
    for keyword, argument in schema.items():
        check = _KEYWORDS.get(keyword)
        if check is None:
            if keyword in _NO_VALIDATOR:
                continue
            raise _Unsure
        for message in check(argument, schema, instance, path, errors):
            errors.append(SchemaError(keyword, argument, instance, path, schema, message))


def _valid(schema: Any, instance: Any, path: tuple) -> bool:
    found: list[SchemaError] = []
    _descend(schema, instance, path, found)
    return not found


# --- one function per keyword: (argument, schema, instance, path, errors) -> its own messages ---
# Each mirrors jsonschema's function of the same name (jsonschema/_keywords.py); nested errors
# are appended to ``errors`` where jsonschema would yield them.

_NONE: tuple[str, ...] = ()


def _is_type(instance: Any, name: str) -> bool:
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if name == "number":
        return isinstance(instance, numbers.Number) and not isinstance(instance, bool)
    if name == "integer":
        if isinstance(instance, bool):
            return False
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    raise _Unsure  # jsonschema raises UnknownType


def _type(types: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list):
        raise _Unsure
    if any(_is_type(instance, name) for name in types):
        return _NONE
    return (f"{instance!r} is not of type {', '.join(repr(name) for name in types)}",)


def _equals_one_of(options: Any, instance: Any) -> bool:
    # jsonschema's equal() compares with == as soon as one side is a string; between numbers,
    # booleans, lists and mappings it has rules of its own.
    if not isinstance(options, list) or not all(isinstance(option, str) for option in options):
        raise _Unsure
    return instance in options


def _enum(enums: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    return _NONE if _equals_one_of(enums, instance) else (f"{instance!r} is not one of {enums!r}",)


def _const(const: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    return _NONE if _equals_one_of([const], instance) else (f"{const!r} was expected",)


def _pattern(pattern: str, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if not isinstance(instance, str):
        return _NONE
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return _NONE if compiled.search(instance) else (f"{instance!r} does not match {pattern!r}",)


def _min_length(limit: int, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if isinstance(instance, str) and len(instance) < limit:
        return (f"{instance!r} {'should be non-empty' if limit == 1 else 'is too short'}",)
    return _NONE


def _min_items(limit: int, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if isinstance(instance, list) and len(instance) < limit:
        return (f"{instance!r} {'should be non-empty' if limit == 1 else 'is too short'}",)
    return _NONE


def _unique_items(unique: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if not unique or not isinstance(instance, list):
        return _NONE
    if not all(isinstance(item, str) for item in instance):
        raise _Unsure  # jsonschema's uniq() tells 1 from True and equates 1 with 1.0
    return _NONE if len(set(instance)) == len(instance) else (f"{instance!r} has non-unique elements",)


def _minimum(minimum: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if not _is_type(instance, "number") or not instance < minimum:  # as jsonschema compares: NaN passes
        return _NONE
    return (f"{instance!r} is less than the minimum of {minimum!r}",)


def _required(required: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if not isinstance(instance, dict):
        return _NONE
    return tuple(f"{key!r} is a required property" for key in required if key not in instance)


def _properties(properties: dict, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if isinstance(instance, dict):
        for key, subschema in properties.items():
            if key in instance:
                _descend(subschema, instance[key], path + (key,), errors)
    return _NONE


def _additional_properties(allowed: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if not isinstance(instance, dict):
        return _NONE
    if "patternProperties" in schema or allowed not in (True, False):
        raise _Unsure  # jsonschema descends into the extras in the order of a set
    if allowed:
        return _NONE
    known = schema.get("properties", {})
    extras = sorted({key for key in instance if key not in known}, key=str)
    if not extras:
        return _NONE
    verb = "was" if len(extras) == 1 else "were"
    return (f"Additional properties are not allowed ({', '.join(repr(extra) for extra in extras)} {verb} unexpected)",)


def _items(items: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    if "prefixItems" in schema or items is False:
        raise _Unsure
    if isinstance(instance, list):
        for index, item in enumerate(instance):
            _descend(items, item, path + (index,), errors)
    return _NONE


def _all_of(subschemas: list, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    for subschema in subschemas:
        _descend(subschema, instance, path, errors)
    return _NONE


def _if(condition: Any, schema: dict, instance: Any, path: tuple, errors: list) -> tuple[str, ...]:
    branch = "then" if _valid(condition, instance, path) else "else"
    if branch in schema:
        _descend(schema[branch], instance, path, errors)
    return _NONE


_KEYWORDS = {
    "type": _type, "enum": _enum, "const": _const, "pattern": _pattern, "minLength": _min_length,
    "minItems": _min_items, "uniqueItems": _unique_items, "minimum": _minimum, "required": _required,
    "properties": _properties, "additionalProperties": _additional_properties, "items": _items,
    "allOf": _all_of, "if": _if,
}
