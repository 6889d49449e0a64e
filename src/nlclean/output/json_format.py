"""A JSON array of findings, each with its file, range, fix and evidence."""
from __future__ import annotations

from typing import TextIO

from .json_text import dumps
from .report import FileReport


def write_json(reports: list[FileReport], out: TextIO, **_) -> None:
    rows = []
    for report in reports:
        for f in report.findings:
            row = f.to_dict()
            row["filename"] = report.path
            rows.append(row)
    out.write(dumps(rows, expand=1) + "\n")
