"""Links from a postmortem's body to another Markdown file, resolved as the site resolves them.

The site (``site_config.crosslinks``) turns a relative link to a ``.md`` file into a link to
the page of the postmortem in that file, and fails ``mkdocs build --strict`` when the file is
no published postmortem. The linter reads the same links here (PM703), with the same
resolution (``resolve``, shared with the site), so that the gate reports what the build
would stop on.

Both Markdown engines' links count: the links markdown-it reads, and a ``[text](dest.md)``
it leaves as text because the destination holds a space, which Python-Markdown (the site)
still renders as a link.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# What the site rewrites: an href ending in '.md' before an optional '#anchor', no query.
_MD_TARGET = re.compile(r"([^\"#?]+\.md)(#.*)?\Z", re.DOTALL)
# A link markdown-it refused but Python-Markdown renders: `](` then a destination with a space.
_REFUSED_LINK = re.compile(r"\]\(\s*([^()<>\"\n]*\s[^()<>\"\n]*?\.md)(#[^()\s\"]*)?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")


class MdLink(NamedTuple):
    target: str  # the absolute, normalized path the link leads to
    line: int
    column: int
    written: str  # the destination as the reader sees it (percent escapes decoded)


def resolve(source: str, href: str) -> str | None:
    """The file a relative ``.md`` link in ``source`` (a file path) leads to, as an absolute
    normalized path; None for any other link (a URL, an absolute path, another file type)."""
    match = _MD_TARGET.match(href)
    if match is None:
        return None
    target = match.group(1)
    if urlsplit(target).scheme or target.startswith(("/", "//")):
        return None
    folder = os.path.dirname(os.path.abspath(source))
    return os.path.normpath(os.path.join(folder, unquote(target)))


def md_links(document) -> tuple[MdLink, ...]:
    """Every relative link to a ``.md`` file in the body, in file order."""
    if not document.tokens or ".md" not in document.body_text:
        return ()  # most postmortems link no other file: no walk over their tokens
    from linter.rules._inline import inline_children, text_runs

    found: list[MdLink] = []
    for child in inline_children(document):
        if child.token.type == "link_open":
            href = str(child.token.attrGet("href") or "")
            target = resolve(document.path, href)
            if target is not None:
                written = unquote(href)
                column = document.column_of(child.line, "(" + written.split("#", 1)[0], 0) or document.column_of(child.line, "[")
                found.append(MdLink(target, child.line, column, written))
    for _parent, line, text in text_runs(document):
        if "](" not in text:
            continue
        for match in _REFUSED_LINK.finditer(text):
            target = resolve(document.path, match.group(1).strip())
            if target is not None:
                at = line + text.count("\n", 0, match.start())
                found.append(MdLink(target, at, document.column_of(at, "](" + match.group(1)), match.group(1).strip()))
    found.sort(key=lambda link: (link.line, link.column))
    return tuple(found)
