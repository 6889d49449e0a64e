"""How much does nlclean cost next to parsing the markdown at all?

Times, in one run over a corpus folder (every *.md, *.markdown and *.txt in
it, recursively):

  parse  a bare `MarkdownIt("commonmark").parse` of every file: the floor a
         markdown tool cannot go under;
  lint   nlclean's lint: `engine.check` over a `Document` (parse once + rules);
  fix    nlclean's fix: `fixer.fix_text` (rounds of lint + edits + guard).

Each is the best of N repetitions (least disturbed by the machine), and the
ratios lint/parse and fix/parse are what to watch: the budget is 1.5x for lint
and 2x for fix.

    python benchmarks/bench_engine.py [--corpus DIR] [--repeat N] [--by-rule] [--profile lint|fix]

`--by-rule` adds one pass that times building the Document and each rule on
its own, to show where lint's time goes.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

from nlclean.document import Document
from nlclean.context import CheckContext
from nlclean.engine import check, enabled_rules
from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.fixer import fix_text
from nlclean.memo import forget_all
from nlclean.settings import Settings
from nlclean.text_form import TextForm

# ../shared beside the checkout, as CI and the developers' machines lay it out.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"


def load(corpus: Path) -> list[tuple[str, str]]:
    """(normalised text, format) of every newsletter under `corpus`, read once up front."""
    items = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.suffix.lower() in NEWSLETTER_SUFFIXES:
            text = path.read_bytes().decode("utf-8", errors="replace")
            items.append((TextForm.of(text).normalized, format_for(path)))
    return items


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        # Each repetition starts cold: a cache warmed by the last one would flatter us.
        forget_all()
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def time_by_rule(items: list[tuple[str, str]], settings: Settings, markers) -> dict[str, float]:
    """Seconds spent building Documents and in each rule, over one pass (as engine.check runs them)."""
    spent: dict[str, float] = {"Document": 0.0}
    for text, fmt in items:
        t0 = time.perf_counter()
        doc = Document(text, fmt)
        spent["Document"] += time.perf_counter() - t0
        ctx = CheckContext(doc=doc, markers=markers, settings=settings)
        for rule in enabled_rules(settings, fmt):
            ctx.rule = rule
            t0 = time.perf_counter()
            found = list(rule().check(ctx))
            spent[rule.code] = spent.get(rule.code, 0.0) + time.perf_counter() - t0
            ctx.earlier.extend(found)
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"folder of newsletters (default {DEFAULT_CORPUS})")
    ap.add_argument("--repeat", type=int, default=5, help="repetitions; the best is reported (default 5)")
    ap.add_argument("--by-rule", action="store_true", help="also time Document() and each rule on its own")
    ap.add_argument("--profile", choices=["lint", "fix"], help="also print a cProfile of one pass of this stage")
    args = ap.parse_args(argv)

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

    lint()  # warm caches (regexes, imports) outside the timing
    size = sum(len(t) for t, _ in items)
    times = {name: best_of(args.repeat, run) for name, run in (("parse", parse), ("lint", lint), ("fix", fix))}
    print(f"corpus: {args.corpus} ({len(items)} files, {size / 1e6:.1f} M characters), best of {args.repeat}")
    for name, t in times.items():
        print(f"  {name:<5} {t * 1000:8.1f} ms  {size / t / 1e6:6.2f} M chars/s")
    print(f"  lint/parse = {times['lint'] / times['parse']:.2f}x  (budget 1.5x)")
    print(f"  fix/parse  = {times['fix'] / times['parse']:.2f}x  (budget 2x)")

    if args.by_rule:
        spent = time_by_rule(items, settings, markers)
        print(f"one lint pass by part (parse = {times['parse'] * 1000:.0f} ms):")
        for name, t in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<9} {t * 1000:8.1f} ms  {t / times['parse']:5.2f}x parse")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lint if args.profile == "lint" else fix)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
