"""`lint --statistics`: how many findings each rule made, most first.

As text, one rule a line (`count  code  [*] name`, `[*]` when the rule's fix
is safe); with `--output-format json`, a JSON array of
`{code, name, count, fixable, fixable_count}` (ruff's shape), so that a
script reading JSON gets JSON whatever the flag.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from ..rules import BY_CODE
from .report import FileReport


def statistics(reports: list[FileReport]) -> list[dict]:
    counts = Counter(f.code for r in reports for f in r.findings)
    fixable = Counter(f.code for r in reports for f in r.findings if f.fix and f.fix.is_safe)
    rows = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = BY_CODE.get(code)
        rows.append({
            "code": code,
            "name": rule.name if rule else "internal-error",
            "count": n,
            "fixable": bool(rule and rule.fix_label() == "safe"),
            "fixable_count": fixable[code],
        })
    return rows


def write_statistics(reports: list[FileReport], out: TextIO, *, as_json: bool = False) -> None:
    rows = statistics(reports)
    if as_json:
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    for row in rows:
        out.write(f"{row['count']:>6}  {row['code']}  {'[*]' if row['fixable'] else '   '} {row['name']}\n")
