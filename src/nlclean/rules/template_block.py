"""NL701 template-block: a block that recurs in the sender's other issues.

## What it does
Reports a block that the templates file (`nlclean learn`, see
`nlclean.templates`) records as template for the newsletter's sender: it
recurs, with its links, numbers, dates and the reader's address masked, in
at least `min_issues` of the sender's issues. The message gives the evidence:
"recurs in 7 of 9 issues of Acme Weekly".

Without a templates file (none named by `templates = "…"`, `--templates`, or
`nlclean-templates.json` beside the configuration) the rule finds nothing.
Headings, the archive header, bylines, date lines, rubrics, tables, the
copyright line and the postal address are never template, however often they
recur; a block a person marked `keep` in the file stays.

An issue most of whose remaining words are template is a form letter whose
repeated blocks carry its message (an account alert, a receipt, a promotion
mailed again): when the template blocks without other evidence would take
more than 30% of the words the other rules leave, only the blocks with
other evidence are reported. (The share is of what the other rules leave, so
the decision is the same in every round of a fix and on the cleaned file.)

## Why is this bad?
What a sender repeats in every issue — its footer, its subscribe and sponsor
asks, its house promotions — is the newsletter's template, not its news: the
long tail of noise that no general rule names, and that a second issue of the
same sender reveals.

## Example
Acme Weekly closes nine issues out of nine with
```markdown
Acme Weekly is made by two people in a shed. If it helps you, tell a friend.
```
which is removed from each of them, and from a tenth issue cleaned on its own.

## Fix safety
Safe when other evidence agrees: the block stands in the footer zone (below a
footer finding of NL201), or it asks the reader to subscribe, sponsor or
share. Unsafe otherwise: recurrence alone is a judgement (a recurring
disclaimer may be wanted). A block that another rule already removes is left
to it, unless that rule only judges it (an unsafe fix) and this rule has
other evidence: then this rule's safe finding removes it without
`--unsafe-fixes` too, so a judgement never keeps a sure finding.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..findings import Applicability, Finding
from ..templates import TEMPLATE, block_prints, load, sender_of
from .base import Rule
from ._shared import quote, word_count

FOOTER_CODE = "NL201"
# Template blocks without other evidence may take at most this share of what the other rules leave.
FORM_LETTER_SHARE = 0.3
# A footer finding opens the footer zone only in the last part of the email.
FOOTER_ZONE_FROM = 0.6


class TemplateBlock(Rule):
    code = "NL701"
    name = "template-block"
    family = "template"
    summary = "Block that recurs in the sender's other issues (learned by `nlclean learn`)"
    fix_safety = Applicability.UNSAFE

    def check(self, ctx) -> Iterator[Finding]:
        path = getattr(ctx.settings, "templates", None)
        if not path:
            return
        templates = load(path)
        doc = ctx.doc
        sender = sender_of(doc.text, ctx.path)
        if sender is None or sender.key not in templates.senders:
            return
        taken = _covered_lines(ctx.earlier)
        # Lines another rule removes for sure; the rest of `taken` only a judgement removes.
        taken_for_sure = _covered_lines(f for f in ctx.earlier if f.fix is not None and f.fix.is_safe)
        footer_start = _footer_start(doc, ctx.earlier)
        name = templates.name_of(sender)
        left_words = 0  # words of the blocks the other rules leave
        safe, unsafe, under_judgement = [], [], []
        for block in doc.blocks:
            if not _taken(doc, block, taken):
                left_words += word_count(doc.visible(block))
        for bp in block_prints(doc):
            found = templates.decision(sender, bp.fingerprint)
            if found is None or found[0] != TEMPLATE or _taken(doc, bp.block, taken_for_sure):
                continue  # not template, or another rule already removes it for sure
            because = _other_evidence(ctx, bp.block, footer_start)
            if _taken(doc, bp.block, taken):
                # Another rule removes it only by a judgement (an unsafe fix):
                # with sure evidence of its own it goes without --unsafe-fixes
                # too (with them the other rule, which runs first, takes it).
                if because:
                    under_judgement.append((bp, found, because))
                continue
            (safe if because else unsafe).append((bp, found, because))
        safe_words = sum(word_count(doc.visible(bp.block)) for bp, _, _ in safe)
        unsafe_words = sum(word_count(doc.visible(bp.block)) for bp, _, _ in unsafe)
        if unsafe_words > FORM_LETTER_SHARE * (left_words - safe_words):
            unsafe = []  # a form letter: its repeated blocks are its message
        for bp, (_, seen, of), because in sorted(safe + unsafe + under_judgement, key=lambda t: t[0].block.start):
            evidence = [f"recurs in {seen} of {of} learned issues of {name} (in {Path(templates.path).name})"]
            if because:
                evidence.append(because)
            yield ctx.remove_lines(
                f"template block {quote(bp.sample)}: recurs in {seen} of {of} issues of {name}",
                bp.block.start, bp.block.end, "Remove the sender's template block", tuple(evidence),
                Applicability.SAFE if because else Applicability.UNSAFE,
            )


def _footer_start(doc, earlier: list[Finding]) -> int | None:
    """The first line of the footer zone: the first footer finding in the last
    part of the email (a footer line near the top, "view in browser", starts no zone)."""
    body = len(doc.lines) - doc.body_start
    lines = [f.start_pos.line - 1 for f in earlier if f.code == FOOTER_CODE]
    zone = [line for line in lines if line - doc.body_start >= body * FOOTER_ZONE_FROM]
    return min(zone, default=None)


def _taken(doc, block, taken: set[int]) -> bool:
    return all(line in taken for line in range(block.start, block.end) if not doc.is_blank(line))


def _covered_lines(findings: Iterable[Finding]) -> set[int]:
    lines: set[int] = set()
    for f in findings:
        if f.fix is not None:
            lines.update(range(f.start_pos.line - 1, f.end_pos.line))
    return lines


def _other_evidence(ctx, block, footer_start: int | None) -> str | None:
    """Evidence besides recurrence that makes the removal unmistakable."""
    if footer_start is not None and block.start > footer_start:
        return f"below the footer that starts on line {footer_start + 1}"
    text = ctx.doc.source(block)
    markers = ctx.markers
    phrase = markers.subscribe_phrase(text) or markers.invitation(text)
    if phrase:
        return f"asks the reader: {quote(phrase)}"
    return None
