"""Keep Material's search index right across ``mkdocs serve --dirty`` rebuilds.

Material merges a dirty rebuild's entries into the previous index as if one page had been
rebuilt: it drops the previous entries of the first rebuilt page only (all of them when that
page is the home page, whose location "" starts every location) and appends the new ones. The
plugin rebuilds more than one page (the edited incident, the index, browse, report and rule
pages), so every rebuild duplicated a few hundred entries. ``DirtySearch`` notes the pages of
the current build and, after Material has written its index, keeps the previous entries of the
pages not rebuilt and this build's entries of the rest, in Material's object (which it keeps
for the next rebuild) and in the file.
"""

from __future__ import annotations

from site_config.search_index import page_of
from site_config.search_sections import material_search_index


class DirtySearch:
    def __init__(self) -> None:
        self.pages: set[str] = set()  # URLs of the pages built in this build
        self.fresh: list[dict] = []  # the entries Material made in this build, before its merge

    def start(self) -> None:
        self.pages, self.fresh = set(), []

    def page_built(self, url: str) -> None:
        self.pages.add(url)

    def before_merge(self, config) -> None:
        """Before Material's ``on_post_build``: its index holds this build's entries only."""
        index = material_search_index(config)
        self.fresh = list(index.entries) if index is not None else []

    def repaired(self, config) -> str | None:
        """After Material's ``on_post_build``: the corrected index as JSON (None: nothing to do)."""
        index = material_search_index(config)
        if index is None or not self.pages:
            return None
        fresh = {id(entry) for entry in self.fresh}
        kept = [entry for entry in index.entries if id(entry) not in fresh and page_of(str(entry.get("location", ""))) not in self.pages]
        index.entries[:] = kept + self.fresh
        return index.generate_search_index(None)
