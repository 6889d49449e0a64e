"""`nlclean lint`: report findings; exit 0 when none, 1 when some, 2 on errors."""
from __future__ import annotations

import argparse
import sys

from ..output import FORMATS
from ..output.report import FileReport, ReadError
from .common import SettingsResolver, add_selection_options, error, gather_inputs, progress, quiet
from .lint_job import LintJob
from .parallel import add_jobs_option, run_jobs

# Formats that never quote a finding's source lines (full, sarif and gitlab do).
FORMATS_WITHOUT_SOURCE = frozenset({"concise", "json", "github", "junit"})


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="report what would be cleaned", description=__doc__)
    add_selection_options(p)
    p.add_argument("--output-format", choices=sorted(FORMATS), default="full")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour the full and concise formats (auto: on a terminal; NO_COLOR / FORCE_COLOR honoured)")
    p.add_argument("--show-fixes", action="store_true", help="show each fix as a diff under its finding (full format)")
    add_jobs_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(args)
    reports: list[FileReport] = []
    inputs = gather_inputs(args, resolver, echo_excluded_stdin=False)
    if inputs.finished is not None:
        return inputs.finished
    failed = inputs.failed
    # Read errors are printed, and also handed to the formats (SARIF records them).
    read_errors = [ReadError(message) for message in inputs.errors]
    with progress(len(inputs.items), not args.no_progress and not quiet(args)) as tick:
        # Source lines travel back from the workers only for the formats that quote them.
        keep_lines = not args.statistics and args.output_format not in FORMATS_WITHOUT_SOURCE
        snippets_only = keep_lines and args.output_format == "full" and not args.show_fixes
        job = LintJob(resolver, args.stdin_filename, keep_lines=keep_lines, snippets_only=snippets_only)
        for item, outcome in zip(inputs.items, run_jobs(job, inputs.items, args.jobs)):
            if outcome.error is not None:
                error(outcome.error)
                read_errors.append(ReadError(outcome.error, item.name))
                failed = True
            else:
                failed |= outcome.internal_error
                reports.append(outcome.report)
            tick()
    if args.silent:
        pass
    elif args.statistics:
        from ..output.statistics import write_statistics

        write_statistics(reports, sys.stdout, as_json=args.output_format == "json")
    else:
        color = {"always": True, "never": False}.get(args.color)
        FORMATS[args.output_format](reports, sys.stdout, color=color, errors=read_errors, show_fixes=args.show_fixes)
    total = sum(len(r.findings) for r in reports)
    if not quiet(args) and args.output_format == "full":
        fixable = sum(1 for r in reports for f in r.findings if f.fix and f.fix.is_safe)
        sys.stderr.write(
            f"Found {total} issue{'s' if total != 1 else ''} in {sum(1 for r in reports if r.findings)} "
            f"of {len(reports)} file{'s' if len(reports) != 1 else ''}"
            + (f" ({fixable} fixable with `nlclean fix`)" if fixable else "") + ".\n"
        )
    if failed:
        return 2
    return 1 if total and not args.exit_zero else 0
