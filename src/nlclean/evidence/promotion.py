"""Evidence that a block advertises or sells: paid-placement links and the
publisher selling its own things.

- `has_paid_link`: a link target that only paid placements have (the link
  classifier's `ad` kind: an ad server, a `utm_medium=sponsored…` parameter,
  beehiiv's `_bhiiv=opp_…` ad-network tag). A reader who saw where the link
  goes would call the block an ad: it is unmistakable evidence.
- `house_promotion`: the publisher selling its own shop, course, event, app
  or paid tier: a block that speaks to the reader, links to a shop,
  checkout, pricing or event page of the publisher's own site
  (`evidence.publisher`), and names what it sells or asks the reader to act.
  When every link goes through one redirector (`carrier_host`), where a link
  leads is hidden: a link text that buys ("Become a member") beside a price
  is the publisher's checkout.
- `shared_hosts`: the carrier most links are written with and the site most
  of them lead to; a link there is no sponsor's (every story links there).
- `advertiser_tagged_hosts`: links to a third party's page whose campaign
  or referral parameters name this newsletter as the channel
  (`utm_medium=newsletter`, `utm_source=<the newsletter>`, a campaign
  naming the newsletter's audience, `?via=<the newsletter>`,
  `?ref=newsletter`): the advertiser tagged the link to count what its ad
  bought, or the newsletter's referral earns from it.
  A tag the publisher puts on most of its own links (Sailthru's, beehiiv's
  `utm_campaign=<issue>`) is no advertiser's, nor is a link to its own site.
- `reader_offer`: a sentence that offers the newsletter's readers a deal
  ("Acme Weekly readers get 20% off", "une remise pour nos lecteurs",
  "Unsere Leser bekommen 10 % Rabatt"): the readers as the ones who get it, and
  a discount, a free thing or a promo code in the same sentence. A story
  about a sale speaks of customers or shoppers; an ad speaks of the
  newsletter's own readers, in any language (`[promotion].reader_nouns`,
  `offer_words`).
- `speaks_to_the_reader`, `reports`: whether a text addresses its reader
  ("you") or reports what others say ("said", "according to").

The patterns are data: `[links.ad]` in `data/links.toml` (the link
classifier's), and `[promotion]` / `[platforms]` in `data/promotion.toml`.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl

from ..inline_syntax import addresses, visible_text
from ..markers import alternation, lowered_lines_holding, minimal_needles
from .links import LinkClassifier, LinkKind, resolve_url, split_url
from .publisher import publisher_domains, publisher_words, registrable, story_host

# A redirect that may spell out another address (base64 or url-encoded).
_REDIRECT_HINTS = ("ahr0c", "eyj", "%3a%2f%2f", "url=http")


def is_paid_link(url: str, markers) -> bool:
    """A link where only paid placements link: the link classifier's `ad` kind.
    Most links are of no kind; a classifier of the `ad` patterns alone says
    so with one pattern instead of all of them, and the full classifier
    settles the few it takes for an ad (another kind may come first)."""
    ads_only = markers.compiled("ads_only_classifier", lambda m: LinkClassifier({"ad": m.data.get("links", {}).get("ad", {})}))
    return ads_only.kind(url) == LinkKind.AD and markers.link_kind(url) == LinkKind.AD


def paid_link_lines(doc, markers):
    """The lines that may hold a paid-placement link: an `ad` piece, a tracking
    parameter, or a redirect that may hide either (found in one scan)."""
    key = ("paid_link_lines", 0)
    if key not in doc._cache:
        needles = markers.compiled("paid_link_needles", _paid_link_needles)
        doc._cache[key] = lowered_lines_holding(doc.text, needles, doc.line_starts)
    return doc._cache[key]


def _paid_link_needles(markers) -> tuple[str, ...]:
    # The `ad` kind's shapes (its regexes) are tracking parameters, and an
    # e-mail ad server's host (LiveIntent's li.<publisher>): "utm_" and
    # "://li." stand for them, where the classifier's own hint would be every "://".
    pieces = [n for n in markers.links.needles((LinkKind.AD,)) if n != "://"]
    return minimal_needles([*pieces, "utm_", "://li.", *_REDIRECT_HINTS])


def paid_links(doc, block, markers) -> list[str]:
    """The block's link targets (links and bare addresses) that only paid placements have."""
    key = ("paid_links", id(block))
    if key not in doc._cache and not paid_link_lines(doc, markers).touches(block.start, block.end):
        doc._cache[key] = []
    if key not in doc._cache:
        urls = link_targets(doc.source(block))
        doc._cache[key] = [u for u in urls if is_paid_link(u, markers)]
    return doc._cache[key]  # type: ignore[return-value]


