"""Spreading ``tag`` over worker processes, keeping order and flat memory.

The per-answer work (themes, safeguarding, redaction, tone) is pure Python and holds the
GIL, so threads would not help; forked workers each run the same, already built pipeline
(inherited, not pickled). At most ``2 * jobs`` batches are in flight, so memory stays flat
however large the input, and results come back in input order.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from .pipeline import Pipeline

__all__ = ["tag_rows", "default_jobs"]

_PIPELINE: Pipeline | None = None  # set in the parent just before the workers fork


def default_jobs(input_bytes: int) -> int:
    """Workers worth starting: none for small inputs (forking costs more than it saves),
    otherwise one per CPU (at most 4), and only where fork is available."""
    if input_bytes < 2_000_000 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _work(batch: list[str]) -> list[dict[str, str]]:
    assert _PIPELINE is not None
    return [result.to_row() for result in _PIPELINE.run(batch)]


def tag_rows(pipeline: Pipeline, texts: Iterable[str], jobs: int = 1,
             batch_size: int = 500) -> Iterator[dict[str, str]]:
    """The output columns (``TagResult.to_row()``) for each text, in order."""
    if jobs <= 1:
        for result in pipeline.run(texts):
            yield result.to_row()
        return
    global _PIPELINE
    _PIPELINE = pipeline
    it = iter(texts)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * jobs:
                batch = list(islice(it, batch_size))
                if batch:
                    pending.append(pool.submit(_work, batch))
                else:
                    exhausted = True
            if not pending:
                break
            yield from pending.popleft().result()
