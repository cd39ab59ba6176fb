"""Make text from a postmortem safe to echo in findings, logs and CI annotations.

A hostile file must not forge CI log lines or annotations: control characters (newlines,
ANSI escapes), bidi overrides and other invisible format characters are shown as escapes,
and long values are truncated.
"""

from __future__ import annotations

import unicodedata

_DEFAULT_LIMIT = 80


def _visible(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co") and char != " ":
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def safe_excerpt(text: str, limit: int = _DEFAULT_LIMIT) -> str:
    """Truncate ``text`` to ``limit`` characters and escape anything invisible or controlling."""
    text = str(text)
    truncated = len(text) > limit
    if truncated:
        text = text[: max(limit - 1, 1)]
    shown = "".join(_visible(char) for char in text)
    return shown + ("…" if truncated else "")


def safe_message(text: str, limit: int = 500) -> str:
    """A whole finding message: same escaping, a longer limit."""
    return safe_excerpt(text, limit)
