"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=PATH,line=L,col=C,endLine=E,title=CODE name::message`` (``::warning`` for
warnings, ``::notice`` for notes), then a plain summary line. Values are escaped the way the Actions runner unescapes
them (``%``, CR and LF in the message; additionally ``:`` and ``,`` in properties), and a
message from a hostile file has its control characters shown as escapes first, so it can
neither end the command early nor forge another one. See docs/output-formats.md.
"""

from __future__ import annotations

from linter.formats.text import summary_line
from linter.safe_text import safe_excerpt, safe_message

# Long enough for any real path; control characters in a path are made visible, not echoed.
_PATH_LIMIT = 4096


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def annotation(finding) -> str:
    command = _COMMANDS.get(finding.severity, "warning")
    properties = {
        "file": safe_excerpt(finding.path, _PATH_LIMIT),
        "line": str(finding.line),
        "col": str(finding.column),
    }
    if finding.end_line is not None and finding.end_line >= finding.line:
        properties["endLine"] = str(finding.end_line)
        if finding.end_column is not None:
            properties["endColumn"] = str(finding.end_column)
    properties["title"] = f"{finding.code} {finding.name}"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {rendered}::{escape_data(safe_message(finding.message))}"


def render(report) -> str:
    lines = [annotation(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
