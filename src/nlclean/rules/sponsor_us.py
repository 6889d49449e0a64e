"""NL102 sponsor-us: a "Sponsor us" / "Advertise with us" section.

## What it does
Finds the newsletter's own pitch for advertisers: a heading, the short
first line under a heading, or a short first line such as `Sponsor us`, `Advertise with us`, `Advertise in Bytes`,
`Become a sponsor`, `Partner with us`, `Ad spots`, or a lone `Advertise`
navigation link. Phrases: `[sponsor_us]` in `data/markers.toml`.

## Why is this bad?
It sells the reader to advertisers; it is no story (SPEC row 2).

## How far it goes
As NL101: a heading takes its section (never past the copyright line), a
line takes its block.

## Example
```markdown
## SPONSOR US

Get your product in front of 100,000 engineers.

© 2025 Example Media
```
becomes
```markdown
© 2025 Example Media
```

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..extents import is_document_title, label_block_extent, section_extent
from ..findings import Finding
from ..inline_syntax import visible_text
from .base import Rule
from ._shared import quote, word_count


class SponsorUs(Rule):
    code = "NL102"
    name = "sponsor-us"
    family = "advertising"
    summary = "\"Sponsor us\" / \"Advertise with us\" section or line"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("sponsor_us", doc.text, doc.line_starts)
        if not candidates:
            return
        covered_until = -1
        phrase_lines = sorted(candidates)
        k = 0  # phrase_lines[k]: the first candidate line at or after the block (blocks come in order)
        for block in doc.blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            while k < len(phrase_lines) and phrase_lines[k] < block.start:
                k += 1
            if k == len(phrase_lines):
                break  # no phrase from here on
            if phrase_lines[k] >= block.end + 2:
                continue  # the phrase is in neither the block nor the first line under it
            if block.kind == "heading":
                if is_document_title(doc, block):
                    continue
                text = doc.visible(block)
                phrase = markers.sponsor_us(text) if word_count(text) <= 8 else None
                if phrase is None and word_count(text) <= 12:
                    # "Want to reach our readers?" over a first line "Sponsor Acme Weekly".
                    nxt = doc.next_block(block)
                    if nxt is not None and nxt.kind == "paragraph":
                        first = visible_text(doc.lines[nxt.start])
                        if word_count(first) <= 6 and not doc.lines[nxt.start].lstrip().startswith(("[", "!")):
                            phrase = markers.sponsor_us(first)
                if phrase is None:
                    continue
                extent = section_extent(doc, block, text)
            else:
                first = visible_text(doc.lines[block.start])
                phrase = markers.sponsor_us(first) if word_count(first) <= 10 else None
                if phrase is None:
                    continue
                text = first
                # A bare "Advertise" link (site navigation) takes only itself.
                lone_link = first.strip() == doc.visible(block).strip() and doc.lines[block.start].lstrip().startswith("[")
                label_only = word_count(doc.visible(block)) <= 10 and not lone_link
                extent = label_block_extent(doc, block, label_only=label_only)
            covered_until = extent.end
            yield ctx.remove_lines(
                f"sponsor-us section {quote(text)}",
                extent.start,
                extent.end,
                f"Remove sponsor-us section {quote(text)}",
                evidence=(f"phrase '{phrase}' matched", f"ends at {extent.why_it_ends}"),
            )
