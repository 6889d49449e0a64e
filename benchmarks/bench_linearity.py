"""Does cleaning stay linear? Each pathological input is cleaned at a size and
at ten times that size; the script prints the time ratio (linear is ~10×; the
aim is at most 15× for 10× the input).

    python benchmarks/bench_linearity.py                 # every shape, 20 kB -> 200 kB
    python benchmarks/bench_linearity.py --size 100000   # 100 kB -> 1 MB
    python benchmarks/bench_linearity.py --shape "nested"  # shapes whose name contains "nested"
    python benchmarks/bench_linearity.py --huge          # also a 10 MB newsletter, a 1 MB line and
                                                         # pathological.BIG (1M chars of headings, a 5 MB line), once

The shapes are those of the hang detector, tests/robustness/pathological.py.
Exits 1 when a ratio is above --limit.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robustness"))

import nlclean  # noqa: E402
from nlclean.memo import forget_all  # noqa: E402
from pathological import BIG, SHAPES  # noqa: E402


def timed(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        forget_all()  # each run starts cold: a warm cache would favour the small input
        t0 = time.perf_counter()
        nlclean.clean(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters of the small input (default 20000)")
    parser.add_argument("--factor", type=int, default=10, help="how much bigger the large input is (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts (default 3)")
    parser.add_argument("--limit", type=float, default=15.0, help="the worst acceptable ratio (default 15)")
    parser.add_argument("--shape", default="", help="only shapes whose name contains this")
    parser.add_argument("--huge", action="store_true", help="also clean a 10 MB newsletter and a 1 MB line (minutes)")
    args = parser.parse_args(argv)

    if args.huge:
        for name, size in (("one long line", 1_000_000), ("newsletter", 10_000_000), *BIG.items()):
            text = SHAPES[name](size)
            seconds = timed(text, 1)
            print(f"{name}, {len(text) / 1e6:.1f} MB: {seconds:.1f}s ({len(text) / 1e3 / seconds:.0f} kB/s)", flush=True)

    worst_name, worst = "", 0.0
    print(f"{'shape':32} {'small':>10} {'large':>10} {'ratio':>7}")
    for name, build in SHAPES.items():
        if args.shape not in name:
            continue
        small, large = build(args.size), build(args.size * args.factor)
        t_small = max(timed(small, args.repeat), 1e-4)  # below 0.1 ms the ratio is noise
        t_large = timed(large, max(1, args.repeat - 1))
        ratio = t_large / t_small
        flag = "  <-- super-linear" if ratio > args.limit else ""
        print(f"{name:32} {t_small * 1000:8.1f}ms {t_large * 1000:8.1f}ms {ratio:6.1f}×{flag}", flush=True)
        if ratio > worst:
            worst_name, worst = name, ratio
    print(f"\nworst ratio: {worst:.1f}× ({worst_name}) for {args.factor}× the input; limit {args.limit}×")
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
