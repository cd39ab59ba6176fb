"""Hover on a finding: the documentation of its rule, as ``postmortem explain`` prints it."""

from __future__ import annotations

from lsprotocol import types

from linter.commands.explain import rule_documentation
from linter.findings import Finding
from linter.rules import BY_CODE
from linter.server.diagnostics import finding_range
from linter.server.positions import UTF16


def _contains(span: types.Range, position: types.Position) -> bool:
    start, end = (span.start.line, span.start.character), (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end


def hover(findings: list[Finding], lines: list[str], position: types.Position, encoding: str = UTF16) -> types.Hover | None:
    """The docs of the rules with a finding under the cursor (each rule once), else None."""
    codes: list[str] = []
    for finding in findings:
        if finding.code not in codes and finding.code in BY_CODE and _contains(finding_range(finding, lines, encoding), position):
            codes.append(finding.code)
    if not codes:
        return None
    text = "\n\n---\n\n".join(rule_documentation(BY_CODE[code]) for code in codes)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))
