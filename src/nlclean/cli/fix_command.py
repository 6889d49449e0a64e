"""`nlclean fix`: clean files in place, or stdin to stdout.

Exit 0 on success (files fixed or already clean), 1 with `--check` or
`--diff` when something would change (or with `--exit-non-zero-on-fix` when
something did), 2 on a usage, read or write error. A file that cannot be
cleaned (not UTF-8, read-only, vanished, changed on disk meanwhile) is left
untouched with a one-line error, and the others are still processed; every
write goes through `files.write_atomic` (docs/file-safety.md). A file that
another nlclean run is writing at the same moment is left to it (said once,
at the end, not an error); one that already holds what this run would write
is not written again. Before it starts, a run removes the temporary files
that killed runs left in the folders it cleans.
"""
from __future__ import annotations

import argparse
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..files import FileBusy, FileError, sweep_stale, sync_directories, write_atomic
from ..fixer import fix_text
from ..guard import NewContentError
from ..settings import ConfigError
from .common import Input, SettingsResolver, add_selection_options, gather_inputs, progress, quiet
from .parallel import add_jobs_option, parent_gone, run_jobs, stop_now


def add_parser(sub) -> None:
    p = sub.add_parser("fix", help="clean files in place (or '-' for stdin to stdout)", description=__doc__)
    add_selection_options(p)
    p.add_argument("--diff", action="store_true", help="print a unified diff of the changes; write nothing")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    p.add_argument("--unsafe-fixes", dest="unsafe_fixes", action="store_true", default=None,
                   help="also apply unsafe fixes (judgements such as unlabelled promotion)")
    p.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false")
    p.add_argument("--exit-non-zero-on-fix", action="store_true",
                   help="exit 1 when any file was changed (for commit hooks)")
    p.add_argument("--show-fixes", action="store_true", help="list the fixes applied, per file and rule")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour --diff (auto: on a terminal; NO_COLOR / FORCE_COLOR honoured)")
    add_jobs_option(p)
    p.set_defaults(run=run)


@dataclass
class Outcome:
    """What cleaning one newsletter came to; printed by the parent in file order."""

    messages: list[str] = field(default_factory=list)  # lines for stderr
    stdout: bytes = b""
    written_in: str | None = None  # the folder of a file written, synced once at the end
    failed: bool = False
    changed: bool = False
    fixed_issues: int = 0
    remaining: int = 0
    busy: bool = False  # another nlclean run was writing the file: left to it
    fixed_rules: dict[tuple[str, str], int] = field(default_factory=dict)  # (code, name) -> count, for --show-fixes


@dataclass(frozen=True)
class FixJob:
    """Everything a worker needs to clean files (picklable, for the process pool)."""

    resolver: SettingsResolver
    stdin_filename: str | None
    diff: bool
    check: bool
    stdin_mode: bool
    announce: bool  # print `fixed <name>` for each file written
    color: bool = False  # colour the diff (decided by the parent, which owns the terminal)

    def __call__(self, item: Input) -> Outcome:
        out = Outcome()
        try:
            nl = item.load(self.stdin_filename)
            result = fix_text(nl.form.normalized, self.resolver.for_path(item.settings_path), nl.format,
                              path=item.source_path, follow_lines=nl.form.mixed)
        except ConfigError:
            raise  # the whole run stops with one error (see `SettingsResolver.check_all`)
        except (FileError, NewContentError) as exc:
            out.messages.append(_error_line(f"{item.name}: {exc}" if isinstance(exc, NewContentError) else str(exc)))
            out.failed = True
            return out
        except Exception as exc:  # a bug on one newsletter must not stop the others
            out.messages.append(_error_line(f"{item.name}: internal error ({type(exc).__name__}: {exc}); left untouched"))
            out.failed = True
            return out
        out.remaining = sum(1 for f in result.remaining if f.fix is None or not f.fix.is_safe)
        new_bytes = nl.encode(result.text, result.line_origins)
        out.changed = new_bytes != nl.original
        if out.changed:
            out.fixed_issues = len(result.applied)
            for f in result.applied:
                out.fixed_rules[f.code, f.name] = out.fixed_rules.get((f.code, f.name), 0) + 1
        if self.diff:
            if out.changed:
                import difflib  # only --diff needs it

                old_text, new_text = nl.original.decode("utf-8"), new_bytes.decode("utf-8")
                diff = "".join(difflib.unified_diff(
                    old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                    f"a/{item.name}", f"b/{item.name}"))
                if self.color:
                    from ..output.diff import colour_diff

                    diff = colour_diff(diff, True)
                out.stdout = diff.encode("utf-8")
        elif self.stdin_mode:
            if not self.check:
                out.stdout = new_bytes
        elif out.changed and not self.check:
            if parent_gone():  # a worker whose run was killed writes nothing more
                stop_now()
            try:
                written = write_atomic(item.path, new_bytes, expected=nl.original, sync_directory=False)
            except FileError as exc:
                if isinstance(exc, FileBusy):
                    out.busy = True
                else:
                    out.messages.append(_error_line(str(exc)))
                    out.failed = True
                out.changed = False
                out.fixed_issues = 0
                out.fixed_rules = {}
            else:
                if not written.written:  # it already held exactly this (another run wrote it)
                    out.changed = False
                    out.fixed_issues = 0
                    out.fixed_rules = {}
                else:
                    out.written_in = str(written.directory)
                    if self.announce:
                        out.messages.append(f"fixed {item.name}\n")
        elif out.changed and self.check and self.announce:
            out.messages.append(f"would fix {item.name}\n")
        return out


