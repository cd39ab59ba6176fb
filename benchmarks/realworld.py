"""Precision on real postmortems: import a folder of them, lint the result, compare with verdicts.

Real teams' postmortems (``../shared/realworld/`` beside the checkout, or any folder) are
imported with ``postmortem import``'s API, exactly as a team moving its library in would,
and linted with the default configuration. Each finding is keyed by the *source* file, the
source line it points at (``-`` for a value the importer inferred with no line) and the rule.

The verdicts kept in ``benchmarks/realworld/verdicts.tsv`` say, for findings a careful reviewer
has read, whether that reviewer would want them:

- ``want``: a finding a reviewer would ask the author to act on;
- ``noise``: not wrong as a statement, but nothing a reviewer would ask for;
- ``wrong``: the finding or its suggested fix would make the document wrong;
- ``missed``: a problem a reviewer saw that the linter does not report (the code says which
  rule should); it counts as *caught* once a finding with that key appears.

``benchmarks/realworld/judged.txt`` lists the documents whose every finding was read, so that a
finding that appears in one of them after a change is shown as new, to be read and judged.

    python benchmarks/realworld.py                 # per-rule precision over the judged documents
    python benchmarks/realworld.py --per-document  # findings per document
    python benchmarks/realworld.py --unjudged      # findings in judged documents with no verdict
    python benchmarks/realworld.py --template new.tsv  # those, as verdict rows to fill in

Nothing here reads the texts into the repository: verdict rows hold a location and a few words.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, REPO)

DEFAULT_FOLDER = os.path.join(REPO, "..", "shared", "realworld")
VERDICTS = os.path.join(HERE, "realworld", "verdicts.tsv")
JUDGED = os.path.join(HERE, "realworld", "judged.txt")
INFERENCE = os.path.join(HERE, "realworld", "inference.tsv")
INFERRED_FIELDS = ("title", "date", "started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at")
INFERENCE_KINDS = ("right", "wrong", "left-ok", "left-missed", "unsure")
VERDICT_KINDS = ("want", "noise", "wrong", "missed")
SOURCE_SUFFIXES = (".md", ".markdown", ".md.erb", ".markdown.erb")


@dataclass(frozen=True)
class Key:
    file: str  # the source file, relative to the folder
    line: str  # the source line as a string, or "-"
    code: str


@dataclass
class Measured:
    key: Key
    message: str

    @property
    def topic(self) -> str:
        return topic_of(self.key.code, self.message)


# What a finding is about, when one rule can report several things at one line (the missing
# section, the missing milestone, the placeholder's key): the format's own words, never the
# document's. A verdict row may name it (a sixth column) to match only that finding.
TOPICS = {
    "PM201": re.compile(r"required section '#+ ([^']+)'"),
    "PM306": re.compile(r"shows no (\w+)|has no entry at (\w+)"),
    "PM204": re.compile(r"placeholder .* in '([a-z_]+(?:\.[a-z_0-9]+)*)'"),
}


def topic_of(code: str, message: str) -> str:
    pattern = TOPICS.get(code)
    match = pattern.search(message) if pattern else None
    return next((group for group in match.groups() if group), "") if match else ""


def source_files(folder: str) -> list[str]:
    found = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories.sort()
        for name in sorted(names):
            if name.lower().endswith(SOURCE_SUFFIXES) and name.lower() != "readme.md":
                found.append(os.path.join(directory, name))
    return found


def measure(folder: str, inferred: dict[str, dict[str, str]] | None = None) -> tuple[list[Measured], list[str], list[str]]:
    """Import every file of ``folder``, lint what was imported; (findings, documents, failures).
    ``inferred``, when given, receives each document's inferred frontmatter values (as text)."""
    from linter.config import Config
    from linter.engine import lint_paths
    from linter.formatspec import ID_PATTERN
    from linter.importer import import_text

    findings: list[Measured] = []
    documents: list[str] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="realworld-") as corpus:
        origin: dict[str, tuple[str, object]] = {}  # imported file -> (source file, import result)
        ids: list[str] = []
        for path in source_files(folder):
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            documents.append(relative)
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                result = import_text(path, text, existing_ids=tuple(ids))
            except Exception as error:  # a crash is exactly what this script must show
                failures.append(f"{relative}: {type(error).__name__}: {error}")
                continue
            if re.fullmatch(ID_PATTERN, result.id):  # an undated file's id is left as TODO
                ids.append(result.id)
            if inferred is not None:
                inferred[relative] = {key: shown_value(key, value) for key, value, _ in result.inferred}
            target = os.path.join(corpus, _unique_name(corpus, result.file_name))
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(result.text)
            origin[os.path.realpath(target)] = (relative, result)
        run = lint_paths([corpus], Config(root=corpus), jobs=1)
        failures.extend(run.internal_errors)
        for finding in run.findings:
            source = origin.get(os.path.realpath(os.path.join(corpus, finding.path)))
            if source is None:
                source = origin.get(os.path.realpath(finding.path))
            if source is None:
                failures.append(f"finding on an unknown file: {finding.path}")
                continue
            relative, result = source
            line = result.source_line(finding.line)
            key = Key(relative, "-" if line is None else str(line), finding.code)
            findings.append(Measured(key, finding.message))
    return findings, documents, failures


