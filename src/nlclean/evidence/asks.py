"""Asks about the newsletter itself, recognised by their shape.

"Acme Weekly is a reader-supported publication. To receive new posts,
consider becoming a free or paid subscriber." "If you enjoy this, follow us
and share it with a friend." "Upgrade to unlock." Such sentences sell the
newsletter to a reader who already has it; they stand anywhere (after the
intro, between stories, at the end), so no position or phrase list finds
them. Their shape does:

- a **request to the reader**: an imperative opening the sentence ("Consider
  …", "Share …", "Subscribe …"), or the reader addressed ("if you enjoy",
  "please", "you can", "want to …?");
- **about the newsletter or its author's work**: "this newsletter", "my
  work", "a free or paid subscriber", "new posts", "with a friend";
- or a **link to the newsletter's own pages** (a subscribe, upgrade,
  checkout or referral page, by the link classifier).

A sentence is an ask when it has two of the three (a verb such as
"subscribe" names the newsletter only used, not quoted, and only with a
request to this reader: "you can" speaks of anyone, so it must govern the
verb, "you can subscribe at …"; and where its only requests frame it, "you
can", "to keep", "please", a verb in it must act on the newsletter,
"subscribe", "share", "support": "you can jump to the recipe in this issue" asks
nothing; a name of the newsletter right after "reply to" is where the
reader's letter goes, not what is asked for: "Reply to this email with your
question" invites a letter to the author, `reply_to`), or when a verb that sells
the newsletter by itself ("Subscribe", "Upgrade to unlock", "Become a paid
member") opens a short sentence, or opens one that says what it is for
("For more on the harbour, subscribe to Quay Weekend", "Sign up for Quay
Markets to get the prices": `purposes`; "please" or a purpose before the
verb leaves it the opening), or when it asks the reader ("if you")
about a membership ("paid subscriber", "referrals") or offers it in the
publisher's voice ("with 3 referrals we send you our mug"): the last two
are judgements. A paywall teaser asks too, by judgement (`paywall_teaser`):
a gate ("behind the paywall", "for paid subscribers") holding back this
post's remainder ("The rest of this post is for paid subscribers.") or
opening the sentence in the publisher's voice ("Below the paywall, I look at
the budget."). A sentence that names the newsletter's
subscription without asking ("Acme is a reader-supported publication.")
belongs to an ask beside it, and so does a short sentence in which the
publisher speaks of itself ("We don't run a paywall.") beside an ask that
links to the newsletter's own pages. A short lead-in that asks the reader
to follow ("Follow us:", "Find me on") makes a row of social profile links
a follow row. A story that mentions subscribing tells of
others ("Netflix asked subscribers to upgrade"): no request to this reader,
so it stays.

Vocabulary: `[asks]` in `data/asks.toml`.

## API
`sentence_ask(markers, sentence, link_kinds) -> Ask | None` (with `paywall_teaser`), and
`sentences(text)`, `names_the_subscription`, `offers_the_subscription`, `publisher_voice`,
`follow_lead_in(markers, text)`, and `word_count` (CJK by characters).
Asks as regions (a rule turns them into findings): `ask_sections(doc,
markers, covered)` (a heading that asks and the blocks that go on asking),
`framed_asks(doc, markers, covered, candidates)` (a paragraph framed by an
ask, or a question with its poll answers), with `framed_ask` and
`sibling_poll` for one block; `lone_button` and `subscription_pitch` (the
paragraphs right above a lone button that pitch what it sells), and
`pitch_above` (the button's pitch as a region, for whichever rule removes
the button);
`REFERENCE_LINK` finds `[text][ref]` links.
An ask to pay inside a longer paragraph, read sentence by sentence:
`asks_to_pay_in(markers, line, kinds_of)` (the spans that go, with the
evidence), with `source_sentences`, `paying_ask`, `pitches_the_offer` and
`leads_in_to_an_ask` for one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from ..inline_syntax import BARE_ADDRESS, MAX_REMEMBERED_CHARS, addresses, top_links_of
from ..inline_syntax import visible_text, visible_text_without_urls
from ..memo import TEXT_CHARS, remembered
from .links import OWN_PAGE_KINDS, LinkKind, split_url
from .publisher import names_itself
from .zones import author_closing

# A short sentence that a selling verb opens is an ask by itself.
MAX_SELLING_WORDS = 8
# Longer than this, a sentence is a story's even if it has the shape.
MAX_ASK_WORDS = 45

# Sentences end at . ! ? … (and CJK 。！？) before a space or the end; a colon
# ends a lead-in ("Subscribe and don't miss out:").
_SENTENCE = re.compile(r"[^.!?…。！？:\n]*(?:[.!?…。！？:]+|$)")


# A purpose before a request ("For more on the harbour, subscribe …") is this short.
MAX_PURPOSE_WORDS = 15
# "Please" before an ask's verb, which then still opens the sentence.
_COURTESY = re.compile(r"(?:so |and )?please,?\s+", re.I)


@dataclass(frozen=True)
class Ask:
    why: str  # the evidence, for the finding
    sure: bool  # a request AND the newsletter as its object: no judgement left


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a text (a lead-in ending in ':' is one)."""
    spans = []
    for m in _SENTENCE.finditer(text):
        a, b = m.span()
        if text[a:b].strip():
            spans.append((a, b))
    return spans


# Chinese and Japanese write no spaces: about two characters make a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2


