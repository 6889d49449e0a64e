"""Do 2 workers beat 1 on a folder of newsletters, for lint and for fix?

Runs the real command (`python -m nlclean.cli.main`, a subprocess, wall
time: worker start-up, pickling and the parent's rendering included) over a
copy of a corpus folder, with `-j 1` and `-j 2`, alternating, the median of N
repetitions. `fix` gets a fresh copy each time (the copy is not timed), so
every repetition cleans the same dirty files. Prints each command's time as
a ratio to a bare markdown-it-py parse of the same files measured in this
run (in process, best of N), the ratio -j 1 / -j 2 (the goal on a 2-core
machine: at least 1.6), and the CPU the workers add (from the children's
rusage), with the load average, to tell overhead from a busy machine.

    python benchmarks/bench_parallel.py [--corpus DIR] [--repeat N] [--only lint]

`--only lint` (or `fix`) times only the commands whose name starts so.

Figures are only as good as the machine is quiet: on a shared machine run it
twice and look at both.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from nlclean.files import NEWSLETTER_SUFFIXES

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"
COMMANDS = {
    "lint (concise)": ["lint", "--output-format", "concise"],
    "lint (full)": ["lint", "--color", "never"],
    "fix": ["fix"],
}


def bare_parse_seconds(folder: Path, repeat: int) -> float:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(folder.rglob("*"))
             if p.is_file() and p.suffix.lower() in NEWSLETTER_SUFFIXES]
    md = MarkdownIt("commonmark")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text in texts:
            md.parse(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(args: list[str], jobs: int, folder: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and its workers) of one run."""
    command = [sys.executable, "-m", "nlclean.cli.main", *args, "--no-progress", "-j", str(jobs), str(folder)]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="time only the commands whose name starts with this (lint, fix)")
    opts = parser.parse_args()
    commands = {name: args for name, args in COMMANDS.items() if name.startswith(opts.only)}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load_before = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory(prefix="nlclean-bench-") as scratch:
        pristine = Path(scratch) / "pristine"
        shutil.copytree(opts.corpus, pristine)
        files = sum(1 for p in pristine.rglob("*") if p.suffix.lower() in NEWSLETTER_SUFFIXES)
        parse = bare_parse_seconds(pristine, opts.repeat)
        times: dict[tuple[str, int], list[float]] = {}
        cpu: dict[tuple[str, int], list[float]] = {}
        for _ in range(opts.repeat):
            for name, args in commands.items():
                for jobs in (1, 2):  # alternating, so that a busy moment hits both
                    folder = pristine
                    if name == "fix":
                        folder = Path(scratch) / "work"
                        shutil.rmtree(folder, ignore_errors=True)
                        shutil.copytree(pristine, folder)
                    wall, used = timed_run(args, jobs, folder)
                    times.setdefault((name, jobs), []).append(wall)
                    cpu.setdefault((name, jobs), []).append(used)
    print(f"{files} files from {opts.corpus}, {cores} cores, median of {opts.repeat}; "
          f"bare markdown-it-py parse {parse:.2f} s (best of {opts.repeat})\n")
    print(f"load average before: {load_before}, after: {os.getloadavg()[0]:.1f}\n")
    print("| command | -j 1 × parse | -j 2 × parse | -j 1 / -j 2 (wall) | CPU -j 2 / -j 1 |")
    print("|---|---|---|---|---|")
    for name in commands:
        one, two = statistics.median(times[(name, 1)]), statistics.median(times[(name, 2)])
        cpu_ratio = statistics.median(cpu[(name, 2)]) / statistics.median(cpu[(name, 1)])
        print(f"| `nlclean {name}` | {one / parse:.2f} | {two / parse:.2f} | {one / two:.2f} | {cpu_ratio:.2f} |")
    print("\nCPU -j 2 / -j 1 is what the workers cost on top (1.00: nothing); on a machine that other "
          "work keeps busy the wall ratio cannot reach 2 whatever that cost.")


if __name__ == "__main__":
    main()
