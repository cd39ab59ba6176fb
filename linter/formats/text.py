"""``path:line:col: CODE name message``, one finding a line, then a summary line."""

from __future__ import annotations

from linter.findings import counts, fix_counts
from linter.safe_text import safe_excerpt, safe_message


def summary_line(report) -> str:
    errors, warnings, notes = counts(report.findings)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    for_reviewers = f" {_count(notes, 'note')} for reviewers." if notes else ""
    if not errors and not warnings:
        return (f"All clear: {files} checked, no findings." if not notes
                else f"All clear: {files} checked, no errors or warnings;{for_reviewers}")
    return (f"Found {_count(errors, 'error')} and {_count(warnings, 'warning')} in {files}.{for_reviewers} "
            f"Run 'postmortem explain CODE' for what a rule checks and how to fix it.")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


def fixable_line(report) -> str | None:
    """How many findings ``--fix`` corrects (and how many more ``--unsafe-fixes`` does), if any."""
    safe, unsafe = fix_counts(report.findings)
    if not safe and not unsafe:
        return None
    more = f" ({unsafe} more with --unsafe-fixes)" if safe and unsafe else ""
    if not safe:
        return f"{unsafe} fixable with 'postmortem lint --fix --unsafe-fixes'."
    return f"{safe} fixable with 'postmortem lint --fix'{more}."


def shown_path(path: str) -> str:
    """A path as printed: invisible characters escaped, and ``%`` and ``:`` percent-encoded as
    the github format does, so the first ``:`` on a line always ends the path: a file named
    ``a.md:9:1: PM801 raw-html [error] x.md`` cannot print a line that reads as another finding."""
    path = safe_excerpt(path, 4096)
    if "%" in path or ":" in path:
        path = path.replace("%", "%25").replace(":", "%3A")
    return path


def render(report) -> str:
    lines = [
        f"{shown_path(finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.name} "
        f"[{finding.severity}] {safe_message(finding.message)}"
        for finding in report.findings
    ]
    lines.append(summary_line(report))
    fixable = fixable_line(report)
    if fixable:
        lines.append(fixable)
    return "\n".join(lines) + "\n"
