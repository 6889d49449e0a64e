"""How much does nlclean cost next to parsing the markdown at all?

Times, in one run over a corpus folder (every *.md, *.markdown and *.txt in
it, recursively):

  parse  a bare `MarkdownIt("commonmark").parse` of every file: the floor a
         markdown tool cannot go under;
  lint   nlclean's lint: `engine.check` over a `Document` (parse once + rules);
  fix    nlclean's fix: `fixer.fix_text` (rounds of lint + edits + guard).

  fix-unsafe  the same with --unsafe-fixes.

  fix-full-parse  (only when named in --only) fix with every later round
              parsed in full (`reparse_windows=False`): what the windows save.
  fix-waiting (only when named in --only) fix with every removal that
              meets another rule's waiting for the next round
              (`batch_removals=False`): what taking them together saves.

The commands alternate, each paired with a parse run just before it (a
machine that slows down slows both); each figure is the median over N
repetitions of command/parse, with the spread (min-max). Times are the
process's CPU time (`--wall` for wall-clock time): on a shared, loaded machine
the wall clock mostly measures the other processes. Issue 14's targets: lint
at most 1.0x, fix at most 1.2x.

    python benchmarks/bench_engine.py [--corpus DIR] [--repeat N] [--only lint,fix] [--wall] [--by-rule] [--profile lint|fix]

`--by-rule` adds one pass that times building the Document and each rule on
its own, to show where lint's time goes.
"""
from __future__ import annotations

import argparse
import os
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

from nlclean.document import Document
from nlclean.context import CheckContext
from nlclean.engine import check, enabled_rules
from nlclean.evidence import layout
from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.fixer import fix_text
from nlclean.memo import forget_all
from nlclean.settings import Settings
from nlclean.suppression import Suppressions
from nlclean.text_form import TextForm

# ../shared beside the checkout, as CI and the developers' machines lay it out.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"


def load(corpus: Path) -> list[tuple[str, str]]:
    """(normalised text, format) of every newsletter under `corpus`, read once up front."""
    items = []
    # Family folders may be symlinks (bulk_dev: bulk without the held-back senders): follow them.
    paths = [Path(root) / name for root, _, names in os.walk(corpus, followlinks=True) for name in names]
    for path in sorted(paths):
        if path.is_file() and path.suffix.lower() in NEWSLETTER_SUFFIXES:
            text = path.read_bytes().decode("utf-8", errors="replace")
            items.append((TextForm.of(text).normalized, format_for(path)))
    return items


CLOCK = time.process_time


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        # Each repetition starts cold: a cache warmed by the last one would flatter us.
        forget_all()
        t0 = CLOCK()
        run()
        best = min(best, CLOCK() - t0)
    return best


