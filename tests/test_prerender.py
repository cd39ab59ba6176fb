"""Bodies rendered on all cores equal bodies rendered in one process; edits re-render one body."""

from __future__ import annotations

import pytest

pytest.importorskip("markdown")

from site_config import prerender  # noqa: E402
from site_config.prerender import PARALLEL_THRESHOLD, BodyCache, Settings  # noqa: E402

SETTINGS = Settings(("toc", "tables", "attr_list", "pymdownx.superfences"), '{"toc": {"permalink": true}}')


def body(number: int) -> str:
    return (f"## Summary\n\nIncident {number}: `replica-{number}` lagged.\n\n## Timeline\n\n"
            f"| Time | Event |\n|---|---|\n| 10:{number % 60:02d} UTC | alert <script>alert({number})</script> |\n\n"
            f"[bad](javascript:alert({number})) and {{onclick=alert(1)}}\n")


def texts(count: int) -> dict[str, str]:
    return {f"incidents/pm-{number}.md": body(number) for number in range(count)}


def test_workers_render_what_one_process_renders():
    many = texts(PARALLEL_THRESHOLD + 5)
    pooled = BodyCache().render_all(many, SETTINGS, jobs=2)
    single = BodyCache().render_all(many, SETTINGS, jobs=1)
    assert pooled == single
    first = pooled["incidents/pm-0.md"]
    assert '<table>' in first.html and "<script" not in first.html and "javascript:" not in first.html
    assert [token["id"] for token in first.toc_tokens] == ["summary", "timeline"]
    assert {"summary", "timeline"} <= first.anchors
    assert [item.title for item in prerender.toc_of(first)] == ["Summary", "Timeline"]


def test_a_rebuild_renders_only_the_edited_body(monkeypatch):
    cache = BodyCache()
    corpus = texts(5)
    cache.render_all(corpus, SETTINGS, jobs=1)
    rendered_again: list[str] = []
    real = prerender._render

    def counting(bodies, settings, jobs):
        rendered_again.extend(bodies)
        return real(bodies, settings, jobs)

    monkeypatch.setattr(prerender, "_render", counting)
    corpus["incidents/pm-3.md"] += "\nEdited.\n"
    result = cache.render_all(corpus, SETTINGS, jobs=1)
    assert rendered_again == [corpus["incidents/pm-3.md"]]
    assert "Edited." in result["incidents/pm-3.md"].html
    other = Settings(SETTINGS.extensions[:2], "{}")
    cache.render_all(corpus, other, jobs=1)
    assert len(rendered_again) == 1 + 5, "other Markdown settings render everything again"
