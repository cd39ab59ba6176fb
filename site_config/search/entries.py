"""The entries of a built site's search index, whether it is one file or sharded.

Tests and benchmarks read the index through this, so they judge what the site serves: from a
folder (``read_index``) or from anywhere a reader can fetch a site's file (``index_from``, e.g.
over HTTP from ``mkdocs serve``).
"""

from __future__ import annotations

import json
import os
from typing import Callable

from site_config.search import shards

Reader = Callable[[str], "str | None"]  # a path under the site -> its text, None when missing


def index_from(read: Reader) -> dict:
    """The index as Material wrote it: ``{"config": …, "docs": [every entry, in order]}``."""
    text = read("search/search_index.json")
    if text is None:
        raise FileNotFoundError("search/search_index.json")
    index = json.loads(text)
    for suffix in (".json", ".js"):
        manifest = read(f"{shards.SHARD_DIR}/manifest{suffix}")
        if manifest is None:
            continue
        pages = shards.read_file_data(manifest)["pages"]
        docs: list = []
        for number in range(pages):
            page = read(f"{shards.SHARD_DIR}/pages/{number}{suffix}")
            if page is None:
                raise FileNotFoundError(f"{shards.SHARD_DIR}/pages/{number}{suffix}")
            docs.extend(shards.read_file_data(page))
        return {**index, "docs": docs}
    return index


def folder_reader(site_dir) -> Reader:
    def read(path: str) -> str | None:
        full = os.path.join(str(site_dir), *path.split("/"))
        if not os.path.isfile(full):
            return None
        with open(full, encoding="utf-8") as handle:
            return handle.read()
    return read


def read_index(site_dir) -> dict:
    return index_from(folder_reader(site_dir))


def read_docs(site_dir) -> list[dict]:
    return read_index(site_dir)["docs"]


def is_sharded(site_dir) -> bool:
    read = folder_reader(site_dir)
    return any(read(f"{shards.SHARD_DIR}/manifest{suffix}") is not None for suffix in (".json", ".js"))
