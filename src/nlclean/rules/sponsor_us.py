"""NL102 sponsor-us: a "Sponsor us" / "Advertise with us" section.

## What it does
Finds the newsletter's own pitch for advertisers: a heading, the short
first line under a heading, or a short first line such as `Sponsor us`, `Advertise with us`, `Advertise in Bytes`,
`Become a sponsor`, `Partner with us`, `Ad spots`, `Interested in sponsoring X?`,
or a lone `Advertise` navigation link. Phrases: `[sponsor_us]` in `data/markers.toml`.

In a short block (at most 40 words) the pitch may open a later sentence:
"Want to reach 12,000 engineers? Advertise with us." (German, French,
Spanish, Italian, Japanese and Chinese phrases in `[sponsor_us]` of
`data/lang-*.toml`); the block goes.

The pitch may also be a question to the reader ("📢 Want to reach 28,000
shell enthusiasts?", "¿Quieres anunciarte en X?": `in_question` of
`[sponsor_us]`) in a short block that invites advertisers; the audience in
numbers ("reach 28,000 …", "llegamos a 65.000 …": `audience_verbs`) is an
invitation too. "Should the city sponsor the festival?" invites nobody and
stays.

A job board's pitch to employers sells the same audience: a short line (at
most 12 words) that opens with a job-post phrase ("Post a job", "Post your
role"; `job_posts`), after an optional "Hiring?" (`hiring`), when the
question asks it or the audience stands beside it in numbers ("to 8,000
welders", "reach 5,200 …"; `job_audience`). A heading takes the
short blocks under it that go on pitching (the audience, the price, the
button); a line takes its short block, or in a plain-text email, closing a
section of listings, only itself: the listings are content. "Post a job
without a salary and pay a fine" names no audience and stays.

The newsletter also sells a place in itself without a sponsor-us phrase.
A short block (at most 40 words), or in a flattened paragraph one line of
whole sentences, sells a slot when it offers one (a sentence opening with
the audience in numbers, "Reach 12,000 marine biologists every
Friday."; or a question that offers the reader's thing a place here, "Want
your bakery here?": `slot_questions`) and either names the slot's rate (a
price at most four words after `slot_nouns`: "featured slots from $420",
"ads start at $90 per issue") or leads only to the newsletter's own pages
or its advertising page. A heading that opens with a job-post phrase over
such a block ("## Post a job on Acme") takes it. A sentence that tells
advertisers where to write ("For inquiries about sponsoring the show,
email ads@…": a sponsoring word whose object is the newsletter's own
medium, `own_media`, and a mail address after a `contact_verbs` verb) goes
alone; the credit beside it stays. Near misses that stay: "Reach 10,000
steps a day" over a link to a journal, "Is your station here? A 30-second
ad now starts at $7 million" (a story about ad prices), "Businesses
interested in sponsoring the race can email …" (an event's ask). These
two shapes are judgements (unsafe); the job-board heading is safe.

A sponsor-us heading invites the reader to buy ads. Some phrases also open
a topic's title (`## ADVERTISING` as a news category, `### Sponsor economics`,
`## Advertising: the year ahead`, a paragraph "Sponsor deals rose 8%."): those
(`ambiguous` in the data) count only when the heading asks (ends in `?`) or
the section, or the line's block, invites advertisers: an `invitation` phrase
(rates, media kit, "reach 20,000 readers", "get in touch") or a link to an
advertising page or an email address. A pitch line under a story's heading
takes the heading's section only when the heading asks or every block of
the section pitches.

## Why is this bad?
It sells the reader to advertisers; it is no story.

## How far it goes
A heading takes its section (never past the copyright line or the postal
address: "Sponsor us" over the email's last lines leaves the address), as NL101.
A line takes its block (its list item); so does a pitch in a later sentence. A lone pitch line ("Advertise with us",
"Want to advertise in X? Click here") also takes the blocks under it that go
on pitching (short blocks with an invitation: rates, media kit, contact), at
most four; the first other block (the next story, the postal address) stays.

## Example
```markdown
## SPONSOR US

Get your product in front of 100,000 engineers.

© 2025 Example Media
```
becomes
```markdown
© 2025 Example Media
```

## Fix safety
Safe, except a slot sold without a sponsor-us phrase and the sentence that
tells advertisers where to write (unsafe).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..evidence.asks import sentences
from ..evidence.own_pages import own_host
from ..extents import Extent, is_document_title, is_footer_boundary, label_block_extent, section_extent
from ..findings import Applicability, Finding
from ..inline_syntax import visible_text
from ..markers import PhraseSearch, alternation
from .base import Rule
from ._shared import quote

# A line longer than this is a sentence that mentions advertising, not the pitch.
MAX_LINE_WORDS = 10
MAX_HEADING_WORDS = 8
# Blocks under a lone pitch line that still pitch (rates, contact): at most
# this many, each at most this long.
MAX_PITCH_BLOCKS = 4
MAX_PITCH_BLOCK_WORDS = 60
# How many blocks of a section show whether it invites advertisers.
INVITATION_BLOCKS = 3


def _words(text: str) -> int:
    """Words with a letter or digit: an emoji or a bullet is no word."""
    return sum(1 for w in text.split() if any(map(str.isalnum, w)))


def _question_words(markers) -> PhraseSearch:
    return PhraseSearch(markers.data.get("sponsor_us", {}).get("in_question", []))


def _audience_pattern(markers) -> "re.Pattern":
    verbs = markers.data.get("sponsor_us", {}).get("audience_verbs", [])
    # The verb, at most two words, then a number ("reach over 28,000 …", "llegamos a 65.000 …").
    return re.compile(rf"\b(?:{alternation(verbs)})\s+(?:[^\W\d_]+\s+){{0,2}}\d[\d.,]*\s*[kKmM]?\b" if verbs else "(?!)", re.I)


def _invites(doc, markers, blocks) -> bool:
    """Whether the blocks invite advertisers: an invitation phrase ("media kit",
    "get in touch"), the audience in numbers ("reach 28,000 engineers"), or a
    link to an advertising page or an email address."""
    audience = markers.compiled("sponsor_us.audience", _audience_pattern)
    for block in blocks:
        text = doc.visible(block)
        if markers.invitation(text) or audience.search(text):
            return True
        if any(markers.is_invitation_url(link.destination) for link in doc.links(block)):
            return True
    return False


def _asks(doc, heading) -> bool:
    """Whether a heading is a question ("Want to reach our readers?"); a
    setext heading's underline is no part of its text."""
    text = doc.visible(heading)
    if heading.is_setext:
        text = text.rsplit("\n", 1)[0]
    return text.rstrip(" *_#").endswith(("?", "？"))