def word_count(sentence: str) -> int:
    """Words of a sentence, CJK counted by characters (a CJK sentence is one
    "word" to `split`, however long it is)."""
    cjk = len(_CJK.findall(sentence))
    if not cjk:
        return len(sentence.split())
    latin = len(_CJK.sub(" ", sentence).split())
    return latin + max(1, cjk // CJK_CHARS_PER_WORD)


def sentence_ask(markers, sentence: str, link_kinds=frozenset()) -> Ask | None:
    """Whether one sentence asks the reader something for the newsletter (see the module docs)."""
    reading = _reading_of(markers, sentence)
    if reading is None:
        return None
    own_subscribe_link = bool(reading.request) and LinkKind.SUBSCRIBE in set(link_kinds)
    verdict = reading.verdict(own_subscribe_link)
    if not isinstance(verdict, str):
        return verdict
    # A request or an object alone asks only beside a link to an own page.
    # (A donation page alone may be another cause's: "You can donate to the
    # relief fund [here](…)". Only an ask's heading or frame makes it ours.)
    # In LinkKind's order, not the set's: a set of kinds iterates in an order
    # that changes from run to run (PYTHONHASHSEED), and so did the evidence.
    present = set(link_kinds)
    own_link = next((k for k in LinkKind if k in present and k in OWN_PAGE_KINDS and k is not LinkKind.DONATE), None)
    if own_link:
        return Ask(f"phrase '{verdict}' with a link to a {own_link.value} page", sure=False)
    return None


class _SentenceReading:
    """What a sentence says without its links: its opening request, and its
    verdict with and without a link to the newsletter's subscribe page (read
    when first asked). A str verdict: the phrase that asks only beside a link
    to an own page."""

    __slots__ = ("markers", "sentence", "words", "selling", "imperative", "request", "_verdicts")

    def __init__(self, markers, sentence: str, words: int) -> None:
        self.markers, self.sentence, self.words = markers, sentence, words
        self.selling = markers.ask_opening(sentence, "selling")
        self.imperative = self.selling or markers.ask_opening(sentence, "imperatives")
        self.request = self.imperative or markers.ask_phrase(sentence, "requests")
        self._verdicts: dict[bool, "Ask | str | None"] = {}

    def verdict(self, own_subscribe_link: bool) -> "Ask | str | None":
        if own_subscribe_link not in self._verdicts:
            self._verdicts[own_subscribe_link] = self._read(own_subscribe_link)
        return self._verdicts[own_subscribe_link]

    def _read(self, own_subscribe_link: bool) -> "Ask | str | None":
        markers, sentence, words = self.markers, self.sentence, self.words
        selling, imperative, request = self.selling, self.imperative, self.request
        # The object is looked for outside the opening verb: "Subscribe to the
        # council's alerts" has a request, but "subscribe" is not also its object.
        rest = sentence.lstrip(" \t*_#>-•·([")[len(imperative):] if imperative else sentence
        about = _request_object(
            markers, rest, request, opened=bool(imperative),
            own_subscribe_link=own_subscribe_link,
            lead=sentence[: len(sentence) - len(rest)],
        )
        if request and about:
            return Ask(f"a request to the reader (phrase '{request}') about the newsletter (phrase '{about}')",
                       sure=True)
        if selling and words <= MAX_SELLING_WORDS:
            return Ask(f"phrase '{selling}' opens a short sentence that sells the newsletter", sure=False)
        sold = _sold_for_a_purpose(markers, sentence, selling, words)
        if sold is not None:
            return sold
        teaser = paywall_teaser(markers, sentence)
        if teaser is not None:
            return Ask(teaser, sure=False)
        membership = markers.ask_phrase(sentence, "membership")
        if membership:
            # "If the essays mean something to you, becoming a paid subscriber is
            # the best way to say so": the reader addressed about joining.
            # … and either asked ("if you're a paid subscriber, …") or made an
            # offer by the publisher ("with 3 referrals we'll send you our mug").
            reader = markers.ask_phrase(sentence, "reader")
            voice = None if request else markers.ask_phrase(sentence, "publisher")
            if reader and (request or voice):
                how = f"a request ('{request}')" if request else f"an offer by the publisher ('{voice}')"
                return Ask(f"the reader addressed (word '{reader}') about a membership (phrase '{membership}') "
                           f"in {how}", sure=False)
        if not (request or about):
            return None
        return request or about


def _read_sentence(markers, sentence: str) -> _SentenceReading | None:
    words = word_count(sentence)
    if words == 0 or words > MAX_ASK_WORDS:
        return None
    return _SentenceReading(markers, sentence, words)


_remembered_reading = remembered(8192, max_chars=TEXT_CHARS)(_read_sentence)


def _reading_of(markers, sentence: str) -> _SentenceReading | None:
    """`_read_sentence`, remembered for a sentence up to `MAX_REMEMBERED_CHARS`:
    a sender's asks come back in every issue, a fix round reads its unchanged
    lines again, and NL302's shapes read the same sentence in turn."""
    if len(sentence) > MAX_REMEMBERED_CHARS:
        return _read_sentence(markers, sentence)
    return _remembered_reading(markers, sentence)


# A verb that names the newsletter ("subscribe") is the object of a generic
# request ("you can") when at most this many words stand between them ("you
# can also subscribe").
MAX_WORDS_REQUEST_TO_VERB = 3
_OPENING_QUOTES = "\"“‘'«„"
_CLOSING_QUOTES = "\"”’'»“"


def _request_object(markers, rest: str, request: str | None, opened: bool, own_subscribe_link: bool,
                    lead: str = "") -> str | None:
    """The phrase of `objects` that makes the newsletter the object of the
    sentence's request, or None. A name ("this newsletter", "new posts")
    counts anywhere. A verb (`object_verbs`: "subscribe") counts only used,
    not quoted, and only where the request is one to this reader: an opening
    imperative (`opened`), a request that is not `generic_requests`, or a
    generic one ("you can", which speaks of anyone) that governs the verb a
    few words before it ("you can subscribe at …"), or beside a link to the
    newsletter's own subscribe page (`own_subscribe_link`). Two phrases that
    merely share a sentence ('"subscribe" ought to be a plain call for as
    long as you can keep …') ask nothing, and nor does a name that is only
    where a reply goes ("Reply to this email …", `lead`: the sentence's
    opening imperative, cut off `rest`)."""
    verbs = markers.words("asks", "object_verbs")
    spans = markers.ask_phrase_spans(rest, "objects")
    if not spans:
        return None
    generic = markers.words("asks", "generic_requests")
    requests = [] if opened or not request else markers.ask_phrase_spans(rest, "requests")
    to_this_reader = opened or own_subscribe_link or any(rest[a:b].lower() not in generic for a, b in requests)
    acts_on_it = opened or own_subscribe_link or not _only_framing(markers, rest, requests)
    for a, b in spans:
        phrase = rest[a:b]
        if phrase.lower() not in verbs:
            if not acts_on_it:
                continue  # "you can jump to the recipe in this issue": no act on the newsletter
            if _reply_address(markers, lead + rest[:a]):
                continue  # "Reply to this email with your question": where the letter goes, not what is asked for
            return phrase
        if (a > 0 and rest[a - 1] in _OPENING_QUOTES) or (b < len(rest) and rest[b] in _CLOSING_QUOTES):
            continue  # the word quoted: mentioned, not used
        if to_this_reader or any(end <= a and word_count(rest[end:a]) <= MAX_WORDS_REQUEST_TO_VERB for _, end in requests):
            return phrase
    return None


def _reply_address(markers, before: str) -> bool:
    """Whether the words right before a name of the newsletter make it the
    address of the reader's reply (`reply_to`: "reply to", "responding
    to"): "Reply to this email or use the form" invites a letter to the
    author; "Hit reply and tell us what you think of this newsletter" still
    names the newsletter as what the reply is about."""
    tail = " ".join(before.lower().split()[-3:])
    return any(tail.endswith(words) for words in markers.words("asks", "reply_to"))


def _only_framing(markers, rest: str, requests: list[tuple[int, int]]) -> bool:
    """Whether every request of the sentence only frames it (`framing_requests`:
    a modal "you can", a purpose "to keep", a "please note") and no verb in it
    acts on the newsletter (`acting_verbs`: subscribe, share, forward,
    support, …). Then a name of the newsletter in it is no request's object:
    "you can jump to the recipe in this issue", "the shops linked in this
    email pay a fee, please note" ask the reader nothing for it."""
    framing = markers.words("asks", "framing_requests")
    if not requests or any(rest[a:b].lower() not in framing for a, b in requests):
        return False
    return markers.ask_phrase(rest, "acting_verbs") is None


# A teaser says what is held back in a line or two; longer, it is the
# author's essay about paywalls.
MAX_TEASER_WORDS = 30
# The gate opens a teaser in the publisher's voice ("Below the paywall, I
# look at …", "And now, for our paid subscribers, …") within this many words.
MAX_WORDS_BEFORE_GATE = 3


def paywall_teaser(markers, sentence: str) -> str | None:
    """Why a sentence is a paywall teaser, or None: the author telling the
    reader that part of this post is for paying readers ("The rest of this
    post is for paid subscribers.", "Below the paywall, I look at what the
    budget means for the ferries."). It sells the upgrade at the point where
    the free part ends, asks nothing in so many words and names no
    subscription page, so the other shapes miss it. Its evidence: a gate
    (`gates`: "behind the paywall", "for paid subscribers") and what it holds
    back, either this post's remainder (`gated_content`: "the rest of this",
    "this post", "below") or, when the gate opens the sentence, whatever the
    publisher (`publisher`: "I", "we") says is there. "The Times moved its
    archive behind the paywall, we reported" and "Netflix said the rest of
    the series is for paid subscribers" tell of others' paywalls and stay.
    A judgement: an unsafe fix."""
    words = word_count(sentence)
    if words == 0 or words > MAX_TEASER_WORDS:
        return None
    gate = markers.ask_phrase(sentence, "gates")
    if not gate:
        return None
    # `gate` is the sentence's own text: find it there (lower-casing may change
    # the length before it: "İ" becomes two characters).
    at = sentence.find(gate)
    # The remainder is looked for outside the gate ("Below the paywall" names no remainder).
    outside = f"{sentence[:at]} … {sentence[at + len(gate):]}" if at >= 0 else sentence
    held_back = markers.ask_phrase(outside, "gated_content")
    if held_back:
        return f"a paywall teaser: phrase '{gate}' holds back this post's remainder (phrase '{held_back}')"
    opens = at >= 0 and word_count(sentence[:at]) <= MAX_WORDS_BEFORE_GATE
    voice = opens and markers.ask_phrase(sentence[at + len(gate):], "publisher")
    if voice:
        return f"a paywall teaser: phrase '{gate}' opens the sentence in the publisher's voice (word '{voice}')"
    return None


def _sold_for_a_purpose(markers, sentence: str, selling: str | None, words: int) -> Ask | None:
    """A selling verb that opens a request after "please" ("Please sign up for
    Acme Premium!") or after what the request is for ("For more on the
    harbour, subscribe to Quay Weekend."), or that says after it what it is
    for ("Sign up for Quay Markets to get the prices"): a newsletter sold by
    what it gives the reader, the publisher's other ones too (a judgement)."""
    opening = sentence.lstrip(" \t*_#>-•·([")
    purpose = None
    if not selling:
        courtesy = _COURTESY.match(opening)
        if courtesy:
            opening = opening[courtesy.end():]
            selling = markers.ask_opening(opening, "selling")
        elif markers.ask_opening(opening, "purposes"):
            for comma in (m.start() for m in re.finditer(",", opening)):
                if word_count(opening[:comma]) > MAX_PURPOSE_WORDS:
                    break
                selling = markers.ask_opening(opening[comma + 1 :].lstrip(), "selling")
                if selling:
                    purpose, opening = opening[:comma].strip(), opening[comma + 1 :].lstrip()
                    break
        if not selling:
            return None
        if words <= MAX_SELLING_WORDS:
            return Ask(f"phrase '{selling}' opens a short sentence that sells the newsletter", sure=False)
    purpose = purpose or markers.ask_phrase(opening[len(selling):], "purposes")
    if not purpose:
        return None
    return Ask(f"phrase '{selling}' opens a request that says what it is for ('{purpose}')", sure=False)


# A sentence beside an ask that names the newsletter or speaks as its
# publisher is part of the ask only when this short.
MAX_BESIDE_WORDS = 15


def names_the_subscription(markers, sentence: str) -> str | None:
    """A sentence about the newsletter's subscription without a request
    ("Acme is a reader-supported publication."): part of an ask beside it."""
    if word_count(sentence) > MAX_BESIDE_WORDS:
        return None
    return markers.ask_phrase(sentence, "objects")


def offers_the_subscription(markers, sentence: str) -> str | None:
    """What a sentence beside an ask says of the offer, or None: what
    subscribing gets the reader ("Subscribers get the archive and the
    monthly lists, and a discount on the caps", however long; "You will get
    access to the bonus episodes"), or what it
    costs ("It's $7 a month, or $70 a year"): a price with the period it is
    charged for. Never an ask alone: "Members get a discount" or "a ticket
    is $12 a day" in a story stays unless every other sentence asks."""
    if word_count(sentence) > MAX_ASK_WORDS:
        return None
    offer = markers.ask_opening(sentence, "selling") or markers.ask_phrase(sentence, "offers")
    if offer:
        return f"what subscribing gets the reader (phrase '{offer}')"
    period = markers.ask_phrase(sentence, "price_periods")
    prices = period and markers.prices(sentence)
    if prices:
        return f"a price charged by the period ('{prices[0]}', '{period}')"
    return None


def publisher_voice(markers, sentence: str) -> str | None:
    """A short sentence in which the publisher speaks of itself ("We don't run
    a paywall, which means we depend on members."): part of an ask beside it
    that links to the newsletter's own pages, never an ask alone."""
    if word_count(sentence) > MAX_BESIDE_WORDS:
        return None
    return markers.ask_phrase(sentence, "publisher")


# A follow row's lead-in is short: "Follow us:", "Find me on Bluesky, Mastodon and LinkedIn".
MAX_FOLLOW_LEAD_IN_WORDS = 10


def follow_lead_in(markers, text: str) -> str | None:
    """The phrase by which a short text asks the reader to follow the
    newsletter elsewhere ("Follow us:", "Find me on"), or None. Whether the
    links beside it are social profiles is the caller's evidence."""
    if not text.strip() or word_count(text) > MAX_FOLLOW_LEAD_IN_WORDS:
        return None
    return markers.ask_phrase(text, "follow")


# --- Asks as units: a heading's section, a framed block -----------------------
#
# An ask is a region, not a sentence: "## Support the show" over "Members get
# ad-free episodes. [Join on Patreon](…)" and "Enjoying the show? A rating
# helps."; "**Subscribe to the print edition and save 40%.** Twelve issues a
# year, plus the archive. [Subscribe now](…)", whose middle sentence describes
# the offer and asks nothing. Each region below is found by its shape (an ask
# at its head, blocks that go on asking or are its buttons) and ends where a
# block stops asking.

# A heading this long is a story's title, not an ask ("Support the show").
MAX_ASK_HEADING_WORDS = 10
# Under an asking heading, a block this long tells a story: the ask ends before it.
MAX_ASK_SECTION_BLOCK_WORDS = 60
MAX_ASK_SECTION_BLOCKS = 5
# A short block that names the subscription is the ask's small print ("Login
# or Subscribe to participate in polls.", "Acme is funded by its readers.").
MAX_SMALL_PRINT_WORDS = 15
# A framed ask: an ask, what it offers, its button; at most this long, and no
# sentence of it longer than a story's sentence would be in an offer.
MAX_FRAMED_BLOCK_WORDS = 70
MAX_FRAMED_SENTENCE_WORDS = 30
# A button's text: "Subscribe now", "Become a member", "Jetzt Plus-Abo abschließen".
MAX_BUTTON_WORDS = 6
# Link kinds that make an ask unmistakable: the newsletter's own subscribe,
# upgrade, referral, donation or feedback pages.
SURE_KINDS = frozenset({LinkKind.SUBSCRIBE, LinkKind.REFERRAL, LinkKind.DONATE, LinkKind.SURVEY})

# A reference link ("[Subscribe today][10]"): its text, group 1.
REFERENCE_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\[[^\]\n]*\]")
# A question this short with a request in it speaks to the reader ("Enjoying the show?").
MAX_READER_QUESTION_WORDS = 6


