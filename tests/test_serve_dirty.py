"""`mkdocs serve --dirty` on a copy of the example site: an edit shows, and search stays whole.

A real server (the one authors run), on a free port; the test edits a postmortem twice and reads
the rebuilt page and the search index over HTTP. Material merges a dirty rebuild's search
entries as if a single page had been rebuilt; without the plugin's repair every rebuild
duplicated the entries of the other rebuilt pages (site_config/dirty_search.py).
"""

from __future__ import annotations

import collections
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from site_config.search.entries import index_from
from tests.conftest import REPO

# What the server logs once a build is done and served: "Serving on" after the first, and
# "Reloading browsers" after each rebuild. Not "Documentation built in": MkDocs's DuplicateFilter
# drops a build log message it has logged before, so a rebuild that takes as long as an earlier
# one, to the hundredth of a second, logs nothing.
BUILT = ("Serving on", "Reloading browsers")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    """The server logs a build before it listens: connections are retried for a while."""
    for attempt in range(100):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError) or attempt == 99:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")


def _search_entries(base: str) -> list[dict]:
    """Every entry the served site's search finds, from its shards when it is sharded."""
    def read(path: str) -> str | None:
        try:
            return _get(base + path)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise
    return index_from(read)["docs"]


def copy_example_site(folder) -> None:
    """The repository's site (mkdocs.yml, its postmortems and docs) in ``folder``."""
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, folder / name)
    for name in ("postmortems", "docs"):
        shutil.copytree(REPO / name, folder / name)


def start_serve(folder, *options: str) -> tuple[subprocess.Popen, str, queue.Queue, list[str]]:
    """`mkdocs serve` in ``folder`` on a free port: the process, its base URL, a queue that
    gets a line per finished build, and every line it logged."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    builds: queue.Queue = queue.Queue()
    log: list[str] = []

    def read() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            log.append(line)
            if any(marker in line for marker in BUILT):
                builds.put(line)

    threading.Thread(target=read, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/", builds, log


def test_dirty_rebuilds_show_the_edit_and_keep_one_search_entry_per_section(tmp_path):
    copy_example_site(tmp_path)
    edited = next((tmp_path / "postmortems").rglob("*.md"))
    original = edited.read_text(encoding="utf-8")
    server, base, builds, log = start_serve(tmp_path, "--dirty")

    def built() -> None:
        try:
            builds.get(timeout=240)
        except queue.Empty:
            raise AssertionError("no build finished; the server logged:\n" + "".join(log)[-3000:]) from None

    try:
        built()
        before = _search_entries(base)
        for attempt in range(2):
            marker = f"Edited in a dirty preview, pass {attempt}."
            edited.write_text(original + f"\n{marker}\n", encoding="utf-8")
            built()
            entries = _search_entries(base)
            locations = collections.Counter(entry["location"] for entry in entries)
            assert [where for where, count in locations.items() if count > 1] == []
            assert len(entries) == len(before)
            assert sum(marker in entry["text"] for entry in entries) == 1
            page = next(entry["location"].split("#")[0] for entry in entries if marker in entry["text"])
            assert marker in _get(base + page)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    assert not [line for line in log if "Traceback" in line or "ERROR" in line], "".join(log)[-3000:]
