"""Applying a fix's edits to a text: its spans (positions in the document the rules read, line
endings folded) mapped onto the file's own text, so that every byte outside them stays as it
was. Below the rules and the fixing passes alike: a rule checks a fix it is not sure of against
``document_after``; ``linter.fixing`` applies the chosen fixes pass by pass.
"""

from __future__ import annotations

import re

from linter.fixes import Applicability, Edit, Fix

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, its lines split as the document splits them."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def newline_of(text: str) -> str:
    """The line ending the file mostly uses (``\\n`` for a file without any)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    if line > len(starts):
        return len(text)
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    content_end = end - len(_LINE_BREAK.search(text, start, end).group(0)) if line < len(starts) else end
    return min(start + column - 1, content_end)


def edit_offsets(text: str, starts: list[int], edit: Edit) -> tuple[int, int]:
    """The ``[start, end)`` character offsets an edit spans in ``text``."""
    if edit.end_column == 1 and edit.end_line > edit.line:
        end = starts[edit.end_line - 1] if edit.end_line <= len(starts) else len(text)  # whole lines, endings included
    else:
        end = _offset(text, starts, edit.end_line, edit.end_column)
    return _offset(text, starts, edit.line, edit.column), end


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Apply the fixes whose spans overlap no other chosen one (in span order: the first wins);
    the rest wait for the next pass. Returns the new text and the fixes applied."""
    starts = line_starts(text)
    newline = newline_of(text)
    spans = []
    for fix in fixes:
        offsets = [edit_offsets(text, starts, edit) for edit in fix.edits]
        if offsets:
            spans.append((min(start for start, _ in offsets), max(end for _, end in offsets), offsets, fix))
    spans.sort(key=lambda span: (span[0], span[1]))
    chosen: list[tuple[int, int, str]] = []
    applied: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for low, high, offsets, fix in spans:
        if any(_overlap(low, high, other_low, other_high) for other_low, other_high in taken):
            continue
        taken.append((low, high))
        applied.append(fix)
        for (start, end), edit in zip(offsets, fix.edits):
            replacement = edit.replacement.replace("\n", newline) if newline != "\n" else edit.replacement
            if start == end == len(text) and text and not text.endswith(("\n", "\r")) and replacement:
                replacement = newline + replacement.rstrip("\r\n")  # added after a last line with no ending
            chosen.append((start, end, replacement))
    pieces, position = [], 0
    for start, end, replacement in sorted(chosen):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = max(position, end)
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlap(low: int, high: int, other_low: int, other_high: int) -> bool:
    """Two spans that touch the same text (or insert at the same place): one waits a pass."""
    if low == high or other_low == other_high:  # an insertion: at the same place, or inside the other
        return (low, high) == (other_low, other_high) or other_low < low < other_high or low < other_low < high
    return low < other_high and other_low < high


def document_after(document, edits: list[Edit]):
    """The document as it would read with ``edits`` applied: what a fix that is not sure of its
    effect (reordered entries, converted times) checks itself against before it is offered."""
    from linter.document import parse_text

    text = "\n".join(document.lines) + "\n"
    new_text, applied = apply_fixes(text, [Fix(tuple(edits), Applicability.SAFE, "")])
    return parse_text(document.path, new_text) if applied else None
