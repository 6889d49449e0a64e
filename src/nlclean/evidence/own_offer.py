"""Evidence: the newsletter offering its own membership to the reader, by a price, not by its words.

A short block in the email's last lines that names a price charged by the
period, offers it to the reader, names what is sold as the newsletter itself
and links nowhere but to the newsletter's own pages is the newsletter's offer
of itself, however it is worded and in whatever language: "Ironbridge Notes
is independent. If it helps you, back it from 4 euro a month:
https://ironbridge-notes.example/back" asks to pay as surely as "Become a
paid subscriber" does, and no vocabulary of asks needs to know "back it".

A price by the period is a story's too: a service's price rise, a review of
a paid app, a product's pricing, a shop's monthly plan, a publisher's note
that its price changes. Each test below is one kind of evidence that tells
the offer from those:

- `recurring_price(markers, text)`: a price with the period it is charged
  for ("$5 a month", "3 € al mes", "0,99 € im Monat", "(5 €/mois)",
  "$8/month"): the price of a subscription or a membership, not of a thing
  ("a $40 kettle"). The periods are `[asks].price_periods`, per language in
  `data/lang-*.toml`.
- `offered_to_the_reader(markers, text)`: who the price is for: the reader.
  A sentence or a clause opens with a request ("Become an insider",
  "Devenez membre"; `selling` and `imperatives` of `[asks]`), a question, a
  request anywhere ("to keep it that way", "per favore"; `requests`), or
  the reader addressed ("you", "du", "vous"; `reader`). A story tells of
  others ("Streamio's plan rises to $12 a month"), and the publisher's note
  on its own price tells ("From May, the letter costs €6 a month; members
  keep their rate"): neither asks, and both stay.
- `sold_as_the_newsletter(doc, markers, text, urls)`: what the price buys
  is the newsletter: the block names it (its name in the masthead, written
  in capitals, one word only when its site is named after it: a tagline's
  "from the" is no name; "this letter": `self_names`; a membership of it:
  `membership`), or it
  links to the newsletter's own subscribe, donation or referral page (link
  classifier). A shop's coffee plan or an app's pro tier is none of these.
- `own_links_only(doc, markers, urls)`: every address leads to the
  newsletter's own site (`publisher.publisher_domains`, or a site whose
  registered name the masthead spells, a tracking redirect read first) or
  to an own page by the link classifier, and none is an article: a dated
  path or a slug of several words ("…/2026/04/streamio-price-rise"). A
  story about a price links to the service it reports on or to an article.
- `in_the_last_lines(doc, end)` (`own_pages`): where the offer stands.

Unsafe (a judgement): the evidence is a price, a request, a name, links and
a place.
"""
from __future__ import annotations

import re

from .links import OWN_PAGE_KINDS, LinkKind, resolve_url, split_url
from .own_pages import masthead_names, own_host
from .promotion import is_shop_page
from .publisher import names_itself, publisher_domains, registrable

# An amount with its currency on either side: "$5", "€5", "5 €", "0,99 €", "4 euro", "5 Euro", "£45".
_PRICE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[€£¥$]|eur(?:o|os)?\b|usd\b|dollars?\b|euros?\b|reais\b|r\$))",
    re.I,
)
# How far before the period its price may stand ("€5 a month", "3 € al mes", "5 Euro im Monat").
_PRICE_WINDOW = 14


def recurring_price(markers, text: str) -> str | None:
    """The price and its period ("€5 a month") when the text charges by the period, or None."""
    for a, b in markers.ask_phrase_spans(text, "price_periods"):
        window = text[max(0, a - _PRICE_WINDOW) : a]
        prices = list(_PRICE.finditer(window))
        # The price right before its period, nothing but a space between ("$5 a month", "5 €/mois").
        if prices and not window[prices[-1].end() :].strip():
            return f"{prices[-1].group(0).strip()} {text[a:b].strip()}"
    return None


# Where a sentence or a clause ends (a stop, a comma, a line break, a dash), for reading its opening:
# "Se ti è utile, diventa sostenitore" opens its request after the condition.
_SENTENCE_END = re.compile(r"(?<=[.!?…:;,。！？、])\s+|\n+|\s+[–—]\s+")
_OPENING_MARKS = " \t*_#>-•·([\"“'«„"


