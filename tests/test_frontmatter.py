"""The hardened frontmatter loader: YAML 1.2 values, locations, and every refusal as a problem."""

from __future__ import annotations

import pytest

from conftest import clean_text
from linter.frontmatter import MAX_DEPTH, MAX_FRONTMATTER_BYTES, MAX_NODES, load_frontmatter, split_frontmatter


def load(*yaml_lines: str, closing: str = "---"):
    return load_frontmatter(["---", *yaml_lines, closing, "", "# Body"])


def problems(frontmatter, kind: str | None = None) -> list[tuple[str, int, int]]:
    return [(p.kind, p.line, p.column) for p in frontmatter.problems if kind is None or p.kind == kind]


# --- values and locations -------------------------------------------------------------------

def test_clean_frontmatter_values_and_locations():
    lines = clean_text().split("\n")
    frontmatter = load_frontmatter(lines)
    assert frontmatter.problems == []
    assert frontmatter.data["date"] == "2026-04-07"
    assert frontmatter.data["impact"] == {"users_affected": 3214, "duration_minutes": 44, "revenue_usd": 86000, "support_tickets": 212}
    assert frontmatter.data["services"] == ["checkout", "pricing-agent"]
    for path, (line, column) in frontmatter.key_locations.items():
        assert lines[line - 1][column - 1:].startswith(f"{path[-1]}:"), path
    services_line = next(i for i, line in enumerate(lines, 1) if line.startswith("services:"))
    assert frontmatter.value_locations[("services", 1)] == (services_line, lines[services_line - 1].index("pricing-agent") + 1)
    assert frontmatter.line_of("impact", "support_tickets") == next(i for i, line in enumerate(lines, 1) if "support_tickets" in line)
    assert frontmatter.line_of("no-such-key") == 1


def test_yaml_1_2_core_schema_values():
    frontmatter = load("a: 2026-04-07", "b: no", "c: 0x1F", "d: ~", "e: 'quoted: yes'", "f: 1.5", "g: true", "h: .inf")
    assert frontmatter.data == {"a": "2026-04-07", "b": "no", "c": 31, "d": None, "e": "quoted: yes", "f": 1.5, "g": True, "h": float("inf")}


@pytest.mark.parametrize(("line", "value", "yaml11"), [
    ("window: 14:03", "14:03", "the number 843"),
    ("answer: no", "no", "the boolean false"),
    ("switch: On", "On", "the boolean true"),
    ("mode: 0755", 755, "the number 493"),
    ("budget: 1e3", 1000.0, "the string '1e3'"),
])
def test_yaml_1_1_traps_are_reported_with_both_readings(line, value, yaml11):
    frontmatter = load("title: x", line)
    key = line.split(":")[0]
    assert frontmatter.data[key] == value
    assert problems(frontmatter) == [("yaml11", 3, len(key) + 3)]
    assert yaml11 in frontmatter.problems[0].message
    assert f'quote it: "{line.split(": ")[1]}"' in frontmatter.problems[0].message


def test_quoted_values_and_unquoted_dates_are_not_traps():
    assert load('window: "14:03"', "answer: 'no'", "date: 2026-04-07", "count: 12", "ratio: 0.5").problems == []


def test_a_yaml_1_1_boolean_key_is_reported():
    frontmatter = load("title: x", "on: push")
    assert frontmatter.data == {"title": "x", "on": "push"}
    assert problems(frontmatter) == [("yaml11", 3, 1)]


# --- duplicates -----------------------------------------------------------------------------

def test_duplicate_keys_name_both_lines_and_keep_the_first_value():
    frontmatter = load("severity: SEV2", "impact:", "  users_affected: 10", "  users_affected: 20", "severity: SEV1")
    assert frontmatter.data == {"severity": "SEV2", "impact": {"users_affected": 10}}
    assert problems(frontmatter) == [("duplicate-key", 5, 3), ("duplicate-key", 6, 1)]
    assert "duplicate key 'users_affected' (first defined on line 4)" in frontmatter.problems[0].message
    assert "duplicate key 'severity' (first defined on line 2)" in frontmatter.problems[1].message


def test_control_characters_in_keys_are_escaped_in_messages():
    frontmatter = load('"a\\x1b[31mb": 1', '"a\\x1b[31mb": 2')
    assert "\x1b" not in frontmatter.problems[0].message
    assert "\\x1b" in frontmatter.problems[0].message


# --- refusals -------------------------------------------------------------------------------

@pytest.mark.parametrize(("yaml_lines", "location", "message"), [
    (["services: &svc [checkout]", "tags: *svc"], (2, 11), "YAML anchor '&svc' is not allowed"),
    (["tags: *svc"], (2, 7), "YAML alias '*svc' is not allowed"),
    (["base: 1", "<<: *defaults"], (3, 5), "YAML alias '*defaults'"),
    (["title: !!python/object/apply:os.system ['echo owned']"], (2, 8), "explicit YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    (["title: !!python/name:os.system"], (2, 8), "explicit YAML tag"),
    (["title: !!binary aGVsbG8="], (2, 8), "explicit YAML tag 'tag:yaml.org,2002:binary'"),
    (["title: !local x"], (2, 8), "explicit YAML tag '!local'"),
    (["support_tickets: " + "9" * 5000], (2, 18), "a number longer than 40 digits"),
    (["1: x"], (2, 1), "frontmatter key '1' is not a string"),
    (["true: x"], (2, 1), "is not a string (YAML reads it as the boolean true)"),
    (["? [a, b]", ": c"], (2, 3), "frontmatter keys must be plain strings"),
    (["title: " + "x" * 9000], (2, 8), "longer than 8192 characters"),
])
def test_unsupported_yaml_is_refused_with_its_location(yaml_lines, location, message):
    frontmatter = load(*yaml_lines)
    assert frontmatter.data is None
    assert problems(frontmatter) == [("unsupported", *location)]
    assert message in frontmatter.problems[0].message


def test_an_alias_bomb_is_refused_at_its_first_anchor():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, 10):
        name, previous = chr(97 + index), chr(96 + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    frontmatter = load(*lines)
    assert frontmatter.data is None
    assert problems(frontmatter) == [("unsupported", 2, 4)]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000])
