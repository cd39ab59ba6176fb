"""The content of the site's pages, from the corpus and the rules: no MkDocs.

Every page that shows values from postmortems is rendered by ``Renderer`` from a fragment
(``site_config.templates``: overridable by a site, autoescaped whatever it says) with the
values passed as variables; no template is ever built from a string that came from a
postmortem. Pages whose content is our own prose (rule pages, the format page) are returned as
Markdown for the site's Markdown renderer.

Links are relative (``Linker``), so the site works from any sub-path and from the file system.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from dataclasses import dataclass

from markupsafe import Markup

from linter.api import MEASURE_LABELS, RULES, Incident, Rule, formatspec, readable_path
from linter.api import duration as format_duration
from site_config.corpus import FACETS, IMPACT_LABELS, Corpus, Published, Refusal, Term
from site_config.templates import Templates


# --- links ------------------------------------------------------------------------------------


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown source path (``browse/index.md`` -> ``browse/``)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass(frozen=True)
class Linker:
    """Relative links from one page to others, named by their source path."""

    from_url: str  # the URL of the page the links are on ("incidents/pm-2026-001/")
    directory_urls: bool = True

    @property
    def root(self) -> str:
        return "../" * self.from_url.count("/")

    def href(self, src_uri: str, query: str = "") -> str:
        target = self.root + page_url(src_uri, self.directory_urls)
        return (target or "./") + query

    def asset(self, path: str) -> str:
        return self.root + path


# --- formatting -------------------------------------------------------------------------------


def duration(minutes: float | None) -> str:
    """``44 min``, ``2 h 5 min``, ``3 d 4 h``; "" when unknown (the reports' wording)."""
    return format_duration(minutes, unknown="")


def number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def severity_rank(severity: str, severities: list[str]) -> int:
    """1 for the worst configured severity, 2 for the next…; 9 for a value outside the scheme."""
    return severities.index(severity) + 1 if severity in severities else 9


def severity_class(severity: str, severities: list[str]) -> str:
    rank = severity_rank(severity, severities)
    return f"pm-sev--{rank}" if rank <= 4 else "pm-sev--other"


def status_class(status: str) -> str:
    return f"pm-status--{status}" if status in formatspec.STATUSES else "pm-status--other"


def impact_window(incident: Incident) -> float | None:
    """The user-impact window in minutes: started → mitigated, else the recorded duration."""
    window = incident.minutes.get("time_to_mitigate")
    if window is None:
        recorded = incident.impact.get("duration_minutes")
        window = float(recorded) if isinstance(recorded, (int, float)) and not isinstance(recorded, bool) else None
    return window


def impact_facts(incident: Incident) -> list[str]:
    """The impact numbers as short phrases: ``2,310 users affected``, ``$23,100``…"""
    facts: list[str] = []
    for key, value in incident.impact.items():
        if key == "data_loss":
            facts.append("data lost" if value else "no data loss")
        elif key == "revenue_usd":
            facts.append(f"${number(value)} revenue")
        elif key == "duration_minutes":
            facts.append(f"{duration(value)} of impact")
        else:
            facts.append(f"{number(value)} {IMPACT_LABELS[key]}")
    return facts


def timestamp(incident: Incident, key: str) -> str:
    moment = incident.times.get(key)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


# --- rendering -------------------------------------------------------------------------------

# The derived times on an incident's summary card, with their labels.
STATS = tuple(MEASURE_LABELS.items())


class Renderer:
    """The HTML of the pages that show postmortem values, from the fragments (see
    ``site_config.templates``); one per build, holding the corpus and the rendered table rows."""

    def __init__(self, corpus: Corpus, templates: Templates | None = None) -> None:
        self.corpus = corpus
        self.severities = list(corpus.config.severities)
        self.templates = templates or Templates()
        self.templates.env.filters.update(duration=duration, number=number)
        self.templates.env.globals.update(impact_window=impact_window, impact_facts=impact_facts, timestamp=timestamp,
                                          status_class=status_class, facets=FACETS, stats=STATS)
        self._rows: dict[tuple, Markup] = {}  # incident rows, by incident and page depth (see _row)
        # `mkdocs serve`: (refusal, its error page's source path) for the files it cannot publish
        self.unpublished: list[tuple[Refusal, str]] = []

    def _render(self, name: str, link: Linker, **values) -> str:
        return self.templates.render(name, **self._context(link), **values)

    def _context(self, link: Linker) -> dict:
        context = {
            "corpus": self.corpus,
            "link": link,
            "severity_class": lambda value: severity_class(value, self.severities),
            "severity_rank": lambda value: severity_rank(value, self.severities),
            "term_of": self.corpus.term,
        }
        context["incident_row"] = lambda published: self._row(published, link, context)
        return context

    def _row(self, published: Published, link: Linker, context: dict) -> Markup:
        """An incident's table row. An incident is listed on the index and on a dozen browse pages,
        and its row differs only by the depth of the page (its links are relative): each is rendered
        once per depth, not once per page (a 1,000-incident site rendered 12,000 rows for 2,000)."""
        key = (published.src_uri, link.root, link.directory_urls)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = Markup(self.templates.render(
                "incident-row.html", published=published, incident=published.incident, **context))
        return row

    def incident_header(self, published: Published, link: Linker, show_findings: bool = True,
                        similar: list | None = None) -> str:
        """The title, the summary card and the lint findings that open an incident's page.

        ``similar``: computed look-alikes (``report_pages.RelatedIncident``: id, title, reasons, href).
        """
        related = [(value, self.corpus.by_id.get(value)) for value in published.incident.related]
        return self._render("incident-header.html", link, published=published, incident=published.incident,
                            related=related, similar=similar or [], show_findings=show_findings)

    def incident_index(self, link: Linker) -> str:
        """Every incident in one table, newest first, with the filter and sort controls."""
        return self._render("incident-index.html", link, incidents=self.corpus.published, choices=self._choices(),
                            unpublished=[(refusal, uri, readable_path(refusal.source)) for refusal, uri in self.unpublished])

    def unpublished_page(self, refusal: Refusal, link: Linker, mode: str) -> str:
        """``mkdocs serve``'s page for a file that cannot be published: why, where, how to fix it."""
        path = readable_path(refusal.source)
        return self._render("unpublished.html", link, refusal=refusal, mode=mode, file_name=os.path.basename(path), path=path,
                            command=f"postmortem lint {shlex.quote(path)}",
                            fixable=any(finding.fixable for finding in refusal.findings))

    def browse_index(self, link: Linker) -> str:
        return self._render("browse-index.html", link)

    def term_page(self, term: Term, link: Linker) -> str:
        return self._render("term.html", link, term=term, title=term_title(term), heading=FACETS[term.facet][0],
                            incidents=list(term.incidents))

    def rules_index(self, link: Linker, rules: tuple[Rule, ...] = RULES) -> str:
        groups: dict[str, list[Rule]] = {}
        for rule in rules:
            groups.setdefault(rule.group, []).append(rule)
        return self._render("rules-index.html", link, groups=groups, rule_src_uri=rule_src_uri)

    def _choices(self) -> dict[str, list[str]]:
        incidents = self.corpus.incidents
        seen_severities = {incident.severity for incident in incidents if incident.severity}
        statuses = {incident.status for incident in incidents if incident.status}
        return {
            "severity": [s for s in self.severities if s in seen_severities] + sorted(seen_severities - set(self.severities)),
            "service": sorted({s for incident in incidents for s in incident.services}, key=str.casefold),
            "year": sorted({published.year for published in self.corpus.published if published.year}, reverse=True),
            "status": [s for s in formatspec.STATUSES if s in statuses] + sorted(statuses - set(formatspec.STATUSES)),
        }


def term_title(term: Term) -> str:
    singular = {"service": "Service", "root-cause": "Root cause", "factor": "Contributing factor", "tag": "Tag"}
    return f"{singular[term.facet]}: {term.label}"


# --- rule reference ---------------------------------------------------------------------------


def rule_src_uri(rule: Rule) -> str:
    return f"rules/{rule.code}.md"


def rule_markdown(rule: Rule) -> str:
    """A rule's page, from its docstring (the one source of its documentation)."""
    doc = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else ""
    # The docstrings put fences right under headings and paragraphs; Python-Markdown wants a
    # blank line before a fence.
    doc = re.sub(r"(?m)^(?!\n)(.+)\n(```)", r"\1\n\n\2", doc)
    return (
        f"{_markdown_text(rule.summary)}\n\n"
        f"| Code | Name | Default severity | Group |\n|---|---|---|---|\n"
        f"| `{rule.code}` | `{rule.name}` | {rule.severity} | {rule.group} |\n\n"
        f"{doc}\n\n"
        + (f"{rule.options_doc()}\n\n" if rule.options else "")
        + "## Suppressing it\n\n"
        + (_suppressing(rule) if rule.suppressible else
           "It cannot be suppressed in a file: fix the postmortem (the configuration's `ignore` or "
           "`severity` can still switch it off for a whole repository).\n\n")
        + (f"It blocks publication: a postmortem with this finding is left off the site.\n\n" if rule.blocks_publication else "")
        + f"`postmortem explain {rule.code}` prints this page in a terminal.\n"
    )


def _suppressing(rule: Rule) -> str:
    return ("Fix the postmortem if you can. When a finding is a deliberate exception, say so in the file:\n\n"
            f"```markdown\n<!-- postmortem-lint disable-next-line={rule.code} -->\n```\n\n")


def _markdown_text(text: str) -> str:
    return text.replace("<", "&lt;")


# --- the format page --------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]]*)\]\((?!https?:|mailto:|#)([^)\s]+?\.md)(#[^)\s]*)?\)")


def format_markdown(text: str, targets: dict[str, str]) -> str:
    """docs/format.md as a site page. Links to other repository docs are pointed at the site's
    page for them (``targets``: ``{"rules.md": "rules/index.md"}``) or, when the site has none,
    become plain text — a dangling link would fail ``mkdocs build --strict``."""

    def relink(match: re.Match) -> str:
        target = targets.get(posixpath.normpath(match.group(2)))
        if target is None:
            return match.group(1)
        return f"[{match.group(1)}]({target}{match.group(3) or ''})"

    lines, in_fence = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        lines.append(line if in_fence else _MD_LINK.sub(relink, line))
    return "\n".join(lines) + "\n"
