"""Evidence of who publishes a newsletter and where its own stories link.

- `link_hosts`: the hosts a block's links lead to, with the hosts that carry
  every link of a newsletter (senders, redirectors, link shorteners:
  `[platforms].redirect_host_patterns`) left out, since they name nobody.
- `story_host`: the host most of the newsletter's links lead to, when one
  dominates: its own site. A block that links there is a story, not an ad.
- `publisher_words`: the names the newsletter goes by (its sender's name in
  the archive's `**From:**` line or front matter, and its story host), so
  that a rule can tell the publisher's own event from a sponsor's.
- `newsletter_names`: the names the newsletter calls itself by, read from
  its head (a masthead image's alt text on a link to a home page, a short
  title, the sender's display name), so that "The Acme Almanac carries no ads" is
  the publisher speaking of itself.
- `publisher_domains`: the registered names of the publisher's own sites
  (its sender's e-mail domain, its archive address, or else its story
  host), never a platform that sends for many publishers
  (`[platforms].sender_hosts`).

Words that name nobody ("Team", "Newsletter", "noreply") are
`[sponsor].not_a_name`. Every function takes the `Markers` whose words it
reads; without one it reads the built-in data.
"""
from __future__ import annotations

import re

from ..inline_syntax import addresses
from ..markers import load as load_markers, url_host
from .links import LinkKind, resolve_url, split_url

# Pages only the newsletter's publisher (or its sending platform) serves.
_OWN_PAGES = frozenset({LinkKind.UNSUBSCRIBE, LinkKind.PREFERENCES, LinkKind.WEB_VERSION, LinkKind.SUBSCRIBE})

_FROM_LINE = re.compile(r"^\*\*From:\*\*\s*(.+)$|^(?:newsletter_name|from|author|publisher):\s*(.+)$", re.M | re.I)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]{2,}")
_EMAIL_DOMAIN = re.compile(r"@([\w.-]+)")
_SOURCE_URL = re.compile(r"^source_url:\s*\"?(https?://[^\s\"]+)", re.M)
# Front matter and the archive's header sit in the first lines.
HEADER_LINES = 40


def link_hosts(doc, block, markers=None) -> set[str]:
    """Hosts a block's links (and bare addresses) lead to, redirectors left out."""
    key = ("link_hosts", id(block))
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    carriers = (markers or load_markers()).patterns("platforms", "redirect_host_patterns")
    hosts = set()
    for url in addresses(doc.source(block), images=True, bare_in_links=True):
        host = url_host(url)
        if host and not carriers.search(host):
            hosts.add(host.removeprefix("www."))
    doc._cache[key] = hosts
    return hosts


def story_host(doc, markers=None) -> str | None:
    """The host most of the newsletter's links lead to (its own site), if one dominates."""
    key = ("story_host", 0)
    if key not in doc._cache:
        counts: dict[str, int] = {}
        for b in doc.blocks:
            for h in link_hosts(doc, b, markers):
                counts[h] = counts.get(h, 0) + 1
        total = sum(counts.values())
        # Ties go to the first host in alphabetical order, never to a set's
        # order (it changes with each process's hash seed).
        best = max(sorted(counts), key=counts.get) if counts else None
        doc._cache[key] = best if best and counts[best] >= 3 and counts[best] * 4 >= total else None
    return doc._cache[key]  # type: ignore[return-value]


def registrable(host: str, markers=None) -> str:
    """The name a host is registered under: `newsminimalist` for
    `mail.newsminimalist.com`, `fernhouse` for `shop.fernhouse.co.uk` (a
    label of `[platforms].shared_suffix_labels` before the top level is a
    registry's, not the owner's)."""
    parts = host.lower().strip(".").split(".")
    if len(parts) < 2:
        return ""
    shared = (markers or load_markers()).words("platforms", "shared_suffix_labels")
    if len(parts) >= 3 and parts[-2] in shared and parts[-3] != "www":
        return parts[-3]
    return parts[-2]


