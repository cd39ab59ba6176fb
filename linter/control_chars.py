"""Characters a frontmatter value must not carry: C0/C1 controls and bidi overrides.

A title is printed in the page's ``<title>``, the incident index, search results and CI logs.
NUL, ESC (terminal escape sequences), other C0 and C1 controls and the bidirectional
embeddings, overrides and isolates (which reorder what a reader sees, "Trojan Source") have
no place in one line of prose. Tab and line feed are kept: block scalars hold line feeds, and
a tab is whitespace. The linter reports them (PM109), ``postmortem new`` refuses them, and the
site strips them from every value it shows.
"""

from __future__ import annotations

import re

# U+061C ARABIC LETTER MARK, U+200E/F LRM/RLM, U+202A-E embeddings and overrides, U+2066-9 isolates.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\r": "carriage return", "\x0b": "vertical tab", "\x0c": "form feed"}


def first_unwanted(text: str) -> int | None:
    """Index of the first control or bidi character in ``text``, or None."""
    match = _UNWANTED.search(text)
    return match.start() if match else None


def strip_unwanted(text: str) -> str:
    """``text`` without its control and bidi characters."""
    return _UNWANTED.sub("", text) if _UNWANTED.search(text) else text


def describe(char: str) -> str:
    """``ESC (U+001B)``, ``a bidi control (U+202E)``, ``a C1 control (U+0085)``."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{_NAMES[char]} ({code})"
    if char in BIDI_CONTROLS:
        return f"a bidi control ({code})"
    return f"a {'C1' if ord(char) >= 0x80 else 'C0'} control ({code})"