def link_targets(text: str) -> list[str]:
    """Every address in a stretch of markdown, once each: its links' and
    images' targets and the bare addresses written out (`addresses`)."""
    return list(dict.fromkeys(addresses(text, images=True, bare_in_links=True)))


def has_paid_link(doc, block, markers) -> bool:
    return bool(paid_links(doc, block, markers))


def written_hosts(doc, block) -> set[str]:
    """The hosts of a block's links as written, redirectors and all."""
    key = ("written_hosts", id(block))
    if key not in doc._cache:
        doc._cache[key] = {
            (split_url(link.destination).hostname or "").lower().removeprefix("www.") for link in doc.links(block)
        } - {""}
    return doc._cache[key]  # type: ignore[return-value]


def carrier_host(doc) -> str | None:
    """The host at least half of a newsletter's links are written with (at
    least three): its sender's redirector (`link.acme.com/c/…`,
    `r1.dmtrk.net/…`) when every link goes through one, else its own site."""
    key = ("carrier_host", 0)
    if key not in doc._cache:
        counts: Counter[str] = Counter()
        for b in doc.blocks:
            counts.update(written_hosts(doc, b))
        best = max(sorted(counts), key=counts.__getitem__) if counts else None
        doc._cache[key] = best if best and counts[best] >= 3 and counts[best] * 2 >= sum(counts.values()) else None
    return doc._cache[key]  # type: ignore[return-value]


def shared_hosts(doc, markers=None) -> frozenset[str]:
    """Hosts a link of this newsletter shares with its stories: the carrier
    most links are written with (the sender's click tracker, which may be on
    the publisher's own domain: `acme.com/link/1234/web`) and the site most
    of them lead to. A link there says nothing of whose it is: two blocks
    that both link there are not thereby the same sponsor's."""
    key = ("shared_hosts", 0)
    if key not in doc._cache:
        doc._cache[key] = frozenset({carrier_host(doc), story_host(doc, markers)} - {None})
    return doc._cache[key]  # type: ignore[return-value]


def _house_patterns(markers):
    return markers.compiled("house_patterns", _compile_house_patterns)


def _compile_house_patterns(markers):
    """(shop path regex, shop subdomains, product-word regex, purchase actions,
    line needles) of `[promotion]`."""
    promotion = markers.data.get("promotion", {})
    paths = sorted(promotion.get("house_link_paths", []), key=len, reverse=True)
    subdomains = frozenset(promotion.get("house_subdomains", []))
    products = sorted(promotion.get("house_products", []), key=len, reverse=True)
    actions = promotion.get("purchase_actions", [])
    purchase = re.compile(rf"^[\W_]*(?:{alternation(actions)})", re.I) if actions else None
    return (
        re.compile("^(?:" + "|".join(re.escape(p.lower()) for p in paths) + r")(?:[/?#.]|$)") if paths else None,
        subdomains,
        re.compile(r"\b(?:" + "|".join(re.escape(p) for p in products) + r")\b", re.I) if products else None,
        purchase,
        # Pieces one of which a line must hold to link to a shop page (or hide
        # one in a redirect), or to hold a purchase action's words.
        minimal_needles([
            *(p.lower() for p in paths), *(f"//{d}." for d in subdomains), *_REDIRECT_HINTS,
            *(max((w.strip() for w in a.lower().split("*")), key=len) for a in actions),
        ]),
    )


