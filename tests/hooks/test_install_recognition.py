"""`nlclean install-hook` knows its own hook exactly and backs up anything else (issue 16).

Through the real CLI in a subprocess, on a real git repository."""
from __future__ import annotations

import os
import sys

NLCLEAN = (sys.executable, "-m", "nlclean.cli.main")
# A hook of someone else's that quotes our marker line (a comment, a copy-paste).
IMPOSTOR = "#!/bin/sh\n# nlclean-hook: a note someone copied here\necho custom checks >> ran\n"


def hook_path(repo):
    return repo.path / ".git" / "hooks" / "pre-commit"


def test_a_foreign_hook_that_quotes_our_marker_is_not_taken_for_ours(repo):
    hook = hook_path(repo)
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(IMPOSTOR)
    proc = repo.run(*NLCLEAN, "install-hook", check=False)
    assert proc.returncode == 2 and "not nlclean's hook" in proc.stderr
    assert hook.read_text() == IMPOSTOR
    proc = repo.run(*NLCLEAN, "uninstall-hook", check=False)
    assert proc.returncode == 2
    assert hook.read_text() == IMPOSTOR


def test_force_keeps_the_quoting_hook_as_a_backup(repo):
    hook = hook_path(repo)
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(IMPOSTOR)
    repo.run(*NLCLEAN, "install-hook", "--force")
    assert hook.with_name("pre-commit.nlclean-replaced").read_text() == IMPOSTOR
    repo.run(*NLCLEAN, "uninstall-hook")
    assert hook.read_text() == IMPOSTOR


def test_a_dangling_symlink_hook_is_kept_not_overwritten(repo):
    hook = hook_path(repo)
    hook.parent.mkdir(parents=True, exist_ok=True)
    target = repo.path / "shared-hooks" / "pre-commit"  # not there (yet): the link dangles
    os.symlink(target, hook)
    refused = repo.run(*NLCLEAN, "install-hook", check=False)
    assert refused.returncode == 2
    assert hook.is_symlink() and os.readlink(hook) == str(target)

    repo.run(*NLCLEAN, "install-hook", "--force")
    backup = hook.with_name("pre-commit.nlclean-replaced")
    assert backup.is_symlink() and os.readlink(backup) == str(target)
    assert not hook.is_symlink() and "# nlclean-hook:" in hook.read_text()
    repo.run(*NLCLEAN, "uninstall-hook")
    assert hook.is_symlink() and os.readlink(hook) == str(target)


def test_our_hook_is_recognised_and_updated_in_place(repo):
    repo.run(*NLCLEAN, "install-hook")
    again = repo.run(*NLCLEAN, "install-hook")
    assert "updated" in again.stderr
    assert not hook_path(repo).with_name("pre-commit.nlclean-replaced").exists()


def test_our_hook_with_a_line_added_is_no_longer_ours(repo):
    repo.run(*NLCLEAN, "install-hook")
    hook = hook_path(repo)
    edited = hook.read_text() + "echo my own addition\n"
    hook.write_text(edited)
    proc = repo.run(*NLCLEAN, "install-hook", check=False)
    assert proc.returncode == 2
    assert hook.read_text() == edited
