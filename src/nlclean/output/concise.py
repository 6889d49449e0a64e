"""`path:line:col: CODE message`, one finding a line (grep- and editor-friendly);
coloured as the `full` format is when colour is on (see `color.py`)."""
from __future__ import annotations

from typing import TextIO

from .color import BOLD, BOLD_RED, CYAN, Palette, strip_controls, use_color
from .report import FileReport


def write_concise(reports: list[FileReport], out: TextIO, *, color: bool | None = None, **_) -> None:
    paint = Palette(use_color(color, out))
    safe_marker = " " + paint(CYAN, "[*]")
    for report in reports:
        path = paint(BOLD, strip_controls(report.path))
        out.write("".join(
            f"{path}:{f.start_pos.line}:{f.start_pos.column}: {paint(BOLD_RED, f.code)}"
            f"{safe_marker if f.fix and f.fix.is_safe else ''} {strip_controls(f.message)}\n"
            for f in report.findings
        ))
