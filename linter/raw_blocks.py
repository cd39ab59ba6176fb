"""Raw HTML blocks as the site reads them: everything from a block-level tag to its closing tag.

Python-Markdown (the site) takes a block-level start tag at the beginning of a line (after at
most three spaces) and passes everything up to the tag that closes it to the page as written,
blank lines and all: a code span, an indented line or a list inside ``<details>`` is raw HTML
on the site. markdown-it ends an HTML block at the first blank line and parses what follows
as Markdown, so there ``<img src=…>`` in backticks is a code span and the safety rules skip it.

``raw_view`` gives the rules the site's reading: the tokens of each such region are replaced
by one ``html_block`` holding its source, so PM801 and PM802 scan every tag and URL in it.
Fenced code inside the region is left out (superfences takes fences out before the HTML is
read, so they stay code on the site). This follows ``markdown.htmlparser.HTMLExtractor``: tags
are stacked from the opening one, an end tag pops through to its name, the region ends when
the stack is empty (or at the end of the file).
"""

from __future__ import annotations

import bisect
import re
from markdown_it.token import Token

from linter.engine_differences import Ambiguity
from linter.site_view import fence_lines

# Python-Markdown's ``Markdown.block_level_elements`` (3.x).
BLOCK_LEVEL = frozenset((
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "group", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "iframe", "legend", "li", "main", "map", "math", "menu", "nav", "noscript", "object", "ol",
    "option", "output", "p", "pre", "progress", "script", "section", "style", "summary", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
))
_EMPTY = frozenset(("hr",))  # handled as a tag of its own, never opens a region
_BLOCK_START = re.compile(r"[^\S\n]{0,3}<([A-Za-z][A-Za-z0-9-]*)")
_MAYBE_BLOCK_START = re.compile(r"\n[^\S\n]{0,3}<[A-Za-z]")  # searched in "\n" + body: a literal first is fast
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][^\s/>`]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.DOTALL)
# Tokens whose content reads the same as raw HTML: plain paragraphs, HTML, code the site keeps as code.
_PLAIN_CHILDREN = frozenset(("text", "softbreak", "html_inline"))


def raw_regions(lines: list[str], code_lines: set[int]) -> list[tuple[int, int, str]]:
    """``(first line, one past the last line, tag)`` (0-based) of each region the site passes
    through raw; ``code_lines`` are fenced code, which the site reads before any HTML."""
    kept = ["" if index in code_lines else line for index, line in enumerate(lines)]
    text = "\n".join(kept)
    starts = [0]  # offset of each line in ``text``
    for line in kept:
        starts.append(starts[-1] + len(line) + 1)
    regions: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        match = None if index in code_lines else _BLOCK_START.match(lines[index])
        name = match.group(1).lower() if match else ""
        if name not in BLOCK_LEVEL or name in _EMPTY:
            index += 1
            continue
        end_offset = _region_end(text, starts[index] + match.start(1) - 1)
        end = bisect.bisect_right(starts, end_offset - 1) if end_offset < len(text) else len(lines)
        regions.append((index, max(end, index + 1), name))
        index = max(end, index + 1)
    return regions


def _region_end(text: str, start: int) -> int:
    """Where the tag that closes the region opened at offset ``start`` ends (or the end of the
    text). Each region is scanned once, from its start to its end: linear in the file."""
    stack: list[str] = []
    for match in _TAG.finditer(text, start):
        closing, name, self_closing = match.groups()
        if name is None:
            continue  # a comment
        name = name.lower()
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
        elif not self_closing and name not in _EMPTY:
            stack.append(name)
        if not stack:
            return match.end()
    return len(text)


def raw_view(tokens: list[Token], body: str) -> tuple[list[Token], list[Ambiguity]]:
    """The tokens with each raw region read as one HTML block, and where Markdown stands in one."""
    if "<" not in body or not _MAYBE_BLOCK_START.search("\n" + body):
        return tokens, []  # nearly every file: no tag at the start of a line
    lines = body.split("\n")
    code_lines = fence_lines(tokens)
    regions = raw_regions(lines, code_lines)
    if not regions:
        return tokens, []
    blocks = _top_level_blocks(tokens)
    notes: list[Ambiguity] = []
    out: list[Token] = []
    position = 0  # index into blocks
    for first, end, tag in regions:
        while position < len(blocks) and blocks[position][3] <= first:
            out.extend(tokens[blocks[position][0]:blocks[position][1]])
            position += 1
        covered = []
        while position < len(blocks) and blocks[position][2] < end:
            covered.append(blocks[position])
            position += 1
        if not covered:
            continue
        replaced = tokens[covered[0][0]:covered[-1][1]]
        if all(token.type == "html_block" for token in replaced):
            out.extend(replaced)  # markdown-it read it all as HTML already
            continue
        start_line, end_line = min(first, covered[0][2]), max(end, covered[-1][3])
        note = _markdown_in(replaced, start_line, tag)
        if note is not None:
            notes.append(note)
        out.append(_html_block(lines, start_line, end_line, code_lines))
    for block in blocks[position:]:
        out.extend(tokens[block[0]:block[1]])
    return out, notes


def _top_level_blocks(tokens: list[Token]) -> list[tuple[int, int, int, int]]:
    """``(first token, one past the last token, first line, one past the last line)`` of each
    top-level block (a paragraph, a list with all it holds, an HTML block…)."""
    blocks = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index + 1
        if token.nesting == 1:
            depth = 1
            while end < len(tokens) and depth:
                depth += tokens[end].nesting
                end += 1
        if token.map:
            blocks.append((index, end, token.map[0], token.map[1]))
        elif blocks:  # a token without a line map joins the block before it
            first, _, line, end_line = blocks[-1]
            blocks[-1] = (first, end, line, end_line)
        index = end
    return blocks


def _markdown_in(tokens: list[Token], block_start: int, tag: str) -> Ambiguity | None:
    for token in tokens:
        kind = token.type
        if kind in ("html_block", "fence", "paragraph_open", "paragraph_close"):
            continue
        if kind == "inline" and all(child.type in _PLAIN_CHILDREN for child in token.children or ()):
            continue
        line = token.map[0] + 1 if token.map else block_start + 1
        return Ambiguity(line, 1, f"Markdown inside the HTML block <{tag}> of line {block_start + 1} is shown as written "
                                  f"on the site (its engine reads no Markdown inside HTML blocks) and checked as HTML; "
                                  f"for a collapsible block write '??? note \"Title\"' with the content indented")
    return None


def _html_block(lines: list[str], start: int, end: int, code_lines: set[int]) -> Token:
    token = Token("html_block", "", 0)
    token.map = [start, end]
    token.block = True
    token.meta = {"raw_region": True}  # Markdown the site passes as HTML: content, not a hint (Section.is_empty)
    token.content = "\n".join("" if index in code_lines else lines[index] for index in range(start, end)) + "\n"
    return token
