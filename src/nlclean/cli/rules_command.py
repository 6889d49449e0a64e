"""`nlclean rules` (the table of rules) and `nlclean rule CODE` / `nlclean rule --all`
(rules' documentation, as text or, with `--output-format json`, as ruff's
`rule` command gives it: one object per rule with its `explanation`)."""
from __future__ import annotations

import argparse
import sys

from ..rules import BY_CODE, BY_NAME, RULES
from .common import error


def add_parser(sub) -> None:
    p = sub.add_parser("rules", help="list every rule")
    p.add_argument("--output-format", choices=["table", "json"], default="table")
    p.set_defaults(run=run_rules)
    q = sub.add_parser("rule", help="print a rule's documentation (or every rule's, with --all)")
    which = q.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", help="rule code (NL101) or name (sponsor-block)")
    which.add_argument("--all", action="store_true", help="every rule, in the order they run")
    q.add_argument("--output-format", choices=["text", "json"], default="text")
    q.set_defaults(run=run_rule)


def run_rules(args: argparse.Namespace) -> int:
    if args.output_format == "json":
        import json

        json.dump([_facts(r) for r in RULES], sys.stdout, indent=2)
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


def _facts(rule) -> dict:
    return {"code": rule.code, "name": rule.name, "family": rule.family, "summary": rule.summary,
            "fix": rule.fix_label(), "default": rule.enabled_by_default, "formats": list(rule.formats)}


def run_rule(args: argparse.Namespace) -> int:
    if args.all:
        rules = list(RULES)
    else:
        rule = BY_CODE.get(args.code.upper()) or BY_NAME.get(args.code)
        if rule is None:
            error(f"no rule '{args.code}' (see `nlclean rules`)")
            return 2
        rules = [rule]
    if args.output_format == "json":
        import json

        rows = [{**_facts(r), "explanation": r.documentation(), "docs": r.docs_path()} for r in rules]
        json.dump(rows if args.all else rows[0], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write("\n\n".join(
        f"{r.code} {r.name} ({r.family}; fix: {r.fix_label()})\n\n{r.documentation()}\n" for r in rules))
    return 0
