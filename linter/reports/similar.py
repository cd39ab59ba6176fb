"""Related incidents: for each incident, the few most similar *earlier* incidents.

The score of a pair is a weighted sum of four cosine similarities, each in [0, 1]:

    0.3 · services + 0.2 · root-cause category + 0.2 · contributing factors + 0.3 · text

where services, category and factors are binary vectors and text is TF-IDF over the words of
the title, summary and root cause (sublinear term frequency, smoothed IDF; stop words, words
of a single incident and words in more than half of them dropped). Every part is a dot
product of unit vectors, so the whole score matrix is one sparse product ``L · Rᵀ`` (``L``
carries the weights). It is computed with scipy.sparse in blocks of rows, each block only
against the incidents before it, so the work is proportional to the pairs that share
something — never a Python loop over all pairs — and memory stays at one block. 10,000
incidents take seconds.

Ties are broken in favour of the more recent incident, then the id, so output is stable.
numpy and scipy come with the ``site`` extra; without them ``SimilarityUnavailable`` says so.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only: a lint run reads the defaults here and needs no model
    from linter.incident import Incident

WEIGHTS = {"services": 0.3, "category": 0.2, "factors": 0.2, "text": 0.3}
DEFAULT_COUNT = 5
DEFAULT_MIN_SCORE = 0.25  # below this, a pair shares little more than a category
_BLOCK_ROWS = 256
# Words in more than half of the incidents (of a corpus over 20) say nothing about any pair
# and would make every pair share something: dropped, as scikit-learn's max_df does. At
# 10,000 templated postmortems this cuts the pairs that share a word from 1.3 billion to 68 million.
MAX_DF_SHARE = 0.5
MAX_DF_FLOOR = 20

_WORD = re.compile(r"[a-z0-9][a-z0-9_\-]+[a-z0-9]")  # 3+ characters
_STOP_WORDS = frozenset("""
a about above after again against all also an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just more most
no nor not now of off on once only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
utc minutes minute hours hour min per via one two three four five six seven eight nine ten
""".split())


class SimilarityUnavailable(RuntimeError):
    """numpy/scipy are not installed."""


class Related(NamedTuple):
    """One related earlier incident. A named tuple, not a frozen dataclass: a corpus of 10,000
    makes 50,000 of them, and a frozen dataclass costs three times as much to make and to
    unpickle (sent back from the process that computes them, see ``related_meanwhile``)."""

    incident: str
    score: float  # rounded to 3 decimals
    shared_services: tuple[str, ...]
    same_category: bool
    shared_factors: tuple[str, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why they are related, in plain words (untrusted values: escape them where rendered)."""
        found = tuple(reason for reason in (
            f"services {', '.join(self.shared_services)}" if self.shared_services else "",
            "same root-cause category" if self.same_category else "",
            f"factors {', '.join(self.shared_factors)}" if self.shared_factors else "",
        ) if reason)
        return found or ("similar summary and root cause",)


def term_counts(text: str) -> Counter:
    """Words worth comparing and how often they occur: lower-case, 3+ characters, not a stop
    word, not a bare number (counted first, so each distinct word is checked once)."""
    counts = Counter(_WORD.findall(text.lower()))
    for word in [w for w in counts if w in _STOP_WORDS or w.replace("-", "").isdigit()]:
        del counts[word]
    return counts


def _modules():
    try:
        import numpy
        from scipy import sparse
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise SimilarityUnavailable("related incidents need numpy and scipy: pip install 'postmortem-kit[site]'") from error
    return numpy, sparse


