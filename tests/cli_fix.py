"""The real CLI's `fix`, in a subprocess, on text given on stdin: what a
user's pipe runs. Shared by the tests that check a rule end to end."""
from __future__ import annotations

import subprocess
import sys


def fix_with_cli(text: str, name: str, unsafe: bool = False) -> str:
    """`nlclean fix [--unsafe-fixes] --stdin-filename NAME -` on `text`: its output."""
    flags = ["--unsafe-fixes"] if unsafe else []
    proc = subprocess.run(
        [sys.executable, "-m", "nlclean.cli.main", "fix", *flags, "--stdin-filename", name, "-"],
        input=text.encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.stdout.decode()