def house_links(doc, block, markers) -> list[str]:
    """The block's links to the publisher's own shop, checkout, pricing or
    event pages (`/store`, `/pricing`, `shop.acme.com`, …), and its links to
    the publisher's own site whose text is a purchase ("Get tickets", "Shop
    now", "Join for free": `[promotion].purchase_actions`)."""
    purchase, needles = _house_patterns(markers)[3:]
    key = ("house_link_lines", 0)
    if key not in doc._cache:
        doc._cache[key] = lowered_lines_holding(doc.text, needles, doc.line_starts)
    if not doc._cache[key].touches(block.start, block.end):
        return []
    found = []
    source = doc.source(block)
    for link in doc.links(block):
        parts = split_url(resolve_url(link.destination))
        host = (parts.hostname or "").lower()
        shop_page = _is_shop_page(parts, markers)
        buys = purchase is not None and bool(purchase.match(visible_text(source[link.text_start : link.text_end])))
        # The publisher's own sites are asked for only when a shop page is there (it costs a pass over every link).
        if not (shop_page or buys):
            continue
        if buys and host.removeprefix("www.") == carrier_host(doc) and markers.prices(doc.visible(block)):
            # A link through the redirector that carries every link of the
            # newsletter hides where it leads: a text that buys, beside a
            # price, says it leads to the publisher's own checkout.
            found.append(link.destination)
            continue
        if registrable(host, markers) not in publisher_domains(doc, markers):
            continue
        # A purchase text over an address like the stories' (a shortener's `/s/…`,
        # a shop's catalogue of `/p/books/…`) says nothing of where it leads.
        if shop_page or _first_segment(parts.path) not in _story_path_segments(doc, markers):
            found.append(link.destination)
    return found


def _is_shop_page(parts, markers) -> bool:
    """Whether a split address is a shop, checkout, pricing or event page
    (`shop.acme.com`, `/store`, `/pricing/annual`), whoever's site it is."""
    paths, subdomains = _house_patterns(markers)[:2]
    host = (parts.hostname or "").lower()
    return host.split(".")[0] in subdomains or bool(paths is not None and paths.search(parts.path.lower() or "/"))


def is_shop_page(url: str, markers) -> bool:
    """Whether an address (a redirect read first) is a shop, checkout, pricing or event page."""
    return _is_shop_page(split_url(resolve_url(url)), markers)


# A first path segment shared by this many of a newsletter's links is where its stories (or all its links) live.
STORY_PATH_LINKS = 3


def _first_segment(path: str) -> str:
    return path.lower().strip("/").split("/", 1)[0]


def _story_path_segments(doc, markers) -> frozenset[str]:
    """First path segments that at least `STORY_PATH_LINKS` of the newsletter's
    links share: its stories' section, its link shortener, its catalogue."""
    key = ("story_path_segments", 0)
    if key not in doc._cache:
        counts: dict[str, int] = {}
        for block in doc.all_blocks:
            if block.kind in ("paragraph", "heading"):
                for link in doc.links(block):
                    segment = _first_segment(split_url(resolve_url(link.destination)).path)
                    if segment:
                        counts[segment] = counts.get(segment, 0) + 1
        doc._cache[key] = frozenset(s for s, n in counts.items() if n >= STORY_PATH_LINKS)
    return doc._cache[key]  # type: ignore[return-value]


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
    # A link whose text buys ("Get tickets", "Post a job") is a call to action of its own.
    ctas = [*markers.calls_to_action(text), *_purchase_texts(doc, block, markers, links)]
    prices = markers.prices(text)
    product = _house_patterns(markers)[2]
    named = product.search(text) if product is not None else None
    if not (speaks_to_the_reader(text, markers) or ctas):
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


# A button's text is short: "Shop the store", "Order the print edition".
MAX_BUTTON_WORDS = 6


