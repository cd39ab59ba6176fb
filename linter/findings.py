"""What the linter reports: one ``Finding`` per problem, with an exact 1-based location."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from linter.safe_text import readable_path, safe_message

ERROR = "error"
WARNING = "warning"
# For reviewers, never a failure: what the gate wants a human to see (an earlier incident this
# one repeats), in every format, without changing the exit code, even under --strict.
NOTE = "note"
SEVERITIES = (ERROR, WARNING, NOTE)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    # "safe" or "unsafe" when the finding has a fix (``--fix`` applies the safe ones); what the
    # text output marks and the site shows. ``fix``: the ``linter.fixes.Fix`` itself, built only
    # when a run asks for fixes.
    fixable: str | None = field(default=None, compare=False)
    fix: Any = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in _FIELD_NAMES}  # asdict() deep-copies every value, which a finding never needs
        data["message"] = safe_message(self.message)
        data["path"] = readable_path(self.path)
        if self.fix is not None:
            data["fix"] = self.fix.as_dict()
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_note(self) -> bool:
        return self.severity == NOTE


def fix_counts(findings) -> tuple[int, int]:
    """``(safe, unsafe)``: the findings ``lint --fix`` corrects, and those only ``--unsafe-fixes`` does."""
    safe = unsafe = 0
    for finding in findings:
        if finding.fixable == "safe":
            safe += 1
        elif finding.fixable == "unsafe":
            unsafe += 1
    return safe, unsafe


def counts(findings) -> tuple[int, int, int]:
    """``(errors, warnings, notes)``."""
    errors = notes = 0
    for finding in findings:
        if finding.severity == ERROR:
            errors += 1
        elif finding.severity == NOTE:
            notes += 1
    return errors, len(findings) - errors - notes, notes


_FIELD_NAMES = tuple(item.name for item in fields(Finding) if item.name != "fix")
