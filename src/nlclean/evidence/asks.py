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

A sentence is an ask when it has two of the three, or when a verb that sells
the newsletter by itself ("Subscribe", "Upgrade to unlock", "Become a paid
member") opens a short sentence, or when it asks the reader ("if you")
about a membership ("paid subscriber", "referrals") or offers it in the
publisher's voice ("with 3 referrals we send you our mug"): the last two
are judgements. A sentence that names the newsletter's
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
`sentence_ask(markers, sentence, link_kinds) -> Ask | None`, and
`sentences(text)`, `names_the_subscription`, `publisher_voice`,
`follow_lead_in(markers, text)`, and `word_count` (CJK by characters).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .links import OWN_PAGE_KINDS

# A short sentence that a selling verb opens is an ask by itself.
MAX_SELLING_WORDS = 8
# Longer than this, a sentence is a story's even if it has the shape.
MAX_ASK_WORDS = 45

# Sentences end at . ! ? … (and CJK 。！？) before a space or the end; a colon
# ends a lead-in ("Subscribe and don't miss out:").
_SENTENCE = re.compile(r"[^.!?…。！？:\n]*(?:[.!?…。！？:]+|$)")


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
    words = word_count(sentence)
    if words == 0 or words > MAX_ASK_WORDS:
        return None
    selling = markers.ask_opening(sentence, "selling")
    imperative = selling or markers.ask_opening(sentence, "imperatives")
    request = imperative or markers.ask_phrase(sentence, "requests")
    # The object is looked for outside the opening verb: "Subscribe to the
    # council's alerts" has a request, but "subscribe" is not also its object.
    rest = sentence.lstrip(" \t*_#>-•·([")[len(imperative):] if imperative else sentence
    about = markers.ask_phrase(rest, "objects")
    if request and about:
        return Ask(f"a request to the reader (phrase '{request}') about the newsletter (phrase '{about}')", sure=True)
    if selling and words <= MAX_SELLING_WORDS:
        return Ask(f"phrase '{selling}' opens a short sentence that sells the newsletter", sure=False)
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
    own_link = next((k for k in link_kinds if k in OWN_PAGE_KINDS), None)  # (found lazily)
    if own_link:
        return Ask(f"phrase '{request or about}' with a link to a {own_link.value} page", sure=False)
    return None


# A sentence beside an ask that names the newsletter or speaks as its
# publisher is part of the ask only when this short.
MAX_BESIDE_WORDS = 15


def names_the_subscription(markers, sentence: str) -> str | None:
    """A sentence about the newsletter's subscription without a request
    ("Acme is a reader-supported publication."): part of an ask beside it."""
    if word_count(sentence) > MAX_BESIDE_WORDS:
        return None
    return markers.ask_phrase(sentence, "objects")


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
