"""Reading the corpus for the reports: the linter's file discovery and document model, no rules.

Each file is parsed once by ``linter.document`` and reduced to its small ``Incident`` record
in the worker that parsed it, so a 10,000-file corpus uses every core and never holds token
streams in memory. (The site already has its documents and calls
``analysis.incidents_from_documents`` instead.)
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from linter.batches import PARALLEL_THRESHOLD, default_jobs, guided_batches
from linter.config import Config
from linter.document import read_document
from linter.files import SourceFile, discover
from linter.reports.analysis import incidents_from_documents
from linter.incident import Incident


def _records(batch: list[SourceFile], priority_scheme: dict[str, str]) -> tuple[list[Incident], list[str]]:
    return incidents_from_documents((read_document(source.path, source.display) for source in batch), priority_scheme)


def load_incidents(paths: list[str], config: Config, jobs: int = 0,
                   while_reading: Callable[[], object] | None = None) -> tuple[list[Incident], list[str]]:
    """Incident records of every postmortem under ``paths``, and why any file was left out.

    ``while_reading`` is called once the worker processes exist (never before the fork: a
    thread it starts is not copied into them), or after reading when there are none.
    Raises ``linter.files.PathError`` for a path that does not exist.
    """
    import os

    sources, problems = discover(paths, config.root if os.path.isabs(config.root) else None)
    skipped = [f"{finding.path}: {finding.message}" for finding in problems]
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        records, more = _records(sources, config.priority_scheme)
        if while_reading is not None:
            while_reading()
        return records, skipped + more
    records: list[Incident] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # map submits every batch at once, so the workers are forked when it returns.
        batches = pool.map(partial(_records, priority_scheme=config.priority_scheme), guided_batches(sources, jobs))
        if while_reading is not None:
            while_reading()
        for batch_records, batch_skipped in batches:
            records.extend(batch_records)
            skipped.extend(batch_skipped)
    return records, skipped
