"""Inline suppressions: ``<!-- postmortem-lint disable=PM405 -->`` and friends.

Directives are read from HTML comment *tokens* (so a directive inside a code block is just
text), and applied to findings after every rule has run. Forms:

- ``disable=SEL,...`` … ``enable=SEL,...``: from the comment to the matching ``enable`` (or the end)
- ``disable-next-line=SEL,...``: the first non-blank line after the comment
- ``disable-line=SEL,...``: the comment's own line (an inline comment at the end of a line)
- ``disable-file=SEL,...``: the whole file

Without ``=SEL`` a directive applies to every rule. A reason may follow the selectors after
`` -- `` or on the comment's next lines: ``<!-- postmortem-lint disable-next-line=PM501 -- quoted -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter import rules
from linter.findings import Finding
from linter.fixes import Edit, Fix, delete_lines, safe
from linter.html_comments import comment_text, comments
from linter.safe_text import safe_excerpt
from linter.selection import resolve_selector, specificity

_DIRECTIVE = re.compile(r"\s*postmortem-lint\b\s*([\w-]*)\s*(?:[=:]\s*|\s+)?(.*?)\s*\Z", re.DOTALL)
KINDS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")


@dataclass
class Directive:
    kind: str
    selectors: tuple[str, ...]  # empty: every rule
    line: int
    end_line: int
    column: int = 1
    first: int = 0  # first line it covers
    last: int = 0  # last line it covers
    used: bool = field(default=False)
    removal: Fix | None = field(default=None, repr=False)  # deleting the comment (PM901's fix)
    closer: "Directive | None" = field(default=None, repr=False)  # the enable that ends a disable

    def names(self, rule) -> bool:
        """Whether it applies to ``rule`` (an empty list of selectors names every rule)."""
        return not self.selectors or any(specificity(selector, rule) for selector in self.selectors)

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        rule = rules.BY_CODE.get(finding.code)
        if rule is None or not rule.suppressible:  # see Rule.suppressible
            return False
        return self.names(rule)


def read_directives(document) -> tuple[list[Directive], list[Finding]]:
    """Directives of a document, with the coverage computed, and findings for bad ones."""
    directives: list[Directive] = []
    problems: list[Finding] = []
    for start_line, text in document.html_comments:
        for comment in comments(text):  # as a browser ends them: '<!-->' holds no directive
            match = _DIRECTIVE.match(comment_text(text, comment)) if comment.closed else None
            if not match:
                continue
            line = start_line + text.count("\n", 0, comment.start)
            end_line = line + text.count("\n", comment.start, comment.end)
            kind, raw = match.group(1), match.group(2)
            # Selectors end at the line's end or at " -- ": what follows is the reason, for readers.
            raw = raw.split("\n", 1)[0].split(" -- ", 1)[0]
            selectors = tuple(s for s in re.split(r"[,\s]+", raw) if s)
            if kind not in KINDS:
                problems.append(_invalid(document, line, f"unknown directive 'postmortem-lint {safe_excerpt(kind, 30)}': use one of {', '.join(KINDS)}"))
                continue
            unknown = [s for s in selectors if not resolve_selector(s)]
            if unknown:
                problems.append(_invalid(document, line, f"'{safe_excerpt(unknown[0], 30)}' is no rule code, name or prefix"))
                continue
            safety = [s for s in selectors if not any(r.suppressible for r in resolve_selector(s))]
            if safety:
                problems.append(_invalid(document, line, f"'{safe_excerpt(safety[0], 30)}' is a safety rule: it cannot be "
                                                         f"suppressed in the file; fix the markup instead"))
                continue
            directives.append(Directive(kind, selectors, line, end_line, document.column_of(line, "<!--"),
                                        removal=_removal(document, line, end_line, text[comment.start:comment.end])))
    _compute_coverage(document, directives)
    return directives, problems


def _removal(document, line: int, end_line: int, written: str) -> Fix | None:
    """Deleting a comment found exactly once on its lines: its lines when nothing else is on
    them, else the comment and the blank before it (``text <!-- ... -->`` keeps ``text``)."""
    lines = document.lines[line - 1:end_line]
    joined = "\n".join(lines)
    start = joined.find(written)
    if not written or start < 0 or joined.find(written, start + 1) >= 0:
        return None
    before, after = joined[:start], joined[start + len(written):]
    message = "remove the unused suppression comment"
    if not before.strip() and not after.strip():
        # A comment between blank lines takes one of them along: no double blank is left behind.
        blank_around = line > 1 and not document.line_text(line - 1).strip() and end_line < len(document.lines) \
            and not document.line_text(end_line + 1).strip()
        return safe(message, [delete_lines(line, end_line + 1 if blank_around else end_line)])
    if "\n" in before or "\n" in after:
        return None  # other text on the comment's lines and a line break in between: leave it
    column = start + 1
    if before.endswith((" ", "\t")) and not after.strip():
        column -= len(before) - len(before.rstrip(" \t"))  # the blank before it, not to leave a trailing one
    elif after.startswith((" ", "\t")) and not before.strip():
        after_blank = len(after) - len(after.lstrip(" \t"))
        return safe(message, [Edit(line, column, line, start + 1 + len(written) + after_blank, "")])
    return safe(message, [Edit(line, column, line, start + 1 + len(written), "")])


def _invalid(document, line: int, message: str) -> Finding:
    rule = rules.BY_CODE["PM902"]
    return Finding(document.path, line, document.column_of(line, "<!--"), rule.code, rule.name, rule.severity, message)


def _compute_coverage(document, directives: list[Directive]) -> None:
    total = max(len(document.lines), 1)
    for index, directive in enumerate(directives):
        if directive.kind == "disable-file":
            directive.first, directive.last = 1, total
        elif directive.kind == "disable-line":
            directive.first = directive.last = directive.line
        elif directive.kind == "disable-next-line":
            target = directive.end_line + 1
            while target <= total and not document.line_text(target).strip():
                target += 1
            directive.first = directive.last = target
        elif directive.kind == "disable":
            directive.first, directive.last = directive.line, total
            for later in directives[index + 1:]:
                if later.kind == "enable" and (not later.selectors or not directive.selectors
                                               or _rules_named(later.selectors) & _rules_named(directive.selectors)):
                    directive.last = later.line
                    directive.closer = later
                    break
        else:  # enable: covers nothing itself
            directive.first, directive.last = 1, 0
            directive.used = True


def _with_closer(directive: Directive, directives: list[Directive]) -> Fix | None:
    """An unused ``disable``'s removal, with the ``enable`` that ends it when it ends no other."""
    closer, removal = directive.closer, directive.removal
    if removal is None or closer is None or closer.removal is None:
        return removal
    if any(other.closer is closer for other in directives if other is not directive):
        return removal
    return safe("remove the unused suppression comments (disable and enable)", removal.edits + closer.removal.edits)


def _rules_named(selectors: tuple[str, ...]) -> set[str]:
    """The codes a list of selectors names: enable=blame-language ends disable=PM501."""
    return {rule.code for selector in selectors for rule in resolve_selector(selector)}


def apply(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """Drop the suppressed findings, marking the directives that were used."""
    kept = []
    for finding in findings:
        suppressed = False
        for directive in directives:
            if directive.covers(finding):
                directive.used = True
                suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept


def unused(path: str, directives: list[Directive], capped=()) -> list[Finding]:
    """PM901 for the directives that suppressed nothing. ``capped``: rules that stopped at
    max-findings-per-rule in this file; a directive that names one may cover a finding not made."""
    rule = rules.BY_CODE["PM901"]
    out = []
    for directive in directives:
        if not directive.used and not any(directive.names(other) for other in capped):
            named = ",".join(directive.selectors) or "all rules"
            removal = _with_closer(directive, directives)
            out.append(Finding(path, directive.line, directive.column, rule.code, rule.name,
                               rule.severity, f"'{directive.kind}' of {safe_excerpt(named, 60)} suppresses nothing here: remove it",
                               fixable=removal.applicability.value if removal else None, fix=removal))
    return out
