"""Which files the real `nlclean` command processes, run in subprocesses on folders
built for each test: stdin with `--stdin-filename`, .gitignore, exclude settings,
--force-exclude, quoted globs, order, and the paths that are not newsletters.

Every newsletter here is the same two invented lines that lint finds something
in (markdown or plain text), so each file processed shows up in the report; the
files expected are worked out from the tree the test builds (or, for
.gitignore, from git itself).
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import nlclean

ONE_FINDING = "Tickets cost $5 at the door.\n\nUnsubscribe here: https://x.example/unsubscribe\n"
FINDING_LINE = re.compile(r"^(?P<path>.+?):\d+:\d+: NL\d{3}", re.M)


def nlclean_cli(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 60, **kwargs):
    return subprocess.run([sys.executable, "-m", "nlclean", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, **kwargs)


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def reported(proc: subprocess.CompletedProcess) -> list[str]:
    """The files a concise report names, each once, in the order printed."""
    return list(dict.fromkeys(m["path"] for m in FINDING_LINE.finditer(proc.stdout.decode())))


def linted(*args: str, cwd: Path, **kwargs) -> list[str]:
    """The files `nlclean lint` reported on, in the order it printed them."""
    proc = nlclean_cli("lint", "--output-format", "concise", *args, cwd=cwd, **kwargs)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    paths = reported(proc)
    return list(dict.fromkeys(paths))


def posix(paths) -> set[str]:
    return {Path(p).as_posix() for p in paths}


# --- stdin ---------------------------------------------------------------------------

def test_stdin_filename_without_a_path_cleans_stdin_and_touches_no_file(tmp_path):
    tree(tmp_path, {"other.md": ONE_FINDING, "news/issue.md": ONE_FINDING})
    piped = "# Piped\n\nA ticket is $3.\n"
    proc = nlclean_cli("fix", "--stdin-filename", "piped.md", cwd=tmp_path, stdin=piped.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == nlclean.clean(piped)
    assert (tmp_path / "other.md").read_text() == ONE_FINDING
    assert (tmp_path / "news" / "issue.md").read_text() == ONE_FINDING


def test_stdin_filename_without_a_path_lints_stdin_under_that_name(tmp_path):
    tree(tmp_path, {"other.md": ONE_FINDING})
    assert linted("--stdin-filename", "piped.md", cwd=tmp_path, stdin=ONE_FINDING.encode()) == ["piped.md"]


# --- .gitignore ----------------------------------------------------------------------

def test_gitignore_is_respected_without_git_or_a_repository(tmp_path):
    tree(tmp_path, {
        ".gitignore": "build/\n*.draft.md\n!keep.draft.md\n/root-only.md\n",
        "a.md": ONE_FINDING,
        "build/b.md": ONE_FINDING,
        "x.draft.md": ONE_FINDING,
        "keep.draft.md": ONE_FINDING,
        "root-only.md": ONE_FINDING,
        "sub/root-only.md": ONE_FINDING,
        "sub/.gitignore": "local.md\n",
        "sub/local.md": ONE_FINDING,
        "local.md": ONE_FINDING,
    })
    env = {**os.environ, "PATH": ""}  # no git to ask: nlclean reads .gitignore itself
    assert posix(linted(cwd=tmp_path, env=env)) == {"a.md", "keep.draft.md", "sub/root-only.md", "local.md"}


GITIGNORE_CASES = {
    ".gitignore": "\n".join([
        "# a comment, then a blank line", "",
        "drafts/", "/top.md", "**/gen/*.md", "a/**/deep.md", "*.tmp.md", "!important.tmp.md",
        "nested/**", "!nested/keep/", "[bc]x.md", "q?.md", "\\#hash.md", "trailing.md   ",
        "docs/*.txt", "only-dir.md/",
    ]) + "\n",
    "sub/.gitignore": "!*.tmp.md\nlocal-*.md\n",
}
GITIGNORE_TREE = [
    "plain.md", "top.md", "sub/top.md", "drafts/d.md", "sub/drafts/d.md", "gen/g.md", "x/gen/g.md",
    "x/gen/y/g.md", "a/deep.md", "a/b/c/deep.md", "b/deep.md", "one.tmp.md", "important.tmp.md",
    "sub/two.tmp.md", "nested/n.md", "nested/keep/k.md", "bx.md", "ax.md", "q1.md", "q12.md",
    "#hash.md", "trailing.md", "docs/t.txt", "docs/more/t.txt", "only-dir.md/inner.md",
    "sub/local-1.md", "local-2.md", "info-excluded.md", "notes.markdown",
]


def test_gitignore_matches_what_git_ignores_in_a_repository(tmp_path):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed to compare with")
    tree(tmp_path, {**GITIGNORE_CASES, **{name: ONE_FINDING for name in GITIGNORE_TREE}})
    subprocess.run([git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("info-excluded.md\n")
    # What git lists as untracked and not ignored (its global excludes file left out, as nlclean leaves it).
    listed = subprocess.run([git, "-c", "core.excludesFile=/dev/null", "ls-files", "--others", "--exclude-standard"],
                            cwd=tmp_path, check=True, capture_output=True, text=True).stdout.splitlines()
    wanted = {p for p in listed if p.endswith((".md", ".markdown", ".txt"))}
    assert wanted and len(wanted) < len(GITIGNORE_TREE)  # the cases do ignore something, not everything
    proc = nlclean_cli("lint", "--show-files", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert posix(proc.stdout.decode().splitlines()) == wanted


# --- exclude / extend-exclude / --force-exclude -------------------------------------------

EXCLUSION_TREE = {
    "a.md": ONE_FINDING, "drafts/d.md": ONE_FINDING, "sub/drafts/e.md": ONE_FINDING,
    "archive/2019/f.md": ONE_FINDING, "archive/2020/g.md": ONE_FINDING, "z.skip.md": ONE_FINDING,
    "node_modules/pkg/readme.md": ONE_FINDING, "sub/archive/2019/h.md": ONE_FINDING,
}


@pytest.mark.parametrize("key, searched", [
    # extend-exclude adds to the default list (node_modules stays out) ...
    ("extend-exclude", {"a.md", "archive/2020/g.md", "sub/archive/2019/h.md"}),
    # ... exclude replaces it; a pattern with a '/' is anchored at the config's folder.
    ("exclude", {"a.md", "archive/2020/g.md", "sub/archive/2019/h.md", "node_modules/pkg/readme.md"}),
])
def test_exclude_and_extend_exclude_settings(tmp_path, key, searched):
    tree(tmp_path, EXCLUSION_TREE)
    project = tmp_path / "project"
    project.mkdir()
    tree(project, EXCLUSION_TREE)
    (project / "pyproject.toml").write_text(
        f'[tool.nlclean]\n{key} = ["drafts", "archive/2019/**", "*.skip.md"]\n')
    assert posix(linted(cwd=project)) == searched
    # Run from above the project: its patterns are still anchored at its own folder.
    assert posix(linted("project", cwd=tmp_path)) == {f"project/{p}" for p in searched}


def test_a_named_file_is_processed_even_if_excluded_unless_force_exclude(tmp_path):
    tree(tmp_path, {**EXCLUSION_TREE, ".gitignore": "ignored.md\n", "ignored.md": ONE_FINDING,
                    "nlclean.toml": 'extend-exclude = ["drafts"]\n'})
    named = ["drafts/d.md", "a.md", "ignored.md"]
    assert posix(linted(*named, cwd=tmp_path)) == set(named)
    assert posix(linted("--force-exclude", *named, cwd=tmp_path)) == {"a.md"}
    (tmp_path / "nlclean.toml").write_text('extend-exclude = ["drafts"]\nforce-exclude = true\n')
    assert posix(linted(*named, cwd=tmp_path)) == {"a.md"}


def test_force_exclude_of_every_file_named_is_quiet_success(tmp_path):
    """What a commit hook does when only excluded files are staged."""
    tree(tmp_path, {"drafts/d.md": ONE_FINDING, "nlclean.toml": 'extend-exclude = ["drafts"]\n'})
    proc = nlclean_cli("fix", "--force-exclude", "drafts/d.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "drafts" / "d.md").read_text() == ONE_FINDING


# --- globs and order ----------------------------------------------------------------------

def test_a_quoted_glob_is_expanded_by_nlclean(tmp_path):
    tree(tmp_path, {"news/2024/jan/a.md": ONE_FINDING, "news/b.md": ONE_FINDING, "news/c.txt": ONE_FINDING,
                    "other/d.md": ONE_FINDING, "news/2024/e.markdown": ONE_FINDING})
    assert posix(linted("news/**/*.md", cwd=tmp_path)) == {"news/2024/jan/a.md", "news/b.md"}
    assert posix(linted("news/*.txt", "other/?.md", cwd=tmp_path)) == {"news/c.txt", "other/d.md"}


GLOB_TREE = ["news/a.md", "news/b.txt", "news/.hidden.md", "news/2024/c.md", "news/2024/jan/d.md",
             "news/2024/jan/e.markdown", "other/f.md", "g.md", "news/ab.md", "news/[x].md"]


@pytest.mark.parametrize("pattern", [
    "news/**/*.md", "**/*.md", "*.md", "news/*", "news/?.md", "news/[ab]*.md", "news/[!a]*",
    "*/2024/**/*", "news/**/jan/*.m*", "**/*.txt",
])
def test_globs_match_what_pythons_glob_matches(tmp_path, pattern):
    """nlclean's own expansion agrees with the shell-like `glob` module (files only: a folder a
    glob matches is searched for newsletters, which `glob` has no notion of)."""
    import glob

    tree(tmp_path, {name: ONE_FINDING for name in GLOB_TREE})
    expected = {p for p in glob.glob(pattern, root_dir=tmp_path, recursive=True) if (tmp_path / p).is_file()}
    proc = nlclean_cli("lint", "--show-files", pattern, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    shown = posix(proc.stdout.decode().splitlines())
    assert expected <= shown
    # Beyond `glob`'s own matches: only newsletters inside a folder the glob matched.
    for extra in shown - expected:
        assert extra.endswith((".md", ".markdown", ".txt")), extra
        assert any((tmp_path / d).is_dir() for d in glob.glob(pattern, root_dir=tmp_path, recursive=True)
                   if extra.startswith(d.rstrip("/") + "/")), extra


def test_a_nested_configuration_excludes_in_its_own_folder_only(tmp_path):
    tree(tmp_path, {
        "nlclean.toml": 'extend-exclude = ["old"]\n',
        "old/a.md": ONE_FINDING, "keep/b.md": ONE_FINDING, "keep/tmp/c.md": ONE_FINDING,
        "team/nlclean.toml": 'extend-exclude = ["tmp", "drafts/*.md"]\n',
        "team/tmp/d.md": ONE_FINDING, "team/drafts/e.md": ONE_FINDING, "team/old/f.md": ONE_FINDING,
        "team/g.md": ONE_FINDING,
    })
    # team/ has its own configuration: its patterns, anchored at team/, replace the top one's there.
    assert posix(linted(cwd=tmp_path)) == {"keep/b.md", "keep/tmp/c.md", "team/old/f.md", "team/g.md"}


def test_files_are_processed_in_sorted_order_whatever_order_they_are_named_in(tmp_path):
    names = ["b.md", "a.md", "sub/z.md", "sub/deeper/y.md", "sub-two/x.md", "c.txt"]
    tree(tmp_path, {name: ONE_FINDING for name in names})
    order = linted("sub", "b.md", "sub-two", "c.txt", "a.md", cwd=tmp_path)
    assert order == sorted(order, key=lambda p: Path(p).parts)
    assert posix(order) == set(names)


def test_a_file_named_twice_is_processed_once(tmp_path):
    tree(tmp_path, {"news/a.md": ONE_FINDING})
    assert linted("news", "news/a.md", "./news/a.md", cwd=tmp_path) == ["news/a.md"]
    os.link(tmp_path / "news" / "a.md", tmp_path / "news" / "b.md")  # one file, two names
    assert linted("news", cwd=tmp_path) == ["news/a.md"]


# --- paths that give nothing, or must not be read ----------------------------------------------

def test_a_path_that_matches_nothing_warns(tmp_path):
    tree(tmp_path, {"empty/notes.rst": "not a newsletter\n", "a.md": ONE_FINDING})
    for path in ("empty", "news/**/*.md"):
        proc = nlclean_cli("lint", path, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert re.search(rf"warning: {re.escape(path)}: .*(no newsletters|matches no files)", proc.stderr.decode())


def _without_root_powers() -> None:
    """In the child, before exec: empty the capability bounding set, so that root, too,
    is refused a folder with no permissions (as every other user is)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP; past the last capability: EINVAL, ignored


