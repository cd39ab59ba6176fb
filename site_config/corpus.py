"""The corpus as the site shows it: every postmortem linted and parsed once, then published or refused.

``load_corpus`` runs the linter, and each worker reduces every document it parsed to a
``SiteRecord`` (``site_record``): its ``Incident`` (``linter.api.incident_from``: the model the
reports use too) and its Markdown body, so the documents themselves never travel back to the
build process or stay in its memory. A ``Published`` attaches what only the site knows of an
incident: its page, its body without the frontmatter, and the file's findings.

A file is *refused* — never published — when its content cannot be shown faithfully and
safely: unreadable or skipped files, missing or unparsable frontmatter (MkDocs would print the
raw YAML as text) and any finding of the safety rules (``PM8``: input that could hang the
Markdown build or carry script). Refusal does not depend on the ``lint`` setting.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from linter.api import (BY_CODE, Config, Document, Finding, Incident, ResultCache, counts, fix_counts, formatspec,
                        incident_from, lint_paths, page_limits_exceeded, safe_excerpt, strip_unwanted)
from site_config.slugs import assign_slugs, normalize, slug_for

IMPACT_LABELS = {
    "users_affected": "users affected",
    "duration_minutes": "minutes of impact",
    "revenue_usd": "revenue (USD)",
    "slo_budget_minutes": "SLO budget minutes",
    "support_tickets": "support tickets",
    "data_loss": "data loss",
}
_LEADING_H1 = re.compile(r"#(?!#)[ \t]")


@dataclass(eq=False)
class Published:
    """A postmortem the site publishes: its ``Incident`` and what only the site knows of it."""

    incident: Incident
    body: str  # the Markdown after the frontmatter
    findings: list[Finding] = field(default_factory=list)
    slug: str = ""  # its page: incidents/<slug>/ (see _assign_incident_slugs)

    @property
    def source(self) -> str:
        """The file, as findings name it."""
        return self.incident.path

    @property
    def year(self) -> str:
        written = self.incident.date_text
        return written[:4] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written) else ""

    @property
    def src_uri(self) -> str:
        return f"incidents/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"incidents/{self.slug}/"

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def counts(self) -> tuple[int, int, int]:
        """``(errors, warnings, notes)`` among its findings."""
        return counts(self.findings)

    @property
    def fix_counts(self) -> tuple[int, int]:
        """``(safe, unsafe)``: its findings ``postmortem lint --fix`` corrects (``--unsafe-fixes``)."""
        return fix_counts(self.findings)

    @property
    def fix_command(self) -> str:
        """The command that fixes this file, ready to paste (the path quoted for a shell)."""
        safe, unsafe = self.fix_counts
        return f"postmortem lint --fix {'--unsafe-fixes ' if unsafe and not safe else ''}{shlex.quote(self.source)}"

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Newest first on the site: the date as written (else the start), the start time, the id."""
        started = self.incident.started
        return (self.incident.date_text or (started.date().isoformat() if started else ""),
                started.isoformat() if started else "", self.incident.id)


@dataclass(frozen=True)
class Refusal:
    """A file left off the site: why, and (for ``mkdocs serve``'s error page) where in the file."""

    source: str
    reason: str
    findings: tuple[Finding, ...] = ()  # the file's errors, the one that refused it first
    excerpt: tuple[tuple[int, str], ...] = ()  # (line number, text) around the first of them

    @property
    def line(self) -> int | None:
        return self.findings[0].line if self.findings else None


EXCERPT_LINES = 3  # either side of the line that refused the file
EXCERPT_CHARS = 160


def _refusal(record: SiteRecord, reason: str, findings: list[Finding]) -> Refusal:
    errors = sorted((f for f in findings if f.is_error), key=lambda f: (not blocks_publication(f.code), f.line, f.column))
    excerpt: tuple[tuple[int, str], ...] = ()
    lines = record.lines or []
    if errors and lines:
        first = max(1, errors[0].line - EXCERPT_LINES)
        last = min(len(lines), errors[0].line + EXCERPT_LINES)
        excerpt = tuple((number, strip_unwanted(lines[number - 1])[:EXCERPT_CHARS]) for number in range(first, last + 1))
    return Refusal(record.path, reason, tuple(errors), excerpt)


