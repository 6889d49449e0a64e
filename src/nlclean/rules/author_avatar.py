"""NL205 author-avatar: the author's avatar image next to the byline.

## What it does
Near the top of the newsletter, finds a block that is only an image (or an
image link) that links to the same address as the author's byline link, or
whose alt text says it is an avatar or a profile picture.

## Why is this bad?
A tiny profile picture is email chrome, not a content image.
The byline itself (the author's name and link) stays.

Also an image that opens the byline line and shows the author its link
names: `![Casey Newton](…/casey.jpg) [Casey Newton](…/author/casey/)` (Ghost):
the image goes, the name and its link stay.

## Example
```markdown
[Jane Doe](https://example.com/@jane)

[![](https://cdn.example.com/jane-64x64.png)](https://example.com/@jane)
```
keeps the first line and removes the second.

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from .base import Rule

# The byline sits in the first blocks of the body.
TOP_BLOCKS = 15
# A byline line is short: the name, a date, a reading time. A logo beside a
# product's name in a longer line is content.
BYLINE_WORDS = 12


class AuthorAvatar(Rule):
    code = "NL205"
    name = "author-avatar"
    family = "footer-and-chrome"
    summary = "Author's avatar image beside the byline"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        top = [b for b in doc.blocks[:TOP_BLOCKS] if b.kind == "paragraph"]
        for block in top:
            source = doc.source(block)
            if "![" not in source:
                continue  # prefilter: no image, no avatar (and no need to parse its links)
            links = doc.top_links(block)
            beside = _avatar_beside_byline(source, links)
            if beside is not None and len(doc.visible(block).split()) <= BYLINE_WORDS:
                yield ctx.remove_inline(block, [(beside.start, beside.end)], "author avatar image", "Remove avatar image",
                                        evidence=("an image whose alt text is the name of the byline link beside it",))
                continue
            if len(links) != 1:  # the block must be only the image (checked below); its alt text may show
                continue
            link = links[0]
            image = link if link.is_image else next((c for c in link.children if c.is_image), None)
            if image is None or source.strip() != source[link.start : link.end].strip():
                continue
            alt = source[image.text_start : image.text_end].lower()
            by_alt = any(a in alt for a in markers.avatar_alts)
            by_byline = not by_alt and not link.is_image and _is_text_link_target(doc, top, link.destination)
            if by_alt or by_byline:
                why = "alt text names an avatar" if by_alt else f"links to the byline's address {link.destination}"
                yield ctx.remove_lines("author avatar image", block.start, block.end, "Remove avatar image",
                                       evidence=(why,))


def _avatar_beside_byline(source: str, links):
    """The image that opens a byline line and shows the author named by the
    link right after it: `![Casey Newton](…/casey.jpg) [Casey Newton](…/author/casey/)`
    (Ghost). The image (or image link) goes; the name stays."""
    if len(links) < 2 or source[: links[0].start].strip():
        return None
    first, name = links[0], links[1]
    image = first if first.is_image else next((c for c in first.children if c.is_image), None)
    if image is None or name.is_image or name.children or source[first.end : name.start].strip():
        return None
    alt = " ".join(source[image.text_start : image.text_end].split()).lower()
    text = " ".join(source[name.text_start : name.text_end].split()).lower()
    if not alt or alt != text:
        return None
    if not first.is_image and first.destination != name.destination:
        return None
    return first


def _is_text_link_target(doc, top, destination: str) -> bool:
    """Whether a text link (no image in it) of one of the top blocks leads to
    `destination`. Only blocks whose text holds the address can have such a
    link: the others' links are not parsed."""
    return any(
        not link.is_image and not link.children and link.destination == destination
        for block in top
        if destination in doc.source(block)
        for link in doc.top_links(block)
    )
