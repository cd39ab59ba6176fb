"""Tokens made without the dataclass ``__init__``: the parser makes ~600 per postmortem.

markdown-it-py's ``Token`` is a slots dataclass whose generated ``__init__`` takes thirteen
arguments with defaults and then runs ``__post_init__`` (which converts ``attrs``): about
twice the cost of setting the thirteen slots directly. ``new_token`` sets them to the same
values; if a markdown-it-py release changes the fields, it falls back to ``Token`` itself (the
parser tests compare every field of every token with markdown-it as shipped).
"""

from __future__ import annotations

import dataclasses

from markdown_it.token import Token

_KNOWN_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info",
                 "meta", "block", "hidden")


def _new_token(type_: str, tag: str, nesting: int, _new=Token.__new__) -> Token:
    token = _new(Token)
    token.type, token.tag, token.nesting, token.attrs, token.map, token.level = type_, tag, nesting, {}, None, 0
    token.children, token.content, token.markup, token.info, token.meta = None, "", "", "", {}
    token.block = token.hidden = False
    return token


new_token = _new_token if tuple(f.name for f in dataclasses.fields(Token)) == _KNOWN_FIELDS else Token
