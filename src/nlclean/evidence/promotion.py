"""Evidence that a block advertises or sells: paid-placement links and the
publisher's own identity.

- `has_paid_link`: a link target that only paid placements have (the link
  classifier's `ad` kind: an ad server, a `utm_medium=sponsored…` parameter,
  beehiiv's `_bhiiv=opp_…` ad-network tag). A reader who saw where the link
  goes would call the block an ad: it is unmistakable evidence.
- `publisher_words`: the names the newsletter goes by (its sender's name and
  domain in the archive's `**From:**` line or front matter, and the site its
  stories link to), so that a rule can tell the publisher's own event or
  product from a third party's.

The patterns are data: `[links.ad]` in `data/links.toml` (the link
classifier's), and `[promotion]` / `[platforms]` in `data/promotion.toml`.
"""
from __future__ import annotations

import re

from ..inline_syntax import all_links
from ..markers import lines_holding, minimal_needles
from .links import LinkClassifier, LinkKind, resolve_url, split_url

_BARE_URL = re.compile(r"https?://[^\s)\]>]+")
_FROM_LINE = re.compile(r"^\*\*From:\*\*\s*(.+)$|^(?:newsletter_name|from|author|publisher):\s*(.+)$", re.M | re.I)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]{2,}")
# Words of a sender's name that name no one ("The Weekly Newsletter").
_NOT_A_NAME = frozenset(
    "the and from news newsletter newsletters weekly daily team editors editor with via noreply reply hello "
    "info mail email com org net www".split()
)
# A redirect that may spell out another address (base64 or url-encoded).
_REDIRECT_HINTS = ("ahr0c", "eyj", "%3a%2f%2f", "url=http")
# Front matter and the archive's header sit in the first lines.
HEADER_LINES = 40


def is_paid_link(url: str, markers) -> bool:
    """A link where only paid placements link: the link classifier's `ad` kind.
    Most links are of no kind; a classifier of the `ad` patterns alone says
    so with one pattern instead of all of them, and the full classifier
    settles the few it takes for an ad (another kind may come first)."""
    ads_only = markers.__dict__.get("_ads_only_classifier")
    if ads_only is None:
        ads_only = LinkClassifier({"ad": markers.data.get("links", {}).get("ad", {})})
        markers.__dict__["_ads_only_classifier"] = ads_only
    return ads_only.kind(url) == LinkKind.AD and markers.link_kind(url) == LinkKind.AD


def paid_link_lines(doc, markers):
    """The lines that may hold a paid-placement link: an `ad` piece, a tracking
    parameter, or a redirect that may hide either (found in one scan)."""
    key = ("paid_link_lines", 0)
    if key not in doc._cache:
        needles = markers.__dict__.get("_paid_link_needles")
        if needles is None:
            # The `ad` kind's shapes (its regexes) are tracking parameters: "utm_"
            # stands for them, where the classifier's own hint would be every "://".
            pieces = [n for n in markers.links.needles((LinkKind.AD,)) if n != "://"]
            needles = markers.__dict__["_paid_link_needles"] = minimal_needles([*pieces, "utm_", *_REDIRECT_HINTS])
        doc._cache[key] = lines_holding(markers.lowered(doc.text), needles, doc.line_starts)
    return doc._cache[key]


def paid_links(doc, block, markers) -> list[str]:
    """The block's link targets (links and bare addresses) that only paid placements have."""
    key = ("paid_links", id(block))
    if key not in doc._cache and not paid_link_lines(doc, markers).touches(block.start, block.end):
        doc._cache[key] = []
    if key not in doc._cache:
        urls = link_targets(doc.source(block), [link.destination for link in doc.links(block)])
        doc._cache[key] = [u for u in urls if is_paid_link(u, markers)]
    return doc._cache[key]  # type: ignore[return-value]


def link_targets(text: str, links: list[str] | None = None) -> list[str]:
    """Every address in a stretch of markdown: its links' targets (`links`,
    when the caller has them) and the bare addresses written out, once each."""
    urls = [link.destination for link in all_links(text)] if links is None else list(links)
    if "://" in text:
        urls.extend(_BARE_URL.findall(text))
    return list(dict.fromkeys(urls))


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



# --- the publisher selling its own things -------------------------------------

_EMAIL_DOMAIN = re.compile(r"@([\w.-]+)")
_SOURCE_URL = re.compile(r"^source_url:\s*\"?(https?://[^\s\"]+)", re.M)
_TO_THE_READER = re.compile(r"\b(?:you|your|yours|you're|you’re|you'll|you’ll)\b", re.I)


