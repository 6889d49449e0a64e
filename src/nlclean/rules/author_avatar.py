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

Also the masthead logo whose image the converter dropped: a line that is
only a bare address, first in the body (above it only the archiver's title
and `**From:**` lines and a break), right above the masthead: a short line
whose link leads to the same site (the publication's name or the issue's
title, "Acme Weekly [https://acme.example/r/2e3…]"). The logo's alt text
was empty, so nothing of it is left but its link, and the same line opens
every issue of the sender with a new redirect id. A run of such lines (the
logo and a header image) goes together. A bare address that stands above
prose ("https://example.com/download" over "The new version is out…"),
above a line with no link to its site, or below the first words of the
body, is the email's own link and stays.

Also, anywhere above the email's first paragraph of prose, a paragraph
that is one link and no word whose link names no page: a tracker's id
(`( http://r.mail.acme.example/mk/cl/f/sh/1t6Af4/XaEa7b )`), or the site's
home page (`( https://acme.example?utm_source=email )`): the logo or banner
whose alt text was empty (`evidence/textless_links.py`). A link there that
names a page (`https://acme.example/download`, the issue's own
`…/issue-99/`) is the email's point and stays.

## Example
```markdown
[Jane Doe](https://example.com/@jane)

[![](https://cdn.example.com/jane-64x64.png)](https://example.com/@jane)
```
keeps the first line and removes the second.

```markdown
https://acme.example/r/89b1541a?m=1

Acme Weekly [https://acme.example/r/2e323aea?m=1]

By Ada Park • 12 Jan 2026
```
loses its first line.

## Fix safety
Safe. The masthead logo is safe only in that shape: first in the body, no
word of its own, over a short line that links to the same site and a
byline or date under that. Each is evidence of the email's header, and
together they leave no reading in which the address is the email's point;
a bare address anywhere else is left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..evidence.links import split_url
from ..evidence.textless_links import header_logo_links
from ..evidence.zones import email_top
from ..findings import Edit, Finding
from ..inline_syntax import visible_text_without_urls
from .base import Rule

# The byline sits in the first blocks of the body.
TOP_BLOCKS = 15
# A byline line is short: the name, a date, a reading time. A logo beside a
# product's name in a longer line is content.
BYLINE_WORDS = 12
# A line that is one bare address and nothing else ("https://…", "<https://…>").
_BARE_ADDRESS_LINE = re.compile(r"^[ \t]*<?(https?://[^\s<>]+?)>?[ \t]*$")
_ADDRESS = re.compile(r"https?://[^\s<>()\[\]]+")
# The masthead under the logo is a name or a title: a few words.
MASTHEAD_WORDS = 16
# The byline or date under the masthead stands within this many blocks of it.
MASTHEAD_BLOCKS = 4
# Pieces of a byline row ("By Ada Park • 12 Jan 2026").
_ROW_SEPARATOR = re.compile(r"\s[•·|—–]\s")


class AuthorAvatar(Rule):
    code = "NL205"
    name = "author-avatar"
    family = "footer-and-chrome"
    summary = "Author's avatar image beside the byline"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        logo = _masthead_logo(doc, markers)
        if logo is not None:
            start, end, why = logo
            yield ctx.remove_lines("masthead logo link", start, end, "Remove masthead logo link", evidence=why)
        for block, why in header_logo_links(doc, markers):
            if logo is not None and logo[0] <= block.start < logo[1]:
                continue  # the Ghost masthead's, taken above
            # Only the line itself: the blank lines around it are the tidy-up's
            # (a padding line above it, removed in the same round, left a blank
            # line that a removal taking its own blank line would also take).
            a, b = ctx.lines_range(block.start, block.end)
            yield ctx.finding("logo link with no text at the top", a, b,
                              [Edit(doc.offset(block.start), doc.offset(block.end))], "Remove logo link",
                              evidence=("a paragraph that is one link and no word, above the email's first prose: "
                                        "an image whose alt text was empty", f"its link: {why}"))
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


def _site(url: str) -> str:
    return (split_url(url).hostname or "").removeprefix("www.")  # "https://[x": no host to compare


def _masthead_logo(doc, markers) -> "tuple[int, int, tuple[str, ...]] | None":
    """The masthead logo whose image was dropped: the lines [start, end) of a
    run of one-line paragraphs that are each one bare address, first in the
    body, over a short line that links to the same site and a byline or date
    under that; None in any other shape."""
    blocks = doc.blocks
    k = email_top(doc)  # above the logo: only the archiver's title, its header lines and a break
    if k is None:
        return None
    run, sites = [], set()
    while k < len(blocks) and blocks[k].kind == "paragraph" and blocks[k].end - blocks[k].start == 1:
        m = _BARE_ADDRESS_LINE.match(doc.lines[blocks[k].start])
        if m is None:
            break
        run.append(blocks[k])
        sites.add(_site(m.group(1)))
        k += 1
    if not run or len(sites) != 1 or k >= len(blocks) or blocks[k].kind != "paragraph":
        return None
    site = next(iter(sites))
    masthead = blocks[k]
    source = doc.source(masthead)
    masthead_text = visible_text_without_urls(source).strip()
    targets = [link.destination for link in doc.top_links(masthead)] + _ADDRESS.findall(source)
    if not site or not masthead_text or len(masthead_text.split()) > MASTHEAD_WORDS \
            or not any(_site(url) == site for url in targets):
        return None
    byline = None
    for block in blocks[k + 1 : k + 1 + MASTHEAD_BLOCKS]:
        if block.kind != "paragraph" or block.end - block.start != 1:
            continue
        text = visible_text_without_urls(doc.lines[block.start]).strip()
        byline = next(filter(None, (markers.dateline_piece(piece) for piece in _ROW_SEPARATOR.split(text))), None)
        if byline is not None:
            break
    if byline is None:
        return None
    return run[0].start, run[-1].end, (
        "a line that is only a bare address, first in the body: the logo, its image gone",
        f"over the masthead {masthead_text[:60]!r}, which links to the same site ({site})",
        f"the header's byline row under it: {byline}",
    )
