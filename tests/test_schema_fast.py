"""The fast schema walk gives exactly jsonschema's errors, and is sure of its answer on real files."""

from __future__ import annotations

import copy
import datetime
import glob
import os

import pytest
from hypothesis import given, settings, strategies as st
from jsonschema import Draft202012Validator

from linter.config import Config
from linter.document import read_document
from linter.rules import _schema_check
from linter.rules._schema_fast import schema_errors
from linter.schema import build_schema

from tests.conftest import CLEAN_POSTMORTEM, REPO

SCHEMA = build_schema(Config())
VALIDATOR = Draft202012Validator(SCHEMA)
VALID = read_document(str(CLEAN_POSTMORTEM)).meta
MARKDOWN_FILES = sorted(glob.glob(os.path.join(REPO, "postmortems", "**", "*.md"), recursive=True)
                        + glob.glob(os.path.join(REPO, "tests", "fixtures", "**", "*.md"), recursive=True)
                        + glob.glob(os.path.join(REPO, "tests", "rules", "**", "*.md"), recursive=True))


def _fields(errors) -> list[tuple]:
    """Everything ``_schema_check`` reads of an error."""
    return [(e.validator, e.validator_value, e.instance, tuple(e.absolute_path), e.schema, e.message) for e in errors]


def _jsonschema(schema, instance) -> list[tuple]:
    validator = VALIDATOR if schema is SCHEMA else Draft202012Validator(schema)
    return _fields(validator.iter_errors(instance))


_odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from([3.0, -0.0, datetime.date(2026, 4, 8), datetime.datetime(2026, 4, 8, 3, 15)]),
    st.sampled_from(["SEV1", "SEV9", "published", "draft", "@alice", "team", "PM-2026-001", "2026-04-08T03:15:00Z",
                     "2026-04-08", "model", "no-canary", "", "PM-26-1", "alert", "a\nb"]),
    st.lists(st.sampled_from(["checkout", "checkout", "", "no-canary", "@bob", "PM-2026-002", "x y"]), max_size=3),
    st.lists(st.sampled_from(["checkout", 3, True, 1.0, None, ["nested"]]), max_size=3),
    st.dictionaries(st.sampled_from(["users_affected", "duration_minutes", "data_loss", "extra", 7]),
                    st.one_of(st.integers(-3, 100), st.floats(allow_nan=True), st.booleans(), st.text(max_size=3)), max_size=4),
)


@st.composite
def frontmatters(draw):
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["set", "drop", "set-impact", "replace-all"]))
        key = draw(st.sampled_from(sorted(SCHEMA["properties"]) + ["unknown_key", "Severity", 42, None]))
        if action == "drop":
            data.pop(key, None)
        elif action == "set-impact" and isinstance(data.get("impact"), dict):
            data["impact"][draw(st.sampled_from(["users_affected", "duration_minutes", "revenue_usd", "data_loss", "bogus"]))] = draw(_odd_values)
        elif action == "replace-all":  # a frontmatter that is not a mapping of keys
            return draw(st.one_of(_odd_values, st.just({})))
        else:
            data[key] = draw(_odd_values)
    return data


@settings(max_examples=500, deadline=None)
@given(data=frontmatters())
def test_the_errors_are_jsonschemas_whenever_the_walk_is_sure(data):
    fast = schema_errors(SCHEMA, data)
    if fast is not None:
        assert _fields(fast) == _jsonschema(SCHEMA, data)


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: os.path.relpath(p, REPO))
def test_the_walk_is_sure_and_right_on_every_markdown_file_of_the_repository(path):
    meta = read_document(path).meta
    if not isinstance(meta, dict):
        pytest.skip("no frontmatter mapping")
    fast = schema_errors(SCHEMA, meta)
    assert fast is not None
    assert _fields(fast) == _jsonschema(SCHEMA, meta)


def test_the_fixtures_include_invalid_frontmatter_of_every_kind_the_walk_reports():
    """Else the test above would only show the walk agreeing that files are valid."""
    kinds = set()
    for path in MARKDOWN_FILES:
        meta = read_document(path).meta
        if isinstance(meta, dict):
            kinds.update(error.validator for error in schema_errors(SCHEMA, meta))
    assert {"required", "additionalProperties", "enum", "pattern", "type"} <= kinds


@pytest.mark.parametrize("data", [
    {**VALID, "severity": "SEV9", "bogus": 1, "zeta": 2},
    {**VALID, "impact": {"users_affected": -1, "duration_minutes": 2.0, "revenue_usd": float("nan"), "data_loss": 0}},
    {**VALID, "services": [], "tags": ["a", "a"], "title": "", "authors": ["alice"]},
    {**VALID, "related": ["PM-2026-001", "nope"], "date": datetime.date(2026, 4, 8), "status": "published"},
    {key: value for key, value in VALID.items() if key not in ("id", "impact", "severity")} | {"status": "published"},
    ["not", "a", "mapping"],
])
def test_common_mistakes_are_decided_without_jsonschema(data):
    fast = schema_errors(SCHEMA, data)
    assert fast is not None
    assert _fields(fast) == _jsonschema(SCHEMA, data)
    assert fast or data is VALID


@pytest.mark.parametrize(("schema", "instance"), [
    ({"type": "object", "propertyNames": {"maxLength": 3}}, {"long-key": 1}),  # a keyword it does not know
    ({"enum": [1, True]}, 1),  # jsonschema tells 1 from True
    ({"uniqueItems": True}, [1, 1.0]),  # ... and equates 1 with 1.0
    ({"type": "object", "additionalProperties": {"type": "string"}}, {"a": 1, "b": 2}),  # extras in a set's order
    ({"type": "timestamp"}, "x"),  # a type jsonschema does not know
])
def test_it_defers_to_jsonschema_where_not_sure(schema, instance):
    assert schema_errors(schema, instance) is None


@pytest.mark.parametrize(("schema", "instance"), [
    ({"uniqueItems": False, "minItems": 3}, ["a", "a"]),
    ({"minLength": 2, "type": ["string", "null"]}, "a"),
    ({"type": ["string", "null"]}, 1),
    ({"if": {"const": "x"}, "then": {"minLength": 5}, "else": {"enum": ["y"]}}, "x"),
    ({"if": {"const": "x"}, "then": {"minLength": 5}, "else": {"enum": ["y"]}}, "z"),
    ({"additionalProperties": True, "properties": {"a": {"type": "string"}}}, {"a": 1, "b": 2}),
    ({"additionalProperties": False, "properties": {}}, {"b": 1, 2: 2, "a": 3}),
])
def test_keywords_the_frontmatter_schema_uses_otherwise_match_jsonschema(schema, instance):
    assert _fields(schema_errors(schema, instance)) == _jsonschema(schema, instance)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1, 0, 2.5, 3.0, True, "1"])
def test_numbers_compare_as_jsonschema_compares_them(value):
    schema = {"type": "integer", "minimum": 0}
    assert _fields(schema_errors(schema, value)) == _jsonschema(schema, value)


def test_the_rules_say_the_same_with_or_without_jsonschema(monkeypatch):
    """``_translate`` reads the walk's errors as it reads jsonschema's."""
    config = Config()
    documents = [read_document(path) for path in MARKDOWN_FILES]
    fast = [_schema_check.schema_problems(document, config) for document in documents]
    monkeypatch.setattr(_schema_check, "schema_errors", lambda schema, instance: None)
    slow = [_schema_check.schema_problems(read_document(path), config) for path in MARKDOWN_FILES]
    assert fast == slow
    assert any(problems for problems in fast)
