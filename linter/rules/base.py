"""What a rule is: a stable code and name, a default severity, its documentation and a check.

Rules only decide *whether* something is wrong and *where*; they never see severity
overrides, select/ignore or suppressions, which the engine applies afterwards.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable

from linter.fixes import Applicability, FixSource
from linter.today import resolve_today

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
    # The correction, when there is exactly one (see linter.fixes); the rule declares the
    # applicabilities its fixes may have (``define(..., fix=...)``).
    fix: FixSource = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Option:
    """A setting a rule declares: ``[tool.postmortem.rules.RULE-NAME] KEY = value``.

    The configuration is validated against it, and the rule docs list it, so a rule's option
    lives in the rule's module and nowhere else.
    """

    key: str  # as written in the configuration: review-days
    default: Any
    doc: str  # one line: what it sets
    minimum: int | float | None = None  # for numbers

    def validate(self, value: Any, where: str) -> Any:
        """The value if it has the default's type (and is at least ``minimum``); ValueError otherwise."""
        kind = type(self.default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not kind:
            raise ValueError(f"{where} must be {_KIND_WORDS.get(kind, kind.__name__)}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{where} must be at least {self.minimum}")
        return value


_KIND_WORDS = {int: "a whole number", float: "a number", bool: "true or false", str: "a string", list: "a list"}


@dataclass
class Context:
    """What a check may read besides the document: the effective configuration."""

    config: "Config"
    fix_zone: str | None = None  # ``lint --fix --zone``: the IANA zone an ambiguous abbreviation means

    def option(self, rule_name: str, key: str) -> Any:
        """A rule's option: the configured value, else the default the rule declares."""
        return self.config.rule_option(rule_name, key)

    # Set when a check reads ``today``: the file's result holds for that date only (the lint
    # cache keys such a result by it; see linter.disk_cache). The engine clears it per file.
    today_read: bool = field(default=False, compare=False, repr=False)
    _today: date | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def today(self) -> date:
        """The date time-bound rules judge at: ``--today``, SOURCE_DATE_EPOCH, ``reports.today``, the clock."""
        self.today_read = True
        if self._today is None:
            self._today = self.config.today or resolve_today(None, self.config)
        return self._today


FileCheck = Callable[["Document", Context], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str  # stable, never reused: PM101
    name: str  # slug: action-item-vague
    severity: str  # default: error | warning | note (notes inform reviewers, never fail)
    summary: str  # one line, shown by `postmortem rules` and in SARIF shortDescription
    doc: str  # Markdown: What it does / Why is this bad? / Example / Use instead
    check: FileCheck | None = None  # per-file check
    # corpus-wide check: (summaries of the whole corpus, paths to report on, context) -> (path, violation)
    check_corpus: Callable[..., Iterable[tuple[str, Violation]]] | None = None
    group: str = ""
    options: tuple[Option, ...] = ()
    # A corpus rule about references between files (related ids, links): a change to one file
    # breaks another, so a changed-files run also reports it on files it did not lint.
    checks_references: bool = False
    # False: no comment in a file can switch it off (configuration still can). The safety rules:
    # a file's author must not be able to silence what keeps script and hangs off the site.
    suppressible: bool = True
    # True: the site refuses to publish a file with this finding, whatever its severity or selection.
    blocks_publication: bool = False
    # How safe the fixes its violations carry may be (empty: it never fixes anything).
    fixes: tuple[Applicability, ...] = ()

    @property
    def reported_by_engine(self) -> bool:
        """Reported while files are found, read or budgeted, not by a check of its own (PM006, PM007, PM90x)."""
        return self.check is None and self.check_corpus is None

    @property
    def properties(self) -> list[str]:
        """What is true of the rule beyond its check, as its docs and ``postmortem rules`` state it."""
        return [text for flag, text in (
            (not self.suppressible, "cannot be suppressed in a file"),
            (self.blocks_publication, "blocks publication"),
            (self.reported_by_engine, "reported by the engine"),
            (bool(self.fixes), self.fix_doc),
        ) if flag]

    @property
    def fix_doc(self) -> str:
        """How the rule's findings are fixed, as its docs say it."""
        if Applicability.SAFE in self.fixes and Applicability.UNSAFE in self.fixes:
            return "can be fixed by `--fix`; some fixes only with `--unsafe-fixes`"
        if Applicability.SAFE in self.fixes:
            return "can be fixed by `--fix`"
        return "can be fixed by `--unsafe-fixes`" if self.fixes else ""

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)

    def options_doc(self, heading: str = "##") -> str:
        """The options the rule declares, as its docs show them (from the declaration, never by hand)."""
        rows = [f"| `{option.key}` | `{_toml(option.default)}` | {option.doc} |" for option in self.options]
        return "\n".join([f"{heading} Options", "", f"In `[tool.postmortem.rules.{self.name}]`:", "",
                          "| option | default | what it sets |", "|---|---|---|", *rows])

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


def _toml(value: Any) -> str:
    return "true" if value is True else "false" if value is False else f'"{value}"' if isinstance(value, str) else str(value)


def rule_doc(module_doc: str | None) -> str:
    return inspect.cleandoc(module_doc or "")


def define(module_doc: str | None, code: str, name: str, severity: str, check: FileCheck | None = None,
           check_corpus: Callable[..., Iterable[tuple[str, Violation]]] | None = None,
           options: Iterable[Option] = (), checks_references: bool = False, suppressible: bool = True,
           blocks_publication: bool = False, fix: Applicability | Iterable[Applicability] = ()) -> Rule:
    """Build a rule from its module: the module docstring is its documentation. ``fix``: the
    applicability (or applicabilities) of the fixes its violations carry."""
    doc = rule_doc(module_doc)
    summary = doc.splitlines()[0].strip() if doc else name
    return Rule(code=code, name=name, severity=severity, summary=summary, doc=doc, check=check,
                check_corpus=check_corpus, group=_GROUPS.get(code[:3], "other"), options=tuple(options),
                checks_references=checks_references, suppressible=suppressible,
                blocks_publication=blocks_publication,
                fixes=(fix,) if isinstance(fix, Applicability) else tuple(fix))


_GROUPS = {
    "PM0": "file", "PM1": "frontmatter", "PM2": "sections", "PM3": "timeline",
    "PM4": "action items", "PM5": "language", "PM6": "judgement", "PM7": "corpus",
    "PM8": "safety", "PM9": "suppressions",
}
