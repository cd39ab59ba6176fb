"""The fast schema check says "valid" only when jsonschema finds no error, and does say it for good files."""

from __future__ import annotations

import copy
import glob
import os

from hypothesis import given, settings, strategies as st
from jsonschema import Draft202012Validator

from linter.config import Config
from linter.document import read_document
from linter.rules._schema_fast import is_valid
from linter.schema import build_schema

from tests.conftest import CLEAN_POSTMORTEM, REPO

SCHEMA = build_schema(Config())
VALIDATOR = Draft202012Validator(SCHEMA)
VALID = read_document(str(CLEAN_POSTMORTEM)).meta

_odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["SEV1", "SEV9", "published", "draft", "@alice", "team", "PM-2026-001", "2026-04-08T03:15:00Z",
                     "2026-04-08", "model", "no-canary", "", "PM-26-1", "alert"]),
    st.lists(st.sampled_from(["checkout", "checkout", "", "no-canary", "@bob", 3, True, 1.0]), max_size=3),
    st.dictionaries(st.sampled_from(["users_affected", "duration_minutes", "data_loss", "extra"]),
                    st.one_of(st.integers(-3, 100), st.floats(allow_nan=True), st.booleans(), st.text(max_size=3)), max_size=4),
)


@st.composite
def frontmatters(draw):
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "drop", "set-impact"]))
        key = draw(st.sampled_from(sorted(SCHEMA["properties"]) + ["unknown_key"]))
        if action == "drop":
            data.pop(key, None)
        elif action == "set-impact" and isinstance(data.get("impact"), dict):
            data["impact"][draw(st.sampled_from(["users_affected", "duration_minutes", "revenue_usd", "data_loss", "bogus"]))] = draw(_odd_values)
        else:
            data[key] = draw(_odd_values)
    return data


@settings(max_examples=300, deadline=None)
@given(data=frontmatters())
def test_fast_check_never_calls_invalid_frontmatter_valid(data):
    verdict = is_valid(SCHEMA, data)
    errors = list(VALIDATOR.iter_errors(data))
    if verdict is True:
        assert errors == []
    if verdict is False:
        assert errors


def test_fast_check_confirms_the_example_corpus():
    paths = glob.glob(os.path.join(REPO, "postmortems", "**", "*.md"), recursive=True) + [str(CLEAN_POSTMORTEM)]
    for path in paths:
        meta = read_document(path).meta
        if not list(VALIDATOR.iter_errors(meta)):
            assert is_valid(SCHEMA, meta) is True, path


def test_unknown_keywords_defer_to_jsonschema():
    assert is_valid({"type": "object", "propertyNames": {"maxLength": 3}}, {"long-key": 1}) is None
    assert is_valid({"type": "integer"}, 3.0) is None  # jsonschema accepts 3.0 as an integer


def test_minimum_compares_as_jsonschema_does():
    schema = {"type": "number", "minimum": 0}
    for value in (float("nan"), float("inf"), -1, 0, 2.5):
        assert is_valid(schema, value) is (not list(Draft202012Validator(schema).iter_errors(value)))
