"""The plain git pre-commit hook (`nlclean install-hook`), through real `git commit`s."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

NLCLEAN = (sys.executable, "-m", "nlclean.cli.main")
FOREIGN_HOOK = "#!/bin/sh\necho ran >> foreign-hook-ran\n"


@pytest.fixture
def hooked(repo):
    """A repository with nlclean's hook installed and one commit."""
    repo.run(*NLCLEAN, "install-hook")
    repo.write("README", "a repository of newsletters\n")
    repo.git("add", "README")
    repo.git("commit", "-q", "-m", "start")
    return repo


def hook_path(repo):
    return repo.path / ".git" / "hooks" / "pre-commit"


def test_fixtures_agree_with_the_cli(dirty, cleaned):
    """The fixtures are what they say: `cleaned` is `dirty` after `nlclean fix`, and is clean."""
    run = [*NLCLEAN, "fix", "--stdin-filename", "x.md", "-"]
    assert subprocess.run(run, input=dirty, capture_output=True, check=True).stdout == cleaned
    assert subprocess.run(run, input=cleaned, capture_output=True, check=True).stdout == cleaned


def test_install_writes_an_executable_hook(repo):
    proc = repo.run(*NLCLEAN, "install-hook")
    assert "installed the nlclean pre-commit hook" in proc.stderr
    hook = hook_path(repo)
    assert hook.stat().st_mode & stat.S_IXUSR
    assert "# nlclean-hook:" in hook.read_text()
    again = repo.run(*NLCLEAN, "install-hook")
    assert "updated the nlclean pre-commit hook" in again.stderr


def test_install_from_a_subfolder_follows_core_hooks_path(repo, dirty, cleaned):
    repo.git("config", "core.hooksPath", ".githooks")
    (repo.path / "newsletters").mkdir()
    repo.run(*NLCLEAN, "install-hook", "-C", "newsletters")
    assert "# nlclean-hook:" in (repo.path / ".githooks" / "pre-commit").read_text()
    assert not hook_path(repo).exists()
    repo.write("newsletters/issue-0.md", dirty)
    repo.git("add", "newsletters/issue-0.md")
    repo.git("commit", "-q", "-m", "issue 0")
    assert repo.committed("newsletters/issue-0.md") == cleaned


def test_dirty_newsletter_is_committed_clean(hooked, dirty, cleaned):
    hooked.write("issue-1.md", dirty)
    hooked.git("add", "issue-1.md")
    proc = hooked.git("commit", "-m", "issue 1")
    assert "cleaned and re-staged issue-1.md" in proc.stderr
    assert hooked.committed("issue-1.md") == cleaned
    assert (hooked.path / "issue-1.md").read_bytes() == cleaned  # the working tree agrees
    assert hooked.git("status", "--porcelain").stdout == ""


def test_clean_newsletter_is_committed_untouched(hooked, cleaned):
    path = hooked.write("issue-2.md", cleaned)
    before = path.stat().st_mtime_ns
    hooked.git("add", "issue-2.md")
    proc = hooked.git("commit", "-m", "issue 2")
    assert "nlclean" not in proc.stderr
    assert hooked.committed("issue-2.md") == cleaned
    assert path.stat().st_mtime_ns == before


def test_partially_staged_file_keeps_its_unstaged_edits(hooked, dirty, cleaned):
    path = hooked.write("issue-3.md", dirty)
    hooked.git("add", "issue-3.md")
    with_edit = dirty + b"\nA paragraph written after staging, not staged.\n"
    path.write_bytes(with_edit)

    proc = hooked.git("commit", "-m", "issue 3")
    assert "only the staged version was cleaned" in proc.stderr
    assert hooked.committed("issue-3.md") == cleaned
    assert hooked.staged("issue-3.md") == cleaned
    assert path.read_bytes() == with_edit  # byte for byte: nothing merged, nothing lost


def test_crlf_and_bom_survive_the_hook(hooked, dirty, cleaned):
    def crlf_bom(data: bytes) -> bytes:
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")

    hooked.write("issue-4.md", crlf_bom(dirty))
    hooked.git("add", "issue-4.md")
    hooked.git("commit", "-q", "-m", "issue 4")
    assert hooked.committed("issue-4.md") == crlf_bom(cleaned)
    assert (hooked.path / "issue-4.md").read_bytes() == crlf_bom(cleaned)


def test_commit_all_with_an_unusual_file_name(hooked, dirty, cleaned):
    name = "news letters/Café issue #10.md"  # a space, non-ASCII, a glob-looking character
    hooked.write(name, cleaned)
    hooked.git("add", ".")
    hooked.git("commit", "-q", "-m", "issue 10")
    hooked.write(name, dirty)  # tracked and modified, not staged: `commit -a` stages it
    hooked.write("README", "a repository of newsletters, cleaned\n")
    hooked.git("commit", "-q", "-a", "-m", "update")
    assert hooked.committed(name) == cleaned
    assert (hooked.path / name).read_bytes() == cleaned
    assert hooked.git("status", "--porcelain").stdout == ""


