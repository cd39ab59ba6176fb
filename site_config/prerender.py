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
import logging
import re
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from linter.api import guided_batches
from site_config.search_sections import body_sections
from site_config.sanitize import clean_html

log = logging.getLogger("mkdocs.plugins.postmortem")

PARALLEL_THRESHOLD = 32  # fewer bodies than this render faster in this process than via a pool
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class Rendered:
    """One body: sanitized HTML, the toc extension's tokens, and the anchor ids it defines."""

    # The HTML as UTF-8. A str holding one character past U+00FF (a dash) takes two bytes per
    # character, UTF-8 about one for these pages; every body waits, rendered, until MkDocs
    # reaches its page.
    html_utf8: bytes
    toc_tokens: list
    anchors: frozenset[str]
    search_sections: list | None = None  # Material's search sections of the body (see search_sections)
    error: str | None = None  # why the body could not be rendered (the plugin refuses to build then)

    @property
    def html(self) -> str:
        return self.html_utf8.decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Settings:
    """What Python-Markdown is built from (picklable: extension names and their options)."""

    extensions: tuple[str, ...]
    configs_json: str
    search_sections: bool = False  # also parse each body for Material's search index
    resource_hosts: tuple[str, ...] = ()  # the sanitizer keeps images from these hosts (resource-hosts)

    @classmethod
    def from_mkdocs(cls, config, search_sections: bool = False, resource_hosts: tuple[str, ...] = ()) -> "Settings | None":
        """None when an extension is given as an object that cannot go to another process."""
        extensions = config["markdown_extensions"]
        if not all(isinstance(extension, str) for extension in extensions):
            return None
        try:
            configs = json.dumps(config["mdx_configs"] or {}, sort_keys=True)
        except (TypeError, ValueError):
            return None
        return cls(tuple(extensions), configs, search_sections, tuple(sorted(resource_hosts)))

    def key(self) -> str:
        return hashlib.sha256(repr((self.extensions, self.configs_json, self.search_sections, self.resource_hosts)).encode()).hexdigest()[:16]


def markdown_instance(settings: Settings):
    """A Python-Markdown instance with the site's extensions and their options."""
    import markdown

    return markdown.Markdown(extensions=list(settings.extensions), extension_configs=json.loads(settings.configs_json))


class _Renderer:
    """One Python-Markdown instance, reset between bodies (building it per page costs more)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.markdown = markdown_instance(settings)
        self.search_sections = settings.search_sections
        self.resource_hosts = frozenset(settings.resource_hosts)

    def render(self, text: str) -> Rendered:
        self.markdown.reset()
        try:
            html = self.markdown.convert(text)
        except RecursionError:
            # Python-Markdown recurses per level of nesting; the linter's limits (PM803, PM806)
            # keep every published file far from this, so reaching it means a construct no rule
            # knows yet: refuse to build with the file named, not a traceback.
            self.markdown = markdown_instance(self.settings)
            return Rendered(b"", [], frozenset(), None, error="it nests too deep for the site's Markdown engine (RecursionError)")
        tokens = getattr(self.markdown, "toc_tokens", [])
        clean = clean_html(html, self.resource_hosts)
        sections = body_sections(clean) if self.search_sections else None
        return Rendered(clean.encode("utf-8", "surrogatepass"), tokens, frozenset(_ID.findall(html)), sections)


_WORKER: _Renderer | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = _Renderer(settings)


def _render_batch(texts: list[str]) -> list[Rendered]:
    assert _WORKER is not None
    return [_WORKER.render(text) for text in texts]


class Pending:
    """Bodies being rendered; ``result()`` waits for them and keeps them in the cache."""

    def __init__(self, cache: "BodyCache", keys: dict[str, tuple[str, str]], missing: dict[tuple[str, str], str],
                 settings: Settings, jobs: int):
        self.cache, self.keys, self.missing, self.settings = cache, keys, missing, settings
        self.pool: ProcessPoolExecutor | None = None
        self.batches: Iterator[list[Rendered]] | None = None
        self.jobs: list[Future] = []  # other work handed to the same workers (``submit``)
        texts = list(missing.values())
        if jobs > 1 and len(texts) >= PARALLEL_THRESHOLD:
            try:
                # The workers are forked here, in the caller's thread, before it goes on to other
                # work (the report charts) while they render: no other thread of ours exists yet.
                self.pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,))
                self.batches = self.pool.map(_render_batch, guided_batches(texts, jobs))
            except OSError as error:  # no processes here (a sandbox, a limit): one is enough
                log.warning(f"postmortem: cannot start worker processes ({error}); rendering in this process")
                self._close()

    def submit(self, function: Callable, *args) -> Future | None:
        """Run ``function(*args)`` on the workers after the bodies (None when there are none, or
        they are gone); ``result()`` waits for it before it lets them go."""
        if self.pool is None:
            return None
        try:
            job = self.pool.submit(function, *args)
        except (BrokenProcessPool, RuntimeError):
            return None
        self.jobs.append(job)
        return job

    def result(self) -> dict[str, Rendered]:
        rendered: list[Rendered] | None = None
        if self.batches is not None:
            try:
                rendered = [item for batch in self.batches for item in batch]
                wait(self.jobs)
            except (BrokenProcessPool, OSError) as error:
                log.warning(f"postmortem: rendering in worker processes failed ({error}); rendering in this process")
            finally:
                self._close()
        if rendered is None:
            renderer = _Renderer(self.settings)
            rendered = [renderer.render(text) for text in self.missing.values()]
        return self.cache._store(self.keys, dict(zip(self.missing, rendered)))

    def _close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.pool, self.batches = None, None


class BodyCache:
    """Rendered bodies by settings and text, kept for the life of the plugin instance."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], Rendered] = {}

    def start(self, texts: dict[str, str], settings: Settings, jobs: int) -> Pending:
        """Start rendering what is new of ``texts`` (page uri -> Markdown)."""
        settings_key = settings.key()
        keys = {uri: (settings_key, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
                for uri, text in texts.items()}
        missing: dict[tuple[str, str], str] = {}
        for uri, key in keys.items():
            if key not in self._rendered:
                missing.setdefault(key, texts[uri])
        return Pending(self, keys, missing, settings, jobs)

    def render_all(self, texts: dict[str, str], settings: Settings, jobs: int) -> dict[str, Rendered]:
        """Page uri -> Rendered, rendering what is new and waiting for it."""
        return self.start(texts, settings, jobs).result()

    def _store(self, keys: dict[str, tuple[str, str]], new: dict[tuple[str, str], Rendered]) -> dict[str, Rendered]:
        self._rendered.update(new)
        wanted = set(keys.values())
        for key in [key for key in self._rendered if key not in wanted]:  # forget removed and edited bodies
            del self._rendered[key]
        return {uri: self._rendered[key] for uri, key in keys.items()}


def toc_of(rendered: Rendered) -> Any:
    """The page's table of contents, as MkDocs builds it from the toc extension's tokens."""
    from mkdocs.structure.toc import get_toc

    return get_toc(rendered.toc_tokens)
