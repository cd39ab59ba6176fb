"""Go-to-definition on a postmortem id in the frontmatter (a ``related`` entry): the file of
the postmortem with that id, at its ``id:`` line, as the corpus scan found it."""

from __future__ import annotations

from lsprotocol import types

from linter import formatspec
from linter.corpus import DocSummary
from linter.server.frontmatter_place import in_frontmatter, word_at
from linter.server.positions import UTF16, from_lsp

_ID = formatspec.ID_PATTERN.strip("^$")


def definition(lines: list[str], position: types.Position, summaries: list[DocSummary], uri_of,
               encoding: str = UTF16) -> types.Location | None:
    """``uri_of(path)``: the file URI of a corpus path (the protocol module knows how)."""
    if not in_frontmatter(lines, position.line):
        return None
    _, column = from_lsp(lines, position.line, position.character, encoding)
    found = word_at(lines[position.line], column - 1, _ID)
    if found is None:
        return None
    target = next((summary for summary in summaries if summary.id == found[0]), None)
    if target is None:
        return None
    spot = types.Position(target.id_line - 1, target.id_column - 1)
    return types.Location(uri=uri_of(target.path), range=types.Range(spot, spot))