@dataclass(frozen=True)
class AskRegion:
    """Lines `start`..`end` (exclusive) that ask as one unit, with the evidence."""

    start: int
    end: int
    shown: str  # what the finding quotes
    whys: tuple[str, ...]
    sure: bool


def _kinds(doc, markers, blocks) -> frozenset:
    """The link kinds of the blocks' links and bare addresses."""
    urls = [url for block in blocks for url in addresses(doc.source(block), images=True, bare_in_links=True)]
    return frozenset(k for k in (markers.link_kind(u) for u in urls) if k is not None)


class _LazyKinds:
    """The link kinds of some blocks, found only when an ask needs them (most headings ask nothing)."""

    def __init__(self, doc, markers, blocks) -> None:
        self.doc, self.markers, self.blocks = doc, markers, blocks

    def __iter__(self):
        return iter(_kinds(self.doc, self.markers, self.blocks))


def _text(doc, block) -> str:
    return visible_text_without_urls(doc.source(block)).replace("\n", " ").strip()


def _buttons(doc, markers, block) -> list[str]:
    """The texts of a block's links that are buttons of an ask: short, and
    opening with a verb that sells the newsletter ("Become a member")."""
    source = doc.source(block)
    texts = [visible_text(source[link.text_start : link.text_end]).strip() for link in doc.top_links(block)]
    if "][" in source:
        texts += [m.group(1).strip() for m in REFERENCE_LINK.finditer(source)]  # "[Subscribe today][10]"
    return [t for t in texts if t and word_count(t) <= MAX_BUTTON_WORDS and markers.ask_opening(t, "selling")]


