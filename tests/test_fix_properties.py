"""Property tests of the fixes: over the example corpus, the rule fixtures and mutated files,
a fix never changes text outside its spans, never brings a finding of another rule, and a
file fixed once has nothing left to fix (``--fix`` twice changes nothing the second time).

Mutations are the ones authors make and the fixes are for (a lifecycle stamp in an offset, an
unquoted ``yes``, a stale suppression, a timeline in a local zone or out of order, a missing
key or section), on top of the generic line mutations of tests/test_properties.py.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from hypothesis import given, settings, strategies as st

from conftest import FIXTURES, REPO, TESTS
from linter.config import Config
from linter.document import parse_text
from linter.engine import Linter
from linter.fixes import Applicability
from linter.fix_apply import apply_fixes, edit_offsets, line_starts, newline_of
from linter.fixing import BROUGHT_BY_DESIGN, checked_findings, fix_text
from test_properties import PROPERTY, mutated_postmortem

LINT = Linter(Config(), fixes=True)
PATH = "postmortems/2026-04-07-checkout-errors-after-pricing-update.md"
CORPUS = sorted([*(REPO / "postmortems").rglob("*.md"), *(FIXTURES / "clean").glob("*.md"),
                 *(TESTS / "rules").glob("*/bad/*.md"), *(TESTS / "fixes").glob("*/before.md")])


def findings_of(text: str):
    """The findings with the fixes ``--fix`` and an editor are given."""
    return checked_findings(LINT, PATH, text)


def expected_text(text: str, fix) -> str:
    """The text with the fix's spans replaced and every other character where it was."""
    starts = line_starts(text)
    newline = newline_of(text)
    spans = sorted((*edit_offsets(text, starts, edit), edit.replacement.replace("\n", newline)) for edit in fix.edits)
    pieces, position = [], 0
    for start, end, replacement in spans:
        assert position <= start <= end <= len(text), (fix, spans)
        pieces += [text[position:start], replacement]
        position = end
    return "".join(pieces) + text[position:]


def check_fixes(text: str) -> None:
    before = findings_of(text)
    counts = Counter(finding.code for finding in before)
    for finding in before:
        fix = finding.fix
        if fix is None:
            continue
        assert fix.applicability in finding_rule_fixes(finding.code), (finding.code, fix)
        fixed, applied = apply_fixes(text, [fix])
        assert applied == [fix]
        if not text.endswith(("\n", "\r")) and any(edit.line > len(line_starts(text)) for edit in fix.edits):
            continue  # an addition after a last line without an ending gets one first
        assert fixed == expected_text(text, fix), finding
        after = Counter(f.code for f in findings_of(fixed))
        allowed = BROUGHT_BY_DESIGN.get(finding.code, set()) | {finding.code}
        brought = {code for code in after if after[code] > counts[code] and code not in allowed}
        assert not brought, (finding.code, fix.message, brought)
    for unsafe in (False, True):
        once, applied, _ = fix_text(LINT, PATH, text, unsafe)
        twice, again, _ = fix_text(LINT, PATH, once, unsafe)
        assert twice == once and not again, [fix.message for fix in again]


def finding_rule_fixes(code: str):
    from linter.rules import BY_CODE

    return BY_CODE[code].fixes


@pytest.mark.parametrize("path", CORPUS, ids=[str(path.relative_to(REPO)) for path in CORPUS])
def test_fixes_of_the_corpus_and_the_fixtures_keep_to_their_spans(path):
    check_fixes(path.read_bytes().decode("utf-8-sig"))


_STAMP = re.compile(r'^(started_at|detected_at|acknowledged_at|mitigated_at|resolved_at): "(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):00Z"$')
_TIMED = re.compile(r"^- (\d{2}):(\d{2}) UTC ")


