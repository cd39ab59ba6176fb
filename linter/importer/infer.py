"""Frontmatter values read from a foreign postmortem's text, each with the input line it came from.

Every function here returns ``Inferred`` values or nothing: a value is only inferred from a
place that states it (a foreign frontmatter key, a labelled line, a section that says it), never
guessed; what is not stated is left for the author as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from linter.formatspec import DETECTION_SOURCES, is_owner_handle
from linter.importer.sources import ForeignSource


@dataclass(frozen=True)
class Inferred:
    key: str  # a frontmatter key, dotted for impact (impact.users_affected)
    value: Any
    line: int | None  # input line it came from (None: derived, e.g. from the file name)
    how: str  # a few words: where it came from


_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_ISO_DATE = re.compile(r"(?<!\d)(?P<iso>\d{4}-\d{2}-\d{2})(?!\d)")
_NAMED_DATES = (
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(_DAY + r"\.?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")


def body_lines(source: ForeignSource) -> Iterable[tuple[int, str]]:
    """``(input line, text)`` of the body, outside fenced code blocks."""
    fence = None
    for index, text in enumerate(source.body):
        stripped = text.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        yield source.body_start + index, text


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date written in ``text``: (YYYY-MM-DD, start, end), ISO or with a month name."""
    found = []
    match = _ISO_DATE.search(text)
    if match and _valid(match["iso"]):
        found.append((match["iso"], match.start(), match.end()))
    for pattern in _NAMED_DATES:
        match = pattern.search(text)
        if match:
            iso = _iso(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
            if iso:
                found.append((iso, match.start(), match.end()))
    return min(found, key=lambda item: item[1]) if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _valid(text: str) -> bool:
    return _iso(int(text[:4]), int(text[5:7]), int(text[8:10])) is not None


# --- title and date -------------------------------------------------------------------------

_TITLE_PREFIX = re.compile(r"^(?:(?:incident|outage|postmortem|post-mortem)(?: report| date)?(?:\s+(?:on|of|from))?\s*:?\s*)?", re.I)


_LEADING_TIME = re.compile(r"^\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5}\b)?")


def clean_title(text: str) -> str:
    """A heading as a title: markup and a leading date ("2018-03-26, ", "Incident on …- ") removed."""
    text = re.sub(r"[*_`]", "", text).strip()
    found = find_date(text)
    if found and (found[1] == 0 or _TITLE_PREFIX.match(text[:found[1]]).end() == found[1]):
        rest = _LEADING_TIME.sub("", text[found[2]:].strip(" ,:;—–-")).strip(" ,:;—–-")
        if rest:
            text = rest
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'“”":
        text = text[1:-1]
    text = text.strip("“”").strip()
    return " ".join(text.split())


def infer_title(source: ForeignSource) -> Inferred | None:
    foreign = source.values.get("title")
    heading = None
    for line, text in body_lines(source):
        match = _HEADING.match(text)
        if match:
            if heading is None or len(match["hashes"]) < len(heading[1]):
                heading = (line, match["hashes"], match["text"])
            if len(match["hashes"]) == 1:
                break
    if heading and len(heading[1]) == 1:
        return Inferred("title", clean_title(heading[2]), heading[0], "the first '# ' heading")
    if isinstance(foreign, str) and foreign.strip():
        return Inferred("title", clean_title(foreign), source.line_of("title"), "the foreign frontmatter's title")
    if heading:
        return Inferred("title", clean_title(heading[2]), heading[0], "the first heading")
    return None


def infer_context_date(source: ForeignSource, file_name: str, title: Inferred | None) -> Inferred | None:
    """The day the document names for the incident, before the timeline is read."""
    foreign = source.values.get("date")
    if isinstance(foreign, str) and _ISO_DATE.match(foreign) and _valid(foreign[:10]):
        return Inferred("date", foreign[:10], source.line_of("date"), "the foreign frontmatter's date")
    match = re.match(r"(\d{4}-\d{2}-\d{2})", file_name)
    if match and _valid(match.group(1)):
        return Inferred("date", match.group(1), None, "the file name")
    if title is not None and title.line is not None:
        found = find_date(source.lines[title.line - 1])
        if found:
            return Inferred("date", found[0], title.line, "the title")
    for line, text in body_lines(source):
        found = find_date(text)
        if found:
            return Inferred("date", found[0], line, "the first date in the text")
    return None


# --- people and services --------------------------------------------------------------------

_AUTHORS_LINE = re.compile(r"^[\s*_>-]*(?:created by|written by|prepared by|authors?|report(?:ed)? by|owner)[*_]*\s*:[*_]*\s*(?P<names>.+)$", re.I)
_SERVICES_LINE = re.compile(r"^[\s*_>-]*(?:affected )?(?:services?|systems?|components?)(?: affected| impacted)?[*_]*\s*:[*_]*\s*(?P<names>.+)$", re.I)


def _split_names(text: str) -> list[str]:
    parts = re.split(r",|;|\band\b|&", text)
    return [part.strip(" .*_`") for part in parts if part.strip(" .*_`")]


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")
_INLINE_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)[^)]*\)")
_REFERENCE_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\[(?P<label>[^\]]*)\])?")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>[^\s>]+)>?")
# A GitHub profile: one path segment, the account (https://github.com/Katharine).
_GITHUB_PROFILE = re.compile(r"https?://(?:www\.)?github\.com/(?P<handle>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/?")


