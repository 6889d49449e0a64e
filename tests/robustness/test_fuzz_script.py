"""scripts/fuzz.py, run as a user runs it: counts what it tried, splits the
work over workers, refuses nonsense options."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz.py"


def _fuzz(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *options], capture_output=True, text=True, timeout=600)


def test_two_workers_try_at_least_the_inputs_asked_for_and_name_the_seed():
    done = _fuzz("--inputs", "30", "--workers", "2", "--seed", "4242")
    assert done.returncode == 0, done.stdout + done.stderr
    counted = re.search(r"tried (\d+) inputs .*2 workers, first batch seed 4242\): every promise kept", done.stdout)
    assert counted, done.stdout
    assert int(counted.group(1)) >= 30


def test_nonsense_options_are_refused_with_a_usage_error():
    for options in (["--workers", "0"], ["--inputs", "0"]):
        done = _fuzz(*options)
        assert done.returncode == 2
        assert "must be at least 1" in done.stderr
