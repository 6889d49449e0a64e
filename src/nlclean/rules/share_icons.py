"""NL203 share-icons: share, like, comment and restack icon links.

## What it does
Finds the row of small icon links an email platform puts under a title or
at the end (`♡ Like`, `Comment`, `Restack`, `Share`, the social "share on"
buttons): links whose image is an icon (`…/icon/LucideHeart…`) or whose
target is a like, share or comment action, and whose text is empty or an
action word. Patterns: `[chrome]` in `data/markers.toml`. Redirect links
(Kit, beehiiv) are judged by the address they lead to when it is spelled out
in them (base64 or a `url=` parameter). In plain-text parts, where icon
links are bare addresses in parentheses, a block of nothing but such
addresses goes.

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

import re
from typing import Iterator

from ..findings import Finding
from ..inline_syntax import visible_text, visible_text_without_urls
from ..markers import resolve_url
from .base import Rule
from ._shared import quote

_BARE_URL = re.compile(r"(?:https?://|mailto:)[^\s)\]>]+")


def _has_words(source: str) -> bool:
    text = visible_text(source)
    # Only a bare URL needs taking out (an address holds "://"); most blocks
    # hold none, and the URL pattern is slow to run over a whole paragraph.
    if "://" in text:
        text = visible_text_without_urls(source)
    return any(ch.isalnum() for ch in text)


class ShareIcons(Rule):
    code = "NL203"
    name = "share-icons"
    family = "footer-and-chrome"
    summary = "Share / like / comment / restack icon links"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("icons", doc.text, doc.line_starts)
        if not candidates:
            return
        for block in doc.inline_blocks():
            if not candidates.touches(block.start, block.end):
                continue
            source = doc.source(block)
            if "://" in source and not _has_words(source):
                # Plain-text parts show icon links as bare addresses: "( https://… ) ( https://… )".
                urls = _BARE_URL.findall(source)
                if urls and all(markers.is_icon_url(u) for u in urls):
                    yield ctx.remove_lines(
                        f"share icon links ({len(urls)} bare addresses)",
                        block.start,
                        block.end,
                        "Remove icon links",
                        evidence=tuple(f"{quote(resolve_url(u), 50)}: a share action" for u in urls),
                    )
                    continue
            icons = []
            for link in doc.top_links(block):
                # The text test first: it is cheap, and most links are no icon by their text.
                if not markers.is_icon_text(visible_text(source[link.text_start : link.text_end])):
                    continue
                images = [c for c in link.children if c.is_image]
                if any(markers.is_icon_url(i.destination) for i in images) or markers.is_icon_url(link.destination):
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
