"""Worker batches cover the work in order, shrink towards the end, and end small."""

from __future__ import annotations

import pytest

from linter.batches import guided_batches


@pytest.mark.parametrize(("total", "jobs"), [(0, 2), (1, 2), (7, 2), (64, 2), (1000, 2), (10_000, 8), (50, 1)])
def test_batches_cover_every_item_once_in_order(total, jobs):
    items = list(range(total))
    batches = guided_batches(items, jobs)
    assert [item for batch in batches for item in batch] == items
    assert all(batches)


def test_batches_shrink_to_small_ones_at_the_end():
    sizes = [len(batch) for batch in guided_batches(list(range(1000)), jobs=2)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 125  # a quarter of the work per worker
    assert sizes[-1] <= 4  # the last one: no worker waits long for another
    assert len(sizes) < 50  # and not a round trip per file


def test_one_job_still_batches():
    assert len(guided_batches(list(range(100)), jobs=0)) > 1
