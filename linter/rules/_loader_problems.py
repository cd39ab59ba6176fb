"""Shared by the rules that report what the hardened frontmatter loader refused."""

from __future__ import annotations

from typing import Iterator

from linter.fixes import replace_span, safe
from linter.rules.base import Violation


def loader_violations(document, kind: str) -> Iterator[Violation]:
    if document.frontmatter is None:
        return
    for problem in document.frontmatter.problems:
        if problem.kind == kind:
            fix = None
            if problem.replacement is not None:
                edit = replace_span(problem.line, problem.column, problem.end_column - problem.column, problem.replacement)
                fix = safe(f"quote it: {problem.replacement}", [edit])
            yield Violation(problem.line, problem.column, problem.message, fix=fix)
