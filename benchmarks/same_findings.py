"""Does a speed-up change any finding? Lint the corpora with this checkout
and with another revision, and compare the JSON reports byte for byte.

Runs `python -m nlclean lint --output-format json -j 1` over each corpus
folder (default ../shared/corpus/dev and ../shared/corpus/bulk), once with
this checkout's source and once with the source of REV (`git archive` into a
temporary folder, put first on PYTHONPATH; same Python, same dependencies).
Prints, per folder, the number of findings on each side and whether the two
reports are identical; on a difference, the first findings that differ.
Exit status 0 when every folder is identical, 1 otherwise.

    python benchmarks/same_findings.py [--rev REV] [--corpus DIR ...]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def lint_json(source: Path, corpus: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-m", "nlclean", "lint", "--no-progress", "-j", "1",
                           "--output-format", "json", corpus.name],
                          cwd=corpus.parent, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"same_findings: lint of {corpus} with {source} exited {done.returncode}: {done.stderr[-500:]}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default=None,
                    help="the revision to compare with (default: where this branch left main, so that "
                         "others' changes merged into main since do not count as differences)")
    ap.add_argument("--corpus", type=Path, action="append", help="a corpus folder (repeatable; default dev and bulk)")
    args = ap.parse_args(argv)
    folders = args.corpus or [SHARED / "dev", SHARED / "bulk"]
    if args.rev is None:
        args.rev = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="nlclean-rev-") as tmp:
        archive = subprocess.run(["git", "archive", args.rev, "src"], cwd=ROOT, capture_output=True, check=True).stdout
        Path(tmp, "src.tar").write_bytes(archive)
        with tarfile.open(Path(tmp, "src.tar")) as tar:
            tar.extractall(tmp, filter="data") if sys.version_info >= (3, 12) else tar.extractall(tmp)
        theirs_source = Path(tmp) / "src"
        same = True
        for folder in folders:
            ours, theirs = lint_json(ROOT / "src", folder), lint_json(theirs_source, folder)
            rows_ours, rows_theirs = json.loads(ours), json.loads(theirs)
            print(f"{folder}: {len(rows_theirs)} findings with {args.rev}, {len(rows_ours)} with this checkout: "
                  + ("identical" if ours == theirs else "DIFFERENT"))
            if ours != theirs:
                same = False
                differing = [(a, b) for a, b in zip(rows_theirs, rows_ours) if a != b][:3]
                for a, b in differing:
                    print(f"  {args.rev}: {json.dumps(a)[:300]}\n  here: {json.dumps(b)[:300]}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
