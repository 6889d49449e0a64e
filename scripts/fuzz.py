"""Fuzz nlclean for a while: newsletter-like markdown from the robustness
strategies, every SPEC §3 promise checked on each input.

    python scripts/fuzz.py                  # 5 minutes, markdown, safe fixes
    python scripts/fuzz.py --minutes 30 --unsafe --format text
    python scripts/fuzz.py --seed 6000000   # batch k runs with seed 6000000 + k: a rerun repeats it
    python scripts/fuzz.py --inputs 100000 --workers 2 --seed 6000000   # until 100,000 inputs, on 2 cores

Prints how many inputs it tried. On the first broken promise it prints the
smallest input hypothesis could shrink it to, as a ready-to-paste pytest
case, and exits 1.

With several workers, batch k still runs with seed + k (worker i takes the
batches i, i + workers, ...), so a failing batch's seed replays alone.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsletter_strategies import newsletters  # noqa: E402
from promises import check_promises  # noqa: E402

TEST_CASE = '''
def test_fuzz_finding():
    # found by scripts/fuzz.py: {problem}
    text = {text!r}
    check_promises(text{options})
'''


BATCH = 200  # inputs per hypothesis run; runs repeat, each with its own seed, until time or inputs are up


def _batch_size(args: argparse.Namespace) -> int:
    # A short run asked for by count is not rounded up to whole batches of BATCH.
    return BATCH if args.inputs is None else min(BATCH, -(-args.inputs // args.workers))


def run_batches(args: argparse.Namespace, worker: int, stop_at: float, shared_tried) -> tuple[int, int, str | None]:
    """Run batches `worker`, `worker + workers`, ... until time is up or the
    inputs are all tried (counted across workers in `shared_tried`); returns
    (inputs tried, batches run, report of the first broken promise or None)."""
    tried = 0
    batches = 0
    last_failure: dict[str, object] = {}
    source = st.one_of(newsletters(), st.text(max_size=300)) if args.raw else newsletters()
    batch_size = _batch_size(args)

    @settings(max_examples=batch_size, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(source)
    def run(text: str) -> None:
        nonlocal tried
        tried += 1
        try:
            check_promises(text, format=args.format, unsafe=args.unsafe)
        except Exception as exc:  # a broken promise or a crash: remember the (shrinking) input
            last_failure.update(text=text, problem=f"{type(exc).__name__}: {exc}"[:300])
            raise

    batch = worker
    while time.monotonic() < stop_at and (args.inputs is None or shared_tried.value < args.inputs):
        before = tried
        try:
            seed(args.seed + batch)(run)()
        except Exception as exc:
            options = "".join(
                [f", format={args.format!r}" if args.format != "markdown" else "", ", unsafe=True" if args.unsafe else ""]
            )
            report = f"broken promise in batch seed {args.seed + batch}; smallest input:"
            if last_failure:
                report += TEST_CASE.format(problem=last_failure["problem"], text=last_failure["text"], options=options)
            else:
                report += f"\n(no input recorded) {type(exc).__name__}: {exc}"
            return tried, batches + 1, report
        finally:
            with shared_tried.get_lock():
                shared_tried.value += tried - before
        batches += 1
        batch += args.workers
    return tried, batches, None


def _worker(args, worker, stop_at, shared_tried, results) -> None:
    results.put(run_batches(args, worker, stop_at, shared_tried))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=None,
                        help="stop after this long (default: 5, or no limit with --inputs)")
    parser.add_argument("--inputs", type=int, default=None, help="stop once this many inputs were tried")
    parser.add_argument("--workers", type=int, default=1, help="processes fuzzing at once (default 1)")
    parser.add_argument("--format", choices=["markdown", "text"], default="markdown")
    parser.add_argument("--unsafe", action="store_true", help="apply unsafe fixes too")
    parser.add_argument("--raw", action="store_true", help="also arbitrary unicode text, not only newsletters")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the first batch (the next ones count up from it); default: random, printed")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.inputs is not None and args.inputs < 1:
        parser.error("--inputs must be at least 1")
    minutes = args.minutes if args.minutes is not None else (None if args.inputs else 5.0)
    if args.seed is None:
        args.seed = random.randrange(10**9)
    stop_at = time.monotonic() + minutes * 60 if minutes is not None else float("inf")
    started = time.monotonic()

    # A fork keeps the parent's imports; each worker then runs its own hypothesis engine.
    context = multiprocessing.get_context("fork")
    shared_tried = context.Value("q", 0)
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(args, i, stop_at, shared_tried, results), daemon=True)
               for i in range(args.workers)]
    for process in workers:
        process.start()
    tried = batches = 0
    failure = None
    for _ in workers:
        worker_tried, worker_batches, report = results.get()
        tried += worker_tried
        batches += worker_batches
        if report and failure is None:
            failure = report
            for process in workers:  # the first broken promise ends the run
                if process.is_alive():
                    process.terminate()
            tried = shared_tried.value
            break
    for process in workers:
        process.join()
    elapsed = (time.monotonic() - started) / 60
    if failure:
        print(f"tried {tried} inputs (first batch seed {args.seed}); {failure}")
        return 1
    print(f"tried {tried} inputs in {elapsed:.1f} minutes ({batches} runs of up to {_batch_size(args)}, "
          f"{args.workers} worker{'s' if args.workers > 1 else ''}, first batch seed {args.seed}): every promise kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