def _links_only(doc, block) -> bool:
    """A block of nothing but links, images and separators (a button, an answer row)."""
    if block.kind != "paragraph":
        return False
    links = doc.top_links(block)
    if not links:
        return False
    source, pos, outside = doc.source(block), 0, []
    for link in links:
        outside.append(source[pos : link.start])
        pos = link.end
    outside.append(source[pos:])
    return not any(ch.isalnum() for ch in visible_text_without_urls("".join(outside)))


def _goes_on_asking(doc, markers, block, follow: bool) -> str | None:
    """Why a block under an asking heading is part of the ask, or None: a
    row of links (its buttons, its answers, its profiles), a sentence that
    asks or requests, a button, or small print that names the subscription."""
    if block.kind != "paragraph":
        return None
    text = _text(doc, block)
    if word_count(text) > MAX_ASK_SECTION_BLOCK_WORDS:
        return None
    if _links_only(doc, block):
        return "a row of links (its buttons or answers)"
    if any(author_closing(doc, markers, block, i) for i in range(block.start, block.end)):
        return None  # the author's closing ("Just reply, it lands in my inbox", a sign-off, a P.S.) asks nothing of the list
    if follow:
        return None  # a follow heading takes its row of links, no prose
    if _buttons(doc, markers, block):
        return "a button that sells the newsletter"
    kinds = _LazyKinds(doc, markers, [block])
    short = word_count(text) <= MAX_SMALL_PRINT_WORDS * 2
    for a, b in sentences(text):
        sentence = text[a:b].strip()
        if sentence_ask(markers, sentence, kinds) is not None:
            return f"the sentence {sentence[:40]!r} asks"
        if sentence.endswith(("?", "？")) and word_count(sentence) <= MAX_READER_QUESTION_WORDS:
            request = markers.ask_phrase(sentence, "requests")
            if request:
                return f"the question {sentence!r} speaks to the reader (phrase '{request}')"
        opening = markers.ask_opening(sentence, "imperatives")
        if opening:
            # (An opening request only: "to keep" inside a story's sentence asks nothing.)
            return f"the sentence {sentence[:40]!r} opens with a request ('{opening}')"
        named = names_the_subscription(markers, sentence) if short else None
        if named:
            return f"the sentence {sentence[:40]!r} names the subscription (phrase '{named}')"
    return None


def _heading_text(doc, heading) -> str:
    text = doc.visible(heading)
    if heading.is_setext:
        text = text.rsplit("\n", 1)[0]
    return text.strip()


def ask_sections(doc, markers, covered) -> list[AskRegion]:
    """Headings that ask ("Support the show", "What did you think of today's
    issue?", "Follow us", "Make your gift to the Fund") with the blocks under
    them that go on asking: one region, up to a break, a sub-heading, the
    copyright line, or the first block that tells something else."""
    from ..extents import is_document_title, is_footer_boundary

    regions = []
    for heading in doc.blocks:
        if heading.kind != "heading" or heading.start in covered:
            continue
        title = _heading_text(doc, heading)
        if not title or word_count(title) > MAX_ASK_HEADING_WORDS or is_document_title(doc, heading):
            continue
        end_of_section = doc.section_end(heading)
        inner = doc.blocks_between(heading.end, end_of_section)[:MAX_ASK_SECTION_BLOCKS]
        follow = follow_lead_in(markers, title)
        follow = follow if follow and title.lstrip(" *_#>-•·([").lower().startswith(follow.lower()) else None
        # Read first beside every link of the section's first blocks (cheap:
        # most headings ask nothing with any link), and again below beside
        # the links of the blocks the region takes.
        ask = None if follow else _heading_ask(markers, title, _LazyKinds(doc, markers, inner))
        if ask is None and follow is None:
            continue
        end, why_end, parts = heading.end, "the end of the section", []
        for block in inner:
            if block.kind == "hr":
                why_end = "a thematic break"
                break
            if block.kind == "heading" or is_footer_boundary(doc, block):
                why_end = "a heading" if block.kind == "heading" else "the copyright line"
                break
            part = _goes_on_asking(doc, markers, block, follow is not None)
            if part is None:
                why_end = f"a block that asks nothing ({_text(doc, block)[:32]!r})"
                break
            parts.append(part)
            end = block.end
        if not parts or any(i in covered for i in range(heading.start, end)):
            continue
        kinds = _kinds(doc, markers, [b for b in inner if b.end <= end])
        if not follow:
            # A heading that asks only beside a link to an own page asks beside
            # one that goes with it: a subscribe link under a sub-heading, past
            # the story the region stopped at, is none ("# Review of the
            # harbour year" over its story).
            ask = _heading_ask(markers, title, kinds)
            if ask is None:
                continue
        if follow:
            head = f"the heading asks the reader to follow (phrase '{follow}')"
            sure = bool(kinds) and all(k is LinkKind.SOCIAL for k in kinds)
        else:
            head = f"the heading {title[:40]!r}: {ask.why}"
            own = kinds & SURE_KINDS
            sure = ask.sure and bool(own)
            if own:
                head += f" (link kind '{sorted(k.value for k in own)[0]}' under it)"
        regions.append(AskRegion(heading.start, end, title, (head, *parts, f"ends at {why_end}"), sure))
        covered.update(range(heading.start, end))
    return regions


