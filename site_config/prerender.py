"""Render the postmortem bodies to sanitized HTML on every core, before MkDocs needs them.

MkDocs renders pages one after another in one process; Python-Markdown is most of a build's
time. The incident bodies are rendered here instead, with the site's own Markdown extensions
and settings, in worker processes for a large corpus (one process for a few), and cleaned
with the sanitizer in the same step. The plugin hands MkDocs an empty body for these pages
and puts the rendered HTML, its table of contents and its anchors in place page by page, as
they come back (``Pending``).

Results are kept by (settings, body text): during ``mkdocs serve`` the plugin instance lives
across rebuilds, so after an edit only the edited postmortem is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable

from linter.api import one_blas_thread
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
    if "numpy" not in sys.modules:  # it is imported here for the related incidents, in this process only
        one_blas_thread()
    _WORKER = _Renderer(settings)


def _render_batch(texts: list[str]) -> list[Rendered]:
    assert _WORKER is not None
    return [_WORKER.render(text) for text in texts]


BATCH = 8  # bodies per task: the unit this process takes over from the workers (see Pending)


class Pending:
    """Bodies being rendered, handed out as pages ask for them (``take``).

    The workers (one core fewer than ``jobs``) render the bodies in page order, while this
    process makes the pages. A page whose body is not back yet does not wait: this process
    renders the last batch no worker has started meanwhile, and so on until the body is back
    (or there is nothing left to take over). Every core is busy until the last body is rendered,
    none shared between two processes; this process then makes only the pages of the bodies it
    rendered itself, last. ``finish`` waits for the work handed to the workers and lets them go.
    """

    def __init__(self, cache: "BodyCache", keys: dict[str, tuple[str, str]], missing: dict[tuple[str, str], str],
                 settings: Settings, jobs: int, first: Callable[[Callable], None] | None = None, keep: bool = True):
        self.cache, self.keys, self.missing, self.settings = cache, keys, missing, settings
        # keep: ``finish`` stores the bodies in the cache (``mkdocs serve`` renders again);
        # otherwise each body is let go of once every page showing it has taken it.
        self.keep = keep
        self.arrived: dict[tuple[str, str], Rendered] = {}
        order = list(missing)
        self._batches: list[list[tuple[str, str]]] = [order[start:start + BATCH] for start in range(0, len(order), BATCH)]
        self._batch_of = {key: number for number, batch in enumerate(self._batches) for key in batch}
        self._tasks: dict[int, Future] = {}  # batch number -> its task on the workers, until received
        self._received: set[int] = set()  # batch numbers whose bodies have arrived (taken ones are let go of)
        self._last = len(self._batches) - 1  # the batch to take over next, from the back
        self._takers = {key: 0 for key in missing}
        for key in keys.values():
            if key in self._takers:
                self._takers[key] += 1
        self._local: _Renderer | None = None
        self.rendered_here = 0  # bodies this process rendered itself (the rest came from workers)
        self.pool: ProcessPoolExecutor | None = None
        self.jobs: list[Future] = []  # other work handed to the same workers (``submit``)
        if jobs > 1 and len(order) >= PARALLEL_THRESHOLD:
            try:
                # The workers are forked here, in the caller's thread, before it goes on to other
                # work while they render: no other thread of ours exists yet.
                self.pool = ProcessPoolExecutor(max_workers=jobs - 1, initializer=_init_worker, initargs=(settings,))
                if first is not None:
                    first(self.submit)  # queued before the bodies: the pages need it from the first one
                for number, batch in enumerate(self._batches):
                    self._tasks[number] = self.pool.submit(_render_batch, [missing[key] for key in batch])
            except OSError as error:  # no processes here (a sandbox, a limit): one is enough
                log.warning(f"postmortem: cannot start worker processes ({error}); rendering in this process")
                self.close()
        elif first is not None:
            first(self.submit)

    def submit(self, function: Callable, *args) -> Future | None:
        """Run ``function(*args)`` on the workers (None when there are none, or they are gone);
        ``finish()`` waits for it before it lets them go."""
        if self.pool is None:
            return None
        try:
            job = self.pool.submit(function, *args)
        except (BrokenProcessPool, RuntimeError):
            return None
        self.jobs.append(job)
        return job

    def __contains__(self, uri: str) -> bool:
        """Whether ``uri``'s body is rendered here (else MkDocs renders that page itself)."""
        return uri in self.keys

    def take(self, uri: str) -> Rendered:
        """``uri``'s body: rendered by a worker, else here, now."""
        key = self.keys[uri]
        if key not in self._takers:
            return self.cache._rendered[key]  # rendered in an earlier build of this serve
        if key not in self.arrived:
            self._wait_for(self._batch_of[key])
        rendered = self.arrived[key]
        self._takers[key] -= 1
        if not self.keep and self._takers[key] <= 0 and rendered.error is None:
            del self.arrived[key]
        return rendered

    def failures(self) -> dict[str, str]:
        """Page uri -> why its body could not be rendered, for every body (rendering them all)."""
        self._receive_all()
        found = {uri: self.arrived.get(key) or self.cache._rendered.get(key) for uri, key in self.keys.items()}
        return {uri: rendered.error for uri, rendered in found.items() if rendered is not None and rendered.error}

    def finish(self) -> None:
        """Wait for the work handed to the workers, and let them go. With ``keep``, every body is
        rendered and kept in the cache; otherwise the bodies no page took are dropped."""
        try:
            if self.keep:
                self._receive_all()
            wait(self.jobs)
        finally:
            self.close()
        if self.keep:
            self.cache._store(self.keys, self.arrived)

    def _receive_all(self) -> None:
        for number in range(len(self._batches)):
            if number not in self._received:
                self._receive(number)

    def _wait_for(self, number: int) -> None:
        """Batch ``number``, rendering here, from the back, the batches no worker has started
        while a worker renders it."""
        task = self._tasks.get(number)
        while task is not None and not task.done() and self._take_over_one(after=number):
            pass
        self._receive(number)

    def _take_over_one(self, after: int) -> bool:
        """Render here the last batch (after ``after``) that no worker has started; False when
        there is none left: the workers have reached them all."""
        while self._last > after:
            number, self._last = self._last, self._last - 1
            if number in self._received:
                continue
            task = self._tasks.get(number)
            if task is not None and not task.cancel():
                return False  # started: so are all before it (the workers take them in order)
            self._receive(number)
            return True
        return False

    def _receive(self, number: int) -> None:
        """Batch ``number``: from the worker that rendered it, else rendered here (taken back
        from the workers when none has started it)."""
        keys = self._batches[number]
        self._received.add(number)
        task = self._tasks.pop(number, None)
        rendered: list[Rendered] | None = None
        if task is not None and not task.cancel():
            try:
                rendered = task.result()
            except (BrokenProcessPool, OSError, CancelledError) as error:
                log.warning(f"postmortem: rendering in worker processes failed ({error!r}); rendering in this process")
                self.close()
        if rendered is None:
            if self._local is None:
                self._local = _Renderer(self.settings)
            rendered = [self._local.render(self.missing[key]) for key in keys]
            self.rendered_here += len(keys)
        self.arrived.update(zip(keys, rendered))

    def close(self) -> None:
        """Let the workers go, cancelling what they have not started (a build that failed or was
        interrupted, or the workers broke)."""
        if self.pool is not None:
            workers = list((getattr(self.pool, "_processes", None) or {}).values())
            self.pool.shutdown(cancel_futures=True)
            if getattr(self.pool, "_broken", False):
                # A worker died. Before Python 3.12 the pool's own thread stops at the first task
                # taken over here (cancelled: InvalidStateError) and never terminates the other
                # workers, which would keep this process from exiting.
                for worker in workers:
                    if worker.is_alive():
                        worker.terminate()
                        worker.join(5)
        self.pool = None
        self._tasks.clear()


