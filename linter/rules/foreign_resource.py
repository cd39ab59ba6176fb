r"""An image or other resource the published page would load from another host.

## What it does
Reports images and other resources (`![chart](…)`, reference images, and in raw HTML `src`,
`srcset`, `poster`, `background`, `data`, `href` on anything but a link, CSS `url(…)`) whose
URL a browser reads as another host — however it is written: `//host`, `/\host`, `\/host`,
`\\host`, with tabs, line breaks or entities in the slashes (`/&#9;/host`), `https:host`,
`user@host`, hosts in percent escapes, IPv4 in hex or as one number. URLs are read as
browsers read them (WHATWG URL parsing, `linter/urls.py`), the same code the site's sanitizer
uses. Hosts listed in `resource-hosts` in the configuration are allowed. Links (`[text](…)`,
`<a href>`) to other hosts are links, not resources: never reported. Code spans, code blocks
and HTML comments (as browsers end them) are ignored.

## Why is this bad?
A reader's browser fetches an image as soon as the page opens: its server learns who read
which postmortem, when and from where (address, referrer), and whoever controls it can change
what readers see after the review. Internal incident pages must load nothing an author chose
from elsewhere. The site removes such images anyway; this rule says so at review time.

## Example
```markdown
![checkout errors](/\charts.example.net/checkout.png)
```

## Use instead
```markdown
![checkout errors](images/checkout-errors.png)

The [live dashboard](https://grafana.example.com/d/checkout) shows the same curve.
```
"""

from __future__ import annotations

import bisect
import re

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll

from linter.html_comments import without_comments
from linter.rules._inline import inline_children, without_line_breaks
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt
from linter.urls import resource_problem, srcset_urls

# An image or link opener, a destination's '](' (spaces and '<' may come first), or a ']'.
_IMAGE_SYNTAX = re.compile(r"!\[|\[|\]\([ ]*<?((?:\\.|[^\s)>\"'\\])*\\?)|\]")
_ATTRIBUTE = re.compile(
    r"(?<![\w-])(src|srcset|poster|background|data|lowsrc|dynsrc|href|xlink:href|style)\s*=\s*"
    r"(\"[^\"]*\"|'[^']*'|[^\s>\"']+)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(\"[^\"]*\"|'[^']*'|[^\s)\"']+)", re.IGNORECASE)
# A tag as a browser reads it: a '>' inside a quoted attribute value does not end it.
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">]|[\"'])*)>?")
_LINK_TAGS = frozenset({"a", "area"})  # their href is a link a reader may follow, not a resource
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)")
_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: any ASCII punctuation
# Python-Markdown (the site) escapes fewer: markdown.Markdown.ESCAPED_CHARS, '|' of the tables
# extension. A '\/' stays as written, which a browser reads as '//'.
_PYTHON_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
# What markdown-it percent-encodes that a browser would see as written (backslash, whitespace).
_ENCODED_BY_PARSER = re.compile(r"%(5[Cc]|09|0[AaDd]|20)")


def may_hold_resource(text: str) -> bool:
    """False when ``text`` can hold no image or raw HTML at all (most postmortems)."""
    return "![" in text or "<" in text


def _problem(url: str, allowed: frozenset[str], markdown: bool) -> str | None:
    """Why ``url`` loads from a host not allowed. Raw HTML reaches the page as written. A
    Markdown destination reaches it with Python-Markdown's backslash escapes applied; judged
    with CommonMark's too (markdown-it's reading), whichever names a host."""
    if not markdown or "\\" not in url:
        return resource_problem(url, allowed)
    return (resource_problem(_PYTHON_MARKDOWN_ESCAPE.sub(r"\1", url), allowed)
            or resource_problem(_ESCAPE.sub(r"\1", url), allowed))


def mask_code_spans(text: str) -> str:
    """``text`` with the content of its code spans blanked (CommonMark: a run of backticks
    closes at the next run of the same length; an escaped backtick opens nothing)."""
    if "`" not in text:
        return text
    runs = []
    for match in _BACKTICKS.finditer(text):
        start = match.start()
        if start > 0 and text[start - 1] == "\\":
            start += 1  # a backslash-escaped backtick is literal
        if start < match.end():
            runs.append((start, match.end()))
    following: list[int | None] = [None] * len(runs)  # the next run of the same length
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last_of_length.get(length)
        last_of_length[length] = index
    chars = list(text)
    index = 0
    while index < len(runs):
        opener, closer = runs[index], following[index]
        if closer is None:
            index += 1
            continue
        for position in range(opener[1], runs[closer][0]):
            if chars[position] != "\n":
                chars[position] = " "
        index = closer + 1
    return "".join(chars)