def _registrable(host: str) -> str:
    """The name a host is registered under: `newsminimalist` for `mail.newsminimalist.com`."""
    parts = host.lower().strip(".").split(".")
    return parts[-2] if len(parts) >= 2 else ""


def publisher_domains(doc, markers) -> frozenset[str]:
    """The registered names of the publisher's own sites: its sender's e-mail
    domain and the archive's source address, or else the site most of its
    links lead to; never a platform that sends for many publishers."""
    key = ("publisher_domains", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    head = "\n".join(doc.lines[:HEADER_LINES])
    names = set()
    for m in _FROM_LINE.finditer(head):
        names.update(_registrable(d) for d in _EMAIL_DOMAIN.findall(m.group(0)))
    names.update(_registrable(split_url(u).hostname or "") for u in _SOURCE_URL.findall(head))
    platforms = set(markers.data.get("platforms", {}).get("sender_hosts", []))
    found = frozenset(n for n in names if n and n not in platforms)
    if not found:
        # No sender or archive address says who publishes it: the site most of
        # its links lead to does (a pass over every link, so asked last).
        from ..extents import story_host

        host = story_host(doc)
        found = frozenset({_registrable(host)} - platforms - {""}) if host else frozenset()
    doc._cache[key] = found
    return found


def _house_patterns(markers):
    cached = markers.__dict__.get("_house_patterns")
    if cached is None:
        promotion = markers.data.get("promotion", {})
        paths = sorted(promotion.get("house_link_paths", []), key=len, reverse=True)
        subdomains = frozenset(promotion.get("house_subdomains", []))
        products = sorted(promotion.get("house_products", []), key=len, reverse=True)
        cached = (
            re.compile("^(?:" + "|".join(re.escape(p.lower()) for p in paths) + r")(?:[/?#.]|$)") if paths else None,
            subdomains,
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in products) + r")\b", re.I) if products else None,
            # Pieces one of which a line must hold to link to a shop page (or hide one in a redirect).
            minimal_needles([*(p.lower() for p in paths), *(f"//{d}." for d in subdomains), *_REDIRECT_HINTS]),
        )
        markers.__dict__["_house_patterns"] = cached
    return cached


def house_links(doc, block, markers) -> list[str]:
    """The block's links to the publisher's own shop, checkout, pricing or
    event pages (`/store`, `/pricing`, `shop.acme.com`, …)."""
    paths, subdomains, _, needles = _house_patterns(markers)
    key = ("house_link_lines", 0)
    if key not in doc._cache:
        doc._cache[key] = lines_holding(markers.lowered(doc.text), needles, doc.line_starts)
    if not doc._cache[key].touches(block.start, block.end):
        return []
    found = []
    for link in doc.links(block):
        parts = split_url(resolve_url(link.destination))
        host = (parts.hostname or "").lower()
        shop_page = host.split(".")[0] in subdomains or (paths is not None and paths.search(parts.path.lower() or "/"))
        # The publisher's own sites are asked for only when a shop page is there (it costs a pass over every link).
        if shop_page and _registrable(host) in publisher_domains(doc, markers):
            found.append(link.destination)
    return found


def house_promotion(doc, block, markers) -> list[str]:
    """Evidence that a block is the publisher selling its own things, empty
    when it is not: it speaks to the reader, links to the publisher's own
    shop, checkout, pricing or event page, and names what it sells or asks
    the reader to act (a call to action, a price). A review that links to a
    bookseller, or a story that reports a sale, links to no page of the
    publisher's own shop."""
    links = house_links(doc, block, markers)
    if not links:
        return []
    text = doc.visible(block)
    ctas = markers.calls_to_action(text)
    prices = markers.prices(text)
    product = _house_patterns(markers)[2]
    named = product.search(text) if product is not None else None
    if not (_TO_THE_READER.search(text) or ctas):
        return []
    if not (ctas or prices or named):
        return []
    evidence = [f"links to the publisher's own page {resolve_url(links[0])[:80]}"]
    if named:
        evidence.append(f"sells its own '{named.group(0).lower()}'")
    if ctas:
        evidence.append("calls to action: " + ", ".join(sorted({c.lower() for c in ctas})[:3]))
    if prices:
        evidence.append("prices: " + ", ".join(prices[:3]))
    return evidence
