"""NL206 preheader-padding: invisible characters that pad the inbox preview.

## What it does
Finds runs of invisible characters that email tools insert after the preview
sentence so the inbox shows nothing else: U+034F, U+200B–U+200D, U+2060,
U+FEFF, U+00AD, U+00A0 (and their entity forms `&zwnj;`, `&nbsp;`, `&#847;`,
…), usually separated by spaces. A run counts from three such characters.
The preview sentence itself stays (SPEC keeps the preheader).

## Why is this bad?
It is invisible noise that bloats the text and confuses search and diffing
(SPEC row 5).

## Example
A line `͏ ͏ ͏ ͏ ͏ ͏` (U+034F and spaces) is removed; in `Preview text͏ ͏ ͏ ͏`
only the padding goes. A lone U+FEFF inside the text goes too: a removal
above it would bring it to the top, where it would be read as a BOM.

## Fix safety
Safe.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Finding
from .base import Rule

_UNIT = (
    r"(?:[\u034f\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2007]"
    r"|&(?:zwnj|zwj|nbsp|shy|#847|#x34f|#8203|#x200b|#8204|#x200c|#8205|#65279|#xfeff|#173|#160|#xa0);?)"
)
PADDING = re.compile(rf"(?:{_UNIT}[ \t]*){{3,}}", re.I)
# A byte-order mark inside the text (the real one, at the very start, is not
# part of the text): invisible, and read as a BOM if a removal brings it to the top.
_STRAY_BOM = re.compile("\ufeff")


class PreheaderPadding(Rule):
    code = "NL206"
    name = "preheader-padding"
    family = "footer-and-chrome"
    summary = "Invisible preheader padding characters"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        code = doc.code_lines
        for i in range(doc.body_start, len(doc.lines)):
            line = doc.lines[i]
            if line.isascii() and "&" not in line:
                continue
            if i in code:
                continue
            runs = list(PADDING.finditer(line))
            if not runs:
                runs = list(_STRAY_BOM.finditer(line))
                if not runs:
                    continue
            rest = PADDING.sub("", line).strip()
            n = sum(len(m.group(0)) for m in runs)
            message = f"preheader padding ({n} invisible characters)"
            if not rest:
                yield ctx.remove_lines(message, i, i + 1, "Remove preheader padding line",
                                       evidence=("the line holds only invisible padding",))
                continue
            base = doc.offset(i)
            # Padding between two words leaves one space, so the words stay apart.
            edits = [
                Edit(base + m.start(), base + m.end(), " " if _between_words(line, m.start(), m.end()) else "")
                for m in runs
            ]
            yield ctx.finding(message, edits[0].start, edits[-1].end, edits, "Remove preheader padding",
                              evidence=(f"{len(runs)} run(s) of invisible padding",))


def _between_words(line: str, start: int, end: int) -> bool:
    return 0 < start and end < len(line) and not line[start - 1].isspace() and not line[end].isspace()