def publisher_words(doc, markers=None) -> frozenset[str]:
    """Lower-cased words naming the publisher: its sender's display name, and
    the registered names of its own sites (`publisher_domains`) and of the
    site most of its links lead to."""
    key = ("publisher_words", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    markers = markers or load_markers()
    head = "\n".join(doc.lines[:HEADER_LINES])
    words: set[str] = set()
    for m in _FROM_LINE.finditer(head):
        sender = m.group(1) or m.group(2) or ""
        words.update(w.lower().strip("'’") for w in _NAME_WORD.findall(sender))
    # Its own sites: the sender's domain, its unsubscribe and preferences pages' site, its story host.
    words.update(publisher_domains(doc, markers))
    host = story_host(doc, markers)
    if host and registrable(host, markers):
        words.add(registrable(host, markers))
    found = frozenset(words - markers.words("sponsor", "not_a_name"))
    doc._cache[key] = found
    return found


# A masthead: an image whose alt text names the newsletter, linked to a home page.
_MASTHEAD = re.compile(r"\[!\[([^\]\n]{3,60})\]\([^)\n]*\)\]\((https?://[^)\s]+)\)")
_TITLE = re.compile(r"^#\s+\S")
_SENDER = re.compile(r"^\*\*From:\*\*\s*([^<\n(]+)|^(?:newsletter_name|publisher):\s*\"?([^\"\n]+)", re.M | re.I)
# A name is a few words; longer is a story's title.
MAX_NAME_WORDS = 5


def newsletter_names(doc, markers=None) -> frozenset[str]:
    """The names the newsletter calls itself by, as written: a masthead
    image's alt text on a link to a home page (`[![The Acme Almanac](…)](https://…/)`),
    the first line's level-1 heading when it is short (`# La Gazzetta del Molo`),
    the sender's display name in the archive's header. Words that name nobody
    (`[sponsor].not_a_name`, "Logo") are no name."""
    key = ("newsletter_names", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    markers = markers or load_markers()
    nobody = markers.words("sponsor", "not_a_name")
    head = "\n".join(doc.lines[:HEADER_LINES])
    names: set[str] = set()
    for m in _MASTHEAD.finditer(head):
        if split_url(m.group(2)).path in ("", "/"):
            names.add(m.group(1))
    # The email's first line, after any front matter: a title there is the newsletter's name.
    body = doc.lines[doc.front_matter_end_line : HEADER_LINES]
    first = next((line for line in body if line.strip()), "")
    if _TITLE.match(first):
        names.add(first.lstrip("#").strip().rstrip("#").strip())
    for m in _SENDER.finditer(head):
        names.add(m.group(1) or m.group(2) or "")
    found = frozenset(
        n.strip(" *_") for n in names
        if 1 <= len(n.split()) <= MAX_NAME_WORDS and n.strip(" *_").lower() not in nobody
        and "logo" not in n.lower() and any(ch.isalpha() for ch in n)
    )
    doc._cache[key] = found
    return found


def names_itself(doc, text: str, markers=None) -> str | None:
    """The newsletter's name where `text` holds it as words of its own, or None."""
    for name in sorted(newsletter_names(doc, markers), key=len, reverse=True):
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            return name
    return None


def publisher_domains(doc, markers) -> frozenset[str]:
    """The registered names of the publisher's own sites: its sender's e-mail
    domain, the archive's source address, and the sites of its own
    unsubscribe, preferences, web-version and subscribe pages; or else the
    site most of its links lead to. Never a platform that sends for many
    publishers."""
    key = ("publisher_domains", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    head = "\n".join(doc.lines[:HEADER_LINES])
    names = set()
    for m in _FROM_LINE.finditer(head):
        names.update(registrable(d, markers) for d in _EMAIL_DOMAIN.findall(m.group(0)))
    names.update(registrable(split_url(u).hostname or "", markers) for u in _SOURCE_URL.findall(head))
    names.update(registrable(host, markers) for host in _own_page_hosts(doc, markers))
    platforms = markers.words("platforms", "sender_hosts")
    found = frozenset(n for n in names if n and n not in platforms)
    if not found:
        # No sender or archive address says who publishes it: the site most of
        # its links lead to does (a pass over every link, so asked last).
        host = story_host(doc, markers)
        found = frozenset({registrable(host, markers)} - platforms - {""}) if host else frozenset()
    doc._cache[key] = found
    return found


def _own_page_hosts(doc, markers) -> set[str]:
    """Hosts of the links to the newsletter's own unsubscribe, preferences,
    web-version and subscribe pages: only its publisher (or its sending
    platform) serves those."""
    hosts = set()
    for block in doc.all_blocks:
        if block.kind not in ("paragraph", "heading"):
            continue
        for link in doc.links(block):
            kind = markers.link_kind(link.destination)
            if kind not in _OWN_PAGES:
                continue
            target = resolve_url(link.destination)
            if kind is LinkKind.SUBSCRIBE and target != link.destination.strip():
                # A signup page behind the click tracker may be a sponsor's
                # ("Try it free" → acme.com/signup): any company has one. The
                # newsletter links its own from its chrome, directly.
                continue
            host = split_url(target).hostname
            if host:
                hosts.add(host)
    return hosts