def test_deep_nesting_is_refused(depth):
    frontmatter = load("a: " + "[" * depth + "]" * depth)
    assert frontmatter.data is None
    assert [p.kind for p in frontmatter.problems] == ["unsupported"]
    assert f"deeper than {MAX_DEPTH} levels" in frontmatter.problems[0].message


def test_nesting_within_the_limit_is_accepted():
    depth = MAX_DEPTH - 1
    frontmatter = load("a: " + "[" * depth + "]" * depth)
    assert frontmatter.problems == []


def test_too_many_values_and_too_many_bytes_are_refused():
    many = load("tags: [" + ", ".join(["t"] * (MAX_NODES + 1)) + "]")
    assert many.data is None and f"more than {MAX_NODES} values" in many.problems[0].message
    large = load(*[f"k{i}: {'x' * 100}" for i in range(MAX_FRONTMATTER_BYTES // 100 + 1)])
    assert large.data is None and problems(large) == [("unsupported", 2, 1)]


# --- shape of the block ---------------------------------------------------------------------

def test_list_and_scalar_frontmatter_are_syntax_problems():
    as_list = load("- id: PM-2026-014", "- title: x")
    assert as_list.data is None and problems(as_list) == [("syntax", 2, 1)]
    assert "must be a mapping of keys to values, not a list" in as_list.problems[0].message
    scalar = load("just a sentence")
    assert "not a single value" in scalar.problems[0].message


def test_unclosed_frontmatter():
    lines = ["---", "id: PM-2026-014", "", "# Body", "text"]
    frontmatter = load_frontmatter(lines)
    assert frontmatter.data is None
    assert problems(frontmatter) == [("syntax", 1, 1)]
    assert "never closed" in frontmatter.problems[0].message
    assert frontmatter.end_line == len(lines)


def test_invalid_yaml_reports_the_parser_location_and_where_the_construct_starts():
    frontmatter = load("id: PM-2026-014", "services: [checkout, payments", "authors: ['@alice']")
    assert frontmatter.data is None
    assert problems(frontmatter) == [("syntax", 4, 8)]
    assert "flow sequence that starts on line 3" in frontmatter.problems[0].message


def test_two_documents_in_the_frontmatter_are_refused():
    frontmatter = load_frontmatter(["---", "a: 1", "--- ", "b: 2", "---"])  # '--- ' closes: one document
    assert frontmatter.data == {"a": 1}
    two = load("a: 1", "--- # a second YAML document", "b: 2")
    assert two.data is None
    assert [p.message for p in two.problems] == ["frontmatter holds more than one YAML document"]


@pytest.mark.parametrize(("lines", "expected"), [
    (["---", "a: 1", "---"], (0, 2)),
    (["---", "a: 1", "...", "body"], (0, 2)),
    (["--- ", "a: 1", "---\t"], (0, 2)),
    (["---", "a: 1"], (0, -1)),
    (["", "---", "a: 1", "---"], None),
    (["# Title", "---"], None),
    ([], None),
])
def test_split_frontmatter(lines, expected):
    assert split_frontmatter(lines) == expected


def test_empty_frontmatter_is_an_empty_mapping():
    frontmatter = load_frontmatter(["---", "---", "body"])
    assert frontmatter.data == {} and frontmatter.problems == []


def test_bom_and_crlf_files_load_like_plain_ones(tmp_path, lint):
    path = tmp_path / "2026-04-07-checkout-errors-after-pricing-update.md"
    path.write_bytes(b"\xef\xbb\xbf" + clean_text().replace("\n", "\r\n").encode("utf-8"))
    code, findings = lint(path)
    assert (code, findings) == (0, [])


@pytest.mark.parametrize(("edit", "code"), [
    (lambda t: t.replace("services: [checkout, pricing-agent]", "services: [checkout, pricing-agent"), "PM003"),
    (lambda t: t.replace("severity: SEV2\n", "severity: SEV2\nseverity: SEV1\n"), "PM004"),
    (lambda t: t.replace("tags: [pricing, llm]", "tags: &t [pricing, llm]"), "PM005"),
    (lambda t: t.replace("tags: [pricing, llm]", "tags: [pricing, no]"), "PM106"),
])
def test_each_kind_of_loader_problem_is_its_own_rule(lint, write_postmortem, edit, code):
    _, findings = lint(write_postmortem(edit(clean_text())), "--select", "PM0,PM106")
    assert [f["code"] for f in findings] == [code]


@pytest.mark.parametrize("text", [
    "42", "-7", "+1", "0", "-0", "007", "0755", "1_000", "0x1F", "0o17", "1:30", "190:20:30", "1e3", "1.5", ".5",
    "true", "True", "TRUE", "tRUE", "yes", "Yes", "no", "on", "OFF", "y", "n", "false", "null", "Null", "~", "NULL",
    ".inf", "-.Inf", ".nan", "2026-04-08", "PM-2026-014", "",
])
def test_the_yaml11_shortcut_answers_as_the_full_comparison(text, monkeypatch):
    """``yaml11_reading`` skips loading values both YAML versions read alike: same answers."""
    from linter import frontmatter

    fast = frontmatter.yaml11_reading(text)
    monkeypatch.setattr(frontmatter, "_READ_ALIKE", {})
    assert fast == frontmatter.yaml11_reading(text)
