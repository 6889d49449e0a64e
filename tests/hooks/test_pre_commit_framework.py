"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a throwaway repository.

The hook source is a snapshot of THIS checkout's working tree (tracked files
plus untracked ones git does not ignore), committed into a temporary repository:
pre-commit wants a `rev`, and a snapshot tests the code as it is now, not as
it was at the last commit. pre-commit builds the hook's environment once per
session (pip installs nlclean and its dependencies: the slow part).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from git_sandbox import REPO_ROOT, Repo, git_env

pytest.importorskip("pre_commit")

PRE_COMMIT = (sys.executable, "-m", "pre_commit")


def _snapshot_of_this_checkout(dest: Path, env: dict[str, str]) -> str:
    """Copy the working tree into a new repository at `dest`, commit it; the commit's hash."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO_ROOT, env=env, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        src = REPO_ROOT / name
        if src.is_file():  # a tracked file someone deleted in the working tree is not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    snapshot = Repo(dest, env)
    snapshot.git("add", "-A")
    snapshot.git("commit", "-q", "-m", "snapshot of the working tree under test")
    return snapshot.git("rev-parse", "HEAD").stdout.strip()


CONFIG = """\
repos:
  - repo: {source}
    rev: {rev}
    hooks:
      - id: nlclean-fix
        files: ^newsletters/
      - id: nlclean-lint
        files: ^newsletters/
        stages: [manual]
"""


@pytest.fixture(scope="session")
def framework_env(tmp_path_factory) -> dict[str, str]:
    """An environment whose PRE_COMMIT_HOME holds the hook's installed environment."""
    base = tmp_path_factory.mktemp("pre-commit")
    (base / "home").mkdir()
    env = git_env(base / "home")
    env["PRE_COMMIT_HOME"] = str(base / "cache")
    source = base / "source"
    rev = _snapshot_of_this_checkout(source, env)
    env["NLCLEAN_TEST_HOOK_SOURCE"] = f"{source}\n{rev}"
    warm = Repo(base / "warm", env)
    warm.write(".pre-commit-config.yaml", CONFIG.format(source=source, rev=rev))
    warm.run(*PRE_COMMIT, "install-hooks")
    return env


@pytest.fixture
def project(tmp_path: Path, framework_env: dict[str, str]) -> Repo:
    """A repository using the hooks, with `pre-commit install` done and a first commit."""
    source, rev = framework_env["NLCLEAN_TEST_HOOK_SOURCE"].split("\n")
    repo = Repo(tmp_path / "project", dict(framework_env))
    repo.write(".pre-commit-config.yaml", CONFIG.format(source=source, rev=rev))
    repo.run(*PRE_COMMIT, "install")
    repo.git("add", ".pre-commit-config.yaml")
    repo.git("commit", "-q", "-m", "use nlclean")
    return repo


def test_manifest_is_valid():
    proc = subprocess.run([*PRE_COMMIT, "validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dirty_newsletter_fails_the_commit_and_is_fixed_then_the_next_commit_passes(project, dirty, cleaned):
    project.write("newsletters/issue-1.md", dirty)
    project.git("add", "newsletters/issue-1.md")

    first = project.git("commit", "-m", "issue 1", check=False)
    assert first.returncode != 0
    assert "fixed newsletters/issue-1.md" in first.stdout + first.stderr
    assert (project.path / "newsletters/issue-1.md").read_bytes() == cleaned
    assert project.git("rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing was committed

    project.git("add", "newsletters/issue-1.md")
    project.git("commit", "-q", "-m", "issue 1")
    assert project.committed("newsletters/issue-1.md") == cleaned


def test_unstaged_edits_survive_the_fix_hook(project, dirty):
    """pre-commit sets unstaged edits aside while the hook runs; whatever happens to the fix,
    the edits must come back byte for byte."""
    path = project.write("newsletters/issue-4.md", dirty)
    project.git("add", "newsletters/issue-4.md")
    with_edit = dirty + b"\nA paragraph written after staging, not staged.\n"
    path.write_bytes(with_edit)
    proc = project.git("commit", "-m", "issue 4", check=False)
    assert proc.returncode != 0
    assert path.read_bytes() == with_edit
    assert project.staged("newsletters/issue-4.md") == dirty


def test_clean_newsletter_passes_untouched(project, cleaned):
    path = project.write("newsletters/issue-2.md", cleaned)
    before = path.stat().st_mtime_ns
    project.git("add", "newsletters/issue-2.md")
    project.git("commit", "-q", "-m", "issue 2")
    assert path.read_bytes() == cleaned
    assert path.stat().st_mtime_ns == before
    assert project.committed("newsletters/issue-2.md") == cleaned


def test_files_outside_the_configured_folder_are_not_touched(project, dirty):
    project.write("notes/README.md", dirty)  # as dirty as a newsletter, but not in newsletters/
    project.git("add", "notes/README.md")
    project.git("commit", "-q", "-m", "notes")
    assert project.committed("notes/README.md") == dirty


def test_lint_hook_reports_and_writes_nothing(project, dirty):
    path = project.write("newsletters/issue-3.md", dirty)
    project.git("add", "newsletters/issue-3.md")
    proc = project.run(*PRE_COMMIT, "run", "--hook-stage", "manual", "nlclean-lint",
                       "--files", "newsletters/issue-3.md", check=False)
    assert proc.returncode != 0
    assert "newsletters/issue-3.md" in proc.stdout
    assert path.read_bytes() == dirty