def _author(written: str, references: dict[str, str] | None = None) -> str:
    """An author as written, as a handle where the text gives one: the e-mail address, else the
    GitHub account its profile link names (``[Kim Lee](https://github.com/kimlee)`` or a
    reference link to one), else the name with its link markup removed."""
    email = _EMAIL.search(written)
    if email:
        return email.group(0)
    for match in _INLINE_LINK.finditer(written):
        profile = _GITHUB_PROFILE.fullmatch(match["url"])
        if profile:
            return f"@{profile['handle']}"
    for match in _REFERENCE_LINK.finditer(written):
        url = (references or {}).get(" ".join((match["label"] or match["text"]).lower().split()), "")
        profile = _GITHUB_PROFILE.fullmatch(url)
        if profile:
            return f"@{profile['handle']}"
    name = re.sub(r"\[([^\]]*)\](?:\([^)]*\)?|\[[^\]]*\])?", r"\1", written)
    return name.strip("<>() .*_`")


def _references(source: ForeignSource) -> dict[str, str]:
    """The body's link reference definitions (``[Kim Lee]: https://…``), by normalised label."""
    found = {}
    for _, text in body_lines(source):
        match = _REFERENCE_DEFINITION.match(text)
        if match:
            found.setdefault(" ".join(match["label"].lower().split()), match["url"])
    return found


def _person(value: Any) -> str:
    """A foreign author entry: text, or a mapping (MyST, Hugo) with an e-mail or a name."""
    if isinstance(value, dict):
        for key in ("email", "github", "handle", "name"):
            if isinstance(value.get(key), str) and value[key].strip():
                found = value[key].strip()
                return f"@{found.lstrip('@')}" if key in ("github", "handle") else found
        return ""
    return str(value)


_COMMANDER_LINE = re.compile(r"^[\s*_>-]*(?:incident commander|ic)[*_]*\s*:[*_]*\s*(?P<who>\S+)\s*$", re.I)


def infer_incident_commander(source: ForeignSource) -> Inferred | None:
    """Only a handle or an e-mail on an ``Incident commander:`` line (a plain name is not a handle)."""
    for line, text in body_lines(source):
        match = _COMMANDER_LINE.match(text)
        if match and is_owner_handle(match["who"].strip("*_`")):
            return Inferred("incident_commander", match["who"].strip("*_`"), line, "an incident commander line")
    return None


def infer_authors(source: ForeignSource) -> Inferred | None:
    for key in ("authors", "author"):
        value = source.values.get(key)
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        authors = [_author(_person(name)) for name in names if _person(name).strip()]
        if authors:
            return Inferred("authors", authors, source.line_of(key), f"the foreign frontmatter's {key}")
    for line, text in body_lines(source):
        match = _AUTHORS_LINE.match(text)
        if match:
            references = _references(source)
            authors = [_author(name, references) for name in re.split(r",|;|\band\b", match["names"]) if name.strip(" .*_")]
            authors = [author for author in authors if author and len(author) <= 60]
            if authors:
                return Inferred("authors", authors, line, "an author line")
    return None


def infer_services(source: ForeignSource) -> Inferred | None:
    for key in ("services", "service", "components", "affected_services", "systems"):
        value = source.values.get(key)
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        services = [str(name).strip() for name in names if str(name).strip()]
        if services:
            return Inferred("services", services, source.line_of(key), f"the foreign frontmatter's {key}")
    for line, text in body_lines(source):
        match = _SERVICES_LINE.match(text)
        if match:
            services = _split_names(match["names"])
            if services and all(len(name) <= 40 and len(name.split()) <= 4 for name in services):
                return Inferred("services", services, line, "a services line")
    return None


