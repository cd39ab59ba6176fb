"""Work for worker processes, cut into batches: large ones first, small ones at the end."""

from __future__ import annotations

import os
from typing import TypeVar

Item = TypeVar("Item")

PARALLEL_THRESHOLD = 64  # fewer files than this are checked faster in one process than via a pool


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def guided_batches(items: list[Item], jobs: int, smallest: int = 4) -> list[list[Item]]:
    """Consecutive batches, each a quarter of what is left per worker (at least ``smallest``).

    Equal batches make a choice between many round trips and a long wait at the end, when one
    worker has finished and the other is still on its last batch (up to a sixteenth of a run
    cut into 16 batches on 2 cores). Shrinking batches ("guided" scheduling) keep both small.
    """
    batches: list[list[Item]] = []
    start, total = 0, len(items)
    while start < total:
        size = max(smallest, (total - start) // (max(jobs, 1) * 4))
        batches.append(items[start:start + size])
        start += size
    return batches