def offered_to_the_reader(markers, text: str) -> str | None:
    """Why the block asks its reader (a request, a question, the reader
    addressed in a condition), or None when it only tells."""
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip(_OPENING_MARKS)
        if not sentence:
            continue
        opening = markers.ask_opening(sentence, "selling") or markers.ask_opening(sentence, "imperatives")
        if opening:
            return f"a sentence opens with a request ('{opening}')"
        if sentence.rstrip(" *_").endswith(("?", "？", "¿")) or sentence.startswith("¿"):
            return "a question to the reader"
        request = markers.ask_phrase(sentence, "requests")
        if request:
            return f"a request to the reader ('{request}')"
        reader = markers.ask_phrase(sentence, "reader")
        if reader:
            return f"the reader addressed (word '{reader}')"
    return None


def sold_as_the_newsletter(doc, markers, text: str, urls: list[str]) -> str | None:
    """Why what the price buys is the newsletter itself, or None."""
    name = names_itself(doc, text, markers) or _spells_the_masthead(doc, markers, text, urls)
    if name:
        return f"names the newsletter ('{name}')"
    for key in ("self_names", "membership"):
        phrase = markers.ask_phrase(text, key)
        if phrase:
            return f"names a membership of the newsletter ('{phrase}')"
    kind = next((k for k in (markers.link_kind(u) for u in urls) if k in OWN_PAGE_KINDS), None)
    if kind is not None:
        return f"links to the newsletter's own {kind.value} page"
    return None


_WORD = re.compile(r"[^\W_]+")
# A name spelled by a run of this many words at most ("Preprint Pulse", "Crate & Needle").
_MAX_NAME_WORDS = 3


def _spells_the_masthead(doc, markers, text: str, urls: list[str]) -> str | None:
    """A run of the block's capitalised words that spells a name of the
    masthead ("Crate & Needle" under "CRATE & NEEDLE"), as
    `own_pages.masthead_names` reads them. A masthead also holds a date and a
    tagline, whose words any sentence may hold ("and the", "December"): so
    a run of one word counts only when the newsletter's own site, or the
    site the block links to, is named after it too ("Ledger" of
    harbourtonledger.example)."""
    names = masthead_names(doc)
    if not names:
        return None
    words = _WORD.findall(text)
    for k in range(len(words)):
        for n in range(_MAX_NAME_WORDS, 0, -1):
            run = words[k : k + n]
            if len(run) < n or not all(w[:1].isupper() for w in run):
                continue
            joined = "".join(run).lower()
            if joined not in names:
                continue
            if n > 1 or any(joined in site.replace("-", "") for site in _site_names(doc, markers, urls)):
                return " ".join(run)
    return None


def _site_names(doc, markers, urls: list[str]) -> set[str]:
    """The registered names of the newsletter's own sites and of the sites the block links to."""
    hosts = (split_url(resolve_url(u)).hostname or "" for u in urls)
    return set(publisher_domains(doc, markers)) | {registrable(h, markers) for h in hosts if h}


# An article's address: a dated path ("/2026/04/", "/2026-04-12") or a slug of three or more words.
_ARTICLE_PATH = re.compile(r"/(?:19|20)\d\d[/-]\d\d?(?:[/-]|$)|/[^/?#]*[a-z]-[a-z][^/?#]*-[a-z][^/?#]*(?:[/?#]|$)", re.I)


def is_an_article(url: str) -> bool:
    """Whether the address (its redirect read first) reads as a story's page."""
    return _ARTICLE_PATH.search(split_url(resolve_url(url)).path + "/") is not None


# Own pages that sell the newsletter, whatever the shop paths say ("/checkout", "/membership").
_SELLS_THE_NEWSLETTER = frozenset({LinkKind.SUBSCRIBE, LinkKind.DONATE})


def own_links_only(doc, markers, urls: list[str]) -> bool:
    """Whether there are addresses and every one leads to the newsletter's own
    pages, none to an article and none to a shop, pricing or event page."""
    for url in urls:
        kind = markers.link_kind(url)
        if not (kind in OWN_PAGE_KINDS or own_host(doc, markers, url)) or is_an_article(url):
            return False
        if kind not in _SELLS_THE_NEWSLETTER and is_shop_page(url, markers):
            return False
    return bool(urls)