class BodyCache:
    """Rendered bodies by settings and text, kept for the life of the plugin instance."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], Rendered] = {}

    def start(self, texts: dict[str, str], settings: Settings, jobs: int,
              first: Callable[[Callable], None] | None = None, keep: bool = True) -> Pending:
        """Start rendering what is new of ``texts`` (page uri -> Markdown), in their order.
        ``first(submit)`` may hand the workers work to do before the bodies (see ``Pending``)."""
        settings_key = settings.key()
        keys = {uri: (settings_key, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
                for uri, text in texts.items()}
        missing: dict[tuple[str, str], str] = {}
        for uri, key in keys.items():
            if key not in self._rendered:
                missing.setdefault(key, texts[uri])
        return Pending(self, keys, missing, settings, jobs, first, keep)

    def _store(self, keys: dict[str, tuple[str, str]], new: dict[tuple[str, str], Rendered]) -> None:
        self._rendered.update(new)
        wanted = set(keys.values())
        for key in [key for key in self._rendered if key not in wanted]:  # forget removed and edited bodies
            del self._rendered[key]


def toc_of(rendered: Rendered) -> Any:
    """The page's table of contents, as MkDocs builds it from the toc extension's tokens."""
    from mkdocs.structure.toc import get_toc

    return get_toc(rendered.toc_tokens)
