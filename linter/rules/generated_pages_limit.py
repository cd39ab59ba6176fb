"""A file that lists more tags or services than the site should make pages for.

## What it does
Reports a postmortem whose frontmatter lists more than 20 distinct `tags` or more than 20
distinct `services` (values that differ only in case or spacing count once). The limits are
the rule's options `max-tags` and `max-services`. The site refuses to publish a file beyond
them, whatever the rule selection says.

## Why is this bad?
Every distinct tag and service gets a browse page, and each page repeats the site's
navigation and the incident's row: one 37 KB file with 4,900 tags made 4,961 pages and a
121 MB site, and the build time and the search index grow with it. A postmortem names the
few services it hit and a handful of tags; hundreds are an accident (a pasted list) or an
attack on the build.

## Example
```yaml
tags: [pricing, llm, checkout, cents, units, rollback, canary, eval, sku-1, sku-2, sku-3, sku-4, sku-5,
       sku-6, sku-7, sku-8, sku-9, sku-10, sku-11, sku-12, sku-13]
```

## Use instead
```yaml
tags: [pricing, llm, units]
```
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator

from linter.rules.base import Option, Violation, define

NAME = "generated-pages-limit"
MAX_TAGS = Option("max-tags", 20, "distinct `tags` one file may list (each is a page of the site)", minimum=0)
MAX_SERVICES = Option("max-services", 20, "distinct `services` one file may list (each is a page of the site)", minimum=0)
LIMITED_KEYS = {"tags": MAX_TAGS, "services": MAX_SERVICES}  # frontmatter key -> its limit


def _distinct(value: Any) -> int:
    items = value if isinstance(value, list) else [value]
    return len({" ".join(unicodedata.normalize("NFKC", item).casefold().split()) for item in items if isinstance(item, str)})


def over_limits(meta: dict, config) -> Iterator[tuple[str, int, int]]:
    """``(key, distinct values, limit)`` for each limited key over its limit (the site's check too)."""
    for key, option in LIMITED_KEYS.items():
        limit = config.rule_option(NAME, option.key)
        count = _distinct(meta.get(key)) if key in meta else 0
        if count > limit:
            yield key, count, limit


def check(document, context):
    frontmatter = document.frontmatter
    for key, count, limit in over_limits(document.meta, context.config):
        line, column = frontmatter.key_locations.get((key,), (frontmatter.start_line, 1)) if frontmatter else (1, 1)
        setting = LIMITED_KEYS[key].key
        yield Violation(line, column, f"'{key}' lists {count:,} distinct values (the limit is {limit}, option '{setting}'): "
                                      f"each is a page of the site; keep the few that matter")


RULE = define(__doc__, "PM808", NAME, "error", check, options=(MAX_TAGS, MAX_SERVICES), suppressible=False, blocks_publication=True)
