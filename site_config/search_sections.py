"""Material's search sections of the incident pages, parsed in the render workers.

Material's search plugin reads every page's HTML with an ``HTMLParser`` in MkDocs's one
process: 9 s of a 34 s build at 1,000 postmortems. For an incident page the plugin parses the
body where it renders it, on all cores, with Material's own ``Parser``, and hands Material the
sections to turn into entries with Material's own ``create_entry_for_section``; Material is
told to skip the page (``search: exclude``) so it is not parsed twice. The index is the same
as Material's (tests/test_site.py compares the two on the example site).

The page is the summary card followed by the body; the parser reads them as one document. The
worker starts the body where the card leaves the parser: in the card's one untitled section,
after a space. ``page_sections`` checks, per page, that the card left it there (else Material
indexes the page as usual) and joins the card's text to the body's.
"""

from __future__ import annotations

import re
from typing import Any

from site_config.sanitize import LINE_NUMBERS_CLASS


def _material():
    try:
        from material.plugins.search import plugin
    except ImportError:  # pragma: no cover - Material is the site's theme
        return None
    return plugin if all(hasattr(plugin, name) for name in ("Parser", "Section", "Element")) else None


def material_search_index(config) -> Any | None:
    """Material's ``SearchIndex`` of this build, or None (another search plugin, or none)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None


def available() -> bool:
    return _material() is not None


_CLASS = re.compile(r'\bclass="([^"]*)"')  # as the sanitizer writes attributes


def _without_line_numbers(html: str) -> str:
    def kept(match: re.Match) -> str:
        return 'class="' + " ".join(token for token in match.group(1).split() if token != LINE_NUMBERS_CLASS) + '"'

    return _CLASS.sub(kept, html)


def _parsed_body(material, html: str):
    parser = material.Parser()
    start = material.Section(material.Element("hx"))
    start.text.append(" ")  # where the card ends (checked by page_sections)
    parser.section, parser.data = start, [start]
    parser.feed(html)
    parser.close()
    return parser


def body_sections(html: str) -> list | None:
    """The body's sections as Material's parser makes them after the card (in a worker)."""
    material = _material()
    if material is None:
        return None
    try:
        parser = _parsed_body(material, html)
    except ValueError:
        # Material's parser matches the elements it skips by tag name: a line-numbers block
        # (class linenodiv) holding a div, with a list item between, makes it look for a tag it
        # never wrote down. Read without the skip: the line numbers' digits join the index.
        parser = _parsed_body(material, _without_line_numbers(html))
    # Material's parser keeps every run of text as its own string: several times the page's
    # size in small objects, held for every page until MkDocs reaches it. Material only ever
    # joins them, so they travel and wait joined. Of a finished section's heading element it
    # reads only the tag and whether the section is excluded: one element for each of those
    # stands in for every heading's own, with its attributes.
    elements: dict[tuple[str, bool], Any] = {}
    for section in parser.data:
        section.text = ["".join(section.text)]
        section.title = ["".join(section.title)] if section.title else []
        key = (section.el.tag, section.is_excluded())
        if key not in elements:  # attributes {}, not None: Material 9.5 keeps None as it is
            elements[key] = material.Element(key[0], {"data-search-exclude": ""} if key[1] else {})
        section.el = elements[key]
    return parser.data


def _copy(section, material) -> Any:
    copy = material.Section(section.el, section.depth)
    copy.text, copy.title, copy.id = list(section.text), list(section.title), section.id
    return copy


def page_sections(card_html: str, body: list) -> list | None:
    """The sections of card + body, or None when the card does not end as the worker assumed."""
    material = _material()
    if material is None or not body:
        return None
    parser = material.Parser()
    initial_skip = set(parser.skip)
    parser.feed(card_html)
    parser.close()
    card = parser.data
    if (len(card) != 1 or card[0].el.tag != "hx" or card[0].title or parser.context or parser.skip != initial_skip
            or parser.section is not card[0] or not card[0].text or not card[0].text[-1].isspace()):
        return None
    first = _copy(card[0], material)
    first.text.append(body[0].text[0][1:])  # the worker's opening space is the card's closing one
    first.title += body[0].title
    return [first] + [_copy(section, material) for section in body[1:]]  # fresh: Material fills in titles


def add_entries(index, sections: list, page) -> None:
    """Material's entries for one page's sections, as its ``add_entry_from_context`` makes them."""
    for section in sections:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
