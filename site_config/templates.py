"""The plugin's HTML fragments, rendered through the theme so that a site can override them.

The fragments live in ``theme/fragments/postmortem/`` and are looked up through the MkDocs
theme's Jinja loader first, as Material's tags plugin renders ``fragments/tags/``: a site with
``theme: custom_dir: overrides`` replaces one by writing
``overrides/fragments/postmortem/<name>.html`` (docs/site.md lists them and their variables).
With another theme, or without MkDocs (tests), the packaged fragments are used.

What stays ours whatever the template: autoescaping (every postmortem value is untrusted) and
strict undefined variables. The fragments run in an *overlay* of the theme's environment — the
same loader and extensions, our own settings, filters and cache — so neither side changes the
other's templates.
"""

from __future__ import annotations

import os
import re
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from linter.api import safe_message

THEME_DIR = os.path.join(os.path.dirname(__file__), "theme")
FRAGMENTS = "fragments/postmortem"  # under a theme directory
_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(value: object) -> Markup:
    """Escaped text whose `code spans` become ``<code>``: rule summaries are written in Markdown,
    and a literal backtick on the rules index reads as noise. Escaping comes first, so the
    content of a span is as inert as the rest."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(value))))


class Templates:
    """Renders ``fragments/postmortem/<name>``; ``theme_env``: the environment MkDocs renders
    the site's pages with (``on_env``), None for the packaged fragments alone."""

    def __init__(self, theme_env: Environment | None = None) -> None:
        packaged = FileSystemLoader(THEME_DIR)
        base = theme_env if theme_env is not None else Environment(loader=packaged)
        loader = ChoiceLoader([base.loader, packaged]) if theme_env is not None and base.loader is not None else packaged
        self.env = base.overlay(
            loader=loader,
            autoescape=True,  # whatever an override does, a postmortem's text is escaped
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            cache_size=400,  # our own cache: templates compiled with our settings only
        )
        # Copies: what the plugin adds is not seen by the theme's own templates.
        self.env.filters = {**base.filters, "safe_message": safe_message, "code_spans": code_spans}
        self.env.globals = dict(base.globals)

    def render(self, name: str, **values: Any) -> str:
        return self.env.get_template(f"{FRAGMENTS}/{name}").render(**values)