@st.composite
def with_fixable_mistakes(draw) -> str:
    """A corpus file with the mistakes the fixes are for."""
    lines = draw(st.sampled_from(CORPUS)).read_bytes().decode("utf-8-sig").split("\n")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["offset", "unzoned", "yes", "suppression", "swap", "own-zone", "twelve",
                                     "heading-zone", "delete-key", "delete-heading", "crlf"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        stamps = [i for i, line in enumerate(lines) if _STAMP.match(line)]
        timed = [i for i, line in enumerate(lines) if _TIMED.match(line)]
        if kind == "offset" and stamps:
            i = draw(st.sampled_from(stamps))
            key, day, hour, minute = _STAMP.match(lines[i]).groups()
            lines[i] = f'{key}: "{day}T{(int(hour) + 2) % 24:02d}:{minute}:00+02:00"' if int(hour) < 22 else lines[i]
        elif kind == "unzoned" and stamps:
            i = draw(st.sampled_from(stamps))
            lines[i] = lines[i].replace("T", " ").replace(':00Z"', '"')
        elif kind == "yes":
            lines[at:at] = [draw(st.sampled_from(["tags: [yes, 14:03]", "title: no", "window: 0755", "version: 1.10"]))]
        elif kind == "suppression":
            lines[at:at] = [draw(st.sampled_from(["<!-- postmortem-lint disable-next-line=PM405 -->",
                                                  "<!-- postmortem-lint disable=PM501 -->", "x <!-- postmortem-lint disable-line=PM204 -->"]))]
        elif kind == "swap" and len(timed) > 1:
            i, j = draw(st.sampled_from(timed)), draw(st.sampled_from(timed))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "own-zone" and timed:
            i = draw(st.sampled_from(timed))
            hour, minute = _TIMED.match(lines[i]).groups()
            lines[i] = lines[i].replace(f"{hour}:{minute} UTC", f"{(int(hour) + 2) % 24:02d}:{minute} CEST", 1)
        elif kind == "twelve" and timed:
            i = draw(st.sampled_from(timed))
            hour, minute = _TIMED.match(lines[i]).groups()
            lines[i] = lines[i].replace(f"{hour}:{minute} UTC", f"{int(hour) % 12 or 12}:{minute} {'PM' if int(hour) >= 12 else 'AM'} UTC", 1)
        elif kind == "heading-zone":
            lines = [line.replace(" UTC —", " —") for line in lines]
            lines = [line + " (PDT)" if line == "## Timeline" else line for line in lines if line.strip() != "All times UTC."]
        elif kind == "delete-key":
            doomed = [i for i, line in enumerate(lines) if re.match(r"\s*(duration_minutes|detected_at|mitigated_at):", line)]
            if doomed:
                del lines[draw(st.sampled_from(doomed))]
        elif kind == "delete-heading":
            headings = [i for i, line in enumerate(lines) if line.startswith("## ")]
            if headings:
                del lines[draw(st.sampled_from(headings))]
        elif kind == "crlf":
            return "\r\n".join(lines)
    return "\n".join(lines)


FIX_PROPERTY = settings(PROPERTY, max_examples=25, deadline=timedelta(seconds=20))  # a fix lints the file again


@FIX_PROPERTY
@given(with_fixable_mistakes())
def test_fixes_of_fixable_mistakes_keep_to_their_spans(text):
    check_fixes(text)


@settings(FIX_PROPERTY, max_examples=15)
@given(mutated_postmortem())
def test_fixes_of_mutated_files_keep_to_their_spans(text):
    check_fixes(text)


def test_the_fixes_are_offered_as_their_rules_declare():
    """Each fix's applicability is one its rule declares (what the docs and ``rules`` say)."""
    seen = Counter()
    for path in CORPUS:
        document = parse_text(PATH, path.read_bytes().decode("utf-8-sig"))
        for finding in LINT.finish([LINT.check_document(document)], []):
            if finding.fix is not None:
                seen[finding.code, finding.fix.applicability] += 1
    assert seen[("PM303", Applicability.SAFE)] and seen[("PM106", Applicability.SAFE)] and seen[("PM901", Applicability.SAFE)]
