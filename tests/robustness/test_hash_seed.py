"""The same input gives the same findings in every process. Python orders a
set of strings by a hash seeded anew in each process, so a rule that lets a
set's order decide (the branches of a regex alternation, the tie between two
hosts linked equally often) answers differently from run to run. Found by
tests/test_shared_caches.py, whose second process has another seed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CASE = Path(__file__).with_name("hash_seed_case.md")  # written by newsletter_strategies


def lint_with_hash_seed(seed: str) -> str:
    run = subprocess.run([sys.executable, "-m", "nlclean", "lint", "--output-format", "json", "-"],
                         input=CASE.read_text(), capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": seed})
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


def test_findings_do_not_depend_on_the_hash_seed():
    # Seeds 1 and 4 ordered the phrase alternation and the tied story hosts apart.
    outputs = {seed: lint_with_hash_seed(seed) for seed in ("1", "2", "3", "4")}
    assert len(set(outputs.values())) == 1