def _pitch_extent(doc, markers, block, label_only: bool) -> Extent:
    """A pitch line takes its block (its list item or quote). A lone pitch line
    ("Advertise with us") also takes the blocks under it that go on pitching:
    short blocks that invite advertisers (rates, media kit, contact). The first
    other block is the next story or the postal address, and stays."""
    extent = label_block_extent(doc, block, label_only=False)
    if not label_only or block.depth > 0:
        return extent
    end, why = extent.end, "the end of its block (what follows is not about advertising)"
    nxt = doc.next_block(block)
    taken = 0
    while nxt is not None and taken < MAX_PITCH_BLOCKS:
        if nxt.kind in ("heading", "hr") or is_footer_boundary(doc, nxt):
            why = "a heading" if nxt.kind == "heading" else "a thematic break" if nxt.kind == "hr" else "the copyright line"
            break
        if _words(doc.visible(nxt)) > MAX_PITCH_BLOCK_WORDS or not _invites(doc, markers, [nxt]):
            break
        end, why = nxt.end, "the last block that pitches to advertisers"
        taken += 1
        nxt = doc.next_block(nxt)
    return Extent(extent.start, end, why)


# A postal address is a few short clauses ("12 Mill Street, Springfield, IL 62901").
MAX_ADDRESS_WORDS = 16


