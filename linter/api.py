"""The linter's public API: what another program — the MkDocs plugin (``site_config``) first —
may use. Everything else in ``linter`` is internal and may change without notice;
``tests/test_public_api.py`` fails when ``site_config`` imports anything from ``linter`` but this.

- running the linter: ``load_config``, ``lint_paths`` (and a ``ResultCache`` for long-lived
  callers; ``lint_cache_from_environment``: the one on disk ``postmortem lint`` uses), the ``Finding``s and ``Document``s it returns (``counts``: errors, warnings, notes;
  ``fix_counts``: what ``lint --fix`` corrects), the rule registry;
- the one model of a postmortem: ``Incident``, built from a ``Document`` by ``incident_from``;
- the pattern reports over incidents: ``pattern_report``, ``related_incidents``, and the
  renderers the CLI prints with (``render_markdown``, ``render_json``, ``charts``);
- the helpers that make untrusted text safe to show, and the few small utilities both sides
  share (atomic writes, work batches, link and URL checks).
"""

from __future__ import annotations

from typing import Iterable

from linter import formatspec
from linter.atomic import kept_mode, write_atomic
from linter.batches import guided_batches
from linter.config import Config, ConfigError, load_config
from linter.control_chars import strip_unwanted
from linter.disk_cache import from_environment as lint_cache_from_environment
from linter.document import Document
from linter.engine import FileResult, Keep, Linter, ResultCache, default_jobs, lint_paths, lint_sources
from linter.files import PathError, SourceFile
from linter.findings import Finding, counts, fix_counts
from linter.html_comments import without_comments
from linter.incident import MEASURE_LABELS, MEASURES, Action, Incident
from linter.incident import from_document as incident_from
from linter.links import resolve as resolve_link
from linter.reports import charts, render_json, render_markdown
from linter.reports.analysis import PatternReport, analyze, reportable
from linter.reports.formatting import duration
from linter.reports.glance import severities_per_quarter
from linter.reports.options import options as report_options
from linter.reports.options import resolve_today
from linter.reports.similar import one_blas_thread, related_incidents
from linter.rules import BY_CODE, RULES
from linter.rules.base import Rule
from linter.rules.generated_pages_limit import over_limits as page_limits_exceeded
from linter.safe_text import readable_path, safe_excerpt, safe_message
from linter.urls import resource_problem

__all__ = [
    "Action", "BY_CODE", "Config", "ConfigError", "Document", "FileResult", "Finding", "Incident", "Keep", "Linter",
    "counts", "fix_counts",
    "MEASURE_LABELS", "MEASURES", "PathError", "PatternReport", "RULES", "ResultCache", "Rule", "SourceFile", "charts",
    "default_jobs", "duration", "lint_cache_from_environment", "formatspec", "guided_batches", "incident_from", "kept_mode", "lint_paths",
    "lint_sources", "load_config", "page_limits_exceeded", "pattern_report", "readable_path",
    "one_blas_thread", "related_incidents", "render_json", "render_markdown", "resolve_link", "resource_problem",
    "safe_excerpt", "safe_message", "severities_per_quarter", "strip_unwanted", "without_comments", "write_atomic",
]


def pattern_report(incidents: Iterable[Incident], config: Config, today: str | None = None) -> PatternReport:
    """The reports over ``incidents`` (those without an id or a date are listed as skipped), as
    ``postmortem report`` computes them. ``today``: YYYY-MM-DD (default: SOURCE_DATE_EPOCH,
    ``reports.today``, the clock). Raises ``ConfigError`` for a bad report setting."""
    kept, skipped = reportable(incidents)
    return analyze(kept, report_options(config, resolve_today(today, config)), skipped)

