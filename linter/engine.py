"""Running the rules: per file (optionally on all cores), then across the corpus.

Rules report violations; the engine turns them into findings and applies, in order:
per-file ignores, severity overrides, inline suppressions, and the unused-suppression check.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, Protocol, Union

from linter import budget, suppression
from linter.batches import PARALLEL_THRESHOLD, default_jobs, guided_batches
from linter.config import Config
from linter.corpus import DocSummary, summarize
from linter.document import Document, read_document, unreadable_document
from linter.files import SourceFile, discover
from linter.findings import Finding, counts
from linter.fixes import resolve as resolve_fix
from linter.rules import BY_CODE
from linter.rules.base import Context, Rule, Violation
from linter.rules.file_budget_exceeded import RULE as FILE_BUDGET_RULE
from linter.safe_text import safe_message
from linter.selection import Selection, is_enabled


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    directives: list[suppression.Directive]
    summary: DocSummary
    document: Any = None  # kept only when the caller asks: the Document, or what ``Keep`` made of it
    internal_errors: list[str] = field(default_factory=list)  # rules that crashed on this file
    capped: tuple[str, ...] = ()  # rules that stopped at max-findings-per-rule in this file
    seconds: float = 0.0  # what checking it cost (benchmarks/fuzz.py reports them)
    memory_growth: int = 0  # bytes of resident memory it added, as the budget sampled it
    reads_today: bool = False  # a check read the date time-bound rules judge at (PM603)


# What a caller keeps of each linted document: True for the Document itself (tokens released), or
# a function of the document and its findings that reduces it where it was parsed, in the worker,
# so only the small result travels back and stays in memory (the site's SiteRecord). The
# function must be picklable (a module-level function, or a partial of one).
Keep = Union[bool, Callable[[Document, list[Finding]], Any]]


def _kept(keep: Keep, document: Document, findings: list[Finding]) -> Any:
    return keep(document, findings) if callable(keep) else document


def _internal_error(path: str, rule: Rule, error: Exception) -> str:
    """A rule that raised, as a message (never a traceback): the run goes on, but exits 2."""
    detail = safe_message(f"{type(error).__name__}: {error}", 200)
    return (f"{path}: internal error in rule {rule.code} {rule.name} ({detail}); its other rules and the "
            f"other files were still checked. Please report this with the file.")


@dataclass
class LintRun:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    documents: list[Any] = field(default_factory=list)  # what keep_documents kept, in file order
    internal_errors: list[str] = field(default_factory=list)  # the run is incomplete: exit 2

    @property
    def errors(self) -> int:
        return counts(self.findings)[0]

    @property
    def warnings(self) -> int:
        return counts(self.findings)[1]


class Linter:
    """Holds what is computed once per run: the enabled rules and their severities."""

    def __init__(self, config: Config, select: list[str] | None = None, ignore: list[str] | None = None,
                 fixes: bool = False):
        self.config = config
        self.fixes = fixes  # build each finding's Fix (``lint --fix``/``--diff``), not only say it has one
        self.selection = Selection(config, select, ignore)
        self.arguments = (select, ignore, fixes)  # what worker processes build their own Linter from
        self.fixable_codes = {rule.code for rule in self.selection.rules if rule.fixes
                              and is_enabled(rule, config.fixable, config.unfixable)}
        self.context = Context(config=config)
        self.corpus_crashes: list[str] = []

    def finding(self, path: str, rule: Rule, violation) -> Finding:
        fixable = fix = None
        if violation.fix is not None and rule.code in self.fixable_codes:
            if self.fixes:
                fix = resolve_fix(violation.fix)
                fixable = fix.applicability.value if fix is not None else None
            else:  # a Deferred fix is assumed to succeed: say how safe, build nothing
                fixable = violation.fix.applicability.value
        return Finding(path, violation.line, violation.column, rule.code, rule.name,
                       self.selection.severity(rule), violation.message,
                       violation.end_line, violation.end_column, fixable, fix)

    def _fix_policy(self, finding: Finding) -> Finding:
        """A finding the engine made with its fix (unused suppressions), as ``finding`` would keep it."""
        if finding.fix is None:
            return finding
        if finding.code not in self.fixable_codes:
            return dataclasses.replace(finding, fixable=None, fix=None)
        return finding if self.fixes else dataclasses.replace(finding, fix=None)

    def check_document(self, document: Document, meter: budget.Meter | None = None) -> FileResult:
        """Run the file rules; with a ``meter``, each rule starts only while the file is within
        its budget (``BudgetExceeded`` otherwise, for ``lint_file`` to report)."""
        findings: list[Finding] = []
        crashes: list[str] = []
        capped: list[Rule] = []
        limit = self.config.max_findings_per_rule
        self.context.today_read = False
        for rule in self.selection.file_rules:
            if document.read_error and rule.code != "PM001":
                continue
            if meter is not None:
                meter.at(f"running rule {rule.code} {rule.name}")
            try:
                # A rule's check is a generator: stopping at the cap also stops its work.
                violations = list(itertools.islice(rule.check(document, self.context), limit + 1) if limit
                                  else rule.check(document, self.context))
            except Exception as error:  # noqa: BLE001 - one rule's bug must not stop the gate
                crashes.append(_internal_error(document.path, rule, error))
                continue
            if limit and len(violations) > limit:
                capped.append(rule)
                violations[limit] = self._not_shown(rule, violations[limit], limit)
            findings.extend(self.finding(document.path, rule, violation) for violation in violations)
        if meter is not None:
            meter.at("reading the suppression comments")
        directives, bad_directives = suppression.read_directives(document) if document.tokens else ([], [])
        findings.extend(f for f in bad_directives if self.selection.enabled(f.code))
        return FileResult(document.path, findings, directives, summarize(document), internal_errors=crashes,
                          capped=tuple(rule.code for rule in capped), reads_today=self.context.today_read)

    @staticmethod
    def _not_shown(rule: Rule, first_hidden: Violation, limit: int) -> Violation:
        """The last finding of a rule that reached the cap, where the first one not shown is: a
        pasted 10,000-row table gives a page of findings, not 30,000 (nor a SARIF log that code
        scanning truncates), and the rule stops there."""
        return Violation(first_hidden.line, first_hidden.column,
                         f"{rule.code} has more findings in this file, not shown: it stopped after {limit} "
                         "(fix these, or raise max-findings-per-rule to see them all)")

    def lint_file(self, source: SourceFile, keep_document: Keep = False, found: FileResult | None = None) -> FileResult:
        """``found``: this file's result from a run that kept nothing (``postmortem lint``, in the
        lint cache); its rules are not run again, the file is only read for ``keep_document``."""
        return self._lint(source, lambda: read_document(source.path, source.display), keep_document, found)

    def lint_text(self, display: str, text: str) -> FileResult:
        """Lint a text not read from disk (an editor's unsaved buffer, ``postmortem server``)
        exactly as ``lint_file`` lints a file: the same budget, the same findings."""
        from linter.document import text_document

        return self._lint(SourceFile(display, display), lambda: text_document(display, text))

    def _lint(self, source: SourceFile, read: Callable[[], Document], keep_document: Keep = False,
              found: FileResult | None = None) -> FileResult:
        """``read()`` gives the document; reading and parsing count against the file's budget."""
        meter = None
        try:
            with budget.metered(self.config.file_budget) as meter:
                document = read()
                if found is None:
                    result = self.check_document(document, meter)
                else:
                    result = dataclasses.replace(found, findings=list(found.findings), document=None)
                if keep_document:
                    meter.at("keeping the page's timeline and action items")
                    document.release_tokens()
                    result.document = _kept(keep_document, document, result.findings)
                meter.check(memory=True)
                result.seconds, result.memory_growth = meter.elapsed(), meter.peak_growth
        except budget.BudgetExceeded as exceeded:
            result = self._over_budget(source, exceeded, keep_document)
            if meter is not None:
                result.seconds, result.memory_growth = meter.elapsed(), meter.peak_growth
            return result
        if not keep_document:
            # Sections point back at their document: without this the cycle keeps every
            # token alive until the cyclic GC finds it, and that GC work is a large share of a run.
            document.sections = []
        return result

    def _over_budget(self, source: SourceFile, exceeded: budget.BudgetExceeded, keep_document: Keep) -> FileResult:
        """A file that used up its budget: PM007 only (its other rules did not all run, and its
        suppressions were not read). As a document it is unreadable, so the site refuses it."""
        message = f"{exceeded.message}; its other checks did not run and it cannot be published"
        document = unreadable_document(source.display, message)
        findings = []
        if self.selection.enabled(FILE_BUDGET_RULE.code):
            findings.append(self.finding(source.display, FILE_BUDGET_RULE, Violation(1, 1, safe_message(message, 300))))
        result = FileResult(source.display, findings, [], summarize(document))
        if keep_document:
            result.document = _kept(keep_document, document, findings)
        return result

    def finish(self, results: list[FileResult], skipped: list[Finding], corpus: list[DocSummary] | None = None,
               report_unchanged: bool = False) -> list[Finding]:
        """Corpus rules, then ignores, suppressions and unused-suppression reports.
        ``report_unchanged`` (a changed-files run): rules about references between files also
        report on corpus files that were not linted, since a change elsewhere can break them."""
        summaries = corpus if corpus is not None else [result.summary for result in results]
        linted = {result.path for result in results}
        everyone = {summary.path for summary in summaries} if report_unchanged else linted
        by_path: dict[str, list[Finding]] = {result.path: list(result.findings) for result in results}
        unchanged: dict[str, list[Finding]] = {}
        for rule in self.selection.corpus_rules:
            reach = everyone if rule.checks_references else linted
            try:
                violations = list(rule.check_corpus(summaries, reach, self.context))
            except Exception as error:  # noqa: BLE001 - as in check_document
                self.corpus_crashes.append(_internal_error("(corpus)", rule, error))
                continue
            for path, violation in violations:
                if path in linted:
                    by_path[path].append(self.finding(path, rule, violation))
                elif path in reach:
                    unchanged.setdefault(path, []).append(self.finding(path, rule, violation))
        findings: list[Finding] = [f for f in skipped if self.selection.enabled(f.code)]
        for path, found in unchanged.items():
            findings.extend(self._in_unchanged_file(path, found))
        report_unused = self.selection.enabled("PM901")
        for result in results:
            kept = suppression.apply(self.selection.kept_in_file(result.path, by_path[result.path]), result.directives)
            if report_unused:
                unused = suppression.unused(result.path, result.directives, [BY_CODE[code] for code in result.capped])
                kept.extend(self._fix_policy(u) for u in self.selection.kept_in_file(result.path, unused))
            findings.extend(kept)
        findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
        return findings


    def _in_unchanged_file(self, path: str, found: list[Finding]) -> list[Finding]:
        """Findings of the reference rules in a file this run did not lint, with its
        per-file ignores and inline suppressions applied as in a full run (its directives
        are read now: only files with such a finding pay for it; unused ones are not reported,
        as its other rules did not run)."""
        found = self.selection.kept_in_file(path, found)
        document = read_document(path, path)
        directives = suppression.read_directives(document)[0] if document.tokens else []
        return suppression.apply(found, directives)


# --- worker processes -------------------------------------------------------------------------

_WORKER: Linter | None = None


def _init_worker(config: Config, select, ignore, fixes: bool = False) -> None:
    global _WORKER
    _WORKER = Linter(config, select, ignore, fixes)


def _lint_in_worker(batch: list[SourceFile], found: dict[str, FileResult] | None = None,
                    keep_documents: Keep = False) -> list[FileResult]:
    """Lint a batch; with ``keep_documents`` each result carries its document, tokens released,
    or what the ``Keep`` function made of it (what the site reads, small enough to send back).
    ``found``: results already known of some of its files (see ``Linter.lint_file``)."""
    assert _WORKER is not None
    found = found or {}
    with _few_collections():
        return [_WORKER.lint_file(source, keep_documents, found.get(source.path)) for source in batch]


# Parsing a file allocates thousands of tokens that live until its rules have run. With the
# default gen-0 threshold (700) the cyclic GC traverses them several times per file, promoting
# them to older generations it traverses again, although reference counting frees them all
# (linting creates no cycles): that was a fifth of a run. A larger threshold lets most
# of them die first; freezing moves what is alive now (modules, rules, compiled patterns)
# out of the GC's sight. Both are undone afterwards: the caller may be a long-lived process.
_GC_THRESHOLD = 50_000


@contextmanager
def _few_collections():
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def lint_sources(linter: Linter, sources: list[SourceFile], jobs: int = 0, keep_documents: Keep = False,
                 found: dict[str, FileResult] | None = None) -> list[FileResult]:
    """Each source's result, in order, on ``jobs`` processes. ``found``: results of a run that kept
    nothing, by path, for files whose rules need not run again (see ``Linter.lint_file``)."""
    jobs = jobs or default_jobs()
    found = found or {}
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        with _few_collections():
            return [linter.lint_file(source, keep_documents, found.get(source.path)) for source in sources]
    from concurrent.futures import ProcessPoolExecutor  # only when it is used: one-file lint starts faster

    batches = guided_batches(sources, jobs)
    known = [{source.path: found[source.path] for source in batch if source.path in found} for batch in batches]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(linter.config, *linter.arguments)) as pool:
        work = functools.partial(_lint_in_worker, keep_documents=keep_documents)
        return [result for batch in pool.map(work, batches, known) for result in batch]


