"""The linter reads the site's version of a body: fences, raw HTML blocks, headings, tables.

Unit tests of ``linter.site_view``, ``linter.raw_blocks`` and ``linter.engine_differences``
through ``parse_text`` and the rules (the differential test checks the same against
Python-Markdown itself; these pin each decision with its line numbers).
"""

from __future__ import annotations

import pytest

from conftest import clean_text
from linter.config import Config
from linter.document import parse_text
from linter.engine import Linter
from site_config.corpus import body_markdown

LINT = Linter(Config())
START = len(clean_text().splitlines()) + 4  # the first line of ``extra`` in ``findings``


def findings(extra: str) -> list[tuple[str, int]]:
    """``(code, line in extra)`` of every finding of the clean postmortem with an appendix of ``extra``."""
    document = parse_text("postmortems/2026-04-07-checkout.md", clean_text() + "\n## Appendix\n\n" + extra)
    return sorted((finding.code, finding.line - START) for finding in LINT.finish([LINT.check_document(document)], []))


@pytest.mark.parametrize("inside", [
    '`<img src="https://tracker.example/pixel.png">`',  # a code span to markdown-it
    '    <a href="https://phishing.example/login">the runbook</a>',  # an indented code block to markdown-it
])
def test_what_is_code_to_the_linter_inside_details_is_checked_as_the_html_the_site_passes(inside):
    found = findings(f"<details>\n<summary>Payload</summary>\n\n{inside}\n\n</details>\n")
    assert ("PM801", 3) in found and ("PM807", 3) in found


def test_a_script_url_in_a_code_span_inside_details_is_found():
    found = findings('<details>\n<summary>Payload</summary>\n\n`<a href="javascript:alert(1)">x</a>`\n\n</details>\n')
    assert ("PM802", 3) in found


def test_fenced_code_inside_details_stays_code_as_on_the_site():
    found = findings("<details>\n<summary>Payload</summary>\n\n```html\n<script>alert(1)</script>\n```\n\n</details>\n")
    assert not [code for code, _ in found if code.startswith("PM8")]


def test_plain_text_in_details_is_fine():
    assert findings("The alert:\n\n<details>\n<summary>Why late</summary>\nThe window was five minutes.\n</details>\n") == []


def test_the_region_ends_at_the_tag_that_closes_it_nested_ones_included():
    found = findings("<details>\n<summary>Outer</summary>\n<details>\n<summary>Inner</summary>\n</details>\n\n"
                     "`<img src=x>`\n\n</details>\n\nAfter: `<img src=y>` is a code span again.\n")
    assert ("PM801", 6) in found and not [line for code, line in found if code == "PM801" and line > 8]


def test_behind_an_unclosed_fence_every_rule_reads_the_site_s_markdown():
    found = findings("```text\npayload\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    assert ("PM806", 0) in found and ("PM801", 3) in found and ("PM802", 5) in found


def test_fences_both_engines_read_alike_are_no_finding():
    extra = ("```text\na\n```\n\n~~~json\n{}\n~~~\n\n- item:\n\n    ```sql\n    SELECT 1;\n    ```\n\n"
             "````markdown\n```text\nnested\n```\n````\n\n> ```text\n> quoted\n>\n> fence\n> ```\n")
    assert findings(extra) == []


def test_the_site_is_given_the_heading_and_table_the_linter_read():
    text = clean_text().replace("## Impact\n", "  ## Impact\n").replace(
        "212 support tickets.\n", "212 support tickets.\n\nOrders by region:\n| Region | Failed |\n|---|---|\n| EU | 640 |\n")
    document = parse_text("postmortems/2026-04-07-checkout.md", text)
    assert document.section("Impact") is not None
    body = body_markdown(document)
    assert "\n## Impact\n" in body and "Orders by region:\n\n| Region | Failed |" in body
    assert [finding.code for finding in LINT.finish([LINT.check_document(document)], [])] == []


@pytest.mark.parametrize("block", [
    '!!! note "Alert"\n\n    <script>alert(1)</script>\n\n    [runbook](javascript:alert(1))\n',
    '??? note "Payload"\n\n    <script>alert(1)</script>\n\n    [runbook](javascript:alert(1))\n',
    '- item\n\n    !!! warning\n\n        <script>alert(1)</script>\n\n        [runbook](javascript:alert(1))\n',
])
def test_admonition_content_is_read_as_the_markdown_the_site_renders(block):
    found = findings(block)
    script = block.count("\n", 0, block.index("<script>"))
    link = block.count("\n", 0, block.index("[runbook]"))
    assert ("PM801", script) in found and ("PM802", link) in found


def test_a_paragraph_line_starting_with_a_hash_stays_text_on_the_site():
    document = parse_text("postmortems/2026-04-07-checkout.md", clean_text().replace(
        "212 support tickets.\n", "212 support tickets.\nSee\n#inc-checkout for the channel.\n"))
    assert "\n\\#inc-checkout for the channel." in body_markdown(document)