@contextmanager
def _stopped_cleanly():
    """SIGTERM and SIGHUP stop the run as Ctrl-C does: by an exception, so that a write
    under way removes its temporary file and the workers are stopped."""
    def stop(signum, frame):
        raise SystemExit(128 + signum)

    names = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    previous = {sig: signal.signal(sig, stop) for sig in names}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _remove_leftovers(files, quiet: bool) -> None:
    """The temporary files killed runs left in the folders about to be cleaned."""
    import os

    removed, notes = sweep_stale(os.path.dirname(os.path.realpath(f)) for f in files)
    for line in notes:
        sys.stderr.write(f"nlclean: warning: {line}\n")
    if removed and not quiet:
        sys.stderr.write(f"nlclean: removed {len(removed)} temporary file{'s' if len(removed) != 1 else ''} "
                         "left by an earlier run that was stopped\n")


def _use_color(choice: str) -> bool:
    from ..output.color import use_color

    return use_color({"always": True, "never": False}.get(choice), sys.stdout)


def _error_line(message: str) -> str:
    return f"nlclean: error: {message}\n"


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args, unsafe=args.unsafe_fixes)
    inputs = gather_inputs(args, resolver, echo_excluded_stdin=True)
    if inputs.finished is not None:
        return inputs.finished
    stdin_mode, items = inputs.stdin_mode, inputs.items
    if not stdin_mode and not (args.check or args.diff):
        _remove_leftovers([item.path for item in items], quiet(args))
    job = FixJob(
        resolver=resolver,
        stdin_filename=args.stdin_filename,
        diff=args.diff,
        check=args.check,
        stdin_mode=stdin_mode,
        announce=not quiet(args) and (args.exit_non_zero_on_fix or args.check),
        color=args.diff and _use_color(args.color),
    )
    failed = inputs.failed
    fixed_issues = fixed_files = remaining = 0
    written_in: list[str] = []
    busy: list[str] = []
    fixed_by_file: list[tuple[str, dict]] = []  # for --show-fixes
    with progress(len(items), not args.no_progress and not quiet(args) and not stdin_mode) as tick, \
            _stopped_cleanly():
        for item, outcome in zip(items, run_jobs(job, items, args.jobs)):
            for line in outcome.messages:
                sys.stderr.write(line)
            if outcome.stdout:
                sys.stdout.flush()
                sys.stdout.buffer.write(outcome.stdout)
                sys.stdout.buffer.flush()
            failed |= outcome.failed
            if outcome.busy:
                busy.append(item.name)
            if outcome.written_in:
                written_in.append(outcome.written_in)
            remaining += outcome.remaining
            if outcome.changed:
                fixed_files += 1
                fixed_issues += outcome.fixed_issues
                if outcome.fixed_rules:
                    fixed_by_file.append((item.name, outcome.fixed_rules))
            tick()
    sync_directories(written_in)
    if busy:
        shown = ", ".join(busy[:5]) + (", …" if len(busy) > 5 else "")
        sys.stderr.write(f"nlclean: {len(busy)} file{'s were' if len(busy) != 1 else ' was'} being written by "
                         f"another nlclean run at the same time and left to it: {shown}\n")
    if args.show_fixes and fixed_by_file and not quiet(args):
        from ..output.fixes import write_fixes

        write_fixes(fixed_by_file, sys.stderr, would=args.check or args.diff)
    if not quiet(args):
        verb = "Would fix" if (args.check or args.diff) else "Fixed"
        summary = (f"{verb} {fixed_issues} issue{'s' if fixed_issues != 1 else ''} in "
                   f"{fixed_files} file{'s' if fixed_files != 1 else ''}")
        if remaining:
            summary += f"; {remaining} left that need --unsafe-fixes or a manual edit"
        sys.stderr.write(summary + ".\n")
    if failed:
        return 2
    if fixed_files and (args.check or args.diff or args.exit_non_zero_on_fix) and not args.exit_zero:
        return 1
    return 0
