"""URL-safe names for pages derived from untrusted strings (ids, services, tags).

A name taken from a postmortem must never leave its folder of the site, clash with a
reserved name (``index``) or silently share a page with a different value: two values that
differ only by case, Unicode normalisation or punctuation get distinct, stable names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable

MAX_SLUG_CHARS = 60
RESERVED = frozenset({"index", "assets", "search", "404", "sitemap"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def normalize(value: str) -> str:
    """The identity of a free-text value: NFKC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def _digest(value: str, length: int = 8) -> str:
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def base_slug(value: str) -> str:
    """ASCII letters, digits and single hyphens; empty when nothing of ``value`` is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].rstrip("-")


def slug_for(value: str) -> str:
    """A slug for one value on its own; values with no usable or a reserved slug get a digest."""
    slug = base_slug(value)
    key = normalize(value)
    if not slug:
        return f"x-{_digest(key)}"
    if slug in RESERVED or len(slug) >= MAX_SLUG_CHARS:
        return f"{slug}-{_digest(key)}"
    return slug


def assign_slugs(values: Iterable[str]) -> dict[str, str]:
    """``{normalized value: slug}`` for many values, distinct values always getting distinct slugs.

    Values that normalize alike (``Checkout`` and ``checkout``) share one slug; different
    values whose slugs would clash (``a.b`` and ``a b``) each get a digest suffix.
    """
    by_slug: dict[str, set[str]] = {}
    for value in values:
        key = normalize(value)
        by_slug.setdefault(slug_for(value), set()).add(key)
    slugs: dict[str, str] = {}
    for slug, keys in by_slug.items():
        if len(keys) == 1:
            slugs[next(iter(keys))] = slug
        else:
            for key in keys:
                slugs[key] = f"{slug}-{_digest(key)}"
    if len(set(slugs.values())) < len(slugs):  # a suffixed slug met a natural one: use long digests
        slugs = {key: f"{slug_for(key)}-{_digest(key, 16)}" for key in slugs}
    return slugs
