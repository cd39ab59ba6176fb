"""The imported file's text: generated frontmatter, a note on what was kept, the body as written.

Every output line remembers the input line it came from (``origins``): a frontmatter line the
line its value was inferred from, a body line its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter import formatspec
from linter.scaffold import yaml_string

TODO = "TODO"
AUTHOR_TODO = "@TODO"


@dataclass
class Output:
    lines: list[str] = field(default_factory=list)
    origins: list[int | None] = field(default_factory=list)

    def add(self, text: str, origin: int | None = None) -> None:
        self.lines.append(text)
        self.origins.append(origin)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return yaml_string(str(value))


def _list(out: Output, key: str, values: list, origin: int | None, commented: bool = False) -> None:
    prefix = "# " if commented else ""
    out.add(f"{prefix}{key}:", origin)
    for value in values:
        out.add(f"{prefix}  - {scalar(value)}", origin)


def frontmatter(out: Output, values: dict[str, tuple[Any, int | None]], required: set[str], zone_note: str | None,
                held: dict[str, Any] | None = None) -> None:
    """``values``: key -> (value, input line); impact keys dotted. Missing required keys get a
    TODO the linter reports; missing optional ones are commented out for the author. ``held``
    (key -> ``consistency.Held``): values read but not written, shown commented out."""
    held = held or {}
    out.add("---")
    for key in ("id", "title", "date", "severity", "status"):
        value, origin = values.get(key, (TODO, None))
        out.add(f"{key}: {scalar(value)}", origin)
    for key, placeholder in (("services", TODO), ("authors", AUTHOR_TODO)):
        value, origin = values.get(key, ([placeholder], None))
        _list(out, key, value, origin)
    if "tags" in values:
        _list(out, "tags", *values["tags"])
    _optional(out, "incident_commander", values, required, '"@handle"')
    if zone_note:
        out.add(f"# {zone_note}")
    if "timezone" in values:
        out.add(f"timezone: {scalar(values['timezone'][0])}", values["timezone"][1])
    for key in formatspec.LIFECYCLE_KEYS:
        if key in held and key not in required:
            _held(out, key, held[key])
        else:
            _optional(out, key, values, required, '"YYYY-MM-DDTHH:MM:SSZ"')
    impact = {key.split(".", 1)[1]: values[key] for key in values if key.startswith("impact.")}
    duration = held.get("impact.duration_minutes")
    if impact or "impact" in required or duration is not None:  # a held duration is still to be set
        out.add("impact:", min((line for _, line in impact.values() if line), default=None))
        for name in ("users_affected", "duration_minutes", "revenue_usd", "support_tickets"):
            if name in impact:
                out.add(f"  {name}: {scalar(impact[name][0])}", impact[name][1])
            elif name in ("users_affected", "duration_minutes"):  # the schema requires both in an impact
                out.add(f"  {name}: {scalar(TODO)}")
            if name == "duration_minutes" and duration is not None:
                _held(out, f"  {name}", duration)
    else:
        out.add("# impact:")
        out.add("#   users_affected: 0")
        out.add("#   duration_minutes: 0                    # started_at to mitigated_at")
    _optional(out, "detection", values, required, '""', " | ".join(formatspec.DETECTION_SOURCES))
    _optional(out, "root_cause_category", values, required, '""')
    out.add("---")


def _optional(out: Output, key: str, values: dict, required: set[str], example: str, note: str = "") -> None:
    if key in values:
        value, origin = values[key]
        out.add(f"{key}: {scalar(value)}", origin)
    elif key in required:
        out.add(f"{key}: {scalar(TODO)}")
    else:
        line = f"# {key}: {example}"
        out.add(f"{line:<44}# {note}" if note else line)


def _held(out: Output, key: str, item: Any) -> None:
    """A value read but not written: commented out, with why (the report says it in full)."""
    out.add(f"# {key}: {scalar(item.value)}   # not written: {_one_line(item.reason)}", item.line)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def kept_note(out: Output, source_name: str, kept: list[tuple[int, str]], notes: list[str]) -> None:
    """An HTML comment (invisible on the site) naming the source and keeping, as written, the
    foreign frontmatter lines the format has no key for."""
    out.add(f"<!-- Imported from {_safe(source_name)} by `postmortem import`.")
    for note in notes:
        out.add(_safe(note))
    if kept:
        out.add("Foreign frontmatter the format has no key for, as written:")
        for line, text in kept:
            out.add(_safe(text), line)
    out.add("-->")
    out.add("")


def _safe(text: str) -> str:
    """Text that cannot end the comment early."""
    return text.replace("--", "- -").replace("- ->", "- - >")
