"""`nlclean lint`: report findings; exit 0 when none, 1 when some, 2 on errors."""
from __future__ import annotations

import argparse
import sys

from ..document import Document
from ..engine import check
from ..files import FileError, discover
from ..output import FORMATS
from ..output.report import FileReport, ReadError
from .common import Input, SettingsResolver, add_selection_options, error, progress


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="report what would be cleaned", description=__doc__)
    add_selection_options(p)
    p.add_argument("--output-format", choices=sorted(FORMATS), default="full")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the full and concise formats (auto: on a terminal; NO_COLOR / FORCE_COLOR honoured)")
    p.add_argument("--show-fixes", action="store_true", help="show each fix as a diff under its finding (full format)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args)
    reports: list[FileReport] = []
    read_errors: list[ReadError] = []  # also handed to the formats (SARIF records them)
    failed = False
    if args.paths == ["-"]:
        items = [Input(args.stdin_filename or "-", args.stdin_filename, None)]
    else:
        files, missing = discover(args.paths)
        for m in missing:
            error(m)
            read_errors.append(ReadError(m))
        failed = bool(missing)
        items = [Input(str(f), f, f) for f in files]
    with progress(len(items), not args.no_progress) as tick:
        for item in items:
            try:
                nl = item.load(args.stdin_filename)
            except FileError as exc:
                error(str(exc))
                read_errors.append(ReadError(str(exc), item.name))
                failed = True
                tick()
                continue
            doc = Document(nl.form.normalized, nl.format)
            findings = check(doc, resolver.for_path(item.settings_path))
            if any(f.code == "NL000" for f in findings):
                failed = True
            reports.append(FileReport(item.name, findings, doc.lines))
            tick()
    if args.statistics:
        from ..output.statistics import write_statistics

        write_statistics(reports, sys.stdout, as_json=args.output_format == "json")
    elif not args.quiet or args.output_format != "full":
        color = {"always": True, "never": False}.get(args.color)
        FORMATS[args.output_format](reports, sys.stdout, color=color, errors=read_errors, show_fixes=args.show_fixes)
    total = sum(len(r.findings) for r in reports)
    if not args.quiet and args.output_format == "full":
        fixable = sum(1 for r in reports for f in r.findings if f.fix and f.fix.is_safe)
        sys.stderr.write(
            f"Found {total} issue{'s' if total != 1 else ''} in {sum(1 for r in reports if r.findings)} "
            f"of {len(reports)} file{'s' if len(reports) != 1 else ''}"
            + (f" ({fixable} fixable with `nlclean fix`)" if fixable else "") + ".\n"
        )
    if failed:
        return 2
    return 1 if total else 0
