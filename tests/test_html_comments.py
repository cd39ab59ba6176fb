"""HTML comments: the linter, the sanitizer and a browser's tokenizer end them at the same place.

``linter.html_comments`` is the one reading of comments: PM801 and PM809 skip what it calls a
comment, the sanitizer removes the same spans before nh3 parses the page. Here every case of
the table is checked three ways: against html5ever (nh3's parser, which follows the HTML
spec's tokenizer as browsers do), and the linter's view of which tags are live against what
the sanitizer keeps.
"""

from __future__ import annotations

import nh3
import pytest

from conftest import clean_text
from linter.config import Config
from linter.document import parse_text
from linter.engine import Linter
from linter.html_comments import comments, only_comments, without_comments
from linter.rules._html import raw_tags
from site_config.sanitize import clean_html

LIVE = "<kbd>live</kbd>"
# (case, how many LIVE markers a browser shows)
CASES = [
    ("<!-- hidden " + LIVE + " -->", 0),
    ("<!-->" + LIVE + " -->", 1),  # '<!-->' is a whole comment
    ("<!--->" + LIVE + " -->", 1),  # and so is '<!--->'
    ("<!---->" + LIVE, 1),
    ("<!-- a --!>" + LIVE + " -->", 1),  # '--!>' ends a comment too
    ("<!-- <!-- -->" + LIVE + " -->", 1),  # comments do not nest: the first '-->' ends it
    ("<!-- <!-- " + LIVE + " --> after", 0),
    ("<!--<!-->-->" + LIVE, 1),  # '<!-->' inside: its '-->' ends the outer comment
    ("<!-- never closed " + LIVE, 0),  # to the end of the input
    ("<!-- a -- b --> " + LIVE, 1),
    ("<!-- a --!-> " + LIVE + " -->", 0),  # '--!->' ends nothing
    ("<!-- a ---> " + LIVE, 1),
    ("<!-- a --!--> " + LIVE, 1),
    ("<!---!> " + LIVE + " -->", 0),
    ("<!-- a -- > " + LIVE + " -->", 0),
    ("<!--", 0),
    ("<!---", 0),
    (LIVE + "<!-- one -->" + LIVE + "<!-- two -->" + LIVE, 3),
    ("<!-- one --!>" + LIVE + "<!-->" + LIVE + "<!-- three", 2),
]


def _live_in_browser(html: str) -> int:
    return nh3.clean(html, tags={"kbd"}, attributes={}).count("<kbd>")


@pytest.mark.parametrize("case, live", CASES)
def test_comments_end_where_the_html_tokenizer_ends_them(case, live):
    assert _live_in_browser(case) == live, "the table is wrong about the browser"
    # Removing our comments leaves exactly what the browser's tokenizer leaves.
    assert nh3.clean(without_comments(case), tags={"kbd"}, attributes={}, strip_comments=False) == \
        nh3.clean(case, tags={"kbd"}, attributes={})


@pytest.mark.parametrize("case, live", CASES)
def test_the_linter_and_the_sanitizer_see_the_same_live_tags(case, live):
    linter_live = [tag for _start, tag in raw_tags(case) if tag == "<kbd>"]
    assert len(linter_live) == live
    assert clean_html(case).count("<kbd>") == live


@pytest.mark.parametrize("case, live", CASES)
def test_pm801_reports_a_tag_a_comment_does_not_hide(case, live):
    """In a postmortem, a live tag is reported, and so is a comment ending earlier than it looks."""
    text = clean_text() + "\n## Lessons learned\n\n" + case.replace(LIVE, "<img src=x.png>") + "\n"
    linter = Linter(Config())
    findings = linter.finish([linter.check_document(parse_text("postmortems/x.md", text))], [])
    messages = [finding.message for finding in findings if finding.code == "PM801"]
    assert sum("raw HTML <img>" in message for message in messages) == live
    early = any(comment.early_end or not comment.closed or "<!--" in case[comment.start + 4:comment.end]
                for comment in comments(case))
    assert any("HTML comment" in message for message in messages) == early


def test_a_section_of_only_comments_is_empty_and_one_with_a_live_tag_is_not():
    assert only_comments("<!-- hint -->\n<!-- another -->\n")
    assert not only_comments("<!--> <img src=x.png> -->")


def test_line_breaks_of_removed_comments_can_be_kept():
    assert without_comments("a<!-- x\ny\n-->b", keep_lines=True) == "a\n\nb"
