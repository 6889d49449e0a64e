"""What does `nlclean lint` cost in each output format, next to parsing the markdown at all?

Over a temporary copy of a corpus folder (default ../shared/corpus/bulk), each
round runs, in subprocesses and alternating:

  parse      one Python process that reads every newsletter and runs a bare
             `MarkdownIt("commonmark").parse` on it (the floor a markdown tool
             cannot go under, start-up included as for the CLI);
  <format>   `nlclean lint --output-format <format> --no-progress <copy>`,
             its report written to a file as a redirected run would.

Every format run is paired with the parse run just before it, so a machine
that slows down mid-run slows both; the figure per format is the median over
the rounds of format/parse (and the median seconds). The target (issue 14) is
at most 1.0x in every format.

    python benchmarks/bench_cli_formats.py [--corpus DIR] [--repeat N] [--formats full,json]
"""
from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ../shared beside the checkout, as CI and the developers' machines lay it out.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"
SUFFIXES = (".md", ".markdown", ".txt")

# One process, every file: read, then parse. Timing the whole process (as for
# the CLI) keeps interpreter start-up on both sides of the ratio.
PARSE_SCRIPT = """
import sys
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
suffixes = {suffixes!r}
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix.lower() in suffixes and path.is_file():
        md.parse(path.read_bytes().decode("utf-8", errors="replace"))
"""


def nlclean_command() -> list[str]:
    """The `nlclean` beside this Python (the venv's), else `python -m nlclean`."""
    script = Path(sys.executable).with_name("nlclean")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nlclean"]


def timed(command: list[str], out_path: Path, ok_codes: tuple[int, ...]) -> float:
    with out_path.open("wb") as out:
        t0 = time.perf_counter()
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - t0
    if done.returncode not in ok_codes:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"bench_cli_formats: {' '.join(command)} exited {done.returncode}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"folder of newsletters (default {DEFAULT_CORPUS})")
    ap.add_argument("--repeat", type=int, default=5, help="rounds; medians are reported (default 5, at least 5 for a figure to quote)")
    ap.add_argument("--formats", default=None,
                    help="comma-separated output formats (default: every format `nlclean lint --help` offers)")
    ap.add_argument("--nlclean", default=None,
                    help="the command to time, e.g. 'python -m nlclean' with PYTHONPATH set (default: this venv's nlclean)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench_cli_formats: no corpus folder {args.corpus}", file=sys.stderr)
        return 2
    if args.formats:
        formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    else:
        from nlclean.output import FORMATS

        formats = list(FORMATS)

    with tempfile.TemporaryDirectory(prefix="nlclean-bench-") as tmp:
        copy = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, copy)
        files = [p for p in copy.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
        size = sum(p.stat().st_size for p in files)
        out_path = Path(tmp) / "report"
        parse = [sys.executable, "-c", PARSE_SCRIPT.format(suffixes=SUFFIXES), str(copy)]
        lint = (shlex.split(args.nlclean) if args.nlclean else nlclean_command()) + ["lint", "--no-progress", str(copy), "--output-format"]

        # One unmeasured pass of each warms the page cache and the bytecode.
        timed(parse, out_path, (0,))
        for fmt in formats:
            timed(lint + [fmt], out_path, (0, 1))

        seconds: dict[str, list[float]] = {fmt: [] for fmt in formats}
        ratios: dict[str, list[float]] = {fmt: [] for fmt in formats}
        parses: list[float] = []
        for _ in range(args.repeat):
            for fmt in formats:
                p = timed(parse, out_path, (0,))
                t = timed(lint + [fmt], out_path, (0, 1))
                parses.append(p)
                seconds[fmt].append(t)
                ratios[fmt].append(t / p)

    print(f"corpus: {args.corpus} ({len(files)} files, {size / 1e6:.1f} MB), "
          f"median of {args.repeat} rounds, each run paired with a parse run")
    print(f"  {'parse':<10} {statistics.median(parses):7.2f} s   1.00x")
    for fmt in formats:
        print(f"  {fmt:<10} {statistics.median(seconds[fmt]):7.2f} s   {statistics.median(ratios[fmt]):.2f}x parse"
              f"   (rounds: {', '.join(f'{r:.2f}' for r in ratios[fmt])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
