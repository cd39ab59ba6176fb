"""``postmortem import``: turn a foreign postmortem into one in the format.

``import_text`` is the whole conversion of one text (no file access, no clock: the same input
gives the same output); ``linter.commands.import_`` reads the files and writes the results.
The steps live in their own modules: ``sources`` (foreign frontmatter, ERB), ``infer`` (values
and their lines), ``lifecycle`` (milestones in UTC, through the document model), ``headings``
(sections, through ``formatspec.canonical_section``), ``naming`` and ``render``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from linter import formatspec
from linter.importer import bold_sections, consistency, infer, naming, render, slack_clock
from linter.importer.headings import Heading, headings, section_finder
from linter.importer.lifecycle import infer_lifecycle
from linter.importer.sources import read_source

# Foreign frontmatter keys the importer reads into the format (the rest are kept as a comment).
_MAPPED_KEYS = {"title", "date", "author", "authors", "services", "service", "components", "affected_services",
                "systems", "severity", "sev", "incident_severity", "tags", "detection", "root_cause_category",
                "category", "cause", "timezone"}


@dataclass
class ImportResult:
    text: str  # the output file's full text
    file_name: str  # YYYY-MM-DD-slug.md
    id: str
    inferred: list[tuple[str, Any, int | None]] = field(default_factory=list)
    how: dict[str, str] = field(default_factory=dict)  # key -> where its value came from
    left_for_author: list[str] = field(default_factory=list)
    sections: list[tuple[int, str, str | None]] = field(default_factory=list)  # line, heading, section
    origins: list[int | None] = field(default_factory=list, repr=False)
    changes: list[str] = field(default_factory=list)  # how the body was reshaped (bold-lead sections)

    def source_line(self, output_line: int) -> int | None:
        """The input line output line ``output_line`` (1-based) came from, or None."""
        if 1 <= output_line <= len(self.origins):
            return self.origins[output_line - 1]
        return None


def import_text(source_path: str, text: str, *, zone: str | None = None, existing_ids: Iterable[str] = (),
                config=None, status: str = "draft", identifier: str | None = None) -> ImportResult:
    """Convert one foreign postmortem; ``existing_ids`` are the ids already taken in the corpus
    (``identifier``, when given, is used instead: re-importing over a file keeps its id)."""
    if config is None:
        from linter.config import Config

        config = Config()
    name = os.path.basename(source_path)
    source = read_source(text, erb=name.endswith(".erb"))
    foreign_zone = source.values.get("timezone") if isinstance(source.values.get("timezone"), str) else None
    zone = zone or foreign_zone
    found = headings(source)
    reshaped = bold_sections.rewrite(source, found)
    if reshaped is not None:
        found = sorted(found + [Heading(item.line, reshaped.level, item.title, item.canonical)
                                for item in reshaped.items if item.canonical], key=lambda heading: heading.line)
    section_of_line = section_finder(found)
    left: list[str] = list(source.notes)
    values: dict[str, tuple[Any, int | None]] = {}
    how: dict[str, str] = {}

    def take(item: infer.Inferred | None) -> None:
        if item is not None:
            values[item.key] = (item.value, item.line)
            how[item.key] = item.how

    title = infer.infer_title(source)
    take(title)
    context = infer.infer_context_date(source, name, title)
    lifecycle = infer_lifecycle(source.body, source.body_start, zone, context.value if context else None)
    if zone and lifecycle.zone_line is None:
        # The zone the bare times were read in must travel with the file, or the linter would read
        # them as UTC and contradict the converted lifecycle timestamps.
        origin = source.line_of("timezone") if foreign_zone == zone else None
        take(infer.Inferred("timezone", zone, origin, "the foreign frontmatter" if origin else "--zone"))
    kept_milestones, held = consistency.in_lifecycle_order(lifecycle.milestones)
    clock = slack_clock.local_clock(source.body, source.body_start) if lifecycle.read_as_utc and not zone else None
    if clock is not None:
        # Read as UTC, the times would be off by whole hours: a guess the importer does not write.
        held = [consistency.Held(item.key, item.at.strftime("%Y-%m-%dT%H:%M:%SZ"), item.line, "its zone is unknown (see the note above)")
                for item in kept_milestones] + held
        left.append(f"lifecycle timestamps: {slack_clock.describe(clock)}; they are commented out: "
                    "import again with --zone ZONE (the team's zone, e.g. Europe/London)")
        kept_milestones = []
    for milestone in kept_milestones:
        take(infer.Inferred(milestone.key, milestone.at.strftime("%Y-%m-%dT%H:%M:%SZ"), milestone.line,
                            f"timeline entry '{_short(milestone.text)}'"))
    left.extend(note for note in lifecycle.notes if clock is None or note != lifecycle.read_as_utc_note)
    started = values.get("started_at")
    if started is not None:
        take(infer.Inferred("date", started[0][:10], started[1], "started_at (UTC)"))
    else:
        take(context)
    take(infer.infer_services(source))
    take(infer.infer_authors(source))
    take(infer.infer_incident_commander(source))
    take(infer.infer_severity(source, list(config.severities)))
    for item in infer.infer_impact(source, section_of_line):
        duration = item.key == "impact.duration_minutes" and consistency.stated_duration(
            item.value, item.line, item.how.strip("'"), kept_milestones)
        if duration:
            held.append(duration)
        else:
            take(item)
    left.extend(f"{item.key}: {item.reason}; commented out in the file: set it by hand" for item in held)
    take(infer.infer_detection(source, section_of_line))
    take(infer.infer_root_cause_category(source, list(config.root_cause_categories)))
    tags = source.values.get("tags")
    if isinstance(tags, list) and tags and all(isinstance(tag, str) for tag in tags):
        take(infer.Inferred("tags", tags, source.line_of("tags"), "the foreign frontmatter's tags"))

    undated = "date" not in values
    if undated:
        left.append("date: no date found (not in a frontmatter, the file name, the title, the text or the timeline): "
                    "set date and id, and rename the file YYYY-MM-DD-slug.md")
    if "title" not in values or not values["title"][0]:
        take(infer.Inferred("title", os.path.splitext(name.split(".", 1)[0])[0].replace("-", " "), None, "the file name"))
    date = None if undated else values["date"][0]
    if date is None:
        identifier = identifier or render.TODO
    else:
        identifier = identifier or naming.next_free_id(int(date[:4]), existing_ids)
    values["id"] = (identifier, None)
    values["status"] = (status, None)
    how["id"], how["status"] = "the next free id of the corpus", "--status" if status != "draft" else "imported files start as drafts"

    required = set(formatspec.ALWAYS_REQUIRED_KEYS)
    if status == "published":
        required |= set(formatspec.PUBLISHED_REQUIRED_KEYS)
    explained = {note.split(":", 1)[0] for note in left}
    explained |= {key.split(".", 1)[0] for key in explained}  # a held impact.duration_minutes explains impact
    left.extend(note for note in _left_for_author(values, required, config) if note.split(":", 1)[0] not in explained)
    kept = [(source.line_of(key) or source.body_start, f"{key}: {_as_text(value)}")
            for key, value in source.values.items() if key not in _MAPPED_KEYS]
    kept_lines = _kept_lines(source, kept)
    if source.kind != "none" and not source.values and source.raw_frontmatter:
        kept_lines = [(index + 2, line) for index, line in enumerate(source.raw_frontmatter)]

    out = render.Output()
    zone_note = None
    if lifecycle.zone is not None and lifecycle.zone.known and kept_milestones:
        declared = f"line {lifecycle.zone_line}" if lifecycle.zone_line else "the zone given to the import"
        written = "UTC" if lifecycle.zone.is_utc else f"in {lifecycle.zone.describe()}"
        zone_note = f"The timeline's times are {written} ({declared}); timestamps here are UTC."
    elif clock is not None:
        zone_note = f"The timeline declares no zone, and {slack_clock.describe(clock)}; import again with --zone ZONE."
    elif lifecycle.read_as_utc:
        zone_note = "The timeline declares no zone: its times were read as UTC; if they are local, convert them or import again with --zone ZONE."
    render.frontmatter(out, values, required, zone_note, {item.key: item for item in held})
    render.kept_note(out, name, kept_lines, [])
    if reshaped is None:
        for offset, line in enumerate(source.body):
            out.add(line, source.body_start + offset)
    else:
        for line, origin in reshaped.lines:
            out.add(line, origin)

    inferred = [(key, values[key][0], values[key][1]) for key in _order(values) if key not in ("id", "status")]
    return ImportResult(
        text=out.text, file_name=naming.file_name(date, values["title"][0]), id=identifier, inferred=inferred, how=how,
        left_for_author=left, sections=[(h.line, h.text, h.canonical) for h in found if h.level <= 3],
        origins=out.origins, changes=bold_sections.describe(reshaped) if reshaped is not None else [],
    )


def _kept_lines(source, kept: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The foreign lines of the unmapped keys as written (a value may span several lines)."""
    if not kept:
        return []
    starts = sorted(source.value_lines.values())
    out = []
    for line, fallback in kept:
        later = [start for start in starts if start > line]
        end = min(later) if later else source.body_start - 1  # the closing fence
        written = source.lines[line - 1:end - 1] if source.kind != "none" else []
        out.extend((line + index, text) for index, text in enumerate(written)) if written else out.append((line, fallback))
    return sorted(out)


