"""Links with no text at an email's top and end: images the converter dropped.

## At the end: a row of icons
A mail template closes with a row of icons: the social networks, the
sender's other sites, an app badge. When the html becomes text, an icon's
image goes (its alt text was empty) and its link stays as a paragraph of
nothing but an address: `( http://r.mail.acme.example/mk/cl/f/sh/7nVU1a… )`,
`https://click.email.acme.example/?qs=ABB7…`, or, indented by the converter,
a block of `(https://www.instagram.com/acme/)&nbsp;` lines. The same row
closes every issue of the sender.

`tail_icon_run(doc, markers)` walks up from the end of the email over:
- paragraphs (and indented code blocks) that hold links and no word at all:
  the icons;
- below the icons, the copyright notice and the postal address (SPEC keeps
  them: they stay); a notice between two text-less links ends the row (a
  related post's thumbnail above the address is no icon of the row under it);
- thematic breaks;
- short plain labels between the icons ("Slow Factory /", "Follow us"), a
  few words, no link, not ending in a colon: they stay too.

It stops at anything else. The icons it passed are the run, when there are
at least `MIN_ICONS` of them and each link in them leads where a story's
link does not name a page: a link of a noise kind (a social profile, an app
store, an unsubscribe page: `evidence/links.py`) or a click tracker's id
with no page name in it (`/mk/cl/f/sh/7nVU1a…/XaEa7b…`, `/s/4481249/pGSZ6RX0`,
`/?qs=ABB7…`) on a host that carries at least `HOST_LINKS` of the email's
links (the sender's redirector or site; a video's `youtu.be/S2iS1x…` is a
story's link to another site).

## At the top: the logo
`header_logo_links(doc, markers)` finds, among the email's first
`TOP_BLOCKS` blocks, under nothing longer than a masthead or a preheader
(`MASTHEAD_WORDS`) and above the email's first paragraph of prose
(`zones.header_zone_end`; an email with none is short, and its links are
its point), the paragraphs that are one link and no
word at all, whose link names no page: a tracker's id or token, a noise
kind, or the site's home page (`https://acme.example?utm_source=…`). They
are the masthead's logo or banner, whose alt text was empty. (Ghost's
masthead logo, over a title that links to the same site, is NL205's own
shape.) A link at the top that names a page (`https://acme.example/download`,
the issue's own address `…/issue-99/`) is the email's point and stays.

## Why these and not others
A story can end on its links: "Find them here:" over two bare addresses, or
a download link under each section of a product email
(`https://example.com/download`). Those name a page in their address (a word
in the path), or are announced by a line that ends in a colon, or hold words
beside the address; the walk stops at each of these. A single text-less link
at the end (a logo, the thumbnail of a related post) is no row and stays.

## Example
```markdown
by Jo Park

*Acme /*

( http://r.mail.acme.example/mk/cl/f/sh/7nVU1aA2nf/Le3yc4eqHY )

( http://r.mail.acme.example/mk/cl/f/sh/7nVU1aA2ng/e057PI7h7d )
```
the two address paragraphs go (in an email whose stories link through the
same redirector); "*Acme /*" and the byline stay.

## Fix safety
Safe (NL203 and NL205 remove what these find). A link with no word, that
names no page, on the sender's own redirector, in a row at the email's end
or over its masthead, leaves no reading in which it is a story's link; each
narrower shape above (a colon lead-in, a page name, one link alone, a short
email with no prose) stays.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..inline_syntax import addresses, visible_text_without_urls
from .links import split_url
from .zones import COPYRIGHT, email_top, header_zone_end, words

# A row of icons holds at least this many links.
MIN_ICONS = 2
# A label between icons ("Slow Factory /"): at most this many words.
LABEL_WORDS = 4
# The kept notice or address the walk passes holds at most this many words.
KEPT_WORDS = 40

_ENTITY = re.compile(r"&[#\w]+;?")
# A path segment that names a page: a word of four letters or more, maybe
# joined to more ("download", "zsh-shell", "issue-98", "about.html").
_PAGE_NAME = re.compile(r"(?i)[a-z]{4,}(?:[-_.][a-z0-9]+)*")
# A host that carries at least this many of the email's links is its
# redirector's or its sender's.
HOST_LINKS = 3
# A logo stands among the email's first blocks, under nothing longer than a
# masthead or a preheader line.
TOP_BLOCKS = 4
MASTHEAD_WORDS = 16
# A tracker's id: six characters or more with a digit in them.
_ID = re.compile(r"(?=[^/]*\d)[\w-]{6,}")
# A query value that is a tracker's token.
_TOKEN = re.compile(r"=[\w.%-]{16,}")


@dataclass(frozen=True)
class TailIcons:
    blocks: tuple  # the blocks of the run, top to bottom
    why: tuple[str, ...]


def _textless(source: str) -> bool:
    """A block with addresses and not one word (entities like `&nbsp;` are no word)."""
    if "://" not in source or "![" in source:
        return False  # (an image is a content image's, or another rule's)
    text = _ENTITY.sub(" ", visible_text_without_urls(source))
    return not any(ch.isalnum() for ch in text)


def _host(url: str) -> str:
    return (split_url(url).hostname or "").removeprefix("www.")


class _EmailHosts:
    """How many of the email's links each host carries, counted once and only when asked."""

    def __init__(self, doc):
        self.doc, self.counts = doc, None

    def carries(self, url: str) -> int:
        if self.counts is None:
            self.counts = Counter(_host(u) for u in addresses(self.doc.text, images=True, bare_in_links=True))
        return self.counts[_host(url)]


