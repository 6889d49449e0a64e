"""`nlclean fix`: clean files in place, or stdin to stdout.

Exit 0 on success (files fixed or already clean), 1 with `--check` or
`--diff` when something would change (or with `--exit-non-zero-on-fix` when
something did), 2 on a usage, read or write error. A file that cannot be
cleaned (not UTF-8, read-only, vanished, changed on disk meanwhile) is left
untouched with a one-line error, and the others are still processed; every
write goes through `files.write_atomic`.
"""
from __future__ import annotations

import argparse
import difflib
import sys

from ..files import FileError, discover, write_atomic
from ..fixer import fix_text
from ..guard import NewContentError
from .common import Input, SettingsResolver, add_selection_options, error, progress


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
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args, unsafe=args.unsafe_fixes)
    stdin_mode = args.paths == ["-"]
    if stdin_mode:
        items = [Input(args.stdin_filename or "-", args.stdin_filename, None)]
    else:
        files, missing = discover(args.paths)
        for m in missing:
            error(m)
        items = [Input(str(f), f, f) for f in files]
    failed = not stdin_mode and bool(missing)
    fixed_issues = fixed_files = remaining = 0
    changed_any = False
    with progress(len(items), not args.no_progress and not stdin_mode) as tick:
        for item in items:
            try:
                nl = item.load(args.stdin_filename)
                result = fix_text(nl.form.normalized, resolver.for_path(item.settings_path), nl.format)
            except (FileError, NewContentError) as exc:
                error(f"{item.name}: {exc}" if isinstance(exc, NewContentError) else str(exc))
                failed = True
                tick()
                continue
            except Exception as exc:  # a bug on one newsletter must not stop the others
                error(f"{item.name}: internal error ({type(exc).__name__}: {exc}); left untouched")
                failed = True
                tick()
                continue
            remaining += sum(1 for f in result.remaining if f.fix is None or not f.fix.is_safe)
            new_bytes = nl.encode(result.text)
            changed = new_bytes != nl.original
            if changed:
                changed_any = True
                fixed_files += 1
                fixed_issues += len(result.applied)
            if args.diff:
                if changed:
                    old_text, new_text = nl.original.decode("utf-8"), new_bytes.decode("utf-8")
                    sys.stdout.writelines(difflib.unified_diff(
                        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                        f"a/{item.name}", f"b/{item.name}"))
            elif stdin_mode:
                if not args.check:
                    sys.stdout.buffer.write(new_bytes)
                    sys.stdout.flush()
            elif changed and not args.check:
                try:
                    write_atomic(item.path, new_bytes, expected=nl.original)
                except FileError as exc:
                    error(str(exc))
                    failed = True
                    fixed_files -= 1
                    fixed_issues -= len(result.applied)
                else:
                    if not args.quiet and args.exit_non_zero_on_fix:
                        sys.stderr.write(f"fixed {item.name}\n")
            elif changed and args.check and not args.quiet:
                sys.stderr.write(f"would fix {item.name}\n")
            tick()
    if not args.quiet:
        verb = "Would fix" if (args.check or args.diff) else "Fixed"
        summary = (f"{verb} {fixed_issues} issue{'s' if fixed_issues != 1 else ''} in "
                   f"{fixed_files} file{'s' if fixed_files != 1 else ''}")
        if remaining:
            summary += f"; {remaining} left that need --unsafe-fixes or a manual edit"
        sys.stderr.write(summary + ".\n")
    if failed:
        return 2
    if changed_any and (args.check or args.diff or args.exit_non_zero_on_fix):
        return 1
    return 0