def one_blas_thread() -> None:
    """Ask numpy's OpenBLAS for one thread, in a process of ours about to import numpy.

    The similarity uses scipy.sparse, which needs no BLAS; OpenBLAS would start a thread per
    core at import anyway, which costs CPU the readers need (about 0.08 s a run) and, in a
    process that forks, leaves threads alive at the fork. A value the user set is kept, and the
    build process of a site (whose other plugins may use numpy) is left alone."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def import_in_background() -> threading.Thread:
    """Start importing numpy and scipy.sparse in a thread and return it (join before use).

    Their import costs more than the similarity itself at 1,000 incidents; begun while the
    corpus is read (the main process mostly waits on its workers then), it is off the clock."""
    def load() -> None:
        try:
            _modules()
        except SimilarityUnavailable:
            pass  # said when related_incidents asks for them

    thread = threading.Thread(target=load, name="import-numpy-scipy", daemon=True)
    thread.start()
    return thread


# Incidents from which the similarity is computed in a process of its own while the report is
# made (``related_meanwhile``): below about 500, forking and handing the result back cost what
# the overlap saves.
FORK_FROM = 500


def related_meanwhile(incidents: list[Incident], count: int = DEFAULT_COUNT,
                      min_score: float = DEFAULT_MIN_SCORE) -> Callable[[], dict[str, tuple[Related, ...]]]:
    """Start ``related_incidents`` in a forked process, so that it runs on another core while
    the caller makes the rest of the report; calling the returned function gives its result.
    A small corpus, a system without fork, or a process that dies computes it in this one.
    Raises ``SimilarityUnavailable`` at once without numpy and scipy."""
    import multiprocessing  # here: a lint run reads this module's defaults and needs no processes

    _modules()

    def here() -> dict[str, tuple[Related, ...]]:
        return related_incidents(incidents, count, min_score)

    if len(incidents) < FORK_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return here
    context = multiprocessing.get_context("fork")  # the incidents are inherited, not pickled
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_related, args=(sending, incidents, count, min_score), daemon=True)
    try:
        process.start()
    except OSError:  # no processes here (a sandbox, a limit)
        receiving.close()
        sending.close()
        return here
    sending.close()

    def received() -> dict[str, tuple[Related, ...]]:
        try:
            return receiving.recv()
        except (EOFError, OSError):  # it failed (or was killed): here, with the error if any
            return here()
        finally:
            receiving.close()
            process.join()

    return received


def _send_related(sending, incidents: list[Incident], count: int, min_score: float) -> None:
    try:
        sending.send(related_incidents(incidents, count, min_score))
    finally:
        sending.close()


def _binary_block(rows: list[tuple[str, ...]], sparse, numpy):
    """Unit-length binary vectors, one row per incident."""
    columns: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for labels in rows:
        if labels:
            weight = 1 / math.sqrt(len(labels))
            for label in labels:
                indices.append(columns.setdefault(label, len(columns)))
                data.append(weight)
        indptr.append(len(indices))
    return sparse.csr_matrix((numpy.array(data, dtype=numpy.float64), numpy.array(indices, dtype=numpy.int64),
                              numpy.array(indptr, dtype=numpy.int64)), shape=(len(rows), max(len(columns), 1)))


def _text_block(texts: list[str], sparse, numpy):
    """TF-IDF rows (unit length) over the words that occur in at least two incidents."""
    counts = [term_counts(text) for text in texts]
    document_frequency: Counter[str] = Counter()
    for counter in counts:
        document_frequency.update(counter.keys())
    total = len(texts)
    ceiling = max(MAX_DF_SHARE * total, MAX_DF_FLOOR)
    idf = {word: math.log((1 + total) / (1 + df)) + 1 for word, df in document_frequency.items() if 1 < df <= ceiling}
    columns = {word: index for index, word in enumerate(sorted(idf))}
    indptr, indices, data = [0], [], []
    for counter in counts:
        weights = [(columns[word], (1 + math.log(count)) * idf[word]) for word, count in counter.items() if word in idf]
        norm = math.sqrt(sum(weight * weight for _, weight in weights)) or 1.0
        for column, weight in weights:
            indices.append(column)
            data.append(weight / norm)
        indptr.append(len(indices))
    return sparse.csr_matrix((numpy.array(data, dtype=numpy.float64), numpy.array(indices, dtype=numpy.int64),
                              numpy.array(indptr, dtype=numpy.int64)), shape=(total, max(len(columns), 1)))


def related_incidents(incidents: list[Incident], count: int = DEFAULT_COUNT,
                      min_score: float = DEFAULT_MIN_SCORE) -> dict[str, tuple[Related, ...]]:
    """``{id: (most similar earlier incident first, …)}`` for every incident (empty when none)."""
    numpy, sparse = _modules()
    ordered = sorted(incidents, key=lambda incident: incident.order_key)
    result: dict[str, tuple[Related, ...]] = {incident.id: () for incident in ordered}
    if len(ordered) < 2 or count <= 0:
        return result
    parts = {
        "services": _binary_block([incident.services for incident in ordered], sparse, numpy),
        "category": _binary_block([(incident.category,) if incident.category else () for incident in ordered], sparse, numpy),
        "factors": _binary_block([incident.factors for incident in ordered], sparse, numpy),
        "text": _text_block([incident.text for incident in ordered], sparse, numpy),
    }
    right = sparse.hstack([parts[name] for name in WEIGHTS], format="csr")
    left = sparse.hstack([parts[name] * weight for name, weight in WEIGHTS.items()], format="csr")
    for start in range(1, len(ordered), _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, len(ordered))
        block = (left[start:stop] @ right[:stop - 1].T).toarray()  # rows: incidents; columns: everyone before
        block = numpy.round(block, 9)  # equal scores compare equal whatever the summation order
        rows = numpy.arange(start, stop)[:, None]
        block[numpy.arange(stop - 1)[None, :] >= rows] = 0.0  # only earlier incidents
        for offset, scores in enumerate(block):
            candidates = numpy.flatnonzero(scores >= min_score)
            if not candidates.size:
                continue
            best = candidates[numpy.lexsort((-candidates, -scores[candidates]))[:count]]
            incident = ordered[start + offset]
            result[incident.id] = tuple(_related(incident, ordered[index], float(scores[index])) for index in best)
    return result


def _related(incident: Incident, other: Incident, score: float) -> Related:
    return Related(
        incident=other.id,
        score=round(score, 3),
        shared_services=tuple(service for service in incident.services if service in other.services),
        same_category=bool(incident.category) and incident.category == other.category,
        shared_factors=tuple(factor for factor in incident.factors if factor in other.factors),
    )
