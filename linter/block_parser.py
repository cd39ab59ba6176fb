"""markdown-it's block parser, calling its rules only where they can match.

At every line where a block may start, markdown-it tries its block rules in order until one
matches (and paragraphs try them again at each continuation line, to see whether the paragraph
ends there): about 2,000 rule calls per postmortem, each paying a debug-log call and a few
lookups before it looks at the character that decides. Here:

- a *gate* in front of each rule looks at that character (or the next line, or the indent)
  first and calls the rule only when the rule could match; the rule chains paragraphs, lists
  and quotes consult get the gated rules too;
- the block tokenizer picks, by the first character of the line, the rules whose gate can let
  it through, instead of calling all eleven;
- tokens are made with ``linter.fast_tokens.new_token``.

Neither ever decides a match: the rule runs as shipped whenever it could match, so the token
stream cannot change (``tests/test_parser.py`` checks it token for token).
"""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from linter.fast_tokens import new_token

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


def _thematic_break(rule: BlockRule) -> BlockRule:
    """A thematic break is a line of one of '*', '-', '_' (three or more) and spaces or tabs
    only: a list item's '- ' line is rejected here without entering the rule."""
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        position = state.bMarks[start_line] + state.tShift[start_line]
        rest = state.src[position:state.eMarks[start_line]]
        marker = rest[:1]
        if marker not in ("*", "-", "_") or rest.strip(marker + " \t") or rest.count(marker) < 3:
            return False
        return rule(state, start_line, end_line, silent)
    return gated


# The first characters (after the indent) at which a rule can match; rules not listed match at any.
FIRST_CHARACTERS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}

_GATES: dict[str, Callable[[BlockRule], BlockRule]] = {
    "table": _table,
    "code": _indented_code,
    "lheading": _setext_heading,
    **{name: _starts_with(characters) for name, characters in FIRST_CHARACTERS.items()},
    "hr": _thematic_break,  # replaces its first-character gate: it checks the whole line
}


class _StateBlock(StateBlock):
    def push(self, ttype: str, tag: str, nesting) -> Token:
        """``StateBlock.push`` with ``new_token``."""
        token = new_token(ttype, tag, nesting)
        token.block = True
        if nesting < 0:
            self.level -= 1  # closing tag
        token.level = self.level
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token


class _ParserBlock(ParserBlock):
    """markdown-it-py's ``ParserBlock`` (4.x), with the state above and rules picked by first character."""

    _by_first: tuple[list | None, dict[str, list[BlockRule]], list[BlockRule]] = (None, {}, [])

    def _rules_by_first_character(self) -> tuple[dict[str, list[BlockRule]], list[BlockRule]]:
        """For each character some rule is limited to, the rules that can match a line starting
        with it; and the rules for any other character. Rebuilt when the ruler changes."""
        active = self.ruler.getRules("")
        if self._by_first[0] is not active:
            named = [(rule.name, rule.fn) for rule in self.ruler.__rules__ if rule.enabled]
            characters = {character for name, _ in named for character in FIRST_CHARACTERS.get(name, "")}
            by_first = {character: [fn for name, fn in named if character in FIRST_CHARACTERS.get(name, character)]
                        for character in characters}
            others = [fn for name, fn in named if name not in FIRST_CHARACTERS]
            self._by_first = (active, by_first, others)
        return self._by_first[1], self._by_first[2]

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        by_first, others = self._rules_by_first_character()
        line = startLine
        maxNesting = state.md.options.maxNesting
        hasEmptyLines = False

        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine:
                break
            if state.sCount[line] < state.blkIndent:
                break  # the end of a nested call (blockquotes, lists)
            if state.level >= maxNesting:
                state.line = endLine  # too deep: skip the rest, as markdown-it does
                break

            position = state.bMarks[line] + state.tShift[line]
            ok = False
            for rule in by_first.get(state.src[position:position + 1], others):
                ok = rule(state, line, endLine, False)
                if ok:
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            if not ok:
                raise RuntimeError("none of the block rules matched")

            # set state.tight if we had an empty line before current tag
            state.tight = not hasEmptyLines
            line = state.line
            # paragraph might "eat" one newline after it in nested lists
            if (line - 1) < endLine and state.isEmpty(line - 1):
                hasEmptyLines = True
            if line < endLine and state.isEmpty(line):
                hasEmptyLines = True
                line += 1
                state.line = line

    def parse(self, src, md, env, outTokens):
        if not src:
            return None
        state = _StateBlock(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


def install(parser: MarkdownIt) -> None:
    """Gate each block rule of ``parser`` (keeping its place and the chains it terminates, the
    ``alt`` lists), and give it the block parser above, with the same ruler."""
    ruler = parser.block.ruler
    for rule in list(ruler.__rules__):  # markdown-it's Ruler keeps no public list of its functions
        gate = _GATES.get(rule.name)
        if gate is not None:
            ruler.at(rule.name, gate(rule.fn), {"alt": list(rule.alt)})
    block = _ParserBlock()
    block.ruler = ruler
    parser.block = block
