"""Regexes rewritten for speed match exactly what their plain form matched."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from linter.rules import summary_too_long

# The plain form: every abbreviation looked behind before the punctuation.
_PLAIN_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b(?i:{re.escape(abbreviation)}))" for abbreviation in summary_too_long._ABBREVIATIONS)
    + r"[.!?](?=\s+[^a-z\s]|\s*$)"
)
_pieces = st.sampled_from([*summary_too_long._ABBREVIATIONS, "E.G", "Vs", "v4", "99", "x", "The", "then", " ", "  ",
                           ".", "!", "?", "\n", "\t", "(", "a", "approx", "mrs"])


@settings(max_examples=400, deadline=None)
@given(text=st.lists(_pieces, max_size=14).map("".join))
def test_sentence_end_matches_its_plain_form(text):
    fast = summary_too_long._SENTENCE_END
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in _PLAIN_SENTENCE_END.finditer(text)]