@dataclass
class SiteRecord:
    """What the site keeps of one linted file, made in the worker that parsed it."""

    path: str
    read_error: str | None
    has_frontmatter: bool  # present and parsed
    page_limit: str | None  # PM808's limits exceeded: why it gets no page
    incident: Incident | None  # None when the file can never be published
    body: str
    lines: list[str] | None  # only for a file its findings may refuse: serve's error page quotes it


def site_record(document: Document, findings: list[Finding], config: Config) -> SiteRecord:
    """The site's part of a document (``lint_paths(keep_documents=...)``). Whether it is refused
    is decided later, on the run's final findings (suppressions and corpus rules applied), so a
    file that any of its own findings could refuse keeps its lines for the excerpt."""
    has_frontmatter = document.frontmatter is not None and document.frontmatter.data is not None
    page_limit = _page_limit_reason(document, config)
    incident, body = None, ""
    if not document.read_error and has_frontmatter and page_limit is None:
        # PM109 reports control and bidi characters; no page, title or report shows them.
        document.frontmatter.data = _visible_values(document.frontmatter.data)
        incident, body = incident_from(document, config.priority_scheme), body_markdown(document)
    may_be_refused = incident is None or any(blocks_publication(finding.code) for finding in findings)
    return SiteRecord(document.path, document.read_error, has_frontmatter, page_limit, incident, body,
                      list(document.lines or []) if may_be_refused else None)


@dataclass(frozen=True)
class Term:
    """One value of a facet (a service, a category, a factor, a tag) and its incidents."""

    facet: str
    slug: str
    label: str
    incidents: tuple[Published, ...]

    @property
    def src_uri(self) -> str:
        return f"browse/{self.facet}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"browse/{self.facet}/{self.slug}/"


# facet key -> (heading, how to read its values from an Incident)
FACETS: dict[str, tuple[str, Any]] = {
    "service": ("Services", lambda incident: incident.services),
    "root-cause": ("Root-cause categories", lambda incident: [incident.category] if incident.category else []),
    "factor": ("Contributing factors", lambda incident: incident.factors),
    "tag": ("Tags", lambda incident: incident.tags),
}


@dataclass
class Corpus:
    published: list[Published]  # newest first
    refused: list[Refusal]
    findings: list[Finding]  # every finding of the run, refused files included
    config: Config
    by_id: dict[str, Published] = field(default_factory=dict)
    facets: dict[str, list[Term]] = field(default_factory=dict)
    collisions: list[tuple[str, str]] = field(default_factory=list)  # (file, file it clashed with)
    internal_errors: list[str] = field(default_factory=list)  # rules that crashed: the check is incomplete

    def term(self, facet: str, value: str) -> Term | None:
        return self._terms.get((facet, normalize(value)))

    def __post_init__(self) -> None:
        self._terms: dict[tuple[str, str], Term] = {}

    @property
    def incidents(self) -> list[Incident]:
        """The published incidents, newest first (what the reports count)."""
        return [published.incident for published in self.published]

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]


def blocks_publication(code: str) -> bool:
    """Whether a finding of this rule keeps its file off the site (``Rule.blocks_publication``)."""
    rule = BY_CODE.get(code)
    return rule is not None and rule.blocks_publication


def refusal_reason(record: SiteRecord, findings: list[Finding]) -> str | None:
    """Why a file must not be published, or None."""
    if record.read_error:
        return safe_excerpt(record.read_error, 200)
    blocking = [finding for finding in findings if blocks_publication(finding.code)]
    if blocking:
        first = blocking[0]
        return f"{first.code} {first.name} (line {first.line}): {safe_excerpt(first.message, 160)}"
    if not record.has_frontmatter:
        return "its frontmatter is missing or cannot be read"
    return record.page_limit


def _page_limit_reason(document: Document, config: Config) -> str | None:
    """The site's own check of PM808's limits: it holds even when the rule is not selected."""
    for key, count, limit in page_limits_exceeded(document.meta, config):
        return f"PM808 generated-pages-limit: '{key}' lists {count:,} distinct values (the limit is {limit}): too many pages"
    return None


