"""The real `nlclean` command keeps ruff's conventions: --exit-zero, --show-files,
--show-settings, -q / -s, a usage error for a bad -j, the progress bar on stderr
and only on a terminal, and a start-up that imports only what the command needs.

Run in subprocesses on invented newsletters in temporary folders; what to
expect is worked out from the tree or from the rule list, not pasted from a run.
"""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nlclean.rules import RULES

NEWSLETTER = "Tickets cost $5 at the door.\n\nUnsubscribe here: https://x.example/unsubscribe\n"


def nlclean_cli(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean", *args], cwd=cwd, capture_output=True, timeout=60,
                          **kwargs)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("b.md", "a.md", "news/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(NEWSLETTER)
    return tmp_path


# --- --exit-zero --------------------------------------------------------------------------

def test_exit_zero_reports_findings_but_exits_0(project):
    proc = nlclean_cli("lint", "--exit-zero", "--output-format", "concise", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert b"a.md:" in proc.stdout
    check = nlclean_cli("fix", "--check", "--exit-zero", "a.md", cwd=project)
    assert check.returncode == 0, check.stderr
    assert (project / "a.md").read_text() == NEWSLETTER


def test_exit_zero_still_exits_2_on_an_error(project):
    proc = nlclean_cli("lint", "--exit-zero", "a.md", "missing.md", cwd=project)
    assert proc.returncode == 2
    assert b"missing.md" in proc.stderr


# --- --show-files / --show-settings -------------------------------------------------------

def test_show_files_lists_the_files_sorted_and_processes_none(project):
    proc = nlclean_cli("fix", "--show-files", "news", "b.md", "a.md", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == ["a.md", "b.md", str(Path("news/c.md"))]
    assert (project / "a.md").read_text() == NEWSLETTER


def test_show_settings_prints_what_applies_to_the_first_file(project):
    config = project / "nlclean.toml"
    config.write_text('select = ["NL5"]\nextend-exclude = ["drafts"]\n')
    proc = nlclean_cli("lint", "--show-settings", "--ignore", "NL503", "news", cwd=project)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert text.splitlines()[0] == f"Resolved settings for: {Path('news/c.md')}"
    assert f"Settings path: {config.resolve()}" in text
    assert 'select = ["NL5"]' in text and 'extend-exclude = ["drafts"]' in text
    enabled = json.loads(re.search(r"^enabled-rules = (.*)$", text, re.M).group(1))
    assert enabled == [r.code for r in RULES if r.code.startswith("NL5") and r.code != "NL503"]


# --- -q / -s ------------------------------------------------------------------------------

def test_quiet_prints_the_findings_and_nothing_else(project):
    proc = nlclean_cli("lint", "-q", "a.md", "nowhere/**/*.md", cwd=project)
    assert proc.returncode == 1
    assert b"NL502" in proc.stdout
    assert proc.stderr == b""  # no summary, no warning
    fix = nlclean_cli("fix", "--check", "--quiet", "a.md", cwd=project)
    assert fix.returncode == 1
    assert fix.stdout == fix.stderr == b""


def test_silent_prints_nothing_but_keeps_the_exit_code_and_the_errors(project):
    proc = nlclean_cli("lint", "-s", "a.md", cwd=project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, b"", b"")
    stats = nlclean_cli("lint", "--silent", "--statistics", "a.md", cwd=project)
    assert (stats.returncode, stats.stdout) == (1, b"")
    broken = nlclean_cli("lint", "-s", "a.md", "missing.md", cwd=project)
    assert broken.returncode == 2
    assert broken.stderr.decode().count("\n") == 1 and "missing.md" in broken.stderr.decode()


def test_quiet_and_silent_together_is_a_usage_error(project):
    proc = nlclean_cli("lint", "-q", "-s", "a.md", cwd=project)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


# --- -j -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-3", "many"])
def test_a_bad_job_count_is_a_usage_error(project, value):
    proc = nlclean_cli("fix", "-j", value, "a.md", cwd=project)
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "-j/--jobs" in lines[0], lines
    assert (project / "a.md").read_text() == NEWSLETTER


# --- the progress bar -------------------------------------------------------------------------

def run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    """The command with stderr on a pseudo-terminal and stdout on a pipe (as in `nlclean lint > report`)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "nlclean", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    terminal = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed its end
                return
            if not chunk:
                return
            terminal.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, stdout, bytes(terminal)


def test_the_progress_bar_is_drawn_on_stderr_when_it_is_a_terminal(tmp_path):
    for i in range(40):  # enough files for a bar
        (tmp_path / f"issue-{i:02}.md").write_text(NEWSLETTER)
    code, stdout, terminal = run_with_terminal_stderr(["lint", "--output-format", "json", "."], tmp_path)
    assert code == 1
    assert len({row["filename"] for row in json.loads(stdout)}) == 40  # stdout: the report, and only it
    assert b"\x1b" not in stdout
    assert b"nlclean" in terminal and b"\x1b[" in terminal  # the bar (its label), drawn with cursor controls
    quiet_code, _, quiet_terminal = run_with_terminal_stderr(["lint", "-q", "--output-format", "json", "."], tmp_path)
    assert quiet_code == 1 and b"nlclean" not in quiet_terminal


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    for i in range(40):
        (tmp_path / f"issue-{i:02}.md").write_text(NEWSLETTER)
    proc = nlclean_cli("lint", "--output-format", "json", ".", cwd=tmp_path)
    assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr


# --- start-up: import only what the command needs ---------------------------------------------

def imported_modules(args: list[str], cwd: Path) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "nlclean", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)
    return {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


def test_version_and_help_import_no_command(tmp_path):
    for args in (["--version"], ["--help"]):
        modules = imported_modules(args, tmp_path)
        assert "nlclean.cli.main" in modules
        loaded = {m for m in modules if m.startswith(("nlclean.", "markdown_it", "rich", "nlclean_"))}
        assert loaded <= {"nlclean.cli", "nlclean.cli.main"}, loaded


def test_lint_imports_neither_the_fixer_nor_the_other_commands(project):
    modules = imported_modules(["lint", "--no-progress", "a.md"], project)
    assert "nlclean.engine" in modules
    assert not modules & {"nlclean.fixer", "nlclean.cli.fix_command", "nlclean.cli.rules_command",
                          "nlclean.cli.hook_command", "nlclean.cli.server_command", "rich.progress"}


@pytest.mark.parametrize("command", ["lint", "fix", "rules", "rule", "server", "install-hook", "uninstall-hook"])
def test_every_command_still_has_its_own_help(command, tmp_path):
    proc = nlclean_cli(command, "--help", cwd=tmp_path)
    if proc.returncode == 2 and b"invalid choice" in proc.stderr:
        pytest.skip(f"{command} needs a package that is not installed")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith(f"usage: nlclean {command}")


# --- formats that quote the source get it ------------------------------------------------------

@pytest.mark.parametrize("fmt", ["gitlab", "sarif"])
def test_formats_that_quote_the_source_lines_get_them_from_the_run(project, monkeypatch, fmt):
    """The gitlab fingerprint hashes the flagged text and SARIF's fix regions come from the
    lines: what the CLI prints equals the format fed the document's own lines in-process."""
    import io

    from nlclean.document import Document
    from nlclean.engine import check
    from nlclean.output import FORMATS
    from nlclean.output.report import FileReport
    from nlclean.settings import Settings

    proc = nlclean_cli("lint", "--output-format", fmt, "a.md", "b.md", cwd=project)
    assert proc.returncode == 1, proc.stderr
    monkeypatch.chdir(project)
    reports = []
    for name in ("a.md", "b.md"):
        doc = Document(NEWSLETTER, "markdown")
        reports.append(FileReport(name, check(doc, Settings(), path=name), doc.lines))
    expected = io.StringIO()
    FORMATS[fmt](reports, expected)
    got, want = json.loads(proc.stdout), json.loads(expected.getvalue())
    if fmt == "sarif":
        got, want = got["runs"][0]["results"], want["runs"][0]["results"]
    assert got == want
