"""`nlclean fix --diff`'s unified diff, coloured as git colours one when colour
is on (see `color.py`): headers bold, hunk ranges cyan, removed lines red,
added lines green. Without colour the diff is returned as it is."""
from __future__ import annotations

from .color import BOLD, CYAN, GREEN, RED, Palette


def colour_diff(diff: str, enabled: bool) -> str:
    if not enabled:
        return diff
    paint = Palette(True)
    out = []
    for line in diff.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if line.startswith(("--- ", "+++ ")):
            style = BOLD
        elif line.startswith("@@"):
            style = CYAN
        elif line.startswith("-"):
            style = RED
        elif line.startswith("+"):
            style = GREEN
        else:
            out.append(line)
            continue
        out.append(paint(style, body) + end)
    return "".join(out)
