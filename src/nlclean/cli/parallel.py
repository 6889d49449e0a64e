"""Many files at once: one worker process per core, results in file order.

Cleaning is CPU-bound Python, so threads would not help; processes do. Each
file is independent (its own settings, its own atomic write), so workers
share nothing. The parent prints what each file came to in the order the
files were given, so output stays deterministic. Small runs stay in one
process: starting workers costs more than it saves there.

Workers die with their parent. A terminal closed or a CI step killed with
`kill -9` takes the parent alone; its workers must not go on cleaning files
nobody is waiting for. On Linux each worker asks the kernel for SIGTERM when
its parent dies (`prctl(PR_SET_PDEATHSIG)`); elsewhere a watchdog thread
polls the parent's process id. `parent_gone()` is checked once more before
each write. A worker that is told to stop removes its temporary file and
exits at once (a write that is being swapped in is finished first: the
signal waits for it, see `safe_write`). Ctrl-C goes to the parent, which
stops its workers the same way: they ignore SIGINT themselves.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Callable, Iterator, TypeVar

from ..safe_write import remove_own_temporaries

T = TypeVar("T")
R = TypeVar("R")

# Below this many files per worker, one process is faster.
MIN_FILES_PER_WORKER = 8
_PR_SET_PDEATHSIG = 1
_WATCHDOG_SECONDS = 0.2
# Set in each worker: the process id of the run that started it.
_parent_pid: int | None = None


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


def parent_gone() -> bool:
    """In a worker: whether the run that started it has died (always False in the run itself)."""
    return _parent_pid is not None and os.getppid() != _parent_pid


def stop_now() -> None:
    """In a worker: leave at once (an exception would only be handed back to a parent that is gone)."""
    _stop()


def _stop(signum=None, frame=None) -> None:
    remove_own_temporaries()
    os._exit(128 + (signum or signal.SIGTERM))


def _start_worker(parent_pid: int) -> None:
    global _parent_pid
    _parent_pid = parent_pid
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _stop)
    if not _die_with_parent():
        import threading

        threading.Thread(target=_watch_parent, name="nlclean-watchdog", daemon=True).start()
    if parent_gone():  # the parent died before the kernel was asked
        _stop()


def _die_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent() -> None:
    import time

    while not parent_gone():
        time.sleep(_WATCHDOG_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # handled on the main thread, between two writes


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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker, initargs=(os.getpid(),))
    # Futures of our own rather than pool.map: map cancels what is pending when it is
    # interrupted, and the pool's manager thread then fails loudly on the cancelled ones.
    futures = [pool.submit(_run_chunk, job, items[start:start + chunk]) for start in range(0, len(items), chunk)]
    try:
        for future in futures:
            yield from future.result()
    except BaseException:  # Ctrl-C, SIGTERM, a closed pipe: no worker may go on writing
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _run_chunk(job: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [job(item) for item in chunk]


def _stop_workers(pool) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.terminate()  # SIGTERM: the worker removes its temporary file and exits
        except (OSError, ValueError):
            pass
    for process in processes:
        process.join(timeout=2)
    pool.shutdown(wait=False)  # the pending futures fail as "broken": nobody waits for them


__all__ = ["add_jobs_option", "parent_gone", "run_jobs", "stop_now", "worker_count"]
