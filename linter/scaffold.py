"""A new postmortem, ready to fill in: what ``postmortem new`` writes.

The scaffold is valid from the first second: quoted frontmatter with the next free id, every
section of the format with a one-line hint (an HTML comment, invisible on the site) on what good
content looks like, and an empty action-item table. Linting it lists only what is still to be
filled in. Timestamps and the fields needed to publish are left as commented-out keys.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field

from linter import formatspec
from linter.control_chars import BIDI_CONTROLS
from linter.paths import is_inside

MAX_SLUG_LENGTH = 60
FALLBACK_SLUG = "incident"
SCHEMA_FILE = "postmortem.schema.json"  # `postmortem schema > postmortem.schema.json` at the root
AUTHOR_PLACEHOLDER = "@TODO"

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "ı": "i", "&": " and ",
    "'": "", "’": "", "`": "",
})

ACTION_TABLE = "| Action | Owner | Due | Priority | Link |\n|---|---|---|---|---|\n"


class ScaffoldError(Exception):
    """Input that cannot make a valid postmortem (exit code 2)."""


# --- values ------------------------------------------------------------------------------------


def slugify(title: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens; accents folded, other scripts dropped."""
    text = unicodedata.normalize("NFKD", title.translate(_FOLD)).translate(_FOLD)
    ascii_text = "".join(char for char in text if not unicodedata.combining(char)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rindex("-")] if "-" in cut else slug[:limit]
    return slug.strip("-") or FALLBACK_SLUG


def one_line(value: str, what: str) -> str:
    """A user-typed value as one line of text, or a ScaffoldError saying what is wrong with it."""
    value = value.strip()
    if not value:
        raise ScaffoldError(f"{what} is empty")
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs":
            raise ScaffoldError(f"{what} is not valid UTF-8 text")
        if category in ("Cc", "Zl", "Zp") or char in BIDI_CONTROLS:
            raise ScaffoldError(f"{what} must be one line of text without control characters or bidi overrides")
    return value


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar; invisible format characters are written as escapes."""
    out = []
    for char in json.dumps(value, ensure_ascii=False):
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def next_id(year: int, directories: list[str]) -> str:
    """``PM-YYYY-NNN`` one above the highest id of that year in the directories."""
    from linter.corpus import summarize_frontmatter_only
    from linter.files import discover

    pattern = re.compile(formatspec.ID_PATTERN)
    highest = 0
    existing = [directory for directory in dict.fromkeys(directories) if os.path.isdir(directory)]
    sources, _ = discover(existing) if existing else ([], [])
    for source in sources:
        identifier = summarize_frontmatter_only(source).id
        if identifier and pattern.match(identifier) and identifier[3:7] == f"{year:04d}":
            highest = max(highest, int(identifier[8:]))
    return f"PM-{year:04d}-{highest + 1:03d}"


# --- the file ----------------------------------------------------------------------------------


@dataclass
class Incident:
    title: str
    date: str  # YYYY-MM-DD, validated by the caller
    severity: str
    services: list[str]
    authors: list[str] = field(default_factory=list)
    id: str = ""
    schema_path: str | None = None  # relative path for the editor modeline, when there is a schema
    timeline: str | None = None  # an imported Timeline section (``## Timeline`` ...), replacing the hint
    timestamps: dict[str, str] = field(default_factory=dict)  # lifecycle key -> ISO 8601 UTC, from records


def _commented(key: str, value: str, note: str = "") -> str:
    line = f"# {key}: {value}"
    return f"{line:<44}# {note}" if note else line


def frontmatter(incident: Incident, config) -> str:
    lines = ["---"]
    if incident.schema_path:
        lines.append(f"# yaml-language-server: $schema={incident.schema_path}")
    lines += [
        f"id: {yaml_string(incident.id)}",
        f"title: {yaml_string(incident.title)}",
        f"date: {yaml_string(incident.date)}",
        f"severity: {yaml_string(incident.severity)}",
        'status: "draft"',
        "services:",
        *(f"  - {yaml_string(service)}" for service in incident.services),
        "authors:",
        *(f"  - {yaml_string(author)}" for author in (incident.authors or [AUTHOR_PLACEHOLDER])),
        "# Needed to publish (status: published). Uncomment each as you learn it.",
        "# Timestamps are ISO 8601 in UTC, ending in Z.",
        _commented("incident_commander", '"@handle"'),
        *(f"{key}: {yaml_string(incident.timestamps[key])}" if key in incident.timestamps
          else _commented(key, f'"{incident.date}THH:MM:SSZ"') for key in formatspec.LIFECYCLE_KEYS),
        "# impact:",
        _commented("  users_affected", "0"),
        _commented("  duration_minutes", "0", "started_at to mitigated_at"),
        _commented("detection", '""', " | ".join(formatspec.DETECTION_SOURCES)),
        _commented("root_cause_category", '""', " | ".join(config.root_cause_categories)),
        _commented("contributing_factors", "[]", " | ".join(config.contributing_factors)),
        _commented("related", "[]", "ids of earlier incidents this one repeats"),
        "---",
    ]
    return "\n".join(lines) + "\n"


def body(config, timeline: str | None = None) -> str:
    """Every section of the format, in order, each with its hint (the Timeline imported, if given)."""
    parts = []
    for name in formatspec.CORE_SECTIONS:
        if name == "Timeline" and timeline:
            parts.append(timeline)
            continue
        hint = formatspec.section_hint(name)
        if name not in config.required_sections:
            hint = f"Optional: {hint[0].lower()}{hint[1:]} Delete this section if nothing applies."
        parts.append(f"## {name}\n\n<!-- {hint} -->\n")
        if name == "Action items":
            parts.append(ACTION_TABLE)
    return "\n" + "\n".join(parts)


def render(incident: Incident, config) -> str:
    return frontmatter(incident, config) + body(config, incident.timeline)


def target_path(directory: str, date: str, slug: str) -> str:
    """``DIR/YYYY/YYYY-MM-DD-slug.md``, refused if links would put it outside ``DIR``."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ScaffoldError(f"cannot build a file name from date '{date}' and slug '{slug}'")
    path = os.path.join(directory, date[:4], f"{date}-{slug}.md")
    root = os.path.realpath(directory)
    if not is_inside(os.path.realpath(os.path.dirname(path)), root):
        raise ScaffoldError(f"{os.path.dirname(path)} leads outside {directory} (a symbolic link?); not writing there")
    return path


def schema_reference(path: str, config) -> str | None:
    """The modeline target: the repository's schema file relative to the new file, if it exists."""
    schema = os.path.join(config.root, SCHEMA_FILE)
    if not os.path.isfile(schema):
        return None
    return os.path.relpath(os.path.abspath(schema), os.path.dirname(os.path.abspath(path))).replace(os.sep, "/")
