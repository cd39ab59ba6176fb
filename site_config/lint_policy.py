"""The plugin's ``lint`` setting applied to a build: what fails it, what is logged, and how.

``error``: lint errors and files that cannot be published fail the build; ``warn``: they are
logged as warnings (so ``--strict`` fails) and the pages show them; ``off``: findings are
neither logged nor shown. Files that cannot be published are left out in every mode, and a rule
that crashed is a warning in every mode (the check is incomplete).
"""

from __future__ import annotations

import logging

from linter.api import Finding, counts, readable_path, safe_message
from site_config.corpus import Corpus

MAX_LISTED = 20  # findings named in one build error before "and N more"


class LintFailure(Exception):
    """The build must stop (mode ``error``); the message lists why."""


def apply(corpus: Corpus, mode: str, log: logging.Logger) -> None:
    """Raise ``LintFailure`` or log the corpus's refusals and findings, as ``mode`` says."""
    problems = [f"{readable_path(refusal.source)}: not published: {refusal.reason}" for refusal in corpus.refused]
    problems += [f"{source}: shares its page with {other}; published under another address"
                 for source, other in corpus.collisions]
    errors = [finding for finding in corpus.errors if finding.path not in {r.source for r in corpus.refused}]
    others = [finding for finding in corpus.findings if not finding.is_error]  # warnings and notes
    if mode == "error" and (problems or errors):
        lines = problems + [describe(finding) for finding in errors]
        raise LintFailure(
            f"{len(errors)} lint error(s) and {len(corpus.refused)} file(s) that cannot be published "
            f"(plugin setting lint: error):\n  {listing(lines)}\nRun 'postmortem lint' for details.")
    for line in problems + corpus.internal_errors:  # a crashed rule: loud in every mode (strict fails)
        log.warning(line)
    if mode == "warn":
        for finding in errors:
            log.warning(describe(finding))
    if mode != "off":
        for finding in others:
            log.debug(describe(finding))
        _, warnings_found, notes = counts(corpus.findings)
        for_reviewers = f", {notes} notes for reviewers" if notes else ""
        log.info(f"{len(corpus.published)} postmortems published; lint: {len(corpus.errors)} errors, "
                 f"{warnings_found} warnings{for_reviewers} (shown on their pages)")


def listing(lines: list[str], separator: str = "\n  ") -> str:
    """At most MAX_LISTED lines, then how many more."""
    more = f"{separator}… and {len(lines) - MAX_LISTED} more" if len(lines) > MAX_LISTED else ""
    return separator.join(lines[:MAX_LISTED]) + more


def describe(finding: Finding) -> str:
    return (f"{readable_path(finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.name} "
            f"[{finding.severity}] {safe_message(finding.message, 200)}")
