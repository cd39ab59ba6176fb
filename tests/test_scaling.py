"""No rule is worse than linear in its input: doubling a file's hostile part doubles its cost.

Each example puts one unit of text (a phrase the language rules look for, a negation, a quote,
timestamps, handles...) into one section, shaped as one long paragraph, many paragraphs, list
items or table rows, then lints the file with the unit repeated n, 2n and 4n times. The cost
is CPU time, but never compared with a number of seconds: only the ratio of 4n to n in the same
test, the minimum of interleaved repeats (noise only adds time). Linear work gives ~4x, the
quadratic paths this guards against (issue 16: 250,000 characters in 33 s) give ~16x; the bar
is 8x.
"""

from __future__ import annotations

import gc
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import clean_text
from linter.config import Config
from linter.document import parse_text
from linter.engine import Linter

LINT = Linter(Config())
BASE = clean_text()
_SECTION = re.compile(r"(## (?P<name>[^\n]+)\n).*?(?=\n## |\Z)", re.S)

UNITS = [
    "something went wrong with the release and we should have known better ", "the on-call engineer should have checked it ",
    "he should have caught it ", '@bob forgot to page, not "human error" ', "investigate look into consider ",
    "03:15 UTC 2026-04-07 14:03 ", "@alice @payments/bob 3,214 users ", "CheckoutLow price_quote a.b/c --flag ",
    "lorem ipsum dolor TODO ", "work with the team to ", "' \" “ ", "(a) PR #12 OPS-118 https://a.example/x ",
    "— done — resolved — mitigated ", "`a` *b* ",
    # what fuzzing and a search over every regex found quadratic: openers with no closer, runs of
    # name characters, of spaces and of stars, unfinished comments, references that end nowhere
    "\x1b[2J", "[a](", "<!-- ", "“a ", "a.b-c.", "*", "  ", "(a) [b](c) ", "investigate ", ".", "🔥",
]
SHAPES = {
    "paragraph": lambda unit, n: unit * n,
    "paragraphs": lambda unit, n: "\n\n".join([unit * 20] * max(1, n // 20)),
    "items": lambda unit, n: "\n".join(["- 03:15 UTC — " + unit * 2 + "— @alice"] * max(1, n // 2)),
    "rows": lambda unit, n: "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"
                            + "\n".join([f"| {unit * 2} | @a | 2026-04-14 | P1 | open |"] * max(1, n // 2)),
    # one long item: the action-item rules read each cell or item whole
    "cell": lambda unit, n: f"| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n| {unit * n} | @a | 2026-04-14 | P1 | open |",
    "item": lambda unit, n: "- [ ] " + unit * n + " — @alice — due 2026-04-14",
    "line": lambda unit, n: "- 03:15 UTC — **" + unit * n + "**: resolved",
}
SECTIONS = ["Summary", "Timeline", "Root cause", "What went wrong", "Action items"]
BAR = 8.0
REPEATS = 3


def _document(section: str, body: str) -> str:
    return _SECTION.sub(lambda m: m.group(1) + "\n" + body + "\n" if m.group("name") == section else m.group(0), BASE)


def _cost(text: str) -> float:
    """CPU time of parsing and checking ``text``, without the cyclic GC: in a process holding the
    rest of the suite, the 4n text's allocations set off a full collection of that whole heap
    that the n text's do not (a fixed cost of the suite, not of the file). ``postmortem lint``
    keeps such collections away the same way (``engine._few_collections``)."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        LINT.check_document(parse_text("postmortems/2026-04-07-scaling.md", text))
        return time.process_time() - started
    finally:
        gc.enable()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(UNITS), st.sampled_from(sorted(SHAPES)), st.sampled_from(SECTIONS))
def test_four_times_the_text_costs_about_four_times_as_much(unit, shape, section):
    _assert_linear(unit, shape, section)


def _assert_linear(unit: str, shape: str, section: str) -> None:
    n = max(1, 6000 // len(unit))  # ~6 KB at n: enough to dwarf the rest of the file
    texts = [_document(section, SHAPES[shape](unit, n * factor)) for factor in (1, 4)]
    best = [float("inf"), float("inf")]
    for _ in range(REPEATS):
        for index, text in enumerate(texts):
            best[index] = min(best[index], _cost(text))
    assert best[1] <= BAR * max(best[0], 0.002), f"{shape} of {unit!r} in {section}: {best[1]:.3f} s at 4n against {best[0]:.3f} s at n"


@pytest.mark.parametrize("unit, shape, section", [
    ("\x1b[2J", "cell", "Action items"),  # tests/fixtures/fuzz-regressions/fa2e3f10f228.md: 14 s in PM405
    ("[a](", "item", "Action items"), ("<!-- ", "item", "Action items"), ("investigate ", "cell", "Action items"),
    ("a.b-c.", "cell", "Action items"), ("*", "line", "Timeline"), ("  ", "item", "Action items"),
    (".", "paragraph", "What went wrong"),  # tests/fixtures/fuzz-regressions/79b0da3a8b4b.md: 9 s in PM501
])
def test_the_cases_fuzzing_found_stay_linear(unit, shape, section):
    """Sampled above among many; these ran away once, so each is always run."""
    _assert_linear(unit, shape, section)


def test_the_cases_of_the_issue_stay_linear():
    """The issue's shapes: one long Root cause paragraph, and many long paragraphs."""
    unit = "the service had problems after the release and something went wrong with it again "
    for shape in ("paragraph", "paragraphs"):
        texts = [_document("Root cause", SHAPES[shape](unit, 100 * factor)) for factor in (1, 4)]
        best = [min(_cost(text) for _ in range(REPEATS)) for text in texts]
        assert best[1] <= BAR * max(best[0], 0.002), (shape, best)