def test_a_folder_that_cannot_be_read_is_reported_and_the_rest_processed(tmp_path):
    tree(tmp_path, {"ok.md": ONE_FINDING, "locked/hidden.md": ONE_FINDING})
    (tmp_path / "locked").chmod(0)
    try:
        as_user = {"preexec_fn": _without_root_powers} if os.geteuid() == 0 else {}
        probe = subprocess.run(["ls", str(tmp_path / "locked")], capture_output=True, **as_user)
        if probe.returncode == 0:
            pytest.skip("this system lets the test read a folder without permissions")
        proc = nlclean_cli("lint", "--output-format", "concise", ".", cwd=tmp_path, **as_user)
        assert proc.returncode == 2
        assert re.search(r"error: locked: permission denied", proc.stderr.decode())
        assert reported(proc) == ["ok.md"]
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_fifo_is_never_opened(tmp_path):
    tree(tmp_path, {"ok.md": ONE_FINDING})
    os.mkfifo(tmp_path / "pipe.md")  # nobody writes to it: reading it would wait for ever
    proc = nlclean_cli("lint", "--output-format", "concise", ".", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1, proc.stderr
    assert re.search(r"warning: pipe\.md: not a regular file", proc.stderr.decode())
    assert reported(proc) == ["ok.md"]
    named = nlclean_cli("fix", "pipe.md", cwd=tmp_path, timeout=30)
    assert named.returncode == 2
    assert re.search(r"error: pipe\.md: not a regular file", named.stderr.decode())
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe.md").st_mode)


def test_a_link_out_of_the_searched_folder_is_skipped_but_can_be_named(tmp_path):
    tree(tmp_path, {"outside/secret.md": ONE_FINDING, "news/a.md": ONE_FINDING})
    (tmp_path / "news" / "link.md").symlink_to(tmp_path / "outside" / "secret.md")
    proc = nlclean_cli("lint", "--output-format", "concise", "news", cwd=tmp_path)
    assert reported(proc) == ["news/a.md"]
    assert re.search(r"warning: news/link\.md: a symlink to .*outside the paths given", proc.stderr.decode())
    assert posix(linted("news/link.md", cwd=tmp_path)) == {"news/link.md"}


def test_stdin_named_as_an_excluded_file_is_passed_through_under_force_exclude(tmp_path):
    """Editors pipe a buffer with its file name: an excluded file comes back untouched, as with ruff."""
    tree(tmp_path, {"nlclean.toml": 'extend-exclude = ["drafts"]\n'})
    text = ONE_FINDING.encode()
    fixed = nlclean_cli("fix", "--force-exclude", "--stdin-filename", "drafts/new.md", cwd=tmp_path, stdin=text)
    assert (fixed.returncode, fixed.stdout) == (0, text), fixed.stderr
    assert linted("--force-exclude", "--stdin-filename", "drafts/new.md", cwd=tmp_path, stdin=text) == []
    # Without --force-exclude the name is only a name: stdin is cleaned.
    cleaned = nlclean_cli("fix", "--stdin-filename", "drafts/new.md", cwd=tmp_path, stdin=text)
    assert cleaned.stdout.decode() == nlclean.clean(ONE_FINDING)
