"""The entries of a built site's search index, whether it is one file or sharded.

Tests and benchmarks read the index through this, so they judge what the site serves.
"""

from __future__ import annotations

import glob
import json
import os

from site_config.search import shards


def _page_number(path: str) -> int:
    return int(os.path.basename(path).split(".", 1)[0])


def is_sharded(site_dir) -> bool:
    folder = os.path.join(str(site_dir), shards.SHARD_DIR)
    return any(os.path.isfile(os.path.join(folder, "manifest" + suffix)) for suffix in (".json", ".js"))


def read_index(site_dir) -> dict:
    """The index as Material wrote it: ``{"config": …, "docs": [every entry, in order]}``."""
    site_dir = str(site_dir)
    with open(os.path.join(site_dir, "search", "search_index.json"), encoding="utf-8") as handle:
        index = json.load(handle)
    if not is_sharded(site_dir):
        return index
    paths = glob.glob(os.path.join(site_dir, shards.SHARD_DIR, "pages", "*.js*"))
    docs: list = []
    for path in sorted(paths, key=_page_number):
        with open(path, encoding="utf-8") as handle:
            docs.extend(shards.read_file_data(handle.read()))
    return {**index, "docs": docs}


def read_docs(site_dir) -> list[dict]:
    return read_index(site_dir)["docs"]
