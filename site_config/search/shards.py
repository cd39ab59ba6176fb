"""Split Material's search index into small files a browser loads only when a query needs them.

Material's search downloads one index with the text of every page before its first result
(about 11 MB gzip at 10,000 postmortems), so ``search_index_max_kb`` had to cut each
postmortem's text, and a word from a root cause or an action item found nothing. Sharded, the
browser downloads a manifest, then the term shards holding the typed words' postings, then
the few pages those postings rank first; Material's own search then runs on those pages
(site_config/search/worker.js), so results, highlighting and escaping are Material's.

Files, under ``search/shards/`` (``.json``; ``.js`` scripts in an offline build, which a page
opened from disk cannot fetch):

- ``manifest``: the separator, the page count and the first term of each term shard;
- ``terms/<n>``: ``{term: [page delta, count, page delta, count, …]}`` for a range of the
  sorted terms (the pages are numbered in index order; deltas compress well);
- ``pages/<n>``: the index entries of page n as Material wrote them (page entry first).

Terms are made as Material's tokenizer makes them with the index's own ``separator`` (text
between tags, split, lower-cased, the stop words of its ``stopWordFilter`` left out), so a
query's prefix finds the same words in the postings as in Material's index.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from site_config.search_index import page_of

SHARD_DIR = "search/shards"
TERM_SHARD_BYTES = 24_000  # raw JSON per term shard (one term's postings are never split)
PAGES_PER_QUERY = 20  # pages a query loads and hands to Material's search (it lists 10 at first)
SCRIPT_CALLBACK = "__postmortemShard"  # offline: a shard script calls this with its name and data
_TAG = re.compile(r"<[^>]*>")
DEFAULT_SEPARATOR = r"[\s\-]+"

# lunr's English stopWordFilter (Material's default pipeline): these words are never indexed.
STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by can cannot
could dear did do does either else ever every for from get got had has have he her hers him his how however i
if in into is it its just least let like likely may me might most must my neither no nor not of off often on
only or other our own rather said say says she should since so some than that the their them then there these
they this tis to too twas us wants was we were what when where which while who whom why will with would yet
you your""".split())


@dataclass
class Shards:
    """What sharding made of an index (its files went to the writer ``shard`` was given)."""

    stub_index: str = ""  # what search_index.json holds instead: Material's config, no documents
    pages: int = 0
    terms: int = 0
    term_shards: int = 0


def separator_of(config: dict) -> re.Pattern:
    """The index's separator as a Python pattern (Material's JavaScript ones compile as they are)."""
    try:
        return re.compile(str(config.get("separator") or DEFAULT_SEPARATOR))
    except re.error:
        return re.compile(DEFAULT_SEPARATOR)


def terms_of(html: str, separator: re.Pattern, stop_words: frozenset = STOP_WORDS) -> list[str]:
    """The words Material's tokenizer indexes in ``html`` (its text between tags), lower-cased."""
    words = []
    for text in _TAG.split(html):
        for word in separator.split(text):
            word = word.lower()
            if word and word not in stop_words:
                words.append(word)
    return words


def pages_of(docs: list[dict]) -> list[list[dict]]:
    """The entries grouped by page, in index order (Material writes a page's entry before its sections)."""
    groups: dict[str, list[dict]] = {}
    for doc in docs:
        groups.setdefault(page_of(str(doc.get("location", ""))), []).append(doc)
    return list(groups.values())


def _doc_words(doc: dict, separator: re.Pattern, stop_words: frozenset) -> list[str]:
    tags = doc.get("tags") or []
    text = " ".join([str(doc.get("title", "")), str(doc.get("text", "")), *(str(tag) for tag in tags if isinstance(tag, str))])
    return terms_of(text, separator, stop_words)


def _handed_out(items: list) -> Iterator:
    """Each item, no longer held by ``items`` once handed out."""
    for position in range(len(items)):
        item, items[position] = items[position], None
        yield item


def shard(index: dict, write: Callable[[str, object], None], pages_per_query: int = PAGES_PER_QUERY,
          shard_bytes: int = TERM_SHARD_BYTES) -> Shards:
    """Shard a parsed Material index, handing each file to ``write`` as soon as it is made. The
    entries are taken out of ``index`` and each page's are let go of once written, each term's
    postings once encoded: this runs at the end of a build, when most is held, and must not
    hold the index twice over (parsed, then again as shards)."""
    config = index.get("config") or {}
    separator = separator_of(config)
    pipeline = config.get("pipeline")
    stop_words = STOP_WORDS if pipeline is None or "stopWordFilter" in pipeline else frozenset()
    stub_index = encode({**index, "docs": []})
    pages = pages_of([doc for doc in index.pop("docs", None) or [] if isinstance(doc, dict)])
    built = Shards(stub_index=stub_index, pages=len(pages))
    postings: dict[str, list[int]] = {}
    for number, page in enumerate(_handed_out(pages)):
        counts: dict[str, int] = {}
        for doc in page:
            for word in _doc_words(doc, separator, stop_words):
                counts[word] = counts.get(word, 0) + 1
        write(f"pages/{number}", page)
        for word, count in counts.items():
            postings.setdefault(word, []).extend((number, count))
    built.terms = len(postings)
    firsts: list[str] = []
    terms: dict[str, list[int]] = {}
    size = 0
    for word in sorted(postings, key=js_order):
        encoded = _deltas(postings.pop(word))
        cost = len(word) + 6 + sum(len(str(value)) + 1 for value in encoded)
        if terms and size + cost > shard_bytes:
            write(f"terms/{len(firsts) - 1}", terms)
            terms, size = {}, 0
        if not terms:
            firsts.append(word)
        terms[word] = encoded
        size += cost
    if terms:
        write(f"terms/{len(firsts) - 1}", terms)
    built.term_shards = len(firsts)
    write("manifest", {"version": 1, "separator": separator.pattern, "stop_words": bool(stop_words),
                       "pages": built.pages, "pages_per_query": pages_per_query, "terms": firsts})
    return built


def js_order(word: str) -> bytes:
    """The order of JavaScript's string comparison (UTF-16 code units), which the worker's
    binary search over the manifest uses; Python's code point order differs past U+FFFF."""
    return word.encode("utf-16-be")


def _deltas(flat: list[int]) -> list[int]:
    """[page, count, page, count, …] with each page written as the gap from the one before."""
    out, previous = [], 0
    for position in range(0, len(flat), 2):
        out.extend((flat[position] - previous, flat[position + 1]))
        previous = flat[position]
    return out


def encode(data) -> str:
    """Compact JSON as Material writes its index; ASCII only, so a shard script holds no raw
    line separators and PR text inside it is only ever a JSON string."""
    return json.dumps(data, separators=(",", ":"))


def file_text(name: str, data, script: bool) -> str:
    """A shard as JSON (fetched) or as a script that hands it to the worker (offline, no fetch)."""
    body = encode(data)
    return f"{SCRIPT_CALLBACK}({json.dumps(name)},{body});\n" if script else body


def read_file_data(text: str) -> object:
    """A shard file's data, whichever of the two forms it has."""
    if text.startswith(SCRIPT_CALLBACK + "("):
        body = text[len(SCRIPT_CALLBACK) + 1:].rstrip().removesuffix(";").removesuffix(")")
        return json.loads(body[body.index(",") + 1:])
    return json.loads(text)

