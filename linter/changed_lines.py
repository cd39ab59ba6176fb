"""Which lines changed: the findings ``postmortem lint --changed-since REF --changed-lines`` keeps.

Reviewers want annotations on what a pull request changed, not on every old weakness of a
file it touched (vale-action #21, reviewdog's ``added`` filter). The lines come from one
``git diff -U0`` against the same base as ``--changed-since`` (where the branch left REF,
working tree included). A finding is kept when

- its file is new (added or untracked): every finding, file-level ones included;
- its file was modified and the finding's lines touch a line the branch added or changed;
- its file did not change at all: such findings come from corpus rules that the change broke
  elsewhere (a ``related`` id that no longer exists), so they are the change's doing and stay.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from linter.changed import ChangedFilesError, _base, _git, _key, _paths, _stderr, repository_root
from linter.findings import Finding
from linter.safe_text import safe_excerpt

_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}


@dataclass
class ChangedLines:
    new_files: set[str] = field(default_factory=set)  # as changed._key
    lines: dict[str, set[int]] = field(default_factory=dict)  # modified file -> added/changed line numbers

    def keeps(self, finding: Finding) -> bool:
        key = _key(finding.path)
        if key in self.new_files:
            return True
        changed = self.lines.get(key)
        if changed is None:
            return True  # an unchanged file: a corpus finding the change caused
        last = max(finding.end_line or finding.line, finding.line)
        return any(line in changed for line in range(finding.line, last + 1))


def unquote_path(raw: bytes) -> str:
    """A path as git prints it in a patch header: C-quoted when it holds special bytes."""
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        return os.fsdecode(raw)
    out, body, index = bytearray(), raw[1:-1], 0
    while index < len(body):
        byte = body[index:index + 1]
        if byte != b"\\" or index + 1 >= len(body):
            out += byte
            index += 1
            continue
        escape = body[index + 1:index + 2]
        if escape in _ESCAPES:
            out.append(_ESCAPES[escape])
            index += 2
        elif body[index + 1:index + 4].isdigit():
            out.append(int(body[index + 1:index + 4], 8) & 0xFF)
            index += 4
        else:
            out += escape
            index += 2
    return os.fsdecode(bytes(out))


def parse_patch(patch: bytes, root: str) -> ChangedLines:
    """Added files and added line numbers per file from ``git diff -U0 --no-prefix`` output.

    A hunk's body is skipped by its counts, not by its look: an added line whose text starts
    with ``++ `` reads ``+++ …`` in the patch, like a header.
    """
    result = ChangedLines()
    current: str | None = None
    new_file = False
    body_left = 0
    for line in patch.split(b"\n"):
        if body_left > 0 and line[:1] in (b"+", b"-", b" "):
            body_left -= 1
            continue
        if line.startswith(b"\\"):  # "\ No newline at end of file"
            continue
        body_left = 0
        if line.startswith(b"diff --git "):
            current, new_file = None, False
        elif line.startswith(b"new file mode"):
            new_file = True
        elif line.startswith(b"+++ "):
            target = line[4:]
            if target == b"/dev/null":
                current = None
                continue
            current = _key(os.path.join(root, unquote_path(target.split(b"\t")[0])))
            if new_file:
                result.new_files.add(current)
            else:
                result.lines.setdefault(current, set())
        elif current is not None and (match := _HUNK.match(line)):
            old_count = int(match.group(2) or b"1")
            start, count = int(match.group(3)), int(match.group(4) or b"1")
            result.lines.setdefault(current, set()).update(range(start, start + count))
            body_left = old_count + count
    for path in result.new_files:
        result.lines.pop(path, None)
    return result


def changed_lines(ref: str, cwd: str | None = None) -> ChangedLines:
    root = repository_root(cwd or os.getcwd())
    base = _base(ref, root)
    diff = _git(["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-prefix", "--no-ext-diff",
                 "--no-textconv", "--find-renames", "--diff-filter=d", "--ignore-submodules", base, "--"], root)
    if diff.returncode != 0:
        raise ChangedFilesError(f"git diff against '{safe_excerpt(ref)}' failed: {_stderr(diff)}")
    result = parse_patch(diff.stdout, root)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    if untracked.returncode != 0:
        raise ChangedFilesError(f"git ls-files failed: {_stderr(untracked)}")
    result.new_files.update(_key(os.path.join(root, path)) for path in _paths(untracked.stdout))
    return result
