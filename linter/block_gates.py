"""Cheap necessary conditions in front of markdown-it's block rules.

At every line where a block may start, markdown-it tries its block rules in order until one
matches (and paragraphs try them again at each continuation line, to see whether the paragraph
ends there): about 2,000 rule calls per postmortem, each paying a debug-log call and a few
lookups before it looks at the character that decides. A gate looks at that character first
and calls the rule only when the rule could match. A gate never decides a match itself: when it
lets a line through, the rule runs as shipped, so the token stream cannot change
(``tests/test_parser.py`` checks it token for token).
"""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _starts_with(characters: str) -> Callable[[BlockRule], BlockRule]:
    """A rule that can only match when the line's first non-blank character is one of these."""
    def gate(rule: BlockRule) -> BlockRule:
        def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
            position = state.bMarks[start_line] + state.tShift[start_line]
            # An empty slice (end of input) is "in" any string: the rule decides.
            if state.src[position:position + 1] not in characters:
                return False
            return rule(state, start_line, end_line, silent)
        return gated
    return gate


def _table(rule: BlockRule) -> BlockRule:
    """A table needs a header line and a delimiter row starting with '|', '-' or ':'."""
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if start_line + 2 > end_line:
            return False
        next_line = start_line + 1
        position = state.bMarks[next_line] + state.tShift[next_line]
        if position >= state.eMarks[next_line] or state.src[position] not in "|-:":
            return False
        return rule(state, start_line, end_line, silent)
    return gated


def _indented_code(rule: BlockRule) -> BlockRule:
    """Indented code needs four columns of indent beyond the block's."""
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.sCount[start_line] - state.blkIndent < 4:
            return False
        return rule(state, start_line, end_line, silent)
    return gated


def _setext_heading(rule: BlockRule) -> BlockRule:
    """A setext heading needs a later line of its paragraph (no blank line before it) that
    starts with '=' or '-'."""
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        marks, shifts, ends, source = state.bMarks, state.tShift, state.eMarks, state.src
        line = start_line + 1
        while line < end_line:
            position = marks[line] + shifts[line]
            if position >= ends[line]:
                return False  # a blank line ends the paragraph first
            if source[position] in "=-":
                return rule(state, start_line, end_line, silent)
            line += 1
        return False
    return gated


_GATES: dict[str, Callable[[BlockRule], BlockRule]] = {
    "table": _table,
    "code": _indented_code,
    "fence": _starts_with("`~"),
    "blockquote": _starts_with(">"),
    "hr": _starts_with("*-_"),
    "list": _starts_with("*-+0123456789"),
    "reference": _starts_with("["),
    "html_block": _starts_with("<"),
    "heading": _starts_with("#"),
    "lheading": _setext_heading,
}


def add_block_gates(parser: MarkdownIt) -> None:
    """Put a gate in front of each block rule that has one, keeping the rule's place and the
    chains it terminates (the ``alt`` lists paragraphs, lists and quotes consult)."""
    ruler = parser.block.ruler
    for rule in list(ruler.__rules__):  # markdown-it's Ruler keeps no public list of its functions
        gate = _GATES.get(rule.name)
        if gate is not None:
            ruler.at(rule.name, gate(rule.fn), {"alt": list(rule.alt)})
