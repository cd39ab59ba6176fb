"""``postmortem import PATH... --out DIR``: bring an existing postmortem library into the format.

One file in the format per input, named ``YYYY-MM-DD-slug.md`` with the next free id of DIR;
prints what was inferred (and from which line) and what is left for the author. Inputs are
never changed; an existing file is never replaced without ``--force``; writes are atomic.

Exit codes: 0 every input imported; 1 some input could not be read or imported (the others
still are); 2 usage error (bad option, no input, DIR not a folder).
"""

from __future__ import annotations

import json
import os
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_SUFFIXES = (".md", ".markdown", ".md.erb", ".markdown.erb")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="convert existing postmortems (other templates) into the format",
        description="Convert Markdown postmortems in other shapes (no frontmatter, foreign YAML or TOML "
                    "frontmatter, ERB-wrapped, MyST) into the format: one file per input in DIR, the "
                    "frontmatter inferred from the text, the body kept as written. Exit 0: all imported; "
                    "1: some input could not be imported; 2: usage error.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="postmortem files, or folders of them (.md, .markdown, .md.erb)")
    parser.add_argument("--out", required=True, metavar="DIR", help="the corpus folder to write into (created if missing)")
    parser.add_argument("--zone", metavar="ZONE",
                        help="IANA zone of timelines that declare none, e.g. America/Los_Angeles (default: read as UTC, with a note)")
    parser.add_argument("--status", choices=["draft", "in-review", "published"], default="draft",
                        help="status of the imported files (default: draft)")
    parser.add_argument("--force", action="store_true", help="replace files that already exist in DIR (keeping their ids)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="report format (default: text)")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .postmortem.toml or pyproject.toml)")
    parser.set_defaults(run=run)


