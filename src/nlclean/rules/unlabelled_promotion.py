"""NL103 unlabelled-promotion: a block that sells something without a label.

## What it does
Scores each section (a heading with its content) and each paragraph that is
not a story by the evidence of selling: calls to action ("book a demo",
"start your free trial", "download the report"), promo codes, prices and
discounts, and one product named again and again. Words: `[promotion]` in
`data/markers.toml`. It fires when the evidence is of at least two kinds and
scores at least `THRESHOLD`; the message lists the evidence.

## Why is this bad?
Unlabelled adverts are still adverts (SPEC row 3). But this is a judgement,
not the publisher's own label, and a news story can mention products and
prices: so it is reported, and fixed only with `--unsafe-fixes`.

## Example
```markdown
## Ship 10x faster

Acme automates your deploys. Acme plans start at $9. Use code SHIP20 and
book a demo with Acme today.
```
is reported; `nlclean fix --unsafe-fixes` removes it.

## Fix safety
Unsafe: a judgement that can be wrong.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..extents import section_extent
from ..findings import Applicability, Finding
from .base import Rule
from ._shared import quote

THRESHOLD = 4
MAX_SECTION_WORDS = 400
_PROMO_CODE = re.compile(r"\b(?:use|with|enter) (?:the )?code:?\s+\*{0,2}[A-Z0-9]{4,}\b|\bpromo code\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-zA-Z0-9]{2,}\b")
_COMMON = frozenset("The This That With From Your Our And For You What When How Why Here Today New Get".split())


def evidence_for(text: str, markers) -> tuple[int, list[str]]:
    """(score, evidence) of selling in a stretch of text."""
    evidence: list[str] = []
    score = 0
    kinds = 0
    ctas = markers.calls_to_action(text)
    if ctas:
        kinds += 1
        score += min(len(ctas), 3) * 2
        evidence.append("calls to action: " + ", ".join(sorted(set(c.lower() for c in ctas))[:3]))
    codes = _PROMO_CODE.findall(text)
    if codes:
        kinds += 1
        score += 3
        evidence.append("promo code")
    prices = markers.prices(text)
    if prices:
        kinds += 1
        score += min(len(prices), 2)
        evidence.append("prices: " + ", ".join(prices[:3]))
    names = Counter(w for w in _NAME.findall(text) if w not in _COMMON)
    top = names.most_common(1)
    if top and top[0][1] >= 3:
        kinds += 1
        score += 2
        evidence.append(f"'{top[0][0]}' named {top[0][1]} times")
    return (score if kinds >= 2 else 0), evidence


class UnlabelledPromotion(Rule):
    code = "NL103"
    name = "unlabelled-promotion"
    family = "advertising"
    summary = "Block that sells without a label (judgement; unsafe fix)"
    fix_safety = Applicability.UNSAFE

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        labelled = {f.start_pos.line - 1 for f in ctx.earlier}
        for heading in doc.headings:
            if heading.start in labelled:
                continue
            extent = section_extent(doc, heading)
            if doc.section_end(heading) != extent.end and extent.end - extent.start < 2:
                continue
            # Only sections with no subsections: a category of stories is not an ad.
            if any(h.start > heading.start and h.start < extent.end for h in doc.headings):
                continue
            text = "\n".join(doc.lines[extent.start : extent.end])
            if len(text.split()) > MAX_SECTION_WORDS:
                continue
            score, evidence = evidence_for(text, markers)
            if score < THRESHOLD:
                continue
            title = doc.visible(heading)
            yield ctx.remove_lines(
                f"unlabelled promotion {quote(title)} ({'; '.join(evidence)})",
                extent.start,
                extent.end,
                f"Remove promotion {quote(title)}",
                evidence=(*evidence, f"score {score} ≥ {THRESHOLD}", f"ends at {extent.why_it_ends}"),
            )
