"""Applying fixes: ``postmortem lint --fix``, ``--unsafe-fixes`` and ``--diff``.

Each file is fixed in memory, over several passes: the fixes of one pass that do not overlap
are applied, the text is linted again, and the next pass takes what is left, until nothing
changes. A fix's spans are positions of the document the rules read (line endings folded);
they are mapped onto the file's own text here, so every byte outside them stays as it was
(CRLF endings, a BOM, trailing blanks, the other frontmatter keys). Files are written only
after every pass, atomically and keeping their permissions, and only when they are still what
was read: a file changed meanwhile is refused, never overwritten.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from linter import budget
from linter.fix_apply import apply_fixes
from linter.fixes import Applicability, Fix

MAX_PASSES = 10  # each pass applies at least one fix; real files settle in two or three
# What a fix brings by design: a required section inserted with only its hint is empty (PM203).
BROUGHT_BY_DESIGN = {"PM201": frozenset({"PM203"})}


@dataclass
class FixedFile:
    path: str  # what is written (a symbolic link's target)
    display: str  # as findings show it
    original: bytes  # as read: the file must still hold this when it is written
    before: str  # the text as read (BOM kept)
    after: str  # the text with the fixes applied
    fixes: list[Fix] = field(default_factory=list)  # applied, in the order of the passes
    unsafe_left: int = 0  # fixes left that only --unsafe-fixes applies


@dataclass
class FixRun:
    files: list[FixedFile] = field(default_factory=list)  # every file with an applicable fix
    unsafe_left: int = 0  # in files that had no applicable fix
    problems: list[str] = field(default_factory=list)  # files that could not be fixed, as messages

    @property
    def changed(self) -> list[FixedFile]:
        return [fixed for fixed in self.files if fixed.after != fixed.before]

    @property
    def applied(self) -> int:
        return sum(len(fixed.fixes) for fixed in self.changed)


# --- fixing files ------------------------------------------------------------------------------


def lint_text(linter, display: str, text: str) -> list | None:
    """The findings of one file's text, as the engine reports them (None: over its budget)."""
    from linter.document import parse_text

    try:
        with budget.metered(linter.config.file_budget) as meter:
            document = parse_text(display, text)
            result = linter.check_document(document, meter)
    except budget.BudgetExceeded:
        return None  # reported by the lint run; the file is left as it is
    return linter.finish([result], [])


def checked_findings(linter, display: str, text: str, unsafe: bool = True) -> list | None:
    """The findings of a text, each fix kept only when applying it brings no finding of another
    rule (a frontmatter stamp set from the timeline must not put the stamps out of order): what
    ``--fix`` applies, and what an editor should offer. ``linter`` has ``fixes=True``; without
    ``unsafe`` the unsafe fixes are kept unchecked (not applied, only counted)."""
    findings = lint_text(linter, display, text)
    if findings is None:
        return None
    counts = Counter(finding.code for finding in findings)
    checked = []
    for finding in findings:
        fix = finding.fix
        if fix is not None and (unsafe or fix.applicability is Applicability.SAFE) \
                and not _brings_nothing_else(linter, display, text, finding, counts):
            finding = dataclasses.replace(finding, fix=None, fixable=None)
        checked.append(finding)
    return checked


def _brings_nothing_else(linter, display: str, text: str, finding, counts: Counter) -> bool:
    fixed, applied = apply_fixes(text, [finding.fix])
    after = lint_text(linter, display, fixed) if applied else None
    if after is None:
        return False
    allowed = BROUGHT_BY_DESIGN.get(finding.code, frozenset()) | {finding.code}
    return all(count <= counts[code] for code, count in Counter(f.code for f in after).items() if code not in allowed)


def fix_text(linter, display: str, text: str, unsafe: bool) -> tuple[str, list[Fix], int]:
    """Fix one file's text: ``(new text, fixes applied, unsafe fixes left)``. ``linter`` is an
    ``engine.Linter`` made with ``fixes=True``."""
    applied: list[Fix] = []
    unsafe_left = 0
    for _ in range(MAX_PASSES):
        findings = checked_findings(linter, display, text, unsafe)
        if findings is None:
            break
        fixes = [finding.fix for finding in findings if finding.fix is not None]
        wanted = [fix for fix in fixes if unsafe or fix.applicability is Applicability.SAFE]
        unsafe_left = len(fixes) - len(wanted)
        if not wanted:
            break
        new_text, used = apply_fixes(text, wanted)
        if new_text == text:
            break
        text = new_text
        applied.extend(used)
    return text, applied, unsafe_left


def fix_sources(linter, sources, unsafe: bool) -> FixRun:
    from linter.document import MAX_FILE_BYTES, decode, read_regular_file

    run = FixRun()
    for source in sources:
        try:
            raw = read_regular_file(source.path, MAX_FILE_BYTES + 1)
        except OSError:
            continue  # the lint run reports it (PM001)
        if raw is None or len(raw) > MAX_FILE_BYTES:
            continue
        text, problem, _ = decode(raw)
        if text is None:
            continue
        bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
        after, applied, unsafe_left = fix_text(linter, source.display, text, unsafe)
        if applied:
            run.files.append(FixedFile(os.path.realpath(source.path), source.display, raw, bom + text, bom + after,
                                       applied, unsafe_left))
        else:
            run.unsafe_left += unsafe_left
    return run


def write_fixed(fixed: FixedFile) -> str | None:
    """Write a fixed file in place; a message when it is refused (it changed since it was read)."""
    from linter.atomic import write_atomic
    from linter.document import MAX_FILE_BYTES, read_regular_file

    try:
        now = read_regular_file(fixed.path, MAX_FILE_BYTES + 1)
    except OSError as error:
        return f"{fixed.display}: cannot read it again before writing: {error.strerror or error}; not fixed"
    if now != fixed.original:
        return f"{fixed.display}: changed on disk while it was being fixed; not overwritten (run --fix again)"
    try:
        write_atomic(fixed.path, fixed.after, overwrite=True)
    except OSError as error:
        return f"{fixed.display}: cannot write it: {error.strerror or error}; not fixed"
    return None


# --- --diff ------------------------------------------------------------------------------------


def unified_diff(fixed: FixedFile) -> str:
    """The fix as a unified diff with ``a/PATH`` and ``b/PATH`` headers (``patch -p1`` and
    ``git apply`` take it), lines ending as in the file, and the marker for a last line
    without a line ending."""
    name = fixed.display.replace(os.sep, "/")
    out = []
    for line in difflib.unified_diff(_lines(fixed.before), _lines(fixed.after), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    r"""Lines as ``patch`` reads them: ended by ``\n`` only (a CRLF line keeps its ``\r``)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)
