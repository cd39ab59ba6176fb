"""The ``postmortem`` subcommands, one module each: ``add_parser(subparsers)`` and ``run(args)``."""

from __future__ import annotations

import os
import sys

EXIT_USAGE = 2


def usage_error(message: str) -> int:
    """Say what is wrong on stderr; the exit code of a usage or configuration error."""
    print(f"postmortem: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def corpus_paths(given: list[str], config) -> list[str]:
    """The paths named on the command line, else the configured ones (relative to the config file)."""
    return given or [path if os.path.isabs(path) else os.path.join(config.root, path) for path in config.paths]
