"""Render the postmortem bodies to sanitized HTML on every core, before MkDocs needs them.

MkDocs renders pages one after another in one process; Python-Markdown is most of a build's
time. The incident bodies are rendered here instead, with the site's own Markdown extensions
and settings, in worker processes for a large corpus (one process for a few), and cleaned
with the sanitizer in the same step. The plugin hands MkDocs an empty body for these pages
and puts the rendered HTML, its table of contents and its anchors in place afterwards.

Results are kept by (settings, body text): during ``mkdocs serve`` the plugin instance lives
across rebuilds, so after an edit only the edited postmortem is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from site_config.sanitize import clean_html

PARALLEL_THRESHOLD = 32  # fewer bodies than this render faster in this process than via a pool
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class Rendered:
    """One body: sanitized HTML, the toc extension's tokens, and the anchor ids it defines."""

    html: str
    toc_tokens: list
    anchors: frozenset[str]


@dataclass(frozen=True)
class Settings:
    """What Python-Markdown is built from (picklable: extension names and their options)."""

    extensions: tuple[str, ...]
    configs_json: str

    @classmethod
    def from_mkdocs(cls, config) -> "Settings | None":
        """None when an extension is given as an object that cannot go to another process."""
        extensions = config["markdown_extensions"]
        if not all(isinstance(extension, str) for extension in extensions):
            return None
        try:
            configs = json.dumps(config["mdx_configs"] or {}, sort_keys=True)
        except (TypeError, ValueError):
            return None
        return cls(tuple(extensions), configs)

    def key(self) -> str:
        return hashlib.sha256(repr((self.extensions, self.configs_json)).encode()).hexdigest()[:16]


class _Renderer:
    """One Python-Markdown instance, reset between bodies (building it per page costs more)."""

    def __init__(self, settings: Settings):
        import markdown

        self.markdown = markdown.Markdown(extensions=list(settings.extensions),
                                          extension_configs=json.loads(settings.configs_json))

    def render(self, text: str) -> Rendered:
        self.markdown.reset()
        html = self.markdown.convert(text)
        tokens = getattr(self.markdown, "toc_tokens", [])
        return Rendered(clean_html(html), tokens, frozenset(_ID.findall(html)))


_WORKER: _Renderer | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = _Renderer(settings)


def _render_batch(texts: list[str]) -> list[Rendered]:
    assert _WORKER is not None
    return [_WORKER.render(text) for text in texts]


class BodyCache:
    """Rendered bodies by settings and text, kept for the life of the plugin instance."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], Rendered] = {}

    def render_all(self, texts: dict[str, str], settings: Settings, jobs: int) -> dict[str, Rendered]:
        """``texts``: page uri -> Markdown. Returns page uri -> Rendered; renders what is new."""
        settings_key = settings.key()
        keys = {uri: (settings_key, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
                for uri, text in texts.items()}
        missing: dict[tuple[str, str], str] = {}
        for uri, key in keys.items():
            if key not in self._rendered:
                missing.setdefault(key, texts[uri])
        for key, rendered in zip(missing, _render(list(missing.values()), settings, jobs)):
            self._rendered[key] = rendered
        wanted = set(keys.values())
        for key in [key for key in self._rendered if key not in wanted]:  # forget removed or edited bodies
            del self._rendered[key]
        return {uri: self._rendered[key] for uri, key in keys.items()}


def _render(texts: list[str], settings: Settings, jobs: int) -> list[Rendered]:
    if jobs <= 1 or len(texts) < PARALLEL_THRESHOLD:
        renderer = _Renderer(settings)
        return [renderer.render(text) for text in texts]
    size = max(4, len(texts) // (jobs * 6))
    batches = [texts[i:i + size] for i in range(0, len(texts), size)]
    # forkserver, not fork: the plugin draws the report charts in another thread meanwhile, and a
    # process forked while a thread holds the import lock can hang on its first import.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        return [rendered for batch in pool.map(_render_batch, batches) for rendered in batch]


def toc_of(rendered: Rendered) -> Any:
    """The page's table of contents, as MkDocs builds it from the toc extension's tokens."""
    from mkdocs.structure.toc import get_toc

    return get_toc(rendered.toc_tokens)