def _purchase_texts(doc, block, markers, links: list[str]) -> list[str]:
    """The purchase actions that the texts of the block's house links open
    with, and its shop buttons (`_shop_buttons`) when no other block of the
    issue has one."""
    purchase = _house_patterns(markers)[3]
    source, texts = doc.source(block), []
    for link in doc.links(block):
        if link.destination not in links or purchase is None:
            continue
        m = purchase.match(visible_text(source[link.text_start : link.text_end]))
        if m:
            texts.append(m.group(0).strip(" *_"))
    buttons = _shop_buttons(doc, markers)
    if list(buttons) == [id(block)]:
        texts.extend(t for t in buttons[id(block)] if t not in texts)
    return texts


def _shop_buttons(doc, markers) -> dict[int, list[str]]:
    """The blocks (by id) whose short link texts open with a verb of buying
    and lead to a shop page of the publisher's own ("Shop the store" to
    `shop.acme.com`, "Order yours" to `acme.com/store`:
    `[promotion].purchase_verbs`), with those texts: a button that sells in
    the publisher's own shop, whatever follows its verb. One such block is a
    plug among stories; a shop's own mailing puts one under every product,
    and its buttons are its content (an ad is one of a kind in its issue)."""
    key = ("shop_buttons", 0)
    if key not in doc._cache:
        verbs = markers.words("promotion", "purchase_verbs")
        found: dict[int, list[str]] = {}
        for block in doc.all_blocks:
            if block.kind != "paragraph" or "](" not in doc.source(block):
                continue
            source = doc.source(block)
            for link in doc.links(block):
                words = visible_text(source[link.text_start : link.text_end]).strip(" *_").split()
                if not (0 < len(words) <= MAX_BUTTON_WORDS and re.sub(r"^\W+|\W+$", "", words[0].lower()) in verbs):
                    continue
                parts = split_url(resolve_url(link.destination))
                if _is_shop_page(parts, markers) and registrable((parts.hostname or "").lower(), markers) in publisher_domains(doc, markers):
                    found.setdefault(id(block), []).append(" ".join(words))
        doc._cache[key] = found
    return doc._cache[key]  # type: ignore[return-value]


