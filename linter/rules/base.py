"""What a rule is: a stable code and name, a default severity, its documentation and a check.

Rules only decide *whether* something is wrong and *where*; they never see severity
overrides, select/ignore or suppressions, which the engine applies afterwards.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from linter.config import Config
    from linter.document import Document


@dataclass(frozen=True)
class Violation:
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Context:
    """What a check may read besides the document: the effective configuration."""

    config: "Config"
    cache: dict[str, Any] = field(default_factory=dict)  # per-run compiled patterns, keyed by rule


FileCheck = Callable[["Document", Context], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str  # stable, never reused: PM101
    name: str  # slug: action-item-vague
    severity: str  # default: error | warning
    summary: str  # one line, shown by `postmortem rules` and in SARIF shortDescription
    doc: str  # Markdown: What it does / Why is this bad? / Example / Use instead
    check: FileCheck | None = None  # per-file check
    # corpus-wide check: (summaries of the whole corpus, paths to report on, context) -> (path, violation)
    check_corpus: Callable[..., Iterable[tuple[str, Violation]]] | None = None
    group: str = ""

    @property
    def sections(self) -> dict[str, str]:
        """The doc split by its ``## Heading`` parts."""
        parts: dict[str, str] = {}
        current = "intro"
        in_code = False
        for line in self.doc.splitlines():
            if line.startswith("```"):
                in_code = not in_code  # "## Summary" inside an example is not a heading of the doc
            heading = None if in_code else re.match(r"##\s+(.*)", line)
            if heading:
                current = heading.group(1).strip()
                parts[current] = ""
            else:
                parts[current] = parts.get(current, "") + line + "\n"
        return {key: value.strip() for key, value in parts.items()}


def rule_doc(module_doc: str | None) -> str:
    return inspect.cleandoc(module_doc or "")


def define(module_doc: str | None, code: str, name: str, severity: str, check: FileCheck | None = None,
           check_corpus: Callable[..., Iterable[tuple[str, Violation]]] | None = None) -> Rule:
    """Build a rule from its module: the module docstring is its documentation."""
    doc = rule_doc(module_doc)
    summary = doc.splitlines()[0].strip() if doc else name
    return Rule(code=code, name=name, severity=severity, summary=summary, doc=doc, check=check,
                check_corpus=check_corpus, group=_GROUPS.get(code[:3], "other"))


_GROUPS = {
    "PM0": "file", "PM1": "frontmatter", "PM2": "sections", "PM3": "timeline",
    "PM4": "action items", "PM5": "language", "PM6": "judgement", "PM7": "corpus",
    "PM8": "safety", "PM9": "suppressions",
}
