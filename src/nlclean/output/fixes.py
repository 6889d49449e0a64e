"""`nlclean fix --show-fixes`: what was fixed, per file and rule (ruff's shape).

    Fixed 3 issues:
    - news/issue-12.md:
        2 × NL101 (sponsor-block)
        1 × NL501 (html-entity)
"""
from __future__ import annotations

from typing import TextIO


def write_fixes(fixed_by_file: list[tuple[str, dict[tuple[str, str], int]]], out: TextIO, *, would: bool) -> None:
    total = sum(sum(rules.values()) for _, rules in fixed_by_file)
    parts = [f"{'Would fix' if would else 'Fixed'} {total} issue{'s' if total != 1 else ''}:\n"]
    for name, rules in fixed_by_file:
        parts.append(f"- {name}:\n")
        for (code, rule_name), n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])):
            parts.append(f"    {n} × {code} ({rule_name})\n")
    out.write("".join(parts))
