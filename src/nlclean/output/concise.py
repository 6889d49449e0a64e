"""`path:line:col: CODE message`, one finding a line (grep- and editor-friendly)."""
from __future__ import annotations

from typing import TextIO

from .report import FileReport


def write_concise(reports: list[FileReport], out: TextIO, **_) -> None:
    for report in reports:
        for f in report.findings:
            fixable = " [*]" if f.fix and f.fix.is_safe else ""
            out.write(f"{report.path}:{f.start_pos.line}:{f.start_pos.column}: {f.code}{fixable} {f.message}\n")
