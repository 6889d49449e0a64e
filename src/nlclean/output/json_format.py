"""A JSON array of findings, each with its file, range, fix and evidence."""
from __future__ import annotations

import json
from typing import TextIO

from .report import FileReport


def write_json(reports: list[FileReport], out: TextIO, **_) -> None:
    rows = []
    for report in reports:
        for f in report.findings:
            row = f.to_dict()
            row["filename"] = report.path
            rows.append(row)
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")
