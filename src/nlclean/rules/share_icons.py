"""NL203 share-icons: share, like, comment and restack icon links.

## What it does
Finds the row of small icon links an email platform puts under a title or
at the end (`♡ Like`, `Comment`, `Restack`, `Share`, the social "share on"
buttons): links whose image is an icon (`…/icon/LucideHeart…`) or whose
target is a like, share or comment action, and whose text is empty or an
action word. Patterns: `[chrome]` in `data/markers.toml`.

## Why is this bad?
The buttons do nothing outside the inbox and leave stray "Like Comment
Restack" words in the text (SPEC row 5).

## Example
```markdown
[![](https://cdn.example.com/icon/LucideHeart.png)Like](https://example.com/p/1?action=like&submitLike=true)
```
is removed.

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..inline_syntax import visible_text
from .base import Rule


class ShareIcons(Rule):
    code = "NL203"
    name = "share-icons"
    family = "footer-and-chrome"
    summary = "Share / like / comment / restack icon links"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        for block in doc.inline_blocks():
            source = doc.source(block)
            icons = []
            for link in doc.top_links(block):
                text = visible_text(source[link.text_start : link.text_end])
                images = [c for c in link.children if c.is_image]
                icon_image = any(markers.is_icon_url(i.destination) for i in images)
                if (icon_image or markers.is_icon_url(link.destination)) and markers.is_icon_text(text):
                    icons.append(link)
            if not icons:
                continue
            words = [visible_text(source[i.text_start : i.text_end]) or "icon" for i in icons]
            yield ctx.remove_inline(
                block,
                [(i.start, i.end) for i in icons],
                f"share/like icon links ({', '.join(words)})",
                "Remove icon links",
                evidence=tuple(f"{w}: icon image or action link" for w in words),
            )