def _before_postal_address(doc, markers, heading, extent: Extent) -> Extent:
    """A sponsor-us section that runs to the end of the email ends above the
    postal address, which SPEC keeps: the footer under the pitch is NL201's,
    and the address is no part of the pitch."""
    for block in doc.blocks_between(heading.end, extent.end):
        if block.kind != "paragraph":
            continue
        text = doc.visible(block)
        if _words(text) <= MAX_ADDRESS_WORDS and markers.postal_address(text):
            return Extent(extent.start, block.start, "the postal address, which stays")
    return extent


# A block this short may pitch to advertisers in any of its sentences.
MAX_PITCH_SENTENCE_BLOCK_WORDS = 40


def _pitch_sentence(doc, markers, block) -> "tuple[str, str] | None":
    """A sentence of a short block that opens with a sponsor-us phrase ("Want
    to reach 12,000 engineers? Advertise with us."), and the phrase. A phrase
    that also opens a topic ("Advertising revenue fell.") counts only where
    the block invites advertisers (rates, media kit, an email address)."""
    text = doc.visible(block).replace("\n", " ")
    if _words(text) > MAX_PITCH_SENTENCE_BLOCK_WORDS:
        return None
    asking = markers.compiled("sponsor_us.in_question", _question_words)
    for a, b in sentences(text):
        sentence = text[a:b].strip()
        if _words(sentence) > MAX_LINE_WORDS:
            continue
        phrase = markers.sponsor_us(sentence)
        if phrase is None and sentence.rstrip(" *_").endswith(("?", "？")):
            # "📢 Want to reach 28,000 shell enthusiasts?", "¿Quieres anunciarte
            # en X?": a question to the reader that pitches, beside an invitation.
            found = asking.search(sentence)
            if found is not None and _invites(doc, markers, [block]):
                return sentence, found.group(0)
        if phrase is None:
            continue
        if markers.sponsor_us_is_ambiguous(phrase) and not _invites(doc, markers, [block]):
            continue
        return sentence, phrase
    return None


# A job-board pitch is one short line ("Hiring? Post a job to 8,000 welders.").
MAX_JOB_PITCH_WORDS = 12
# The audience in numbers beside a job-post phrase: "to 8,000 welders".
_COUNT = r"(?:\d{1,3}(?:[.,]\d{3})+|\d{3,}|\d+(?:[.,]\d+)?\s*[kKmM])\+?"


def _audience_count(markers) -> "re.Pattern":
    words = markers.data.get("sponsor_us", {}).get("job_audience", [])
    if not words:
        return re.compile("(?!)")
    # "to 8,000 welders", "reach over 5,200 …": a word, at most two more, the count, a noun.
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:[^\W\d_]+\s+){{0,2}}{_COUNT}\s+[^\W\d_]", re.I)
_URL = re.compile(r"https?://\S+")
_OPENING_DECORATION = re.compile(r"^[\s*_#>\-\[(]*")


def _job_post_words(markers) -> "re.Pattern":
    table = markers.data.get("sponsor_us", {})
    posts, hiring = table.get("job_posts", []), table.get("hiring", [])
    if not posts:
        return re.compile("(?!)")
    asked = rf"(?P<hiring>{alternation(hiring)})[\s*_]*" if hiring else "(?P<hiring>(?!))"
    return re.compile(rf"^(?:{asked})?[\s*_\[]*(?P<post>{alternation(posts)})\b", re.I)


def _job_post_search(markers) -> PhraseSearch:
    return PhraseSearch(markers.data.get("sponsor_us", {}).get("job_posts", []))


def _job_pitch(markers, line: str) -> "tuple[str, str] | None":
    """A line that sells the newsletter's job board to employers: it opens
    with a job-post phrase (after an optional "Hiring?"), is short, and asks
    "Hiring?" or gives the audience in numbers. Returns the phrase and what
    stood by it, or None ("Post a job, the council urged employers" names no
    audience and asks nothing)."""
    text = _URL.sub(" ", visible_text(line))
    text = _OPENING_DECORATION.sub("", text).strip()
    if not text or _words(text) > MAX_JOB_PITCH_WORDS:
        return None
    m = markers.compiled("sponsor_us.job_posts", _job_post_words).match(text)
    if m is None:
        return None
    if m.group("hiring"):
        return m.group("post"), f"the question '{m.group('hiring').strip()}'"
    if markers.compiled("sponsor_us.job_audience", _audience_count).search(text, m.end()):
        return m.group("post"), "the audience in numbers"
    return None


