"""`nlclean lint` over many files spreads them over worker processes as `fix` does,
and says exactly what one process says, in the same order (issue 14)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "hooks" / "fixtures"
DIRTY = (FIXTURES / "dirty.md").read_bytes()
CLEANED = (FIXTURES / "dirty.clean.md").read_bytes()


def lint(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean.cli.main", "lint", "--no-progress", *map(str, args)],
                          capture_output=True, text=True)


def test_lint_with_two_workers_says_what_one_process_says_in_the_same_order(tmp_path):
    for i in range(60):
        (tmp_path / f"issue-{i:02d}.md").write_bytes(DIRTY if i % 3 else CLEANED)
    (tmp_path / "issue-07.md").write_bytes(b"# not UTF-8 \xe9\n")
    for fmt in ("concise", "json", "full"):
        one = lint("-j", "1", "--output-format", fmt, "--color", "never", tmp_path)
        two = lint("-j", "2", "--output-format", fmt, "--color", "never", tmp_path)
        assert two.returncode == one.returncode == 2, two.stderr
        assert two.stdout == one.stdout and two.stderr == one.stderr
        assert f"{tmp_path / 'issue-07.md'}: not UTF-8" in two.stderr
    assert "issue-59.md" in two.stdout and two.stdout.index("issue-01.md") < two.stdout.index("issue-59.md")
