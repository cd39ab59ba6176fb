"""Output formats of ``postmortem lint``: one module each with ``render(report) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from linter.findings import Finding

# Format name -> module under linter.formats.
FORMATS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github"}


@dataclass
class Report:
    """What every format renders: the findings plus what the run covered."""

    findings: list[Finding]
    files: int
    config: object  # linter.config.Config: site_url for rule links, root for relative paths


def render(name: str, report: Report) -> str:
    module = importlib.import_module(f"linter.formats.{FORMATS[name]}")
    return module.render(report)
