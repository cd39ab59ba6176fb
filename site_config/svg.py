"""Vetting the report charts before they are published: an SVG must carry no live markup.

The charts are served from the site's origin, and an SVG opened directly (not as an
``<img>``) runs its scripts; their labels come from postmortems.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

LIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})


def inert_svg(text: str) -> bool:
    """True when an SVG has no script, foreign content, event handler or script URL."""
    if "<!ENTITY" in text:  # the charts declare no entities; refuse entity tricks
        return False
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return False
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1].lower() in LIVE_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (local == "href" and not value.strip().startswith("#")):
                return False
    return True
