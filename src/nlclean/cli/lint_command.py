"""`nlclean lint`: report findings; exit 0 when none, 1 when some, 2 on errors."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from ..document import Document
from ..engine import check
from ..files import FileError, discover
from ..output import FORMATS
from ..output.report import FileReport
from ..rules import BY_CODE
from .common import Input, SettingsResolver, add_selection_options, error, progress


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="report what would be cleaned", description=__doc__)
    add_selection_options(p)
    p.add_argument("--output-format", choices=sorted(FORMATS), default="full")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args)
    reports: list[FileReport] = []
    failed = False
    if args.paths == ["-"]:
        items = [Input(args.stdin_filename or "-", args.stdin_filename, None)]
    else:
        files, missing = discover(args.paths)
        for m in missing:
            error(m)
        failed = bool(missing)
        items = [Input(str(f), f, f) for f in files]
    with progress(len(items), not args.no_progress) as tick:
        for item in items:
            try:
                nl = item.load(args.stdin_filename)
            except FileError as exc:
                error(str(exc))
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
        counts = Counter(f.code for r in reports for f in r.findings)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = BY_CODE.get(code)
            fixable = "[*]" if rule and rule.fix_label() == "safe" else "   "
            sys.stdout.write(f"{n:>6}  {code}  {fixable} {rule.name if rule else 'internal-error'}\n")
    elif not args.quiet or args.output_format != "full":
        color = {"always": True, "never": False}.get(args.color)
        FORMATS[args.output_format](reports, sys.stdout, color=color)
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
