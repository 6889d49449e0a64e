"""Where a block of noise ends.

SPEC row 1 defines the extents every removal rule shares: a heading takes its
section; a label line takes its block; a trailing label takes its item. The
rules decide *what* is noise; this module decides *how far* it goes, so all
rules end their blocks the same way and explain why they stopped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .document import Block, Document

_COPYRIGHT = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.I)
_WORD = re.compile(r"[A-Z][\w'’-]{2,}")
# Hosts that carry every link of a newsletter (redirectors, senders): they name no sponsor.
_NEUTRAL_HOSTS = re.compile(
    r"substack|beehiiv|convertkit|kit-mail|mailchimp|list-manage|sendgrid|mailgun|hubspot|"
    r"^click\.|^links?\.|^email\.|^e\.|redirect|tracking|utm|google|bit\.ly|t\.co|lnkd\.in", re.I
)
_STOP = frozenset(
    "The This That With From Your Our And For Into Over What When Where Why How Who Sponsored Sponsor "
    "Presented Together Brought Made Partner Partners Today Week Weekly Issue Newsletter Read More Learn Get "
    "Try Download Start Join Sign Free New Now Here".split()
)


@dataclass(frozen=True)
class Extent:
    start: int  # first line (0-based)
    end: int  # line past the last
    why_it_ends: str


def is_footer_boundary(doc: Document, block: Block) -> bool:
    """A copyright line: the footer that SPEC keeps starts here, so no section runs past it."""
    return block.kind == "paragraph" and bool(_COPYRIGHT.match(doc.lines[block.start].lstrip("> ")))


def is_title_shaped(doc: Document, block: Block) -> bool:
    """A paragraph that opens a new item: one line that is a single link or all bold."""
    if block.kind != "paragraph" or block.end - block.start != 1:
        return False
    line = doc.lines[block.start].strip()
    if line.startswith("[") and line.endswith(")"):
        links = doc.top_links(block)
        return len(links) == 1 and links[0].start == doc.lines[block.start].index("[")
    return line.startswith(("**", "__")) and line.endswith(("**", "__")) and len(line) > 4


def sponsor_names(doc: Document, heading_text: str, blocks: list[Block]) -> set[str]:
    """Names an ad goes by: capitalised words of its heading or label repeated in
    its body, and the hosts of its links (other than redirectors)."""
    body = " ".join(doc.source(b) for b in blocks)
    names = {w.lower() for w in _WORD.findall(heading_text) if w not in _STOP and body.count(w) >= 2}
    for b in blocks:
        for link in doc.links(b):
            host = urlsplit(link.destination).hostname or ""
            if host and not _NEUTRAL_HOSTS.search(host):
                parts = host.split(".")
                if len(parts) >= 2 and len(parts[-2]) > 2:
                    names.add(parts[-2].lower())
    return names


def _names_sponsor(doc: Document, block: Block, names: set[str]) -> bool:
    if not names:
        return False
    text = doc.source(block).lower()
    return any(n in text for n in names)


def section_extent(doc: Document, heading: Block, label_text: str = "") -> Extent:
    """A top-level heading's section, as SPEC row 1 bounds it.

    It runs to the next heading of the same or a higher level. A thematic
    break ends it unless the block after the break still names the sponsor;
    a break with nothing after it inside the section goes with the section.
    A copyright line ends it (the footer SPEC keeps).
    """
    end = doc.section_end(heading)
    inner = doc.blocks_between(heading.end, end)
    names = sponsor_names(doc, label_text or doc.visible(heading), inner)
    for i, block in enumerate(inner):
        if is_footer_boundary(doc, block):
            return Extent(heading.start, block.start, "the copyright line that starts the footer")
        if block.kind == "hr":
            rest = inner[i + 1 :]
            if not rest:
                return Extent(heading.start, end, "the next heading (the break before it goes too)")
            if _names_sponsor(doc, rest[0], names):
                continue
            return Extent(heading.start, block.start, "a thematic break after which the sponsor is not named")
    if end >= len(doc.lines):
        return Extent(heading.start, end, "the end of the document")
    return Extent(heading.start, end, f"the next heading of level {heading.level} or higher")


def label_block_extent(doc: Document, block: Block, label_only: bool) -> Extent:
    """A label line without a heading takes its block. A label standing alone
    ("Together with Acme") also takes the ad under it: the following blocks up
    to a break, a heading, a copyright line or the next item's title."""
    target = block
    while target.parent is not None and target.parent.kind in ("list_item", "blockquote"):
        target = target.parent
        if target.kind == "list_item":
            break
    if not label_only or target.depth > 0:
        return Extent(target.start, target.end, "the end of its block")
    end = target.end
    why = "the end of its block"
    siblings = doc.blocks
    i = siblings.index(target) + 1
    taken = 0
    while i < len(siblings) and taken < 6:
        nxt = siblings[i]
        if nxt.kind in ("heading", "hr"):
            why = "a heading" if nxt.kind == "heading" else "a thematic break"
            break
        if is_footer_boundary(doc, nxt):
            why = "the copyright line"
            break
        if taken and is_title_shaped(doc, nxt):
            why = "the next item's title"
            break
        end = nxt.end
        taken += 1
        i += 1
    else:
        if i >= len(siblings):
            why = "the end of the document"
    return Extent(target.start, end, why)


def item_extent(doc: Document, block: Block) -> Extent:
    """A trailing label takes its item: the list item, or the title paragraph
    with the description paragraphs under it, up to the next title."""
    node = block
    while node.parent is not None:
        if node.parent.kind == "list_item":
            item = node.parent
            return Extent(item.start, item.end, "the end of its list item")
        node = node.parent
    if block.depth > 0:
        return Extent(block.start, block.end, "the end of its block")
    siblings = doc.blocks
    i = siblings.index(block) + 1
    end = block.end
    why = "the end of the document"
    while i < len(siblings):
        nxt = siblings[i]
        if nxt.kind in ("heading", "hr") or is_title_shaped(doc, nxt) or is_footer_boundary(doc, nxt):
            why = "the next item's title" if is_title_shaped(doc, nxt) else f"a {nxt.kind}"
            break
        if nxt.kind != "paragraph" or len(doc.visible(nxt)) <= 3:
            why = "a block that is not part of the description"
            break
        end = nxt.end
        i += 1
    if i == len(siblings) and end == block.end and siblings[-1] is block:
        why = "the end of the document"
    return Extent(block.start, end, why)
