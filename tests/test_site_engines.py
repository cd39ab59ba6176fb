"""The site renders what the gate read (issue 24): hostile bodies behind code fences, pages by
the thousand, control characters, and the constructs the two Markdown engines read apart.

Each build is the real ``mkdocs build`` in a subprocess (helpers of ``test_site_hostile``); a
refused file must fail the build under ``lint: error`` with its name and no traceback, and be
left out under ``lint: warn`` while the rest of the site builds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO

pytest.importorskip("mkdocs")

from test_site_hostile import build, html_pages, postmortem, site_project, unsafe_markup  # noqa: E402
from site_config.search.entries import read_index  # noqa: E402

_FENCE = "Alert payload:\n\n```text\n{\"alert\": \"CheckoutCompletionLow\"}\n\n"
REFUSED = {
    "fence-then-nested-list": postmortem(1, extra=_FENCE + "".join("    " * depth + "- x\n" for depth in range(300))),
    "fence-then-bracket-flood": postmortem(2, extra=_FENCE + "[" * 16_000 + "\n"),
    "admonition-script": postmortem(5, extra='!!! note "Alert"\n\n    <script>alert(1)</script>\n\n    [x](javascript:alert(1))\n'),
    "tag-flood": postmortem(4).replace("tags: [pricing, llm]", "tags: [" + ", ".join(f"sku-{n}" for n in range(4900)) + "]"),
    "fence-then-script": postmortem(3, extra=_FENCE + "<script>alert(1)</script>\n\n<b onclick=alert(1)>x</b>\n\n"
                                                      "[dashboard](javascript:alert(1))\n"),
}


CONTROL_TITLE = "Checkout \u202eerrors\x1b[2J after \x00pricing\x85 update"


def _project(root: Path, lint_mode: str) -> Path:
    site_project(root, lint_mode)
    (root / "postmortems" / "2026-04-07-clean.md").write_text(postmortem(0), encoding="utf-8")
    (root / "postmortems" / "2026-04-07-control-title.md").write_text(postmortem(20, title=CONTROL_TITLE), encoding="utf-8")
    for name, text in REFUSED.items():
        (root / "postmortems" / f"2026-04-07-{name}.md").write_text(text, encoding="utf-8")
    # The site holds PM808's limits even when the configuration switches the rule off.
    (root / ".postmortem.toml").write_text('ignore = ["PM808"]\n', encoding="utf-8")
    return root


def test_what_hides_behind_a_fence_is_refused_by_name_and_the_rest_builds(tmp_path):
    root = _project(tmp_path, "warn")
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in REFUSED:
        code = {"tag-flood": "PM808", "admonition-script": "PM801"}.get(name, "PM806")
        assert f"2026-04-07-{name}.md: not published: {code}" in result.stderr, name
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    published = "\n".join(html_pages(root / "site").values())
    assert "PM-2026-100" in published
    for number in range(1, len(REFUSED) + 1):
        assert f"PM-2026-{100 + number}" not in published
    assert unsafe_markup(root / "site") == []
    assert len(html_pages(root / "site")) < 200  # not one page per tag of the refused file
    assert "2026-04-07-control-title.md:3:8: PM109" in result.stderr  # published (not a safety rule), with the finding
    assert "PM-2026-120" in published and "Checkout errors[2J after pricing update" in published
    index = read_index(root / "site")
    for char in "\u202e\x1b\x00\x85":  # (the findings on the page show them as visible escapes: "\u202e")
        assert char not in published, repr(char)
        assert not [entry["location"] for entry in index["docs"] if char in entry["title"] + entry["text"]], repr(char)


def test_a_body_too_deep_for_python_markdown_is_refused_not_a_traceback():
    from site_config.prerender import Settings, _Renderer

    settings = Settings(("tables", "pymdownx.superfences"), "{}")
    rendered = _Renderer(settings).render("".join("    " * depth + "- x\n" for depth in range(300)))
    assert rendered.error and "RecursionError" in rendered.error
    assert "<p>" in _Renderer(settings).render("fine\n").html


def test_the_page_limits_are_the_rule_s_options_for_the_linter_and_the_site(tmp_path, lint):
    from linter.config import load_config
    from linter.document import parse_text
    from site_config.corpus import _page_limit_reason

    text = postmortem(6).replace("tags: [pricing, llm]", "tags: [" + ", ".join(f"sku-{n}" for n in range(30)) + "]")
    path = tmp_path / "postmortems" / "2026-04-07-thirty-tags.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    config = tmp_path / ".postmortem.toml"
    for limit, refused in ((20, True), (30, False)):
        config.write_text(f"[rules.generated-pages-limit]\nmax-tags = {limit}\n", encoding="utf-8")
        _, found = lint(str(path), config=config)
        assert ("PM808" in {finding["code"] for finding in found}) is refused
        reason = _page_limit_reason(parse_text(str(path), text), load_config(str(config)))
        assert (reason is not None) is refused, reason
