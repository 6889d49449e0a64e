"""Does cleaning stay linear? Each pathological input is cleaned at a size and
at ten times that size; the script prints the time ratio (linear is ~10×; the
aim is at most 15× for 10× the input).

    python benchmarks/bench_linearity.py                 # every shape, 20 kB -> 200 kB
    python benchmarks/bench_linearity.py --size 100000   # 100 kB -> 1 MB
    python benchmarks/bench_linearity.py --shape "nested"  # shapes whose name contains "nested"
    python benchmarks/bench_linearity.py --huge          # also a 10 MB newsletter and a 1 MB line, once
    python benchmarks/bench_linearity.py --grow [--max-mb 12.8] [--repeat 5] [--memory | --memory-only]

The shapes are those of the hang detector, tests/robustness/pathological.py.
Exits 1 when a ratio is above --limit.

`--grow` (issue 14) builds one newsletter from the real files of
../shared/corpus/bulk, concatenated in name order, at 0.1, 0.2, 0.4, ... MB up
to --max-mb, and at each size times, alternating, a bare markdown-it-py
`MarkdownIt("commonmark").parse` of the text, nlclean's lint
(`check(Document(text))`), its fix and its fix with unsafe fixes, in CPU time (the machine is shared). Each figure
is the median over the repetitions of command/parse, each command paired
with the parse just before it (a machine that slows down slows both), with
the spread (min-max of the ratios), and the rounds each fix took. Linear means each size's ratio stays
within 20% of the smallest size's. `--memory` also measures the peak of
Python's allocations (tracemalloc) of the parse and of each fix at the
largest size, once each (tracemalloc slows the run; times are not taken then).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robustness"))

import nlclean  # noqa: E402
from nlclean.memo import forget_all  # noqa: E402
from pathological import SHAPES  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402
from nlclean.document import Document  # noqa: E402
from nlclean.engine import check  # noqa: E402
from nlclean.fixer import fix_text  # noqa: E402
from nlclean.settings import Settings  # noqa: E402
from nlclean.text_form import TextForm  # noqa: E402

# ../shared beside the checkout, as CI and the developers' machines lay it out.
BULK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"


def timed(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        forget_all()  # each run starts cold: a warm cache would favour the small input
        t0 = time.perf_counter()
        nlclean.clean(text)
        best = min(best, time.perf_counter() - t0)
    return best


def grown_newsletter(size: int, sources: list[str]) -> str:
    """One newsletter of at least `size` characters: real files one after the other."""
    out, total, i = [], 0, 0
    while total < size:
        piece = sources[i % len(sources)].rstrip("\n") + "\n\n"
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)


def grow(max_mb: float, repeat: int, memory: bool, memory_only: bool = False, corpus: Path = BULK) -> int:
    if not corpus.is_dir():
        print(f"bench_linearity: no corpus folder {corpus}", file=sys.stderr)
        return 2
    # Family folders may be symlinks (a corpus assembled from another's families): follow them.
    sources = [TextForm.of(p.read_bytes().decode("utf-8", errors="replace")).normalized
               for family in sorted(corpus.iterdir())
               for p in sorted(family.rglob("*.md") if family.is_dir() else [family] if family.suffix == ".md" else [])]
    md = MarkdownIt("commonmark")
    settings, unsafe = Settings(), Settings().with_overrides(unsafe_fixes=True)
    markers = settings.markers()
    commands = {
        "parse": lambda text: md.parse(text),
        "lint": lambda text: check(Document(text), settings, markers),
        "fix": lambda text: fix_text(text, settings, "markdown", markers),
        "fix-unsafe": lambda text: fix_text(text, unsafe, "markdown", markers),
    }
    sizes, mb = [], 0.1
    while mb <= max_mb + 1e-9:
        sizes.append(mb)
        mb *= 2
    if memory_only:
        sizes, memory = sizes[-1:], True
    print(f"one newsletter grown from the bulk corpus; median of {repeat} (min-max) of command/parse, paired")
    print(f"{'MB':>6} {'parse s':>8} " + " ".join(f"{name:>20}" for name in commands if name != "parse"))
    first: dict[str, float] = {}
    worst = 0.0
    text = ""
    for mb in sizes:
        text = grown_newsletter(int(mb * 1e6), sources)
        if memory_only:
            break
        # Fewer repetitions where one costs tens of seconds; never fewer than 3.
        reps = repeat if mb <= 3.2 else max(3, repeat // 2)
        ratios: dict[str, list[float]] = {name: [] for name in commands if name != "parse"}
        rounds: dict[str, int] = {}
        parses = []
        for _ in range(reps):
            for name, run in commands.items():
                if name == "parse":
                    continue
                forget_all()
                t0 = time.process_time()
                commands["parse"](text)
                t_parse = time.process_time() - t0
                forget_all()
                t0 = time.process_time()
                result = run(text)
                ratios[name].append((time.process_time() - t0) / t_parse)
                if hasattr(result, "rounds"):
                    rounds[name] = result.rounds
                parses.append(t_parse)
        cells = []
        for name, values in ratios.items():
            median = statistics.median(values)
            first.setdefault(name, median)
            drift = median / first[name] - 1
            worst = max(worst, abs(drift))
            cells.append(f"{median:5.2f}x ({min(values):.2f}-{max(values):.2f}) {drift:+4.0%}")
        print(f"{mb:6.1f} {statistics.median(parses):8.2f} " + " ".join(f"{c:>20}" for c in cells)
              + "  rounds " + ", ".join(f"{name} {n}" for name, n in rounds.items()), flush=True)
    if not memory_only:
        print(f"largest drift from the smallest size's ratio: {worst:.0%} (aim: within 20%)")
    if memory:
        peaks = {}
        for name, run in commands.items():
            if name == "lint":
                continue
            forget_all()
            tracemalloc.start()
            run(text)
            peaks[name] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        print(f"peak memory at {len(text) / 1e6:.1f} MB (tracemalloc): parse {peaks['parse'] / 1e6:.0f} MB; "
              + ", ".join(f"{n} {p / 1e6:.0f} MB = {p / peaks['parse']:.2f}x parse" for n, p in peaks.items() if n != "parse")
              + " (aim: at most 2x)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters of the small input (default 20000)")
    parser.add_argument("--factor", type=int, default=10, help="how much bigger the large input is (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts (default 3)")
    parser.add_argument("--limit", type=float, default=15.0, help="the worst acceptable ratio (default 15)")
    parser.add_argument("--shape", default="", help="only shapes whose name contains this")
    parser.add_argument("--huge", action="store_true", help="also clean a 10 MB newsletter and a 1 MB line (minutes)")
    parser.add_argument("--grow", action="store_true", help="one real newsletter grown from 0.1 MB to --max-mb (issue 14)")
    parser.add_argument("--max-mb", type=float, default=12.8, help="largest size for --grow (default 12.8)")
    parser.add_argument("--memory", action="store_true", help="with --grow: peak memory of fix vs parse at the largest size")
    parser.add_argument("--memory-only", action="store_true", help="with --grow: only the peak memory, no timings")
    parser.add_argument("--corpus", type=Path, default=BULK, help=f"with --grow: folder of newsletters (default {BULK})")
    args = parser.parse_args(argv)
    if args.grow:
        return grow(args.max_mb, args.repeat, args.memory, args.memory_only, args.corpus)

    if args.huge:
        for name, size in (("one long line", 1_000_000), ("newsletter", 10_000_000)):
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