def _heading_ask(markers, title: str, kinds) -> Ask | None:
    """Whether a heading asks, beside links of these kinds: `sentence_ask`,
    or an opening request over a link to a donation page ("## Give the river
    a gift this winter" over a donate button: the heading asks, and the
    section's own donation page says for whom)."""
    ask = sentence_ask(markers, title, kinds)
    if ask is None:
        opening = markers.ask_opening(title, "imperatives")
        if opening and LinkKind.DONATE in set(kinds):
            ask = Ask(f"phrase '{opening}' opens it, over a link to a donation page", sure=False)
    return ask


def framed_ask(doc, markers, block) -> "tuple[tuple[str, ...], bool] | None":
    """A short paragraph framed by an ask: it opens with an ask and closes
    with one (an asking sentence, a button, a link to the newsletter's own
    pages), what stands between describing the offer ("Twelve issues a year,
    delivered."); or it closes with a selling button and another of its
    sentences asks or names the subscription. The evidence and whether it is
    sure (an ask with a request and its object, and a link to the
    newsletter's own subscribe, referral, donation or survey pages)."""
    text = _text(doc, block)
    if word_count(text) > MAX_FRAMED_BLOCK_WORDS:
        return None
    spans = [(a, b) for a, b in sentences(text) if any(map(str.isalnum, text[a:b]))]
    if len(spans) < 2:
        return None
    said = [text[a:b].strip() for a, b in spans]
    if any(word_count(s) > MAX_FRAMED_SENTENCE_WORDS for s in said):
        return None
    if any(markers.postal_address(s) for s in said):
        return None  # the postal address SPEC keeps, run on from the line above
    kinds = _kinds(doc, markers, [block])
    own = kinds & SURE_KINDS
    buttons = _buttons(doc, markers, block)
    first = sentence_ask(markers, said[0], kinds)
    if first is not None:
        last = sentence_ask(markers, said[-1], kinds)
        if last is None and not buttons and not own:
            return None
        closing = (f"closes with the button {buttons[-1]!r}" if buttons
                   else f"a link to a {sorted(k.value for k in own)[0]} page" if own and last is None
                   else f"closes with an ask ({last.why})")
        whys = (f"{said[0][:40]!r} opens it: {first.why}", closing)
        return whys, first.sure and bool(own)
    if own:
        # "Acme is free today. If you enjoyed this post, pledge a subscription.
        # You won't be charged yet.": an ask with a link to the newsletter's
        # own pages, the sentences around it short remarks on the offer.
        asks = [(s, sentence_ask(markers, s, kinds)) for s in said]
        found = next(((s, a) for s, a in asks if a is not None), None)
        ours = found is not None and (found[1].sure or own - {LinkKind.DONATE})
        if ours and all(a is not None or word_count(s) <= MAX_BESIDE_WORDS for s, a in asks):
            page = sorted(k.value for k in own)[0]
            return (f"{found[0][:40]!r}: {found[1].why}", f"a link to a {page} page; the other sentences are short"), False
    if not buttons:
        return None
    for sentence in said:
        if sentence.strip(" .!:") in buttons:
            continue  # the button itself is no other sentence
        ask = sentence_ask(markers, sentence, kinds)
        named = None if ask else names_the_subscription(markers, sentence)
        opening = None if ask or named else markers.ask_opening(sentence, "imperatives")
        if ask or named or opening:
            why = (ask.why if ask else f"names the subscription (phrase '{named}')" if named
                   else f"opens with a request ('{opening}')")
            return (f"closes with the button {buttons[-1]!r}", f"{sentence[:40]!r}: {why}"), False
    return None


# A poll: a short question, then two or more answer links of a few words each
# that lead to one page and differ in one answer value (".../vote-5",
# ".../vote-3"; "?r=1", "?r=0"): the answers recorded by one page.
MAX_POLL_QUESTION_WORDS = 30
MAX_ANSWER_WORDS = 5
MIN_POLL_ANSWERS = 2
# An answer value is a word or a number ("yes", "loved", "3") or such a value
# behind one key word ("answer-3", "vote-5"): at most this many parts of at
# most this many characters. A story's slug is a phrase ("ferry-fares-rise").
MAX_ANSWER_VALUE_PARTS = 2
MAX_ANSWER_PART_CHARS = 12
_VALUE_PARTS = re.compile(r"[^\W_]+")


def _answer_urls(doc, block) -> "list[str] | None":
    """The targets of a block of nothing but short links (an answer row, or one answer)."""
    if not _links_only(doc, block):
        return None
    source = doc.source(block)
    links = doc.top_links(block)
    if any(word_count(visible_text(source[l.text_start : l.text_end])) > MAX_ANSWER_WORDS for l in links):
        return None
    return [link.destination for link in links]


def answers_to_one_page(urls: list[str]) -> bool:
    """Whether the links are one page's answers: the same address but for
    one answer value, the value of one query parameter ("…/fb?s=good&i=214")
    or the last segment of the path ("…/r/5512/vote-5", "…/fb/2"), a word or
    a number (`answer_value`). Two articles of one site differ there too, but
    by their slugs ("…/2026/04/ferry-fares-rise"), which are phrases, or
    by whole paths. NL302's polls by shape read the same test."""
    if len(set(urls)) < MIN_POLL_ANSWERS:
        return False
    values = answer_values(urls)
    return values is not None and len(set(values)) >= MIN_POLL_ANSWERS and all(map(answer_value, values))


