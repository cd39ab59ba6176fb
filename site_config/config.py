"""The plugin's settings in mkdocs.yml (``plugins: - postmortem: …``), typed and validated by MkDocs."""

from __future__ import annotations

from mkdocs.config import config_options as option
from mkdocs.config.base import Config

# The format page by default: the repository's own, else the copy packaged with the kit.
FORMAT_PAGE_DEFAULT = "docs/format.md"

LINT_MODES = ("error", "warn", "off")


class PostmortemPluginConfig(Config):
    # The postmortems to publish: directories or files, relative to mkdocs.yml.
    postmortems = option.ListOfItems(option.Type(str), default=["postmortems"])
    # error: lint errors fail the build; warn: they are logged as warnings (so --strict fails)
    # and the pages show them; off: findings are neither logged nor shown. Files that cannot be
    # published safely are left out in every mode.
    lint = option.Choice(LINT_MODES, default="error")
    # The same for `mkdocs serve`: authors preview drafts that do not pass yet.
    lint_on_serve = option.Choice(LINT_MODES, default="warn")
    # The linter configuration (pyproject.toml or .postmortem.toml); default: the nearest one
    # upward from mkdocs.yml, as `postmortem lint` finds it.
    linter_config = option.Optional(option.File(exists=True))
    # The author-facing description of the format, published as the page format/.
    format_page = option.Type(str, default=FORMAT_PAGE_DEFAULT)
    # Search with search_shards: false: the most a browser downloads (gzip KB) before it shows
    # the first result. A larger index is trimmed: each incident page keeps the same number of
    # characters, in page order. 0 keeps every word of every page (fine up to about 1,000 postmortems).
    search_index_max_kb = option.Type(int, default=1900)
    # Search: split the index into shards a browser loads as a query needs them (full text at
    # any size; site_config/search/). search_index_max_kb then does not apply. false: one index.
    search_shards = option.Type(bool, default=True)
    # Reuse the lint results of unchanged postmortems from earlier builds (linter.disk_cache: the
    # user's cache folder, shared with `postmortem lint`; POSTMORTEM_NO_CACHE=1 also turns it off).
    lint_cache = option.Type(bool, default=True)
    # Worker processes for linting and rendering the postmortems (0: all cores).
    jobs = option.Type(int, default=0)
    # Parse the incident pages for Material's search index in those workers too (the same
    # index; false: Material's search plugin parses them, one after another).
    search_in_workers = option.Type(bool, default=True)
    # Seconds a build waits for another build publishing into the same site_dir before it fails
    # (0: fail at once). See site_config/publish.py.
    publish_lock_wait = option.Type(int, default=600)
