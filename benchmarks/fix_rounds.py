"""How many rounds does `nlclean fix` take per file, what does each cost, and
does a change alter any output byte?

For every newsletter under the given folders (default: ../shared/corpus/dev,
../shared/corpus/bulk, /work/blind, /work/blind2 where present) runs
`fixer.fix_text` with default settings and with --unsafe-fixes and prints the
distribution of rounds (a round is one check of every rule), the time spent
in parse / check per round number and in the tidy-up run on a round's result
before the next round's check (fixer.TIDY_EARLY), and writes
{file: [sha256 of output, rounds]} to --save, so that two checkouts can be
compared with --compare OTHER.json (exit 1 on any
difference in output bytes).

    python benchmarks/fix_rounds.py [--save out.json] [--compare base.json] [DIR ...]
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
import time
from pathlib import Path

from nlclean import fixer
from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.settings import Settings
from nlclean.text_form import TextForm

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = [ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "bulk",
            Path("/work/blind"), Path("/work/blind2")]


def files(folders: list[Path]) -> list[Path]:
    out = []
    for folder in folders:
        if folder.is_dir():
            out += [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() in NEWSLETTER_SUFFIXES]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args(argv)
    settings = Settings()
    markers = settings.markers()
    variants = {"default": settings, "unsafe": settings.with_overrides(unsafe_fixes=True)}
    # Time each round's parse and check by wrapping the fixer's own calls.
    spent: dict[tuple[str, str, int], float] = collections.defaultdict(float)
    state = {"variant": "", "round": 0}
    real_parse, real_check = fixer._parse, fixer.check

    def timed_parse(*a, **k):
        # A parse belongs to the round whose full check comes next.
        t0 = time.process_time()
        try:
            return real_parse(*a, **k)
        finally:
            spent[(state["variant"], "parse", state["round"] + 1)] += time.process_time() - t0

    def timed_check(*a, **k):
        # A round is one check of every rule; a check of a few (the tidy-up
        # rules run on a round's result) is counted with the round after it.
        full = k.get("rules") is None
        if full:
            state["round"] += 1
        t0 = time.process_time()
        try:
            return real_check(*a, **k)
        finally:
            part = "check" if full else "tidy"
            spent[(state["variant"], part, state["round"] + (not full))] += time.process_time() - t0

    fixer._parse, fixer.check = timed_parse, timed_check
    results: dict[str, list] = {}
    rounds: dict[str, collections.Counter] = {v: collections.Counter() for v in variants}
    total: dict[str, float] = collections.defaultdict(float)
    for path in files(args.folders or DEFAULTS):
        text = TextForm.of(path.read_bytes().decode("utf-8", errors="replace")).normalized
        for name, s in variants.items():
            state["variant"], state["round"] = name, 0
            t0 = time.process_time()
            try:
                r = fixer.fix_text(text, s, format_for(path), markers, str(path))
                out, n = r.text, r.rounds
            except Exception as exc:  # noqa: BLE001 - recorded, compared like an output
                out, n = f"ERROR {type(exc).__name__}: {exc}", -1
            total[name] += time.process_time() - t0
            rounds[name][n] += 1
            results[f"{name}:{path}"] = [hashlib.sha256(out.encode()).hexdigest(), n]
    for name in variants:
        print(f"{name}: total {total[name]:.2f} s; rounds per file {dict(sorted(rounds[name].items()))}")
        for r in range(1, fixer.MAX_ROUNDS + 2):
            p, c = spent.get((name, "parse", r), 0.0), spent.get((name, "check", r), 0.0)
            t = spent.get((name, "tidy", r), 0.0)
            if p or c:
                print(f"  round {r}: parse {p:6.2f} s  check {c:6.2f} s  tidy-up before it {t:5.2f} s")
    if args.save:
        args.save.write_text(json.dumps(results, indent=0, sort_keys=True))
    if args.compare:
        base = json.loads(args.compare.read_text())
        differ = [k for k in base if base[k][0] != results.get(k, [None])[0]]
        differ += [k for k in results if k not in base]
        print(f"compared with {args.compare}: {len(differ)} outputs differ")
        for k in differ[:20]:
            print("  ", k)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
