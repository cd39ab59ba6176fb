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


def render_all(cache: BodyCache, texts: dict[str, str], settings: Settings, jobs: int) -> dict:
    """Page uri -> its Rendered body, as ``mkdocs serve`` takes them: every page in order, then
    ``finish``, which keeps them in ``cache`` for the next rebuild."""
    pending = cache.start(texts, settings, jobs)
    taken = {uri: pending.take(uri) for uri in texts}
    pending.finish()
    return taken


def texts(count: int) -> dict[str, str]:
    return {f"incidents/pm-{number}.md": body(number) for number in range(count)}


def test_workers_render_what_one_process_renders():
    many = texts(PARALLEL_THRESHOLD + 5)
    pooled = render_all(BodyCache(), many, SETTINGS, jobs=2)
    single = render_all(BodyCache(), many, SETTINGS, jobs=1)
    assert pooled == single
    first = pooled["incidents/pm-0.md"]
    assert '<table>' in first.html and "<script" not in first.html and "javascript:" not in first.html
    assert [token["id"] for token in first.toc_tokens] == ["summary", "timeline"]
    assert {"summary", "timeline"} <= first.anchors
    assert [item.title for item in prerender.toc_of(first)] == ["Summary", "Timeline"]


def test_a_rebuild_renders_only_the_edited_body(monkeypatch):
    cache = BodyCache()
    corpus = texts(5)
    render_all(cache, corpus, SETTINGS, jobs=1)
    rendered_again: list[str] = []
    real = prerender._Renderer.render

    def counting(self, text):
        rendered_again.append(text)
        return real(self, text)

    monkeypatch.setattr(prerender._Renderer, "render", counting)
    corpus["incidents/pm-3.md"] += "\nEdited.\n"
    result = render_all(cache, corpus, SETTINGS, jobs=1)
    assert rendered_again == [corpus["incidents/pm-3.md"]]
    assert "Edited." in result["incidents/pm-3.md"].html
    other = Settings(SETTINGS.extensions[:2], "{}")
    render_all(cache, corpus, other, jobs=1)
    assert len(rendered_again) == 1 + 5, "other Markdown settings render everything again"


def test_a_script_without_a_main_guard_can_build(tmp_path):
    """The workers are forked: they never import the caller's __main__ (which would build again)."""
    import subprocess
    import sys

    script = tmp_path / "build.py"
    script.write_text(
        "from site_config.prerender import BodyCache, Settings\n"
        f"texts = {{f'p{{i}}': f'## T{{i}}' for i in range({PARALLEL_THRESHOLD + 2})}}\n"
        "pending = BodyCache().start(texts, Settings(('toc',), '{}'), jobs=2)\n"
        "print(len([pending.take(uri) for uri in reversed(list(texts))]))\n"
        "pending.finish()\n", encoding="utf-8")
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
        rendered = render_all(BodyCache(), many, SETTINGS, jobs=2)
    assert rendered == render_all(BodyCache(), many, SETTINGS, jobs=1)
    assert "cannot start worker processes" in caplog.text


def test_work_handed_to_the_workers_is_done_before_they_go():
    pending = BodyCache().start(texts(PARALLEL_THRESHOLD + 5), SETTINGS, jobs=2)
    job = pending.submit(sorted, [3, 1, 2])
    assert job is not None
    pending.finish()
    assert job.done() and job.result() == [1, 2, 3]
    assert pending.submit(sorted, [2, 1]) is None  # the workers are gone: the caller does it itself
    assert BodyCache().start(texts(2), SETTINGS, jobs=2).submit(sorted, [2, 1]) is None  # too few bodies for workers


def test_pages_taken_in_order_share_the_rendering_with_the_workers():
    """This process renders the first pages' bodies itself while the workers render from the
    last: the bodies are the ones one process renders, and each is let go of once taken."""
    many = texts(PARALLEL_THRESHOLD * 8)
    pending = BodyCache().start(many, SETTINGS, jobs=2, keep=False)
    taken = {uri: pending.take(uri) for uri in many}
    pending.finish()
    assert taken == render_all(BodyCache(), many, SETTINGS, jobs=1)
    assert 0 < pending.rendered_here < len(many), pending.rendered_here
    assert pending.arrived == {}, "a build keeps no body it has handed out"
    assert pending.pool is None


def test_work_handed_over_first_is_done_by_the_workers_before_the_bodies():
    handed: list = []
    pending = BodyCache().start(texts(PARALLEL_THRESHOLD + 5), SETTINGS, jobs=2,
                                first=lambda submit: handed.append(submit(sorted, [3, 1, 2])))
    assert handed and handed[0] is not None
    assert handed[0].result(timeout=60) == [1, 2, 3]
    pending.finish()
    few: list = []
    BodyCache().start(texts(2), SETTINGS, jobs=2, first=lambda submit: few.append(submit(sorted, [2, 1]))).finish()
    assert few == [None], "without workers the caller does that work itself"


def dying_batch(texts):
    """A worker that dies on its batch (module level: the pool looks it up by name)."""
    import os

    os._exit(3)


# Python 3.11's pool thread raises InvalidStateError when a worker dies after this process took
# a batch over (cancelled it); Pending.close terminates the workers that thread leaves behind.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("order", ["pages", "reversed"])
def test_a_worker_that_dies_leaves_the_bodies_to_this_process(monkeypatch, caplog, order):
    import multiprocessing

    many = texts(PARALLEL_THRESHOLD * 4)
    monkeypatch.setattr(prerender, "_render_batch", dying_batch)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.postmortem"):
        pending = BodyCache().start(many, SETTINGS, jobs=3, keep=False)
        uris = list(many) if order == "pages" else list(reversed(many))  # reversed: batches taken over first
        taken = {uri: pending.take(uri) for uri in uris}
        pending.finish()
    monkeypatch.undo()
    assert taken == render_all(BodyCache(), many, SETTINGS, jobs=1)
    assert "rendering in worker processes failed" in caplog.text
    assert pending.rendered_here == len(many)
    assert not [child for child in multiprocessing.active_children() if child.is_alive()], "no worker left behind"


def test_this_process_takes_over_batches_from_the_back_while_a_worker_renders():
    """A page whose body a worker is rendering does not wait: this process renders the last
    batches meanwhile, and the bodies are those of one process."""
    many = texts(PARALLEL_THRESHOLD * 4)
    pending = BodyCache().start(many, SETTINGS, jobs=2, keep=False)
    taken = {uri: pending.take(uri) for uri in many}
    pending.finish()
    assert taken == render_all(BodyCache(), many, SETTINGS, jobs=1)
    assert pending.rendered_here > 0  # how many depends on when the worker starts


def test_failures_name_every_body_the_engine_could_not_render():
    many = texts(PARALLEL_THRESHOLD + 5)
    deep = "".join("    " * depth + "- x\n" for depth in range(300))
    many["incidents/pm-3.md"] = many["incidents/pm-30.md"] = deep
    pending = BodyCache().start(many, SETTINGS, jobs=2, keep=False)
    assert pending.take("incidents/pm-0.md").error is None
    assert "RecursionError" in (pending.take("incidents/pm-3.md").error or "")
    assert sorted(pending.failures()) == ["incidents/pm-3.md", "incidents/pm-30.md"]
    pending.close()
    alone = BodyCache().start(many, SETTINGS, jobs=1, keep=False)
    alone.take("incidents/pm-0.md")
    assert sorted(alone.failures()) == ["incidents/pm-3.md", "incidents/pm-30.md"]
    assert alone.rendered_here == len(set(many.values())), "each body once: those taken already are not rendered again"