def _word_pattern(markers, table: str, key: str) -> "re.Pattern":
    def build(m):
        words = sorted(m.data.get(table, {}).get(key, []), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b" if words else "(?!)", re.I)

    return markers.compiled(f"word_pattern:{table}.{key}", build)


def bounded_phrases(words) -> str:
    """An alternation of phrases, each bounded where it begins or ends with a
    letter or digit of a spaced script: "% off" after "20" matches, and so
    does a Japanese or Chinese word inside an unspaced sentence."""
    def spaced(ch: str) -> bool:
        return (ch.isalnum() or ch == "_") and ord(ch) < 0x2E80  # below the CJK blocks

    def bounded(w: str) -> str:
        head = r"(?<!\w)" if spaced(w[:1]) else ""
        tail = r"(?!\w)" if spaced(w[-1:]) else ""
        return head + re.escape(w) + tail
    return "|".join(bounded(w) for w in sorted(set(words), key=len, reverse=True) if w)


def _reader_offer_patterns(markers):
    """(reader nouns, offer words, lower-cased needles) of `[promotion]`."""
    promotion = markers.data.get("promotion", {})
    readers, offers = promotion.get("reader_nouns", []), promotion.get("offer_words", [])
    if not readers or not offers:
        return None
    return (
        re.compile(bounded_phrases(readers), re.I),
        re.compile(bounded_phrases(offers), re.I),
        minimal_needles([w.lower() for w in readers]),
    )


# A sentence ends at one of these (and the white space after it); an unspaced language's stop needs none.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def reader_offer(text: str, markers, has_code=None) -> str | None:
    """The first sentence of `text` that offers the newsletter's readers a
    deal (see the module docstring), or None. `has_code(sentence)` tells
    whether a sentence offers a promo code (NL103's own test)."""
    compiled = markers.compiled("reader_offer_patterns", _reader_offer_patterns)
    if compiled is None:
        return None
    readers, offers, needles = compiled
    low = text.lower()
    if not any(n in low for n in needles):
        return None
    for sentence in _SENTENCE_END.split(text):
        if not readers.search(sentence):
            continue
        if offers.search(sentence) or (has_code is not None and has_code(sentence)):
            return sentence.strip()
    return None


def speaks_to_the_reader(text: str, markers) -> bool:
    """Whether a text addresses its reader ("you", "your"): `[promotion].reader_words`."""
    return bool(_word_pattern(markers, "promotion", "reader_words").search(text))


def reports(text: str, markers) -> bool:
    """Whether a text reports what others say or sell ("said", "according to"):
    `[promotion].reporting_words`."""
    return bool(_word_pattern(markers, "promotion", "reporting_words").search(text))


# A campaign tagged by the publisher on most of its links is the publisher's (at least this many links).
BLANKET_TAG_LINKS = 4


def advertiser_tagged_hosts(doc, text: str, markers) -> list[str]:
    """Hosts of the links in `text` that an advertiser tagged with this
    newsletter as the channel it paid for (see the module docstring)."""
    own = publisher_domains(doc, markers)
    words = markers.words("promotion", "ad_channel_words") | {w for w in _compact_publisher_names(doc, markers) if len(w) >= 5}
    referral = tuple(p.lower() for p in markers.data.get("promotion", {}).get("referral_params", []))
    blanket = _blanket_tags(doc, referral)
    hosts: list[str] = []
    targets = [_campaign_tag(url, referral) for url in link_targets(text)]
    for host, tag in targets:
        if not tag or tag in blanket or not host or registrable(host, markers) in own:
            continue
        if any(w in value for value in tag for w in words) and host not in hosts:
            hosts.append(host)
    # An ad's links lead to its advertiser: a list of stories that holds one
    # tagged link among links to many other sites is not one ad.
    advertisers = {registrable(h, markers) for h in hosts}
    elsewhere = [h for h, _ in targets if h and registrable(h, markers) not in advertisers | own]
    if len(elsewhere) * 2 > len(targets):
        return []
    return hosts


# The parameters an advertiser's link names its channel in: the campaign's, and a referral's or affiliate's.
_CAMPAIGN_PARAMS = ("utm_source", "utm_medium", "utm_campaign")


def _campaign_tag(url: str, referral_params: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """The host a link leads to, and its `utm_source`, `utm_medium` and
    `utm_campaign` values, then those of its referral parameters
    (`?via=acmeweekly`, `?ref=newsletter`: `[promotion].referral_params`),
    lower-cased, separators dropped."""
    target = split_url(resolve_url(url))
    params = {k.lower(): v for k, v in parse_qsl(target.query)}

    def value(key: str) -> str:
        found = params.get(key, "")
        # A referral value that is a site's address (`?ref=acme.co`) is the sending
        # platform's tag on every outgoing link (Ghost's), not an advertiser's.
        if key in referral_params and "." in found:
            return ""
        return re.sub(r"[\W_]+", "", found.lower())

    tag = tuple(value(k) for k in (*_CAMPAIGN_PARAMS, *referral_params))
    return (target.hostname or "").lower(), tag if any(tag) else ()


def _blanket_tags(doc, referral_params: tuple[str, ...] = ()) -> frozenset[tuple[str, ...]]:
    """Campaign tags carried by most of the newsletter's tagged links: the publisher's own."""
    key = ("blanket_campaign_tags", referral_params)
    if key not in doc._cache:
        counts = Counter(tag for url in link_targets(doc.text) for _, tag in [_campaign_tag(url, referral_params)] if tag)
        total = sum(counts.values())
        doc._cache[key] = frozenset(t for t, n in counts.items() if n >= BLANKET_TAG_LINKS and n * 2 >= total)
    return doc._cache[key]  # type: ignore[return-value]


def _compact_publisher_names(doc, markers) -> frozenset[str]:
    """The publisher's names as a campaign tag writes them ("golangweekly")."""
    words = sorted(publisher_words(doc, markers))
    return frozenset({*words, "".join(words)})
