"""Many files at once: one worker process per core, results in file order.

Cleaning is CPU-bound Python, so threads would not help; processes do. Each
file is independent (its own settings, its own atomic write), so workers
share nothing. The parent prints what each file came to in the order the
files were given, so output stays deterministic. Small runs stay in one
process: starting workers costs more than it saves there.
"""
from __future__ import annotations

import argparse
import os
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many files per worker, one process is faster.
MIN_FILES_PER_WORKER = 8


def _job_count(text: str) -> int:
    """argparse type for --jobs: a bad count is a usage error, not a traceback later."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, not {value}")
    return value


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_job_count, default=0, metavar="N",
                   help="worker processes for many files (default: one per core; 1: no workers)")


def worker_count(requested: int, files: int) -> int:
    if requested < 0:
        raise ValueError("--jobs must be 0 (one per core) or more")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = requested or cores
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


def run_jobs(job: Callable[[T], R], items: list[T], requested: int) -> Iterator[R]:
    """`job(item)` for every item, in order; in worker processes when it pays."""
    workers = worker_count(requested, len(items))
    if workers == 1:
        for item in items:
            yield job(item)
        return
    # Imported only when workers start: one file (or -j 1) need not pay for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start with the engine already imported and compiled.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    chunk = max(1, min(16, len(items) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(job, items, chunksize=chunk)


__all__ = ["add_jobs_option", "run_jobs", "worker_count"]
