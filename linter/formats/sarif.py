"""SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, Azure DevOps, SARIF viewers).

One run: the tool with every rule (its documentation as help, a link to its page on the
published site), one result per finding with a relative file URI, a 1-based region (and, when it has one, its fix:
the edits ``lint --fix`` makes, as SARIF ``fixes``) and a
fingerprint that survives unrelated edits, so a review tool keeps tracking the same finding
when lines are inserted above it. See docs/output-formats.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
from urllib.parse import quote

from linter import __version__
from linter.safe_text import json_text
from linter.safe_text import safe_message

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# The project's home; rule pages default to it when `site-url` is not configured.
DEFAULT_SITE_URL = "https://postmortem-kit.dev"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "postmortemFinding/v1"


def rule_help_uri(code: str, site_url: str | None) -> str:
    """Where a rule's page lives on the published site: ``{site_url}/rules/{code}/``."""
    return f"{(site_url or DEFAULT_SITE_URL).rstrip('/')}/rules/{code}/"


def _rule_descriptor(rule, site_url: str | None) -> dict:
    sections = rule.sections
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": sections.get("What it does") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": rule_help_uri(rule.code, site_url),
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": ["postmortem", rule.group]},
    }


def artifact_uri(path: str) -> tuple[str, str | None]:
    """``(uri, uriBaseId)``: a percent-encoded path relative to %SRCROOT% (the working
    directory), or an absolute ``file:`` URI for a file outside it."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return pathlib.Path(path).as_uri(), None
    # The file system's bytes, percent-encoded: a name that is not UTF-8 keeps its exact bytes.
    return quote(os.fsencode(posix), safe="/"), SRCROOT


def _srcroot_uri() -> str:
    return pathlib.Path(os.getcwd()).as_uri().rstrip("/") + "/"


class _LineReader:
    """The text of the lines findings point at, read once per file, for fingerprints.

    Only regular files inside the working tree are opened (the same vetting as linting), so a
    finding about a FIFO or a link to /proc never makes the report block or leak.
    """

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def line(self, path: str, number: int) -> str:
        if path not in self._files:
            self._files[path] = self._read(path)
        lines = self._files[path]
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    @staticmethod
    def _read(path: str) -> list[str]:
        from linter.document import MAX_FILE_BYTES, decode, file_lines
        from linter.files import check_file

        source, _ = check_file(path, os.path.realpath(os.getcwd()))
        if source is None:
            return []
        try:
            with open(source.path, "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return []
        text, _, _ = decode(raw[:MAX_FILE_BYTES])
        return file_lines(text) if text is not None else []


def _normalize(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def fingerprints(findings, reader: _LineReader) -> list[str]:
    """One fingerprint per finding: rule, file and the offending line's normalized text, plus
    the finding's index among identical ones in that file — never the line number, so moving
    unrelated lines keeps every fingerprint."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in findings:
        content = _normalize(reader.line(finding.path, finding.line))
        key = (finding.code, finding.path.replace(os.sep, "/"), content)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8", "surrogatepass")).hexdigest()
        result.append(digest[:32])
    return result


def _region(finding) -> dict:
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    end_line, end_column = finding.end_line, finding.end_column
    if end_line is not None and end_line >= region["startLine"]:
        region["endLine"] = end_line
        if end_column is not None and (end_line > region["startLine"] or end_column > region["startColumn"]):
            region["endColumn"] = end_column
    return region


def _result(finding, rule_index: int, fingerprint: str) -> dict:
    uri, base = artifact_uri(finding.path)
    location = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    result = {
        "ruleId": finding.code,
        "level": finding.severity if finding.severity in ("error", "warning", "note") else "warning",
        "message": {"text": safe_message(finding.message)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if rule_index >= 0:
        result["ruleIndex"] = rule_index
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix, location)]
    return result


def _fix(fix, location: dict) -> dict:
    """The finding's fix as SARIF proposes one (a viewer offers to apply it): the same edits
    ``lint --fix`` makes, as replacements of regions of the file (end exclusive, code points)."""
    unsafe = str(fix.applicability) != "safe"
    return {
        "description": {"text": safe_message(fix.message) + (" (unsafe: applied only by --unsafe-fixes; review it)"
                                                              if unsafe else "")},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [{
                "deletedRegion": {"startLine": edit.line, "startColumn": edit.column,
                                  "endLine": edit.end_line, "endColumn": edit.end_column},
                **({"insertedContent": {"text": edit.replacement}} if edit.replacement else {}),
            } for edit in fix.edits],
        }],
    }


def build(report) -> dict:
    """The SARIF log as a dict (``render`` serializes it)."""
    from linter.rules import RULES

    site_url = getattr(report.config, "site_url", None)
    index = {rule.code: position for position, rule in enumerate(RULES)}
    prints = fingerprints(report.findings, _LineReader())
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "postmortem-kit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": DEFAULT_SITE_URL,
                "rules": [_rule_descriptor(rule, site_url) for rule in RULES],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": _srcroot_uri()}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True}],
            "results": [_result(finding, index.get(finding.code, -1), fingerprint)
                        for finding, fingerprint in zip(report.findings, prints)],
        }],
    }


def render(report) -> str:
    return json_text(build(report)) + "\n"
