"""Per-file lint results kept on disk between runs, by the file's content: only changed files
are linted again (``postmortem lint``, and ``mkdocs build`` for the site's records).

An entry is found by a key of everything a file's result depends on: the file's bytes and the
path findings name, the configuration, the rules selected, what the caller keeps of each
document (the site's ``SiteRecord``), and the code of the linter and the site (its version and
the size and modification time of each of its modules, and the Python and parsers it runs on). A result that read the date the
time-bound rules judge at (PM603) holds only for that date. Corpus-wide rules, ignores and
suppressions are applied afresh on every run, as without a cache.

Not kept: results of a file that ran over its budget (PM007 depends on the machine's load) or on which a rule crashed, and files
that cannot be read.

The folder is the user's cache folder (``$POSTMORTEM_CACHE_DIR``, else
``$XDG_CACHE_HOME/postmortem-kit``, else ``~/.cache/postmortem-kit``), never the project's:
an entry is a pickle, so whoever can write that folder can run code as the user who lints (as
with pip's and pre-commit's caches). A CI job that restores it must restore only caches its own
trusted branches wrote. ``POSTMORTEM_NO_CACHE=1`` or ``--no-cache`` turns it off. Entries
untouched for ``MAX_AGE_DAYS`` are deleted, at most once a day. A cache that cannot be read or
written is skipped, never an error: the run lints the files itself.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import time
from dataclasses import dataclass

from linter.document import MAX_FILE_BYTES
from linter.engine import FileResult, Keep, Linter, lint_sources
from linter.files import SourceFile

FORMAT = "1"  # bump when what an entry holds changes shape
MAX_AGE_DAYS = 30
_PACKAGES = ("linter", "site_config")  # their code makes the results


def default_folder() -> str | None:
    """Where entries are kept, or None when the cache is turned off."""
    if os.environ.get("POSTMORTEM_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("POSTMORTEM_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "postmortem-kit")


def from_environment() -> "DiskCache | None":
    """The cache in ``default_folder()``, or None when it is turned off."""
    folder = default_folder()
    return DiskCache(folder) if folder else None


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The linter's version and the size and modification time of every module of the packages
    whose code makes a result (an edited rule is a new cache), with the Python and the parsers
    it runs on (another markdown-it-py may read a file otherwise)."""
    import markdown_it
    import yaml

    from linter import __version__

    digest = hashlib.sha256(repr((__version__, sys.version, markdown_it.__version__, yaml.__version__,
                                  getattr(yaml, "__with_libyaml__", False))).encode())
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for package in _PACKAGES:
        for folder, folders, names in os.walk(os.path.join(here, package)):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".json", ".toml", ".yaml", ".yml", ".txt")):
                    status = os.stat(os.path.join(folder, name))
                    digest.update(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _keep_identity(keep: Keep) -> str | None:
    """What the caller keeps of each document, as text (None: a kind the cache cannot key)."""
    if keep is False:
        return "nothing"
    if isinstance(keep, functools.partial) and not keep.args:
        function = keep.func
        return f"{function.__module__}.{function.__qualname__}:{_stable(sorted(keep.keywords.items()))!r}"
    return None  # the Document itself (True) or a function of unknown arguments


@dataclass
class _Entry:
    today: str | None  # the date its time-bound findings were judged at, when it read one
    result: FileResult


class DiskCache:
    """A ``linter.api.ResultCache`` on disk (see the module docstring)."""

    def __init__(self, folder: str):
        self.folder = os.path.join(folder, f"v{FORMAT}")

    def lint(self, linter: Linter, sources: list[SourceFile], jobs: int, keep_documents: Keep) -> list[FileResult]:
        keep = _keep_identity(keep_documents)
        if keep is None:
            return lint_sources(linter, sources, jobs, keep_documents)
        try:
            today = linter.context.today.isoformat()
        except Exception:  # noqa: BLE001 - a bad date setting: the rule that reads it reports it
            return lint_sources(linter, sources, jobs, keep_documents)
        # A caller that keeps something of each document (the site) also looks up what a run
        # that kept nothing found (`postmortem lint` before `mkdocs build`, as the main job
        # runs them): those files are only read again, for what it keeps, and not re-checked.
        prefixes = [self._prefix(linter, keep)] + ([self._prefix(linter, "nothing")] if keep != "nothing" else [])
        keys = {source.path: self._keys(prefixes, source) for source in sources}
        known: dict[str, FileResult] = {}
        checked: dict[str, FileResult] = {}
        for source in sources:
            own, *plain = keys[source.path] or [None]
            result = self._result(own, source, today)
            if result is not None:
                known[source.path] = result
                continue
            result = self._result(plain[0], source, today) if plain else None
            if result is not None and result.document is None:
                checked[source.path] = result
        unknown = [source for source in sources if source.path not in known]
        fresh = lint_sources(linter, unknown, jobs, keep_documents, checked)
        for source, result in zip(unknown, fresh):
            key = keys[source.path][0] if keys[source.path] else None
            if key is not None and _keepable(result):
                self._write(key, _Entry(today if result.reads_today else None, result))
            known[source.path] = result
        self._prune_now_and_then()
        return [known[source.path] for source in sources]

    # --- keys -------------------------------------------------------------------------------

    @staticmethod
    def _prefix(linter: Linter, keep: str) -> bytes:
        # What the configuration says, not the file it came from; the date is checked per entry.
        said = {name: value for name, value in vars(linter.config).items() if name not in ("source", "today")}
        return repr((FORMAT, code_fingerprint(), _stable(said), linter.arguments, keep)).encode()

    @staticmethod
    def _keys(prefixes: list[bytes], source: SourceFile) -> list[str] | None:
        """The file's key under each prefix (its bytes read once), or None: not worth a key."""
        try:
            with open(source.path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None  # refused unread (PM001): not worth a key, nor reading it all to make one
        keys = []
        for prefix in prefixes:
            digest = hashlib.sha256(prefix)
            digest.update(b"\0" + source.display.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(data)
            keys.append(digest.hexdigest())
        return keys

    def _result(self, key: str | None, source: SourceFile, today: str) -> FileResult | None:
        """The entry's result, if it holds for this file today."""
        entry = self._read(key) if key is not None else None
        if entry is not None and entry.today in (None, today) and entry.result.path == source.display:
            return entry.result
        return None

    # --- entries ----------------------------------------------------------------------------

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def _read(self, key: str) -> _Entry | None:
        path = self._path(key)
        try:
            with open(path, "rb") as handle:
                entry = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss, and goes
            _remove(path)
            return None
        return entry if isinstance(entry, _Entry) and isinstance(entry.result, FileResult) else None

    def _write(self, key: str, entry: _Entry) -> None:
        """Atomically (a reader sees the whole entry or none); a cache that cannot be written is skipped."""
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            # Not linter.atomic.write_atomic: an entry lost in a power cut is only a miss, so it
            # is not synced to disk first (a thousand syncs would cost more than the lint); and
            # named by process, not with tempfile, whose import costs the one-file gate 3 ms.
            temporary = f"{path}.{os.getpid()}.part"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                _remove(temporary)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass

    def _prune_now_and_then(self) -> None:
        """Delete entries older than MAX_AGE_DAYS, at most once a day (a marker file says when)."""
        marker = os.path.join(self.folder, "pruned")
        now = time.time()
        try:
            if now - os.stat(marker).st_mtime < 86_400:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            with open(marker, "w", encoding="utf-8"):
                pass
            oldest = now - MAX_AGE_DAYS * 86_400
            for shard in os.scandir(self.folder):
                if shard.is_dir(follow_symlinks=False):
                    for entry in os.scandir(shard.path):
                        if entry.stat(follow_symlinks=False).st_mtime < oldest:
                            _remove(entry.path)
        except OSError:
            pass


def _stable(value):
    """``value`` with its sets sorted, so that its repr is the same in every process (a set's
    order follows string hashing, which differs per process)."""
    if isinstance(value, (set, frozenset)):
        return ("set", sorted((_stable(item) for item in value), key=repr))
    if isinstance(value, dict):
        return {key: _stable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, _stable(vars(value)))
    return value


def _keepable(result: FileResult) -> bool:
    """Only results that another run would find the same: no crash, no budget finding, read."""
    return not result.internal_errors and not any(finding.code == "PM007" for finding in result.findings)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