def icon_target(markers, url: str, hosts: "_EmailHosts", home: bool = False) -> str | None:
    """Why a link with no text reads as an icon's, or None when its address
    names a page (a story's link). An id with no page name reads as a
    tracker's only on a host that carries many of the email's links (the
    sender's redirector or site: a video's short link `youtu.be/S2iS1x…`
    stands alone). With `home`, a site's home page counts too (a logo's link)."""
    kind = markers.link_kind(url)
    if kind is not None:
        return f"a link to a {kind.value.replace('_', ' ')} page"
    if hosts.carries(url) < HOST_LINKS:
        return None
    parts = split_url(url)
    segments = [s for s in parts.path.split("/") if s]
    if any(_PAGE_NAME.fullmatch(s) for s in segments):
        return None
    if segments and any(_ID.fullmatch(s) for s in segments):
        return "a tracker's id with no page name in it"
    if not segments and _TOKEN.search(parts.query or ""):
        return "a tracker's token with no page name in it"
    if home and not segments:
        return "the site's home page"
    return None


def _kept(markers, source: str) -> bool:
    text = visible_text_without_urls(source).strip()
    if words(text) > KEPT_WORDS:
        return False
    return bool(COPYRIGHT.search(text)) or markers.postal_address(text)


def _label(source: str) -> bool:
    if "://" in source or "](" in source:
        return False
    text = source.strip().strip("*_ ")
    return 0 < words(text) <= LABEL_WORDS and not text.endswith((":", "：")) and "\n" not in source.strip()


# A line that announces what follows it ("Find them here:", "Links →").
_LEAD_IN = re.compile(r"[:：→↓]\W*$")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")


def tail_icon_run(doc, markers) -> TailIcons | None:
    """The run of text-less icon links at the end of the email (see the module docs), or None."""
    icons, whys = [], []
    stop = None
    hosts = _EmailHosts(doc)
    for block in reversed(doc.blocks):
        if block.start < doc.body_start:
            break
        source = doc.source(block)
        if block.kind == "hr" or (block.kind == "paragraph" and all(_RULE.match(l) for l in source.splitlines())):
            continue
        if block.kind in ("paragraph", "code_block") and _textless(source):
            reasons = [icon_target(markers, url, hosts) for url in addresses(source, bare_in_links=True)]
            if not reasons or None in reasons:
                stop = block  # a link that names a page: a story's
                break
            icons.append(block)
            whys.extend(reasons)
            continue
        if block.kind == "paragraph" and (_label(source) or not icons and _kept(markers, source)):
            continue  # (the notice and the address stand below the row, not inside it)
        stop = block
        break
    if stop is not None and _LEAD_IN.search(visible_text_without_urls(doc.source(stop))):
        return None  # "Find them here:" over the links: the story announces them
    if len(icons) < MIN_ICONS and sum(len(addresses(doc.source(b), bare_in_links=True)) for b in icons) < MIN_ICONS:
        return None
    reasons = sorted(set(whys))
    return TailIcons(tuple(reversed(icons)), (
        f"{len(icons)} blocks of links with no word, at the end of the email: icons whose images were dropped",
        "their links: " + "; ".join(reasons),
        "below them only labels, the copyright notice and the postal address",
    ))


def header_logo_links(doc, markers) -> list[tuple[object, str]]:
    """The text-less link paragraphs above the email's first prose whose link
    names no page, with why (see the module docs)."""
    top = email_top(doc)
    if top is None:
        return []
    end = header_zone_end(doc)
    if end >= len(doc.lines):
        return []  # no prose below: the whole email is short, and its links are its point
    found = []
    hosts = _EmailHosts(doc)
    for block in doc.blocks[top : top + TOP_BLOCKS]:
        if block.start >= end:
            break
        source = doc.source(block)
        if block.kind != "paragraph" or not _textless(source):
            if words(visible_text_without_urls(source)) > MASTHEAD_WORDS:
                break  # a sentence of the email's own: what stands below it is no header
            continue
        urls = addresses(source, bare_in_links=True)
        if len(urls) != 1:
            continue  # one logo a line; several bare links at the top are another shape
        why = icon_target(markers, urls[0], hosts, home=True)
        if why is not None:
            found.append((block, why))
    return found
