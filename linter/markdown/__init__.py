"""Everything that parses Markdown, behind ``parse``: markdown-it-py (CommonMark, raw HTML,
tables), configured once, with shortcuts that never change its token stream.

- ``parser``: builds the parser (``make_parser``) and the library as shipped
  (``reference_parser``); the inline-token shortcut and the conditional ``normalize``;
- ``inline_shortcut``: the children of simple inline tokens, built directly;
- ``block_parser``: block rules gated by the character that decides them, tight bullet lists
  built directly;
- ``fast_tokens``: tokens made without the dataclass ``__init__``.

``POSTMORTEM_MARKDOWN=plain`` in the environment makes ``parse`` use the library as shipped,
without any shortcut: to rule them out when a finding looks wrong, and for the test that runs
every rule both ways over the corpus and the fixtures (``tests/test_markdown_switch.py``).
What each shortcut saves, and why it is exact, is in its module's docstring; the supported
markdown-it-py range is the one pyproject.toml pins, as the shortcuts follow its internals.
"""

from __future__ import annotations

import os

from markdown_it.token import Token

from linter.markdown.parser import make_parser, reference_parser

__all__ = ["Token", "parse", "PLAIN"]

PLAIN = os.environ.get("POSTMORTEM_MARKDOWN", "").strip().lower() == "plain"
_PARSER = reference_parser() if PLAIN else make_parser()


def parse(source: str) -> list[Token]:
    """The token stream of ``source``."""
    return _PARSER.parse(source)
