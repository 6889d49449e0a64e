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
A heading takes its section (never past the copyright line), as NL101.
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
Safe.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..evidence.asks import sentences
from ..extents import Extent, is_document_title, is_footer_boundary, label_block_extent, section_extent
from ..findings import Finding
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
        if not candidates:
            return
        covered_until = -1
        phrase_lines = sorted(candidates)
        k = 0  # phrase_lines[k]: the first candidate line at or after the block (blocks come in order)
        for block in doc.blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
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
                extent = section_extent(doc, block, text)
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
