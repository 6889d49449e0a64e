"""The README's quick start stays true: the shipped example cleans with exit 0."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_quick_start_cleans_the_shipped_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m nlclean fix - < examples/dev-digest.md" in readme
    example = (ROOT / "examples" / "dev-digest.md").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "nlclean", "fix", "-"], input=example, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    # The noise goes, the stories stay.
    for gone in ("(Sponsored)", "Unsubscribe", "READ IN APP", "Friday Trivia", "SPONSOR US", "open?token"):
        assert gone not in out
    for kept in ("## Why caches go stale", "Tom’s team", "\\$40", "`cache.get(\"$key\")`", "© 2026 Dev Digest Ltd"):
        assert kept in out
    assert b"Fixed " in proc.stderr
