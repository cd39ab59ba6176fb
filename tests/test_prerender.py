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
    real = prerender._Renderer.render

    def counting(self, text):
        rendered_again.append(text)
        return real(self, text)

    monkeypatch.setattr(prerender._Renderer, "render", counting)
    corpus["incidents/pm-3.md"] += "\nEdited.\n"
    result = cache.render_all(corpus, SETTINGS, jobs=1)
    assert rendered_again == [corpus["incidents/pm-3.md"]]
    assert "Edited." in result["incidents/pm-3.md"].html
    other = Settings(SETTINGS.extensions[:2], "{}")
    cache.render_all(corpus, other, jobs=1)
    assert len(rendered_again) == 1 + 5, "other Markdown settings render everything again"


def test_a_script_without_a_main_guard_can_build(tmp_path):
    """The workers are forked: they never import the caller's __main__ (which would build again)."""
    import subprocess
    import sys

    script = tmp_path / "build.py"
    script.write_text(
        "from site_config.prerender import BodyCache, Settings\n"
        f"texts = {{f'p{{i}}': f'## T{{i}}' for i in range({PARALLEL_THRESHOLD + 2})}}\n"
        "print(len(BodyCache().render_all(texts, Settings(('toc',), '{}'), jobs=2)))\n", encoding="utf-8")
    from tests.conftest import REPO

    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(PARALLEL_THRESHOLD + 2)
    assert "failed" not in result.stderr


def test_without_worker_processes_the_bodies_render_here(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(prerender, "ProcessPoolExecutor", refuse)
    many = texts(PARALLEL_THRESHOLD + 1)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.postmortem"):
        rendered = BodyCache().render_all(many, SETTINGS, jobs=2)
    assert rendered == BodyCache().render_all(many, SETTINGS, jobs=1)
    assert "cannot start worker processes" in caplog.text


def test_work_handed_to_the_workers_is_done_before_they_go():
    pending = BodyCache().start(texts(PARALLEL_THRESHOLD + 5), SETTINGS, jobs=2)
    job = pending.submit(sorted, [3, 1, 2])
    assert job is not None
    pending.result()
    assert job.done() and job.result() == [1, 2, 3]
    assert pending.submit(sorted, [2, 1]) is None  # the workers are gone: the caller does it itself
    assert BodyCache().start(texts(2), SETTINGS, jobs=2).submit(sorted, [2, 1]) is None  # too few bodies for workers
