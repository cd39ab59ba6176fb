"""The ``postmortem`` command.

Exit codes: 0 no findings at error level (with ``--strict``: no warnings either; notes never count), 1 findings
at error level, 2 usage or configuration error, or an internal error in a rule (reported on
stderr; the other rules and files are still checked). Subcommands import only what they need, so
linting one file from a pre-commit hook starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from linter import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Subcommand name -> module under linter.commands (explicit, in the order `--help` lists them).
COMMANDS = {
    "init": "init",
    "lint": "lint",
    "rules": "rules",
    "explain": "explain",
    "schema": "schema",
    "new": "new",
    "report": "report",
    "actions": "actions",
    "import": "import_",
    "timeline": "timeline",
    "server": "server",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2, as documented
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="postmortem", description="Lint, scaffold and report on Markdown incident postmortems.")
    parser.add_argument("--version", action="version", version=f"postmortem-kit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(f"linter.commands.{module_name}")
        except ModuleNotFoundError as error:
            if error.name == f"linter.commands.{module_name}":
                continue  # a command not built yet
            raise
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    from linter.config import ConfigError

    try:
        return args.run(args)
    except ConfigError as error:
        print(f"postmortem: configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
