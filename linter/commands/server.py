"""``postmortem server``: the language server (LSP over standard input and output), for the
findings of ``postmortem lint`` in an editor as one types. docs/editor.md sets editors up.

It needs pygls (``pip install 'postmortem-kit[server]'``); without it the command says so and
exits 2, as for any usage error, with no traceback.
"""

from __future__ import annotations

import sys

EXIT_USAGE = 2


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("server", help="run the language server for editors (LSP over stdio)",
                                   description="Run the language server: an editor starts it and talks LSP over "
                                               "standard input and output (docs/editor.md). Exit 2: pygls is not installed.")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or "
                                                         "pyproject.toml from the workspace folder)")
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and only "
                                                            "transport; accepted because editors' clients pass it)")
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        from linter.server.protocol import serve
    except ModuleNotFoundError as error:
        if error.name not in ("pygls", "lsprotocol") and not (error.name or "").startswith(("pygls.", "lsprotocol.")):
            raise
        print("postmortem: error: the language server needs pygls, which is not installed: "
              "pip install 'postmortem-kit[server]'", file=sys.stderr)
        return EXIT_USAGE
    serve(args.config)
    return 0