def _inputs(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to import (folders expanded, sorted) and the paths that are neither."""
    files, problems = [], []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(os.path.join(folder, name) for name in sorted(names) if name.lower().endswith(_SUFFIXES))
        elif os.path.isfile(path):
            files.append(path)
        else:
            problems.append((path, "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def _read(path: str) -> tuple[str | None, str | None]:
    from linter.document import MAX_FILE_BYTES, decode, read_regular_file

    try:
        raw = read_regular_file(path, MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, f"cannot read it: {error.strerror or error}"
    if raw is None:
        return None, "not a regular file"
    if len(raw) > MAX_FILE_BYTES:
        return None, f"larger than {MAX_FILE_BYTES // 1024} KiB; not a postmortem"
    text, problem, _ = decode(raw)
    return text, problem


def _corpus_ids(directory: str) -> dict[str, str]:
    """``file name -> id`` of the postmortems already in DIR."""
    from linter.corpus import summarize_frontmatter_only
    from linter.files import discover

    if not os.path.isdir(directory):
        return {}
    sources, _ = discover([directory])
    ids = {}
    for source in sources:
        identifier = summarize_frontmatter_only(source).id
        if identifier:
            ids[os.path.abspath(source.path)] = identifier
    return ids


def _valid_zone(zone: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):
        return False
    except Exception:  # zoneinfo raises its own ZoneInfoNotFoundError (a KeyError) or ValueError
        return False
    return True


def run(args) -> int:
    from linter.atomic import WriteRefused, write_atomic
    from linter.config import load_config
    from linter.paths import display_path
    from linter.importer import import_text

    config = load_config(args.config)
    if args.zone and not _valid_zone(args.zone):
        print(f"postmortem import: error: --zone '{args.zone}' is not an IANA zone name such as America/Los_Angeles", file=sys.stderr)
        return EXIT_USAGE
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        print(f"postmortem import: error: --out {args.out} is a file, not a folder", file=sys.stderr)
        return EXIT_USAGE
    files, missing = _inputs(args.paths)
    reports: list[dict] = [{"source": path, "error": problem} for path, problem in missing]
    if not files and not missing:
        print("postmortem import: error: no postmortem files (.md, .markdown, .md.erb) in the given paths", file=sys.stderr)
        return EXIT_USAGE
    existing = _corpus_ids(args.out)
    taken = set(existing.values())
    inputs = {os.path.realpath(path) for path in files}
    planned: set[str] = set()
    for path in files:
        shown = display_path(path)
        report: dict = {"source": shown}
        reports.append(report)
        text, problem = _read(path)
        if text is None:
            report["error"] = problem
            continue
        try:
            result = import_text(path, text, zone=args.zone, existing_ids=taken, config=config, status=args.status)
            target = _free_name(args.out, result.file_name, planned)
            previous = existing.get(os.path.abspath(target))
            if previous and args.force and previous != result.id:
                result = import_text(path, text, zone=args.zone, existing_ids=taken, config=config,
                                     status=args.status, identifier=previous)
        except RecursionError:
            report["error"] = "too deeply nested to read"
            continue
        except Exception as error:  # a defect in the importer: name the file, go on with the others
            report["error"] = f"internal error while importing ({type(error).__name__}: {error}); please report it"
            continue
        planned.add(target)
        taken.add(result.id)
        report.update(_describe(result, display_path(target)))
        if os.path.realpath(target) in inputs:
            report["error"] = f"{display_path(target)} is one of the inputs; not writing over it (choose another --out)"
            continue
        if args.dry_run:
            report["written"] = False
            continue
        try:
            write_atomic(target, result.text, overwrite=args.force)
            report["written"] = True
        except WriteRefused:
            report["error"] = f"{display_path(target)} already exists; not overwriting it (use --force to replace it)"
        except OSError as error:
            report["error"] = f"cannot write {display_path(target)}: {error.strerror or error}"
    _print(reports, args.format, args.dry_run)
    return EXIT_FAILED if any("error" in report for report in reports) else EXIT_OK


def _free_name(directory: str, name: str, planned: set[str]) -> str:
    """``DIR/name``, or ``name-2.md``… when an earlier input of this run already took it."""
    target = os.path.join(directory, name)
    stem, number = name[:-3], 2
    while target in planned:
        target = os.path.join(directory, f"{stem}-{number}.md")
        number += 1
    return target


def _describe(result, target: str) -> dict:
    return {
        "target": target, "id": result.id,
        "inferred": [{"key": key, "value": value, "line": line, "from": result.how.get(key, "")}
                     for key, value, line in result.inferred],
        "left_for_author": list(result.left_for_author),
        "sections": [{"line": line, "heading": heading, "section": section} for line, heading, section in result.sections],
        "rewritten": list(result.changes),
    }


def _print(reports: list[dict], fmt: str, dry_run: bool) -> None:
    if fmt == "json":
        print(json.dumps({"dry_run": dry_run, "files": reports}, indent=2, ensure_ascii=False))
        return
    for report in reports:
        if "target" in report:
            verb = "would write" if dry_run else ("wrote" if report.get("written") else "not written")
            print(f"{report['source']}: {verb} {report['target']} ({report['id']})")
            for item in report["inferred"]:
                where = f"line {item['line']}" if item["line"] else "no line"
                print(f"  inferred {item['key']}: {json.dumps(item['value'], ensure_ascii=False)}  ({where}: {item['from']})")
            mapped = [f"{s['heading']} -> {s['section']}" for s in report["sections"] if s["section"]]
            unmapped = [f"{s['heading']} (line {s['line']})" for s in report["sections"] if not s["section"]]
            if mapped:
                print(f"  sections: {'; '.join(mapped)}")
            if unmapped:
                print(f"  headings kept, not sections of the format: {'; '.join(unmapped)}")
            for change in report["rewritten"]:
                print(f"  rewritten: {change}")
            for note in report["left_for_author"]:
                print(f"  left for the author: {note}")
        if "error" in report:
            print(f"postmortem import: error: {report['source']}: {report['error']}", file=sys.stderr)
    imported = sum(1 for report in reports if "target" in report and "error" not in report)
    print(f"{imported} of {len(reports)} file(s) {'would be ' if dry_run else ''}imported")