def _html_urls(text: str):
    """``(index, url)`` of resource URLs in the tags of raw HTML ``text`` (comments already
    removed), and in ``<style>`` elements."""
    for tag in _TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        for match in _ATTRIBUTE.finditer(attributes):
            attribute, value = match.group(1).lower(), match.group(2).strip("\"'")
            where = tag.start(2) + match.start(2)
            if attribute == "style":
                for url in _CSS_URL.finditer(value):
                    yield where, url.group(1).strip("\"'")
            elif attribute == "srcset":
                for url in srcset_urls(value):
                    yield where, url
            elif attribute != "href" or name not in _LINK_TAGS:
                yield where, value
        if name == "style":
            closing = text.lower().find("</style", tag.end())
            for url in _CSS_URL.finditer(text, tag.end(), closing if closing >= 0 else len(text)):
                yield url.start(1), url.group(1).strip("\"'")


def _markdown_images(text: str):
    """``(index, url)`` of image destinations (``![alt](url``) in raw inline Markdown: a ``]``
    closes the innermost open bracket, an image's when that was ``![`` (one pass, in order)."""
    openers: list[bool] = []  # True: an image's '!['
    for match in _IMAGE_SYNTAX.finditer(text):
        syntax = match.group(0)
        if syntax[0] != "]":
            openers.append(syntax == "![")
        elif openers and openers.pop() and match.group(1) is not None:
            yield match.start(1), match.group(1)


def _inline_sources(document):
    """``(line, url)`` from the raw source of every inline token: images as Python-Markdown
    reads them (markdown-it drops the backslash of ``\\/``), and inline HTML."""
    for parent in document.all_inline_tokens():
        content = parent.content
        if not may_hold_resource(content) or not parent.map:
            continue
        live = without_comments(mask_code_spans(content), keep_lines=True)
        visible, breaks = without_line_breaks(live)
        line = parent.map[0] + 1
        for index, url in _markdown_images(visible):
            yield line + bisect.bisect_right(breaks, index), url, True
        for index, url in _html_urls(visible):
            yield line + bisect.bisect_right(breaks, index), url, False


def _html_blocks(document):
    for token in document.tokens:
        if token.type == "html_block" and token.map and "<" in token.content:
            live = without_comments(token.content, keep_lines=True)
            for index, url in _html_urls(live):
                yield token.map[0] + 1 + live.count("\n", 0, index), url, False


def _parsed_images(document):
    """``(line, src, url)`` of the images markdown-it parsed (``src`` as it reads it), reference
    images resolved: an image whose destination is a reference definition is judged by the
    definition as written, on the definition's line."""
    images = [(child.line, str(child.token.attrGet("src") or "")) for child in inline_children(document)
              if child.token.type == "image"]
    if not images:
        return
    written: dict[str, tuple[int, str]] = {}
    for line, definition in _reference_definitions(document):
        written.setdefault(normalizeLink(unescapeAll(definition)), (line, definition))
    for line, src in images:
        line, url = written.get(src, (line, _ENCODED_BY_PARSER.sub(lambda m: chr(int(m.group(1), 16)), src)))
        yield line, src, url


def _reference_definitions(document):
    """``(line, destination)`` of reference definitions: they leave no token, so they are the
    lines no block token covers."""
    covered = set()
    for token in document.tokens:
        if token.map and token.level == 0:
            covered.update(range(token.map[0], token.map[1]))
    first = document.body_start_line - 1
    for offset, text in enumerate(document.body_text.split("\n")):
        if "]:" in text and first + offset not in covered:
            match = _REFERENCE.match(text)
            if match:
                yield first + offset + 1, match.group(1)


def check(document, context):
    if not may_hold_resource(document.body_text):
        return
    allowed = context.config.resource_hosts
    sources = [*_inline_sources(document), *_html_blocks(document)]
    found = [(line, url, _problem(url, allowed, markdown)) for line, url, markdown in sources]
    # markdown-it's images repeat what the source scan found (as markdown-it reads the same
    # destination), unless it read them otherwise: a reference image, a destination the source
    # scan does not recognise.
    seen = {(line, problem) for line, _url, problem in found}
    seen |= {(line, normalizeLink(unescapeAll(url))) for line, url, markdown in sources if markdown}
    found += [(line, url, problem) for line, src, url in _parsed_images(document)
              if (line, src) not in seen
              for problem in (_problem(url, allowed, markdown=True),) if (line, problem) not in seen]
    for line, url, problem in sorted(found, key=lambda item: item[0]):
        if problem is None:
            continue
        yield Violation(line, document.column_of(line, url[:8]),
                        f"an image or resource from another host: '{safe_excerpt(url, 60)}' ({problem}); "
                        f"keep the file in the repository and link it relatively, or allow the host in 'resource-hosts'")


RULE = define(__doc__, "PM809", "foreign-resource", "error", check, suppressible=False, blocks_publication=True)
