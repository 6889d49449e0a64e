"""NL103 unlabelled-promotion: a block that sells something without a label.

## What it does
Scores each candidate block by the evidence of selling and reports it with
that evidence in the message:

- a publisher's own name for its ad slot, as the heading or the first line
  ("Our Friends (With Benefits)", "Plug", "Partner spotlight"): `euphemisms`
  in `[sponsor]`;
- calls to action ("book a demo", "start your free trial", "check it out for
  free"): `calls_to_action` in `[promotion]`;
- promo codes, and prices or discounts (a price counts only next to a call
  to action or a promo code: news quotes prices too);
- an offer to the newsletter's readers: a sentence in which the readers are
  the ones who get a discount, a free thing or a code ("Acme Weekly readers
  get 20% off", "Unsere Leser bekommen 10 % Rabatt"): an ad speaks
  of the newsletter's readers, a story about a sale of customers
  (`evidence.promotion.reader_offer`);
- one product named again and again, when that name is also in the block's
  heading or the host of its links;
- link targets that no other block of the newsletter links to (none when
  most stories also link to a site of their own: a digest of links);
- links to a third party's page whose campaign or referral parameters name
  this newsletter as the channel (`utm_medium=newsletter`, `utm_source=<the
  newsletter>`, `?via=<the newsletter>`, `?ref=newsletter`): the
  advertiser's own tag, not the one the publisher puts on most of its
  links, nor a platform's `?ref=<the sender's site>` on every outgoing
  link (`evidence.promotion.advertiser_tagged_hosts`).

House promotion (the publisher selling its own shop, course, event, app or
paid tier, issue 11 kind 4) is judged on its own, paragraph by paragraph: a
paragraph of at most `MAX_HOUSE_WORDS` words that speaks to the reader,
links to a shop, checkout, pricing or event page of the publisher's own site
(its sender's domain, its archive address, the site of its own unsubscribe
or preferences pages, the site its stories link to), or to any page of that
site with a link text that buys ("Get tickets", "Shop now", "Join for free",
"Post a job": a job board's or classifieds' paid slot), and names what it
sells or asks the reader to act. A short button to a shop page of the
publisher's own that opens with a verb of buying ("Shop the store", "Order
yours") is such a call whatever follows its verb, when it is the only one
in the issue: a shop's own mailing puts one under every product, and there
the buttons are the content. A paragraph that closes a story about the
very thing its page sells (prose under the same heading first, no break
between, and the page's address names the heading's subject: "## Opening:
The Glass Orchard" … "Get tickets" to `/whats-on/glass-orchard`) is an
events or books newsletter's listing, and stays. When every link of the newsletter goes
through one redirector, a link text that buys beside a price ("Membership
from £40 a year … Become a member") is enough: the address hides the page. A review that links to a bookseller, a
story about a sale, or a museum's "Get tickets" link leads to no page of
the publisher's own; nor does a purchase text over an address like the
stories' (three or more links share its first path segment: a shop's own
catalogue, the publisher's link shortener). A paragraph that is all of its heading's section takes
the heading. In an email with no blank lines the next section's label and
plug may run on into a list's last item as lazy lines ("- A strike vote is
set for January 6." / "**JOIN US**" / "A webinar … [Register free](…)"):
when the item's own lines link nowhere, the plug is the lazy lines from
the first down to its link to the publisher's page, and the item stays. A lone button that sells the membership takes the paragraphs
right above it that pitch it (`evidence.asks.pitch_above`: in the
publisher's voice, the newsletter naming itself included, they name the
membership or what it gets the reader), as NL302 and NL201 do. The words and paths are data: `[promotion]` in
`data/promotion.toml`.

A plug for the publisher's own work at the email's end goes the same way
(`evidence.own_work`): a short paragraph in the last lines that names a
work as the publisher's own ("my book", "notre podcast", "the Acme
podcast", or a podcast app's link beside the publisher's name) and has a
button ("**On the Acme podcast this week:** … [Listen now](…)", "Unser
Buch ist erschienen. [Zum Buch](…)"); in an email whose every line is a
paragraph, its address may stand a line or two below ("Join the waitlist:
https://…"), and the plug takes those lines. Someone else's podcast, the
author's book mentioned in a story, a digest of links to many sites and an
episode's own email (its title names the work) stay.

Candidates are sections without subsections (at most `MAX_SECTION_WORDS`
words, and not a list of several linked stories) and paragraphs that open
with a publisher's ad-slot name, carry a promo code or offer the readers a
deal (not a flattened line that glues the next section's heading to the
ad: a judgement removes whole lines, and that line holds a story too). A candidate is
reported when it has something that sells (an ad-slot name, a promo code or
a call to action), at least two kinds of evidence, and a score of at least
`THRESHOLD`, and when it holds no more than `MAX_SHARE` of the newsletter's
words (when the "ad" is most of the text, the mailing is the promotion, and
a judgement does not empty it). An ad is one of a kind in its issue: a
section whose sibling sections (same level, same parent) mostly carry calls
to action or promo codes too is one item of a newsletter whose format sells
(a deals digest, event listings, a job board), and is no candidate; nor is
a promo-code paragraph inside such a section. Sibling sections whose
headings name a price in the same shape as the candidate's own ("1. Skillet
— $24.99 (was $44)" beside "2. Knife — $39 with code KNIFE15") sell that
way too: the item with a code is one of a deals digest's items. A section
with no price in its heading among such priced siblings is one more deal of
the same shop when every site it links to is linked by two or more of them
("## Clearance: last season's lights" / "Use code LIGHTS25 for 25% off" to
the shop's own clearance page); an ad among them links to a site of its
own and stays a candidate. So is a
candidate (or a house promotion) that names a price right after a dash
("Kettle — $44.99 (was $69.99)") where at least three lines outside it do
the same: a digest of deals in table cells, list items or plain lines with
no heading to each item. A story that quotes a price does not put it after
a dash. Calls to action are counted
once each ("free trial" inside "start your free trial" is one call).
A news item that mentions companies and prices has no call to
action and no ad-slot name, and stays; so does one that reports a discount
("shoppers who enter code X get 15% off, the company said"): a block that
reports (said, according to, announced) and never says "you" is news.

## Why is this bad?
Unlabelled adverts are still adverts. But this is a judgement,
not the publisher's own label, and a news story can mention products and
prices: so it is reported, and fixed only with `--unsafe-fixes`.

## How far it goes
As NL101: a heading takes its section, a line its block; but a thematic
break (`---`) always ends the section (a judgement does not follow a name
across a break: the name may be the publisher's, which every story after
the break names too). An ad-slot heading
whose own section holds no link (the ad's title is a heading of its own)
also takes the next section.

A story with something sold at its end is no ad: a section whose opening
line under the heading is prose (`STORY_OPENING_WORDS` words or more) that
sells nothing and names the heading's subject, while the lines that sell
name none of the heading's names ("## Why Europa Clipper took a detour" /
the flyby told / "Gear we use: … 15% off"), is no candidate, and nor is a
section that opens with a digest of links (a list whose items link to sites
of their own: "## Links I liked" over other sites' articles, then the
author's course with a code); the plug alone
is, when it is a paragraph of its own with a promo code. Nor is a section
whose lines that sell are glued on below its story, no blank line above the
first of them, while the story's lines link to a site those lines never
link to (its own source: "## The marina's new rates" / the story /
"[The club's letter](…)" / a shop's button run on under it, in an html block,
an unclosed fence or lines pulled apart from html); an ad's own text links
to what it sells, or nowhere. In a flattened email
(no blank lines, each line the email's own) a promo-code paragraph whose
first line is such a story's prose goes from its first line that sells.

## Example
```markdown
## Our Friends

Acme automates your deploys. Acme plans start at $9. Use code SHIP20 and
book a demo with [Acme](https://acme.example) today.
```
is reported; `nlclean fix --unsafe-fixes` removes it. So is, in any
language,
```markdown
## Stadtgespräch live

Für unsere Leserinnen und Leser gibt es mit dem Code UFER15 einen
Rabatt von 15 %. [Jetzt Platz sichern](https://tickets.kino.example/live)
```
(an offer to the readers: they are the ones who get the discount), while a
story that says many readers asked for a free archive stays.

## Fix safety
Unsafe: a judgement that can be wrong.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..extents import Extent, block_extent, is_document_title, is_title_shaped, label_block_extent, section_extent
from ..evidence.asks import pitch_above
from ..evidence.own_work import MAX_LINES_TO_BUTTON, button_below, own_work_plug
from ..evidence.links import resolve_url, split_url
from ..evidence.promotion import (
    advertiser_tagged_hosts, house_links, house_promotion, link_targets, reader_offer, reports, speaks_to_the_reader,
)
from ..document import Document
from ..findings import Applicability, Finding
from ..inline_syntax import is_protected, merge_spans, surely_more_visible_words, visible_text
from ..markers import LineHits, lowered_lines_holding, lowers_char_for_char, minimal_needles, url_host
from .base import Rule
from .sponsor_block import glued_heading_start, sponsor_labels
from ._shared import quote, word_count

THRESHOLD = 5
MAX_SECTION_WORDS = 400
MAX_PARAGRAPH_WORDS = 150
MAX_HOUSE_WORDS = 80  # a publisher's own plug is a short paragraph; a longer one is an essay that mentions its shop
LONG_SOURCE = 1000  # characters: a paragraph this long may well exceed MAX_PARAGRAPH_WORDS
MAX_SLOT_LINE = 80  # an ad-slot name is a short line
MAX_SHARE = 0.4  # never judge most of a newsletter to be an ad ...
MIN_BODY_WORDS = 150  # ... when it is a newsletter at all
_NAME = re.compile(r"\b[A-Z][a-zA-Z0-9]{2,}\b")


def evidence_for(text: str, markers, title: str = "", hosts: frozenset[str] = frozenset(),
                 slot_name: str | None = None, unique_hosts: tuple[str, ...] = (),
                 tagged_hosts: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """(score, evidence) of selling in a stretch of text; score 0 when it does not sell."""
    evidence: list[str] = []
    score = kinds = 0
    sells = False
    if slot_name:
        kinds += 1
        score += 3
        sells = True
        evidence.append(f"the publisher's ad-slot name '{slot_name}'")
    ctas = distinct_calls_to_action(markers.calls_to_action(text))
    if ctas:
        kinds += 1
        score += min(len(ctas), 3) * 2
        sells = True
        evidence.append("calls to action: " + ", ".join(ctas[:3]))
    if _has_promo_code(text, markers):
        kinds += 1
        score += 3
        sells = True
        evidence.append("promo code")
    offer = reader_offer(text, markers, lambda sentence: _has_promo_code(sentence, markers))
    if offer:
        kinds += 1
        score += 2
        sells = True
        evidence.append(f"an offer to the newsletter's readers: {quote(offer[:60])}")
    prices = markers.prices(text)
    if prices and sells:
        kinds += 1
        score += 1
        evidence.append("prices: " + ", ".join(prices[:3]))
    not_a_name = markers.words("sponsor", "not_a_name")
    names = Counter(w for w in _NAME.findall(text) if w.lower() not in not_a_name)
    for name, count in names.most_common(3):
        low = name.lower()
        if count >= 3 and (low in title.lower() or any(low in h for h in hosts)):
            kinds += 1
            score += 2
            evidence.append(f"'{name}' named {count} times")
            break
    if unique_hosts and sells:
        kinds += 1
        score += 1
        evidence.append("links to " + ", ".join(unique_hosts[:2]) + ", which no story links to")
    if tagged_hosts and sells:
        kinds += 1
        score += 2
        evidence.append("links to " + ", ".join(tagged_hosts[:2]) + " with campaign or referral parameters naming this newsletter")
    if not sells or kinds < 2:
        return 0, evidence
    if reports(text, markers) and not speaks_to_the_reader(text, markers):
        # A story reports what others sell ("… get 20% off, the company said");
        # an ad speaks to its reader.
        return 0, [*evidence, "reads as a news report"]
    return score, evidence


def distinct_calls_to_action(ctas: list[str]) -> list[str]:
    """The calls to action, once each: one that lies inside another found
    ("free trial" in "start your free trial") is the same call, not a second."""
    found = sorted({c.lower() for c in ctas})
    return [c for c in found if not any(c != other and c in other for other in found)]


class UnlabelledPromotion(Rule):
    code = "NL103"
    name = "unlabelled-promotion"
    family = "advertising"
    summary = "Block that sells without a label (judgement; unsafe fix)"
    fix_safety = Applicability.UNSAFE

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        taken = merge_spans([(f.start, f.end) for f in ctx.earlier])  # sorted: a binary search per block
        code_lines = _lines_holding_code(doc, markers)
        block_hosts: dict[int, set[str]] = {}  # id(block) -> its link hosts, filled as asked

        def hosts_of(block) -> set[str]:
            found = block_hosts.get(id(block))
            if found is None:
                found = block_hosts[id(block)] = _hosts(doc, block)
            return found

        found: list[Finding] = []
        for finding in self._selling_blocks(ctx, taken, code_lines, hosts_of):
            found.append(finding)
            yield finding
        yield from _house_promotions(ctx, merge_spans([*taken, *((f.start, f.end) for f in found)]))

    def _selling_blocks(self, ctx, taken, code_lines, hosts_of) -> Iterator[Finding]:
        """Sections and paragraphs scored by `evidence_for`."""
        doc, markers = ctx.doc, ctx.markers
        covered_until = -1
        for block in doc.blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            if taken and is_protected(taken, doc.offset(block.start)):
                continue
            found = self._candidate(ctx, block, code_lines, taken)
            if found is None:
                continue
            extent, slot_name, title = found
            blocks = doc.blocks_between(extent.start, extent.end)
            hosts: set[str] = set().union(*(hosts_of(b) for b in blocks))
            text = "\n".join(doc.lines[extent.start : extent.end])
            # Links to hosts no other block links to are evidence. Whether they
            # are needs every block's hosts: judge the best case first (all of
            # them the ad's own), and look further only when that is enough.
            unique: tuple[str, ...] = tuple(sorted(hosts))
            score, evidence, tagged = _judge(doc, markers, text, title, hosts, slot_name, unique, None)
            if score < THRESHOLD:
                continue
            inside = {id(b) for b in blocks}
            if unique and (
                any(not hosts.isdisjoint(hosts_of(b)) for b in doc.blocks if id(b) not in inside)
                or _stories_link_to_sites_of_their_own(doc, inside, hosts_of)
            ):
                score, evidence, tagged = _judge(doc, markers, text, title, hosts, slot_name, (), tagged)
                if score < THRESHOLD:
                    continue
            if _one_of_priced_items(markers, doc, extent):
                continue
            if _share_of_body(doc, extent) > MAX_SHARE:
                # A judgement must not gut a newsletter: when the "ad" is most of
                # it, the newsletter is the promotion (a shop's own mailing).
                continue
            covered_until = extent.end
            yield ctx.remove_lines(
                f"unlabelled promotion {quote(title)} ({'; '.join(evidence)})",
                extent.start,
                extent.end,
                f"Remove promotion {quote(title)}",
                evidence=(*evidence, f"score {score} ≥ {THRESHOLD}", f"ends at {extent.why_it_ends}"),
            )

    def _candidate(self, ctx, block, code_lines: LineHits | None, taken) -> tuple[Extent, str | None, str] | None:
        doc, markers = ctx.doc, ctx.markers
        if block.kind == "heading":
            if is_document_title(doc, block):
                return None
            title = doc.visible(block)
            slot_name = sponsor_labels(markers).euphemism(title)
            # Cheap tests first: a section that does not sell, or is long, is no candidate.
            rough_end = doc.section_end(block)
            if not slot_name and not _sells(markers, doc, block.start, rough_end, code_lines):
                return None
            extent = section_extent(doc, block, title, markers, crosses_breaks=False)
            if slot_name and not any(doc.links(b) for b in doc.blocks_between(block.end, extent.end)):
                extent = _with_next_section(doc, block, extent)
            if not slot_name and _siblings_sell_alike(ctx, block, code_lines, taken):
                return None
            if not slot_name and _story_with_an_insert(markers, doc, block, extent, title):
                return None
            if not slot_name and _sales_glued_below_a_story(markers, doc, block, extent):
                return None
            # A category of stories is not an ad: no subsections, not several linked titles.
            if any(h.level > block.level for h in doc.headings_between(extent.start + 1, extent.end)):
                return None
            inner = doc.blocks_between(block.end, extent.end)
            if sum(1 for b in inner if is_title_shaped(doc, b)) >= 3:
                return None
            if word_count(" ".join(doc.lines[extent.start : extent.end])) > MAX_SECTION_WORDS:
                return None
            return extent, slot_name, title
        line = doc.lines[block.start]
        first = visible_text(line) if len(line) <= MAX_SLOT_LINE else ""
        slot_name = sponsor_labels(markers).euphemism(first) if first else None
        if slot_name is None:
            if not _may_hold_code(doc, block.start, block.end, code_lines, markers):
                return None
            # Long flattened paragraphs often hold "code" somewhere; their visible
            # text is slow to build, and their length alone rules them out.
            source = doc.source(block)
            if len(source) > LONG_SOURCE and surely_more_visible_words(source, MAX_PARAGRAPH_WORDS):
                return None
            visible = doc.visible(block)
            if not _has_promo_code(visible, markers) and not reader_offer(visible, markers):
                return None
            if glued_heading_start(visible, markers=markers) is not None:
                # Flattened text glues the next section's heading to the ad: the
                # line holds more than the ad, and a judgement does not cut lines.
                return None
            # A code quoted in one of a deals digest's items is the item's news.
            section = next((h for h in reversed(doc.headings) if h.start < block.start), None)
            if section is not None and _siblings_sell_alike(ctx, section, code_lines, taken):
                return None
        if word_count(doc.visible(block)) > MAX_PARAGRAPH_WORDS:
            return None
        label_only = slot_name is not None and block.end - block.start == 1
        extent = label_block_extent(doc, block, label_only)
        if slot_name is None:
            selling = _first_selling_line_below_a_story(markers, doc, extent)
            if selling is not None:
                # The email's own lines, a story's above the plug: the plug's lines only.
                return (Extent(selling, extent.end, extent.why_it_ends), None,
                        visible_text(doc.lines[selling]))
        return extent, slot_name, first or visible_text(line)


# A section's opening line of at least this many words, selling nothing, tells a story.
STORY_OPENING_WORDS = 25


def _story_with_an_insert(markers, doc: Document, heading, extent: Extent, title: str) -> bool:
    """Whether a heading's section is a story with something sold at its end,
    rather than an ad: its opening line under the heading is prose
    (`STORY_OPENING_WORDS` words or more) that sells nothing (no call to
    action, no promo code, no price) and names the heading's subject, and the
    lines that sell (a call to action or a promo code) name none of the
    heading's names ("## Why Europa Clipper took a detour" / the flyby told /
    "The Astrolux 80ED … 15% off with code ORBIT15"). The selling lines are an
    insert of their own (a gear plug, a shop's box under the story); the
    section's story is no ad, and a judgement does not take it. An ad's
    opening sells, or its selling lines name what the heading names ("##
    Ship faster with Acme" … "Start your Acme trial")."""
    inner = doc.blocks_between(heading.end, extent.end)
    if inner and _digest_of_links(doc, markers, inner[0]):
        # "## Links I liked" over a list of other sites' articles, then the
        # author's course plug: the stories are no ad, whatever sells below.
        return any(_line_sells(markers, visible_text(doc.source(b))) for b in inner[1:])
    names = _names(markers, title)
    if not names:
        return False
    lines = [i for i in range(heading.end, extent.end) if doc.lines[i].strip()]
    if not lines:
        return False
    opening = visible_text(doc.lines[lines[0]])
    if word_count(opening) < STORY_OPENING_WORDS or names.isdisjoint(_names(markers, opening)):
        return False
    if _line_sells(markers, opening) or markers.prices(opening):
        return False
    selling = [visible_text(doc.lines[i]) for i in lines[1:] if _line_sells(markers, visible_text(doc.lines[i]))]
    return bool(selling) and all(names.isdisjoint(_names(markers, line)) for line in selling)


def _sales_glued_below_a_story(markers, doc: Document, heading, extent: Extent) -> bool:
    """Whether a heading's section is a story with lines that sell glued on
    below it: the lines above the first line that sells (a call to action,
    a promo code, an offer to the readers) link to a site that no line from
    there on links to (the story's own source: "## The marina's new rates" /
    the story / "[The club's letter](…)"), and no blank line stands right
    above that first selling line. Glued so, the lines are no part of the
    story's text but of what ran on into it: html pulled apart into lines, an
    html block or a fence that a converter opened right under the story and
    that runs on over every line after it (an html block to the next blank
    line, an unclosed fence to the end of the email), a shop's button
    included. The story is no ad for them. An ad's own lines link to what it
    sells (or nowhere), and its call to action stands in a paragraph or a
    button of its own."""
    first = next(
        (i for i in range(heading.end, extent.end)
         if doc.lines[i].strip() and _may_sell(markers, visible_text(doc.lines[i]), None)),
        None,
    )
    if first is None or first - 1 < heading.end or not doc.lines[first - 1].strip():
        return False

    def hosts(lines: range) -> set[str]:
        found = {url_host(u).removeprefix("www.") for i in lines for u in link_targets(doc.lines[i])}
        found.discard("")
        return found

    return bool(hosts(range(heading.end, first)) - hosts(range(first, extent.end)))


def _first_selling_line_below_a_story(markers, doc: Document, extent: Extent) -> int | None:
    """The first line that sells, in a block whose lines are the email's own
    lines (a flattened email: no blank lines) and whose first line is a
    story's prose (`STORY_OPENING_WORDS` words or more) that sells nothing;
    None otherwise. Hard-wrapped prose has no line that long: there a line
    is no unit of the email, and the block goes whole."""
    if extent.end - extent.start < 2:
        return None
    opening = visible_text(doc.lines[extent.start])
    if word_count(opening) < STORY_OPENING_WORDS or _line_sells(markers, opening) or markers.prices(opening):
        return None
    for i in range(extent.start + 1, extent.end):
        if _line_sells(markers, visible_text(doc.lines[i])):
            return i
    return None


# A digest of links: a list of at least this many items that link to as many different sites.
MIN_DIGEST_LINKS = 2


def _digest_of_links(doc: Document, markers, block) -> bool:
    """Whether a block is a list of linked stories from other sites: each of
    its `MIN_DIGEST_LINKS` or more items links, through any redirect, to a site
    of its own, and none of it sells. An ad's list of features links to the
    product's one site, or nowhere."""
    if block.kind not in ("bullet_list", "ordered_list"):
        return False
    items = [c for c in block.children if c.kind == "list_item"]
    if len(items) < MIN_DIGEST_LINKS or _line_sells(markers, visible_text(doc.source(block))):
        return False
    sites = set()
    for item in items:
        hosts = {url_host(resolve_url(link.destination)).removeprefix("www.") for link in doc.links(item)}
        hosts.discard("")
        if not hosts:
            return False
        sites |= hosts
    return len(sites) >= len(items)


def _line_sells(markers, text: str) -> bool:
    return bool(markers.calls_to_action(text)) or _has_promo_code(text, markers)


def _names(markers, text: str) -> set[str]:
    """The capitalised names of a text, lower-cased (the sponsor table's common words left out)."""
    not_a_name = markers.words("sponsor", "not_a_name")
    return {w.lower() for w in _NAME.findall(text) if w.lower() not in not_a_name}


# An issue's items share a shape: this many sibling sections, most of them selling, make selling its format.
MIN_ALIKE_SIBLINGS = 2


def _siblings_sell_alike(ctx, heading, code_lines: LineHits | None, taken) -> bool:
    """Whether most of a heading's sibling sections (same level, same parent,
    not already removed) also carry calls to action or promo codes: then
    selling is the newsletter's format (a deals digest, event listings, a job
    board), and one section that sells is one of its items, not an ad slipped
    among its stories. An ad is one of a kind in its issue."""
    doc, markers = ctx.doc, ctx.markers
    parent = next((h for h in reversed(doc.headings) if h.start < heading.start and h.level < heading.level), None)
    start, end = (parent.start, doc.section_end(parent)) if parent is not None else (0, len(doc.lines))
    siblings = [
        h for h in doc.headings_between(start, end)
        if h.level == heading.level and h is not heading
        and not (taken and is_protected(taken, doc.offset(h.start)))
    ]
    if len(siblings) < MIN_ALIKE_SIBLINGS:
        return False
    shape = _priced_heading_shape(markers, doc, heading)
    if shape is None and _one_more_deal_of_the_shop(markers, doc, heading, siblings):
        return True
    selling = sum(
        1 for h in siblings
        if _section_sells(markers, doc, h, code_lines)
        or (shape is not None and _priced_heading_shape(markers, doc, h) == shape)
    )
    return selling * 2 >= len(siblings)


def _one_more_deal_of_the_shop(markers, doc: Document, heading, siblings) -> bool:
    """Whether a section whose heading names no price is one more deal of a
    shop's deals digest: most of its sibling sections name a price in their
    headings ("Drill kit — $129 (was $219)"), and every site the section
    links to is linked by at least `MIN_ALIKE_SIBLINGS` of those priced items
    (the shop's own catalogue). "Clearance: use code LIGHTS25 for 25% off"
    under the shop's deals is its news; an ad slipped among the deals links
    to a site of its own, and stays a candidate. Links are read through
    their tracking redirects."""
    priced = [h for h in siblings if _priced_heading_shape(markers, doc, h) is not None]
    if len(priced) < MIN_ALIKE_SIBLINGS or len(priced) * 2 < len(siblings):
        return False
    own = _section_sites(doc, heading)
    if not own:
        return False
    counts: Counter[str] = Counter()
    for h in priced:
        counts.update(_section_sites(doc, h))
    return all(counts[site] >= MIN_ALIKE_SIBLINGS for site in own)


def _section_sites(doc: Document, heading) -> set[str]:
    """The hosts a heading's section links to, each link read through its redirect."""
    sites = set()
    for block in doc.blocks_between(heading.end, doc.section_end(heading)):
        for link in doc.links(block):
            host = url_host(resolve_url(link.destination))
            if host:
                sites.add(host.removeprefix("www."))
    return sites


# An issue that prices this many items outside a candidate as it does ("Name — $24") sells by its format.
MIN_PRICED_ITEMS = 3
# A dash and what follows it on the line, where an item's price stands.
_DASH = re.compile(r"\s[—–-]\s*|[—–]\s*")


def _one_of_priced_items(markers, doc: Document, extent: Extent) -> bool:
    """Whether the candidate is one of the issue's priced items: it names a
    price right after a dash ("Trail stove — $48 (list $60)"), and at least
    `MIN_PRICED_ITEMS` lines outside it do the same. A deals digest writes
    every item so, in table cells, list items or lines of plain text with no
    heading to each (where `_siblings_sell_alike`, which compares sections,
    sees no siblings); an ad is one of a kind in its issue. A story that
    quotes a price does not put it after a dash at its start."""
    priced = _dash_priced_lines(markers, doc)
    inside = sum(1 for i in priced if extent.start <= i < extent.end)
    return inside > 0 and len(priced) - inside >= MIN_PRICED_ITEMS


def _dash_priced_lines(markers, doc: Document) -> tuple[int, ...]:
    """The lines whose visible text names a price right after a dash, once per document."""
    key = ("dash_priced_lines", 0)
    if key not in doc._cache:
        found = []
        for i, line in enumerate(doc.lines):
            if "—" not in line and "–" not in line and " - " not in line:
                continue
            text = visible_text(line).replace("\\$", "$")  # a price NL502 escaped in an earlier round
            for dash in _DASH.finditer(text):
                rest = text[dash.end() : dash.end() + 24]
                prices = markers.prices(rest)
                if prices and rest.startswith(prices[0]):
                    found.append(i)
                    break
        doc._cache[key] = tuple(found)
    return doc._cache[key]  # type: ignore[return-value]


# A heading that opens with an item number ("1.", "#2", "3)").
_NUMBERED_HEADING = re.compile(r"^\W{0,3}#?\d{1,3}[.):]\s")


def _priced_heading_shape(markers, doc: Document, heading) -> tuple[bool] | None:
    """The shape of a heading that names a price ("3. Sprig herb garden — $59
    (was $99)"): whether it is numbered. None when it names no price. A deals
    digest sells each item by its price in its heading; an item of it that
    also has a code or a call to action is one of them, not an ad."""
    text = doc.visible(heading)
    if not markers.prices(text):
        return None
    return (bool(_NUMBERED_HEADING.match(text)),)


def _section_sells(markers, doc: Document, heading, code_lines: LineHits | None) -> bool:
    """`_sells` of a heading's section, kept with the document: every candidate
    asks it of all its siblings, and an issue with many sections of one level
    (a digest, a long archive) asked each section again for each candidate,
    which grew with the square of the length."""
    key = ("section_sells", heading.start)
    if key not in doc._cache:
        doc._cache[key] = _sells(markers, doc, heading.start, doc.section_end(heading), code_lines)
    return doc._cache[key]  # type: ignore[return-value]


def _stories_link_to_sites_of_their_own(doc, inside: set[int], hosts_of) -> bool:
    """Whether most other linked blocks also link to a site no other block
    links to (a digest of links, each story to its own source): then a block
    whose links lead nowhere else is like every story, and that is no evidence."""
    counts: Counter[str] = Counter()
    linked = [b for b in doc.blocks if hosts_of(b)]
    for b in linked:
        counts.update(hosts_of(b))
    others = [b for b in linked if id(b) not in inside]
    own = sum(1 for b in others if any(counts[h] == 1 for h in hosts_of(b)))
    return len(others) >= MIN_ALIKE_SIBLINGS and own * 2 >= len(others)


def _house_promotions(ctx, taken: list[tuple[int, int]]) -> Iterator[Finding]:
    """Short paragraphs in which the publisher sells its own things (its shop,
    course, event, app, paid tier): `evidence.promotion.house_promotion`. The
    paragraph goes, or its list item; none does when together they are more
    than `MAX_SHARE` of the newsletter."""
    doc = ctx.doc
    found = list(_house_promotion_paragraphs(ctx, taken))
    if not found:
        return
    share = sum(word_count(doc.visible(b)) for b, _ in found) / max(doc.visible_words, 1)
    if doc.visible_words >= MIN_BODY_WORDS and share > MAX_SHARE:
        # A shop's own mailing is all plugs for its shop: that is its content,
        # and a judgement does not empty it.
        return
    for block, evidence in found:
        extent = block_extent(doc, block)
        below = button_below(doc, block, ctx.markers)
        if below is not None and extent.end == block.end:
            # One line per paragraph: the plug's button is an address a line or two below.
            extent = Extent(extent.start, below, "its address on a line below it (one paragraph per line)")
        title = quote(doc.visible(block))
        lazy = _lazy_lines_start(doc, block, extent)
        if lazy is not None:
            # A flattened email's next section ran on into a list's last item:
            # the plug is its lines from there to its link to the publisher's page.
            own = house_links(doc, block, ctx.markers)
            end = next((i + 1 for i in range(lazy, block.end) if own and own[0] in doc.lines[i]), None)
            if end is not None:
                extent = Extent(lazy, end, "its link to the publisher's own page (a plug run on into a list item)")
                title = quote(visible_text("\n".join(doc.lines[lazy:end])))
        # A lone button that sells the membership takes its pitch above it, in
        # one region: removed alone, it would leave the pitch with no button
        # under it, and the next round could no longer tell it was one.
        pitch = pitch_above(doc, ctx.markers, block, set())
        start, pitched = extent.start, ()
        if pitch is not None and not (taken and is_protected(taken, doc.offset(pitch[1]))):
            start = pitch[1]
            pitched = tuple(f"starts at the pitch above it: a paragraph that {why}" for why in pitch[2])
        yield ctx.remove_lines(
            f"house promotion {title} ({'; '.join(evidence)})",
            start,
            extent.end,
            f"Remove promotion {title}",
            evidence=(*evidence, *pitched, f"ends at {extent.why_it_ends}"),
        )


_ITEM_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")


def _lazy_lines_start(doc, block, extent: Extent) -> int | None:
    """The first line of a list item's paragraph that only goes on with it
    lazily (not indented to the item's text), when the plug is there: the
    item's own lines link nowhere, and every lazy line stands at the left
    margin. In an email with no blank lines the next section's label and
    plug ("**JOIN US**" / "A webinar with our editors … [Register free](…)")
    run on into the list's last item ("- A rail strike vote is set for
    January 6."); the item is a story and stays. None otherwise."""
    if block.depth == 0 or extent.start != block.start or block.end - block.start < 2:
        return None
    marker = _ITEM_MARKER.match(doc.lines[block.start])
    if marker is None:
        return None
    lazy = next((i for i in range(block.start + 1, block.end) if not doc.lines[i][:1].isspace()), None)
    if lazy is None or any(doc.lines[i][:1].isspace() for i in range(lazy, block.end)):
        return None
    if any("](" in doc.lines[i] or "://" in doc.lines[i] for i in range(block.start, lazy)):
        return None
    return lazy


def _house_promotion_paragraphs(ctx, taken: list[tuple[int, int]]) -> Iterator[tuple[object, list[str]]]:
    doc, markers = ctx.doc, ctx.markers
    for block in doc.all_blocks:
        if block.kind != "paragraph":
            continue
        source = doc.source(block)
        if "](" not in source and "://" not in source and not (
            block.end - block.start == 1
            and any("://" in line for line in doc.lines[block.end : block.end + 1 + MAX_LINES_TO_BUTTON])
        ):
            continue  # a plug links to what it sells, or writes its address out ("Listen: https://…"), maybe a line below
        if taken and is_protected(taken, doc.offset(block.start)):
            continue
        # The publisher's shop, checkout or event page; else its own work plugged at the end.
        evidence = house_promotion(doc, block, markers) or own_work_plug(doc, block, markers)
        if evidence and _one_of_priced_items(markers, doc, Extent(block.start, block.end, "")):
            continue  # a deals digest's item, priced as its others are, through the digest's own click tracker
        if evidence and word_count(doc.visible(block)) <= MAX_HOUSE_WORDS and not _closes_a_story_about_it(doc, block, markers):
            yield block, evidence


MIN_STORY_WORDS = 25  # a paragraph of prose this long, under the heading, is a story's
_SLUG_WORD = re.compile(r"[a-z0-9]{4,}")


def _closes_a_story_about_it(doc, block, markers) -> bool:
    """Whether a paragraph that links to the publisher's own page is the last
    word of a story about the very thing that page sells: prose under the same
    heading came first (no thematic break between), and the page's address
    names the heading's subject ("## Opening: The Glass Orchard" … "Get
    tickets" to `/whats-on/glass-orchard`). An events or books newsletter's
    listing ends so; a plug stands alone, or on a page the story is not about."""
    heading = next((h for h in reversed(doc.headings) if h.start < block.start), None)
    if heading is None or block not in doc.blocks:
        return False
    before = doc.blocks_between(heading.end, block.start)
    if any(b.kind == "hr" for b in before):
        return False
    if not any(b.kind == "paragraph" and word_count(doc.visible(b)) >= MIN_STORY_WORDS for b in before):
        return False
    subject = set(_SLUG_WORD.findall(doc.visible(heading).lower()))
    return any(
        subject & set(_SLUG_WORD.findall(split_url(resolve_url(url)).path.lower()))
        for url in house_links(doc, block, markers)
    )


def _share_of_body(doc, extent: Extent) -> float:
    """The share of the body's visible words that the extent holds."""
    body = doc.visible_words
    if body < MIN_BODY_WORDS:
        return 0.0  # a snippet, not a newsletter: no proportion to judge by
    inside = sum(len(doc.visible(b).split()) for b in doc.blocks_between(extent.start, extent.end) if b.has_inline)
    return inside / body


def _judge(doc, markers, text: str, title: str, hosts: set[str], slot_name: str | None,
           unique: tuple[str, ...], tagged: tuple[str, ...] | None) -> tuple[int, list[str], tuple[str, ...] | None]:
    """(score, evidence, tagged hosts) of a candidate. The hosts an advertiser
    tagged (`tagged`, None while not asked) are asked only when the rest of
    the evidence falls short of the threshold and the candidate may sell:
    resolving every link of the issue costs a pass over all of them."""
    score, evidence = evidence_for(text, markers, title, frozenset(hosts), slot_name, unique, tagged or ())
    if score >= THRESHOLD or tagged is not None or not _may_sell(markers, text, slot_name):
        return score, evidence, tagged
    tagged = tuple(advertiser_tagged_hosts(doc, text, markers))
    if tagged:
        score, evidence = evidence_for(text, markers, title, frozenset(hosts), slot_name, unique, tagged)
    return score, evidence, tagged


def _may_sell(markers, text: str, slot_name: str | None) -> bool:
    """Whether a candidate holds something that sells (an ad-slot name, a call
    to action, a promo code, an offer to the readers): only then is where its
    links lead worth asking."""
    return bool(slot_name or markers.calls_to_action(text) or _has_promo_code(text, markers) or reader_offer(text, markers))


def _sells(markers, doc, start: int, end: int, code_lines: LineHits | None) -> bool:
    """Whether lines [start, end) hold a call to action or a promo code."""
    text = "\n".join(doc.lines[start:end])
    if markers.calls_to_action(text):
        return True
    return _may_hold_code(doc, start, end, code_lines, markers) and _has_promo_code(text, markers)


def _code_needles(markers) -> tuple[str, ...]:
    """Words one of which every promo code and every offer to the readers
    holds: the code nouns and names, and the nouns for the readers."""
    promotion = markers.data.get("promotion", {})
    words = [*promotion.get("promo_code_nouns", []), *promotion.get("promo_code_names", []), *promotion.get("reader_nouns", [])]
    return minimal_needles([w.lower() for w in words] or ["code"])


def _lines_holding_code(doc, markers) -> LineHits | None:
    """The lines that may hold a promo code or an offer to the readers (a
    code noun or a reader noun, any case): few lines do. None when lower-casing changed the text's length (a rare
    letter): then the offsets do not line up, and each block is tested itself."""
    if not lowers_char_for_char(doc.text):
        return None
    return lowered_lines_holding(doc.text, markers.compiled("promo_code_needles", _code_needles), doc.line_starts)


def _may_hold_code(doc, start: int, end: int, code_lines: LineHits | None, markers) -> bool:
    if code_lines is None:
        needles = markers.compiled("promo_code_needles", _code_needles)
        return any(n in doc.lines[i].lower() for i in range(start, end) for n in needles)
    return code_lines.touches(start, end)


class _PromoCodes:
    """A promo code offered to the reader: a verb, a code noun, then the code
    in capitals or digits ("use code SHIP20", "enter the discount code
    BELLS15"), or a name for such codes alone ("promo code"). The code itself
    is matched case-sensitively: "with code that …" is prose.
    `[promotion].promo_code_verbs`, `promo_code_nouns`, `promo_code_names`."""

    def __init__(self, markers) -> None:
        promotion = markers.data.get("promotion", {})
        verbs, nouns = promotion.get("promo_code_verbs", []), promotion.get("promo_code_nouns", [])
        names = promotion.get("promo_code_names", [])
        code = r"(?-i:[A-Z0-9]{4,})\b"
        offer = rf"\b(?:{_words(verbs)}) (?:the )?(?:{_words(nouns)}):?\s+\*{{0,2}}{code}" if verbs and nouns else "(?!)"
        self._regex = re.compile(rf"{offer}|\b(?:{_words(names) or '(?!)'})\b", re.I)
        # Every match holds one of these (lower-cased): a cheap test before the regex,
        # which is slow on long text ("code" mostly stands in "decode", "code review").
        self._needles = tuple(
            {f"{v} {the}{n}".lower() for v in verbs for the in ("", "the ") for n in nouns} | {n.lower() for n in names}
        )

    def offered(self, text: str) -> bool:
        low = text.lower()
        if not any(n in low for n in self._needles) and not any(ch in text for ch in _ODD_CASE):
            return False
        return bool(self._regex.search(text))


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Letters that match an ASCII letter under re.I but do not lower-case to it
# (long s, dotless i, dotted capital I, Kelvin sign): with one, the needles prove nothing.
_ODD_CASE = ("\u017f", "\u0131", "\u0130", "\u212a")


def _has_promo_code(text: str, markers) -> bool:
    return markers.compiled("promo_codes", _PromoCodes).offered(text)


def _with_next_section(doc, heading, extent: Extent) -> Extent:
    """An ad-slot heading over nothing but a tagline: the ad's title is the next heading."""
    nxt = next((h for h in doc.headings if h.start >= extent.end), None)
    if nxt is None or nxt.start != extent.end or nxt.level < heading.level:
        return extent
    more = section_extent(doc, nxt, doc.visible(nxt), crosses_breaks=False)
    return Extent(extent.start, more.end, f"{more.why_it_ends} (the ad's own title heading came first)")


def _hosts(doc, block) -> set[str]:
    hosts = set()
    for link in doc.links(block):
        host = url_host(link.destination)
        if host:
            hosts.add(host.removeprefix("www."))
    return hosts
