"""A small LSP client for the end-to-end tests and the benchmark: JSON-RPC over the standard
input and output of a real ``python -m linter server`` process, with LSP's Content-Length
framing. A reader thread collects what the server sends; the tests wait on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ServerGone(Exception):
    pass


class LspClient:
    def __init__(self, cwd: str | os.PathLike, args: tuple[str, ...] = (), env: dict | None = None):
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "server", *args], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
        self.messages: list[dict] = []  # everything received, in order
        self._condition = threading.Condition()
        self._next_id = 0
        self.stderr: list[str] = []  # what the server logged (read as it comes: a full pipe would block it)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    # --- framing ---------------------------------------------------------------------------

    def send_raw(self, body: bytes) -> None:
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _send(self, message: dict) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    with self._condition:
                        self._condition.notify_all()
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            message["_received"] = time.perf_counter()
            with self._condition:
                self.messages.append(message)
                self._condition.notify_all()

    # --- requests and notifications -----------------------------------------------------------

    def notify(self, method: str, params: dict | None = None) -> None:
        self._send({"method": method, "params": params or {}})

    def request(self, method: str, params: dict | None = None, timeout: float = 10) -> dict:
        """The response message (``result`` or ``error``)."""
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params or {}})
        return self.wait_for(lambda m: m.get("id") == number and "method" not in m, timeout)

    def wait_for(self, matches, timeout: float = 10, after: int = 0) -> dict:
        """The first message from index ``after`` on that ``matches``."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for message in self.messages[after:]:
                    if matches(message):
                        return message
                if self.process.poll() is not None and not self._reader.is_alive():
                    raise ServerGone("".join(self.stderr))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no such message within {timeout} s; received: {self.messages[after:]}")
                self._condition.wait(left)

    def diagnostics(self, uri: str, after: int = 0, version: int | None = None, timeout: float = 10) -> dict:
        """The next publishDiagnostics for ``uri`` (of that document version, when given)."""
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri
                             and (version is None or m["params"].get("version") == version), timeout, after)["params"]

    # --- the LSP conversation -------------------------------------------------------------------

    def initialize(self, root: str | os.PathLike, options: dict | None = None, encodings=None) -> dict:
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        response = self.request("initialize", {"processId": os.getpid(), "rootUri": Path(root).resolve().as_uri(),
                                                "capabilities": capabilities, "initializationOptions": options or {}})
        self.notify("initialized", {})
        return response["result"]

    def open(self, path: str | os.PathLike, text: str | None = None, version: int = 1) -> str:
        uri = Path(path).resolve().as_uri()
        text = Path(path).read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                              "version": version, "text": text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        """The whole text as the new content (what a client with full sync sends)."""
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", timeout=5)
                self.notify("exit")
                self.process.wait(timeout=5)
        except (TimeoutError, ServerGone, BrokenPipeError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                try:
                    stream.close()
                except OSError:
                    pass

    def __enter__(self) -> "LspClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
