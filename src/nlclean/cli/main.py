"""The `nlclean` command: one sub-command module each (lint, fix, rules, …)."""
from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec

from .. import __version__
from ..settings import ConfigError
from . import fix_command, learn_command, lint_command, rules_command
from .common import UsageError, error

COMMANDS = [lint_command, fix_command, learn_command, rules_command]


def _optional_commands() -> list:
    """Faces that live outside the engine's package and may not be installed.
    Their packages are only looked for here (importing them is for when the
    command runs, so that `fix` starts fast)."""
    found = []
    for module_name, needs in (("nlclean.cli.server_command", None), ("nlclean.cli.hook_command", "nlclean_hooks")):
        try:
            if needs is not None and find_spec(needs) is None:
                continue
            found.append(__import__(module_name, fromlist=["add_parser"]))
        except ImportError:
            pass
    return found


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, as for every other usage error
        self.exit(2, f"nlclean: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nlclean", description="Clean newsletters converted from email to markdown.")
    parser.add_argument("--version", action="version", version=f"nlclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS + _optional_commands():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except (UsageError, ConfigError) as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