def _job_heading_over_sale(doc, markers, heading) -> "tuple[str, str] | None":
    """A heading that opens with a job-post phrase ("Post a job on Acme")
    over a block that sells a place in the newsletter ("Reach 9,000 ocean
    scientists every Thursday. Listings from $180."): the job board's pitch.
    "## Post a job, lose a candidate" over a story stays."""
    text = _OPENING_DECORATION.sub("", visible_text(doc.lines[heading.start]).strip(" #")).strip()
    if not text or _words(text) > MAX_JOB_PITCH_WORDS:
        return None
    m = markers.compiled("sponsor_us.job_posts", _job_post_words).match(text)
    nxt = doc.next_block(heading)
    if m is None or nxt is None or nxt.kind != "paragraph":
        return None
    shown = doc.visible(nxt).replace("\n", " ")
    if _words(shown) > MAX_SLOT_SALE_WORDS or _slot_sale(doc, markers, shown, doc.links(nxt)) is None:
        return None
    return m.group("post"), "a block under it that sells a place in the newsletter"


def _job_pitch_extent(doc, markers, block) -> Extent:
    """A job-board heading takes the short blocks under it that go on pitching
    (the audience, the price, the button), up to a break, a heading or the
    first other block; a line takes its block when it opens a short block, and
    in a plain-text email only itself when it closes a longer one (a listing's
    section: the listings are the newsletter's content)."""
    if block.kind == "heading":
        return _pitch_extent_after(doc, markers, block)
    return Extent(block.start, block.end, "the end of its block")


def _pitch_extent_after(doc, markers, block) -> Extent:
    end, why = block.end, "the heading alone (what follows does not pitch)"
    nxt = doc.next_block(block)
    taken = 0
    while nxt is not None and taken < MAX_PITCH_BLOCKS:
        if nxt.kind in ("heading", "hr") or is_footer_boundary(doc, nxt) or nxt.kind != "paragraph":
            break
        if _words(doc.visible(nxt)) > MAX_PITCH_BLOCK_WORDS or not _invites(doc, markers, [nxt]):
            break
        end, why = nxt.end, "the last block that pitches to employers"
        taken += 1
        nxt = doc.next_block(nxt)
    return Extent(block.start, end, why)


# --- A place in the newsletter sold by what it offers, without a sponsor-us phrase ---
# A block this short may sell a slot; in a longer (flattened) paragraph, one
# line of whole sentences this short may.
MAX_SLOT_SALE_WORDS = 40
# A rate: the slot noun at most this many words before the price.
MAX_RATE_GAP_WORDS = 4
_MAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _slot_question(markers) -> PhraseSearch:
    return PhraseSearch(markers.data.get("sponsor_us", {}).get("slot_questions", []))


def _slot_noun_pattern(markers) -> "re.Pattern":
    nouns = markers.data.get("sponsor_us", {}).get("slot_nouns", [])
    return re.compile(rf"\b(?:{alternation(nouns)})\b", re.I) if nouns else re.compile("(?!)")


def _audience_opening(markers) -> "re.Pattern":
    """The audience in numbers opening a sentence, as an imperative: "Reach
    12,000 marine biologists", the count followed by a word."""
    verbs = markers.data.get("sponsor_us", {}).get("audience_verbs", [])
    if not verbs:
        return re.compile("(?!)")
    return re.compile(rf"(?:{alternation(verbs)})\s+(?:[^\W\d_]+\s+){{0,2}}{_COUNT}\s+[^\W\d_]", re.I)