def time_by_rule(items: list[tuple[str, str]], settings: Settings, markers) -> dict[str, float]:
    """Seconds spent building Documents, presenting flattened paragraphs
    (`layout.present`), scanning suppressions and in each rule, over one cold
    pass (as engine.check runs them). Work a rule asks of a shared layer first
    (the marker scan, a block's links) is counted to that rule."""
    spent: dict[str, float] = {"Document": 0.0, "present": 0.0, "suppressions": 0.0}
    forget_all()  # as a lint run starts: a warm cache would hide a rule's cost
    for text, fmt in items:
        t0 = CLOCK()
        doc = Document(text, fmt)
        spent["Document"] += CLOCK() - t0
        t0 = CLOCK()
        presented = layout.present(doc, markers)
        doc = presented.doc if presented is not None else doc
        spent["present"] += CLOCK() - t0
        t0 = CLOCK()
        suppressions = Suppressions.scan(doc)
        spent["suppressions"] += CLOCK() - t0
        ctx = CheckContext(doc=doc, markers=markers, settings=settings, suppressions=suppressions)
        for rule in enabled_rules(settings, fmt):
            ctx.rule = rule
            t0 = CLOCK()
            found = list(rule().check(ctx))
            spent[rule.code] = spent.get(rule.code, 0.0) + CLOCK() - t0
            ctx.earlier.extend(found)
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"folder of newsletters (default {DEFAULT_CORPUS})")
    ap.add_argument("--repeat", type=int, default=5, help="repetitions; medians are reported (default 5)")
    ap.add_argument("--by-rule", action="store_true", help="also time Document() and each rule on its own")
    ap.add_argument("--profile", choices=["lint", "fix", "fix-unsafe"], help="also print a cProfile of one pass of this command")
    ap.add_argument("--only", default="", help="comma-separated commands to time (default: all)")
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of the process's CPU time")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.perf_counter if args.wall else time.process_time

    if not args.corpus.is_dir():
        print(f"bench_engine: no corpus folder {args.corpus}", file=sys.stderr)
        return 2
    items = load(args.corpus)
    if not items:
        print(f"bench_engine: no newsletters under {args.corpus}", file=sys.stderr)
        return 2
    settings = Settings()
    markers = settings.markers()  # loaded once, as a long CLI run does
    md = MarkdownIt("commonmark")

    def parse() -> None:
        for text, _ in items:
            md.parse(text)

    def lint() -> None:
        for text, fmt in items:
            check(Document(text, fmt), settings, markers)

    def fix() -> None:
        for text, fmt in items:
            fix_text(text, settings, fmt, markers)

    unsafe = settings.with_overrides(unsafe_fixes=True)

    def fix_unsafe() -> None:
        for text, fmt in items:
            fix_text(text, unsafe, fmt, markers)

    def fix_full_parse() -> None:
        for text, fmt in items:
            fix_text(text, settings, fmt, markers, reparse_windows=False)

    def fix_waiting() -> None:
        for text, fmt in items:
            fix_text(text, settings, fmt, markers, batch_removals=False)

    lint()  # warm caches (regexes, imports) outside the timing
    size = sum(len(t) for t, _ in items)
    commands = {"lint": lint, "fix": fix, "fix-unsafe": fix_unsafe}
    if args.only:
        commands["fix-full-parse"] = fix_full_parse
        commands["fix-waiting"] = fix_waiting
        commands = {name: run for name, run in commands.items() if name in args.only.split(",")}
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    seconds: dict[str, list[float]] = {name: [] for name in ("parse", *commands)}
    for _ in range(args.repeat):
        for name, run in commands.items():
            t_parse = best_of(1, parse)
            t_run = best_of(1, run)
            seconds["parse"].append(t_parse)
            seconds[name].append(t_run)
            ratios[name].append(t_run / t_parse)
    print(f"corpus: {args.corpus} ({len(items)} files, {size / 1e6:.1f} M characters), "
          f"median of {args.repeat}, each paired with a parse run just before it, "
          f"{'wall-clock' if args.wall else 'CPU'} time")
    for name, values in seconds.items():
        t = statistics.median(values)
        print(f"  {name:<10} {t * 1000:8.1f} ms  {size / t / 1e6:6.2f} M chars/s")
    for name, values in ratios.items():
        target = "1.0x" if name == "lint" else "1.2x"
        print(f"  {name + '/parse':<16} = {statistics.median(values):.2f}x  ({min(values):.2f}-{max(values):.2f}; target {target})")
    times = {"parse": statistics.median(seconds["parse"])}

    if args.by_rule:
        spent = time_by_rule(items, settings, markers)
        print(f"one lint pass by part (parse = {times['parse'] * 1000:.0f} ms):")
        for name, t in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<9} {t * 1000:8.1f} ms  {t / times['parse']:5.2f}x parse")

    if args.profile:
        profiler = cProfile.Profile()
        forget_all()  # one cold pass, as a run meets the corpus
        profiler.runcall({"lint": lint, "fix": fix, "fix-unsafe": fix_unsafe}[args.profile])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