def answer_values(urls: list[str]) -> "list[str] | None":
    """The values in which the addresses differ, one a link, when they differ
    in one place only: one query value (`one_value_differs`) or, the rest the
    same, the last segment of the path. None otherwise."""
    parts = [split_url(u) for u in urls]
    if not parts[0].netloc or len({(p.scheme, p.netloc) for p in parts}) != 1:
        return None
    if one_value_differs(urls):
        queries = [parse_qsl(p.query, keep_blank_values=True) for p in parts]
        where = next(i for q in queries for i, pair in enumerate(q) if pair != queries[0][i])
        return [q[where][1] for q in queries]
    if len({(p.query, p.fragment) for p in parts}) != 1:
        return None
    folders, lasts = set(), []
    for p in parts:
        folder, _, last = p.path.rstrip("/").rpartition("/")
        folders.add(folder)
        lasts.append(last)
    if len(folders) != 1:
        return None
    return lasts


def answer_value(value: str) -> bool:
    """Whether a differing value reads as a poll's answer: a word or a
    number, or one behind a key word ("answer-3"), not a slug's phrase."""
    value_parts = _VALUE_PARTS.findall(value)
    return (0 < len(value_parts) <= MAX_ANSWER_VALUE_PARTS
            and all(len(part) <= MAX_ANSWER_PART_CHARS for part in value_parts))


def one_value_differs(urls: list[str]) -> bool:
    """Whether the addresses are one page with the same query but for the
    value of one parameter (".../fb?s=good&i=214", ".../fb?s=bad&i=214"):
    the answer of a poll, wherever it stands in the query."""
    parts = [split_url(u) for u in urls]
    if any(not p.query for p in parts) or len({(p.scheme, p.netloc, p.path) for p in parts}) != 1:
        return False
    queries = [parse_qsl(p.query, keep_blank_values=True) for p in parts]
    if len({tuple(k for k, _ in q) for q in queries}) != 1:
        return False
    differing = {i for q in queries for i, pair in enumerate(q) if pair != queries[0][i]}
    return len(differing) == 1


def sibling_poll(doc, markers, block) -> "tuple[int, tuple[str, ...]] | None":
    """A question to the reader and the answer links under it (or after it in
    the same paragraph) that lead to one page: where the poll ends, and why."""
    if block.kind != "paragraph":
        return None
    source = doc.source(block)
    links = doc.top_links(block)
    # The question is what stands before the first link ("How was it? [Great](…) · [Meh](…)").
    asked = source[: links[0].start] if links else source
    question = visible_text_without_urls(asked).replace("\n", " ").strip(" *_\t")
    if not question.endswith(("?", "？", ":")) or word_count(question) > MAX_POLL_QUESTION_WORDS:
        return None
    if not (markers.ask_phrase(question, "reader") or markers.ask_phrase(question, "requests")):
        return None  # "What went wrong?" over story links asks the reader nothing
    end, urls = block.end, []
    if links:
        rest = source[links[0].start :]
        if any(ch.isalnum() for ch in visible_text_without_urls(_LINKS_IN.sub(" ", rest))):
            return None
        urls = [link.destination for link in links]
    else:
        nxt = doc.next_block(block)
        while nxt is not None and (found := _answer_urls(doc, nxt)) is not None:
            urls += found
            end = nxt.end
            if len(found) >= MIN_POLL_ANSWERS:
                break  # a row of answers is the whole poll
            nxt = doc.next_block(nxt)
    if len(urls) < MIN_POLL_ANSWERS or not answers_to_one_page(urls):
        return None
    return end, (f"a question to the reader ({question[:40]!r})",
                 f"{len(urls)} short answer links to one page that differ in one answer value")


_LINKS_IN = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")


# A pitch over its button: a paragraph at most this long, at most this many
# paragraphs of it.
MAX_PITCH_WORDS = 70
MAX_PITCH_BLOCKS = 3


def lone_button(doc, markers, block) -> str | None:
    """The verb that sells the newsletter, when a block's visible text is a
    button and nothing else: a selling verb ("Subscribe", "Become a Paid
    Subscriber Today"), or a request with a link to the newsletter's own
    subscribe or donation page ("Support" over its signup address)."""
    text = _text(doc, block).strip(" *_#>")
    if not text or word_count(text) > MAX_BUTTON_WORDS:
        return None
    selling = markers.ask_opening(text, "selling")
    if selling:
        return selling
    request = markers.ask_opening(text, "imperatives")
    if request and _kinds(doc, markers, [block]) & SURE_KINDS:
        return request
    # One link to the newsletter's own subscribe or upgrade page, nothing
    # else, in any language ("[Passa all'abbonamento a pagamento](…/subscribe)").
    links = doc.top_links(block)
    if len(links) == 1 and not links[0].is_image and _only_link(doc.source(block), links[0]) \
            and markers.link_kind(links[0].destination) is LinkKind.SUBSCRIBE:
        return text
    return None


def _only_link(source: str, link) -> bool:
    """Whether nothing a reader sees stands beside the link in its block."""
    return not any(ch.isalnum() for ch in source[: link.start] + source[link.end :])


def subscription_pitch(doc, markers, block) -> str | None:
    """Why a paragraph right above a lone selling button is its pitch, or
    None: short, addressed to the reader or in the publisher's voice, and
    one of its sentences names the membership or the subscription, says
    what it gets the reader or what it costs by the period ("Unlimited
    access for you and three others … All for less than $4 a week." over
    "[Subscribe](…)"; "To celebrate the milestone, I'm running a membership
    drive … Please consider joining today!" over "Support"). It links
    nowhere but to the newsletter's own pages: a story's paragraph links
    where it tells. "Netflix lost two million paid subscribers." over a
    button speaks to no one and stays. The newsletter naming itself is the
    publisher's voice too ("This newsletter runs on its paying
    members.", its own name: `self_names`, `publisher.newsletter_names`)
    when a sentence names the membership or what it gets the reader."""
    if block is None or block.kind != "paragraph":
        return None
    text = _text(doc, block)
    if not text or word_count(text) > MAX_PITCH_WORDS or markers.postal_address(text):
        return None
    kinds = _kinds(doc, markers, [block])
    if addresses(doc.source(block), images=True) and not (kinds and kinds <= OWN_PAGE_KINDS):
        return None
    voice = markers.ask_phrase(text, "reader") or markers.ask_phrase(text, "publisher")
    # The newsletter speaking of itself ("This newsletter runs on its
    # paying members", "The Acme Almanac carries no ads") is its publisher's voice,
    # but then only the membership names what it sells: "this letter" alone
    # is the self-reference, not a subscription.
    self_named = voice is None
    if self_named:
        voice = markers.ask_phrase(text, "self_names") or names_itself(doc, text, markers)
    if voice is None:
        return None
    for a, b in sentences(text):
        sentence = text[a:b]
        named = markers.ask_phrase(sentence, "membership") or (None if self_named else markers.ask_phrase(sentence, "objects"))
        if named:
            return f"names the subscription (phrase '{named}'), in words between the publisher and its reader ('{voice}')"
        offer = offers_the_subscription(markers, sentence)
        if offer:
            return f"says {offer}, in words between the publisher and its reader ('{voice}')"
    return None