def _rate(markers, sentence: str) -> "str | None":
    """A price for a place in the newsletter: a slot noun at most
    `MAX_RATE_GAP_WORDS` words before a price ("featured slots from $420",
    "ads start at $90 per issue"). The price, or None."""
    nouns = markers.compiled("sponsor_us.slot_nouns", _slot_noun_pattern)
    for price in markers.prices(sentence):
        at = sentence.find(price)
        before = sentence[:at].split()[-(MAX_RATE_GAP_WORDS + 1):]
        if before and nouns.search(" ".join(before)):
            return price
    return None


def _offers_a_slot(markers, text: str) -> "str | None":
    """What in a short text offers advertisers a place in the newsletter:
    a sentence that opens with the audience in numbers ("Reach 12,000
    marine biologists every Friday.") or a question that offers the
    reader's thing a place here ("Want your bakery here?"). None otherwise."""
    opening = markers.compiled("sponsor_us.audience_opening", _audience_opening)
    asking = markers.compiled("sponsor_us.slot_questions", _slot_question)
    for a, b in sentences(text):
        sentence = _OPENING_DECORATION.sub("", text[a:b].strip())
        if opening.match(sentence):
            return f"the audience in numbers opens {quote(sentence, 40)}"
        found = asking.search(sentence)
        if found is not None and sentence[found.end():].lstrip(" *_").startswith(("?", "？")):
            return f"the question {quote(sentence, 40)} offers the reader a place here"
    return None


def _may_offer_a_slot(markers, text: str) -> bool:
    """Whether a text holds what `_offers_a_slot` looks for anywhere (a cheap
    test over a whole text or block before its sentences are read)."""
    return bool(markers.compiled("sponsor_us.audience_opening", _audience_opening).search(text)
                or markers.compiled("sponsor_us.slot_questions", _slot_question).search(text))


def _slot_sale(doc, markers, text: str, links) -> "tuple[str, str] | None":
    """A short text that sells a place in the newsletter (an ad, a listing, a
    featured slot) without a sponsor-us phrase: it offers one
    (`_offers_a_slot`), and either names its rate or leads only to the
    newsletter's own pages or its advertising page. "Reach 10,000 steps a
    day" over a story's link to another site offers nothing. The two pieces
    of evidence, or None."""
    offer = _offers_a_slot(markers, text)
    if offer is None:
        return None
    for a, b in sentences(text):
        price = _rate(markers, text[a:b])
        if price is not None:
            return offer, f"the rate '{price}' of a slot"
    targets = [link.destination for link in links if not link.is_image]
    if targets and all(markers.is_invitation_url(url) or own_host(doc, markers, url) for url in targets):
        return offer, "its links lead only to the newsletter's own pages"
    return None


def _line_links(doc, block, line: int):
    """The links of a block that stand on one of its lines."""
    a, b = doc.offset(line), doc.offset(line + 1) if line + 1 < len(doc.lines) else len(doc.text)
    base = doc.offset(block.start)
    return [link for link in doc.links(block) if a <= base + link.start and base + link.end <= b]


_ENDS_WITH_ADDRESS = re.compile(r"https?://\S+\s*$")


def _ends_a_sentence(line: str) -> bool:
    """Whether a line ends where a sentence, a link or a bare address does."""
    return line.rstrip(" *_").endswith((".", "!", "?", ")", ":", "。", "！", "？")) \
        or _ENDS_WITH_ADDRESS.search(line) is not None


# Where a sentence ends: its closing mark before a space (a dot inside an
# address, "ads@acme.example", ends none).
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def _whole_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of a text's sentences, split only where a closing mark meets a space."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _cut_keeps_markup(text: str, start: int, end: int) -> bool:
    """Whether cutting text[start:end] out tears no markup in two: no code
    span, and the cut and the rest each hold their emphasis marks in pairs
    and their brackets closed."""
    if "`" in text:
        return False
    for piece in (text[:start], text[start:end]):
        if any(piece.count(mark) % 2 for mark in "*_~"):
            return False
        if piece.count("[") != piece.count("]") or piece.count("(") != piece.count(")"):
            return False
    return True


