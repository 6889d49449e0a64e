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

A row of links named after social networks, by their text or an icon's
alt text (`[![Facebook](fb.png)](…)`, the reference links `[Instagram][16]`),
goes whatever the click tracker hides behind them: two or more network
names, at most one other short link ("Community"), and around them nothing
but separators or a lead-in that asks the reader to follow ("Follow The
Harbour Letter", "Síguenos en [LinkedIn](…) y [X](…)"; `follow` in `[asks]`).
"Both [Threads](…) and [Instagram](…) carried the video" is a story's
sentence and stays.

Where a link leads decides too (the link classifier, `evidence/links.py`): a
row of nothing but links to social profiles goes whatever their text (icon
images); a link whose text is an action word ("Comment", "12 comments")
goes when an icon-font glyph stands before its word, or when it closes its
line after a separator (`[site](…) • [comments](…)`, with the separator);
a line that is one action word ("Comment") above a paragraph of nothing but
its address (plain-text parts) goes with that address. A link with an icon
image inside it whose target is a like, comment, restack or share action
goes whatever the language of its word (`[![](…/icon/LucideHeart)Gefällt
mir](…submitLike=true…)`, at most three words): the icon and the action
are both the platform's; an icon image on a story's link stays. "Read the
[comments](…) under the post" is a sentence's link and stays, and so is an
action word above an image.

At the email's end, a row of icons whose images the converter dropped is
left as paragraphs of nothing but addresses (`( http://r.mail.acme.example/mk/cl/… )`,
or indented `(https://www.instagram.com/acme/)&nbsp;` lines): two or more
of them, below them only short labels, the copyright notice and the postal
address (which stay), each link a social profile or another noise kind, or
a tracker's id that names no page, go (`evidence/textless_links.py`). Addresses
that name a page (`…/download`), a line ending in a colon above them ("Find
them here:"), or a single such link (a logo) stay.

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
from ..inline_syntax import address_spans, visible_text, visible_text_without_urls
from ..evidence.asks import REFERENCE_LINK, follow_lead_in
from ..evidence.links import ICON_KINDS, LinkKind
from ..evidence.textless_links import tail_icon_run
from ..markers import LineHits, resolve_url
from .base import Rule
from ._shared import quote

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


_COUNT = re.compile(r"^[^\w]*\d[\d,.]*k?\s+")
# Icon fonts draw a button's icon with a private-use character before its word.
_ICON_GLYPH = re.compile(r"[\ue000-\uf8ff]")
# A separator right before a link at the end of a line: " • ", " | ", " · ", "&bull;".
_SEPARATOR_BEFORE = re.compile(r"[^\S\n]*(?:&bull;|&#8226;|&middot;|[|•·])[^\S\n]*\Z")


def _words_after(source: str, end: int) -> bool:
    rest = source[end:].split("\n", 1)[0]
    return any(ch.isalnum() for ch in rest)


# Where an action word stands: alone on its line ("Comment"), or as a link's
# text, perhaps behind an icon glyph or a count ("[ comments](…)", "[12 comments](…)").
_LONE_WORD = r"^[^\S\n]*(?:{words})[^\S\n]*$"
_WORD_LINK = r"\[[^\S\n]*[\ue000-\uf8ff\d]*[^\S\n]*(?:{words})[^\S\n]*\]\("


def _action_word_lines(doc, markers, shape: str) -> LineHits:
    """Lines where an action word (`icon_texts` of `[chrome]`) stands in `shape`."""
    words = _action_words(markers)
    if not words:
        return LineHits()
    pattern = _action_word_pattern(shape, words)
    return LineHits(bisect_right(doc.line_starts, m.start()) - 1 for m in pattern.finditer(doc.text))


@lru_cache(maxsize=4)
def _action_words(markers) -> tuple[str, ...]:
    # Once per marker data, not per document: the list is long.
    return tuple(w for w in markers.data.get("chrome", {}).get("icon_texts", []) if w[:1].isalnum())


@lru_cache(maxsize=8)
def _action_word_pattern(shape: str, words: tuple[str, ...]) -> "re.Pattern":
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(shape.format(words=alternation), re.I | re.M)


# A button's word: "Gefällt mir", "Kommentieren", "Teilen".
MAX_BUTTON_WORDS = 3


def _icon_button(markers, link, raw_text: str) -> bool:
    """A link that is a platform's button whatever the language of its word:
    an icon image inside it, its target a like, comment, restack or share
    action (link classifier), and a few words at most. Both the icon and the
    action are the platform's; a story's link has neither."""
    if link.is_image or not any(c.is_image and markers.is_icon_url(c.destination) for c in link.children):
        return False
    if markers.link_kind(link.destination) not in ICON_KINDS:
        return False
    return len(visible_text(raw_text).split()) <= MAX_BUTTON_WORDS


def _social_row(doc, markers, block) -> bool:
    """A block of nothing but links (two or more) to social profiles, by where
    they lead (`[![](x-icon.png)](https://x.com/acme)`, whatever their text)."""
    source = doc.source(block)
    if source.count("](") < MIN_ACTION_LINKS:
        return False  # most blocks: no need to find their links
    links = doc.top_links(block)
    if len(links) < MIN_ACTION_LINKS:
        return False
    outside = source[: links[0].start] + "".join(source[a.end : b.start] for a, b in zip(links, links[1:]))
    if any(ch.isalnum() for ch in outside + source[links[-1].end :]):
        return False
    return all(markers.link_kind(link.destination) is LinkKind.SOCIAL for link in links)


# Words that join the links of a row ("and", "und", "y", "e no"): no lead-in needs them.
MAX_FOLLOW_ROW_OUTSIDE_WORDS = 10
# At most this many links of a follow row may be the community's other pages ("[Community](…)").
MAX_OTHER_ROW_LINKS = 1


def _named_social_row(doc, markers, block) -> "tuple[list[str], str] | None":
    """A row of links named after social networks, by their text or an icon's
    alt text (`[![Facebook](fb.png)](…)`, `[Instagram][16]`), whatever their
    target (a click tracker hides it): two or more, at most one other short
    link ("Community"), and around them only separators or a lead-in that
    asks the reader to follow ("Follow The Meridian", "Síguenos en … y …").
    The names, and the lead-in's phrase ("" when there is none)."""
    source = doc.source(block)
    links = doc.top_links(block)
    if links:
        labels = [visible_text(source[link.text_start : link.text_end]).strip() for link in links]
        spans = [(link.start, link.end) for link in links]
    else:
        found = list(REFERENCE_LINK.finditer(source))
        labels = [m.group(1).strip() for m in found]
        spans = [m.span() for m in found]
    if len(labels) < MIN_ACTION_LINKS:
        return None
    named = [label for label in labels if markers.is_follow_text(label)]
    others = [label for label in labels if label not in named]
    if len(named) < MIN_ACTION_LINKS or len(others) > MAX_OTHER_ROW_LINKS or any(len(o.split()) > 2 for o in others):
        return None
    outside, pos = [], 0
    for a, b in spans:
        outside.append(source[pos:a])
        pos = b
    outside.append(source[pos:])
    rest = visible_text_without_urls(" ".join(outside)).strip(" \t\n|·•,/-–—:.")
    if not any(ch.isalnum() for ch in rest):
        return named, ""
    if len(rest.split()) > MAX_FOLLOW_ROW_OUTSIDE_WORDS:
        return None
    lead_in = follow_lead_in(markers, rest)
    if lead_in is None or not rest.lstrip(" *_#>-•·([").lower().startswith(lead_in.lower()):
        return None  # "Both Threads and Bluesky grew this month": a story's sentence
    return named, lead_in


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
        yield from self._tail_icons(ctx)
        candidates = markers.candidate_lines("icons", doc.text, doc.line_starts)
        rows = _action_row_lines(doc, markers) if doc.format == "markdown" else []
        candidates.update(rows)
        word_lines = _action_word_lines(doc, markers, _LONE_WORD)
        candidates.update(word_lines)
        if doc.format == "markdown":
            candidates.update(_action_word_lines(doc, markers, _WORD_LINK))
        if not candidates and doc.text.count("](") + doc.text.count("][") < MIN_ACTION_LINKS:
            return  # no candidate line, and no room for a follow row
        rows = LineHits(rows)
        for block in doc.inline_blocks():
            if block.kind == "paragraph" and block.start in word_lines:
                found = self._lone_action_word(ctx, block)
                if found is not None:
                    yield found
                    continue
            row = _named_social_row(doc, markers, block) if block.kind == "paragraph" else None
            if row is not None and not (rows.touches(block.start, block.start + 1) and _action_row(doc, markers, block)):
                names, lead_in = row
                asked = f"a lead-in that asks the reader to follow (phrase '{lead_in}') and " if lead_in else ""
                yield ctx.remove_lines(
                    f"follow row ({', '.join(names)})",
                    block.start,
                    block.end,
                    "Remove follow row",
                    evidence=(f"{asked}a row of links named after social networks (by their text or icon): a follow row",),
                )
                continue
            if block.kind == "paragraph" and _social_row(doc, markers, block):
                yield ctx.remove_lines(
                    f"follow row ({len(doc.top_links(block))} links to social profiles)",
                    block.start,
                    block.end,
                    "Remove follow row",
                    evidence=("a row of nothing but links to social profiles (by where they lead): a follow row",),
                )
                continue
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
                # Plain-text parts show icon links as bare addresses: "( https://… ) ( https://… )";
                # every address of the block counts, a link's (a "mailto:" share too) and one written
                # in its text, once each, in the order they are written (a link's destination after its text).
                found = sorted(address_spans(source, images=True, bare_in_links=True),
                               key=lambda a: a.link.text_end if a.link else a.start)
                urls = list(dict.fromkeys(a.url for a in found))
                if urls and all(markers.is_icon_url(u) for u in urls):
                    yield ctx.remove_lines(
                        f"share icon links ({len(urls)} bare addresses)",
                        block.start,
                        block.end,
                        "Remove icon links",
                        evidence=tuple(f"{quote(resolve_url(u), 50)}: a share action" for u in urls),
                    )
                    continue
            icons, spans, whys = [], [], []
            for link in doc.top_links(block):
                # The text test first: it is cheap, and most links are no icon by their text.
                raw_text = source[link.text_start : link.text_end]
                # "12 comments": the count is part of the button.
                if not markers.is_icon_text(_COUNT.sub("", visible_text(raw_text))):
                    if _icon_button(markers, link, raw_text):
                        icons.append(link)
                        spans.append((link.start, link.end))
                        whys.append("an icon image on a like / share / comment action (by where it leads)")
                    continue
                images = [c for c in link.children if c.is_image]
                span = (link.start, link.end)
                if any(markers.is_icon_url(i.destination) for i in images) or markers.is_icon_url(link.destination):
                    why = "icon image or action link"
                elif _ICON_GLYPH.search(raw_text):
                    why = "an action word behind an icon-font glyph"
                else:
                    after_separator = _SEPARATOR_BEFORE.search(source, 0, link.start)
                    if after_separator is None or _words_after(source, link.end):
                        continue
                    # "[lithub.com](…) • [comments](…)": the action link closes its
                    # item's line after a separator, which goes with it.
                    why = "an action word closing its line after a separator"
                    span = (after_separator.start(), link.end)
                if why == "an action word behind an icon-font glyph":
                    before = _SEPARATOR_BEFORE.search(source, 0, link.start)
                    if before is not None and not _words_after(source, link.end):
                        span = (before.start(), link.end)
                icons.append(link)
                spans.append(span)
                whys.append(why)
            if not icons:
                continue
            words = [_ICON_GLYPH.sub("", visible_text(source[i.text_start : i.text_end])).strip() or "icon" for i in icons]
            yield ctx.remove_inline(
                block,
                spans,
                f"share/like icon links ({', '.join(words)})",
                "Remove icon links",
                evidence=tuple(f"{w}: {why}" for w, why in zip(words, whys)),
            )

    def _tail_icons(self, ctx) -> Iterator[Finding]:
        """The row of icons whose images were dropped, at the email's end
        (`evidence/textless_links.py`): each of its blocks goes."""
        run = tail_icon_run(ctx.doc, ctx.markers)
        if run is None:
            return
        for block in run.blocks:
            yield ctx.remove_lines("icon links with no text at the end of the email", block.start, block.end,
                                   "Remove icon links", evidence=run.why)

    def _lone_action_word(self, ctx, block) -> Finding | None:
        """A paragraph that is one action word ("Comment") above a paragraph of
        nothing but its link (plain-text parts: "[https://…/r/…]"): the
        button and its address go together."""
        doc = ctx.doc
        nxt = doc.next_block(block)
        source = doc.source(nxt) if nxt is not None else ""
        if nxt is None or nxt.kind != "paragraph" or "![" in source or "://" not in source or _has_words(source):
            return None  # (an image under the word is content, not the button)
        word = visible_text(doc.source(block)).strip()
        return ctx.remove_lines(
            f"action link {quote(word)}",
            block.start,
            nxt.end,
            f"Remove action link {quote(word)}",
            evidence=(
                f"label {quote(word)} alone on its line: an action word, not a sentence",
                f"line {nxt.start + 1} holds only its link's address",
            ),
        )
