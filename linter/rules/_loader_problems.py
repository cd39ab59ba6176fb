"""Shared by the rules that report what the hardened frontmatter loader refused."""

from __future__ import annotations

from typing import Iterator

from linter.rules.base import Violation


def loader_violations(document, kind: str) -> Iterator[Violation]:
    if document.frontmatter is None:
        return
    for problem in document.frontmatter.problems:
        if problem.kind == kind:
            yield Violation(problem.line, problem.column, problem.message)
