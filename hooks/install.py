"""Install and uninstall the plain git pre-commit hook (`hooks/pre-commit`).

Our hook is recognised exactly: the packaged script with some Python filled
in, byte for byte, as a regular file (not a file that merely holds our marker
line, not a symlink). A hook that is already there and is not ours, a
dangling symlink included, is never overwritten silently:

- without options, install refuses and says what to do;
- `--chain` keeps it as `pre-commit.nlclean-chained`, and our hook runs it
  first (a failure there stops the commit, as before);
- `--force` replaces it, keeping it as `pre-commit.nlclean-replaced`.

Uninstall removes only our hook, and puts back the one it set aside.
"""
from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from nlclean.files import TEMP_SUFFIX

from . import git
from .staged import FILES_KEY

MARKER = "# nlclean-hook:"
PYTHON_PLACEHOLDER = "'@NLCLEAN_PYTHON@'"
CHAINED_SUFFIX = ".nlclean-chained"  # a previous hook that ours runs first
REPLACED_SUFFIX = ".nlclean-replaced"  # a previous hook that --force took out of the way


class InstallError(Exception):
    """The hook cannot be installed or removed as asked; str() says why and what to do."""


@dataclass
class Report:
    messages: list[str]


def hook_script(python: str = sys.executable) -> str:
    """The hook as installed: the packaged script with this Python filled in."""
    template = resources.files("nlclean_hooks").joinpath("pre-commit").read_text(encoding="utf-8")
    return template.replace(PYTHON_PLACEHOLDER, shlex.quote(python), 1)


@lru_cache(maxsize=1)
def _own_hook_pattern() -> "re.Pattern[str]":
    """The packaged script with any Python path in the placeholder's place
    (as `shlex.quote` writes it: bare safe characters, or single-quoted)."""
    template = resources.files("nlclean_hooks").joinpath("pre-commit").read_text(encoding="utf-8")
    before, after = template.split(PYTHON_PLACEHOLDER, 1)
    quoted_path = r"(?:[\w@%+=:,./-]+|'[^'\n]*'(?:\"'\"'[^'\n]*')*)"
    return re.compile(re.escape(before) + quoted_path + re.escape(after), re.S)


def is_ours(hook: Path) -> bool:
    """Whether `hook` is exactly a hook `install` wrote (any Python path in it)."""
    if hook.is_symlink() or not hook.is_file():
        return False
    try:
        with open(hook, "rb") as handle:
            content = handle.read(1 << 20)
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return MARKER in text and _own_hook_pattern().fullmatch(text) is not None


def _present(hook: Path) -> bool:
    """Something is at the hook's path: a file, or a symlink even when it leads nowhere."""
    return hook.exists() or hook.is_symlink()


def _write_hook(hook: Path, script: str) -> None:
    """Atomically, as every nlclean write: a temporary file beside it, then a rename."""
    hook.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pre-commit.", suffix=TEMP_SUFFIX, dir=hook.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(script.encode("utf-8"))
        os.chmod(tmp, 0o755)
        os.replace(tmp, hook)
    except BaseException:
        os.unlink(tmp)
        raise


def install(repo: Path | str = ".", *, force: bool = False, chain: bool = False,
            patterns: list[str] | None = None, python: str = sys.executable) -> Report:
    if force and chain:
        raise InstallError("--force and --chain exclude each other: replace the existing hook, or run it first")
    top = git.toplevel(repo)
    hook = git.hooks_dir(top) / "pre-commit"
    messages = []
    if _present(hook) and not is_ours(hook):
        if not (force or chain):
            raise InstallError(
                f"{hook} already exists and is not nlclean's hook; left in place. "
                f"Use --chain to keep it and run it before nlclean, or --force to replace it "
                f"(it is kept as pre-commit{REPLACED_SUFFIX}).")
        aside = hook.with_name(hook.name + (CHAINED_SUFFIX if chain else REPLACED_SUFFIX))
        if _present(aside):
            raise InstallError(f"{aside} already exists; move it away first, nothing was changed")
        os.replace(hook, aside)
        messages.append(f"kept the existing hook as {aside}" + (" (it runs first)" if chain else ""))
    verb = "updated" if hook.exists() else "installed"
    try:
        _write_hook(hook, hook_script(python))
    except OSError as exc:
        raise InstallError(f"{hook}: cannot write the hook ({exc})") from None
    messages.append(f"{verb} the nlclean pre-commit hook in {hook}")
    if patterns:
        git.run(["config", "--local", "--unset-all", FILES_KEY], top, check=False)
        for pattern in patterns:
            git.run(["config", "--local", "--add", FILES_KEY, pattern], top)
    current = git.config_values(top, FILES_KEY)
    messages.append(
        f"it cleans staged files matching {', '.join(current)} (git config {FILES_KEY})" if current else
        f"it cleans every staged *.md, *.markdown and *.txt; limit it with "
        f"`git config {FILES_KEY} 'newsletters/**/*.md'`")
    return Report(messages)


def uninstall(repo: Path | str = ".") -> Report:
    top = git.toplevel(repo)
    hook = git.hooks_dir(top) / "pre-commit"
    messages = []
    if _present(hook):
        if not is_ours(hook):
            raise InstallError(f"{hook} is not nlclean's hook; left in place")
        hook.unlink()
        messages.append(f"removed the nlclean pre-commit hook from {hook}")
    else:
        messages.append(f"no pre-commit hook in {hook.parent}; nothing to remove")
    for suffix in (CHAINED_SUFFIX, REPLACED_SUFFIX):
        aside = hook.with_name(hook.name + suffix)
        if _present(aside) and not _present(hook):
            os.replace(aside, hook)
            messages.append(f"put back the hook that was there before ({aside.name} -> {hook.name})")
    return Report(messages)