def authors_not_handles(authors: list[str]) -> list[str]:
    return [author for author in authors if not is_owner_handle(author)]


# --- severity -------------------------------------------------------------------------------

_SEVERITY_WORDS = {"critical": 1, "highest": 1, "high": 2, "major": 2, "medium": 3, "moderate": 3, "minor": 4, "low": 4}
# Only a statement about this incident: a labelled line (``Severity: SEV2``) or "a Sev1 incident";
# "other severity 1 work" says nothing about this one.
_SEVERITY = re.compile(
    r"^[\s*_>|-]*(?:incident\s+)?(?:severity|sev)(?:\s+level)?[*_]*\s*[:=|][*_]*\s*(?P<value>(?:sev|p)?\s*-?\s*\d|" + "|".join(_SEVERITY_WORDS) + r")\b"
    r"|\b(?:sev(?:erity)?|p)-?\s?(?P<bare>\d)\s+(?:incident|outage)\b", re.I)


def severity_rank(text: str) -> int | None:
    """1 for the worst level, in whatever scheme the text uses (SEV1, Sev-2, P0/P1, critical/high…)."""
    text = text.strip().lower()
    if text in _SEVERITY_WORDS:
        return _SEVERITY_WORDS[text]
    digits = re.search(r"\d", text)
    if digits is None:
        return None
    return max(1, int(digits.group(0)))  # P0 is the worst of a P0… scheme: the worst level too


def map_severity(text: str, severities: list[str]) -> str | None:
    for severity in severities:
        if severity.lower().replace("-", "") == text.strip().lower().replace("-", "").replace(" ", ""):
            return severity
    rank = severity_rank(text)
    if rank is None:
        return None
    return severities[min(rank, len(severities)) - 1]


def infer_severity(source: ForeignSource, severities: list[str]) -> Inferred | None:
    for key in ("severity", "sev", "incident_severity"):
        value = source.values.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            mapped = map_severity(str(value), severities)
            if mapped:
                return Inferred("severity", mapped, source.line_of(key), f"the foreign frontmatter's {key} '{value}'")
    for line, text in body_lines(source):
        match = _SEVERITY.search(text)
        if match:
            written = match["value"] or match["bare"]
            mapped = map_severity(written, severities)
            if mapped:
                return Inferred("severity", mapped, line, f"'{match.group(0).strip()}' in the text")
    return None


# --- impact, detection, root cause -----------------------------------------------------------

_NUMBER = r"(?<![\w.])(?P<n>\d{1,3}(?:,\d{3})+|\d+)"  # a number of its own, not the 11 of "IE11"
# A number of users *with* what happened to them, in the Impact section: "1,200 users could not
# log in", not "about 10 users per 15 minutes".
_USERS = re.compile(_NUMBER + r"\+?\s+(?:\w+\s+)?(?:users|customers|people|accounts|visitors|tenants)\b"
                    r"(?=[^.;\n]{0,30}\b(?:were|was|are|could(?:n't| not)|can(?:no|')t|unable|affected|impacted|saw|lost|experienced|received|hit|failed)\b)", re.I)
_TICKETS = re.compile(_NUMBER + r"\s+(?:support\s+)?(?:tickets|support requests)\b", re.I)
_REVENUE = re.compile(r"\$\s?" + _NUMBER + r"(?P<k>\s?(?:k|thousand)\b)?[^.\n]{0,40}\b(?:revenue|sales|lost|refund)", re.I)
_DURATION = re.compile(
    r"\b(?:duration|downtime|outage duration|time to (?:repair|recovery|recover|mitigate)|impact lasted|lasted)[*_]*\s*:?[*_]*\s*"
    r"(?:~|about |around |approximately )?(?P<value>\d+\s*d\s*\d+\s*h\s*\d+\s*m|\d+\s*h\s*\d+\s*m|\d+\s*(?:minutes|mins?|m|hours?|h)\b)", re.I)


