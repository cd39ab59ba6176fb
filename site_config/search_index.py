"""Keep Material's search index within what a browser downloads comfortably.

Material's search downloads one ``search/search_index.json`` holding the text of every page
before it shows the first result: about 1.6 MB gzip at 1,000 postmortems, 16 MB at 10,000.
``fit_index`` leaves an index that fits the budget untouched; otherwise it gives every incident
page the same allowance of characters, filled in page order (title, summary card, Summary,
Impact, Timeline, Root cause, …), and finds the largest allowance that fits by bisection.
Pages other than incidents (reports, rules, the format) are small and kept whole.

Trimmed text is made plain: tags are removed (a cut must not leave half a tag or an unclosed
``<code>``), entities are kept as written, so escaped text stays escaped.

``edit_written_index`` is what the plugin runs after Material has written the index, unless the
index is sharded (``search_shards``, site_config/search/): then nothing is trimmed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from bisect import bisect_left
from dataclasses import dataclass

from linter.api import write_atomic
from site_config import offline

INCIDENT_PREFIX = "incidents/"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PARTIAL_ENTITY = re.compile(r"&[#\w]*$")
MIN_ALLOWANCE = 120  # characters per incident page: the id, severity and services of its card


@dataclass
class Fitted:
    """The index as written, and what was done to it."""

    text: str
    original_gzip_bytes: int
    gzip_bytes: int
    allowance: int | None  # characters per incident page; None when nothing was trimmed


def encode(data: dict) -> str:
    # Material writes the index compactly; so do we (ensure_ascii off: the same bytes for text).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def gzip_bytes(text: str) -> int:
    """The index's size on the wire, as static hosts serve it (gzip level 6)."""
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6))


def plain(html: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending on a word and never inside an entity."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return _PARTIAL_ENTITY.sub("", cut).rstrip()


def page_of(location: str) -> str:
    """The page part of a search entry's location (``incidents/pm-1/#impact`` -> ``incidents/pm-1/``)."""
    return location.split("#", 1)[0]


def _prepared(data: dict) -> list[tuple[dict, str | None, str]]:
    """Each doc with its incident page (None for other pages) and its plain text, once."""
    prepared = []
    for doc in data.get("docs", []):
        location = str(doc.get("location", ""))
        page = page_of(location) if location.startswith(INCIDENT_PREFIX) else None
        prepared.append((doc, page, plain(str(doc.get("text", ""))) if page else ""))
    return prepared


def trimmed(data: dict, allowance: int, prepared: list | None = None) -> dict:
    """The index with every incident page's text limited to ``allowance`` characters in all."""
    docs: list[dict] = []
    left: dict[str, int] = {}
    for doc, page, text in prepared if prepared is not None else _prepared(data):
        if page is None:
            docs.append(doc)
            continue
        remaining = left.setdefault(page, allowance)
        if remaining <= 0 and "#" in str(doc.get("location", "")):
            continue  # a section with no text left: its title ("Timeline") finds nothing useful
        kept = _cut(text, max(remaining, 0))
        left[page] = remaining - len(kept)
        docs.append({**doc, "text": kept})
    return {**data, "docs": docs}


def fit_index(text: str, budget_bytes: int) -> Fitted:
    """The index text fitted into ``budget_bytes`` of gzip (0: no budget, nothing changes)."""
    size = gzip_bytes(text)
    if budget_bytes <= 0 or size <= budget_bytes:
        return Fitted(text, size, size, None)
    data = json.loads(text)
    prepared = _prepared(data)
    totals: dict[str, int] = {}
    for _, page, plain_text in prepared:
        if page:
            totals[page] = totals.get(page, 0) + len(plain_text)
    kept = _KeptText(totals.values())
    low, high = MIN_ALLOWANCE, max(MIN_ALLOWANCE, kept.longest)  # high: an allowance that trims nothing
    best = encode(trimmed(data, low, prepared))
    best_size, best_allowance = gzip_bytes(best), low
    low_size, high_size = best_size, size  # the untrimmed index (with its tags) bounds the size at high
    # Each step trims, encodes and compresses the whole index (a second at 10,000 postmortems).
    # The compressed size grows about linearly with the characters kept, so the next allowance
    # is interpolated on that line between the two measured ends (aiming 1% under the budget),
    # and halved instead when interpolation stops shrinking the interval.
    shrink_slowly = False
    while high - low > max(16, low // 20) and best_size <= budget_bytes:
        middle = (low + high) // 2
        if not shrink_slowly and high_size > low_size:
            share = (budget_bytes * 0.99 - low_size) / (high_size - low_size)
            target = kept.at(low) + share * (kept.at(high) - kept.at(low))
            middle = min(max(kept.allowance_for(target, low, high), low + 1), high - 1)
        candidate = encode(trimmed(data, middle, prepared))
        candidate_size = gzip_bytes(candidate)
        before = high - low
        if candidate_size <= budget_bytes:
            low, low_size, best, best_size, best_allowance = middle, candidate_size, candidate, candidate_size, middle
        else:
            high, high_size = middle, candidate_size
        shrink_slowly = (high - low) * 2 > before
    return Fitted(best, size, best_size, best_allowance)


class _KeptText:
    """How many characters of incident text an allowance keeps, over all pages (words aside)."""

    def __init__(self, totals) -> None:
        self.totals = sorted(totals)
        self.prefix = [0]
        for total in self.totals:
            self.prefix.append(self.prefix[-1] + total)
        self.longest = self.totals[-1] if self.totals else MIN_ALLOWANCE

    def at(self, allowance: int) -> int:
        shorter = bisect_left(self.totals, allowance)
        return self.prefix[shorter] + allowance * (len(self.totals) - shorter)

    def allowance_for(self, characters: float, low: int, high: int) -> int:
        """The largest allowance in ``[low, high]`` that keeps at most ``characters``."""
        while high - low > 1:
            middle = (low + high) // 2
            if self.at(middle) <= characters:
                low = middle
            else:
                high = middle
        return low


def written_index(config, dirty_search) -> str | None:
    """Material's index as it wrote it in ``search/search_index.json`` (None: no index), after
    repairing it after a dirty rebuild (``dirty_search``, None otherwise; see
    site_config.dirty_search) and keeping the offline copy the same."""
    path = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(path):
        return None
    if dirty_search is not None:
        repaired = dirty_search.repaired(config)
        if repaired is not None:
            write_atomic(path, repaired, overwrite=True)
            offline.write_inline_index(config, repaired)
            return repaired
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def edit_written_index(config, budget_kb: int, dirty_search, log) -> None:
    """After Material's search plugin has written ``search/search_index.json``: repair it
    (see ``written_index``), then fit it within ``budget_kb`` (0: keep every word), and keep the
    offline copy the same."""
    text = written_index(config, dirty_search)
    budget = budget_kb * 1000
    if budget <= 0 or text is None:
        return
    fitted = fit_index(text, budget)
    if fitted.allowance is None:
        return
    path = os.path.join(config.site_dir, "search", "search_index.json")
    write_atomic(path, fitted.text, overwrite=True)
    offline.write_inline_index(config, fitted.text)
    if fitted.gzip_bytes > budget:
        log.warning(f"search index is {fitted.gzip_bytes // 1000} KB gzip even with incident pages cut to "
                    f"{fitted.allowance} characters: the other pages alone exceed search_index_max_kb ({budget_kb})")
        return
    log.info(f"search index trimmed from {fitted.original_gzip_bytes // 1000} KB to {fitted.gzip_bytes // 1000} KB gzip: "
             f"each postmortem indexes its first {fitted.allowance:,} characters (search_index_max_kb: {budget_kb})")