def _visible_values(value: Any) -> Any:
    """Frontmatter values with control and bidi characters removed from every string."""
    if isinstance(value, str):
        return strip_unwanted(value)
    if isinstance(value, dict):
        return {_visible_values(key): _visible_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible_values(item) for item in value]
    return value


def body_markdown(document: Document) -> str:
    """The body after the frontmatter, without a leading ``# Title`` (the page prints the title)."""
    start = document.frontmatter.end_line if document.frontmatter else 0
    edits = document.site_edits  # where the site would read the top level otherwise (PM807's module)
    lines = [edits.get(index, line) for index, line in enumerate(document.lines)][start:] if edits else document.lines[start:]
    for index, line in enumerate(lines):
        if line.strip():
            if _LEADING_H1.match(line):
                lines = lines[:index] + lines[index + 1:]
            break
    return "\n".join(lines) + "\n"


def _assign_incident_slugs(published: list[Published]) -> list[tuple[str, str]]:
    """Pages by id (``pm-2026-001``), else by file name; a clash gets a digest, and is reported."""
    taken: dict[str, Published] = {}
    collisions: list[tuple[str, str]] = []
    for entry in sorted(published, key=lambda item: item.source):
        if re.fullmatch(formatspec.ID_PATTERN, entry.incident.id):
            wanted = entry.incident.id.lower()
        else:
            stem = entry.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            wanted = f"file-{slug_for(stem)}"
        if wanted in taken:
            collisions.append((entry.source, taken[wanted].source))
            wanted = f"{wanted}-{_digest(entry.source)}"
        taken[wanted] = entry
        entry.slug = wanted
    return collisions


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _build_facets(corpus: Corpus) -> None:
    for facet, (_, values_of) in FACETS.items():
        groups: dict[str, list[Published]] = {}
        labels: dict[str, str] = {}
        for entry in corpus.published:
            keys_of_incident: set[str] = set()  # a value written twice (or alike) lists it once
            for value in values_of(entry.incident):
                key = normalize(value)
                if key not in keys_of_incident:
                    keys_of_incident.add(key)
                    groups.setdefault(key, []).append(entry)
                labels.setdefault(key, value)
        slugs = assign_slugs(labels.values())
        terms = [Term(facet, slugs[key], labels[key], tuple(groups[key])) for key in groups]
        terms.sort(key=lambda term: (-len(term.incidents), term.label.casefold()))
        corpus.facets[facet] = terms
        for term in terms:
            corpus._terms[(facet, normalize(term.label))] = term


def build_corpus(records: list[SiteRecord], findings: list[Finding], config: Config) -> Corpus:
    """Sort the files into published incidents and refusals, then index them for the pages."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    published: list[Published] = []
    refused: list[Refusal] = []
    for record in records:
        own = by_path.get(record.path, [])
        reason = refusal_reason(record, own)  # always one when record.incident is None
        if reason:
            refused.append(_refusal(record, reason, own))
            continue
        published.append(Published(record.incident, record.body, own))
    known = {record.path for record in records}
    for finding in findings:  # files the linter skipped without parsing (PM006)
        if finding.path not in known and blocks_publication(finding.code):
            refused.append(Refusal(finding.path, f"{finding.code} {finding.name}: {safe_excerpt(finding.message, 160)}",
                                   (finding,)))
            known.add(finding.path)
    collisions = _assign_incident_slugs(published)
    published.sort(key=lambda entry: entry.sort_key, reverse=True)
    corpus = Corpus(published=published, refused=refused, findings=findings, config=config, collisions=collisions)
    for entry in published:
        if entry.incident.id and entry.incident.id not in corpus.by_id:
            corpus.by_id[entry.incident.id] = entry
    _build_facets(corpus)
    return corpus


def load_corpus(paths: list[str], config: Config, jobs: int = 0, cache: ResultCache | None = None) -> Corpus:
    """Lint ``paths`` once, keeping each file's ``SiteRecord``, and build the corpus from them.
    ``jobs``: worker processes (0: all cores for a large corpus); ``cache``: the results of the
    last build, for the files that did not change since (``mkdocs serve``)."""
    keep = functools.partial(site_record, config=config)
    run = lint_paths(paths, config, jobs=jobs, keep_documents=keep, cache=cache)
    corpus = build_corpus(run.documents, run.findings, config)
    corpus.internal_errors = run.internal_errors
    return corpus
