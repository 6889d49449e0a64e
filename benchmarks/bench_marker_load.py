"""Loading a user's marker file, and running a user's pattern: both linear?

    python benchmarks/bench_marker_load.py               # 2,000 and 20,000 phrases; (a+)+b on 24..10,000 'a's
    python benchmarks/bench_marker_load.py --phrases 4000

Prints, next to a bare markdown-it-py parse of a 20 kB newsletter measured in
the same run: the time to load an `extend-markers` file of N and 10·N phrases
(linear is a ratio of ~10; it was quadratic: 20,000 phrases took 125 s), and
the time of the price rule's pattern when a user's file sets it to `(a+)+b`
(Python's `re` takes ~2 s on 24 'a's and x4 per two more; RE2 is linear).
Exits 1 when the load ratio is above --limit.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from nlclean import markers


def phrase_file(folder: Path, count: int) -> str:
    path = folder / f"phrases-{count}.toml"
    body = ",\n".join(f'"notice {i:05d} of the list {i * 7919 % 100003}"' for i in range(count))
    path.write_text(f"[footer]\nphrases = [\n{body}\n]\n", encoding="utf-8")
    return str(path)


def load_seconds(path: str) -> float:
    markers.load.cache_clear()
    t0 = time.perf_counter()
    markers.load((path,))
    return time.perf_counter() - t0


def parse_seconds() -> float:
    text = ("## A story\n\nSome words about [a thing](https://example.com) and more.\n\n" * 300)[:20_000]
    md = MarkdownIt("commonmark")
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        md.parse(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phrases", type=int, default=2000, help="phrases in the small file (default 2000)")
    parser.add_argument("--limit", type=float, default=15.0, help="the worst acceptable ratio for 10x phrases")
    args = parser.parse_args(argv)

    parse = parse_seconds()
    print(f"bare markdown-it-py parse of 20 kB: {parse * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = load_seconds(phrase_file(folder, args.phrases))
        large = load_seconds(phrase_file(folder, args.phrases * 10))
        ratio = large / small
        print(f"load {args.phrases:>6} phrases: {small:6.2f} s ({small / parse:7.0f}x parse)")
        print(f"load {args.phrases * 10:>6} phrases: {large:6.2f} s ({large / parse:7.0f}x parse); ratio {ratio:.1f}")

        pattern = folder / "redos.toml"
        pattern.write_text("[promotion]\nprice_pattern = '(a+)+b'\n", encoding="utf-8")
        user = markers.load((str(pattern),))
        for n in (24, 26, 10_000):
            t0 = time.perf_counter()
            user.prices("a" * n)
            seconds = time.perf_counter() - t0
            print(f"(a+)+b on {n:>6} 'a's: {seconds * 1000:8.2f} ms ({seconds / parse:6.2f}x parse)")
    return 1 if ratio > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
