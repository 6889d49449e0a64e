"""`nlclean lint`: report findings; exit 0 when none, 1 when some, 2 on errors."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from ..output import FORMATS
from ..output.report import FileReport
from ..rules import BY_CODE
from .common import SettingsResolver, add_selection_options, error, inputs_from, progress
from .lint_job import PER_FILE_FORMATS, LintJob
from .parallel import add_jobs_option, run_jobs


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="report what would be cleaned", description=__doc__)
    add_selection_options(p)
    p.add_argument("--output-format", choices=sorted(FORMATS), default="full")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    add_jobs_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args)
    reports: list[FileReport] = []
    items, failed = inputs_from(args)
    color = {"always": True, "never": False}.get(args.color)
    printing = not args.statistics and (not args.quiet or args.output_format != "full")
    render = args.output_format if printing and args.output_format in PER_FILE_FORMATS else None
    if render == "full" and color is None:  # decided here: workers render into strings, not the terminal
        from rich.console import Console

        color = Console(file=sys.stdout).is_terminal
    rendered: list[str] = []
    with progress(len(items), not args.no_progress) as tick:
        job = LintJob(resolver, args.stdin_filename, keep_lines=args.output_format == "full" and not args.statistics,
                      render=render, color=color)
        for outcome in run_jobs(job, items, args.jobs):
            if outcome.error is not None:
                error(outcome.error)
                failed = True
            else:
                failed |= outcome.internal_error
                reports.append(outcome.report)
                rendered.append(outcome.rendered)
            tick()
    if args.statistics:
        counts = Counter(f.code for r in reports for f in r.findings)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = BY_CODE.get(code)
            fixable = "[*]" if rule and rule.fix_safety.value == "safe" else "   "
            sys.stdout.write(f"{n:>6}  {code}  {fixable} {rule.name if rule else 'internal-error'}\n")
    elif render is not None:
        sys.stdout.write("".join(rendered))
    elif printing:
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
