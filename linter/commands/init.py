"""``postmortem init [DIR]``: set a team's repository up for postmortems, working at once.

Writes what ``linter.init_files`` lists. It never replaces a file that exists (it says which
it left alone; ``--force`` replaces them), so running it twice changes nothing.
"""

from __future__ import annotations

import os
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "init", help="set up a repository for postmortems: site, configuration, pre-commit, CI workflow, an example")
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR", help="the repository (default: here)")
    parser.add_argument("--bare", action="store_true", help="no example postmortem")
    parser.add_argument("--pages", action="store_true", help="also deploy the site to GitHub Pages from main")
    parser.add_argument("--package", metavar="SPEC",
                        help="what the CI workflow installs (default: postmortem-kit==<this version>; "
                             "a git URL or your index's name when the kit is not on PyPI)")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.set_defaults(run=run)


def run(args) -> int:
    from linter.atomic import WriteRefused, write_atomic
    from linter.config import load_config
    from linter.init_files import InitOptions, files
    from linter.schema import build_schema

    root = args.directory
    if os.path.exists(root) and not os.path.isdir(root):
        print(f"postmortem init: {root} is not a directory", file=sys.stderr)
        return 2
    options = InitOptions(bare=args.bare, pages=args.pages, **({"package": args.package} if args.package else {}))
    schema = build_schema(load_config(start=root if os.path.isdir(root) else None))
    written, kept = [], []
    for relative, content in files(options, schema).items():
        path = os.path.join(root, relative)
        if os.path.lexists(path) and not args.force:
            kept.append(relative)
            continue
        if os.path.lexists(path) and not os.path.isfile(path):
            print(f"postmortem init: {path} exists and is not a regular file; left alone", file=sys.stderr)
            kept.append(relative)
            continue
        try:
            write_atomic(path, content, overwrite=args.force)
        except WriteRefused:
            kept.append(relative)
            continue
        except OSError as error:
            print(f"postmortem init: cannot write {path}: {error.strerror or error}", file=sys.stderr)
            return 2
        written.append(relative)
    for relative in written:
        print(f"wrote {relative}")
    for relative in kept:
        print(f"left alone {relative} (it exists; --force replaces it)")
    if written:
        print("next: `pre-commit install`, then `postmortem lint` and `mkdocs build --strict`; "
              "`postmortem new \"Title\"` starts a postmortem")
    else:
        print("nothing to do: every file exists")
    return 0