def _sponsor_inquiry(markers, sentence: str) -> "str | None":
    """A sentence that tells advertisers where to write: a word of
    sponsoring or advertising (`in_question`) whose object is the
    newsletter's own medium (`own_media`: "sponsoring the show"), and a
    mail address after a contact verb ("For inquiries about sponsoring the
    show, email ads@…"). The address, or None. "Acme, the festival's
    sponsor, answered at press@acme.example" asks no one to write, and
    "interested in sponsoring the 5K, email …" is the race's ask."""
    if _words(sentence) > MAX_LINE_WORDS * 2:
        return None
    found = markers.compiled("sponsor_us.in_question", _question_words).search(sentence)
    if found is None:
        return None
    media = markers.words("sponsor_us", "own_media")
    after = [w.strip(".,:;!?()[]*_\"'").lower() for w in sentence[found.end():].split()[:3]]
    if not media.intersection(after):
        return None  # "interested in sponsoring the 5K": an event's ask, not the newsletter's
    verbs = markers.data.get("sponsor_us", {}).get("contact_verbs", [])
    if not verbs:
        return None
    for m in _MAIL_ADDRESS.finditer(sentence):
        before = sentence[: m.start()].rstrip(" :").lower()
        if any(before.endswith(verb) and (len(before) == len(verb) or not before[-len(verb) - 1].isalnum())
               for verb in verbs):
            return m.group(0)
    return None


def _lines_of(doc, finding) -> range:
    """The lines (0-based) a finding covers."""
    return range(doc.position(finding.start).line - 1, doc.position(finding.end).line)


