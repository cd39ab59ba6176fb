"""The Markdown parser the document model uses: markdown-it-py, CommonMark with HTML and tables.

markdown-it-py's inline tokenizer costs the same fixed setup for every inline token (a
state object, ten rules tried, three post-processing passes), and a postmortem has
many short ones: table cells, timeline entries, one-line list items. Over half of them
hold no character any inline rule starts at, and for those the tokenizer always returns
one ``text`` child with the whole content. The core ``inline`` rule is replaced (through
markdown-it's public ruler API) by one that builds that child directly and hands every
other token to the real tokenizer: a quarter of the parse time on the benchmark corpus,
with the same token stream (``tests/test_parser.py`` checks it token for token).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from linter.block_gates import add_block_gates
from linter.inline_shortcut import NEEDS_TOKENIZER, simple_children

# Where an inline rule of this configuration can start: a line break (newline), a backslash
# (escape), a backtick (code span), '*' and '_' (emphasis), '[' ']' '!' (links and images),
# '<' (autolinks and inline HTML), '&' (entities). Strikethrough and linkify are off.
_INLINE_SYNTAX = re.compile(r"[\n\\`*_\[\]!<&]")


def _inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with plain text turned into its one child directly."""
    md, env = state.md, state.env
    tokenize = md.inline.parse
    has_syntax = _INLINE_SYNTAX.search
    needs_tokenizer = NEEDS_TOKENIZER.search
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if has_syntax(content) is not None:
            if needs_tokenizer(content) is None:
                children = simple_children(content)
                if children is not None:
                    token.children.extend(children)
                    continue
            tokenize(content, md, env, token.children)
        elif content:
            child = Token("text", "", 0)
            child.content = content
            token.children.append(child)


def make_parser() -> MarkdownIt:
    """A new parser; its token stream equals plain ``MarkdownIt("commonmark", {"html": True}).enable("table")``."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.core.ruler.at("inline", _inline)
    add_block_gates(parser)
    return parser


def reference_parser() -> MarkdownIt:
    """The same configuration without the shortcut: what tests compare ``make_parser`` against."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")
