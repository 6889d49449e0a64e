"""The default, human output: each finding with its source lines, the range
underlined, why the rule fired and where the block ends, and the fix's title
(in the spirit of ruff's full output). Rich colours it on a terminal."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape

from .report import FileReport

MAX_SNIPPET_LINES = 4
MAX_LINE_CHARS = 100


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


def write_full(reports: list[FileReport], out: TextIO, *, color: bool | None = None, **_) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False,
                      emoji=False)
    for report in reports:
        for f in report.findings:
            marker = " [cyan]\\[*][/]" if f.fix and f.fix.is_safe else (" [yellow]\\[unsafe][/]" if f.fix else "")
            console.print(
                f"[bold]{escape(report.path)}[/]:{f.start_pos.line}:{f.start_pos.column}: "
                f"[bold red]{f.code}[/]{marker} {escape(f.message)}"
            )
            first, last = f.start_pos.line, f.end_pos.line
            width = len(str(last))
            gutter = " " * width
            console.print(f"[blue]{gutter} |[/]")
            shown = list(range(first, min(last, first + MAX_SNIPPET_LINES - 1) + 1))
            for n in shown:
                line = report.lines[n - 1] if n - 1 < len(report.lines) else ""
                a = f.start_pos.column - 1 if n == first else 0
                b = f.end_pos.column - 1 if n == last else len(line)
                clipped, a, b = _clip(line, a, b)
                console.print(f"[blue]{str(n).rjust(width)} |[/] {escape(clipped)}")
                if b > a:
                    console.print(f"[blue]{gutter} |[/] {' ' * a}[red]{'^' * (b - a)}[/]")
            if last > shown[-1]:
                console.print(f"[blue]{gutter} |[/] [dim]… {last - shown[-1]} more line(s) to line {last}[/]")
            for why in f.evidence:
                console.print(f"[blue]{gutter} =[/] [dim]why:[/] {escape(why)}")
            if f.fix:
                kind = "" if f.fix.is_safe else " (unsafe: needs --unsafe-fixes)"
                console.print(f"[blue]{gutter} =[/] [cyan]help:[/] {escape(f.fix.title)}{kind}")
            console.print()
