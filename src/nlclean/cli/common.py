"""What `lint` and `fix` share: options, settings per file, reading input."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..files import FileError, Newsletter, decode, format_for, read
from ..files import discover as discover_files
from ..settings import ConfigError, Settings, discover, load_file
from ..rules import BY_CODE, BY_NAME

PROGRESS_THRESHOLD = 20


class UsageError(Exception):
    pass


def add_selection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                   help="files or folders (searched for *.md, *.markdown, *.txt); '-' reads stdin")
    p.add_argument("--select", help="comma-separated codes, prefixes or names of the rules to run")
    p.add_argument("--ignore", help="comma-separated codes, prefixes or names of rules to skip")
    p.add_argument("--extend-select", help="rules to run on top of the defaults")
    p.add_argument("--config", help="use this nlclean.toml / pyproject.toml instead of discovering one")
    p.add_argument("--stdin-filename", help="name of the file read from stdin (picks the format by suffix)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")


def _selectors(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = tuple(s.strip() for s in value.split(",") if s.strip())
    for s in items:
        if s.upper() != "ALL" and s not in BY_NAME and not any(code.startswith(s.upper()) for code in BY_CODE):
            raise UsageError(f"unknown rule selector '{s}' (see `nlclean rules`)")
    return items


class SettingsResolver:
    """Settings for each file: discovered (or --config), then the command line on top."""

    def __init__(self, args: argparse.Namespace, unsafe: bool | None = None) -> None:
        self.overrides = {
            "select": _selectors(args.select),
            "ignore": _selectors(args.ignore),
            "extend_select": _selectors(args.extend_select),
            "unsafe_fixes": unsafe,
        }
        self.fixed: Settings | None = load_file(args.config) if args.config else None

    def for_path(self, path: str | Path | None) -> Settings:
        base = self.fixed if self.fixed is not None else discover(path)
        return base.with_overrides(**self.overrides)


def read_stdin(name: str | None) -> Newsletter:
    data = sys.stdin.buffer.read()
    label = name or "<stdin>"
    return Newsletter(Path(label), decode(data, label), data)


@dataclass
class Input:
    """One newsletter to process: a file, or stdin when `path` is None."""

    name: str  # as shown in messages
    settings_path: str | Path | None  # where configuration is discovered from
    path: Path | None

    def load(self, stdin_filename: str | None) -> Newsletter:
        return read(self.path) if self.path is not None else read_stdin(stdin_filename)


def error(message: str) -> None:
    sys.stderr.write(f"nlclean: error: {message}\n")


def inputs_from(args: argparse.Namespace) -> tuple[list[Input], bool]:
    """What `lint` or `fix` processes: stdin, or the newsletters under the paths given.
    Paths that do not exist are reported as errors (the bool), links out of them as warnings."""
    if args.paths == ["-"]:
        return [Input(args.stdin_filename or "-", args.stdin_filename, None)], False
    skipped: list[str] = []
    files, missing = discover_files(args.paths, skipped)
    for m in missing:
        error(m)
    for line in skipped:
        sys.stderr.write(f"nlclean: warning: {line}\n")
    return [Input(str(f), f, f) for f in files], bool(missing)


@contextmanager
def progress(count: int, enabled: bool) -> Iterator:
    """A progress bar on stderr for long runs on a terminal; otherwise a no-op."""
    if not enabled or count < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None, redirect_stdout=False) as bar:
        task = bar.add_task("nlclean", total=count)
        yield lambda: bar.advance(task)


__all__ = [
    "add_selection_options", "Input", "inputs_from", "SettingsResolver", "read_stdin", "error", "progress", "UsageError",
    "ConfigError", "FileError", "format_for",
]
