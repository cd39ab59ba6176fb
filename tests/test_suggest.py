"""'Did you mean': difflib for short lists, the near-spelling index for a corpus's ids."""

from __future__ import annotations

import pytest

from linter.suggest import NearSpellings, did_you_mean

IDS = ["PM-2026-014", "PM-2026-015", "PM-2026-104", "PM-2025-007", "PM-2025-099"]


def test_did_you_mean_names_the_closest_key():
    assert did_you_mean("severty", ["severity", "services"]) == "; did you mean 'severity'?"
    assert did_you_mean("zzz", ["severity", "services"]) == ""


@pytest.mark.parametrize("typo, meant", [
    ("PM-2026-14", "PM-2026-014"),    # a character missing
    ("PM-2026-0014", "PM-2026-014"),  # one too many
    ("PM-2025-098", "PM-2025-099"),   # one replaced
    ("PM-2025-070", "PM-2025-007"),   # two neighbours swapped
    ("PM-2024-007", "PM-2025-007"),   # the year mistyped
])
def test_one_typo_away_is_suggested(typo, meant):
    spellings = NearSpellings(IDS)
    assert spellings.closest(typo) == meant
    assert spellings.did_you_mean(typo) == f"; did you mean '{meant}'?"


def test_a_different_id_is_not_a_suggestion():
    spellings = NearSpellings(IDS)
    assert spellings.closest("PM-2026-987") is None  # same year, three digits off: a guess, not a fix
    assert spellings.did_you_mean("PM-2026-987") == ""
    assert spellings.closest("PM-2026-014") is None  # a known word is not its own suggestion


def test_the_choice_among_equally_near_candidates_is_stable():
    # 014 and 015 are one replacement away alike: the first in sorted order, whatever the input order
    assert NearSpellings(IDS).closest("PM-2026-016") == NearSpellings(list(reversed(IDS))).closest("PM-2026-016") == "PM-2026-014"


def test_ten_thousand_ids_are_indexed_not_compared():
    ids = [f"PM-{2019 + n % 8}-{n:05d}" for n in range(10_000)]
    spellings = NearSpellings(ids)
    assert spellings.closest("PM-2019-900000") == "PM-2019-00000"  # the extra digit the benchmark injects
    assert spellings.closest("PM-2020-0001") in {"PM-2020-00001", "PM-2020-00010"}