def pitch_above(doc, markers, button, taken) -> tuple[str, int, list[str]] | None:
    """The pitch over a lone button that sells the newsletter: the selling
    verb of the button, the first line of the paragraphs right above it that
    pitch what it sells (`subscription_pitch`, at most `MAX_PITCH_BLOCKS`,
    none of whose first lines is in `taken`), and why each is a pitch; None
    when the block is no such button or nothing above it pitches. A short
    heading right above the pitch that asks ("Support independent writing")
    is its title and goes with it. The rule
    that removes the button owns the pitch too, so the pitch never stays
    behind with nothing under it."""
    selling = lone_button(doc, markers, button)
    if selling is None:
        return None
    start, whys = button.start, []
    above = doc.previous_block(button)
    while above is not None and len(whys) < MAX_PITCH_BLOCKS and above.start not in taken:
        why = subscription_pitch(doc, markers, above)
        if why is None:
            break
        start, whys = above.start, [why, *whys]
        above = doc.previous_block(above)
    if whys and above is not None and above.kind == "heading" and above.start not in taken:
        # "## Support local reporting" over the pitch: the
        # section's title asks too, and would stay over nothing of its own.
        title = _text(doc, above).strip(" *_#>")
        asking = word_count(title) <= MAX_BUTTON_WORDS and (
            markers.ask_opening(title, "selling") or markers.ask_opening(title, "imperatives"))
        if asking:
            start, whys = above.start, [f"stands under a heading that asks (phrase '{asking}'), which goes with it", *whys]
    return (selling, start, whys) if whys else None


def framed_asks(doc, markers, covered, candidates) -> list[tuple[object, tuple[str, ...], bool]]:
    """The paragraphs that are framed asks (`framed_ask`), not yet `covered`,
    on the `candidates` lines (those that hold an ask's word or link)."""
    found = []
    for block in doc.all_blocks:
        if block.kind != "paragraph" or any(i in covered for i in range(block.start, block.end)):
            continue
        last_line = doc.lines[block.end - 1].rstrip(" *_")
        if last_line.endswith(("?", "？", ":", ")")):
            poll = sibling_poll(doc, markers, block)
            if poll is not None and not any(i in covered for i in range(block.start, poll[0])):
                found.append((block.start, poll[0], *poll[1:], False))
                covered.update(range(block.start, poll[0]))
                continue
        if not candidates.touches(block.start, block.end):
            continue
        verdict = framed_ask(doc, markers, block)
        if verdict is not None:
            found.append((block.start, block.end, *verdict))
            covered.update(range(block.start, block.end))
    return found


# --- An ask to pay inside a longer paragraph --------------------------------
#
# "Welcome to Quay Weekly, a letter about the harbour. It runs on its readers.
# If you'd like to support it, please subscribe." The ask is one sentence of a
# paragraph (or, in a flattened email, of a line) whose other sentences tell
# something, so no reading of the whole block or line finds it. It is read
# sentence by sentence: a sentence that asks (`sentence_ask`) and asks the
# reader to pay or join, by a price, a link to the newsletter's own
# subscribe or donation page, or a word of paying (`[asks].paying`) in a
# request with the newsletter as its object, goes; so do the sentences right
# after it that pitch its offer (what it gets the reader, a price, a word of
# paying) and the short ones right before it that lead in to it or name the
# newsletter. A story's sentence that tells of others' subscriptions ("The
# paper asked its readers to pay for a subscription") asks nothing of this
# reader and stays, and so does "As a paid subscriber, you'll keep access"
# (no request).

# The marks that end a sentence in a line's markdown, with what closes after them.
_SOURCE_SENTENCE_END = re.compile(r"(?:[.!?…。！？]+|:)[\"'”’)*_\]]*(?=\s|$)")
# A short question to the reader before an ask leads in to it ("Want to keep it free?").
MAX_LEAD_IN_QUESTION_WORDS = 6
# A sentence this short beside an ask leads in to it ("Like this?", "Support Our Serpent:"); NL302 reads it too.
MAX_LEAD_IN_WORDS = 5
PAYING_KINDS = frozenset({LinkKind.SUBSCRIBE, LinkKind.DONATE})


