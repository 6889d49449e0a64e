"""NL203 share-icons: share, like, comment and restack icon links.

## What it does
Finds the row of small icon links an email platform puts under a title or
at the end (`♡ Like`, `Comment`, `Restack`, `Share`, the social "share on"
buttons): links whose image is an icon (`…/icon/LucideHeart…`) or whose
target is a like, share or comment action, and whose text is empty or an
action word. Patterns: `[chrome]` in `data/markers.toml`. Redirect links
(Kit, beehiiv) are judged by the address they lead to when it is spelled out
in them (base64 or a `url=` parameter). A block of nothing but action links
or links named after social networks (`[Twitter](…) · [LinkedIn](…)`, a
follow row) goes whole. In plain-text parts, where icon
links are bare addresses in parentheses, a block of nothing but such
addresses goes.

## Why is this bad?
The buttons do nothing outside the inbox and leave stray "Like Comment
Restack" words in the text.

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
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from ..findings import Finding
from ..inline_syntax import visible_text, visible_text_without_urls
from ..markers import LineHits, resolve_url
from .base import Rule
from ._shared import quote

_BARE_URL = re.compile(r"(?:https?://|mailto:)[^\s)\]>]+")
# Fewest action links that make an action bar on their own ("Like Comment Restack").
MIN_ACTION_LINKS = 2


def _action_row_lines(doc, markers) -> list[int]:
    """Lines that open with a link whose text is an action word ("[Like](…)",
    "[Share](…)"): one regex pass over the document, the prefilter of action
    bars whose links are plain text to the post's own page (Ghost's
    `#/share`, Substack's `app-link/post?…&action=like`), which no icon
    pattern names."""
    chrome = markers.data.get("chrome", {})
    words = [*chrome.get("icon_texts", []), *chrome.get("follow_texts", [])]
    if not words:
        return []
    pattern = _row_pattern(tuple(words))
    lines = []
    text = doc.text
    for m in pattern.finditer(text):
        line = bisect_right(doc.line_starts, m.start()) - 1
        if not text[doc.line_starts[line] : m.start()].strip():  # the link opens its line
            lines.append(line)
    return lines


@lru_cache(maxsize=8)
def _row_pattern(words: tuple[str, ...]) -> "re.Pattern":
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # It opens with the bracket, which `re` finds by a fast literal scan.
    return re.compile(rf"\[[^\S\n]*(?:{alternation})[^\S\n]*\]\(", re.I)


def _action_row(doc, markers, block) -> bool:
    """A block that is only action-word or follow links (two or more) and
    separators: `[Share](…) · [Comment](…)`, `[Like](…) [Comment](…)
    [Restack](…)`, `[Twitter](…) · [LinkedIn](…) · [YouTube](…)`."""
    source = doc.source(block)
    links = doc.top_links(block)
    if len(links) < MIN_ACTION_LINKS:
        return False
    pos, outside = 0, []
    for link in links:
        outside.append(source[pos : link.start])
        pos = link.end
        text = visible_text(source[link.text_start : link.text_end])
        if not (markers.is_icon_text(text) or markers.is_follow_text(text)):
            return False
    outside.append(source[pos:])
    return not any(ch.isalnum() for ch in "".join(outside))


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
        rows = _action_row_lines(doc, markers) if doc.format == "markdown" else []
        candidates.update(rows)
        if not candidates:
            return
        rows = LineHits(rows)
        for block in doc.inline_blocks():
            if not candidates.touches(block.start, block.end):
                continue
            if block.kind == "paragraph" and rows.touches(block.start, block.start + 1) and _action_row(doc, markers, block):
                words = [visible_text(doc.source(block)[i.text_start : i.text_end]) for i in doc.top_links(block)]
                yield ctx.remove_lines(
                    f"action links ({', '.join(words)})",
                    block.start,
                    block.end,
                    "Remove action links",
                    evidence=("a row of nothing but action links: they do nothing outside the inbox",),
                )
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
