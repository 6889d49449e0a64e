"""The few git plumbing calls the hook needs, each a subprocess.

Every call inherits the environment, so inside `git commit` it works on the
index git handed the hook (`GIT_INDEX_FILE`), which is the one git commits.
"""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A git command failed; str() is its message."""


def run(args: list[str], cwd: Path | str | None = None, stdin: bytes | None = None, check: bool = True) -> bytes:
    """stdout of `git ARGS`; raises GitError (with git's own message) when it fails and `check`."""
    proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True)
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} exited {proc.returncode}"
        raise GitError(message)
    return proc.stdout


def text(args: list[str], cwd: Path | str | None = None) -> str:
    return run(args, cwd).decode("utf-8", "surrogateescape").strip()


def toplevel(cwd: Path | str | None = None) -> Path:
    try:
        return Path(text(["rev-parse", "--show-toplevel"], cwd))
    except GitError:
        raise GitError(f"{Path(cwd or '.').resolve()}: not inside a git working tree") from None


def hooks_dir(top: Path) -> Path:
    """Where git looks for hooks: `core.hooksPath` if set, else .git/hooks (worktrees included)."""
    return (top / text(["rev-parse", "--git-path", "hooks"], top)).resolve()


def config_values(top: Path, key: str) -> list[str]:
    out = run(["config", "--get-all", "-z", key], top, check=False)
    return [v for v in out.decode("utf-8", "surrogateescape").split("\0") if v]