def shown_value(field: str, value) -> str:
    """How an inferred value is kept in inference.tsv: a title only as a hash (no copied text)."""
    import hashlib

    if field == "title":
        return "sha1:" + hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:10]
    return str(value)


def read_inference(path: str) -> list[tuple[str, str, str, str, str]]:
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[1] not in INFERRED_FIELDS or parts[3] not in INFERENCE_KINDS:
                raise SystemExit(f"{path}:{number}: expected 'file<TAB>field<TAB>value<TAB>{'|'.join(INFERENCE_KINDS)}<TAB>reason'")
            rows.append((parts[0], parts[1], parts[2], parts[3], parts[4] if len(parts) > 4 else ""))
    return rows


def print_inference(rows, inferred: dict[str, dict[str, str]]) -> None:
    """The importer's inferences as judged, per field; the ones that changed since, to re-check."""
    counts: dict[str, Counter] = defaultdict(Counter)
    changed = []
    for file, field, judged_value, verdict, reason in rows:
        counts[field][verdict] += 1
        now = inferred.get(file, {}).get(field, "-")
        if now != judged_value:
            changed.append((file, field, judged_value, now, verdict, reason))
    print(f"importer inference, as judged: {'field':<16}" + "".join(f"{kind:>12}" for kind in INFERENCE_KINDS))
    for field in INFERRED_FIELDS:
        print(f"{'':<30}{field:<16}" + "".join(f"{counts[field][kind]:>12}" for kind in INFERENCE_KINDS))
    if changed:
        print(f"inferred values that changed since they were judged (re-check them): {len(changed)}")
        for file, field, before, now, verdict, reason in changed:
            print(f"  {file} {field}: {before} -> {now}  (was {verdict}: {reason})")


def _unique_name(folder: str, name: str) -> str:
    stem, extension = os.path.splitext(name)
    candidate, number = name, 2
    while os.path.exists(os.path.join(folder, candidate)):
        candidate, number = f"{stem}-{number}{extension}", number + 1
    return candidate


def read_verdicts(path: str) -> list[tuple[Key, str, str, str]]:
    """``(key, verdict, reason, topic)`` rows; the topic ('' when not given) is the sixth column."""
    rows: list[tuple[Key, str, str, str]] = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 4 or parts[3] not in VERDICT_KINDS:
                raise SystemExit(f"{path}:{number}: expected 'file<TAB>line<TAB>code<TAB>{'|'.join(VERDICT_KINDS)}<TAB>reason'")
            rows.append((Key(parts[0], parts[1], parts[2]), parts[3], parts[4] if len(parts) > 4 else "",
                         parts[5] if len(parts) > 5 else ""))
    return rows


def read_judged(path: str) -> set[str]:
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as handle:
        return {line.strip() for line in handle if line.strip() and not line.startswith("#")}


@dataclass
class Comparison:
    by_rule: dict[str, Counter]
    unjudged: list[Measured]  # findings in judged documents that no verdict covers
    lost: list[tuple[Key, str]]  # wanted findings that no longer appear
    caught: list[tuple[Key, str]]  # 'missed' rows now found
    still_missed: list[tuple[Key, str]]


def compare(findings: list[Measured], verdicts: list[tuple[Key, str, str, str]], judged: set[str]) -> Comparison:
    pending: dict[Key, list[tuple[str, str, str]]] = defaultdict(list)
    missed: dict[Key, list[str]] = defaultdict(list)
    for key, verdict, reason, topic in verdicts:
        (missed[key].append(reason) if verdict == "missed" else pending[key].append((verdict, reason, topic)))
    by_rule: dict[str, Counter] = defaultdict(Counter)
    unjudged: list[Measured] = []
    found_keys: Counter = Counter()
    for item in findings:
        found_keys[item.key] += 1
        row = _matching_row(pending.get(item.key, []), item.topic)
        if item.key.file not in judged:
            if row is not None:  # a verdict on one finding of a document not read whole: still kept
                pending[item.key].remove(row)
            continue
        by_rule[item.key.code]["findings"] += 1
        if row is not None:
            pending[item.key].remove(row)
            by_rule[item.key.code][row[0]] += 1
        else:
            by_rule[item.key.code]["unjudged"] += 1
            unjudged.append(item)
    lost = [(key, reason) for key, rows in pending.items() for verdict, reason, _ in rows if verdict == "want"]
    caught = [(key, reason) for key, reasons in missed.items() for reason in reasons if found_keys[key]]
    still = [(key, reason) for key, reasons in missed.items() for reason in reasons if not found_keys[key]]
    return Comparison(by_rule, unjudged, lost, caught, still)


