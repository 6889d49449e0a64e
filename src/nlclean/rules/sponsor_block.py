"""NL101 sponsor-block: a block labelled as paid content.

## What it does
Finds advertising that the newsletter itself labels: a heading or a first
line with `Sponsored by`, `Presented by`, `Together with`, `(Sponsor)`,
`[sponsored]`, `Partner`, `Advertisement`, … (and the same labels in other
languages: 赞助, Anzeige, Publicité, Patrocinado, …), or a disclosure in the
first sentence under a heading ("This section is sponsored by …").

The labels are data: `[sponsor]` in `data/markers.toml`, extensible with
`extend-markers`.

## Why is this bad?
A reader who wants the newsletter's stories does not want its adverts, and
an archive or a dataset built from newsletters should not be full of them.
It is SPEC row 1, the highest-priority rule.

## How far it goes
- A labelled heading takes its section, up to the next heading of the same
  or a higher level. A thematic break (`---`) ends it unless the block after
  the break still names the sponsor (a name repeated from the heading, or the
  host of the ad's links): then the ad goes on across the break.
- A label line without a heading takes its block; a label standing alone
  (`Together with Acme`) also takes the ad under it, up to a break, a
  heading or the next item's title.
- A trailing label (`… (Sponsor)`) takes its item: the list item, or the
  title paragraph with its description up to the next title.
- No block runs past a copyright line: the footer that SPEC keeps.

## Example
```markdown
## Ship faster with Acme (Sponsored)

Acme builds your pipelines for you. [Try Acme](https://acme.example)

## The real story
```
becomes
```markdown
## The real story
```

## Fix safety
Safe: the label is the publisher's own statement that the block is paid.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..extents import Extent, item_extent, label_block_extent, section_extent
from ..findings import Finding
from .base import Rule
from ._shared import quote, word_count

_FIRST_SENTENCE = re.compile(r"^.{0,300}?(?:[.!?。！？](?:\s|$)|$)", re.S)


class SponsorBlock(Rule):
    code = "NL101"
    name = "sponsor-block"
    family = "advertising"
    summary = "Block labelled as sponsored or paid (heading, first line, trailing tag or disclosure)"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        covered_until = -1
        for block in doc.all_blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            found = self._label(ctx, block)
            if found is None:
                continue
            extent, label, title = found
            covered_until = extent.end
            yield ctx.remove_lines(
                f"sponsor block {quote(title)} ({label.strip()})",
                extent.start,
                extent.end,
                f"Remove sponsor block {quote(title)}",
                evidence=(f"label '{label.strip()}' matched", f"ends at {extent.why_it_ends}"),
            )

    def _label(self, ctx, block) -> tuple[Extent, str, str] | None:
        doc, markers = ctx.doc, ctx.markers
        first_line = doc.lines[block.start]
        if block.kind == "heading":
            text = doc.visible(block)
            label = markers.trailing_label(text)
            if label is None:
                m = markers.leading_label(text)
                label = m.label if m else None
            if label is None:
                label = self._disclosure_under(ctx, block)
            if label is None:
                return None
            title = text
            if block.depth == 0:
                return section_extent(doc, block, text), label, title
            return label_block_extent(doc, block, label_only=False), label, title
        # A paragraph: label at the start of its first line, or at the end of its first or last line.
        first = markers.leading_label(_visible_line(first_line))
        if first is not None:
            visible = doc.visible(block)
            label_only = block.end - block.start == 1 and word_count(visible) <= 8
            title = first.rest.strip(" :—-|*") or visible
            return label_block_extent(doc, block, label_only), first.label, title
        label = _trailing_label(markers, first_line)
        if label is not None:
            return item_extent(doc, block), label, _visible_line(first_line)
        last_line = doc.lines[block.end - 1]
        if block.end - block.start > 1:
            label = _trailing_label(markers, last_line)
            if label is not None:
                return Extent(*_item_or_block(block), "the end of its item"), label, _visible_line(first_line)
        return None

    def _disclosure_under(self, ctx, heading) -> str | None:
        """A disclosure in the first sentence of the paragraph right under a heading."""
        nxt = ctx.doc.next_block(heading)
        # Under a title or a category (a section with sub-headings) the label is the paragraph's, not the section's.
        if any(heading.start < h.start < ctx.doc.section_end(heading) for h in ctx.doc.headings):
            return None
        if nxt is None or nxt.kind != "paragraph":
            return None
        m = _FIRST_SENTENCE.match(ctx.doc.visible(nxt))
        if not m:
            return None
        # Near the start of the sentence ("This section is sponsored by …"), so that
        # a story saying "the conference, sponsored by Google, …" is left alone.
        return ctx.markers.disclosure(m.group(0)[:48])


def _trailing_label(markers, line: str) -> str | None:
    # The visible text loses square brackets, so `… [sponsored]` is looked for in the source too.
    return markers.trailing_label(_visible_line(line)) or markers.trailing_label(line)


def _visible_line(line: str) -> str:
    from ..inline_syntax import visible_text

    return visible_text(line)


def _item_or_block(block) -> tuple[int, int]:
    node = block
    while node.parent is not None:
        if node.parent.kind == "list_item":
            return node.parent.start, node.parent.end
        node = node.parent
    return block.start, block.end
