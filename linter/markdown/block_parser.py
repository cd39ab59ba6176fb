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
- tokens are made with ``linter.markdown.fast_tokens.new_token``;
- a tight bullet list of one-paragraph items at the top level (a timeline, a checklist,
  wrapped or not) is built directly, as the list rule would build it (``_simple_bullet_list``);
  any other list goes to the list rule.

The gates never decide a match: the rule runs as shipped whenever it could match. The list
shortcut builds only lists whose every line it has checked leaves no choice to the rules.
``tests/test_parser.py`` checks the token stream token for token, with a Hypothesis strategy
of list lines on each side of every condition.
"""

from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from linter.markdown.fast_tokens import new_token

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


# What a line that may end a paragraph (a list item, a quote, a fence, a heading, HTML, a
# table, a break) or underline it starts with: past such a line the rule itself decides.
_MAY_END_A_PARAGRAPH = frozenset("=-`~>*_+0123456789<#|")


def _setext_heading(rule: BlockRule) -> BlockRule:
    """A setext heading needs a later line of its paragraph (no blank line before it) that
    starts with '=' or '-'. The look ahead stops, handing over to the rule, at the first line
    that could end the paragraph: looking on to the next blank line made a list of 3,000
    one-line items quadratic (each item's paragraph scanned the rest of the list: 10 s)."""
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        marks, shifts, ends, source = state.bMarks, state.tShift, state.eMarks, state.src
        line = start_line + 1
        while line < end_line:
            position = marks[line] + shifts[line]
            if position >= ends[line]:
                return False  # a blank line ends the paragraph first
            if source[position] in _MAY_END_A_PARAGRAPH:
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


# The start of an item's text that opens a block other than a paragraph inside the item: an
# indent (code), a quote, HTML, a nested list marker (bullet or ordered, then a space, a tab or
# the end of the line), an ATX heading, a code fence. Thematic breaks and link reference
# definitions are checked apart (and setext underlines, for wrapped lines). Looked at only when
# the first character is one of these.
_MAY_OPEN_A_BLOCK = frozenset(" \t><*+-_0123456789#`~[=")
_OPENS_A_BLOCK = re.compile(r"[ \t><]|[*+-](?:[ \t]|$)|[0-9]+[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|```|~~~")


# The start of a wrapped line that could end the item's paragraph or change what it is: a
# setext underline ('-'; '=' only when the line is nothing else), a table's delimiter row
# ('|', ':', '-').
_ENDS_A_WRAPPED_LINE = frozenset("-|:")


def _opens_a_block(text: str) -> bool:
    """True when an item whose text starts with ``text`` may hold something other than one
    paragraph (it may say True for a paragraph, never False for anything else)."""
    first = text[0]
    if first == "[":
        return "]:" in text  # a link reference definition needs its label followed by ':'
    if first in "*-_" and not text.strip(first + " \t"):
        return True  # a thematic break: one of '*', '-', '_' and spaces only
    return _OPENS_A_BLOCK.match(text) is not None


# An ordered list interrupts a paragraph only when it starts at 1 (CommonMark 5.3).
_ORDERED_FROM_ONE = re.compile(r"0*1[.)](?:[ \t]|$)")


def _interrupts_a_paragraph(text: str) -> bool:
    """True when a wrapped line starting with ``text`` may end the paragraph before it or make
    it a heading (it may say True for a line that does not, never False for one that does)."""
    if text[0] == "=":
        return not text.rstrip(" \t").lstrip("=")  # a setext underline: '=' and spaces only
    if text[0] in "0123456789":
        return _ORDERED_FROM_ONE.match(text) is not None  # "returned\n  250." continues the text
    return _opens_a_block(text)


def _simple_bullet_list(state: StateBlock, start_line: int, end_line: int) -> bool:
    """Build a tight bullet list whose items are each one paragraph, the commonest list of a
    postmortem (timeline entries, checklists), with markdown-it's tokens; return False, having
    done nothing, for any other list (the list rule then reads it).

    For such a list the list rule runs the block tokenizer and the paragraph rule once per
    item, and the terminating rules at every next line: sampled, a quarter of the linter's
    time went to lists. What makes a list this simple, at the top level of the document: every
    item line is the same marker, one space and a first character that starts no block (so
    the item is one paragraph); an item may wrap onto lines indented two spaces that can
    neither end that paragraph nor make it a heading or a table; the next line that is not
    such a line is the next item (with less indent than the text, it ends the paragraph). The
    list ends at the end of input or at a blank line that neither the same marker nor a line
    indented two columns or more follows (a new item would make the list loose; an indented
    line would continue the last item).
    """
    # At the top level only: inside a quote, lines are read past its '>' markers (not reasoned
    # about here), and inside a list the item's indent decides. ``parentType`` is not looked at:
    # only the list rule's silent mode reads it. Task lists (an option) mark items: not built here.
    if state.level or state.md.options.get("tasklists", False):
        return False
    src, marks, ends = state.src, state.bMarks, state.eMarks
    marker = src[marks[start_line]:marks[start_line] + 1]  # at the line's start: not an indented list
    if not marker or marker not in "-*+":
        return False
    items: list[tuple[int, int, str]] = []  # first line, line after, text
    line = start_line
    while True:
        position, end = marks[line], ends[line]
        if position + 2 >= end or src[position] != marker or src[position + 1] != " ":
            return False
        content = src[position + 2:end]
        if content[0] in _MAY_OPEN_A_BLOCK and _opens_a_block(content):
            return False
        first_line, parts = line, [content]
        line += 1
        # A wrapped item: lines indented two spaces, as the item's text, continue its paragraph
        # (two columns of indent are two spaces: a tab reaches column 4).
        while line < end_line and state.sCount[line] == 2 and not state.isEmpty(line):
            text = src[marks[line] + 2:ends[line]]
            if text[0] in _ENDS_A_WRAPPED_LINE or (text[0] in _MAY_OPEN_A_BLOCK and _interrupts_a_paragraph(text)):
                return False
            parts.append(text)
            line += 1
        items.append((first_line, line, mdTrim("\n".join(parts) if len(parts) > 1 else content)))
        if line >= end_line:
            list_end = end_line
            break
        if state.isEmpty(line):  # a blank line: the list ends before the next block
            list_end = state.skipEmptyLines(line)
            if list_end < end_line and (state.sCount[list_end] >= 2 or src[marks[list_end] + state.tShift[list_end]] == marker):
                return False
            break
        # a next line that is not an item of this list (a lazy continuation, a heading...) fails above
    token = state.push("bullet_list_open", "ul", 1)
    token.map, token.markup = [start_line, list_end], marker
    last = items[-1][0]
    for line, after, content in items:
        token = state.push("list_item_open", "li", 1)
        token.map, token.markup = [line, list_end if line == last else after], marker
        token = state.push("paragraph_open", "p", 1)
        token.map, token.hidden = [line, after], True
        token = state.push("inline", "", 0)
        token.content, token.map, token.children = content, [line, after], []
        state.push("paragraph_close", "p", -1).hidden = True
        state.push("list_item_close", "li", -1).markup = marker
    state.push("bullet_list_close", "ul", -1).markup = marker
    state.line = list_end
    return True


def _list(rule: BlockRule) -> BlockRule:
    """The list rule behind its first-character gate; first, a simple tight bullet list is
    built by ``_simple_bullet_list`` (which checks its own first character)."""
    gated_rule = _starts_with(FIRST_CHARACTERS["list"])(rule)

    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not silent and _simple_bullet_list(state, start_line, end_line):
            return True
        return gated_rule(state, start_line, end_line, silent)
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
    "list": _list,
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
            named = list(zip(self.ruler.get_active_rules(), active))  # public: names and functions, in order
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
    # The one private read: replacing a rule's function with ``Ruler.at`` resets the chains it
    # terminates unless they are given again, and the Ruler has no public getter for them.
    for rule in list(ruler.__rules__):
        gate = _GATES.get(rule.name)
        if gate is not None:
            ruler.at(rule.name, gate(rule.fn), {"alt": list(rule.alt)})
    block = _ParserBlock()
    block.ruler = ruler
    parser.block = block
