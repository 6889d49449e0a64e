"""The `nlclean` command: one sub-command module each (lint, fix, rules, …).

Start-up is paid on every call (pre-commit runs nlclean once per chunk of
files, an editor once per save), and most of it is importing. So only the
module of the command that runs is imported: the others get a placeholder
parser that carries their one-line help for `nlclean --help`, and
`nlclean --version` imports no command at all. Measure with
`benchmarks/bench_startup.py` (or `python -X importtime -m nlclean …`).
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module
from importlib.util import find_spec

from .. import __version__

# command -> (its module in nlclean.cli, the package it needs beyond nlclean, its help line)
COMMANDS = {
    "lint": ("lint_command", None, "report what would be cleaned"),
    "fix": ("fix_command", None, "clean files in place (or '-' for stdin to stdout)"),
    "learn": ("learn_command", None, "learn each sender's template from its issues"),
    "rules": ("rules_command", None, "list every rule"),
    "rule": ("rules_command", None, "print a rule's documentation"),
    "server": ("server_command", None, "run the language server (LSP over stdin/stdout)"),
    "install-hook": ("hook_command", "nlclean_hooks", "install a git pre-commit hook that cleans staged newsletters"),
    "uninstall-hook": ("hook_command", "nlclean_hooks", "remove nlclean's git pre-commit hook"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, as for every other usage error
        self.exit(2, f"nlclean: error: {message}\n")


def _available(needs: str | None) -> bool:
    """Faces that live outside the engine's package may not be installed."""
    try:
        return needs is None or find_spec(needs) is not None
    except (ImportError, ValueError):
        return False


def _chosen_command(argv: list[str]) -> str | None:
    """The sub-command named on the command line (the first word that is not an option)."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the full options of the command `argv` names (every command's
    when `argv` is None) and a placeholder carrying the help line for each other one."""
    chosen = _chosen_command(argv) if argv is not None else None
    chosen_module = COMMANDS[chosen][0] if chosen else None
    parser = _Parser(prog="nlclean", description="Clean newsletters converted from email to markdown.")
    parser.add_argument("--version", action="version", version=f"nlclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    loaded: set[str] = set()
    for name, (module_name, needs, help_line) in COMMANDS.items():
        if not _available(needs):
            continue
        if argv is None or module_name == chosen_module:
            if module_name not in loaded:  # one module may define two commands (rules, rule)
                loaded.add(module_name)
                import_module(f"{__package__}.{module_name}").add_parser(sub)
        else:
            sub.add_parser(name, help=help_line, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    # Imported once a command runs: `--version` and `--help` need neither.
    from ..settings import ConfigError
    from .common import UsageError, error

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
