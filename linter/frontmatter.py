"""The one hardened frontmatter loader, shared by the linter, the site and the reports.

PyYAML implements YAML 1.1, whose implicit typing silently changes meaning (``14:03`` is the
integer 843, ``no`` is False, ``0755`` is 493) and whose loader follows aliases into cycles
and billion-laughs bombs. So we never let PyYAML construct values: we read its *event stream*
(the C parser when present) and build plain Python values ourselves with YAML 1.2 core-schema
scalars, refusing anchors, aliases, explicit tags, duplicate or non-string keys and anything
past the size limits before any of it is traversed. Every refusal is a ``LoadProblem`` with a
file line, never an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver as _Yaml11Resolver

try:  # the C parser is many times faster; fall back to the pure-Python one where libyaml is missing
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader

MAX_FRONTMATTER_BYTES = 64 * 1024
MAX_DEPTH = 16
MAX_SCALAR_CHARS = 8 * 1024
MAX_NODES = 5_000
MAX_NUMBER_CHARS = 40

Path_ = tuple  # a path into the frontmatter: ("impact", "users_affected") or ("services", 0)


@dataclass(frozen=True)
class LoadProblem:
    """Something the loader refused or noticed. ``kind`` selects the rule that reports it."""

    kind: str  # syntax | duplicate-key | unsupported | yaml11
    line: int  # 1-based file line
    column: int  # 1-based
    message: str
    # The one-line span of the value as written (end exclusive) and what it should be (a yaml11
    # value quoted), when there is one: the fix of the rule that reports it.
    end_column: int = 0
    replacement: str | None = None


@dataclass
class Frontmatter:
    """The loaded frontmatter: values plus where each key and value stands in the file."""

    data: dict[str, Any] | None
    key_locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    value_locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    start_line: int = 1  # file line of the opening ``---``
    end_line: int = 1  # file line of the closing ``---``

    def line_of(self, *path: Any, default: int | None = None) -> int:
        """The file line of a key (or of a list element), falling back to the opening line."""
        for table in (self.key_locations, self.value_locations):
            if path in table:
                return table[path][0]
        return default if default is not None else self.start_line

    def location_of_value(self, *path: Any) -> tuple[int, int]:
        return self.value_locations.get(path) or self.key_locations.get(path) or (self.start_line, 1)


class _Refused(Exception):
    """Internal: stop building; the problem has been recorded."""


# --- YAML 1.2 core schema -------------------------------------------------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT_DEC = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


def _looks_numeric(text: str) -> bool:
    return bool(_INT_DEC.match(text) or _FLOAT.match(text) or _INT_HEX.match(text) or _INT_OCT.match(text))


def resolve_plain_scalar(text: str) -> Any:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_DEC.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


_YAML11 = _Yaml11Resolver()
_YAML11_TYPES = {
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:null": type(None),
}


# First characters with which a plain scalar may be something other than a string: those the
# YAML 1.1 resolver looks at, and those of YAML 1.2 core-schema nulls, booleans and numbers.
_MAY_NOT_BE_STRING = frozenset(key for key in _YAML11.yaml_implicit_resolvers if key) | frozenset("~nNtTfF+-.0123456789")
if None in _YAML11.yaml_implicit_resolvers:  # pragma: no cover - a resolver for any first character
    _MAY_NOT_BE_STRING = frozenset(map(chr, range(0x110000)))


# Values both versions read alike, by the type YAML 1.1 gives them: decimal integers without
# leading zeros or '_', the YAML 1.2 spellings of booleans, and nulls.
_READ_ALIKE = {
    "tag:yaml.org,2002:int": re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z"),
    "tag:yaml.org,2002:bool": re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"),
    "tag:yaml.org,2002:null": re.compile(r"(?:~|null|Null|NULL|)\Z"),
}


def yaml11_reading(text: str) -> tuple[type, Any] | None:
    """How a YAML 1.1 loader (PyYAML, MkDocs) would type a plain scalar, when it would differ.

    Returns ``(type, value)`` when YAML 1.1 gives a different type or value than YAML 1.2, or
    ``None`` when both agree. Timestamps are left out: both read a quoted date the same, and
    ``date: 2026-04-08`` unquoted is common and harmless to us.
    """
    if text and text[0] not in _MAY_NOT_BE_STRING:
        return None  # a plain string to YAML 1.1 and 1.2 alike (most values): skip the resolver
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    expected_type = _YAML11_TYPES.get(tag)
    alike = _READ_ALIKE.get(tag)
    if alike is not None and alike.match(text):
        return None  # 42, true, null: the same value to both (most typed values), no load needed
    if expected_type is None:
        if tag == "tag:yaml.org,2002:str" and not isinstance(resolve_plain_scalar(text), str):
            return (str, text)  # 1e3, 0o17: numbers to YAML 1.2, strings to YAML 1.1
        return None
    ours = resolve_plain_scalar(text)
    try:
        theirs = yaml.load(text, Loader=_EventLoader) if len(text) < 64 else None
    except (yaml.YAMLError, ValueError):
        return None
    if type(ours) is not type(theirs):
        return (type(theirs), theirs)
    if isinstance(ours, float) and math.isnan(ours):
        return None
    if ours != theirs:
        return (type(theirs), theirs)
    return None


# --- splitting the file ---------------------------------------------------------------------

_FENCE = re.compile(r"---[ \t]*\Z")
_END_FENCE = re.compile(r"(---|\.\.\.)[ \t]*\Z")


def split_frontmatter(lines: list[str]) -> tuple[int, int] | None:
    """Find the frontmatter block: ``(open_index, close_index)`` 0-based, or None.

    ``close_index`` is -1 when the block is opened and never closed.
    """
    if not lines or not _FENCE.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _END_FENCE.match(lines[index]):
            return (0, index)
    return (0, -1)


# --- building values from events ------------------------------------------------------------


class _Builder:
    def __init__(self, events: Any, line_offset: int, result: Frontmatter):
        self.events = events
        self.offset = line_offset  # add to a 0-based YAML line to get the 1-based file line
        self.result = result
        self.nodes = 0

    def _loc(self, event: Any) -> tuple[int, int]:
        return (event.start_mark.line + self.offset, event.start_mark.column + 1)

    def refuse(self, kind: str, event: Any, message: str) -> None:
        line, column = self._loc(event)
        self.result.problems.append(LoadProblem(kind, line, column, message))
        raise _Refused

    def next_event(self) -> Any:
        return next(self.events)

    def build(self, event: Any, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.refuse("unsupported", event, f"frontmatter has more than {MAX_NODES} values; keep it small")
        if isinstance(event, yaml.AliasEvent):
            self.refuse("unsupported", event, f"YAML alias '*{_short(event.anchor)}' is not allowed in frontmatter; write the value out")
        if getattr(event, "anchor", None):
            self.refuse("unsupported", event, f"YAML anchor '&{_short(event.anchor)}' is not allowed in frontmatter; write the value out")
        tag = getattr(event, "tag", None)
        if tag and tag not in ("!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            self.refuse("unsupported", event, f"explicit YAML tag '{_short(tag)}' is not allowed in frontmatter")
        if depth > MAX_DEPTH:
            self.refuse("unsupported", event, f"frontmatter nests deeper than {MAX_DEPTH} levels")
        self.result.value_locations[path] = self._loc(event)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while True:
                child = self.next_event()
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.build(child, path + (len(items),), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        self.refuse("syntax", event, "unexpected YAML structure")
        return None  # pragma: no cover

    def scalar(self, event: Any, path: Path_) -> Any:
        text = event.value
        if len(text) > MAX_SCALAR_CHARS:
            self.refuse("unsupported", event, f"a frontmatter value is longer than {MAX_SCALAR_CHARS} characters")
        plain = event.style in ("", None) and (event.implicit[0] or not event.tag)
        if not plain or (event.tag == "!"):
            return text
        if len(text) > MAX_NUMBER_CHARS and _looks_numeric(text):
            self.refuse("unsupported", event, f"a number longer than {MAX_NUMBER_CHARS} digits is not allowed in frontmatter")
        value = resolve_plain_scalar(text)
        reading = yaml11_reading(text)
        if reading is not None:
            line, column = self._loc(event)
            shown = ".".join(str(p) for p in path) or "value"
            self.result.problems.append(LoadProblem(
                "yaml11", line, column,
                f"'{_short(text)}' at '{shown}' is read as {_describe(value)} by YAML 1.2 but as "
                f"{_describe(reading[1])} by YAML 1.1 tools (MkDocs, PyYAML); quote it: \"{_short(text)}\"",
                *_quoting(event),
            ))
        return value

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while True:
            key_event = self.next_event()
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                self.refuse("unsupported", key_event, "frontmatter keys must be plain strings, not lists or mappings")
            if getattr(key_event, "anchor", None):
                self.refuse("unsupported", key_event, f"YAML anchor '&{_short(key_event.anchor)}' is not allowed in frontmatter")
            key = key_event.value
            if key_event.style in ("", None):
                resolved = resolve_plain_scalar(key)
                if not isinstance(resolved, str):
                    self.refuse("unsupported", key_event, f"frontmatter key '{_short(key)}' is not a string (YAML reads it as {_describe(resolved)}); quote it")
                if yaml11_reading(key) is not None:
                    line, column = self._loc(key_event)
                    self.result.problems.append(LoadProblem(
                        "yaml11", line, column,
                        f"key '{_short(key)}' is read as a boolean by YAML 1.1 tools; quote it or rename it",
                        *_quoting(key_event),
                    ))
            key_path = path + (key,)
            if key in mapping:
                first_line = self.result.key_locations[key_path][0]
                line, column = self._loc(key_event)
                self.result.problems.append(LoadProblem(
                    "duplicate-key", line, column,
                    f"duplicate key '{_short(key)}' (first defined on line {first_line}); YAML tools silently keep only one",
                ))
                # Keep the first value; still consume (and check) the duplicate's value.
                self.build(self.next_event(), ("<duplicate>",) + key_path, depth + 1)
                continue
            self.result.key_locations[key_path] = self._loc(key_event)
            mapping[key] = self.build(self.next_event(), key_path, depth + 1)


def _quoting(event: Any) -> tuple[int, str | None]:
    """``(end column, the scalar double-quoted)`` for a plain scalar on one line, else no fix."""
    start, end = event.start_mark, event.end_mark
    if start is None or end is None or start.line != end.line or end.column - start.column != len(event.value):
        return 0, None
    escaped = event.value.replace("\\", "\\\\").replace('"', '\\"')
    return end.column + 1, f'"{escaped}"'


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the string '{_short(str(value))}'"


def _short(text: str, limit: int = 60) -> str:
    """Values echoed in messages: truncated, with control characters made visible."""
    from linter.safe_text import safe_excerpt

    return safe_excerpt(text, limit)


def load_frontmatter(lines: list[str]) -> Frontmatter | None:
    """Load the frontmatter of a file given as lines (no line endings); None when there is none."""
    block = split_frontmatter(lines)
    if block is None:
        return None
    opening, closing = block
    result = Frontmatter(data=None, start_line=opening + 1, end_line=(closing + 1) if closing >= 0 else len(lines))
    if closing < 0:
        result.problems.append(LoadProblem(
            "syntax", 1, 1, "frontmatter opened with '---' on line 1 is never closed with a '---' line",
        ))
        return result
    text = "\n".join(lines[opening + 1:closing])
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FRONTMATTER_BYTES:
        result.problems.append(LoadProblem(
            "unsupported", 2, 1, f"frontmatter is larger than {MAX_FRONTMATTER_BYTES // 1024} KiB",
        ))
        return result
    builder = _Builder(iter(()), line_offset=opening + 2, result=result)
    try:
        events = yaml.parse(text, Loader=_EventLoader)
        builder.events = events
        data = _build_document(builder, opening + 2)
    except _Refused:
        return result
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + opening + 2) if mark is not None else opening + 2
        column = (mark.column + 1) if mark is not None else 1
        problem = error.problem or error.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml >= 0.2.5 stops at 1000 levels while scanning ahead of us
            result.problems.append(LoadProblem("unsupported", line, column, f"frontmatter nests deeper than {MAX_DEPTH} levels"))
            return result
        context = error.context_mark
        if error.problem and error.context and context is not None and mark is not None and context.line != mark.line:
            # "did not find expected ']'" is found a line later than the '[' left open: name both.
            problem += f" ({error.context} that starts on line {context.line + opening + 2})"
        result.problems.append(LoadProblem("syntax", line, column, f"frontmatter is not valid YAML: {problem}"))
        return result
    except (yaml.YAMLError, ValueError, RecursionError, UnicodeError) as error:
        result.problems.append(LoadProblem("syntax", opening + 2, 1, f"frontmatter is not valid YAML: {_short(str(error))}"))
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        result.problems.append(LoadProblem(
            "syntax", opening + 2, 1, f"frontmatter must be a mapping of keys to values, not {kind}",
        ))
        return result
    result.data = data
    return result


def _build_document(builder: _Builder, first_line: int) -> Any:
    data: Any = None
    documents = 0
    for event in builder.events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                builder.refuse("syntax", event, "frontmatter holds more than one YAML document")
        elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)):
            data = builder.build(event, (), 0)
    return data
