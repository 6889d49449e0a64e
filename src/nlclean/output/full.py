"""The default, human output: each finding with its source lines, the range
underlined, why the rule fired and where the block ends, and the fix's title
(in the spirit of ruff's full output); with `--show-fixes`, the fix itself as
a small diff. Coloured on a terminal (see `color.py`).

The report is built as plain strings and written once per file: a styled
text layer (rich) rendering each line on its own cost more than the lint.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TextIO

from .color import BLUE, BOLD, BOLD_RED, CYAN, DIM, GREEN, RED, YELLOW, Palette, strip_controls, use_color
from .report import FileReport

MAX_SNIPPET_LINES = 4
MAX_LINE_CHARS = 100
MAX_FIX_LINES = 8  # per side of a fix's diff
TAB_SIZE = 8


def _clip(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line around the underlined part; returns the line and the new span."""
    if len(line) <= MAX_LINE_CHARS:
        return line, start, end
    left = max(0, min(start, len(line) - MAX_LINE_CHARS) - 10)
    piece = line[left : left + MAX_LINE_CHARS]
    prefix = "…" if left else ""
    suffix = "…" if left + MAX_LINE_CHARS < len(line) else ""
    shift = len(prefix) - left
    return prefix + piece + suffix, max(0, start + shift), min(len(prefix + piece), end + shift)


def _shown(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The line as printed (tabs expanded, controls dropped) and the span's columns in it."""
    if "\t" in line:
        start, end = len(line[:start].expandtabs(TAB_SIZE)), len(line[:end].expandtabs(TAB_SIZE))
        line = line.expandtabs(TAB_SIZE)
    line, start, end = _clip(line, start, end)
    return strip_controls(line), start, end


class _FixDiff:
    """A fix shown as the lines it changes: `-` before, `+` after."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.text = "\n".join(lines)
        self.line_starts = [0, *accumulate(len(line) + 1 for line in lines)]

    def lines_of(self, fix) -> tuple[list[str], list[str]]:
        start, end = fix.span
        first = bisect_right(self.line_starts, start) - 1
        last = max(first, bisect_right(self.line_starts, max(start, end - 1)) - 1)
        region_start = self.line_starts[first]
        region_end = self.line_starts[last] + len(self.lines[last]) if last < len(self.lines) else len(self.text)
        before = self.text[region_start:region_end]
        pieces, at = [], region_start
        for edit in sorted(fix.edits):
            pieces.append(self.text[at:edit.start])
            pieces.append(edit.replacement)
            at = edit.end
        pieces.append(self.text[at:region_end])
        after = "".join(pieces)
        return before.split("\n"), (after.split("\n") if after else [])


def _side(sign: str, lines: list[str], style: str, gutter: str, paint: Palette, parts: list[str]) -> None:
    for line in lines[:MAX_FIX_LINES]:
        shown = strip_controls(line.expandtabs(TAB_SIZE))
        parts.append(f"{paint(BLUE, gutter + ' |')} {paint(style, f'{sign} {shown}')}\n")
    if len(lines) > MAX_FIX_LINES:
        parts.append(f"{paint(BLUE, gutter + ' |')} {paint(DIM, f'{sign} … {len(lines) - MAX_FIX_LINES} more line(s)')}\n")


def snippet_lines(lines: list[str], findings) -> list[str]:
    """`lines` with only those the full format quotes (each finding's first
    `MAX_SNIPPET_LINES`) kept, the others blank: what a lint worker sends
    back to the parent, which would otherwise unpickle every line of every
    file to print a few (without `--show-fixes`, which quotes fixes' lines)."""
    shown = [""] * len(lines)
    for f in findings:
        first = f.start_pos.line
        for n in range(first, min(f.end_pos.line, first + MAX_SNIPPET_LINES - 1) + 1):
            if n - 1 < len(lines):
                shown[n - 1] = lines[n - 1]
    return shown


def write_full(reports: list[FileReport], out: TextIO, *, color: bool | None = None, show_fixes: bool = False,
               **_) -> None:
    paint = Palette(use_color(color, out))
    safe_marker, unsafe_marker = " " + paint(CYAN, "[*]"), " " + paint(YELLOW, "[unsafe]")
    for report in reports:
        if not report.findings:
            continue
        parts: list[str] = []
        path = paint(BOLD, strip_controls(report.path))
        lines = report.lines
        diff = _FixDiff(lines) if show_fixes else None
        for f in report.findings:
            marker = (safe_marker if f.fix.is_safe else unsafe_marker) if f.fix else ""
            parts.append(f"{path}:{f.start_pos.line}:{f.start_pos.column}: {paint(BOLD_RED, f.code)}{marker} "
                         f"{strip_controls(f.message)}\n")
            first, last = f.start_pos.line, f.end_pos.line
            width = len(str(last))
            gutter = " " * width
            bar, eq = paint(BLUE, f"{gutter} |"), paint(BLUE, f"{gutter} =")
            parts.append(bar + "\n")
            shown_last = min(last, first + MAX_SNIPPET_LINES - 1)
            for n in range(first, shown_last + 1):
                line = lines[n - 1] if n - 1 < len(lines) else ""
                a = f.start_pos.column - 1 if n == first else 0
                b = f.end_pos.column - 1 if n == last else len(line)
                text, a, b = _shown(line, a, b)
                parts.append(f"{paint(BLUE, f'{str(n).rjust(width)} |')} {text}\n")
                if b > a:
                    parts.append(f"{bar} {' ' * a}{paint(RED, '^' * (b - a))}\n")
            if last > shown_last:
                parts.append(f"{bar} {paint(DIM, f'… {last - shown_last} more line(s) to line {last}')}\n")
            for why in f.evidence:
                parts.append(f"{eq} {paint(DIM, 'why:')} {strip_controls(why)}\n")
            if f.fix:
                kind = "" if f.fix.is_safe else " (unsafe: needs --unsafe-fixes)"
                parts.append(f"{eq} {paint(CYAN, 'help:')} {strip_controls(f.fix.title)}{kind}\n")
                if diff is not None:
                    before, after = diff.lines_of(f.fix)
                    _side("-", before, RED, gutter, paint, parts)
                    _side("+", after, GREEN, gutter, paint, parts)
            parts.append("\n")
        out.write("".join(parts))
