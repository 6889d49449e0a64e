"""How long does `nlclean` take to start, next to Python itself?

Pre-commit runs nlclean once per chunk of staged files and an editor's "lint
on save" once per save, so start-up (mostly importing) is paid again and again.
Times, in one run, each the median of N runs in a fresh process:

  python    `python -c pass`: the floor any Python command pays;
  version   `nlclean --version`;
  lint1     `nlclean lint` of one small newsletter (written to a temp folder);
  fix1      `nlclean fix --check` of the same file (what a commit hook runs).

The ratios version/python and lint1/python are what to watch; the budget on
the development machine is about 0.2 s for `--version` and 0.3 s for a
one-file lint. Wall time is what a user waits; CPU time (user + system of the
child) is printed beside it because it hardly moves when other processes
share the machine, so it is the steadier figure to compare two versions by. `--importtime` adds the slowest imports of each command
(`python -X importtime`), to show where the time goes.

    python benchmarks/bench_startup.py [--repeat N] [--importtime]
    PYTHONPATH=OTHER/src python benchmarks/bench_startup.py   # another checkout, same interpreter
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A tiny newsletter in our own words: one finding, so lint runs every rule.
SAMPLE = """# Weekly notes

Some news about tools this week.

Price: $5 a month.

[Unsubscribe](https://example.com/unsubscribe)
"""


def nlclean_command() -> list[str]:
    """The `nlclean` script beside this interpreter (what users run), else `python -m nlclean`."""
    script = Path(sys.executable).with_name("nlclean")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nlclean"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(argv: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and median CPU time of `repeat` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        c0, t0 = _children_cpu(), time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        wall.append(time.perf_counter() - t0)
        cpu.append(_children_cpu() - c0)
    return statistics.median(wall), statistics.median(cpu)


def slowest_imports(argv_after_python: list[str], env: dict[str, str], top: int = 8) -> list[str]:
    """The modules with the largest cumulative import time for one run of the command."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv_after_python],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        rows.append((int(cumulative), name.rstrip()))
    rows.sort(reverse=True)
    return [f"{us / 1000:7.1f} ms {name}" for us, name in rows[:top]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of each command")
    args = ap.parse_args()

    # PYTHONPATH passes through: `PYTHONPATH=/old/checkout/src python benchmarks/bench_startup.py`
    # measures another version of nlclean with the same interpreter.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONSTARTUP")}
    nlclean = nlclean_command()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "weekly.md"
        sample.write_text(SAMPLE, encoding="utf-8")
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "version": [*nlclean, "--version"],
            "lint1": [*nlclean, "lint", "--no-progress", str(sample)],
            "fix1": [*nlclean, "fix", "--check", "--no-progress", str(sample)],
        }
        # One untimed run each: the first start reads files the later ones find cached.
        for argv in commands.values():
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        seconds = {name: median_seconds(argv, args.repeat, env) for name, argv in commands.items()}
        wall_floor, cpu_floor = seconds["python"]
        print(f"median of {args.repeat} runs; ratio = time / `python -c pass`")
        print(f"  {'':8} {'wall':>9}  {'ratio':>6}  {'cpu':>9}  {'ratio':>6}")
        for name, (wall, cpu) in seconds.items():
            print(f"  {name:8} {wall * 1000:6.1f} ms  {wall / wall_floor:5.2f}x  "
                  f"{cpu * 1000:6.1f} ms  {cpu / cpu_floor:5.2f}x")
        if args.importtime:
            for name, tail in (("version", ["--version"]), ("lint1", ["lint", "--no-progress", str(sample)])):
                print(f"slowest imports ({name}):")
                for row in slowest_imports(["-m", "nlclean", *tail], env):
                    print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
