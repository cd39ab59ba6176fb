"""The Markdown report as a terminal shows it: no escapes, no markup, tables as columns.

``render_markdown`` writes Markdown that is safe to publish: every value from a pull request is
backslash-escaped and entity-encoded, which a terminal then prints literally
(``\\`percent\\_off\\```). This reads that Markdown back with markdown-it (the inverse of the
escaping, exactly) and lays the tokens out as text: headings underlined, lists indented, links
as ``text <url>``, tables as aligned columns, or one block per row when they are wider than the
terminal. Control and format characters are dropped from the result, so no value (an entity
such as ``&#27;`` decodes to ESC) can move the cursor, recolour or retitle the terminal.
"""

from __future__ import annotations

import re
import shutil
import unicodedata

from markdown_it import MarkdownIt

_UNDERLINES = {"h1": "=", "h2": "-"}
_MIN_WIDTH = 40


def render(markdown: str, width: int | None = None) -> str:
    width = max(width or shutil.get_terminal_size((100, 24)).columns, _MIN_WIDTH)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out: list[str] = []
    depth = 0  # list nesting
    bullet = False  # the next paragraph starts a list item
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            title = _inline(tokens[index + 1])
            out += ["", title]
            if token.tag in _UNDERLINES:
                out.append(_UNDERLINES[token.tag] * min(len(title), width))
            out.append("")
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind == "list_item_open":
            bullet = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                out.append("")
        elif kind == "paragraph_open":
            text = _inline(tokens[index + 1])
            if depth:
                out.append("  " * (depth - 1) + ("- " if bullet else "  ") + text.replace("\n", "\n" + "  " * depth))
                bullet = False
            else:
                out += [text, ""]
            index += 3
            continue
        elif kind in ("fence", "code_block"):
            out += ["    " + line for line in token.content.rstrip("\n").split("\n")] + [""]
        elif kind == "hr":
            out += ["-" * min(width, 60), ""]
        elif kind == "table_open":
            rows, index = _table_rows(tokens, index)
            out += _table(rows, width) + [""]
            continue
        index += 1
    text = "\n".join(out).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", _printable(text))


def _inline(token) -> str:
    parts: list[str] = []
    links: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "html_inline"):
            parts.append(child.content if kind == "text" else "")
        elif kind == "code_inline":
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            links.append(str(child.attrs.get("href", "")))
            parts.append("\x00")  # where the link text starts
        elif kind == "link_close":
            href = links.pop() if links else ""
            start = len(parts) - 1 - parts[::-1].index("\x00")
            label = "".join(parts[start + 1:])
            parts[start:] = [label if label == href or not href else f"{label} <{href}>"]
        elif kind == "image":
            parts.append(child.content)
    return "".join(parts)


def _table_rows(tokens, index: int) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    while tokens[index].type != "table_close":
        kind = tokens[index].type
        if kind == "tr_open":
            rows.append([])
        elif kind == "inline":
            rows[-1].append(_inline(tokens[index]))
        index += 1
    return rows, index + 1


def _table(rows: list[list[str]], width: int) -> list[str]:
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    columns = len(header)
    widths = [max(len(row[column]) if column < len(row) else 0 for row in rows) for column in range(columns)]
    if sum(widths) + 2 * (columns - 1) <= width:
        line = lambda row: "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()  # noqa: E731
        return [line(header), "  ".join("-" * w for w in widths)] + [line(row) for row in body]
    # Too wide for the terminal: each row as a block of "Header: value" lines.
    label = max(len(name) for name in header)
    blocks: list[str] = []
    for row in body:
        blocks += [f"{name.rjust(label)}: {value}" for name, value in zip(header, row) if value] + [""]
    return blocks[:-1]


def _printable(text: str) -> str:
    return "".join(char for char in text if char == "\n" or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co"))
