"""``is_concrete`` skips the schedule removal only where no schedule can be."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from linter import phrases

_words = st.sampled_from(["by", "within", "next", "Q3", "H2", "2026", "2026-05-01", "3 weeks", "FY2027", "in", "the",
                          "add", "alerting", "`flag`", "5", "٣", "monitoring", "sprint", " ", "-"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_words, max_size=8).map(" ".join))
def test_is_concrete_equals_removing_schedules_then_looking_for_evidence(text):
    expected = phrases._CONCRETE.search(phrases._SCHEDULE.sub(" ", phrases.evidence_text(text))) is not None
    assert phrases.is_concrete(text) is expected


def test_a_deadline_alone_is_not_concrete_and_a_number_is():
    assert not phrases.is_concrete("add more monitoring by Q3 2026")
    assert not phrases.is_concrete("investigate further within 2 weeks")
    assert phrases.is_concrete("alert when p99 latency exceeds 800 ms")
    assert not phrases.is_concrete("improve alerting")
