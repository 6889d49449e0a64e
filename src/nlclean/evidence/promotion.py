"""Evidence that a block advertises or sells: paid-placement links and the
publisher's own identity.

- `has_paid_link`: a link target that only paid placements have (an ad
  server, a `utm_medium=sponsored…` parameter, beehiiv's `_bhiiv=opp_…`
  ad-network tag). A reader who saw where the link goes would call the block
  an ad: it is unmistakable evidence.
- `publisher_words`: the names the newsletter goes by (its sender's name and
  domain in the archive's `**From:**` line or front matter, and the site its
  stories link to), so that a rule can tell the publisher's own event or
  product from a third party's.

The patterns are data: `[advertising] paid_link_patterns` in
`data/promotion.toml`.
"""
from __future__ import annotations

import re

from ..markers import resolve_url

_BARE_URL = re.compile(r"https?://[^\s)\]>]+")
_FROM_LINE = re.compile(r"^\*\*From:\*\*\s*(.+)$|^(?:newsletter_name|from|author|publisher):\s*(.+)$", re.M | re.I)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]{2,}")
# Words of a sender's name that name no one ("The Weekly Newsletter").
_NOT_A_NAME = frozenset(
    "the and from news newsletter newsletters weekly daily team editors editor with via noreply reply hello "
    "info mail email com org net www".split()
)
# Front matter and the archive's header sit in the first lines.
HEADER_LINES = 40


def paid_link_pattern(markers) -> "re.Pattern | None":
    """One pattern for every paid-placement link target in the data (compiled once per markers)."""
    cached = markers.__dict__.get("_paid_link_pattern", False)
    if cached is False:
        patterns = markers.data.get("advertising", {}).get("paid_link_patterns", [])
        cached = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        markers.__dict__["_paid_link_pattern"] = cached
    return cached


def is_paid_link(url: str, markers) -> bool:
    pattern = paid_link_pattern(markers)
    if pattern is None:
        return False
    low = url.lower()
    if pattern.search(low):
        return True
    target = resolve_url(url).lower()
    return target != low and bool(pattern.search(target))


def paid_links(doc, block, markers) -> list[str]:
    """The block's link targets (links and bare addresses) that only paid placements have."""
    key = ("paid_links", id(block))
    if key not in doc._cache:
        urls = [link.destination for link in doc.links(block)]
        source = doc.source(block)
        if "://" in source:
            urls.extend(_BARE_URL.findall(source))
        doc._cache[key] = [u for u in dict.fromkeys(urls) if is_paid_link(u, markers)]
    return doc._cache[key]  # type: ignore[return-value]


def has_paid_link(doc, block, markers) -> bool:
    return bool(paid_links(doc, block, markers))


def publisher_words(doc) -> frozenset[str]:
    """Lower-cased words naming the publisher: its sender's display name and
    e-mail domain (archive header or front matter), and the site most of its
    links lead to."""
    key = ("publisher_words", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    head = "\n".join(doc.lines[:HEADER_LINES])
    words: set[str] = set()
    for m in _FROM_LINE.finditer(head):
        sender = m.group(1) or m.group(2) or ""
        words.update(w.lower().strip("'’") for w in _NAME_WORD.findall(sender))
    from ..extents import story_host  # the site the newsletter's stories link to

    host = story_host(doc)
    if host:
        parts = host.split(".")
        if len(parts) >= 2:
            words.add(parts[-2].lower())
    found = frozenset(w for w in words if w not in _NOT_A_NAME)
    doc._cache[key] = found
    return found