def test_configured_pattern_limits_the_hook(repo, dirty, cleaned):
    repo.run(*NLCLEAN, "install-hook", "--files", "newsletters/**/*.md")
    assert repo.git("config", "--get-all", "nlclean.files").stdout == "newsletters/**/*.md\n"
    repo.write("newsletters/2024/issue-5.md", dirty)
    repo.write("notes.md", dirty)
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "issue 5 and notes")
    assert repo.committed("newsletters/2024/issue-5.md") == cleaned
    assert repo.committed("notes.md") == dirty


def test_non_utf8_newsletter_stops_the_commit_and_the_others_are_still_cleaned(hooked, dirty, cleaned):
    latin1 = "# Caf\xe9 news\n\nCr\xe8me br\xfbl\xe9e for everyone.\n".encode("latin-1")
    hooked.write("latin1.md", latin1)
    hooked.write("issue-6.md", dirty)
    hooked.git("add", "latin1.md", "issue-6.md")
    proc = hooked.git("commit", "-m", "mixed", check=False)
    assert proc.returncode != 0
    assert "latin1.md: not UTF-8" in proc.stderr
    assert "commit stopped" in proc.stderr
    assert hooked.git("rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert hooked.staged("latin1.md") == latin1 and (hooked.path / "latin1.md").read_bytes() == latin1
    assert hooked.staged("issue-6.md") == cleaned


def test_a_commit_that_cleaning_empties_is_stopped(hooked, dirty, cleaned):
    hooked.write("issue-7.md", cleaned)
    hooked.git("add", "issue-7.md")
    hooked.git("commit", "-q", "-m", "issue 7")
    hooked.write("issue-7.md", dirty)  # a sponsor block pasted back in, nothing else
    hooked.git("add", "issue-7.md")
    proc = hooked.git("commit", "-m", "ad again", check=False)
    assert proc.returncode != 0
    assert "nothing is left to commit" in proc.stderr
    assert hooked.git("rev-list", "--count", "HEAD").stdout.strip() == "2"


def test_foreign_hook_is_not_clobbered_without_force(repo):
    hook = hook_path(repo)
    hook.write_text(FOREIGN_HOOK)
    hook.chmod(0o755)
    proc = repo.run(*NLCLEAN, "install-hook", check=False)
    assert proc.returncode == 2
    assert "not nlclean's hook" in proc.stderr and "--chain" in proc.stderr
    assert hook.read_text() == FOREIGN_HOOK


def test_chain_runs_the_foreign_hook_first_and_uninstall_puts_it_back(repo, dirty, cleaned):
    hook = hook_path(repo)
    hook.write_text(FOREIGN_HOOK)
    hook.chmod(0o755)
    repo.run(*NLCLEAN, "install-hook", "--chain")
    repo.write("issue-8.md", dirty)
    repo.git("add", "issue-8.md")
    repo.git("commit", "-q", "-m", "issue 8")
    assert (repo.path / "foreign-hook-ran").read_text() == "ran\n"
    assert repo.committed("issue-8.md") == cleaned

    repo.run(*NLCLEAN, "uninstall-hook")
    assert hook.read_text() == FOREIGN_HOOK
    assert os.access(hook, os.X_OK)
    assert not hook.with_name("pre-commit.nlclean-chained").exists()


def test_force_replaces_the_foreign_hook_and_uninstall_puts_it_back(repo):
    hook = hook_path(repo)
    hook.write_text(FOREIGN_HOOK)
    hook.chmod(0o755)
    proc = repo.run(*NLCLEAN, "install-hook", "--force")
    assert "pre-commit.nlclean-replaced" in proc.stderr
    assert "# nlclean-hook:" in hook.read_text()
    repo.run(*NLCLEAN, "uninstall-hook")
    assert hook.read_text() == FOREIGN_HOOK


def test_uninstall_removes_only_our_hook(repo, dirty):
    hook = hook_path(repo)
    hook.write_text(FOREIGN_HOOK)
    proc = repo.run(*NLCLEAN, "uninstall-hook", check=False)
    assert proc.returncode == 2 and "not nlclean's hook" in proc.stderr
    assert hook.read_text() == FOREIGN_HOOK


def test_after_uninstall_commits_are_not_cleaned(hooked, dirty):
    proc = hooked.run(*NLCLEAN, "uninstall-hook")
    assert "removed the nlclean pre-commit hook" in proc.stderr
    assert not hook_path(hooked).exists()
    hooked.write("issue-9.md", dirty)
    hooked.git("add", "issue-9.md")
    hooked.git("commit", "-q", "-m", "issue 9")
    assert hooked.committed("issue-9.md") == dirty
    again = hooked.run(*NLCLEAN, "uninstall-hook")
    assert "nothing to remove" in again.stderr
