"""The wiring: the pygls server, its handlers, and when each file is checked. The only
module that knows pygls; the features are plain functions in their own modules.

When: on open and on save at once; on change after ``DEBOUNCE_SECONDS`` without another
change. The debounce keeps a burst of keystrokes to one lint (a typist's keys come 100-200 ms
apart; a check of an example postmortem takes 5-20 ms, benchmarks/README.md), and is short
enough that the findings are there when the typist pauses: 0.1 s, plus the lint, stays under
the ~0.2-0.3 s at which feedback starts to feel late. A client may set it
(``initializationOptions: {"debounceMs": N}``). A save also rescans the corpus in the
background (another file's id may have changed), as does a change on disk the client reports
(``workspace/didChangeWatchedFiles``, which the server registers for where the client can
watch files), and every open file is checked again when the scan is done. Checks run on the event loop, one at a time, so the linter's state is never
shared between threads; the scan only reads files.

Only files under the configured paths (what ``postmortem lint`` checks without arguments) get
findings; other Markdown files open in the editor get none.

Errors never stop the server and never print a traceback: a message that cannot be parsed,
a file that cannot be read, a configuration error or a rule that crashes is told to the
user as a ``window/showMessage`` error, and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import logging
import os

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from linter import __version__
from linter.config import ConfigError, load_config
from linter.document import MAX_FILE_BYTES, decode, file_lines, read_regular_file
from linter.server import actions, completion, definition, hover
from linter.server.checker import Check, Checker
from linter.server.diagnostics import diagnostic
from linter.server.positions import UTF16

DEBOUNCE_SECONDS = 0.1
NAME = "postmortem"


class Unreadable(Exception):
    """A file the editor asked about that is not open and cannot be read from disk."""


class PostmortemServer(LanguageServer):
    def __init__(self, config_path: str | None = None):
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.config_path = config_path
        self.checker: Checker | None = None
        self.debounce = DEBOUNCE_SECONDS
        self.loop: asyncio.AbstractEventLoop | None = None
        self.opened: set[str] = set()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.checks: dict[str, tuple[str, int, Check]] = {}  # uri -> (the text checked, the corpus scan, its check)
        self.told: set[str] = set()  # error messages already shown (a crash is told once, not per keystroke)

    # --- what the handlers share ----------------------------------------------------------

    @property
    def encoding(self) -> str:
        chosen = getattr(self.workspace, "position_encoding", None) or UTF16
        return str(getattr(chosen, "value", chosen))

    def tell(self, message: str, once: bool = False) -> None:
        if once:
            if message in self.told:
                return
            self.told.add(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"postmortem: {message}"))

    def start(self, root: str | None, options) -> None:
        """Load the configuration (as ``lint`` finds it, from the workspace root) and start
        the corpus scan."""
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)) \
                and not isinstance(options.get("debounceMs"), bool) and 0 <= options["debounceMs"] <= 10_000:
            self.debounce = options["debounceMs"] / 1000
        try:
            config = load_config(self.config_path, root)
        except ConfigError as error:
            self.tell(f"configuration error: {error}; no file is checked until it is fixed and the server restarted")
            return
        self.loop = asyncio.get_running_loop()
        self.checker = Checker(config, on_ready=self._corpus_ready, on_error=self._from_thread)
        self.checker.corpus.refresh()

    def _from_thread(self, message: str) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.tell, message)

    def _corpus_ready(self) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._corpus_read)

    def _corpus_read(self) -> None:
        """Said on the client's log (the tests wait for it), then the open files checked again."""
        count = len(self.checker.corpus.summaries) if self.checker is not None else 0
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Info,
                                                       message=f"postmortem: corpus read: {count} postmortems"))
        self.recheck_open()

    def recheck_open(self) -> None:
        for uri in sorted(self.opened):
            self.publish(uri)

    def text_of(self, uri: str) -> str:
        """The editor's text of an open file, else the file on disk (a request about a file
        not opened); ``Unreadable`` when it cannot be read."""
        if uri in self.opened:
            return self.workspace.get_text_document(uri).source
        path = to_fs_path(uri)
        if path is None:
            raise Unreadable(f"{uri}: not a file")
        try:
            raw = read_regular_file(path, MAX_FILE_BYTES + 1)
        except OSError as error:
            raise Unreadable(f"cannot read {path}: {error.strerror or error}") from None
        if raw is None:
            raise Unreadable(f"cannot read {path}: not a regular file")
        text, problem, _ = decode(raw)
        if text is None:
            raise Unreadable(f"cannot read {path}: {problem}")
        return text

    def check(self, uri: str) -> tuple[str, list[str], Check] | None:
        """The text, its lines and its check (reused while the text and the corpus are the
        ones checked: hover, completion and code actions after a publish cost no lint)."""
        if self.checker is None:
            return None
        text = self.text_of(uri)
        scan = self.checker.corpus.scans
        known = self.checks.get(uri)
        if known is not None and known[:2] == (text, scan):
            found = known[2]
        else:
            path = to_fs_path(uri) or uri
            found = self.checker.check(path, text)
            if not self.checker.in_corpus(path):
                # Only the postmortems `lint` checks by default (the configured paths): a README
                # or a changelog open beside them is Markdown, not a postmortem to judge.
                found = Check([], found.summary)
            if uri in self.opened:
                self.checks[uri] = (text, scan, found)
        for crash in found.internal_errors:
            self.tell(crash, once=True)
        return text, file_lines(text), found

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.opened:
            return
        try:
            checked = self.check(uri)
        except Unreadable as error:
            self.tell(str(error))
            return
        except Exception as error:  # noqa: BLE001 - one file's problem must not stop the server
            self.tell(f"could not check {uri} ({type(error).__name__}: {error}); please report this with the file", once=True)
            return
        if checked is None:
            return
        _, lines, found = checked
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[diagnostic(finding, lines, self.encoding) for finding in found.findings]))

    def publish_later(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if self.loop is None:
            return
        self.pending[uri] = self.loop.call_later(self.debounce, self.publish, uri)

    def answer(self, uri: str, work):
        """Run a request's ``work(text, lines, check)``; a file that cannot be read, or a
        failure, is told and answered with nothing."""
        try:
            checked = self.check(uri)
            return None if checked is None else work(*checked)
        except Unreadable as error:
            self.tell(str(error))
        except Exception as error:  # noqa: BLE001 - as in publish
            self.tell(f"could not answer about {uri} ({type(error).__name__}: {error}); please report this", once=True)
        return None


def build_server(config_path: str | None = None) -> PostmortemServer:
    server = PostmortemServer(config_path)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PostmortemServer, params: types.InitializeParams) -> None:
        root = to_fs_path(params.root_uri) if params.root_uri else params.root_path
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri) or root
        ls.start(root if root and os.path.isdir(root) else None, params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: PostmortemServer, params: types.InitializedParams) -> None:
        """Ask the client to tell of Markdown files changed on disk (a checkout, a pull, another
        editor): the corpus is read again then, not only on a save here."""
        watched = getattr(getattr(ls.client_capabilities.workspace, "did_change_watched_files", None),
                          "dynamic_registration", False)
        if ls.checker is not None and watched:
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="postmortem-markdown-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern="**/*.md")]))]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: PostmortemServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.checker is not None and params.changes:
            ls.checker.corpus.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PostmortemServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened.add(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PostmortemServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PostmortemServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)
        if ls.checker is not None:
            ls.checker.corpus.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PostmortemServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.opened.discard(uri)
        ls.checks.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: PostmortemServer, params: types.HoverParams):
        return ls.answer(params.text_document.uri,
                         lambda text, lines, found: hover.hover(found.findings, lines, params.position, ls.encoding))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "-", ",", "["]))
    def on_completion(ls: PostmortemServer, params: types.CompletionParams):
        def complete(text, lines, found):
            corpus = ls.checker.corpus
            ids = sorted(set(corpus.ids(exclude_path=found.summary.path)) - {found.summary.id})
            items = completion.completions(lines, params.position, ls.checker.config, corpus.services(), ids, ls.encoding)
            return types.CompletionList(is_incomplete=not corpus.ready, items=items)
        return ls.answer(params.text_document.uri, complete)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
    def on_code_action(ls: PostmortemServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        path = to_fs_path(uri) or uri
        only = [str(getattr(kind, "value", kind)) for kind in params.context.only] if params.context.only else None

        def offer(text, lines, found):
            offered = []
            if not ls.checker.in_corpus(path):
                return offered  # no findings there, nothing to fix
            if actions.wanted_kind(types.CodeActionKind.QuickFix.value, only):
                offered += actions.code_actions(uri, text, lines, params.range, found.findings,
                                                ls.checker.with_fixes(path, text),
                                                lambda other: ls.checker.check(path, other).findings, ls.encoding)
            if actions.wanted_kind(actions.FIX_ALL, only):
                everything = actions.fix_all(uri, text, ls.checker.fixed(path, text), ls.encoding)
                offered += [everything] if everything is not None else []
            return offered
        return ls.answer(uri, offer)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: PostmortemServer, params: types.DefinitionParams):
        def locate(text, lines, found):
            return definition.definition(lines, params.position, ls.checker.corpus.summaries,
                                         lambda path: from_fs_path(os.path.abspath(path)), ls.encoding)
        return ls.answer(params.text_document.uri, locate)

    return server


class _NoTracebacks(logging.Formatter):
    """pygls logs a message it cannot handle with its traceback (as exc_info, or formatted
    into the text): on the editor's server log the first line says it (the user was told by
    window/showMessage already)."""

    def formatException(self, exc_info) -> str:  # noqa: N802 - logging's name
        return ""

    def formatStack(self, stack_info) -> str:  # noqa: N802
        return ""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None
        lines = super().format(record).splitlines()
        return lines[0] if lines else ""


def serve(config_path: str | None = None) -> None:
    """Serve over standard input and output until the client exits."""
    handler = logging.StreamHandler()
    handler.setFormatter(_NoTracebacks("postmortem server: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    build_server(config_path).start_io()
