"""The corpus as the site shows it: every postmortem linted and parsed once, then published or refused.

``load_corpus`` runs the linter (``linter.engine.lint_paths`` with ``keep_documents``) and
turns each ``Document`` into an ``Incident``: tolerant, typed values for the templates (a
frontmatter value of the wrong type is shown as absent; the linter reports it), the Markdown
body without its frontmatter, the file's findings, and the page it is published at.

A file is *refused* — never published — when its content cannot be shown faithfully and
safely: unreadable or skipped files, missing or unparsable frontmatter (MkDocs would print the
raw YAML as text) and any finding of the safety rules (``PM8``: input that could hang the
Markdown build or carry script). Refusal does not depend on the ``lint`` setting.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from linter import formatspec, rules
from linter.config import Config
from linter.control_chars import strip_unwanted
from linter.document import Document
from linter.engine import ResultCache, lint_paths
from linter.findings import Finding
from linter.lifecycle import derived_minutes, lifecycle
from linter.rules.generated_pages_limit import over_limits
from linter.safe_text import safe_excerpt
from site_config.slugs import assign_slugs, normalize, slug_for

# Rule code prefixes whose findings keep a file off the site (see the module docstring), and
# the PM8 rule that does not: PM807 is about fidelity, not safety (the safety rules read the
# site's version of what it reports).
IMPACT_LABELS = {
    "users_affected": "users affected",
    "duration_minutes": "minutes of impact",
    "revenue_usd": "revenue (USD)",
    "slo_budget_minutes": "SLO budget minutes",
    "support_tickets": "support tickets",
    "data_loss": "data loss",
}
_LEADING_H1 = re.compile(r"#(?!#)[ \t]")


def _text(value: Any) -> str:
    """A scalar as display text; containers (a wrong type) as nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return ""


