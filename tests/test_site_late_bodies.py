"""Incident bodies rendered on all cores reach MkDocs page by page (site_config.prerender's
``Pending``): the page content other plugins see is whole, and a body the site's Markdown engine
cannot render stops the build by name. Real ``mkdocs build`` runs (helpers of test_site_hostile),
with enough postmortems for the render workers."""

from __future__ import annotations

import pytest

pytest.importorskip("mkdocs")

from test_site_hostile import build, postmortem, site_project  # noqa: E402
from site_config.prerender import PARALLEL_THRESHOLD  # noqa: E402

COUNT = PARALLEL_THRESHOLD + 8
MARKER = "Replica lag marker"


def _project(root, hook: str):
    site_project(root, "warn")
    for number in range(COUNT):
        (root / "postmortems" / f"2026-04-07-incident-{number:02d}.md").write_text(
            postmortem(number, extra=f"{MARKER} {number}.\n"), encoding="utf-8")
    (root / "hook.py").write_text(hook, encoding="utf-8")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks: [hook.py]\n")
    return root


def test_another_plugins_on_page_content_sees_each_incident_page_whole(tmp_path):
    root = _project(tmp_path, (
        "import json\n"
        "seen = {}\n"
        "def on_page_content(html, page, config, files):\n"
        "    if page.url.startswith('incidents/'):\n"
        "        seen[page.url] = html\n"
        "    return html.replace('" + MARKER + "', 'Seen by the hook')\n"
        "def on_post_build(config):\n"
        "    open('seen.json', 'w').write(json.dumps(seen))\n"))
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    seen = json.loads((root / "seen.json").read_text(encoding="utf-8"))
    assert len(seen) == COUNT
    assert all(MARKER in html and "PM-2026-" in html for html in seen.values()), "the body and the summary card"
    page = (root / "site" / "incidents").rglob("index.html")
    pages = [path.read_text(encoding="utf-8") for path in page]
    assert sum("Seen by the hook" in html for html in pages) == COUNT, "what the hook returned is what is published"


def test_a_body_the_engine_cannot_render_stops_the_build_by_name_and_the_site_stays(tmp_path):
    """Python-Markdown failing on a body (no file the gate passes does that: a stand-in makes it
    fail in the workers and here alike) fails the build naming the file, not a traceback."""
    root = _project(tmp_path, (
        "from site_config import prerender\n"
        "real = prerender._Renderer.render\n"
        "def render(self, text):\n"
        "    if '" + MARKER + " 7.' in text or '" + MARKER + " 30.' in text:\n"
        "        return prerender.Rendered(b'', [], frozenset(), None, error='a stand-in failure')\n"
        "    return real(self, text)\n"
        "prerender._Renderer.render = render\n"))
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    result = build(root, strict=False)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    message = next(line for line in result.stderr.splitlines() if "cannot render" in line)
    assert "2026-04-07-incident-07.md: a stand-in failure" in message
    assert "2026-04-07-incident-30.md: a stand-in failure" in message
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
