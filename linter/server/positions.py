"""Positions: the linter counts 1-based lines and characters; LSP counts 0-based lines and
code units of the encoding agreed at initialization: UTF-16 by default, UTF-8 or UTF-32 when
the client offers them first (Neovim offers UTF-8). They differ on any character outside ASCII
(UTF-8) or the Basic Multilingual Plane (UTF-16: an emoji in a title), so every position that
crosses the protocol goes through here."""

from __future__ import annotations

from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def to_lsp(lines: list[str], line: int, column: int, encoding: str = UTF16) -> tuple[int, int]:
    """A linter position (1-based line and character) as an LSP one (0-based line, code units)."""
    index = max(line - 1, 0)
    text = lines[index] if index < len(lines) else ""
    return index, units(text[: max(column - 1, 0)], encoding)


def from_lsp(lines: list[str], line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
    """An LSP position as a linter one; a position past the end of its line is its end."""
    text = lines[line] if 0 <= line < len(lines) else ""
    counted = 0
    for index, glyph in enumerate(text):
        if counted >= character:
            return line + 1, index + 1
        counted += units(glyph, encoding)
    return line + 1, len(text) + 1


def offset_to_lsp(text: str, starts: list[int], offset: int, encoding: str = UTF16) -> tuple[int, int]:
    """A character offset of ``text`` (``starts``: ``fix_apply.line_starts(text)``) as an LSP position."""
    line = max(bisect_right(starts, offset) - 1, 0)
    return line, units(text[starts[line]:offset], encoding)
