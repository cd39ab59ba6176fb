"""Machine-readable findings. The shape is versioned; see docs/output-formats.md.

```json
{"version": 1, "tool": "postmortem-kit", "files": 14, "errors": 1, "warnings": 0, "notes": 0,
 "findings": [{"path": "...", "line": 3, "column": 1, "end_line": null, "end_column": null,
               "code": "PM101", "name": "frontmatter-key-missing", "severity": "error",
               "message": "..."}]}
```
"""

from __future__ import annotations

import json

from linter import __version__
from linter.findings import counts
from linter.safe_text import json_text

SCHEMA_VERSION = 1


def render(report) -> str:
    errors, warnings, notes = counts(report.findings)
    payload = {
        "version": SCHEMA_VERSION,
        "tool": "postmortem-kit",
        "tool_version": __version__,
        "files": report.files,
        "errors": errors,
        "warnings": warnings,
        "notes": notes,  # never fail the gate (see docs/output-formats.md)
        "findings": [finding.as_dict() for finding in report.findings],
    }
    return json_text(payload) + "\n"
