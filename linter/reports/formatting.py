"""Putting values into Markdown safely and readably: escaping, durations, shares, links.

Titles, owners, services and action texts come from pull requests: untrusted. ``text()``
makes any of them inert inline Markdown — one line, HTML special characters as entities (no
raw HTML, no autolinks), Markdown punctuation backslash-escaped (no links, images, emphasis,
code or table cells), and control and invisible format characters dropped — so what a
reader sees is exactly the characters written, on the terminal and on the site.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# Characters Python-Markdown (with its tables extension) and CommonMark accept as
# backslash escapes and that could otherwise start inline markup.
_INLINE = re.compile(r"([\\`*_\[\]{}()!|])")
_BLOCK_START = re.compile(r"^([#>+\-=~:]|\d+[.)])")
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/\-]*)?(?:\?[A-Za-z0-9._~!$&'()*+,;=:@%/?\-]*)?(?:#[A-Za-z0-9._~!$&'()*+,;=:@%/?\-]*)?")


def _visible(char: str) -> str:
    if char in "\t\n\r\v\f":
        return " "
    return "" if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else char


def plain(value: object, limit: int = 300) -> str:
    """One line of visible characters, whitespace collapsed, at most ``limit`` characters."""
    text = str(value)
    if not text.isprintable():  # the rare slow path: controls, format characters, odd spaces
        text = "".join(_visible(char) for char in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escaped(visible: str) -> str:
    shown = _INLINE.sub(r"\\\1", visible)
    return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _no_block_start(shown: str) -> str:
    match = _BLOCK_START.match(shown)
    if match:  # "# x" or "1. x" at the start of a list item or cell would become a heading or a list
        first = match.group(1)
        shown = (f"{first[:-1]}\\{first[-1]}" if first[0].isdigit() else f"&#{ord(first)};") + shown[len(first):]
    return shown


def text(value: object, limit: int = 300) -> str:
    """Any untrusted value as inert inline Markdown (see the module docstring)."""
    return _no_block_start(_escaped(plain(value, limit)))


_CODE_SPAN = re.compile(r"`([^`|\\]+)`")  # no pipe (a table cell) and no backslash inside


def prose(value: object, limit: int = 300) -> str:
    """Like ``text()``, but the value's code spans stay code spans (`percent_off`, not \\`percent\\_off\\`).

    A code span's content is literal to every Markdown renderer (no markup, HTML escaped), so
    it is safe as written; a span holding a pipe or a backslash is escaped like the rest.
    """
    shown = plain(value, limit)
    if shown.endswith("…") and shown.count("`") % 2:  # the cut fell inside a code span: end before it
        shown = shown[:shown.rindex("`")].rstrip() + "…"
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(shown):
        parts.append(_escaped(shown[last:match.start()]))
        parts.append(f"`{match[1]}`")
        last = match.end()
    parts.append(_escaped(shown[last:]))
    return _no_block_start("".join(parts))


_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@+\-]*")


def code(value: object) -> str:
    """A slug-like label (category, factor, service) as a code span; anything else as ``text()``."""
    shown = plain(value, 120)
    return f"`{shown}`" if _LABEL.fullmatch(shown) else text(shown)


def link(label: str, target: str | None) -> str:
    """``[label](target)`` with the label escaped and the target percent-quoted; the label alone without one."""
    if not target:
        return label
    return f"[{label}]({quote(target, safe='/#?=&.-_~%:')})"


_TICKET_KEY = re.compile(r"[A-Z][A-Z0-9]{1,9}-\d{1,9}")


def ticket_url(value: str, template: str | None) -> str | None:
    """The tracker URL of a ticket key (``OPS-2575``) through the configured ``{}`` template."""
    candidate = plain(value, 40)
    if not template or not _TICKET_KEY.fullmatch(candidate):
        return None
    return template.replace("{}", candidate)


def link_target(value: str, template: str | None = None) -> str | None:
    """Where a link cell (``PR #2312``, ``OPS-2575``, a URL) leads: the cell itself when it is a
    plain http(s) URL, a ticket key's tracker URL through the ``ticket-url`` template, else None."""
    candidate = plain(value, 500)
    if _SAFE_URL.fullmatch(candidate):
        return candidate
    return ticket_url(candidate, template)


def external_link(value: str, template: str | None = None) -> str:
    """A link cell as Markdown: a link where ``link_target`` finds one, the text otherwise."""
    candidate = plain(value, 500)
    target = link_target(candidate, template)
    if target == candidate:
        return f"<{candidate.replace('>', '%3E')}>" if "<" not in candidate else text(candidate)
    if target is not None:
        return link(text(candidate), target)
    return text(value)


def duration(minutes: float | None, unknown: str = "–") -> str:
    """``44 min``, ``2 h 5 min``, ``3 d 4 h``; ``unknown`` when unknown."""
    if minutes is None:
        return unknown
    total = int(round(abs(minutes)))
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    if total < 60:
        shown = f"{total} min"
    elif total < 2 * 1440:
        shown = f"{days * 24 + hours} h" + (f" {mins} min" if mins else "")
    else:
        shown = f"{days} d" + (f" {hours} h" if hours else "")
    return ("−" if minutes < 0 else "") + shown


def share(part: int, whole: int, noun: str = "") -> str:
    """``2 of 3 (67%)``, or with a noun ``2 of 3 incidents (67%)``."""
    if not whole:
        return "–"
    return f"{part} of {whole}{' ' + noun if noun else ''} ({round(100 * part / whole)}%)"


def count(number: int, noun: str) -> str:
    """``1 incident``, ``2 incidents``."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def table(headers: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; cells must already be escaped. ``align``: one of l/r per column."""
    if not rows:
        return ""
    marks = [("---:" if align[index:index + 1] == "r" else "---") for index in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