class ResultCache(Protocol):
    """What ``lint_paths(cache=…)`` asks of a cache of per-file results kept between runs (the
    site's, for ``mkdocs serve``: ``site_config.lint_cache``): the results of ``sources``, in
    their order, reusing what it knows and linting the rest with ``lint_sources``."""

    def lint(self, linter: Linter, sources: list[SourceFile], jobs: int, keep_documents: Keep) -> list[FileResult]: ...


def lint_paths(paths: list[str], config: Config, select: list[str] | None = None, ignore: list[str] | None = None,
               jobs: int = 0, keep_documents: Keep = False, corpus_paths: list[str] | None = None,
               cache: ResultCache | None = None, removed: list[str] | None = None, fixes: bool = False) -> LintRun:
    """Lint files and directories. ``corpus_paths``: what corpus-wide rules see (default: ``paths``).
    ``fixes``: give each fixable finding its ``Fix`` (built, not only announced: a ``Deferred`` fix
    costs a second reading of its file).
    ``cache``: reuse the per-file results of unchanged files (the caller keeps one per configuration).
    ``removed``: a changed-files run (``--changed-since``), and the files the change deleted or
    renamed away: files not linted are checked for references the change broke."""
    linter = Linter(config, select, ignore, fixes)
    sources, skipped = discover(paths, config.root if os.path.isabs(config.root) else None)
    if cache is not None:
        results = cache.lint(linter, sources, jobs, keep_documents)
    else:
        results = lint_sources(linter, sources, jobs, keep_documents)
    corpus = None
    if corpus_paths is not None:
        corpus = corpus_summaries(corpus_paths, config, {result.path: result.summary for result in results},
                                  link_names=_names_of(removed or []))
    run = LintRun(findings=linter.finish(results, skipped, corpus, report_unchanged=removed is not None), files=len(sources))
    run.internal_errors = [crash for result in results for crash in result.internal_errors] + linter.corpus_crashes
    if keep_documents:
        run.documents = [result.document for result in results if result.document is not None]
    return run


def _names_of(removed: list[str]) -> frozenset[str]:
    """How a link to each removed file can be written: its name, as is and percent-encoded."""
    from urllib.parse import quote

    names = {os.path.basename(path) for path in removed}
    return frozenset(names | {quote(name) for name in names})


def corpus_summaries(paths: list[str], config: Config, known: dict[str, DocSummary],
                     link_names: frozenset[str] = frozenset()) -> list[DocSummary]:
    """Summaries of every corpus file; files not linted in this run only have their frontmatter
    read, and their links too when their text names one of ``link_names``."""
    from linter.corpus import summarize_frontmatter_only

    sources, _ = discover([p for p in paths if os.path.exists(p)], config.root if os.path.isabs(config.root) else None)
    return [known.get(source.display) or summarize_frontmatter_only(source, link_names) for source in sources]