def minutes_of(text: str) -> int | None:
    """``1h 16m``, ``0h 22m``, ``2d 1h 3m``, ``45 minutes``, ``3 hours`` as minutes."""
    total, found = 0, False
    for amount, unit in re.findall(r"(\d+)\s*(d|h|hours?|m|mins?|minutes)\b", text.lower()):
        found = True
        total += int(amount) * {"d": 1440, "h": 60}.get(unit[0], 1)
    return total if found else None


def infer_impact(source: ForeignSource, section_of_line) -> list[Inferred]:
    """Numbers the Summary/Impact text states (users, tickets, revenue) and a stated duration."""
    found: dict[str, Inferred] = {}
    for line, text in body_lines(source):
        in_impact = section_of_line(line) == "Impact"
        if "impact.duration_minutes" not in found:
            match = _DURATION.search(text)
            if match and minutes_of(match["value"]):
                found["impact.duration_minutes"] = Inferred("impact.duration_minutes", minutes_of(match["value"]), line,
                                                            f"'{match.group(0).strip(' *_')}'")
        if not in_impact:
            continue
        for key, pattern in (("impact.users_affected", _USERS), ("impact.support_tickets", _TICKETS), ("impact.revenue_usd", _REVENUE)):
            if key in found:
                continue
            match = pattern.search(text)
            if match:
                value = int(match["n"].replace(",", ""))
                if key == "impact.revenue_usd" and match["k"]:
                    value *= 1000
                found[key] = Inferred(key, value, line, f"'{match.group(0).strip()}'")
    return list(found.values())


_DETECTION_WORDS = (
    ("alert", re.compile(r"\b(alert(s|ed|ing)?|paged|pager(duty)?|pingdom|alertmanager|uptime (check|robot)|monitoring)\b", re.I)),
    ("customer-report", re.compile(r"\b(customers?|users?|community members?|a member of the public) (reported|report(s)?|noticed|told|complained|opened)|\breported by (a |our )?(users?|customers?)|\buser reports?\b|\bsupport tickets?\b", re.I)),
    ("internal-report", re.compile(r"\b(via|by) (an? )?(engineer|developer|colleague|team member|human inspection)|\b(engineer|developer|team member|colleague)s? (noticed|spotted|reported|found)", re.I)),
)
_DETECTION_LABEL = re.compile(r"^[\s*_>-]*(?:identified|detection|detected by|how (?:was it|we) (?:detected|found out))[*_]*\s*:[*_]*\s*(?P<text>.*)$", re.I)


def detection_from(text: str) -> str | None:
    kinds = {kind for kind, pattern in _DETECTION_WORDS if pattern.search(text)}
    return kinds.pop() if len(kinds) == 1 else None


def infer_detection(source: ForeignSource, section_of_line) -> Inferred | None:
    """From a labelled line (``Identified:``) or the Detection section: only when one kind is named."""
    lines = list(body_lines(source))
    for index, (line, text) in enumerate(lines):
        match = _DETECTION_LABEL.match(text)
        if match:
            said = match["text"].strip() or next((t for _, t in lines[index + 1:index + 3] if t.strip()), "")
            kind = detection_from(said)
            if kind:
                return Inferred("detection", kind, line, "the detection line")
    detection_lines = [(line, text) for line, text in lines if (section_of_line(line) or "").lower() == "detection"]
    if detection_lines:
        kind = detection_from(" ".join(text for _, text in detection_lines))
        if kind:
            return Inferred("detection", kind, detection_lines[0][0], "the Detection section")
    value = source.values.get("detection")
    if isinstance(value, str) and value in DETECTION_SOURCES:
        return Inferred("detection", value, source.line_of("detection"), "the foreign frontmatter's detection")
    return None


_CATEGORY_LINE = re.compile(r"^[\s*_>-]*(?:root[- ]cause )?category[*_]*\s*:[*_]*\s*(?P<value>[\w -]+?)\s*$", re.I)


def infer_root_cause_category(source: ForeignSource, categories: list[str]) -> Inferred | None:
    """Only a category the document names that is in the configured taxonomy."""
    for key in ("root_cause_category", "category", "cause"):
        value = source.values.get(key)
        if isinstance(value, str) and value.strip().lower() in categories:
            return Inferred("root_cause_category", value.strip().lower(), source.line_of(key), f"the foreign frontmatter's {key}")
    for line, text in body_lines(source):
        match = _CATEGORY_LINE.match(text)
        if match and match["value"].strip().lower().replace(" ", "-") in categories:
            return Inferred("root_cause_category", match["value"].strip().lower().replace(" ", "-"), line, "a category line")
    return None
