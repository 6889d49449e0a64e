"""What `lint` and `fix` share: options, the inputs of a run, settings per file.

The options follow ruff's where ruff has one: `--stdin-filename` without a
path reads stdin, `--force-exclude`, `--show-files`, `--show-settings`,
`--exit-zero`, `-q` (findings only, no summary or warnings) and `-s` (not even
findings; errors are still printed, so a failure is never silent).
"""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..files import FileError, Newsletter, decode, format_for, read
from ..settings import ConfigError, Settings, discover, load_file
from ..rules import BY_CODE, BY_NAME

PROGRESS_THRESHOLD = 20


class UsageError(Exception):
    pass


def add_selection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=None, metavar="PATH",
                   help="files, folders (searched for *.md, *.markdown, *.txt) or quoted globs "
                        "('news/**/*.md'); '-' reads stdin; default: the current folder")
    p.add_argument("--select", help="comma-separated codes, prefixes or names of the rules to run")
    p.add_argument("--ignore", help="comma-separated codes, prefixes or names of rules to skip")
    p.add_argument("--extend-select", help="rules to run on top of the defaults")
    p.add_argument("--fixable", help="only these rules' fixes may be applied (replaces the config's `fixable`)")
    p.add_argument("--unfixable", help="these rules are reported but never fixed")
    p.add_argument("--config", help="use this nlclean.toml / pyproject.toml instead of discovering one")
    p.add_argument("--stdin-filename",
                   help="name of the file read from stdin (picks the format by suffix); with no PATH, read stdin")
    p.add_argument("--templates", metavar="FILE",
                   help="the senders' templates learned by `nlclean learn` (default: nlclean-templates.json "
                        "beside the configuration, when it exists)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply exclude / extend-exclude / .gitignore to files named on the command line too")
    p.add_argument("--show-files", action="store_true", help="print the files that would be processed, and stop")
    p.add_argument("--show-settings", action="store_true",
                   help="print the settings that apply to the first file, and stop")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when something is found or would change (2 still means an error)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    verbosity = p.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true",
                           help="print findings (or cleaned text) but no summary, warnings or progress")
    verbosity.add_argument("-s", "--silent", action="store_true",
                           help="print no findings either (errors still go to stderr)")


def quiet(args: argparse.Namespace) -> bool:
    """No summary, no warnings, no progress bar: -q, or -s which is quieter still."""
    return args.quiet or args.silent


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
            "fixable": _selectors(getattr(args, "fixable", None)),
            "unfixable": _selectors(getattr(args, "unfixable", None)),
            "unsafe_fixes": unsafe,
            "templates": str(Path(args.templates).resolve()) if getattr(args, "templates", None) else None,
        }
        self.fixed: Settings | None = load_file(args.config) if args.config else None

    def for_path(self, path: str | Path | None) -> Settings:
        base = self.fixed.for_file(path) if self.fixed is not None else discover(path)
        return base.with_overrides(**self.overrides)

    def check_all(self, items: "list[Input]") -> None:
        """Read every configuration, marker file and templates file the items need
        before any file is touched: a broken one is one error for the run (raised
        here), not one per file from the workers (or half a run written)."""
        from ..templates import load as load_templates

        seen: set = set()
        for item in items:
            where = Path(item.settings_path).resolve().parent if item.settings_path else None
            if where in seen:
                continue
            seen.add(where)
            settings = self.for_path(item.settings_path)
            settings.markers()
            if settings.templates:
                load_templates(settings.templates)


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

    @property
    def source_path(self) -> str | None:
        """The file the newsletter came from (or was named by --stdin-filename)."""
        return str(self.settings_path) if self.settings_path else None


@dataclass
class Inputs:
    """What a run processes, once its warnings and errors are printed."""

    items: list[Input]
    stdin_mode: bool
    failed: bool  # an error was printed: the run exits 2
    finished: int | None = None  # the exit code when nothing is left to do (--show-files, …)
    errors: list[str] = field(default_factory=list)  # the errors printed, for formats that record them (SARIF)


