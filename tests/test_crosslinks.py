"""Links between postmortems' files become links between their pages."""

from __future__ import annotations

import os

from site_config.crosslinks import rewrite

FOLDER = os.path.abspath("postmortems/2026")
PAGES = {os.path.join(os.path.abspath("postmortems/2025"), "2025-01-12-cache.md"): "../pm-2025-001/"}


def test_relative_links_to_postmortem_files_point_at_their_pages():
    html = ('<p><a href="../2025/2025-01-12-cache.md#timeline">PM-2025-001</a>, '
            '<a href="../2025/nope.md">gone</a>, <a href="https://example.com/x.md">elsewhere</a>, '
            '<a href="/abs.md">abs</a></p>')
    out, missing = rewrite(html, os.path.join(FOLDER, "2026-02-01-a.md"), PAGES.get)
    assert '<a href="../pm-2025-001/#timeline">PM-2025-001</a>' in out
    assert missing == ["../2025/nope.md"]
    assert 'href="https://example.com/x.md"' in out and 'href="/abs.md"' in out


def test_html_without_md_links_is_returned_as_is():
    html = '<p><a href="../pm-2025-001/">x</a></p>'
    assert rewrite(html, "a.md", PAGES.get) == (html, [])