def _matching_row(rows: list[tuple[str, str, str]], topic: str):
    """The row for a finding about ``topic``: one naming that topic, else the first naming none."""
    return (next((row for row in rows if row[2] and row[2] == topic), None)
            or next((row for row in rows if not row[2]), None))


def precision(counts: Counter) -> float | None:
    judged = counts["want"] + counts["noise"] + counts["wrong"]
    return counts["want"] / judged if judged else None


def print_rules(comparison: Comparison, all_findings: list[Measured]) -> None:
    everywhere = Counter(item.key.code for item in all_findings)
    print(f"{'rule':<8}{'all docs':>9}{'judged':>8}{'want':>6}{'noise':>7}{'wrong':>7}{'new':>5}  precision")
    total = Counter()
    for code in sorted(set(everywhere) | set(comparison.by_rule)):
        counts = comparison.by_rule.get(code, Counter())
        total.update(counts)
        value = precision(counts)
        shown = "" if value is None else f"{value:6.0%}"
        print(f"{code:<8}{everywhere[code]:>9}{counts['findings']:>8}{counts['want']:>6}{counts['noise']:>7}"
              f"{counts['wrong']:>7}{counts['unjudged']:>5}  {shown}")
    value = precision(total)
    print(f"{'all':<8}{len(all_findings):>9}{total['findings']:>8}{total['want']:>6}{total['noise']:>7}"
          f"{total['wrong']:>7}{total['unjudged']:>5}  {'' if value is None else f'{value:6.0%}'}")
    low = [code for code, counts in comparison.by_rule.items()
           if counts["findings"] >= 5 and (precision(counts) or 0) < 0.8]
    if low:
        print(f"rules firing 5+ times below 80% precise: {', '.join(sorted(low))}")
    wrong = sum(counts["wrong"] for counts in comparison.by_rule.values())
    if wrong:
        print(f"findings whose message or fix would make the document wrong: {wrong}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=DEFAULT_FOLDER, help="folder of real postmortems")
    parser.add_argument("--verdicts", default=VERDICTS)
    parser.add_argument("--judged", default=JUDGED)
    parser.add_argument("--per-document", action="store_true", help="findings per document and rule")
    parser.add_argument("--unjudged", action="store_true", help="list findings in judged documents with no verdict")
    parser.add_argument("--all", action="store_true", help="with --unjudged: every document, judged or not")
    parser.add_argument("--template", metavar="FILE", help="write those findings as verdict rows ('?' to fill in)")
    parser.add_argument("--inference", action="store_true", help="also the importer's inferred values against inference.tsv")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.folder):
        print(f"no folder of real postmortems at {args.folder}", file=sys.stderr)
        return 2
    inferred: dict[str, dict[str, str]] = {}
    findings, documents, failures = measure(args.folder, inferred)
    judged = set(documents) if args.all else read_judged(args.judged)
    comparison = compare(findings, read_verdicts(args.verdicts), judged)
    folders = Counter(document.split("/")[0] for document in documents)
    print(f"{len(documents)} documents ({', '.join(f'{name} {count}' for name, count in sorted(folders.items()))}); "
          f"{len(findings)} findings; {len(judged & set(documents))} documents judged")
    for failure in failures:
        print(f"FAILED: {failure}")
    print_rules(comparison, findings)
    if comparison.lost:
        print(f"wanted findings that no longer appear: {len(comparison.lost)}")
        for key, reason in comparison.lost:
            print(f"  lost  {key.file}:{key.line} {key.code}  ({reason})")
    if comparison.caught or comparison.still_missed:
        print(f"misses the verdicts record: caught {len(comparison.caught)}, still missed {len(comparison.still_missed)}")
        for key, reason in comparison.still_missed:
            print(f"  missed  {key.file}:{key.line} {key.code}  ({reason})")
    if args.inference:
        print_inference(read_inference(INFERENCE), inferred)
    if args.per_document:
        per_document: dict[str, Counter] = defaultdict(Counter)
        for item in findings:
            per_document[item.key.file][item.key.code] += 1
        for document in documents:
            counts = per_document.get(document, Counter())
            summary = " ".join(f"{code}x{count}" for code, count in sorted(counts.items()))
            print(f"{sum(counts.values()):>4}  {document}  {summary}")
    if args.unjudged:
        for item in comparison.unjudged:
            print(f"{item.key.file}:{item.key.line}\t{item.key.code}\t{item.message}")
    if args.template:
        with open(args.template, "w", encoding="utf-8") as handle:
            for item in comparison.unjudged:
                # No message in the row: messages quote the document, and verdicts keep no copied text.
                handle.write(f"{item.key.file}\t{item.key.line}\t{item.key.code}\t?\t\t{item.topic}\n")
        print(f"wrote {len(comparison.unjudged)} rows to fill in to {args.template}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
