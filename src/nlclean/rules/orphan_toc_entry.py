"""NL303 orphan-toc-entry: a table-of-contents entry for a removed section.

## What it does
When another rule removes a section (a sponsor section, "Sponsor us", a
puzzle), finds the list item in the issue's own table of contents ("This
week's …" list) that names that section, and removes it too. It compares
letters and digits only, so `- SPONSOR US` matches `## **SPONSOR US**`; an
entry with a teaser matches by its name before the colon or dash
(`- **Daily Puzzle:** Can you crack it?` names `## Daily Puzzle`).

## Why is this bad?
An entry pointing at nothing.

## Example
```markdown
- How queues work
- SPONSOR US
```
loses `- SPONSOR US` when the `## SPONSOR US` section goes.

## Fix safety
As the section's removal: safe when a rule removes the section for sure,
unsafe when only a judgement removes it (an unlabelled promotion, an ask
section judged by its heading), so that without `--unsafe-fixes` the
contents never lose the entry of a section that stays.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Applicability, Finding
from .base import Rule
from ._shared import normalized, quote

# An entry's name before its teaser: "Daily Puzzle: Can you crack it?", "Trivia — test yourself".
_LABEL = re.compile(r"^\W*(.+?)\s*(?::|\s[—–-]\s)")
# The rules whose removed headings a table of contents may name.
SECTION_RULES = ("NL101", "NL102", "NL103", "NL301", "NL302")


class OrphanTocEntry(Rule):
    code = "NL303"
    name = "orphan-toc-entry"
    family = "no-story"
    summary = "Table-of-contents entry naming a removed section"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        if not any(f.code in SECTION_RULES for f in ctx.earlier):
            return  # no section removed: nothing can be an orphan
        removed: dict[str, str] = {}
        # The headings that a rule removes for sure; the others only a judgement removes.
        surely: set[str] = set()
        heading_at = {doc.offset(h.start): h for h in doc.headings}
        for f in ctx.earlier:
            if f.code in SECTION_RULES and f.start in heading_at:
                text = doc.visible(heading_at[f.start])
                key = normalized(text)
                if key:
                    removed[key] = text
                    if f.fix is None or f.fix.is_safe:
                        surely.add(key)
        if not removed:
            return
        for block in doc.all_blocks:
            if block.kind != "list_item":
                continue
            text = doc.visible(block)
            key = normalized(text)
            if key not in removed:
                # "- **Daily Puzzle:** Can you crack it?": the entry's name, then its teaser.
                label = _LABEL.match(text)
                key = normalized(label.group(1)) if label else ""
            if key in removed:
                yield ctx.remove_lines(
                    f"table-of-contents entry {quote(doc.visible(block))} for a removed section",
                    block.start,
                    block.end,
                    "Remove table-of-contents entry",
                    evidence=(f"names the removed heading {quote(removed[key])}",),
                    applicability=None if key in surely else Applicability.UNSAFE,
                )