def source_sentences(markers, line: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one line of markdown. A stop inside a link
    or a bare address ends no sentence ("[sign up here.](…)" is one with what
    follows it up to the next stop), nor does an abbreviation's ("Col. (Ret.)
    Ann P. Ward", "U.S.", `[sentences]`): a cut there would leave half a
    sentence. What follows the last stop and shows no letter or digit ("→")
    belongs to the last sentence."""
    line_links = top_links_of(line)
    protected = [(link.start, link.end) for link in line_links]
    protected += [m.span() for m in BARE_ADDRESS.finditer(line)]
    ends = []
    for m in _SOURCE_SENTENCE_END.finditer(line):
        end = m.end()
        if any(a < end <= b - 1 or a <= m.start() < b for a, b in protected):
            continue
        if line[m.start()] == "." and _abbreviated(markers, line, m.start()):
            continue
        ends.append(end)
    # A link whose text ends a sentence ends it ("[You can sign up here.](…) More …").
    ends += [link.end for link in line_links
             if line[link.text_start:link.text_end].rstrip(" *_").endswith((".", "!", "?"))
             and (link.end == len(line) or line[link.end].isspace())]
    spans, start = [], 0
    for end in sorted(set(ends)):
        spans.append((start, end))
        start = end
    if start < len(line):
        if spans and not any(ch.isalnum() for ch in visible_text_without_urls(line[start:])):
            spans[-1] = (spans[-1][0], len(line))
        else:
            spans.append((start, len(line)))
    out = []
    for a, b in spans:
        while a < b and line[a] in " \t":
            a += 1
        while b > a and line[b - 1] in " \t":
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# The word before a stop that ends no sentence: a letter ("P.", "U.S."), or a
# short capitalised title ("Dr.", "Col.", "Ret.").
_ABBREVIATED = re.compile(r"(?:^|[\s(.])(?:[A-Za-z]|[A-Z][a-z]{1,2})$")


# How far before a stop the abbreviation test reads (a flattened email is one line of a megabyte).
_ABBREVIATION_WINDOW = 6


def _abbreviated(markers, line: str, period: int) -> bool:
    return (markers.ends_no_sentence(line, period)
            or _ABBREVIATED.search(line, max(0, period - _ABBREVIATION_WINDOW), period) is not None)


# A request that only states a condition ("If you become a paid subscriber,
# check your inbox", "Already a paid subscriber? Grab your perks"): no ask to pay.
_CONDITION = re.compile(r"\b(?:if|when|once|as) you(?:'re|’re| are)?\s*$|^(?:(?:if|when|once|as) you|already|thank|thanks)\b", re.I)


def _asks_outright(markers, sentence: str) -> bool:
    """Whether one of a sentence's requests is more than a condition or a
    frame: "please", "consider", "become a member" after "the best way is
    to"; not "if you become a paid subscriber", "if you'd like", "if you're a
    paid subscriber", nor a modal or a purpose that speaks of anyone ("you
    can subscribe to four services for the price of two tickets":
    `generic_requests`, `framing_requests` but "please")."""
    frames = (markers.words("asks", "generic_requests") | markers.words("asks", "framing_requests")) - {"please"}
    for a, b in markers.ask_phrase_spans(sentence, "requests"):
        phrase = sentence[a:b]
        if phrase.lower() in frames or _CONDITION.search(sentence[max(0, a - 16):a]) or _CONDITION.search(phrase):
            continue
        return True
    return bool(markers.ask_opening(sentence, "imperatives"))


# A verb of paying followed by another publication's name ("subscribe to The
# Daily Ledger, home of the best writing"): a recommendation of someone
# else's, unless a price or the newsletter's own page says it is this one.
_TO_ANOTHER = re.compile(r"\b(?:subscrib\w*|sign(?:ing)? up|upgrad\w*|join\w*)\s+(?:to|for)\s+(?:the\s+)?[A-Z]", re.I)


def paying_ask(markers, sentence: str, link_kinds) -> str | None:
    """Why a sentence asks the reader to pay for or join the newsletter, or
    None: an ask (`sentence_ask`) with a price in it, with a link to the
    newsletter's own subscribe or donation page, or, when it is a request
    with the newsletter as its object, with a word of paying in it
    ("please subscribe", "become a paid supporter"; `[asks].paying`). "If
    you enjoy this, share it with a friend" asks for no payment: not this."""
    opening = sentence.lstrip(" \t*_#>-•·([“\"'‘")
    if not opening or opening[0].islower() or sentence.rstrip(" *_").endswith(("?", "？")):
        # Lower case goes on a sentence before it ("… the argument: you can
        # subscribe …"); a question leads in to an ask, it asks to pay for nothing.
        return None
    ask = sentence_ask(markers, sentence, link_kinds)
    if ask is None:
        return None
    prices = markers.prices(sentence)
    if prices:
        return f"{ask.why}, with a price ('{prices[0]}')"
    own = sorted(k.value for k in set(link_kinds) & PAYING_KINDS)
    if own:
        return f"{ask.why}, with a link to a {own[0]} page"
    paying = (ask.sure and _asks_outright(markers, sentence) and not _names_another(sentence)
              and markers.ask_phrase(sentence, "paying"))
    if paying:
        return f"{ask.why}, asking the reader to pay or join (word '{paying}')"
    return None


def _names_another(sentence: str) -> bool:
    """Whether a verb of paying in the sentence has a named publication for
    its object ("subscribe to The Daily Ledger"): the Capital stays upper case."""
    m = _TO_ANOTHER.search(sentence)
    return m is not None and sentence[m.end() - 1].isupper()


def pitches_the_offer(markers, sentence: str) -> str | None:
    """Why a sentence right after an ask to pay pitches its offer, or None:
    what subscribing gets the reader or costs by the period
    (`offers_the_subscription`), or a word of paying ("New subscribers get
    the current issue at once."). Never an ask alone."""
    if word_count(sentence) > MAX_ASK_WORDS:
        return None
    offer = offers_the_subscription(markers, sentence)
    if offer:
        return offer
    # (A price alone is a story's too: "It cost $40, she said.")
    paying = markers.ask_phrase(sentence, "paying")
    return f"a word of paying ('{paying}')" if paying else None


def leads_in_to_an_ask(markers, sentence: str) -> str | None:
    """Why a sentence right before an ask to pay is its lead-in, or None: a
    few words ("A reminder:"), a short question with a request to the reader
    ("Want to keep it free?"), or a short sentence that names the newsletter
    or its subscription (`names_the_subscription`)."""
    words = word_count(sentence)
    if words <= MAX_LEAD_IN_WORDS and not sentence.rstrip(" *_").endswith((".", "。")):
        return "a short lead-in"
    if sentence.rstrip(" *_").endswith(("?", "？")) and words <= MAX_LEAD_IN_QUESTION_WORDS:
        request = markers.ask_phrase(sentence, "requests")
        if request:
            return f"a short question to the reader (phrase '{request}')"
    named = names_the_subscription(markers, sentence)
    return f"names the newsletter (phrase '{named}')" if named else None


# A paragraph of an email asks to pay once or twice; a line with more asks
# than this is no email's paragraph (and each cut costs a read of the line).
MAX_ASKS_A_LINE = 3


def asks_to_pay_in(markers, line: str, kinds_of) -> "tuple[list[tuple[int, int]], tuple[str, ...]] | None":
    """The spans of a line of markdown (a paragraph of the email) that ask the
    reader to pay or join, with the evidence, or None: each ask to pay
    (`paying_ask`) with the sentences right after it that pitch its offer and
    the ones right before it that lead in to it. `kinds_of(source)`: the link
    kinds of a piece of markdown. Several asks on a line are several spans,
    at most `MAX_ASKS_A_LINE` of them: a line with more is read as no ask."""
    spans = source_sentences(markers, line)
    texts = [visible_text_without_urls(line[a:b]).strip() for a, b in spans]
    taken: list[tuple[int, int]] = []
    whys: list[str] = []
    k = 0
    while k < len(spans):
        text = texts[k]
        why = paying_ask(markers, text, kinds_of(line[spans[k][0]:spans[k][1]])) if any(map(str.isalnum, text)) else None
        if why is None:
            k += 1
            continue
        first, last = k, k
        leads = []
        while first - 1 >= 0 and (not taken or taken[-1][1] <= spans[first - 1][0]):
            lead = leads_in_to_an_ask(markers, texts[first - 1])
            if lead is None:
                break
            first -= 1
            leads.insert(0, f"{texts[first][:40]!r}: {lead}")
        whys += [*leads, f"{text[:40]!r}: {why}"]
        while last + 1 < len(spans):
            pitch = pitches_the_offer(markers, texts[last + 1])
            if pitch is None and sentence_ask(markers, texts[last + 1], kinds_of(line[slice(*spans[last + 1])])):
                pitch = "goes on asking"
            if pitch is None:
                break
            last += 1
            whys.append(f"{texts[last][:40]!r}: {pitch if pitch == 'goes on asking' else f'pitches the offer ({pitch})'}")
        # The spaces before the next sentence go with the ask, so that no two stay side by side.
        end = spans[last + 1][0] if last + 1 < len(spans) else len(line.rstrip("\n"))
        taken.append((spans[first][0], end))
        if len(taken) > MAX_ASKS_A_LINE:
            return None
        k = last + 1
    return (taken, tuple(whys)) if taken else None
