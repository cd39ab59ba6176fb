"""What the linter reports: one ``Finding`` per problem, with an exact 1-based location."""

from __future__ import annotations

from dataclasses import dataclass, fields

from linter.safe_text import readable_path, safe_message

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


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

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in _FIELD_NAMES}  # asdict() deep-copies: 10x slower
        data["message"] = safe_message(self.message)
        data["path"] = readable_path(self.path)
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


_FIELD_NAMES = tuple(field.name for field in fields(Finding))
