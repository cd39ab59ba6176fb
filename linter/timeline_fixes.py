"""The fixes of timeline-not-utc (PM303): times rewritten in UTC, each entry's words kept.

Each fix rewrites only the timestamps (and the zone declaration) and then reads the timeline
again to check that every entry is still at the instant it was: a bare time takes its day from
the entries above it, so a date written on one converted entry can move the next one. When
the minimal rewrite moves an entry, every converted entry gets its date; when that still does,
there is no fix. That re-reading is why these fixes are ``Deferred``: built only by ``--fix``.
"""

from __future__ import annotations

import re
from datetime import datetime

from linter.fixes import Applicability, Deferred, Edit, Fix, insert_before_line, replace_in_line
from linter.zones import Zone

_RANGE = re.compile(r"\d\s*[–-]\s*\d{1,2}:")
_SECONDS = re.compile(r"\d:\d{2}:\d{2}")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(\s*[AaPp]\.?[Mm]\.?|[AaPp](?![A-Za-z]))")


def _stamp(entry, at: datetime, dated: bool, zone_suffix: str) -> str:
    """The entry's time as UTC: ``03:15``, ``2026-04-07 03:15`` or with `` UTC``."""
    clock = f"{at:%H:%M:%S}" if _SECONDS.search(entry.time.text) else f"{at:%H:%M}"
    return f"{at:%Y-%m-%d} {clock}{zone_suffix}" if dated else f"{clock}{zone_suffix}"


def _convertible(entry) -> bool:
    time = entry.time
    return time is not None and time.utc_clock is None and not _RANGE.search(time.text) and not entry.rolled_over


def _needs_date(entry, at: datetime) -> bool:
    return entry.time.written_date is not None or entry.local is None or entry.local.date() != at.date()


def _rewritten(document, entries: list, instants: list[datetime], zone_suffix: str, all_dated: bool) -> list[Edit] | None:
    edits = []
    for entry, at in zip(entries, instants):
        dated = all_dated or _needs_date(entry, at)
        edit = replace_in_line(document, entry.line, entry.time.text, _stamp(entry, at, dated, zone_suffix))
        if edit is None:
            return None
        edits.append(edit)
    return edits


def _checked(document, edits: list[Edit], expected: list, line_shift: int = 0, zone_is_utc: bool = False) -> bool:
    """The edited document reads every entry (shifted by ``line_shift`` lines) at ``expected``."""
    from linter.fix_apply import document_after

    after = document_after(document, edits)
    if after is None:
        return False
    timeline = after.timeline
    if zone_is_utc and (after.timeline_zone is None or not after.timeline_zone.is_utc):
        return False
    return ([(entry.line, entry.at) for entry in timeline]
            == [(entry.line + line_shift, at) for entry, at in zip(document.timeline, expected)])


def _conversion(document, converted: list, instants: list[datetime], extra: list[Edit], zone_suffix: str,
                applicability: Applicability, message: str, zone_is_utc: bool = False) -> Fix | None:
    """Rewrite ``converted`` at ``instants`` (with ``extra`` edits: the declaration), minimal
    first, then with every date written; None when neither reads the same instants."""
    by_line = {entry.line: at for entry, at in zip(converted, instants)}
    expected = [by_line.get(entry.line, entry.at) for entry in document.timeline]
    for all_dated in (False, True):
        edits = _rewritten(document, converted, instants, zone_suffix, all_dated)
        if edits is None:
            return None
        if _checked(document, edits + extra, expected, zone_is_utc=zone_is_utc):
            return Fix(tuple(edits + extra), applicability, message)
    return None


def _zone_for(zone: Zone, fix_zone: str | None) -> tuple[Zone, Applicability] | None:
    """The zone to convert from: the declared one, or for an ambiguous one the ``--zone`` given."""
    if zone.known and not zone.ambiguous:
        return zone, Applicability.SAFE
    if zone.ambiguous and fix_zone:
        return Zone(zone.text, fix_zone, False, zone.line, zone.column, zone.source), Applicability.UNSAFE
    return None


def own_zone_fix(document, entry, fix_zone: str | None) -> Deferred | None:
    """An entry in a zone of its own (``05:22 CEST``): its time in UTC."""
    chosen = _zone_for(entry.zone, fix_zone) if _convertible(entry) and entry.local is not None else None
    if chosen is None:
        return None
    zone, applicability = chosen

    def build() -> Fix | None:
        at = zone.to_utc(entry.local)
        if at is None:
            return None
        return _conversion(document, [entry], [at], [], " UTC", applicability, f"write '{entry.time.text}' in UTC")

    return Deferred(applicability, build)


def declaration_fix(document, zone: Zone, fix_zone: str | None) -> Deferred | None:
    """A timeline declared in a local zone: every time it declares converted, the declaration made UTC."""
    chosen = _zone_for(zone, fix_zone)
    if chosen is None or zone.source == "first-entry":
        return None  # a zone implied by the entries' own: their own fixes convert them
    source_zone, applicability = chosen

    def build() -> Fix | None:
        declared = [entry for entry in document.timeline if entry.time is not None and entry.zone_source == "declared"]
        if not all(_convertible(entry) and entry.local is not None for entry in declared):
            return None
        instants = [source_zone.to_utc(entry.local) for entry in declared]
        declaration = _declaration_edit(document, zone)
        if declaration is None or None in instants:
            return None
        return _conversion(document, declared, instants, [declaration], "", applicability,
                           f"convert the timeline's times from {zone.text} to UTC", zone_is_utc=True)

    return Deferred(applicability, build)


def _declaration_edit(document, zone: Zone) -> Edit | None:
    if zone.source == "frontmatter":
        from linter.frontmatter_edits import scalar_edit

        value = document.meta.get("timezone")
        return scalar_edit(document, ("timezone",), value, "UTC") if isinstance(value, str) else None
    return replace_in_line(document, zone.line, zone.text, "UTC", max(zone.column - 1, 0))


def twelve_hour_fix(document, entries: list) -> Deferred:
    """12-hour clocks in a UTC timeline: the same times on a 24-hour clock, the rest kept."""

    def build() -> Fix | None:
        edits = []
        for entry in entries:
            time = entry.time
            match = _CLOCK.search(time.text)
            if match is None or not _convertible(entry) or entry.zone is None or not entry.zone.is_utc:
                return None
            clock = f"{time.hour24:02d}:{time.minute:02d}" + (f":{match[3]}" if match[3] else "")
            rewritten = time.text[:match.start()] + clock + time.text[match.end():]
            edit = replace_in_line(document, entry.line, time.text, rewritten)
            if edit is None:
                return None
            edits.append(edit)
        if not _checked(document, edits, [entry.at for entry in document.timeline]):
            return None
        return Fix(tuple(edits), Applicability.SAFE, "write the times on a 24-hour clock")

    return Deferred(Applicability.SAFE, build)


def utc_note_fix(document) -> Deferred | None:
    """Bare times and no declaration: the note 'All times UTC.' under the heading. Unsafe: it
    says the times were UTC, which only the author knows (the linter already reads them so)."""
    section = document.section("Timeline")
    if section is None:
        return None

    def build() -> Fix | None:
        edit = insert_before_line(section.line + 1, "\nAll times UTC.\n")
        expected = [entry.at for entry in document.timeline]
        if not _checked(document, [edit], expected, line_shift=2, zone_is_utc=True):
            return None
        return Fix((edit,), Applicability.UNSAFE, "say under the heading that the times are UTC")

    return Deferred(Applicability.UNSAFE, build)
