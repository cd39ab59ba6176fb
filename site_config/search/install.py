"""Put the sharded index and its worker in the built site (after Material has written its index).

Material's page starts the worker named in its config (``assets/javascripts/workers/
search.<hash>.min.js``) and hands it ``search/search_index.json``. Sharded, that file keeps
Material's config and no documents (the offline ``search_index.js`` the same), our worker
(site_config/search/worker.js) takes the worker's name, and Material's worker moves beside it
as ``material-search.<hash>.min.js``: ours loads it and lets it search the pages a query needs.
A dirty rebuild (``mkdocs serve --dirty``) does not copy theme files that are not newer, so the
worker is found in either state, and the shards are always written whole from the full index.
"""

from __future__ import annotations

import glob
import json
import os
import shutil

from linter.api import write_atomic
from site_config import offline, search_index
from site_config.search import shards

WORKERS = os.path.join("assets", "javascripts", "workers")
MATERIAL_PREFIX = "material-"
WORKER_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.js")
PLACEHOLDER = "__MATERIAL_WORKER__"
MARK = "postmortem-kit: the search worker of a sharded index"


class InstallError(Exception):
    """The site has no Material search worker to stand in for (another theme, or no search)."""


def material_worker(site_dir: str) -> tuple[str, str]:
    """(the path Material's page loads as its worker, Material's worker file's name beside it)."""
    folder = os.path.join(site_dir, WORKERS)
    candidates = glob.glob(os.path.join(folder, "search.*.min.js"))
    if len(candidates) != 1:
        raise InstallError(f"expected one Material search worker in {folder}, found {len(candidates)}")
    path = candidates[0]
    return path, MATERIAL_PREFIX + os.path.basename(path)


def install_worker(site_dir: str) -> None:
    path, material_name = material_worker(site_dir)
    material_path = os.path.join(os.path.dirname(path), material_name)
    with open(path, encoding="utf-8") as handle:
        current = handle.read()
    if MARK not in current:  # Material's own (a fresh build, or a theme update copied it again)
        write_atomic(material_path, current, overwrite=True)
    elif not os.path.isfile(material_path):
        raise InstallError(f"{path} is our worker but Material's {material_name} is missing")
    with open(WORKER_SOURCE, encoding="utf-8") as handle:
        worker = handle.read().replace(PLACEHOLDER, material_name)
    write_atomic(path, worker, overwrite=True)


def write_shards(site_dir: str, index: dict, script: bool) -> shards.Shards:
    """Shard ``index`` (its entries are taken out, see ``shards.shard``) into a fresh folder, each
    file written as soon as it is made, that then replaces the previous one (no stale page)."""
    target = os.path.join(site_dir, shards.SHARD_DIR)
    fresh = target + ".new"
    shutil.rmtree(fresh, ignore_errors=True)

    def write(name: str, data: object) -> None:
        path = os.path.join(fresh, name + (".js" if script else ".json"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(shards.file_text(name, data, script))

    built = shards.shard(index, write)
    old = target + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.isdir(target):
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return built


def install(site_dir: str, index: dict, script: bool) -> shards.Shards:
    """Shard ``index`` (Material's full index, parsed; its entries are taken out) into the site and
    point search at the shards (``script``: shards as scripts, for a site opened from disk)."""
    install_worker(site_dir)
    built = write_shards(site_dir, index, script)
    write_atomic(os.path.join(site_dir, "search", "search_index.json"), built.stub_index, overwrite=True)
    return built


def _material_index(config, dirty_search) -> dict | None:
    """Material's index as written (see search_index.written_index), parsed; None without one,
    or with another theme (its search has its own worker). The text is not kept: it is about as
    large as the parsed index, and sharding comes at the end of a build, when most is held."""
    text = search_index.written_index(config, dirty_search)
    if text is None or config.theme.name != "material":
        return None
    return json.loads(text)


def install_written(config, dirty_search, log) -> None:
    """After Material has written its index: repair it (dirty rebuilds) and shard it."""
    index = _material_index(config, dirty_search)
    if index is None:
        return
    try:
        built = install(config.site_dir, index, script=offline.offline_enabled(config))
    except InstallError as error:
        log.warning(f"search is not sharded: {error}; search/search_index.json is left whole")
        return
    offline.write_inline_index(config, built.stub_index)
    log.info(f"search index sharded: {built.pages:,} pages, {built.terms:,} words, {built.term_shards} term shards")
