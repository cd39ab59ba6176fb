"""A site that works opened from disk, with Material's ``offline`` plugin and nothing from another host.

Material's offline plugin turns directory URLs off and inlines the search index into
``search/search_index.js``, and it loads the ``iframe-worker`` shim (search runs in a Web Worker,
which browsers refuse from ``file://``) from unpkg.com. An incident site loads nothing from another
host (docs/security.md), and a CI artifact opened on a laptop may have no network: the shim ships
with the plugin's theme assets instead, and the offline plugin keeps it because it only adds one
when no ``iframe-worker`` polyfill is listed. A sharded index (site_config/search/) inlines only
Material's config there; its shards are scripts the worker loads through the shim.
"""

from __future__ import annotations

import os

from linter.api import write_atomic

LOCAL_SHIM = "assets/postmortem/vendor/iframe-worker-shim.js"
_SHIM_NAME = "iframe-worker"


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def use_local_worker_shim(config) -> None:
    """Put the vendored shim in place of any remote one, whichever plugin's on_config ran first."""
    if not offline_enabled(config):
        return
    polyfills = [script for script in config.extra.get("polyfills", []) if _SHIM_NAME not in str(script)]
    config.extra["polyfills"] = [*polyfills, LOCAL_SHIM]


def write_inline_index(config, index_text: str) -> None:
    """Rewrite ``search_index.js`` after the index was changed (the offline plugin may have run first)."""
    if not offline_enabled(config):
        return
    path = os.path.join(config.site_dir, "search", "search_index.js")
    write_atomic(path, f"var __index = {index_text}", overwrite=True)
