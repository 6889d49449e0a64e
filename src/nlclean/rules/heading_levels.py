"""NL503 heading-levels: heading levels that do not reflect the content.

## What it does
Re-levels headings: the highest heading becomes `#` (categories), the next
`##` (items of a category), and so on; going deeper never skips a level.
Each heading is placed one level under the nearest earlier heading of a
higher original level. Headings are only re-levelled, never created or
removed; setext headings keep their style where it can hold the new level
(1 or 2) and become ATX headings otherwise.

The outline is re-levelled as one: every finding carries the same fix, the
edits of all the headings, which goes in whole or waits whole. A heading
re-levelled alone would leave the others at their old levels, and the next
round would read the two scales as one outline: when a removal or a `$` on
its line held one heading back a round (`fixer.select_fixes`), it came out
nested under the siblings re-levelled before it (`### A`, `### B $5`,
`### C` became `#`, `##`, `#`).

## Why is this bad?
Emails use heading sizes for looks, so converted newsletters start at `###`
or jump from `#` to `####`; outlines, tables of contents and screen readers
then show a broken structure.

## Example
```markdown
### Top stories
##### First story
```
becomes
```markdown
# Top stories
## First story
```

## Fix safety
Safe: no text changes, only the level markers.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from ..findings import Edit, Finding, Fix
from .base import Rule

_ATX_MARKER = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")


def target_levels(levels: list[int]) -> list[int]:
    """New levels for headings of the given original levels, in document order."""
    stack: list[tuple[int, int]] = []  # (original level, new level)
    out = []
    for level in levels:
        while stack and stack[-1][0] >= level:
            stack.pop()
        new = stack[-1][1] + 1 if stack else 1
        out.append(new)
        stack.append((level, new))
    return out


class HeadingLevels(Rule):
    code = "NL503"
    name = "heading-levels"
    family = "normalise"
    summary = "Heading level skipped or top level not `#`"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        headings = doc.headings
        targets = target_levels([h.level for h in headings])
        found: list[tuple[Finding, list[Edit]]] = []
        for heading, new in zip(headings, targets):
            if heading.level == new:
                continue
            edits = self._edits(doc, heading, new)
            if not edits:
                continue
            start, end = doc.offset(heading.start), doc.line_end(heading.end - 1)
            found.append((ctx.finding(
                f"heading level {heading.level} should be {new}",
                start,
                end,
                evidence=(f"{'#' * new} keeps the outline without skipped levels",),
            ), edits))
        if not found:
            return
        # One fix for the outline (see the module's documentation); a heading
        # whose finding a comment switches off keeps its level.
        suppressions = ctx.suppressions
        edits = [e for finding, own in found if suppressions is None or not suppressions.suppresses(finding)
                 for e in own]
        fix = Fix("Re-level the headings", tuple(sorted(edits)), self.fix_safety) if edits else None
        for finding, _ in found:
            yield replace(finding, fix=fix)

    def _edits(self, doc, heading, new: int) -> list[Edit]:
        first = doc.lines[heading.start]
        if not heading.is_setext:
            m = _ATX_MARKER.match(first)
            if not m:
                return []
            base = doc.offset(heading.start)
            return [Edit(base + m.start(2), base + m.end(2), "#" * new)]
        underline = heading.end - 1
        if new <= 2:
            line = doc.lines[underline]
            stripped = line.strip()
            char = "=" if new == 1 else "-"
            a = doc.offset(underline) + line.index(stripped[0])
            return [Edit(a, a + len(stripped), char * len(stripped))]
        # Level 3 or deeper: setext cannot say it; write an ATX heading on one line.
        text = " ".join(doc.lines[i].strip() for i in range(heading.start, underline))
        start = doc.offset(heading.start)
        return [Edit(start, doc.line_end(underline), f"{'#' * new} {text}")]
