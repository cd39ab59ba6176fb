"""Action items: rows of a table in the Action items section, or checklist/list items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter import formatspec, item_shapes
from linter.bracket_spans import BRACKETED, DESTINATION

if TYPE_CHECKING:
    from linter.document import Document


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: int


@dataclass
class ActionItem:
    line: int
    fields: dict[str, Cell] = field(default_factory=dict)  # action, owner, due, priority, link, status, type
    checked: bool | None = None  # checklist state, None for table rows
    source: str = "table"  # table | checklist

    def get(self, name: str) -> str:
        cell = self.fields.get(name)
        return cell.text.strip() if cell else ""

    @property
    def done(self) -> bool:
        if self.checked is not None:
            return self.checked
        return self.get("status").lower().strip("*_` ") in formatspec.DONE_STATUSES


@dataclass
class ActionTable:
    """A table found in the section, with the columns it lacks (reported by a rule)."""

    line: int
    missing_columns: tuple[str, ...]


# (?<!\s): a search tries a separator from the start of a run of spaces only, not from each of them (quadratic)
_SEPARATOR = re.compile(r"(?<!\s)\s+(?:—|–|--|\|)\s+")
_DATE = re.compile(r"(?:\bdue:?\s*|\bby\s+)?(\d{4}-\d{2}-\d{2}|YYYY-MM-DD)\b", re.IGNORECASE)
_DUE_WORD = re.compile(r"^\s*(?:due|by)\b[:\s]*(.*)$", re.IGNORECASE)
_PRIORITY = re.compile(r"^\s*(?:priority:?\s*)?(P\d|SEV\d|high|medium|low)\s*$", re.IGNORECASE)
_OWNERISH = re.compile(r"^\s*(?:owner:?\s*)?(@[\w.\-/]+|[\w.+\-]+@[\w\-]+\.[\w.\-]+)(\s*,\s*(@[\w.\-/]+|[\w.+\-]+@[\w\-]+\.[\w.\-]+))*\s*$")
_LINKISH = re.compile(rf"(PR\s*#\d+|#\d+|\b[A-Z][A-Z0-9]+-\d+\b|https?://\S+|\[{BRACKETED}\]{DESTINATION}|\[[^\[\]]+\]\[[^\[\]]+\])")
_CHECKBOX = re.compile(r"^\[( |x|X)\]\s+")


def _column_key(header: str) -> str | None:
    name = formatspec.normalize_heading(header.strip("*_` "))
    for key, names in formatspec.ACTION_COLUMNS.items():
        if name in names:
            return key
    return None


def extract_action_items_and_tables(document: "Document") -> tuple[list[ActionItem], list[ActionTable]]:
    items: list[ActionItem] = []
    tables: list[ActionTable] = []
    for section in document.sections_named("Action items"):
        tokens = section.tokens()
        skipping = False  # under a sub-heading that holds no items (a legend, rejected proposals)
        intro = ""  # the paragraph right before a list: "Legend:" or "We considered:" says what it holds
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open" and index + 1 < len(tokens):
                skipping = item_shapes.holds_no_items(tokens[index + 1].content)
                intro = ""
            elif kind == "paragraph_open" and token.level == 0 and index + 1 < len(tokens):
                intro = tokens[index + 1].content
            elif kind == "table_open":
                if skipping:
                    index = _close_of(tokens, index)
                else:
                    index = _read_table(document, tokens, index, items, tables)
            elif kind in _LIST_OPEN and token.level == 0:
                close = _close_of(tokens, index)
                if not skipping and not item_shapes.introduces_no_items(intro):
                    listed = [read for read in (_list_item(document, tokens, start, stop) for start, stop in _children(tokens, index, close)) if read]
                    if not item_shapes.is_legend([written for _, written in listed]):
                        items.extend(item for item, _ in listed if not item_shapes.is_rejected(item))
                index = close
                intro = ""
            index += 1
    return items, tables


_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})


def _close_of(tokens, start: int) -> int:
    """Index of the token that closes the block opened at ``start`` (same nesting level)."""
    closing = tokens[start].type.replace("_open", "_close")
    level = tokens[start].level
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == closing and tokens[index].level == level:
            return index
    return len(tokens) - 1


def _children(tokens, start: int, stop: int):
    """(open, close) token indexes of the list items directly inside the list at ``start``."""
    level = tokens[start].level + 1
    index = start + 1
    while index < stop:
        if tokens[index].type == "list_item_open" and tokens[index].level == level:
            close = _close_of(tokens, index)
            yield index, close
            index = close
        index += 1


def _list_item(document, tokens, start: int, stop: int) -> tuple[ActionItem, str] | None:
    """One item, read from its first paragraph and the sub-bullets that carry its fields; and
    that paragraph's first line as written (a legend is told by it)."""
    level = tokens[start].level
    main = None
    subs: list[tuple[int, str]] = []
    for cursor in range(start + 1, stop):  # not tokens[start + 1:stop]: a copy per item
        inner = tokens[cursor]
        if inner.type != "inline" or not inner.map:
            continue
        lines = _without_comments(inner.content).split("\n")
        if main is None and inner.level == level + 2:
            main = (inner.map[0] + 1, lines)
        elif inner.level > level + 2:
            subs.extend((inner.map[0] + 1 + offset, text) for offset, text in enumerate(lines))
    if main is None:
        return None
    item = _parse_list_item(document, main[0], main[1])
    item_shapes.read_sub_bullets(item, subs, lambda value, line: _cell_on(document, value, line))
    return item, main[1][0]


