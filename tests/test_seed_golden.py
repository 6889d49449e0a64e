"""The two seed examples define the product: the CLI must reproduce their expected output byte for byte."""
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


@pytest.mark.parametrize("item", ["bytebytego-seed-ex1", "bytebytego-seed-ex2"])
def test_seed_example_is_reproduced_byte_for_byte(item):
    folder = CORPUS / item
    if not folder.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    out = subprocess.run(
        [sys.executable, "-m", "nlclean.cli.main", "fix", "--stdin-filename", "input.md", "-"],
        input=(folder / "input.md").read_bytes(), capture_output=True, check=True,
    ).stdout
    assert out == (folder / "expected.md").read_bytes()
