"""When to colour, and the few ANSI styles the text formats use.

Colour goes on when asked (`--color always`), or when nothing says otherwise
and the output is a terminal. `NO_COLOR` (any non-empty value, no-color.org)
turns it off and `FORCE_COLOR` (non-empty) on, unless `--color` says; when
both are set NO_COLOR wins, as in rich and most tools. Styles are plain SGR
escapes written with the text: no library, no per-line rendering cost.
"""
from __future__ import annotations

import os
from typing import TextIO

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
BLUE = "\x1b[34m"
CYAN = "\x1b[36m"
BOLD_RED = "\x1b[1;31m"


def use_color(choice: bool | str | None, stream: TextIO) -> bool:
    """`choice` is --color: True / "always", False / "never", None / "auto"."""
    if choice in (True, "always"):
        return True
    if choice in (False, "never"):
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Palette:
    """`paint(style, text)`: the text wrapped in its style, or the bare text without colour."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{RESET}" if self.enabled and text else text


# C0 controls but the tab, DEL and the C1 controls.
_CONTROLS = {c: None for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}


def strip_controls(text: str) -> str:
    """A newsletter's own control characters (an ESC sequence, a bell) must not
    reach the terminal: they are dropped from what is shown, tabs kept."""
    return text if text.isprintable() else text.translate(_CONTROLS)
