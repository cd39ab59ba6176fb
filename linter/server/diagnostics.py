"""Findings as LSP diagnostics: the same code, message, severity and place as ``postmortem
lint`` prints, so the Problems panel and the terminal agree."""

from __future__ import annotations

from lsprotocol import types

from linter.findings import ERROR, NOTE, WARNING, Finding
from linter.safe_text import safe_message
from linter.server.positions import UTF16, to_lsp

SOURCE = "postmortem"
# A note is for reviewers, never a failure: "information", which editors do not count as a problem.
SEVERITY = {ERROR: types.DiagnosticSeverity.Error, WARNING: types.DiagnosticSeverity.Warning,
            NOTE: types.DiagnosticSeverity.Information}


def finding_range(finding: Finding, lines: list[str], encoding: str = UTF16) -> types.Range:
    """Where the finding is. A finding with no end (most of them: a rule knows where a problem
    starts) covers the rest of its line, so the editor underlines something visible."""
    start = to_lsp(lines, finding.line, finding.column, encoding)
    if finding.end_line is not None and finding.end_column is not None \
            and (finding.end_line, finding.end_column) > (finding.line, finding.column):
        end = to_lsp(lines, finding.end_line, finding.end_column, encoding)
    else:
        text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        end = to_lsp(lines, finding.line, len(text.rstrip()) + 1, encoding)
        if end <= start:  # a finding at the end of its line, or on an empty one
            end = (start[0], start[1] + 1) if start[1] < to_lsp(lines, finding.line, len(text) + 1, encoding)[1] else start
    return types.Range(types.Position(*start), types.Position(*end))


def diagnostic(finding: Finding, lines: list[str], encoding: str = UTF16) -> types.Diagnostic:
    return types.Diagnostic(
        range=finding_range(finding, lines, encoding),
        message=f"{finding.name}: {safe_message(finding.message)}",
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        source=SOURCE,
    )
