"""A real, headless Neovim: opens a newsletter, gets diagnostics from
`nlclean server`, applies "fix all" (or formats), writes the file; the file
must then be what `nlclean fix` writes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lsp_session import FIXTURES, cli_findings, cli_fix

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "nvim" / "fix_all.lua"
NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(NVIM is None, reason="needs nvim (CI's .ci/run installs it)")


def nlclean_server_command() -> list[str]:
    script = Path(sys.executable).with_name("nlclean")
    return [str(script), "server"] if script.exists() else [sys.executable, "-m", "nlclean.cli.main", "server"]


def run_neovim(path: Path, mode: str) -> dict:
    out = path.with_suffix(".json")
    env = {**os.environ, "NLCLEAN_FILE": str(path), "NLCLEAN_MODE": mode, "NLCLEAN_OUT": str(out),
           "NLCLEAN_CMD": json.dumps(nlclean_server_command())}
    done = subprocess.run([NVIM, "--headless", "--clean", "-u", str(SCRIPT)], env=env, cwd=path.parent,
                          capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert out.exists(), done.stderr.decode()
    seen = json.loads(out.read_text())
    assert done.returncode == 0 and not seen.get("error"), (seen.get("error"), done.stderr.decode())
    return seen


@pytest.mark.parametrize("mode,line_ending", [("codeAction", "\n"), ("formatting", "\r\n")])
def test_neovim_fixes_the_file_as_nlclean_fix_does(tmp_path, mode, line_ending):
    text = NEWSLETTER.replace("\n", line_ending)
    path = tmp_path / "harbour.md"
    path.write_bytes(text.encode("utf-8"))
    expected = cli_fix(text, path)
    findings = cli_findings(text, path)
    seen = run_neovim(path, mode)
    if mode == "codeAction":
        assert (seen["title"], seen["kind"]) == ("Fix all nlclean issues", "source.fixAll.nlclean")
    # Neovim counts columns in bytes: the server's UTF-16 ranges must land on the same characters.
    lines = text.replace("\r\n", "\n").split("\n")

    def byte_column(line: int, column: int) -> int:
        return len(lines[line - 1][:column - 1].encode("utf-8"))

    assert sorted((d["code"], d["lnum"], d["col"]) for d in seen["diagnostics"]) == sorted(
        (f["code"], f["location"]["line"] - 1, byte_column(f["location"]["line"], f["location"]["column"]))
        for f in findings)
    assert path.read_bytes().decode("utf-8") == expected