class SponsorUs(Rule):
    code = "NL102"
    name = "sponsor-us"
    family = "advertising"
    summary = "\"Sponsor us\" / \"Advertise with us\" section or line"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("sponsor_us", doc.text, doc.line_starts)
        # A pitch in a question ("¿Quieres anunciarte en X?") holds no label phrase.
        asking = markers.compiled("sponsor_us.in_question", _question_words)
        candidates.update(bisect_right(doc.line_starts, m.start()) - 1 for m in asking.finditer(doc.text))
        taken: set[int] = set()
        for finding in self._job_pitches(ctx):
            taken.update(_lines_of(doc, finding))
            yield finding
        for finding in self._phrase_pitches(ctx, candidates, set(taken)):
            taken.update(_lines_of(doc, finding))
            yield finding
        for finding in self._slot_sales(ctx, taken):
            taken.update(_lines_of(doc, finding))
            yield finding
        yield from self._sponsor_inquiries(ctx, taken)

    def _phrase_pitches(self, ctx, candidates: set[int], jobs: set[int]) -> Iterator[Finding]:
        """A heading or a short block that opens with a sponsor-us phrase, or a
        short block with a later sentence that does; lines in `jobs` are taken."""
        doc, markers = ctx.doc, ctx.markers
        if not candidates:
            return
        covered_until = -1
        phrase_lines = sorted(candidates)
        k = 0  # phrase_lines[k]: the first candidate line at or after the block (blocks come in order)
        for block in doc.blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph") or block.start in jobs:
                continue
            while k < len(phrase_lines) and phrase_lines[k] < block.start:
                k += 1
            if k == len(phrase_lines):
                break  # no phrase from here on
            if phrase_lines[k] >= block.end + 2:
                continue  # the phrase is in neither the block nor the first line under it
            if block.kind == "heading":
                if is_document_title(doc, block):
                    continue
                text = doc.visible(block)
                phrase = markers.sponsor_us(text) if _words(text) <= MAX_HEADING_WORDS else None
                if phrase is None and _words(text) <= 12:
                    # "Want to reach our readers?" over a first line "Sponsor Acme Weekly".
                    nxt = doc.next_block(block)
                    if nxt is not None and nxt.kind == "paragraph":
                        first = visible_text(doc.lines[nxt.start])
                        if _words(first) <= 6 and not doc.lines[nxt.start].lstrip().startswith(("[", "!")):
                            phrase = markers.sponsor_us(first)
                    if phrase is not None:
                        # Over a story's title ("## Dollar stores") a pitch line is
                        # only that line: the heading must ask, or its section pitch.
                        extent = section_extent(doc, block, text)
                        inner = doc.blocks_between(block.end, extent.end)
                        pitches = len(inner) <= INVITATION_BLOCKS and all(_invites(doc, markers, [b]) for b in inner)
                        if not (_asks(doc, block) or pitches):
                            continue
                if phrase is None:
                    continue
                matched = f"phrase '{phrase}' matched"
                extent = _before_postal_address(doc, markers, block, section_extent(doc, block, text))
                if markers.sponsor_us_is_ambiguous(phrase):
                    # "## Advertising", "### Sponsor economics": a topic, unless
                    # the section invites advertisers (or the heading asks).
                    inner = doc.blocks_between(block.end, extent.end)[:INVITATION_BLOCKS]
                    if not (_asks(doc, block) or _invites(doc, markers, inner)):
                        continue
            else:
                first = visible_text(doc.lines[block.start])
                phrase = markers.sponsor_us(first) if _words(first) <= MAX_LINE_WORDS else None
                if phrase is None:
                    # "Want to reach 12,000 engineers? Advertise with us.": the
                    # pitch opens a later sentence of a short block.
                    found = _pitch_sentence(doc, markers, block)
                    if found is None:
                        continue
                    first, phrase = found
                    matched = f"phrase '{phrase}' opens the sentence {quote(first, 40)} of a short block"
                    extent = label_block_extent(doc, block, label_only=False)
                else:
                    matched = f"phrase '{phrase}' matched"
                    if markers.sponsor_us_is_ambiguous(phrase) and not _invites(doc, markers, [block]):
                        continue  # "Sponsor deals rose 8%." opens a story
                    # A bare "Advertise" link (site navigation) takes only itself.
                    lone_link = first.strip() == doc.visible(block).strip() and doc.lines[block.start].lstrip().startswith("[")
                    label_only = _words(doc.visible(block)) <= MAX_LINE_WORDS and not lone_link
                    extent = _pitch_extent(doc, markers, block, label_only)
                text = first
            covered_until = extent.end
            yield ctx.remove_lines(
                f"sponsor-us section {quote(text)}",
                extent.start,
                extent.end,
                f"Remove sponsor-us section {quote(text)}",
                evidence=(matched, f"ends at {extent.why_it_ends}"),
            )

    def _slot_sales(self, ctx, taken: set[int]) -> Iterator[Finding]:
        """A short block, or one line of whole sentences in a longer flattened
        paragraph, that sells a place in the newsletter without a sponsor-us
        phrase (`_slot_sale`): the block, or the line, goes. A judgement
        (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        if not _may_offer_a_slot(markers, doc.text):
            return
        for block in doc.blocks:
            if block.kind != "paragraph" or any(i in taken for i in range(block.start, block.end)):
                continue
            text = doc.visible(block).replace("\n", " ")
            if not _may_offer_a_slot(markers, text):
                continue
            if _words(text) <= MAX_SLOT_SALE_WORDS:
                places = [(block.start, block.end, text, doc.links(block), "the end of its block")]
            elif block.end - block.start >= 3:
                places = []
                for i in range(block.start, block.end):
                    line = visible_text(doc.lines[i])
                    if _words(line) > MAX_SLOT_SALE_WORDS or not _may_offer_a_slot(markers, line):
                        continue
                    if not _ends_a_sentence(doc.lines[i]) or (i > block.start and not _ends_a_sentence(doc.lines[i - 1])):
                        continue  # the line holds part of a sentence that runs on
                    places.append((i, i + 1, line, _line_links(doc, block, i), "its line (the lines around it are the email's own)"))
            else:
                continue
            for start, end, shown, links, why_end in places:
                found = _slot_sale(doc, markers, shown, links)
                if found is None:
                    continue
                offer, second = found
                taken.update(range(start, end))
                yield ctx.remove_lines(
                    f"sale of a slot in the newsletter {quote(shown)}",
                    start,
                    end,
                    "Remove the newsletter's sale of its ad slots",
                    evidence=(offer, second, f"ends at {why_end}"),
                    applicability=Applicability.UNSAFE,
                )

    def _sponsor_inquiries(self, ctx, taken: set[int]) -> Iterator[Finding]:
        """A sentence that tells advertisers where to write ("For inquiries
        about sponsoring the show, email ads@…", `_sponsor_inquiry`), the
        last of a line of whole sentences (at most 40 words): only that
        sentence goes; the credit before it and the lines around it stay. A
        judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        if "@" not in doc.text:
            return
        for block in doc.blocks:
            if block.kind != "paragraph" or any(i in taken for i in range(block.start, block.end)):
                continue
            source = doc.source(block)
            if "@" not in source:
                continue
            base = doc.offset(block.start)
            places = [(doc.offset(i) - base, doc.lines[i]) for i in range(block.start, block.end)
                      if "@" in doc.lines[i] and _words(visible_text(doc.lines[i])) <= MAX_PITCH_SENTENCE_BLOCK_WORDS
                      and (i == block.end - 1 or _ends_a_sentence(doc.lines[i]))
                      and (i == block.start or _ends_a_sentence(doc.lines[i - 1]))]
            for at, text in places:
                found = self._inquiry_cut(markers, text.rstrip("\n"))
                if found is None:
                    continue
                start, end, sentence, address = found
                taken.update(range(block.start, block.end))
                yield ctx.remove_inline(
                    block,
                    [(at + start, at + end)],
                    f"sponsor-us sentence {quote(sentence)}",
                    "Remove the sentence that asks advertisers to write",
                    evidence=(f"a sentence of sponsoring or advertising that asks to be written to at '{address}'",
                              "ends at the end of its line, its last sentence (the sentences before it stay)"),
                    applicability=Applicability.UNSAFE,
                )
                break

    @staticmethod
    def _inquiry_cut(markers, text: str) -> "tuple[int, int, str, str] | None":
        """Where the sponsor inquiry that ends a text starts and ends (with
        the spaces before it), the sentence and its address; None when the
        last sentence is none, or cutting it would tear markup."""
        spans = _whole_sentences(text)
        if not spans:
            return None
        a, b = spans[-1]
        sentence = text[a:b].strip()
        address = _sponsor_inquiry(markers, visible_text(sentence))
        if address is None:
            return None
        start = a
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if not _cut_keeps_markup(text, start, len(text)):
            return None
        return start, len(text), sentence, address

    def _job_pitches(self, ctx) -> Iterator[Finding]:
        """The newsletter's job board sold to employers ("Hiring? Post your
        role in the Acme Board", "Post a job to 8,000 welders"): see
        `_job_pitch`."""
        doc, markers = ctx.doc, ctx.markers
        phrases = markers.compiled("sponsor_us.job_post_search", _job_post_search)
        lines = {bisect_right(doc.line_starts, m.start()) - 1 for m in phrases.finditer(doc.text)}
        if not lines:
            return
        for block in doc.blocks:
            if block.kind not in ("heading", "paragraph") or not any(block.start <= i < block.end for i in lines):
                continue
            for i in range(block.start, block.end):
                found = _job_pitch(markers, doc.lines[i])
                if found is None and block.kind == "heading":
                    found = _job_heading_over_sale(doc, markers, block)
                if found is None:
                    continue
                phrase, beside = found
                if block.kind == "heading" or (i == block.start and _words(doc.visible(block)) <= MAX_PITCH_SENTENCE_BLOCK_WORDS):
                    extent = _job_pitch_extent(doc, markers, block)
                elif doc.format == "text" and i == block.end - 1:
                    extent = Extent(i, i + 1, "its line (the lines above it are the email's own)")
                else:
                    continue
                yield ctx.remove_lines(
                    f"job-board pitch {quote(visible_text(doc.lines[i]))}",
                    extent.start,
                    extent.end,
                    "Remove job-board pitch",
                    evidence=(f"phrase '{phrase}' opens a short line beside {beside}",
                              f"ends at {extent.why_it_ends}"),
                )
                break