def gather_inputs(args: argparse.Namespace, resolver: SettingsResolver, *, echo_excluded_stdin: bool) -> Inputs:
    """stdin (`-`, or `--stdin-filename` with no path) or the files the paths name (discovery.py).

    The run is already `finished` after --show-files / --show-settings, and when
    stdin is named as an excluded file under --force-exclude: then nothing is
    reported, and with `echo_excluded_stdin` (fix) the text goes back as it came,
    as ruff does for editors."""
    paths = args.paths
    if paths == ["-"] or (not paths and args.stdin_filename):
        inputs = Inputs([Input(args.stdin_filename or "-", args.stdin_filename, None)], True, False)
        if args.stdin_filename and not (args.show_files or args.show_settings):
            from ..discovery import excluded_when_named

            if excluded_when_named(args.stdin_filename, resolver.for_path, force_exclude=args.force_exclude):
                data = sys.stdin.buffer.read()  # read even when not echoed: the writer is not cut off
                if echo_excluded_stdin:
                    sys.stdout.buffer.write(data)
                    sys.stdout.buffer.flush()
                inputs.finished = 0
    else:
        from ..discovery import find_newsletters

        found = find_newsletters(paths or ["."], resolver.for_path, force_exclude=args.force_exclude)
        if not quiet(args):
            for message in found.warnings:
                warning(message)
            if not found.files and not found.warnings:
                warning("no newsletters found under the given paths")
        for message in found.errors:
            error(message)
        inputs = Inputs([Input(str(f), f, f) for f in found.files], False, bool(found.errors), errors=list(found.errors))
    if args.show_files or args.show_settings:
        _show(args, inputs, resolver)
        inputs.finished = 2 if inputs.failed else 0
    elif inputs.finished is None:
        resolver.check_all(inputs.items)
    return inputs


def _show(args: argparse.Namespace, inputs: Inputs, resolver: SettingsResolver) -> None:
    """--show-files (sorted, one a line) and --show-settings (for the first file)."""
    if args.show_files:
        for item in inputs.items:
            if item.path is not None:
                sys.stdout.write(f"{item.name}\n")
    if args.show_settings:
        first = inputs.items[0] if inputs.items else Input(".", None, None)
        sys.stdout.write(describe_settings(first.name, resolver.for_path(first.settings_path)))


def describe_settings(label: str, settings: Settings) -> str:
    """The settings that apply to one file, one `key = value` line each (TOML spelling)."""
    import dataclasses
    import json

    from ..discovery import DEFAULT_EXCLUDE
    from ..rules import RULES

    def value_text(value) -> str:
        if value is None:
            return "(not set)"
        if isinstance(value, bool):
            return "true" if value else "false"
        return json.dumps(value, default=lambda v: list(v) if isinstance(v, (set, frozenset)) else str(v))

    lines = [f"Resolved settings for: {label}", f"Settings path: {settings.source or '(none: the defaults)'}", ""]
    for f in dataclasses.fields(settings):
        if f.name == "source":
            continue
        value = getattr(settings, f.name)
        if f.name == "exclude" and value is None:
            value = DEFAULT_EXCLUDE
        lines.append(f"{f.name.replace('_', '-')} = {value_text(value)}")
    lines.append(f"enabled-rules = {value_text([r.code for r in RULES if settings.is_enabled(r)])}")
    return "\n".join(lines) + "\n"


def error(message: str) -> None:
    sys.stderr.write(f"nlclean: error: {message}\n")


def warning(message: str) -> None:
    sys.stderr.write(f"nlclean: warning: {message}\n")


@contextmanager
def progress(count: int, enabled: bool) -> Iterator:
    """A progress bar on stderr for long runs when stderr is a terminal; otherwise a no-op.
    (stderr, so that it neither mixes with the report on stdout nor vanishes when that is redirected.)"""
    if not enabled or count < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(file=sys.stderr), redirect_stdout=False) as bar:
        task = bar.add_task("nlclean", total=count)
        yield lambda: bar.advance(task)


__all__ = [
    "add_selection_options", "gather_inputs", "describe_settings", "quiet", "Input", "Inputs",
    "SettingsResolver", "read_stdin", "error", "warning", "progress", "UsageError", "ConfigError", "FileError",
    "format_for",
]
