"""Links from one postmortem's body to another's file, turned into links to its page.

Authors link related postmortems by relative path (``[PM-2025-001](../2025/2025-01-12-cache.md)``),
which works in their editor and on the git host. On the site the postmortems live at other
addresses (``incidents/pm-2025-001/``), so such a link is rewritten to the page of the
postmortem it names; a link to a ``.md`` file that is no published postmortem is reported
(the linter reports it first: PM703, which resolves links with the same function,
``linter.api.resolve_link``).
"""

from __future__ import annotations

import re
from typing import Callable

from linter.api import resolve_link

# nh3 writes every attribute double-quoted, so this sees every href of a sanitized body.
_MD_HREF = re.compile(r'href="([^"#?]+\.md)(#[^"]*)?"')


def rewrite(html: str, source: str, page_of: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """``html`` with relative ``.md`` links resolved against ``source`` (a file path) and
    replaced by ``page_of(absolute path)``; and the targets that are no postmortem's file."""
    if ".md" not in html:
        return html, []
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        path = resolve_link(source, target.replace("&amp;", "&"))  # the linter's PM703 resolves alike
        if path is None:
            return match.group(0)
        href = page_of(path)
        if href is None:
            missing.append(target)
            return match.group(0)
        return f'href="{href}{anchor}"'

    return _MD_HREF.sub(replace, html), missing
