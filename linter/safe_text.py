"""Make text from a postmortem safe to echo in findings, logs and CI annotations.

A hostile file must not forge CI log lines or annotations: control characters (newlines,
ANSI escapes), bidi overrides and other invisible format characters are shown as escapes,
and long values are truncated.
"""

from __future__ import annotations

import re
import unicodedata

_DEFAULT_LIMIT = 80
# Unicode categories a reader cannot see or that steer the display: controls, format characters
# (bidi overrides, zero-width joiners), line and paragraph separators, surrogates, private use.
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co")
_NON_ASCII = re.compile("[^\\x00-\\x7f]")


def _visible(char: str) -> str:
    category = unicodedata.category(char)
    if category in _HIDDEN_CATEGORIES and char != " ":
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            # A byte that is not UTF-8, as Python holds it in a file name (surrogateescape):
            # shown as the byte it is, as Python's backslashreplace and git do.
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def is_utf8(text: str) -> bool:
    """False for text holding lone surrogates: a file name whose bytes are not UTF-8 (git
    commits any bytes), which no UTF-8 page, log or JSON file can carry."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def readable_path(path: str) -> str:
    """A path as text any UTF-8 reader accepts: bytes that are not UTF-8 shown as ``\\xNN``
    (JSON output: a lone surrogate escape is refused by strict JSON parsers)."""
    if is_utf8(path):
        return path
    return "".join(_visible(char) if 0xDC80 <= ord(char) <= 0xDCFF else char for char in path)


def safe_excerpt(text: str, limit: int = _DEFAULT_LIMIT) -> str:
    """Truncate ``text`` to ``limit`` characters and escape anything invisible or controlling."""
    text = str(text)
    truncated = len(text) > limit
    if truncated:
        text = text[: max(limit - 1, 1)]
    if text.isprintable():
        # Nothing to escape: every hidden category (Cc, Cf, Zl, Zp, Cs, Co) is unprintable to
        # Python, so only text that fails this (or holds a non-ASCII space) is read char by char.
        shown = text
    else:
        shown = "".join(_visible(char) for char in text)
    return shown + ("…" if truncated else "")


def safe_message(text: str, limit: int = 500) -> str:
    """A whole finding message: same escaping, a longer limit."""
    return safe_excerpt(text, limit)


def json_text(payload, indent: int | None = 2) -> str:
    """JSON with non-ASCII text kept readable, but every invisible or controlling character
    (bidi overrides, line separators, C1 controls, …) written as a ``\\uXXXX`` escape: the
    same data to a parser, nothing hidden for a reader of the raw file."""
    import json

    text = json.dumps(payload, indent=indent, ensure_ascii=False)
    if text.isascii():
        return text
    # Only non-ASCII characters can still be hidden (json.dumps escaped the controls in strings).
    return _NON_ASCII.sub(lambda match: f"\\u{ord(match.group()):04x}" if _is_hidden(match.group()) else match.group(), text)


def _is_hidden(char: str) -> bool:
    # Below 0x20 json.dumps has escaped what is in strings (what is left is the layout's newlines);
    # characters outside the BMP would need a surrogate pair and are none of these categories.
    return 0x20 <= ord(char) < 0x10000 and unicodedata.category(char) in _HIDDEN_CATEGORIES
