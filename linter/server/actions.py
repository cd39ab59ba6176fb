"""Code actions for the findings in the editor's selection: the rule's own fix (what ``lint
--fix`` applies, ``--unsafe-fixes`` for the unsafe ones, each checked to bring no other
finding), and "disable for this line", the suppression comment that silences it there; and
for the whole file, every safe fix at once (``lint --fix``'s text), for fix-on-save.

Every action is computed as the text after it (``fix_apply.apply_fixes``, the very code
``--fix`` writes with, so line endings and every byte outside the fix stay), then sent as the
one edit that turns the buffer into that text. A suppression is offered only where it
works: the text with it is linted again, and it must remove that finding and add none.
"""

from __future__ import annotations

from typing import Callable

from lsprotocol import types

from linter.findings import Finding
from linter.fix_apply import apply_fixes, line_starts
from linter.frontmatter import split_frontmatter
from linter.rules import BY_CODE
from linter.server.diagnostics import diagnostic
from linter.server.positions import UTF16, offset_to_lsp


def text_edit(before: str, after: str, encoding: str = UTF16) -> types.TextEdit:
    """The single edit that turns ``before`` into ``after``: the span between their common
    beginning and their common end."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]:
        suffix += 1
    starts = line_starts(before)
    start = offset_to_lsp(before, starts, prefix, encoding)
    end = offset_to_lsp(before, starts, len(before) - suffix, encoding)
    return types.TextEdit(types.Range(types.Position(*start), types.Position(*end)), after[prefix:len(after) - suffix])


def suppressed_line(lines: list[str], text: str, finding: Finding) -> str | None:
    """The text with ``disable-line=CODE`` at the end of the finding's line, where a comment
    can be written: in the body (the frontmatter is YAML) and on a line with text."""
    rule = BY_CODE.get(finding.code)
    block = split_frontmatter(lines)
    body_start = (block[1] + 1 if block[1] != -1 else len(lines)) if block else 0
    if rule is None or not rule.suppressible or not body_start < finding.line <= len(lines) \
            or not lines[finding.line - 1].strip():
        return None
    starts = line_starts(text)
    end = starts[finding.line] if finding.line < len(starts) else len(text)
    content = text[starts[finding.line - 1]:end].rstrip("\r\n")
    at = starts[finding.line - 1] + len(content.rstrip())
    return f"{text[:at]} <!-- postmortem-lint disable-line={finding.code} -->{text[at:]}"


FIX_ALL = "source.fixAll.postmortem"


def fix_all(uri: str, text: str, fixed: str, encoding: str = UTF16) -> types.CodeAction | None:
    """Every safe fix at once, as ``postmortem lint --fix`` writes them (``fixed``: its text),
    for a "fix all" key or fix-on-save (``editor.codeActionsOnSave``); None with nothing to fix."""
    if fixed == text:
        return None
    edit = types.WorkspaceEdit(changes={uri: [text_edit(text, fixed, encoding)]})
    return types.CodeAction(title="Fix all safe problems (postmortem lint --fix)", kind=FIX_ALL, edit=edit)


def wanted_kind(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for actions of ``kind`` (``context.only``: kinds or their parents)."""
    return not only or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def code_actions(uri: str, text: str, lines: list[str], selection: types.Range, findings: list[Finding],
                 fixable: list[Finding], recheck: Callable[[str], list[Finding]],
                 encoding: str = UTF16) -> list[types.CodeAction]:
    """``findings``: as published; ``fixable``: the same text's findings with their fixes
    (``Checker.with_fixes``); ``recheck(text)``: the findings of another text of this file."""
    first, last = selection.start.line + 1, selection.end.line + 1
    wanted = [finding for finding in findings if first <= finding.line <= last]
    fixes = {(f.code, f.line, f.column): f.fix for f in fixable if f.fix is not None}
    actions: list[types.CodeAction] = []
    for finding in wanted:
        shown = diagnostic(finding, lines, encoding)
        fix = fixes.get((finding.code, finding.line, finding.column))
        if fix is not None:
            after, applied = apply_fixes(text, [fix])
            if applied and after != text:
                safe = str(fix.applicability) == "safe"
                actions.append(_action(f"{fix.message} ({finding.code}{'' if safe else ', unsafe: check it'})",
                                       types.CodeActionKind.QuickFix, uri, text, after, shown, encoding, preferred=safe))
        silenced = suppressed_line(lines, text, finding)
        if silenced is not None and _works(silenced, finding, findings, recheck):
            actions.append(_action(f"Disable {finding.code} for this line", types.CodeActionKind.QuickFix,
                                   uri, text, silenced, shown, encoding))
    return actions


def _works(silenced: str, finding: Finding, findings: list[Finding], recheck) -> bool:
    """The comment removes the finding and brings none (an invalid or unused suppression)."""
    before = set(findings)
    after = recheck(silenced)
    return finding not in after and all(other in before for other in after)


def _action(title: str, kind: str, uri: str, before: str, after: str, shown: types.Diagnostic, encoding: str,
            preferred: bool = False) -> types.CodeAction:
    edit = types.WorkspaceEdit(changes={uri: [text_edit(before, after, encoding)]})
    return types.CodeAction(title=title, kind=kind, diagnostics=[shown], edit=edit, is_preferred=preferred or None)
