"""Shared by the safety rules: recognise HTML tags the way the lenient engine does.

markdown-it reads raw HTML by the CommonMark grammar; Python-Markdown (the site) passes
through anything that looks like ``<name ...>``, valid or not: ``<a/onclick=alert(1)>`` is
text to markdown-it and a live element in the published page. So the rules look for tags in
HTML tokens *and* in the plain text markdown-it left behind, with Python-Markdown's pattern.
"""

from __future__ import annotations

import html
import re
from typing import Iterator

from linter.html_comments import OPENER, comment_at, comments

# Python-Markdown's inline HTML pattern (markdown.inlinepatterns.HTML_RE), and comments.
TAG_LIKE = re.compile(r"<(?:/?[a-zA-Z][^<>@ ]*(?: [^<>]*)?|!--(?:(?!<!--|-->).)*--)>", re.DOTALL)
# Inside an HTML block everything is raw: any '<' that opens a tag or declaration (comments
# are found by linter.html_comments, as the browser's tokenizer finds them).
_RAW_TAG = re.compile(r"<[/!?]?[A-Za-z][^<>]*>?")

# What a postmortem may use: line breaks, super/subscript, keys, collapsible blocks, comments.
ALLOWED_TAGS = frozenset({"br", "sup", "sub", "kbd", "details", "summary"})
_SIMPLE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(\s[^<>]*?)?\s*(/?)>\Z")


def raw_tags(text: str) -> Iterator[tuple[int, str]]:
    """``(index, text)`` of every comment and tag in raw HTML (an HTML block, an inline HTML
    token), comments as the browser's tokenizer ends them: ``<!--> <img>`` is a comment, then
    a live ``<img>``."""
    position = 0
    for comment in comments(text) if OPENER in text else ():
        for match in _RAW_TAG.finditer(text, position, comment.start):
            yield match.start(), match.group(0)
        yield comment.start, text[comment.start:comment.end]
        position = comment.end
    for match in _RAW_TAG.finditer(text, position):
        yield match.start(), match.group(0)


def tag_problem(tag: str) -> str | None:
    """Why a tag (``<...>`` text) is not allowed, or None when it is on the allow-list."""
    if tag.startswith(OPENER):
        comment = comment_at(tag, 0)
        if not comment.closed:
            return "an HTML comment that is never closed"
        if comment.early_end or comment.end != len(tag) or OPENER in tag[len(OPENER):]:
            return ("an HTML comment that ends before it seems to ('<!-->', '<!--->' and '--!>' end it; "
                    "comments do not nest)")
        return None
    match = _SIMPLE_TAG.match(tag)
    if not match:
        return "raw HTML"
    closing, name, attributes, self_closing = match.groups()
    name = name.lower()
    if name not in ALLOWED_TAGS:
        return f"raw HTML <{'/' if closing else ''}{name}>"
    attributes = (attributes or "").strip()
    if not attributes:
        return None
    if name == "details" and not closing and attributes.lower() == "open":
        return None
    return f"attributes on <{name}>"


def decoded(text: str) -> str:
    """Text as a browser reads an attribute: entities decoded (``&#58;`` is ':')."""
    return html.unescape(text)
