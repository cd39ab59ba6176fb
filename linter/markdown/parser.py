"""The Markdown parser the document model uses: markdown-it-py, CommonMark with HTML and tables.

The token stream is exactly plain markdown-it-py's (``reference_parser``; ``tests/test_parser.py``
compares them token for token, field for field, on every Markdown file of the repository and
on Hypothesis inputs). Only work that cannot change it is skipped, through markdown-it's public
ruler API:

- inline tokens: over half hold no character an inline rule starts at, and their one ``text``
  child is built directly; most others hold only code spans, ``snake_case`` names and line
  breaks, built by ``linter.markdown.inline_shortcut``; the rest go to the real tokenizer, and only
  those can need ``text_join``;
- ``normalize`` runs only when the text has a carriage return or a NUL to replace;
- block rules are called only where their first character allows a match, tight bullet lists
  of one-paragraph items are built directly, and tokens are made without the dataclass
  ``__init__`` (``linter.markdown.block_parser``, ``linter.markdown.fast_tokens``).

Together they take more than half off the instructions the library as shipped (the
benchmark's floor) spends on a postmortem: 10.7 M against 23.9 M.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, normalize, text_join
from markdown_it.token import Token

from linter.markdown.block_parser import install as install_block_parser
from linter.markdown.inline_shortcut import NEEDS_TOKENIZER, simple_children, text_token

# Where an inline rule of this configuration can start: a line break (newline), a backslash
# (escape), a backtick (code span), '*' and '_' (emphasis), '[' ']' '!' (links and images),
# '<' (autolinks and inline HTML), '&' (entities). Strikethrough and linkify are off.
_INLINE_SYNTAX = re.compile(r"[\n\\`*_\[\]!<&]")


def _inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` and ``text_join`` rules, with the shortcuts: plain text
    becomes its one child directly, code spans and line breaks are built by
    ``simple_children``; only the tokens the real tokenizer built can need joining."""
    md, env = state.md, state.env
    tokenize = md.inline.parse
    has_syntax = _INLINE_SYNTAX.search
    needs_tokenizer = NEEDS_TOKENIZER.search
    tokenized: list[Token] = []
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
            tokenized.append(token)
        elif content:
            token.children.append(text_token(content))
    if tokenized:
        text_join(StateCore("", md, env, tokenized))


def _normalize(state: StateCore) -> None:
    """markdown-it's ``normalize`` (line endings to '\n', NUL to U+FFFD), skipped when there is
    nothing to replace: two regex substitutions over the whole file otherwise."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def make_parser() -> MarkdownIt:
    """A new parser; its token stream equals plain ``MarkdownIt("commonmark", {"html": True}).enable("table")``."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.core.ruler.at("normalize", _normalize)
    parser.core.ruler.at("inline", _inline)
    parser.core.ruler.disable("text_join")  # done inside _inline, for the tokens that need it
    install_block_parser(parser)
    return parser


def reference_parser() -> MarkdownIt:
    """The same configuration without the shortcut: what tests compare ``make_parser`` against."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")
