"""`nlclean install-hook` / `nlclean uninstall-hook`: the plain git pre-commit hook.

For repositories that do not use the pre-commit framework (for those, see
docs/commit-hooks.md). The hook itself lives in the `nlclean_hooks` package.
"""
from __future__ import annotations

import argparse
import sys

from .common import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "install-hook", help="install a git pre-commit hook that cleans staged newsletters",
        description="Install a git pre-commit hook that cleans the staged newsletters and re-stages them. "
                    "An existing hook that is not nlclean's is left in place unless --chain or --force.")
    p.add_argument("--files", action="append", metavar="PATTERN",
                   help="git glob pathspec of the newsletters to clean, e.g. 'newsletters/**/*.md' "
                        "(repeatable; stored as `git config nlclean.files`; default: every *.md, *.markdown, *.txt)")
    p.add_argument("--chain", action="store_true", help="keep an existing pre-commit hook and run it first")
    p.add_argument("--force", action="store_true",
                   help="replace an existing pre-commit hook (kept as pre-commit.nlclean-replaced)")
    p.add_argument("-C", dest="repo", default=".", metavar="DIR", help="the repository (default: this folder)")
    p.set_defaults(run=run_install)

    u = sub.add_parser("uninstall-hook", help="remove nlclean's git pre-commit hook",
                       description="Remove nlclean's git pre-commit hook (only ours) and put back a hook "
                                   "that install-hook set aside.")
    u.add_argument("-C", dest="repo", default=".", metavar="DIR", help="the repository (default: this folder)")
    u.set_defaults(run=run_uninstall)


def _report(action) -> int:
    from nlclean_hooks.git import GitError
    from nlclean_hooks.install import InstallError

    try:
        report = action()
    except (InstallError, GitError) as exc:
        raise UsageError(str(exc)) from None
    for line in report.messages:
        sys.stderr.write(f"nlclean: {line}\n")
    return 0


# nlclean_hooks is imported when a hook command runs: `lint` and `fix` must not pay for it.
def run_install(args: argparse.Namespace) -> int:
    from nlclean_hooks.install import install

    return _report(lambda: install(args.repo, force=args.force, chain=args.chain, patterns=args.files))


def run_uninstall(args: argparse.Namespace) -> int:
    from nlclean_hooks.install import uninstall

    return _report(lambda: uninstall(args.repo))
