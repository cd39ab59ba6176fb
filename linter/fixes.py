"""What a fix is: exact edits of a file's text, and how safe it is to apply them unasked.

A rule attaches a ``Fix`` to a violation; ``postmortem lint --fix`` applies it, an editor can
offer it as a code action. It is plain data on purpose (nothing to call, nothing to import
but this module). Spans are 1-based ``(line, column)`` positions of the document as the rules
read it (line endings folded to ``\\n``), the end exclusive: ``linter.fixing`` maps them onto
the file's own text, so a file's CRLF endings, its BOM and every byte outside the spans stay
as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Callable, Iterable, Union

if TYPE_CHECKING:
    from linter.document import Document


class Applicability(str, Enum):
    """``safe``: the meaning is kept, ``--fix`` applies it. ``unsafe``: the fix decides something
    the author should check (a guessed time, an order, a new section): only ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Edit:
    """Replace the text from ``(line, column)`` up to ``(end_line, end_column)`` (exclusive) by
    ``replacement``; an insertion has start == end. ``\\n`` in ``replacement`` is written as the
    file's own line ending."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """One correction: its edits, applied together or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str  # what it does, imperative: "convert the timeline's times to UTC"

    def as_dict(self) -> dict:
        return {"applicability": str(self.applicability), "message": self.message,
                "edits": [edit.as_dict() for edit in self.edits]}


@dataclass(frozen=True)
class Deferred:
    """A fix built only when fixes are asked for (``build`` returns None: no fix after all),
    for one that costs more than the check (re-reading the timeline to verify a conversion):
    a plain lint run says how safe it would be and never pays for it."""

    applicability: Applicability
    build: Callable[[], Union[Fix, None]]


FixSource = Union[Fix, Deferred, None]  # what a violation carries


def resolve(source: FixSource) -> Fix | None:
    return source.build() if isinstance(source, Deferred) else source


def safe(message: str, edits: Iterable[Edit]) -> Fix:
    return Fix(tuple(edits), Applicability.SAFE, message)


def unsafe(message: str, edits: Iterable[Edit]) -> Fix:
    return Fix(tuple(edits), Applicability.UNSAFE, message)


# --- building edits from what the rules know ----------------------------------------------------


def replace_in_line(document: "Document", line: int, written: str, replacement: str, start: int = 0) -> Edit | None:
    """Replace ``written`` on ``line`` when it occurs there exactly once (from character
    ``start``): a fix only edits a span it is sure of."""
    text = document.line_text(line)
    index = text.find(written, start)
    if not written or index < 0 or text.find(written, index + 1) >= 0:
        return None
    return Edit(line, index + 1, line, index + 1 + len(written), replacement)


def replace_span(line: int, column: int, length: int, replacement: str) -> Edit:
    return Edit(line, column, line, column + length, replacement)


def delete_lines(first: int, last: int) -> Edit:
    """Remove whole lines ``first``..``last`` with their line endings."""
    return Edit(first, 1, last + 1, 1, "")


def insert_before_line(line: int, text: str) -> Edit:
    """Insert ``text`` (whole lines, each ending in ``\\n``) before ``line``."""
    return Edit(line, 1, line, 1, text)


def replace_lines(first: int, last: int, lines: list[str]) -> Edit:
    """Replace whole lines ``first``..``last`` (their endings kept) by ``lines``."""
    return Edit(first, 1, last + 1, 1, "".join(line + "\n" for line in lines))


def append_after_last_line(document: "Document", text: str) -> Edit:
    """Add ``text`` (whole lines) at the end of the file."""
    count = len(document.lines)
    return Edit(count + 1, 1, count + 1, 1, text)
