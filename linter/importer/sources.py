"""Reading a foreign postmortem: its own frontmatter (YAML ``---`` or TOML ``+++``), ERB tags.

What comes out is the body exactly as written (line for line, so every output line can say
which input line it came from), the foreign frontmatter's values with their lines, and what
had to be neutralised on the way (ERB tags, which no Markdown renderer understands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

try:
    import tomllib
except ImportError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib

from linter.document import file_lines
from linter.frontmatter import load_frontmatter

_ERB_TAG = re.compile(r"<%[=#-]?(.*?)-?%>", re.S)


@dataclass
class ForeignSource:
    """A foreign file split into its frontmatter and its body (lines as written)."""

    lines: list[str]  # every input line (newlines folded to \n)
    body_start: int  # input line (1-based) of the first body line
    values: dict[str, Any] = field(default_factory=dict)  # foreign frontmatter values
    value_lines: dict[str, int] = field(default_factory=dict)  # key -> input line
    raw_frontmatter: list[str] = field(default_factory=list)  # the foreign block, as written
    kind: str = "none"  # none | yaml | toml
    notes: list[str] = field(default_factory=list)  # what reading changed or could not read

    @property
    def body(self) -> list[str]:
        return self.lines[self.body_start - 1:]

    def line_of(self, key: str) -> int | None:
        return self.value_lines.get(key)


def read_source(text: str, erb: bool = False) -> ForeignSource:
    """Split ``text``; ``erb`` (an ``.erb`` file) turns ERB tags into HTML comments in place."""
    lines = file_lines(text)
    source = _split_frontmatter(lines)
    if erb or any("<%" in line for line in source.body):
        _neutralise_erb(source)
    return source


def _split_frontmatter(lines: list[str]) -> ForeignSource:
    first = lines[0].lstrip("\ufeff").strip() if lines else ""
    if first == "+++":
        return _toml(lines)
    if first == "---":
        return _yaml(lines)
    return ForeignSource(lines=lines, body_start=1)


def _closing(lines: list[str], fence: str) -> int | None:
    for index in range(1, len(lines)):
        if lines[index].strip() == fence:
            return index
    return None


def _yaml(lines: list[str]) -> ForeignSource:
    end = _closing(lines, "---")
    if end is None:
        return ForeignSource(lines=lines, body_start=1, notes=["an opening '---' has no closing '---': read the whole file as body"])
    source = ForeignSource(lines=lines, body_start=end + 2, raw_frontmatter=lines[1:end], kind="yaml")
    loaded = load_frontmatter(lines)
    if loaded is None or loaded.data is None:
        problem = loaded.problems[0].message if loaded and loaded.problems else "not a YAML mapping"
        source.notes.append(f"the foreign YAML frontmatter could not be read ({problem}); kept as a comment")
        return source
    source.values = dict(loaded.data)
    source.value_lines = {key: loaded.line_of(key) for key in loaded.data}
    return source


def _toml(lines: list[str]) -> ForeignSource:
    end = _closing(lines, "+++")
    if end is None:
        return ForeignSource(lines=lines, body_start=1, notes=["an opening '+++' has no closing '+++': read the whole file as body"])
    block = lines[1:end]
    source = ForeignSource(lines=lines, body_start=end + 2, raw_frontmatter=block, kind="toml")
    try:
        values = tomllib.loads("\n".join(block))
    except tomllib.TOMLDecodeError as error:
        source.notes.append(f"the TOML frontmatter could not be read ({error}); kept as a comment")
        return source
    source.values = {key: _plain(value) for key, value in values.items()}
    for key in values:
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        source.value_lines[key] = next((index + 2 for index, line in enumerate(block) if pattern.match(line)), 1)
    return source


def _plain(value: Any) -> Any:
    """TOML dates and times as ISO text, like the YAML loader gives them."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _neutralise_erb(source: ForeignSource) -> None:
    """ERB tags become HTML comments on the same lines: kept, visible to the author, not rendered."""
    changed = 0
    for index in range(source.body_start - 1, len(source.lines)):
        line = source.lines[index]
        if "<%" in line and "%>" in line:
            new = _ERB_TAG.sub(lambda match: f"<!-- erb: {match.group(1).strip().replace('--', '- -')} -->", line)
            if new != line:
                source.lines[index] = new
                changed += 1
    if changed:
        source.notes.append(f"{changed} line(s) with ERB tags: the tags are kept as HTML comments")