def _texts(value: Any) -> list[str]:
    """A list of scalars as texts, without blanks or repeats; a lone scalar as a list of one."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _text(item) if not isinstance(item, bool) else ""
        if text and text not in out:
            out.append(text)
    return out


def _number(value: Any) -> int | float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@dataclass
class Incident:
    """One published postmortem, as the pages show it."""

    source: str  # the file, as findings name it
    slug: str  # its page: incidents/<slug>/
    id: str
    title: str
    date: str  # YYYY-MM-DD as written, "" when absent
    severity: str
    status: str
    services: list[str]
    tags: list[str]
    authors: list[str]
    commander: str
    root_cause: str
    factors: list[str]
    related: list[str]
    detection: str
    impact: dict[str, int | float | bool]
    times: dict[str, datetime]
    minutes: dict[str, float | None]
    body: str  # the Markdown after the frontmatter
    findings: list[Finding] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.date) else ""

    @property
    def src_uri(self) -> str:
        return f"incidents/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"incidents/{self.slug}/"

    @property
    def label(self) -> str:
        """How links name the incident: its id, else its file."""
        return self.id or self.source

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def sort_key(self) -> tuple[str, str, str]:
        started = self.times.get("started_at")
        return (self.date or (started.date().isoformat() if started else ""), started.isoformat() if started else "", self.id)


@dataclass(frozen=True)
class Refusal:
    source: str
    reason: str


@dataclass(frozen=True)
class Term:
    """One value of a facet (a service, a category, a factor, a tag) and its incidents."""

    facet: str
    slug: str
    label: str
    incidents: tuple[Incident, ...]

    @property
    def src_uri(self) -> str:
        return f"browse/{self.facet}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"browse/{self.facet}/{self.slug}/"


# facet key -> (heading, how to read its values from an incident)
FACETS: dict[str, tuple[str, Any]] = {
    "service": ("Services", lambda incident: incident.services),
    "root-cause": ("Root-cause categories", lambda incident: [incident.root_cause] if incident.root_cause else []),
    "factor": ("Contributing factors", lambda incident: incident.factors),
    "tag": ("Tags", lambda incident: incident.tags),
}


@dataclass
class Corpus:
    incidents: list[Incident]  # newest first
    refused: list[Refusal]
    findings: list[Finding]  # every finding of the run, refused files included
    documents: list[Document]  # the parsed documents of the published incidents
    config: Config
    by_id: dict[str, Incident] = field(default_factory=dict)
    facets: dict[str, list[Term]] = field(default_factory=dict)
    collisions: list[tuple[str, str]] = field(default_factory=list)  # (file, file it clashed with)
    internal_errors: list[str] = field(default_factory=list)  # rules that crashed: the check is incomplete

    def term(self, facet: str, value: str) -> Term | None:
        return self._terms.get((facet, normalize(value)))

    def __post_init__(self) -> None:
        self._terms: dict[tuple[str, str], Term] = {}
        self.rendered_rows: dict[tuple, str] = {}  # site_config.pages: table rows, by incident and page depth

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]


def blocks_publication(code: str) -> bool:
    """Whether a finding of this rule keeps its file off the site (``Rule.blocks_publication``)."""
    rule = rules.BY_CODE.get(code)
    return rule is not None and rule.blocks_publication


def refusal_reason(document: Document, findings: list[Finding]) -> str | None:
    """Why a document must not be published, or None."""
    if document.read_error:
        return safe_excerpt(document.read_error, 200)
    blocking = [finding for finding in findings if blocks_publication(finding.code)]
    if blocking:
        first = blocking[0]
        return f"{first.code} {first.name} (line {first.line}): {safe_excerpt(first.message, 160)}"
    if document.frontmatter is None or document.frontmatter.data is None:
        return "its frontmatter is missing or cannot be read"
    return None


def _page_limit_reason(document: Document, config: Config) -> str | None:
    """The site's own check of PM808's limits: it holds even when the rule is not selected."""
    for key, count, limit in over_limits(document.meta, config):
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


def incident_from(document: Document, findings: list[Finding]) -> Incident:
    meta = document.meta
    impact_raw = meta.get("impact") if isinstance(meta.get("impact"), dict) else {}
    impact: dict[str, int | float | bool] = {}
    for key in formatspec.IMPACT_KEYS:
        value = impact_raw.get(key)
        if key == "data_loss" and isinstance(value, bool):
            impact[key] = value
        elif _number(value) is not None:
            impact[key] = value
    identifier = _text(meta.get("id"))
    return Incident(
        source=document.path,
        slug="",
        id=identifier,
        title=_text(meta.get("title")) or identifier or document.path.rsplit("/", 1)[-1],
        date=_text(meta.get("date")),
        severity=_text(meta.get("severity")),
        status=_text(meta.get("status")),
        services=_texts(meta.get("services")),
        tags=_texts(meta.get("tags")),
        authors=_texts(meta.get("authors")),
        commander=_text(meta.get("incident_commander")),
        root_cause=_text(meta.get("root_cause_category")),
        factors=_texts(meta.get("contributing_factors")),
        related=_texts(meta.get("related")),
        detection=_text(meta.get("detection")),
        impact=impact,
        times=lifecycle(meta),
        minutes=derived_minutes(meta),
        body=body_markdown(document),
        findings=findings,
    )


def _assign_incident_slugs(incidents: list[Incident]) -> list[tuple[str, str]]:
    """Pages by id (``pm-2026-001``), else by file name; a clash gets a digest, and is reported."""
    taken: dict[str, Incident] = {}
    collisions: list[tuple[str, str]] = []
    for incident in sorted(incidents, key=lambda item: item.source):
        if re.fullmatch(formatspec.ID_PATTERN, incident.id):
            wanted = incident.id.lower()
        else:
            stem = incident.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            wanted = f"file-{slug_for(stem)}"
        if wanted in taken:
            collisions.append((incident.source, taken[wanted].source))
            wanted = f"{wanted}-{_digest(incident.source)}"
        taken[wanted] = incident
        incident.slug = wanted
    return collisions


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _build_facets(corpus: Corpus) -> None:
    for facet, (_, values_of) in FACETS.items():
        groups: dict[str, list[Incident]] = {}
        labels: dict[str, str] = {}
        for incident in corpus.incidents:
            keys_of_incident: set[str] = set()  # a value written twice (or alike) lists it once
            for value in values_of(incident):
                key = normalize(value)
                if key not in keys_of_incident:
                    keys_of_incident.add(key)
                    groups.setdefault(key, []).append(incident)
                labels.setdefault(key, value)
        slugs = assign_slugs(labels.values())
        terms = [Term(facet, slugs[key], labels[key], tuple(groups[key])) for key in groups]
        terms.sort(key=lambda term: (-len(term.incidents), term.label.casefold()))
        corpus.facets[facet] = terms
        for term in terms:
            corpus._terms[(facet, normalize(term.label))] = term


def build_corpus(documents: list[Document], findings: list[Finding], config: Config) -> Corpus:
    """Sort documents into published incidents and refusals, then index them for the pages."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    incidents: list[Incident] = []
    published: list[Document] = []
    refused: list[Refusal] = []
    for document in documents:
        own = by_path.get(document.path, [])
        reason = refusal_reason(document, own) or _page_limit_reason(document, config)
        if reason:
            refused.append(Refusal(document.path, reason))
            continue
        if document.frontmatter is not None:  # PM109 reports them; no page, title or report shows them
            document.frontmatter.data = _visible_values(document.frontmatter.data)
        incidents.append(incident_from(document, own))
        published.append(document)
    known = {document.path for document in documents}
    for finding in findings:  # files the linter skipped without parsing (PM006)
        if finding.path not in known and blocks_publication(finding.code):
            refused.append(Refusal(finding.path, f"{finding.code} {finding.name}: {safe_excerpt(finding.message, 160)}"))
            known.add(finding.path)
    collisions = _assign_incident_slugs(incidents)
    incidents.sort(key=lambda incident: incident.sort_key, reverse=True)
    corpus = Corpus(incidents=incidents, refused=refused, findings=findings, documents=published,
                    config=config, collisions=collisions)
    for incident in incidents:
        if incident.id and incident.id not in corpus.by_id:
            corpus.by_id[incident.id] = incident
    _build_facets(corpus)
    return corpus


def load_corpus(paths: list[str], config: Config, jobs: int = 0, cache: ResultCache | None = None) -> Corpus:
    """Lint ``paths`` once, keeping the parsed documents, and build the corpus from them.
    ``jobs``: worker processes (0: all cores for a large corpus); ``cache``: the results of the
    last build, for the files that did not change since (``mkdocs serve``)."""
    run = lint_paths(paths, config, jobs=jobs, keep_documents=True, cache=cache)
    corpus = build_corpus(run.documents, run.findings, config)
    corpus.internal_errors = run.internal_errors
    return corpus
