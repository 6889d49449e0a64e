"""Configuration through the real `nlclean` command (issue 13, issue 16).

Each broken configuration gives one error line that names the file and the
key, exit 2, no traceback, once per run however many files it covers, and no
file is touched. Selections combine with the command line as ruff's do;
`per-file-ignores`, `fixable` / `unfixable`; a config planted in a folder
others may write to is not applied.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import nlclean
from nlclean.settings import ConfigError, Settings

NLCLEAN = (sys.executable, "-m", "nlclean.cli.main")
# Findings of two rules that are easy to tell apart: NL501 (entity) and NL502 (dollar).
TEXT = "# Market day\n\nApples cost $2 &amp; pears cost $3.\n"


def run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*NLCLEAN, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def codes(cwd: Path, *args: str) -> set[str]:
    proc = run(cwd, "lint", "--output-format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return {f["code"] for f in json.loads(proc.stdout)}


def project(tmp_path: Path, config: str, files: int = 3) -> Path:
    (tmp_path / "nlclean.toml").write_text(config, encoding="utf-8")
    for i in range(files):
        (tmp_path / f"issue{i}.md").write_text(TEXT, encoding="utf-8")
    return tmp_path


def assert_one_config_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr  # once per run, not once per file
    assert lines[0].startswith("nlclean: error: ") and "Traceback" not in proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


BROKEN_CONFIGS = {
    "unknown code in select": ('select = ["NL999"]\n', "select", "NL999"),
    "unknown name in ignore": ('ignore = ["sponsor-blocks"]\n', "ignore", "sponsor-blocks"),
    "unknown code in extend-select": ('extend-select = ["NL8"]\n', "extend-select", "NL8"),
    "unknown key": ('selct = ["NL1"]\n', "selct", "did you mean 'select'"),
    "wrong type of select": ("select = 5\n", "select", "list of strings"),
    "wrong type of unsafe-fixes": ('unsafe-fixes = "yes"\n', "unsafe-fixes", "true or false"),
    "unknown code in unfixable": ('unfixable = ["NL0"]\n', "unfixable", "NL0"),
    "per-file-ignores not a table": ('per-file-ignores = ["x"]\n', "per-file-ignores", "table"),
    "unknown code in per-file-ignores": ('[per-file-ignores]\n"a/*.md" = ["NL42"]\n', "per-file-ignores", "NL42"),
}


@pytest.mark.parametrize("config", BROKEN_CONFIGS.values(), ids=BROKEN_CONFIGS.keys())
@pytest.mark.parametrize("command", ["lint", "fix"])
def test_a_broken_config_is_one_error_and_no_file_is_touched(tmp_path, config, command):
    text, *words = config
    folder = project(tmp_path, text)
    proc = run(folder, command, "--no-progress", ".")
    assert_one_config_error(proc, str(folder / "nlclean.toml"), *words)
    assert all(p.read_text() == TEXT for p in folder.glob("*.md"))


def test_pyproject_table_is_checked_too(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.nlclean]\nignore = ["NL5O2"]\n')  # a letter O
    (tmp_path / "a.md").write_text(TEXT)
    assert_one_config_error(run(tmp_path, "lint", "a.md"), "pyproject.toml", "ignore", "NL5O2")


def test_the_api_refuses_unknown_rules():
    with pytest.raises(ValueError, match="NL999"):
        nlclean.lint(TEXT, select=["NL999"])
    with pytest.raises(ConfigError, match="ignore"):
        nlclean.clean(TEXT, ignore=["no-such-rule"])
    with pytest.raises(ConfigError, match="select"):
        Settings(select=("NL8",))


# --- how the command line combines with the file (as ruff) ----------------------------

@pytest.mark.parametrize("config, args, expected", [
    # A select on the command line replaces the file's selection, its ignores included.
    ('ignore = ["NL502"]\n', ["--select", "NL502"], {"NL502"}),
    ('select = ["NL502"]\n', ["--select", "NL501"], {"NL501"}),
    # ignore and extend-select adjust the file's selection.
    ('select = ["NL5"]\n', ["--ignore", "NL501"], {"NL502"}),
    ('select = ["NL502"]\n', ["--extend-select", "NL501"], {"NL501", "NL502"}),
    # Within one layer the more specific selector wins: a code over its family.
    ('select = ["NL502"]\nignore = ["NL5"]\n', [], {"NL502"}),
    ('select = ["NL5"]\n', ["--ignore", "NL5", "--extend-select", "NL501"], {"NL501"}),
])
def test_command_line_selection_layers_on_the_config(tmp_path, config, args, expected):
    folder = project(tmp_path, config, files=1)
    assert codes(folder, *args, "issue0.md") == expected


# --- per-file-ignores --------------------------------------------------------------

def test_per_file_ignores_are_globs_relative_to_the_config(tmp_path):
    (tmp_path / "nlclean.toml").write_text(
        '[per-file-ignores]\n"archive/**/*.md" = ["NL502"]\n"draft-*.md" = ["html-entity"]\n')
    for name in ("archive/2019/old.md", "news/new.md", "news/draft-1.md", "archive.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    sub = tmp_path / "news"
    assert codes(tmp_path, "archive/2019/old.md") == {"NL501"}
    assert codes(tmp_path, "archive.md") == {"NL501", "NL502"}
    assert codes(tmp_path, "news/new.md") == {"NL501", "NL502"}
    assert codes(sub, "draft-1.md") == {"NL502"}  # a bare name matches in any folder
    # Whatever the command line selects, the file's per-file-ignores still apply (as in ruff).
    assert codes(sub.parent, "--select", "NL502", "archive/2019/old.md") == set()
    # stdin takes the per-file-ignores of the name it is given.
    proc = run(tmp_path, "fix", "--stdin-filename", "archive/2019/new.md", "-", stdin=TEXT)
    assert proc.stdout == TEXT.replace("&amp;", "&")


# --- fixable / unfixable -----------------------------------------------------------

def test_unfixable_rules_are_reported_but_not_fixed(tmp_path):
    folder = project(tmp_path, 'unfixable = ["NL502"]\n', files=1)
    lint = run(folder, "lint", "--output-format", "json", "issue0.md")
    findings = json.loads(lint.stdout)
    assert {f["code"]: f["fix"] is None for f in findings} == {"NL501": False, "NL502": True}
    proc = run(folder, "fix", "issue0.md")
    assert proc.returncode == 0, proc.stderr
    assert (folder / "issue0.md").read_text() == TEXT.replace("&amp;", "&")


def test_fixable_flags_layer_on_the_config(tmp_path):
    folder = project(tmp_path, 'fixable = ["NL501"]\n', files=1)
    # The file's `fixable`: only entities are fixed.
    assert run(folder, "fix", "-", stdin=TEXT).stdout == TEXT.replace("&amp;", "&")
    # --fixable replaces it; --unfixable takes from what is there.
    assert run(folder, "fix", "--fixable", "NL502", "-", stdin=TEXT).stdout == TEXT.replace("$", "\\$")
    assert run(folder, "fix", "--fixable", "ALL", "--unfixable", "NL501", "-", stdin=TEXT).stdout == \
        TEXT.replace("$", "\\$")
    assert run(folder, "fix", "--unfixable", "NL501", "-", stdin=TEXT).stdout == TEXT


# --- whose configuration is applied ------------------------------------------------

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="giving a folder to another user needs root")
STRANGER = 54321  # a user id that is not ours


@needs_root
def test_a_config_in_another_users_writable_folder_is_not_applied(tmp_path):
    shared = tmp_path / "x"  # another user's /tmp/x, open to all
    mine = shared / "mine"
    mine.mkdir(parents=True)
    (shared / "nlclean.toml").write_text('select = ["NL501"]\n')
    os.chown(shared / "nlclean.toml", STRANGER, STRANGER)
    os.chown(shared, STRANGER, STRANGER)
    shared.chmod(0o777)
    (mine / "a.md").write_text(TEXT)
    proc = run(mine, "lint", "--output-format", "json", "a.md")
    assert {f["code"] for f in json.loads(proc.stdout)} == {"NL501", "NL502"}
    warning = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(shared / "nlclean.toml") in warning[0]


@needs_root
def test_a_strangers_config_in_a_shared_sticky_folder_is_not_applied(tmp_path):
    shared = tmp_path / "tmp"  # like /tmp: ours, open to all, sticky
    (shared / "mine").mkdir(parents=True)
    shared.chmod(0o1777)
    (shared / "nlclean.toml").write_text('select = ["NL501"]\n')
    os.chown(shared / "nlclean.toml", STRANGER, STRANGER)
    (shared / "mine" / "a.md").write_text(TEXT)
    assert codes(shared / "mine", "a.md") == {"NL501", "NL502"}


def test_a_config_in_our_own_folder_is_applied(tmp_path):
    folder = project(tmp_path, 'select = ["NL501"]\n', files=1)
    proc = run(folder, "lint", "issue0.md")
    assert "warning" not in proc.stderr
    assert codes(folder, "issue0.md") == {"NL501"}