def _read_table(document, tokens, start, items, tables) -> int:
    columns: list[str | None] = []
    table_line = tokens[start].map[0] + 1 if tokens[start].map else section_line(tokens)
    in_head = False
    row: list[str] = []
    row_line = table_line
    index = start + 1
    while index < len(tokens):
        token = tokens[index]
        kind = token.type  # the most frequent kinds first: a table is mostly cells
        if kind == "inline":
            row.append(_without_comments(token.content))
        elif kind in _CELL_MARKUP:
            pass
        elif kind == "tr_close":
            if in_head:
                columns = [_column_key(cell) for cell in row]
            else:
                items.append(_table_item(document, row_line, columns, row))
        elif kind == "tr_open":
            row = []
            row_line = token.map[0] + 1 if token.map else row_line
        elif kind == "table_close":
            break
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
            present = set(filter(None, columns))
            missing = tuple(c for c in formatspec.REQUIRED_ACTION_COLUMNS if c not in present)
            tables.append(ActionTable(line=table_line, missing_columns=missing))
        index += 1
    return index


_CELL_MARKUP = frozenset({"th_open", "th_close", "td_open", "td_close"})


def _without_comments(text: str) -> str:
    """An item's text without HTML comments (each from ``<!--`` to the next ``-->``, with the
    spaces before it): a suppression comment is not part of the action.

    Found with ``str.find``, not a regex: ``<!--.*?-->`` searched from each of many ``<!--``
    with no ``-->`` after them scans the rest of the text again each time."""
    if "<!--" not in text:
        return text
    kept = []
    position = 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        kept.append(text[position:start].rstrip())
        position = end + 3
    kept.append(text[position:])
    return "".join(kept).strip()


def section_line(tokens) -> int:
    for token in tokens:
        if token.map:
            return token.map[0] + 1
    return 1


def _table_item(document, line: int, columns: list[str | None], row: list[str]) -> ActionItem:
    item = ActionItem(line=line, source="table")
    text = document.line_text(line)
    search_from = 0
    for key, cell in zip(columns, row):
        if cell:
            position = text.find(cell, search_from)
            column = position + 1 if position >= 0 else 1
            if position >= 0:
                search_from = position + len(cell)
        else:  # an empty cell: point just after the pipe that opens it
            pipe = text.find("|", search_from)
            column = pipe + 2 if pipe >= 0 else 1
            search_from = pipe + 1 if pipe >= 0 else search_from
        if key and key not in item.fields:
            item.fields[key] = Cell(cell, line, column)
    return item


def _cell_on(document, value: str, line: int) -> Cell:
    position = document.line_text(line).find(value) if value else -1
    return Cell(value, line, position + 1 if position >= 0 else 1)


def _parse_list_item(document, line: int, lines: list[str]) -> ActionItem:
    item = ActionItem(line=line, source="checklist")
    numbered = [(line + offset, text) for offset, text in enumerate(lines)]

    def cell(value: str) -> Cell:
        for number, text in numbered:
            if value and value in text:
                return _cell_on(document, value, number)
        first = lines[0].strip()  # an action that wraps: it starts on the first line
        return Cell(value, line, _cell_on(document, first, line).column if first and value.startswith(first[:20]) else 1)

    # Lines stay apart until the segments are cut: "— priority: P1" ends its line, and the next
    # line continues the item's prose, not that field.
    text = "\n".join(part.strip() for part in lines).strip()
    checkbox = _CHECKBOX.match(text)
    if checkbox:
        item.checked = checkbox.group(1) != " "
        text = text[checkbox.end():]
    text, status = item_shapes.split_status(text)
    if status:
        item.fields["status"] = cell(status)
    lead = item_shapes.bold_lead(text)
    if lead:  # "**Separate node groups per zone**: why it matters": the lead is the action
        parts = [lead[0]] + [part.strip() for part in _SEPARATOR.split(lead[1]) if part.strip()]
    else:
        parts = [part.strip() for part in _SEPARATOR.split(text) if part.strip()]
    if not parts:
        return item
    parts = [" ".join(parts[0].split())] + [part.split("\n", 1)[0].strip() for part in parts[1:]]
    item.fields["action"] = cell(parts[0])
    leftovers: list[str] = []
    for part in parts[1:]:
        if not _classify(item, part, cell):
            leftovers.append(part)
    if "owner" not in item.fields and leftovers:
        # A short leftover segment is where the author put the owner ("jennifer", "TBD", "team").
        candidate = leftovers[0]
        if len(candidate.split()) <= 3:
            item.fields["owner"] = cell(candidate)
    if "link" not in item.fields:
        link = _LINKISH.search(text)
        if link:
            item.fields["link"] = cell(link.group(0))
    return item


def _classify(item: ActionItem, part: str, cell) -> bool:
    """Put one '—'-separated segment in its field; False when it is none of them."""
    due_word = _DUE_WORD.match(part)
    if due_word:
        item.fields.setdefault("due", cell(due_word.group(1).strip() or part))
    elif _DATE.fullmatch(part.strip()):
        item.fields.setdefault("due", cell(part.strip()))
    elif _PRIORITY.match(part):
        item.fields.setdefault("priority", cell(_PRIORITY.match(part).group(1)))
    elif _OWNERISH.match(part):
        item.fields.setdefault("owner", cell(re.sub(r"^owner:?\s*", "", part)))
    elif part.lower().startswith("owner"):
        item.fields.setdefault("owner", cell(part.split(":", 1)[-1].strip()))
    elif _LINKISH.search(part) and "link" not in item.fields:
        item.fields["link"] = cell(part)
    elif item_shapes.is_status_word(part):
        item.fields.setdefault("status", cell(part))
    else:
        return False
    return True