def _as_text(value: Any) -> str:
    return str(value)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _order(values: dict) -> list[str]:
    order = ["title", "date", "severity", "services", "authors", *formatspec.LIFECYCLE_KEYS]
    return [key for key in order if key in values] + sorted(key for key in values if key not in order)


def _left_for_author(values: dict, required: set[str], config) -> list[str]:
    left = []
    if "severity" not in values:
        left.append(f"severity: not stated in the document; set one of {', '.join(config.severities)}")
    if "services" not in values:
        left.append("services: not stated; list the affected services")
    if "authors" not in values:
        left.append("authors: not stated; list the authors' handles (@name or e-mail)")
    else:
        for author in infer.authors_not_handles(values["authors"][0]):
            left.append(f"authors: '{author}' is a name, not a handle; write it as @name or an e-mail address")
    for key in formatspec.LIFECYCLE_KEYS:
        if key not in values:
            left.append(f"{key}: no milestone entry with a time the importer could read as UTC")
    if not any(key.startswith("impact.") for key in values):
        left.append("impact: no number stated (users, duration, revenue, tickets)")
    for key in ("detection", "root_cause_category"):
        if key not in values:
            left.append(f"{key}: not stated clearly enough to infer")
    if "incident_commander" not in values:
        left.append("incident_commander: no 'Incident commander: @handle' line; name one")
    return left


__all__ = ["ImportResult", "import_text"]
