"""Make HTML rendered from an untrusted postmortem inert: an allow-list sanitizer (nh3, ammonia).

Python-Markdown passes raw HTML, ``javascript:`` links and attr_list attributes such as
``{onclick=…}`` straight through, so every rendered body is cleaned here before it reaches a
page. nh3 parses the HTML like a browser does, so entity-obfuscated schemes
(``&#106;avascript:``) are decoded before the scheme check.

What survives is what the Markdown extensions of the site produce: text markup, headings,
lists, tables (with ``text-align`` only), code with highlighting classes, admonitions,
details and task-list checkboxes. Dropped besides scripts and handlers: styles, forms, frames,
SVG, images from other hosts, classes that would imitate the theme's or the site's own UI
(``md-*``, ``pm-*``), the line-numbers class anywhere but on a ``div`` of that class alone (it
breaks Material's search parser) and ids that could clobber the theme's (``__*``).

The resource policy (docs/security.md): an image's URL is read as a browser reads it
(``linter.urls``, the code PM809 uses: ``/\\host`` and ``/&#9;/host`` are another host) and
kept only when it stays on the site or names a host of ``resource-hosts``. HTML comments are
removed first, as ``linter.html_comments`` ends them (the linter's own reading), before nh3
parses the rest: what the linter skipped as commented out is never on the page.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

from linter.api import resource_problem, without_comments

_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "em", "strong", "b", "i", "u", "s",
    "del", "ins", "mark", "sub", "sup", "small", "code", "kbd", "samp", "var", "pre", "blockquote",
    "q", "abbr", "dfn", "cite", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "details", "summary", "div", "span",
    "img", "figure", "figcaption", "input", "label", "time", "wbr",
}
_DROPPED_WITH_CONTENT = {
    "script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select",
    "svg", "math", "frameset", "noembed", "xmp",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "ol": {"start", "type"},
    "li": {"value"},
    "input": {"type", "checked", "disabled"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": set(),
}
_SCHEMES = {"http", "https", "mailto"}
_CLASS_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}\Z")
_RESERVED_CLASS = ("md-", "pm-")
# Material's search parser skips what this class marks (Pygments' line numbers: a div of that one
# class). Elsewhere it can make the parser raise, as it matches elements by tag name: on a list
# item holding a list (attr_list writes it), on an admonition holding one (its type is a class).
LINE_NUMBERS_CLASS = "linenodiv"


def _filter_attribute(tag: str, attribute: str, value: str, resource_hosts: frozenset[str] = frozenset()) -> str | None:
    if attribute == "class":
        tokens = [token for token in value.split()
                  if _CLASS_TOKEN.match(token) and not token.startswith(_RESERVED_CLASS)
                  and (token != LINE_NUMBERS_CLASS or (tag == "div" and value.split() == [token]))]
        return " ".join(tokens) or None
    if attribute == "id":
        return None if value.startswith("__") or value.startswith(_RESERVED_CLASS) else value
    if tag == "img" and attribute == "src" and resource_problem(value, resource_hosts, decode_entities=False):
        return None  # nh3 hands the value entity-decoded; the page loads nothing from a host not allowed
    if tag == "input":
        if attribute == "type":
            return value if value == "checkbox" else None
        if attribute in ("checked", "disabled"):
            return attribute
    return value


@lru_cache(maxsize=8)
def _cleaner(resource_hosts: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=lambda tag, attribute, value: _filter_attribute(tag, attribute, value, resource_hosts),
        url_schemes=_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"input": {"disabled": "disabled"}},
    )


_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=_DROPPED_WITH_CONTENT, attributes={})


def clean_html(html: str, resource_hosts: frozenset[str] = frozenset()) -> str:
    """Sanitize rendered Markdown: only the allow-listed tags, attributes and URL schemes remain,
    images only from the site or from ``resource_hosts`` (canonical hosts, ``Config.resource_hosts``)."""
    return _cleaner(frozenset(resource_hosts)).clean(without_comments(html))


def clean_inline_text(html: str) -> str:
    """An HTML-safe text with every tag removed (for TOC entries and titles derived from HTML)."""
    return _TEXT_ONLY.clean(without_comments(html))
