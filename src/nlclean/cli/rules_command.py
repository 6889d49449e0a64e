"""`nlclean rules` (the table of rules) and `nlclean rule CODE` (one rule's documentation)."""
from __future__ import annotations

import argparse
import sys

from ..rules import BY_CODE, BY_NAME, RULES
from .common import error


def add_parser(sub) -> None:
    p = sub.add_parser("rules", help="list every rule")
    p.add_argument("--output-format", choices=["table", "json"], default="table")
    p.set_defaults(run=run_rules)
    q = sub.add_parser("rule", help="print a rule's documentation")
    q.add_argument("code", help="rule code (NL101) or name (sponsor-block)")
    q.set_defaults(run=run_rule)


def run_rules(args: argparse.Namespace) -> int:
    if args.output_format == "json":
        import json

        json.dump([
            {"code": r.code, "name": r.name, "family": r.family, "summary": r.summary,
             "fix": r.fix_label(), "default": r.enabled_by_default, "formats": list(r.formats)}
            for r in RULES
        ], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    # rich is imported only to print the table: other commands start faster without it.
    from rich.console import Console
    from rich.table import Table

    table = Table(title="nlclean rules")
    for column in ("code", "name", "family", "fix", "on by default", "summary"):
        table.add_column(column)
    for r in RULES:
        table.add_row(r.code, r.name, r.family, r.fix_label(), "yes" if r.enabled_by_default else "no", r.summary)
    Console(file=sys.stdout, width=max(120, Console().width)).print(table)
    return 0


def run_rule(args: argparse.Namespace) -> int:
    rule = BY_CODE.get(args.code.upper()) or BY_NAME.get(args.code)
    if rule is None:
        error(f"no rule '{args.code}' (see `nlclean rules`)")
        return 2
    sys.stdout.write(f"{rule.code} {rule.name} ({rule.family}; fix: {rule.fix_label()})\n\n")
    sys.stdout.write(rule.documentation() + "\n")
    return 0
