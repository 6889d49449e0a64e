"""NL302 no-story-block: referral programmes, feedback polls, surveys, follow rows.

## What it does
Finds short blocks that ask something of the reader instead of telling a
story: "Share with friends and earn rewards", "How did you like today's
issue?", "Take our reader survey", "Follow us on X". Phrases: `[no_story]`
in `data/markers.toml`. Only short blocks count (at most 40 words), so a
story that mentions a survey stays. And the phrase must speak to the
reader: its sentence opens with it ("Share with friends …"), asks a
question, or says "you", "we" or "our". A story sentence that holds a
phrase but tells of others ("Senior engineers can give feedback on it",
"… did not publish it or share it on social media") stays, and so does a
story heading that names a survey ("A reader survey of 3,000 developers").

## Why is this bad?
It delivers no story.

## How far it goes
A short heading takes the blocks under it that go on asking (a no-story
phrase, or a short block with a link or image: the button, the reward), up
to a break or the first block that asks nothing (a disclaimer, a sign-off,
an address); a paragraph or list item takes itself, but a paragraph's ask
ends above the author's sign-off, name or signature, or the copyright line,
that stand under it in the same paragraph (a flattened email's last lines,
glued to the ask once the footer lines between them went): those stay, and
a short heading whose section the paragraph was goes with the ask.
A paragraph whose lines
are the email's own lines (html pulled apart into lines) may hold story
lines above its ask: each a whole sentence ending in a full stop, of six
words or more, with no link, no phrase, and no "you", "we" or "our"
("Ben says: the new record sounds best loud." / "Pre-orders open on 1
November." / "Refer a friend and you both get £5 off: …"). Those lines
stay, and the ask goes from the line below them; a lead-in that speaks to
the reader ("Loved this week's letter?") goes with the ask.
A paragraph that opens a section whose short heading names the ask
(`## 🎁 Share The Growth Memo`, `## SHARE THE BREW`: `heading_words` in the
data) takes the section, heading included, up to a break or the copyright
line, when no block of it is longer than the short-block limit (then the
section holds a story, and the ask goes alone). A poll question takes the
row of short answer links right under it (`[🤩 Amazing](…) | [😕 Meh](…)`),
or the run of blocks of one short link each (one answer a line or a list
item). A question whose answer links lead to a poll or survey (by the link
classifier: `?poll_answer=…`, a form service) is a poll however it is
worded: question and answers go as one region. So is a question as a
heading, or with a short lead-in between it and its answers ("## How did we
do?" / "Your votes shape the next issue." / a row of answer links to one
poll page that differ only at their ends): heading, lead-in and row go
together. A question above a list of
story links ("What would you do? - [The plan](…)") stays. Without such a
link, a poll is known by its shape: a short question (at most 15 words) and,
on the line under it, a row of at least two answer links of at most three
words each, nothing between them but separators, to addresses that differ
in one answer value, a word or a number (`…/fb/7731/answer-3`, `…/answer-2`):
one page, one answer a link; two articles of one site differ by their slugs'
phrases (`…/2026/04/fares-up-again`, `…/port-earnings`) and stay. A question in one sentence with its answers beside it on its line
("Was this useful? [Yes](…/fb?a=yes&i=4) / [No](…/fb?a=no&i=4)") is a poll
when the answers lead to one page but for the value of one query
parameter. Stories in a row link to pages of their own and stay. A judgement
(unsafe fix).
A poll needs no question when its links say what it is: a run of short
labels and answer links that all lead to a feedback or poll page (the survey
kind, e.g. a platform's per-post feedback route `…/#/feedback/<post>/1` and
`…/0`), two or more to one page that differ in one answer value ("More like
this" / its link / "Less like this" / its link, or `[Loved it](…/1) ·
[Not for me](…/0)`): labels and links go as one region, safe. Two story
links under "More like this" lead to pages of their own and stay.
A poll whose answers go through a click tracker shows neither a poll page
nor an answer value (`evidence/reader_polls.py`): it is known by what its
question asks, the reader's opinion of the newsletter ("How was this week's
issue?", "Wie hat dir diese Ausgabe gefallen?"), or by a short title right
above the question that names a poll ("🗳️ Today's poll", "READER POLL":
`poll_titles` in `[no_story]`), over two to six answer links of a few words
to one host (beside it, in a row under it, or one a line). Title, question,
answers and the poll's note under them ("Login or Subscribe to participate
in polls.", "Last week's result: 58% of you …": `poll_notes`,
`poll_results`) go as one region; when another shape took the poll, its note
alone goes. A judgement (unsafe). A "Poll" title over a story that reports
one, survey results told as news, and a question that asks the newsletter
nothing over story links stay.

## Asks about the newsletter
Sentences that sell the newsletter to a reader who already has it ("Acme
is a reader-supported publication. To receive new posts, consider becoming
a free or paid subscriber.", "Upgrade to unlock", "If you enjoy this,
share it with a friend") are found by their shape (`evidence/asks.py`): a
request to the reader about the newsletter or its author's work, or with a
link to the newsletter's own subscribe, upgrade or referral pages; words in
`[asks]` of `data/asks.toml`. The author's work includes what the newsletter
sells beside itself: "For more of my work, check out my other newsletter",
"If you have not yet, check out my new book" ("my book club" is no book of
theirs), and its sibling newsletters offered for a topic ("For more on the
energy race, subscribe to Acme Energy"; "For more on the vote, see the
minutes" asks nothing of the newsletter). Beside an ask, its offer is part of it, however much it lists:
what subscribing gets the reader ("Subscribers get the archive and the
monthly lists …", "You will get access to the bonus episodes"; `offers`)
and what it costs by the period ("It's $7 a month, or
$70 a year"; `price_periods` in `[asks]`); alone, neither asks anything.
A short line right above an ask that opens with a request and has no stop
and no link is the ask's title, a heading the conversion flattened ("Get a
season of harbour news" over the ask): its own finding, a judgement; a
short line above a story ("Get ready for the frost") stays. The paragraphs
right above a lone button that goes as an ask ("[Subscribe](…)", "Support"
over its signup page) are its pitch when, in words between the publisher
and its reader, they name the membership or the newsletter, say what it
gets the reader or what it costs by the period ("Full access for you and a
friend … All for less than $5 a month."), and link nowhere but to the
newsletter's own pages (at most three, 70 words each): they go with the
button as one region, a judgement (a button that is a sure ask keeps its
own safe finding too). "Netflix lost two million paid subscribers." over the button,
or a paragraph that links to a story, stays. A block goes when every sentence of it asks,
names the newsletter beside an ask, or leads in to one ("Like this?"); a
colon inside an ask (a book's subtitle: "check out my book Low Water: The
Story of the River Towns …, or subscribe to my newsletter") ends no
sentence when the two parts read together still ask, and nor does an
ellipsis, a pause ("UPGRADE YOUR SUBSCRIPTION... AND GET THE PRINT
ANNUAL"); in a
flattened paragraph, a line of whole sentences that all ask goes, with a
short lead-in line ending in ':' above it, and so does its last line in
lower case after a sentence that ended (a button's text: "… in the
comments! / subscribe to our free newsletter here"). A flattened email's paragraph (a line over 100 characters shows it was
not hard-wrapped) is read line by line, and so is a short button line
("Subscribe to Acme") between whole lines. Also asks: the reader asked
about a membership ("if the essays matter to you, becoming a paid
subscriber is …", "if you are a student, request a free subscription",
"upgrade your subscription and get the archive"; "The phone company gave
every customer a free subscription" asks no one and stays), a short sentence of the publisher speaking of itself
("We carry no ads.") beside an ask that links to its own pages, and an ask
ending in ':' with the QR code or own-page links it shows under it.
Where the author signs off (the email's last word to its reader: below it
only a few short lines, the sign-off and the footer; `closes_the_email` in
`evidence/zones.py`), the author's short words to the reader beside an ask
are the ask's too ("I hope you enjoyed this issue. If you would like to
help support this newsletter, forward it to a friend."): a judgement; the
same words beside an ask in the middle of the email, a story's, stay. A
selling verb after "please" opens the request all the same ("Please sign up
for Acme Plus!"), and so it does after what the request is for ("For more
on the harbour, subscribe to Quay Weekend."); a selling verb with its
purpose after it ("Sign up for Quay Markets to get the prices every
morning") sells a newsletter too, the publisher's other ones included
(`purposes` in `[asks]`; a judgement). "For more on the vote, see the
minutes" sells nothing and stays. A line of a flattened paragraph may open
in lower case when it ends a sentence. Words
for German, French, Spanish, Italian, Portuguese, Japanese and Chinese are in `[asks]`
of `data/lang-*.toml`. A paywall teaser, where the free part of a post ends, is an ask too: a
gate ("behind the paywall", "for paid subscribers"; `gates`) that holds
back this post's remainder ("The rest of this post is for paid
subscribers."; `gated_content`), or that opens the sentence in the
publisher's voice ("Below the paywall, I look at the budget."): a judgement.
So do the paywall's own buttons and lines ("Keep reading with a 7-day free
trial", "To read the full story, become a member today.", "Already a paying
subscriber? Sign in").
"The county paper moved its archive behind the paywall" and "the rest of the
series is for paid subscribers" tell of others' paywalls and stay. A story that tells of others'
subscriptions ("The service told its subscribers to upgrade", "As a paid
subscriber of the service, you'll keep access") asks nothing of this
reader and stays. A paragraph is an ask when its every sentence asks, names
the subscription beside an ask, or is a short lead-in ("Like this?"); a
lead-in's words are counted CJK-aware (two characters a word), so a Chinese
story sentence that mentions 订阅 beside a code sample is no lead-in. A request with the newsletter as its object is safe to
remove; an ask known only by a selling verb, a link, a membership or the
publisher's voice is a judgement (unsafe fix).

An ask is also a region (`evidence/asks.py`): a heading that asks ("Support
the show", "What did you think of today's issue?", "Follow us") takes the
blocks under it that go on asking (its buttons and answers, requests, small
print naming the subscription). A heading that asks only beside a link to
the newsletter's own page ("Rate the letter" over a subscribe button) needs
that link among the blocks it takes: "# Rate rises at the marina" over its
story, with a subscribe link under a sub-heading further down, stays. A short paragraph framed by an ask (an ask,
its offer, its button: "**Subscribe to the print edition.** Twelve issues a
year. [Subscribe now](…)") goes whole; and a question to the reader goes with
its answer links when they lead to one page and differ in one answer value,
a word or a number in one query value or the last path segment
(".../vote-5", ".../vote-3"; two articles of one site differ by their slugs'
phrases and stay). Safe only with a request about the newsletter
and a link to its own subscribe, referral, donation or survey pages. A
judgement never hides a sure ask: under a heading whose region is only a
judgement ("Keep reading with a 7-day free trial"), a sentence that asks in
so many words ("Subscribe to Acme to keep reading this post") still goes
without `--unsafe-fixes`, and so does a paragraph framed by a sure ask and a
link to the subscribe page that the sentence-by-sentence reading only judges
(an offer with a price among its sentences); with them the judgement's whole
region goes, as it did.

## Asks to pay inside a longer paragraph
"Welcome to Quay Weekly, a letter about the harbour. It runs on tips from
readers. If you'd like to support this, please subscribe." An ask that is one
sentence of a paragraph whose other sentences tell something (or of a line
of a flattened email, where each line is a paragraph) is no short block,
so the readings above miss it. It is read sentence by sentence
(`asks_to_pay_in` in `evidence/asks.py`): a sentence that asks
(`sentence_ask`) and asks the reader to pay or join goes, known by a price
in it, a link to the newsletter's own subscribe or donation page, or a
word of paying (`paying` in `[asks]`: "subscribe", "paid", "member") in a
request with the newsletter as its object. The sentences right after it
that pitch the offer ("New subscribers get the current issue at once.",
"Use code TIDE26 for 20% off annual memberships") go with it, and so do the
short ones right before it that lead in ("Want to keep it free?") or name
the newsletter. The rest of the paragraph stays, closed up; when nothing
else is left on the line, the line goes. A sentence ends at a stop before
a space, never inside a link or a bare address, nor after an abbreviation
("Col. (Ret.) Ann P. Ward"), so a cut never leaves half a sentence.
A condition is no ask to pay: "If you become a paid subscriber, check your
inbox", "Already a paid subscriber? Grab your map", "As a paid subscriber,
you'll keep access" stay, and so do a story about another writer's
newsletter ("please consider paying for a subscription to his newsletter")
and news of a paid product ("The Ledger will launch a paid subscription").
Quotes are someone else's words and are not read. A judgement (unsafe fix):
the cut reads one sentence, not the block.

## The newsletter's own offer, known without its words
A short block (at most 45 words), or a line of whole sentences in a
longer or flattened paragraph, in the email's last lines (at most 16 lines
with words below it), that names a price charged by the period ("4 euro a
month", "3 € al mes", "$8/month"; `price_periods` in `[asks]` of each
language's data) is the newsletter's offer of itself, worded however it is
("Holloway Ledger has no paywall. If it is useful to you, back it from 4
euro a month: https://hollowayledger.example/back"), when the evidence says
whose price it is (`evidence/own_offer.py`): it is offered to the reader (a
request opens a sentence or a clause, a question, a request, or "you"); what
it buys is the newsletter (its name, "this letter", a paid membership, or a
link to its subscribe or donation page); and its links lead only to the
newsletter's own pages, none to an article (a dated path, a slug of words)
and none to a shop, pricing or event page. A service's price rise, a paid
app's review, a product's pricing, a paid event's tickets, a shop's monthly
plan and another paper's price fail one of these and stay; so does the
publisher's note that its price changes ("From May, Holloway Ledger costs €6
a month"), which tells and asks nothing. An offer with stories below it is
read as one of them. The offer takes the buttons right under it (one or two
short links each to a subscribe, share, referral or donation page:
"[S'abonner](…/subscribe)"). A judgement (unsafe).

## Answer rows, known by their links
In the email's last lines, a question to the reader (a `?`, `？` or `¿` in
at most 20 words, a short request after it at most: "Was this useful?
Rate it:") with a row of two to six one-click answers beside it or on the
line under it, each an emoji or a few words, links or bare addresses that
lead to one page and differ in one answer value ("👍
https://acme.example/r/yes?i=9 | 👎 https://acme.example/r/no?i=9"), is a
poll however it is worded (`evidence/answer_rows.py`); "Where do I vote?"
over ward links further up is a story's. A judgement (unsafe).

## Referral links on the newsletter's own site
A short block, or a line of whole sentences, in the email's last lines,
whose only links are the reader's referral link on the newsletter's own
site (a referral page, or a page whose query carries the reader's code:
"/invite?ref=ab12cd"; `?ref=newsletter` is a tracking tag) is the referral
programme's ask in any language; a company's referral page in a story is
on the company's site. A judgement (unsafe).

## Survey asks, known by their links
A short block (at most 40 words) in the email's last lines that asks the
reader (a request opening a sentence, a question, a request, or the reader
addressed) and whose only links lead to a survey page by their address (a
host whose first label is `survey`, `surveys`, `form`, `forms` or
`feedback`: "Help us improve these letters. [Take the 3-minute
survey](https://surveys.tidetable.example/s/2027)";
`evidence/own_pages.survey_page`) is a survey ask in any words; a short
heading right above it that asks too ("Tell us what to change") goes with
it. A story about a survey's results links to the report's page ("read
[the council's survey](…/survey-results)": a path naming a survey is no
evidence), and a consultation that is news tells, or stands among the stories: both
stay. So does a call for the readers' questions or nominations to a general
form service ("submit your questions [here](https://forms.gle/…)"): what
readers send in there is the next issue's content. A judgement (unsafe).

## Follow rows
A row of links that all lead to social profiles (link classifier) with a
lead-in that asks the reader to follow ("Follow us: [Instagram](…) ·
[Bluesky](…)", "Find me on [Mastodon](…)"; `follow` in `[asks]`), or such a
lead-in alone above the row, goes as one region. The lead-in must open with
the ask or speak as the publisher or to the reader: "Activists urged
residents to follow [@floodwatch](…)" tells of others and stays.

A follow lead-in ending in a colon whose row stands after it on its line,
or on the lines under it, goes with the row whatever host or click tracker
is behind the links, when the row is one to four addresses with at most
short names beside them and a network is named (in the lead-in, a link's
text or a name beside an address) or every address is a profile, in the
email's last lines: "Siga a Gazeta: [Instagram](…) | [Podcast](…)",
"Follow Alder Weekly: Mastodon ( https://… ) | Photo club ( https://… )",
"Keep in touch with Brookfield Library:" over "Facebook: https://…" lines;
in Chinese or Japanese, where the verb comes last, a follow phrase anywhere
beside the network it names ("Instagramでも写真を公開中：https://…";
`evidence/follow_lines.py`). "Follow the money: [the filing](…)" names no
network and stays. A judgement (unsafe).

## Example
```markdown
How did you like today's issue? [Loved it](https://x.example/1) · [Meh](https://x.example/2)
```
is removed.

## Fix safety
Safe, except an ask known only by a selling verb or its link, and an ask to
pay cut out of a longer paragraph (unsafe).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..evidence.asks import (MAX_LEAD_IN_WORDS, MAX_POLL_QUESTION_WORDS, MIN_POLL_ANSWERS, answers_to_one_page,
                              one_value_differs,
                              ask_sections, asks_to_pay_in, pitch_above,
                              follow_lead_in, framed_asks, names_the_subscription, offers_the_subscription,
                              publisher_voice, sentence_ask, sentences, MAX_BESIDE_WORDS)
from ..evidence.asks import word_count as sentence_words
from ..evidence.links import OWN_PAGE_KINDS, LinkKind
from ..evidence.answer_rows import answer_row, asks_the_reader
from ..evidence.follow_lines import MAX_ROW_ADDRESSES, follow_lead_in_line, follow_line, row_line
from ..evidence.own_offer import offered_to_the_reader, own_links_only, recurring_price, sold_as_the_newsletter
from ..evidence.reader_polls import reader_polls
from ..evidence.own_pages import in_the_last_lines, own_referral_link, survey_page
from ..evidence.zones import COPYRIGHT, author_closing, closes_the_email
from ..extents import is_document_title, is_footer_boundary
from ..inline_syntax import MAX_REMEMBERED_CHARS, addresses, links_of, visible_text, visible_text_without_urls
from ..findings import Applicability, Finding
from ..memo import TEXT_CHARS, remembered
from .base import Rule
from ._shared import quote, word_count

MAX_WORDS = 40
# Words by which a block speaks to its reader or of its publisher.
_ADDRESS = re.compile(r"\b(?:you|your|yours|you're|you’re|we|we're|we’re|us|our|ours|me|my|i)\b", re.I)
# Where the sentence around a phrase ends: . ! ?, a line break, and the tabs
# and bars that separate the links of a row ("Facebook | Refer a friend").
_SENTENCE_BREAK = re.compile(r"[.!?…](?=\s|$)|[\n\t|•·]")


def _speaks_to_reader(text: str, phrase: re.Match, markers=None) -> bool:
    """Whether the sentence holding `phrase` asks something of the reader: it
    opens with the phrase or with another imperative ("Refer a friend",
    "Share Acme, get rewards"), is a question, or says "you", "we", "our"
    (the publisher speaking)."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(text, 0, phrase.start()):
        start = m.end()
    end_match = _SENTENCE_BREAK.search(text, phrase.end())
    end = end_match.end() if end_match else len(text)
    sentence = text[start:end]
    before = text[start : phrase.start()]
    if not any(ch.isalnum() for ch in before):
        return True
    if markers is not None and markers.ask_opening(sentence, "imperatives"):
        return True
    return "?" in sentence or "？" in sentence or _ADDRESS.search(sentence) is not None


# A line that tells (a story's sentence, not an ask's lead-in) has at least this many words.
MIN_TELLING_WORDS = 6
_FULL_STOP = re.compile(r"[.。][\"”’')*_]*\s*$")


def _lines_that_tell(doc, markers, block) -> int:
    """The first line of a paragraph from which its no-story ask runs, past
    the lines above it that tell something: a paragraph whose lines are the
    email's own lines (html pulled apart into lines, each a whole sentence)
    may hold a staff note and a date line above a referral line ("Ben says:
    the new record sounds best loud." / "Pre-orders open on 1 November." /
    "Refer a friend and you both get £5 off: …"). A line tells when it is a
    whole sentence ending in a full stop (the line above ended one too), of at
    least `MIN_TELLING_WORDS` words, with no link, no no-story phrase, and no
    word for the reader or the publisher ("you", "we", "our"). A lead-in that
    asks ("Enjoyed this issue?", "We hope you liked it.") or a button stays
    with the ask. `block.start` when no line above the ask tells."""
    first = block.start
    for i in range(block.start, block.end - 1):
        line = doc.lines[i]
        text = visible_text(line).strip()
        if not text or "](" in line or "://" in line or text[0].islower():
            break
        if _FULL_STOP.search(text) is None or word_count(text) < MIN_TELLING_WORDS:
            break
        if _ADDRESS.search(text) is not None or markers.no_story_match(text) is not None:
            break
        first = i + 1
    return first


def _lines_that_close(doc, markers, block, start: int) -> "tuple[int, str] | None":
    """Where a paragraph's ask ends above the lines that close the email, or
    None: a paragraph whose lines are the email's own lines (a flattened email,
    or one whose removed lines left its last lines glued to the ask) may hold
    the author's sign-off and name, or the copyright line, under the ask
    ("Share Acme and earn rewards." / "Clear skies," / "Jonah" / "© 2026
    Acme"). Those stay (SPEC keeps the copyright line; the sign-off is the
    author's), and the ask ends above the first of them, when the ask's own
    phrase stands above it."""
    for i in range(start + 1, block.end):
        line = doc.lines[i]
        why = None
        if COPYRIGHT.search(line):
            why = "the copyright line under it (kept)"
        else:
            closing = author_closing(doc, markers, block, i)
            if closing is not None and not closing.startswith(_NOT_CLOSING_LINES):
                why = f"the author's closing under it: {closing}"
        if why is None:
            continue
        above = visible_text("\n".join(doc.lines[start:i]))
        if markers.no_story_match(above) is None:
            return None
        return i, why
    return None


# A short heading over nothing but an ask is the ask's title.
MAX_TITLE_WORDS = 6


def _title_of_its_own(doc, block):
    """The short heading right above a top-level paragraph that is all of its
    section, or None."""
    if block.depth:
        return None
    heading = doc.previous_block(block)
    if heading is None or heading.kind != "heading" or is_document_title(doc, heading):
        return None
    if any(doc.lines[i].strip() for i in range(block.end, doc.section_end(heading))):
        return None
    if word_count(doc.visible(heading)) > MAX_TITLE_WORDS:
        return None
    return heading


# A postscript holds a whole paragraph, and an invitation to reply is read
# by sentence: neither is a line that ends an ask above it.
_NOT_CLOSING_LINES = ("the author's postscript", "the author's invitation")


def _asking_section(doc, markers, block) -> "tuple[int, int, str] | None":
    """The section a referral or poll block opens, when its heading names the
    ask ("🎁 Share The Growth Memo", "SHARE THE BREW") and every block of it is
    short: the heading, the ask and what goes with it (a "Click to share"
    button, the referral link, a reward image), up to a break or a heading."""
    i = doc.blocks.index(block)
    heading = doc.blocks[i - 1] if i > 0 else None
    if heading is None or heading.kind != "heading" or is_document_title(doc, heading):
        return None
    title = doc.visible(heading)
    if word_count(title) > 6 or markers.no_story_heading_word(title) is None:
        return None
    for other in doc.blocks_between(heading.end, doc.section_end(heading)):
        if other.kind == "hr" or is_footer_boundary(doc, other):
            break
        if word_count(doc.visible(other)) > MAX_WORDS:
            return None  # a story in the section: the ask takes only itself
    start, end, why = _ask_under_heading(doc, markers, heading)
    return start, end, f"{why} (the heading {quote(title)} names the ask)"


# A block this short that links or shows an image is part of the ask (its button, its reward).
MAX_ASK_PART_WORDS = 20


def _ask_under_heading(doc, markers, heading) -> tuple[int, int, str]:
    """How far a no-story heading ("Refer a friend", "How did we do?") takes
    its section: over the ask right under it and the blocks that go on
    asking (a no-story phrase, or a short block with a link or image: the
    share button, the reward), up to a
    break, a copyright line, or the first block that does neither (a
    disclaimer, a sign-off, the postal address: not part of the ask)."""
    end = doc.section_end(heading)
    for k, block in enumerate(doc.blocks_between(heading.end, end)):
        if block.kind == "hr":
            return heading.start, block.start, "a thematic break"
        if is_footer_boundary(doc, block):
            return heading.start, block.start, "the copyright line"
        text = doc.visible(block)
        # The block right under the heading is the ask the heading names, when short.
        asks = (k == 0 and word_count(text) <= MAX_WORDS) or markers.no_story_match(text) is not None
        part = word_count(text) <= MAX_ASK_PART_WORDS and ("](" in doc.source(block) or not text.strip())
        if not (asks or part):
            return heading.start, block.start, f"a block that asks nothing ({quote(text, 32)})"
    return heading.start, end, "the next heading" if end < len(doc.lines) else "the end of the document"


def _with_answers(doc, block, text: str, end: int, why: str, markers=None) -> tuple[int, str]:
    """A poll question takes its answers: the row of short links right under it
    ("[🤩 Amazing](…) | [🙂 Good](…) | [😕 Meh](…)"), or a run of blocks of one
    short link each (one answer a line or a list item)."""
    if "?" not in text and "？" not in text:
        return end, why
    answers_end, count, _ = _answers_after(doc, block, markers)
    if count >= MIN_POLL_ANSWERS:
        return answers_end, "the poll's answer links"
    return end, why


# An answer is a link of at most this many words (a poll's question and its
# answer count are the poll evidence's: evidence/asks.py).
MAX_ANSWER_WORDS = 5


def _answer_links(doc, block) -> "list | None":
    """The links of a block that holds nothing but short links and separators
    (a row of answers, or one answer), or None."""
    if block.kind != "paragraph":
        return None
    links = doc.top_links(block)
    if not links:
        return None
    source = doc.source(block)
    outside = source[: links[0].start] + source[links[-1].end :]
    outside += "".join(source[a.end : b.start] for a, b in zip(links, links[1:]))
    if any(ch.isalnum() for ch in outside):
        return None
    if any(word_count(visible_text(source[link.text_start : link.text_end])) > MAX_ANSWER_WORDS for link in links):
        return None
    return links


def _answers_after(doc, block, markers) -> tuple[int, int, bool]:
    """Where the answers under a question end, how many links they hold, and
    whether one leads to a poll or survey (link classifier)."""
    end, count, to_poll = block.end, 0, False
    nxt = doc.next_block(block)
    while nxt is not None:
        blocks = [nxt]
        if nxt.kind in ("bullet_list", "ordered_list"):
            # A list of answers: every item one short link.
            blocks = [child for item in nxt.children for child in item.children]
            if any(len(item.children) != 1 for item in nxt.children):
                break
        found = [_answer_links(doc, b) for b in blocks]
        if not blocks or any(f is None for f in found):
            break
        for links in found:
            count += len(links)
            if markers is not None:
                to_poll = to_poll or any(markers.link_kind(link.destination) is LinkKind.SURVEY for link in links)
        end = nxt.end
        if nxt.kind == "paragraph" and len(found[0]) >= MIN_POLL_ANSWERS:
            break  # a row of answers is the whole poll
        nxt = doc.next_block(nxt)
    return end, count, to_poll


# A line between a poll's question and its answers ("Your votes pick next week's topic.").
MAX_POLL_LEAD_IN_WORDS = 12


# A poll known by its shape alone: a shorter question, answers of a few words.
MAX_SHAPED_QUESTION_WORDS = 15
MAX_SHAPED_ANSWER_WORDS = 3
_QUESTION_END = re.compile(r"[?？][*_\s]*$")


def _shaped_poll(doc, block) -> "tuple[str, int, int, str] | None":
    """A short question and a row of answer links on the line under it, in
    its paragraph or as the next paragraph ("How useful was this issue?" /
    "[Very](…/fb5) | [Somewhat](…/fb3) | [Not](…/fb1)"): the answers are at
    least two links of at most three words, nothing but separators between
    them, to addresses that differ in one answer value (one page, one answer a
    link: `answers_to_one_page`; a list of stories links to pages of their own), or beside it on
    its line ("How was it? [Good](…) / [Poor](…)"). Returns the
    question, the number of answers, the line after the row and how the
    answers lead to one page, or None."""
    nxt = doc.next_block(block)
    row_start = 0  # where the row begins on its line
    if block.end - block.start == 1 and _question_opens_row(doc.lines[block.start]):
        # "How was it? [Good](…?s=good) / [Poor](…?s=bad)": question and row on one line.
        line = doc.lines[block.start]
        row_start = links_of(line)[0].start
        question, row_line, end = line[:row_start].strip(), block.start, block.end
    elif block.end - block.start >= 2:
        question_end, row_line, end = block.end - 1, block.end - 1, block.end
        question = " ".join(doc.lines[i].strip() for i in range(block.start, question_end))
    elif nxt is not None and nxt.kind == "paragraph" and nxt.end - nxt.start == 1:
        question_end, row_line, end = block.end, nxt.start, nxt.end
        question = " ".join(doc.lines[i].strip() for i in range(block.start, question_end))
    else:
        return None
    if not _QUESTION_END.search(question):
        return None
    question_text = visible_text(question).strip()
    if word_count(question_text) > MAX_SHAPED_QUESTION_WORDS:
        return None
    row = doc.lines[row_line][row_start:]
    links = links_of(row)
    if len(links) < MIN_POLL_ANSWERS:
        return None
    outside = row[: links[0].start] + "".join(row[a.end : b.start] for a, b in zip(links, links[1:])) + row[links[-1].end :]
    if any(ch.isalnum() for ch in outside):
        return None
    if any(_lettered_words(visible_text(row[link.text_start : link.text_end])) > MAX_SHAPED_ANSWER_WORDS for link in links):
        return None
    urls = [link.destination for link in links]
    if not answers_to_one_page(urls):
        return None
    if row_start and not (one_value_differs(urls) and _one_sentence(question_text)):
        # Beside its question on one line, a poll is one page with the answer
        # in one query value, asked in one sentence: "The timetable changes.
        # Which crossing do you take? [Morning](…/morning) / [Evening](…/evening)"
        # is a story's links.
        return None
    where = ("beside it on its line, to one page but for one query value" if row_start
             else "that differ only at their ends")
    return question_text, len(links), end, where


# A feedback row's pieces: a label of at most this many words ("More like
# this", "Rate this issue:"), or a block of nothing but answer links.
MAX_FEEDBACK_LABEL_WORDS = 5
# A platform's in-page route after "#/" ("…/issue-9/#/feedback/<post>/1/?uuid=…").
_FRAGMENT_ROUTE = re.compile(r"#/([^#]*)$")


def _block_urls(doc, block) -> list[str]:
    """The addresses a block links to: its links', or the plain addresses of a plain-text part."""
    links = doc.top_links(block)
    if links:
        return [link.destination for link in links]
    return list(addresses(doc.source(block)))  # plain-text parts: bare, in brackets or in parentheses


def _label_of(doc, block) -> str:
    """A block's words once its addresses are gone."""
    return " ".join(visible_text_without_urls(doc.source(block)).replace("[", " ").replace("]", " ")
                    .replace("(", " ").replace(")", " ").split())


def _route_as_path(url: str) -> str:
    """An address whose in-page route ("#/feedback/<post>/1/?key=…") is read
    as its path, so its answer value shows where `answers_to_one_page` looks."""
    m = _FRAGMENT_ROUTE.search(url)
    if m is None:
        return url
    route = m.group(1)
    path, _, query = route.partition("?")
    base = url[: m.start()].split("?", 1)[0].rstrip("/")
    return f"{base}/{path.rstrip('/')}" + (f"?{query}" if query else "")


def feedback_run(doc, markers, block) -> "tuple[int, int] | None":
    """The feedback poll that opens at `block`, when it is one: paragraphs of
    a short label (at most `MAX_FEEDBACK_LABEL_WORDS` words, ending no
    sentence) or of nothing but answer links, each label right above links,
    whose links all lead to a survey or feedback page (link classifier),
    two or more to one page that differ in one answer value, a word or a
    number (`answers_to_one_page`). A story's links lead to pages of their
    own, and a label under them is a story's line. Returns the line after the
    run's last answer link and the number of answers, or None."""
    urls: list[str] = []
    end, label_open, current = None, False, block
    while current is not None and current.kind == "paragraph":
        label = _label_of(doc, current)
        found = _block_urls(doc, current)
        if not found:
            if label_open or not label or word_count(label) > MAX_FEEDBACK_LABEL_WORDS or label[-1] in ".!?…":
                break
            label_open = True  # a label waits for its answer links
        else:
            if word_count(label) > MAX_FEEDBACK_LABEL_WORDS * max(1, len(found)):
                break
            if not all(markers.link_kind(u) is LinkKind.SURVEY for u in found):
                break
            if len(set(urls + found)) >= MIN_POLL_ANSWERS and not _one_page(urls + found):
                break  # another poll's answers: this run ends above them
            urls.extend(found)
            end, label_open = current.end, False
        current = doc.next_block(current)
    if end is None or len(urls) < MIN_POLL_ANSWERS or not _one_page(urls):
        return None
    return end, len(urls)


def _one_page(urls: list[str]) -> bool:
    """Whether the addresses are one page's answers, an in-page route read as a path."""
    return answers_to_one_page([_route_as_path(u) for u in urls])


def _poll_finding(ctx, text: str, start: int, end: int, evidence: tuple[str, ...], **kwargs) -> Finding:
    """A poll's question and its answers (lines `start` to `end`), removed as one region."""
    return ctx.remove_lines(f"poll {quote(text)}", start, end, f"Remove poll {quote(text)}", evidence=evidence,
                            **kwargs)


def _asks_like_a_poll(text: str) -> bool:
    """Whether a block's visible text could be a poll's question: short, and ending in a question mark."""
    return text.endswith(("?", "？", "?**", "?*")) and word_count(text) <= MAX_POLL_QUESTION_WORDS


def _one_sentence(text: str) -> bool:
    """Whether no sentence ends before the text's last mark."""
    return _SENTENCE_STOP.search(text.rstrip(" *_?？")) is None


_SENTENCE_STOP = re.compile(r"[.!?。！？](?:\s|$)")


def _question_opens_row(line: str) -> bool:
    """A line whose words before its first link end in a question mark, and
    that holds at least two links: a question with its answers beside it."""
    links = links_of(line)
    return len(links) >= MIN_POLL_ANSWERS and _QUESTION_END.search(line[: links[0].start].rstrip()) is not None


def _lettered_words(text: str) -> int:
    """Words with a letter or digit ("😍 Me ha encantado" has three)."""
    return sum(1 for w in text.split() if any(map(str.isalnum, w)))


# A block this long is no ask, even if every sentence had its shape.
MAX_ASK_BLOCK_WORDS = 80
# A referral ask known by its link is a few sentences.
MAX_REFERRAL_BLOCK_WORDS = 45
# An offer of the newsletter's membership known by its price and links is a few sentences.
MAX_OFFER_BLOCK_WORDS = 45
# A line this short, a request without a stop, right above an ask titles it.
MAX_ASK_TITLE_WORDS = 8
_ENDS_SENTENCE = re.compile(r"[.!?…:。！？)\]*_]\s*$")


@remembered(2048, max_chars=TEXT_CHARS)
def _link_kinds(markers, source: str) -> frozenset:
    urls = addresses(source, images=True, bare_in_links=True)
    return frozenset(k for k in (markers.link_kind(u) for u in urls) if k is not None)


def _asks_to_pay_on(markers, line: str):
    """`asks_to_pay_in` of one line with its link kinds, remembered for a
    line up to `MAX_REMEMBERED_CHARS`: a sender's pitch comes back in every
    issue, and every fix round reads the lines it did not change again."""
    if len(line) > MAX_REMEMBERED_CHARS:
        return _read_asks_to_pay(markers, line)
    return _remembered_asks_to_pay(markers, line)


def _read_asks_to_pay(markers, line: str):
    return asks_to_pay_in(markers, line, lambda source: _LinkKindsOf(markers, source))


_remembered_asks_to_pay = remembered(4096, max_chars=TEXT_CHARS)(_read_asks_to_pay)


class _LinkKindsOf:
    """The kinds of the links in a source, found only when an ask needs them."""

    def __init__(self, markers, source: str) -> None:
        self.markers, self.source = markers, source

    def __iter__(self):
        return iter(_link_kinds(self.markers, self.source))


# A paragraph with a line this long was not hard-wrapped: each of its lines
# is a paragraph of the email, flattened (hard wrapping stops near 80).
MIN_FLATTENED_LINE_CHARS = 100
# A line this short with no final stop, between whole lines, is a button or
# a one-line ask ("Subscribe to Acme Weekly").
MAX_BUTTON_LINE_WORDS = 8


def _whole_sentences(previous: str, line: str, following: str, flattened: bool) -> bool:
    """A line of a paragraph that holds whole sentences, not a hard-wrapped
    fragment: in a flattened paragraph, any line that opens like a sentence;
    else the line before it ended a sentence, and it ends one too, or it is a
    short line before a line that opens like a sentence (a button's text); a
    line in lower case only after a sentence that ended, and when it ends one
    or the paragraph."""
    text = visible_text(line).strip()
    if not text:
        return False
    if flattened:
        # A line of a flattened paragraph is a paragraph of the email: it may
        # open in lower case ("subscribe to our free newsletter!") when it
        # ends a sentence, or ends the paragraph after one that ended.
        return (not text[0].islower() or _ENDS_SENTENCE.search(text) is not None
                or not following.strip() and _ENDS_SENTENCE.search(visible_text(previous)) is not None)
    ended = not previous.strip() or _ENDS_SENTENCE.search(visible_text(previous)) is not None
    if not ended:
        return False
    if text[0].islower():
        # A line in lower case goes on the sentence above it, unless that one
        # ended and this one ends a sentence or the paragraph: a button's text
        # written in lower case ("… in the comments! / subscribe to our free
        # newsletter here").
        return bool(previous.strip()) and (_ENDS_SENTENCE.search(text) is not None or not following.strip())
    if _ENDS_SENTENCE.search(text) is not None:
        return True
    after = visible_text(following).strip()
    return word_count(text) <= MAX_BUTTON_LINE_WORDS and (not after or not after[0].islower())


# Marks after which an ask may go on in the next "sentence": a title's colon,
# a pause's ellipsis (a full stop alone ends the ask).
_PAUSES = {":": "colon", "：": "colon", "…": "ellipsis", "...": "ellipsis"}


def _pause(sentence: str) -> str | None:
    """The name of the mark that ends `sentence` when the ask may go on after it."""
    return next((name for mark, name in _PAUSES.items() if sentence.endswith(mark)), None)


@remembered(2048, max_chars=TEXT_CHARS)
def _all_ask(markers, text: str, source: str, closing: bool = False) -> "tuple[tuple[str, ...], bool] | None":
    """The evidence when every sentence of `text` asks something for the
    newsletter, names its subscription beside an ask, or is a short lead-in;
    None otherwise. The bool: every ask had a request and an object (sure).
    `source`: the markdown of `text`, for its links' kinds. `closing`: the
    text is the email's last word to its reader (`closes_the_email`), where
    the author's short words to the reader beside an ask ("I hope you enjoyed
    this.", "If you can't, no worries!") are the ask's (a judgement)."""
    kinds = _LinkKindsOf(markers, source)
    whys: list[str] = []
    sure = True
    asks = beside = 0
    asked_up_to_colon = ""  # an ask that ended on ':' ("… check out my book First Contact:")
    for a, b in sentences(text):
        sentence = text[a:b].strip()
        if not any(map(str.isalnum, sentence)):
            continue
        ask = sentence_ask(markers, sentence, kinds)
        if ask is not None:
            asks += 1
            sure = sure and ask.sure
            whys.append(f"{quote(sentence, 40)}: {ask.why}")
            asked_up_to_colon = sentence if _pause(sentence) else ""
            continue
        if asked_up_to_colon and sentence_ask(markers, f"{asked_up_to_colon} {sentence}", kinds) is not None:
            # The colon was a title's ("check out my book First Contact: The
            # Story of …, or subscribe to my newsletter"), or the ellipsis a
            # pause ("UPGRADE YOUR PLAN... AND GET THE PRINT EDITION"): one
            # sentence, still asking.
            whys.append(f"{quote(sentence, 40)}: the ask goes on after the {_pause(asked_up_to_colon)}")
            asked_up_to_colon = ""
            continue
        asked_up_to_colon = ""
        named = names_the_subscription(markers, sentence)
        if named:
            whys.append(f"{quote(sentence, 40)}: names the newsletter (phrase '{named}') beside an ask")
        elif sentence_words(sentence) <= MAX_LEAD_IN_WORDS:
            # CJK-aware: a Chinese sentence of thirty characters is no short lead-in.
            whys.append(f"{quote(sentence, 40)}: a short lead-in")
        elif offer := offers_the_subscription(markers, sentence):
            # "Subscribers get the archive. It's $7 a month." after "Please
            # subscribe": the ask's offer, however much it lists; a judgement
            # (prices tell stories too).
            sure = False
            whys.append(f"{quote(sentence, 40)}: {offer} beside an ask")
        else:
            voice = publisher_voice(markers, sentence)
            # (LinkKind's order: a set's changes from run to run, and so would the evidence.)
            present = set(kinds) if voice else set()
            own_link = voice and next((k for k in LinkKind if k in present and k in OWN_PAGE_KINDS), None)
            if not own_link and closing:
                spoken = voice or (word_count(sentence) <= MAX_BESIDE_WORDS and markers.ask_phrase(sentence, "reader"))
                if spoken:
                    beside += 1
                    sure = False
                    whys.append(f"{quote(sentence, 40)}: the author's words to the reader (word '{spoken}') "
                                "beside an ask that closes the email")
                    continue
            if not own_link:
                return None
            # "We don't run a paywall." beside "Become a member" and its
            # signup link: the publisher pleading its case (a judgement).
            beside += 1
            sure = False
            whys.append(f"{quote(sentence, 40)}: the publisher speaking (word '{voice}') beside an ask "
                        f"with a link to a {own_link.value} page")
    if not asks or beside > asks:
        return None
    return tuple(whys), sure


def _outside_links(source: str, links) -> str:
    """What a reader sees of a block outside its links ("Follow us: · ·")."""
    pieces, pos = [], 0
    for link in links:
        pieces.append(source[pos : link.start])
        pos = link.end
    pieces.append(source[pos:])
    return visible_text_without_urls("".join(pieces))


# An offer's buttons: at most this many blocks of one or two short links each, right under it.
MAX_OFFER_BUTTONS = 2


def _own_buttons_under(doc, markers, block) -> list:
    """The blocks right under an offer that are its buttons: nothing but one or
    two short links, each to one of the newsletter's own pages by the link
    classifier (subscribe, referral, share, donation: "[S'abonner](…/subscribe)",
    "[Share Acme](…?action=share)")."""
    buttons = []
    nxt = doc.next_block(block)
    while nxt is not None and nxt.kind == "paragraph" and len(buttons) < MAX_OFFER_BUTTONS:
        links = _answer_links(doc, nxt)
        if not links or len(links) > 2 or any(link.is_image for link in links):
            break
        if not all(markers.link_kind(link.destination) in OWN_PAGE_KINDS for link in links):
            break
        buttons.append(nxt)
        nxt = doc.next_block(nxt)
    return buttons


def _its_links(urls: list[str]) -> str:
    return "its link leads" if len(urls) == 1 else f"its {len(urls)} links lead"


def _all_social(markers, links) -> bool:
    """Whether every link leads to a social profile (an icon image linking there counts)."""
    return all(markers.link_kind(link.destination) is LinkKind.SOCIAL for link in links)


def _asks_to_follow(markers, lead_in: str, phrase: str) -> bool:
    """A follow lead-in asks the reader: it opens with the phrase ("Follow us"),
    or speaks as the publisher or to the reader ("You can find me on"). "Activists
    urged residents to follow" tells of others and stays. A CJK phrase counts
    wherever it stands (the verb comes last there)."""
    opening = lead_in.lstrip(" \t*_#>-•·([").lower()
    if opening.startswith(phrase.lower()) or not phrase[:1].isascii():
        return True  # (Chinese and Japanese put the verb last: "X でも情報発信中")
    return bool(markers.ask_phrase(lead_in, "publisher") or markers.ask_phrase(lead_in, "reader"))


def _follow_row_removal(ctx, covered: set[int], block, start: int, end: int, shown: str,
                        evidence: tuple[str, ...], applicability: "Applicability | None" = None) -> Finding:
    """The removal of a follow row (lead-in and row) on lines `start`..`end`
    that starts in `block`. When it takes the whole block and the block is a
    list item's only paragraph, the item goes too: its bullet alone would be
    left. The lines are marked covered."""
    parent = block.parent
    if (start, end) == (block.start, block.end) and parent is not None and parent.kind == "list_item" \
            and len(parent.children) == 1:
        start, end = parent.start, parent.end
    covered.update(range(start, end))
    shown = quote(shown.strip())
    return ctx.remove_lines(f"follow row {shown}", start, end, f"Remove the follow row {shown}",
                            evidence=evidence, applicability=applicability)


def _shown_after_lead_in(doc, markers, block, text: str):
    """The block an ask that ends in ':' leads in to, when it is what the ask
    shows and nothing else: an image alone (a QR code to subscribe), or links
    that all lead to the newsletter's own pages ("Scan to join our readers:"
    over the code). None otherwise."""
    if not text.rstrip(" *_").endswith((":", "：")):
        return None
    nxt = doc.next_block(block)
    if nxt is None or nxt.kind != "paragraph":
        return None
    links = doc.links(nxt)
    if not links or _outside_links(doc.source(nxt), doc.top_links(nxt)).strip(" \t\n|·•,/-–—"):
        return None
    if all(link.is_image for link in links):
        return nxt
    kinds = [markers.link_kind(link.destination) for link in doc.top_links(nxt)]
    return nxt if all(k in OWN_PAGE_KINDS for k in kinds) else None


def _in_quote(block) -> bool:
    """Whether a block stands inside a quote (the words of someone else)."""
    parent = block.parent
    while parent is not None:
        if parent.kind == "blockquote":
            return True
        parent = parent.parent
    return False


def _lines_of(ctx, finding) -> range:
    """The lines (0-based) a finding covers."""
    return range(ctx.doc.position(finding.start).line - 1, ctx.doc.position(finding.end).line)


def _sorts_before(first: Finding, then: Finding) -> bool:
    """Whether the fixer weighs `first` before `then` (same rule): it starts
    earlier, or at the same place and goes at least as far."""
    return first.start < then.start or first.start == then.start and first.end >= then.end


class NoStoryBlock(Rule):
    code = "NL302"
    name = "no-story-block"
    family = "no-story"
    summary = "Referral, feedback poll, survey or follow-us block"

    def check(self, ctx) -> Iterator[Finding]:
        found = list(self._detect(ctx, judgements_claim=True))
        if all(f.fix is None or f.fix.is_safe for f in found):
            yield from found
            return
        # A judgement (an unsafe fix) claims its lines, and the shapes after it
        # skip them: without --unsafe-fixes nothing would then remove a sure
        # ask that stands inside it (a framed ask that the sentence reading
        # judged, a sure ask under a judged ask heading). So the shapes are
        # read a second time with judgements claiming nothing, and the sure
        # findings that only this reading makes go too: one with a judgement's
        # very extent takes its place (the same removal, now sure); any other
        # sorts after every finding of the first reading that it meets
        # (`fixer.select_fixes`: the earlier start, then the longer), so with
        # --unsafe-fixes the judgement still goes first and whole.
        by_extent = {(f.start, f.end): f for f in found}
        extra: list[Finding] = []
        for sure in self._detect(ctx, judgements_claim=False):
            if sure.fix is None or not sure.fix.is_safe:
                continue
            same = by_extent.get((sure.start, sure.end))
            if same is not None:
                if not same.fix.is_safe:
                    by_extent[(sure.start, sure.end)] = sure
                continue
            if all(_sorts_before(f, sure) for f in found if f.start < sure.end and sure.start < f.end):
                extra.append(sure)
        yield from (by_extent.get((f.start, f.end), f) for f in found)
        yield from extra

    def _detect(self, ctx, judgements_claim: bool) -> Iterator[Finding]:
        """Every shape's findings, in order; the lines each finding covers are
        `covered` for the shapes after it. With `judgements_claim` False, an
        unsafe finding claims nothing: it is not yielded, and the lines it
        covers (that no sure finding covers) are left to the shapes after it."""
        covered: set[int] = set()
        sure_lines: set[int] = set()

        def settle(findings: Iterator[Finding], claim: bool = False) -> Iterator[Finding]:
            for finding in findings:
                lines = _lines_of(ctx, finding)
                if claim:
                    covered.update(lines)
                if finding.fix is None or finding.fix.is_safe:
                    sure_lines.update(lines)
                elif not judgements_claim:
                    covered.difference_update(i for i in lines if i not in sure_lines)
                    continue
                yield finding

        yield from settle(self._no_story_blocks(ctx), claim=True)
        yield from settle(self._polls(ctx, covered))
        yield from settle(self._feedback_rows(ctx, covered))
        yield from settle(self._reader_polls(ctx, covered))
        yield from settle(self._follow_rows(ctx, covered))
        yield from settle(self._follow_lines(ctx, covered))
        yield from settle(self._ask_sections(ctx, covered))
        yield from settle(self._asks(ctx, covered), claim=True)
        yield from settle(self._framed_asks(ctx, covered))
        yield from settle(self._asks_to_pay(ctx, covered))
        yield from settle(self._own_offers(ctx, covered))
        yield from settle(self._survey_asks(ctx, covered))
        yield from settle(self._answer_rows(ctx, covered))
        yield from settle(self._referral_links(ctx, covered))

    def _follow_rows(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A row of social profile links with a lead-in that asks the reader to
        follow ("Follow us: [Instagram](…) · [Bluesky](…)", "Find me on
        [Mastodon](…) and [LinkedIn](…)"), or such a lead-in alone on the
        line above the row: lead-in and row are one region."""
        doc, markers = ctx.doc, ctx.markers
        # The lines that hold a follow phrase, found in one pass: most hold none.
        phrase_lines = {bisect_right(doc.line_starts, at) - 1 for at in markers.ask_phrase_starts(doc.text, "follow")}
        if not phrase_lines:
            return
        for block in doc.all_blocks:
            if block.kind != "paragraph" or not any(i in phrase_lines for i in range(block.start, block.end)):
                continue
            if any(i in covered for i in range(block.start, block.end)):
                continue
            source = doc.source(block)
            links = doc.top_links(block)
            lead_in = _outside_links(source, links)
            phrase = follow_lead_in(markers, lead_in)
            if phrase is None or not _asks_to_follow(markers, lead_in, phrase):
                continue
            start, end = block.start, block.end
            if links:
                if not _all_social(markers, links):
                    continue
                why_end = "the end of its row of social profile links"
            else:
                row = doc.next_block(block)
                row_links = doc.top_links(row) if row is not None and row.kind == "paragraph" else []
                if not row_links or _outside_links(doc.source(row), row_links).strip(" \t\n|·•,/-–—") \
                        or not _all_social(markers, row_links):
                    continue
                end, why_end = row.end, "the row of social profile links under it"
            yield _follow_row_removal(ctx, covered, block, start, end, doc.visible(block), (
                f"a lead-in that asks the reader to follow (phrase '{phrase}')",
                "link kind 'social' matched: every link of the row is a social profile",
                f"ends at {why_end}",
            ))

    def _follow_lines(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A follow lead-in ending in a colon with its row after it on the same
        line, whatever host or tracker is behind the row's links ("Siga a
        Gazeta: [Instagram](…) | [Podcast](…)", "Instagramでも写真を公開中：
        https://…"), or alone over row lines ("Keep in touch with
        Brookfield Library:" over "Facebook: https://…"), in the email's last
        lines (`evidence/follow_lines.py`): the line, or the lead-in and its
        rows, go. A judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        if ":" not in doc.text and "：" not in doc.text:
            return
        for block in doc.all_blocks:
            if block.kind != "paragraph" or not in_the_last_lines(doc, block.end):
                continue
            i = block.start
            while i < block.end:
                line = doc.lines[i]
                if (":" not in line and "：" not in line) or i in covered or not in_the_last_lines(doc, i):
                    i += 1
                    continue
                found = follow_line(markers, line)
                end = i + 1
                if found is None:
                    asked = follow_lead_in_line(markers, line)
                    rows = []
                    if asked is not None:
                        under = range(i + 1, block.end) if i + 1 < block.end else ()
                        if not under:
                            nxt = doc.next_block(block)
                            if nxt is not None and nxt.kind == "paragraph" and nxt.start == block.end + 1:
                                under = range(nxt.start, nxt.end)
                        rows = [row_line(markers, doc.lines[j]) for j in under]
                    if not rows or any(r is None for r in rows) or any(j in covered for j in under):
                        i += 1
                        continue
                    end = under[-1] + 1
                    found = (asked, rows[0])
                asked, row = found
                yield _follow_row_removal(ctx, covered, block, i, end, visible_text(line), (
                    f"a lead-in ending in a colon that asks the reader to follow ({asked})",
                    f"a row of at most {MAX_ROW_ADDRESSES} addresses after it: {row}",
                    "in the email's last lines",
                    "ends at the row's last line",
                ), Applicability.UNSAFE)
                i = end
                if end > block.end:
                    break

    def _polls(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A question whose answers lead to a poll or survey (link classifier),
        however it is worded: the question and its answer links are one region.
        Without such a link, a short question over a row of very short answer
        links that differ only at their ends (one page, one answer a link) is
        a poll by its shape: a judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        for block in doc.blocks:
            if block.kind != "paragraph" or block.start in covered:
                continue
            shaped = _shaped_poll(doc, block)
            if shaped is not None:
                question, count, end, where = shaped
                if any(i in covered for i in range(block.start, end)):
                    continue
                covered.update(range(block.start, end))
                yield ctx.remove_lines(
                    f"poll {quote(question)}", block.start, end, f"Remove poll {quote(question)}",
                    evidence=(
                        f"a short question {'with' if where.startswith('beside') else 'over'} a row of {count} answer links of at most "
                        f"{MAX_SHAPED_ANSWER_WORDS} words {where}",
                        "ends at the poll's last answer link",
                    ),
                    applicability=Applicability.UNSAFE,
                )
                continue
            text = doc.visible(block).strip()
            if not _asks_like_a_poll(text):
                continue
            end, count, to_poll = _answers_after(doc, block, markers)
            if count < MIN_POLL_ANSWERS or not to_poll or any(i in covered for i in range(block.start, end)):
                continue
            covered.update(range(block.start, end))
            yield _poll_finding(ctx, text, block.start, end, (
                f"link kind 'survey' matched: a question with {count} short answer links that lead to a poll",
                "ends at the poll's last answer link",
            ))
        yield from self._titled_polls(ctx, covered)

    def _feedback_rows(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A poll known by its links alone, with no question over it: a run of
        short blocks whose links lead to one feedback or poll page (link
        classifier: the survey kind) and differ in one answer value
        ("More like this" / `…/#/feedback/<post>/1/…` / "Less like this" /
        `…/#/feedback/<post>/0/…`). See `feedback_run`."""
        doc, markers = ctx.doc, ctx.markers
        for block in doc.blocks:
            if block.start in covered:
                continue
            above = doc.previous_block(block)
            if above is not None and (above.kind == "heading" or _asks_like_a_poll(doc.visible(above).strip())):
                continue  # a poll with its question or title: the shapes that read those take it
            run = feedback_run(doc, markers, block)
            if run is None:
                continue
            end, count = run
            if any(i in covered for i in range(block.start, end)):
                continue
            covered.update(range(block.start, end))
            text = " / ".join(_label_of(doc, b) for b in doc.blocks_between(block.start, end)
                              if _label_of(doc, b)) or "answer links"
            yield _poll_finding(ctx, text, block.start, end, (
                f"link kind 'survey' matched: {count} answer links to one feedback page that differ in one "
                "answer value, with no question over them",
                "ends at the poll's last answer link",
            ))

    def _reader_polls(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A reader poll whose answer links hide where they lead (a click
        tracker), known by what its question asks (the reader's opinion of the
        newsletter) or by the short title above it that names a poll
        (`evidence/reader_polls.py`): title, question, answers and the poll's
        note under them go as one region, a judgement (unsafe). When another
        shape already took the poll, its note alone goes."""
        doc = ctx.doc
        for poll in reader_polls(doc, ctx.markers):
            lines = range(poll.start, poll.end)
            if not any(i in covered for i in lines):
                covered.update(lines)
                yield _poll_finding(ctx, poll.question, poll.start, poll.end, (
                    *poll.why, f"ends at the poll's {'note' if poll.note is not None else 'last answer link'}"),
                    applicability=Applicability.UNSAFE)
            elif poll.note is not None and all(i in covered for i in range(poll.start, poll.answers_end)) \
                    and not any(i in covered for i in range(poll.note, poll.end)):
                # The poll went by another shape; the note under its answers is the poll's.
                covered.update(range(poll.note, poll.end))
                note = quote(visible_text(doc.lines[poll.note]).strip())
                yield ctx.remove_lines(
                    f"poll note {note}", poll.note, poll.end, f"Remove the poll's note {note}",
                    evidence=(f"a short line right under the answers of the poll {quote(poll.question)} "
                              "that speaks of the poll or its result", "ends at the note's line"),
                    applicability=Applicability.UNSAFE,
                )

    def _titled_polls(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A poll whose question is a heading, or stands a short lead-in above
        its answers ("## How did we do?" / "Your votes shape the next issue." /
        "[Great](…/polls/7?choice=3) | [Poor](…/polls/7?choice=1)"): the
        answers are a row of short links to one poll page (link classifier:
        the survey kind) that differ in one answer value
        (`answers_to_one_page`); question, lead-in and answers go as one region."""
        doc, markers = ctx.doc, ctx.markers
        for block in doc.blocks:
            if block.kind not in ("heading", "paragraph") or block.start in covered:
                continue
            text = doc.visible(block).strip()
            if not _asks_like_a_poll(text):
                continue
            row = doc.next_block(block)
            lead_in = row is not None and row.kind == "paragraph" and not doc.top_links(row)
            if lead_in and word_count(doc.visible(row)) > MAX_POLL_LEAD_IN_WORDS:
                continue
            if lead_in:
                row = doc.next_block(row)
            links = _answer_links(doc, row) if row is not None else None
            if not links or len(links) < MIN_POLL_ANSWERS:
                continue
            urls = [link.destination for link in links]
            if not all(markers.link_kind(u) is LinkKind.SURVEY for u in urls) or not answers_to_one_page(urls):
                continue
            end = row.end
            if any(i in covered for i in range(block.start, end)):
                continue
            covered.update(range(block.start, end))
            shown = "a heading" if block.kind == "heading" else "a question"
            yield _poll_finding(ctx, text, block.start, end, (
                f"link kind 'survey' matched: {shown} over {'a short lead-in and ' if lead_in else ''}"
                f"a row of {len(links)} answer links to one poll page",
                "ends at the poll's last answer link",
            ))

    def _asks(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """Asks about the newsletter written as sentences (evidence/asks.py):
        a block whose every sentence asks (or leads in to an ask), or, in a
        flattened paragraph, a line that holds whole sentences that all ask."""
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("asks", doc.text, doc.line_starts)
        if not candidates:
            return
        for block in doc.all_blocks:
            if block.kind not in ("paragraph", "heading") or not candidates.touches(block.start, block.end):
                continue
            if any(i in covered for i in range(block.start, block.end)):
                continue
            if block.kind == "heading" and is_document_title(doc, block):
                continue
            text = visible_text_without_urls(doc.source(block))
            if not text.strip():
                continue
            # A long block is no ask as a whole; its lines may still be (a
            # flattened email is one paragraph of many lines).
            verdict = None
            if word_count(text) <= MAX_ASK_BLOCK_WORDS:
                verdict = _all_ask(markers, text.replace("\n", " "), doc.source(block),
                                   closes_the_email(doc, block.end - 1))
            if verdict is not None:
                start, end = block.start, block.end
                parent = block.parent
                if parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
                    start, end = parent.start, parent.end
                why_end = "the end of its block"
                shown = _shown_after_lead_in(doc, markers, block, text) if end == block.end else None
                if shown is not None:
                    end, why_end = shown.end, "the image or links its lead-in shows (ends in ':')"
                button = block if start == block.start else parent
                title = self._ask_title(ctx, button, covered)
                pitch = None if title is not None else self._ask_pitch(ctx, button, end, covered)
                if pitch is not None:
                    # The pitch with its button, first: one region, so no other
                    # removal of the button can leave the pitch behind in one
                    # round and not in another. The button alone is its own
                    # finding only when it is sure (a safe fix of its own).
                    yield pitch
                if pitch is None or verdict[1]:
                    yield self._ask_finding(ctx, start, end, text, verdict, why_end)
                if title is not None:
                    yield title
                continue
            if block.end - block.start < 2 or block.kind != "paragraph":
                continue
            flattened = any(len(doc.lines[i]) > MIN_FLATTENED_LINE_CHARS for i in range(block.start, block.end))
            for i in range(block.start, block.end):
                line = doc.lines[i]
                previous = doc.lines[i - 1] if i > block.start else ""
                following = doc.lines[i + 1] if i + 1 < block.end else ""
                if i not in candidates or not _whole_sentences(previous, line, following, flattened):
                    continue
                line_text = visible_text_without_urls(line)
                verdict = _all_ask(markers, line_text, line, closes_the_email(doc, i))
                if verdict is not None:
                    start = i
                    lead_in = visible_text_without_urls(doc.lines[i - 1]).strip() if i > block.start else ""
                    if lead_in.endswith(":") and word_count(lead_in) <= MAX_LEAD_IN_WORDS:
                        # "Stay in the loop:" on the line above leads in to the ask.
                        start = i - 1
                        verdict = ((f"{quote(lead_in)}: a lead-in above the ask", *verdict[0]), verdict[1])
                    yield self._ask_finding(
                        ctx, start, i + 1, line_text, verdict, "the end of its line (a flattened paragraph)"
                    )

    def _ask_title(self, ctx, ask_block, covered: set[int]) -> Finding | None:
        """The short line that titles an ask right above it, a heading the
        conversion flattened into a paragraph ("Get a year of ideas and
        insight" over "Get unlimited access … Start a subscription today."):
        one line, a request opening it, no final stop, no link. Its own
        finding, a judgement, so the ask below keeps its safety."""
        doc, markers = ctx.doc, ctx.markers
        title = doc.previous_block(ask_block)
        if title is None or title.kind != "paragraph" or title.end - title.start != 1 or title.start in covered:
            return None
        text = visible_text(doc.source(title)).strip()
        if not text or doc.links(title) or word_count(text) > MAX_ASK_TITLE_WORDS or _ENDS_SENTENCE.search(text):
            return None
        request = markers.ask_opening(text, "selling") or markers.ask_opening(text, "imperatives")
        if not request:
            return None
        return ctx.remove_lines(
            f"title of the ask below it {quote(text)}",
            title.start,
            title.end,
            f"Remove the ask's title {quote(text)}",
            evidence=(
                f"a short line opening with a request ('{request}'), no stop and no link, right above an ask",
                "ends at the end of its line",
            ),
            applicability=Applicability.UNSAFE,
        )

    def _ask_pitch(self, ctx, button, end: int, covered: set[int]) -> Finding | None:
        """The paragraphs right above a lone button that sells the newsletter,
        when they pitch what it sells (`subscription_pitch`): "Unlimited
        access for you and three others. … All for less than $4 a week." over
        "[Subscribe](…)". The pitch and its button are one region (to `end`),
        a judgement (unsafe); the button's own finding keeps its safety."""
        doc, markers = ctx.doc, ctx.markers
        found = pitch_above(doc, markers, button, covered)
        if found is None:
            return None
        selling, start, whys = found
        covered.update(range(start, button.start))
        shown = quote(visible_text_without_urls(doc.source(doc.blocks_between(start, button.start)[0])).strip())
        return ctx.remove_lines(
            f"ask about the newsletter with its pitch {shown}",
            start,
            end,
            f"Remove the ask with its pitch {shown}",
            evidence=(
                *(f"a paragraph that {why}" for why in whys),
                f"right above the button '{visible_text_without_urls(doc.source(button)).strip()}' "
                f"(phrase '{selling}'), an ask",
                "ends at the end of the button",
            ),
            applicability=Applicability.UNSAFE,
        )

    def _ask_sections(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """Headings that ask, with the blocks under them that go on asking (evidence/asks.py)."""
        for region in ask_sections(ctx.doc, ctx.markers, covered):
            yield self._ask_finding(ctx, region.start, region.end, region.shown, (region.whys[:-1], region.sure),
                                    region.whys[-1].removeprefix("ends at "))

    def _framed_asks(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """Paragraphs framed by an ask: an ask, its offer, its button (evidence/asks.py)."""
        candidates = ctx.markers.candidate_lines("asks", ctx.doc.text, ctx.doc.line_starts)
        for start, end, whys, sure in framed_asks(ctx.doc, ctx.markers, covered, candidates):
            shown = ctx.doc.lines[start].strip()
            yield self._ask_finding(ctx, start, end, visible_text(shown), (whys, sure), "the end of the ask (its button or answers)")

    def _asks_to_pay(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """Asks to pay or join inside a longer paragraph, or a line of a
        flattened one (`asks_to_pay_in`): the asking sentences with their
        pitch and lead-in go, the rest of the line stays; the whole line goes
        when every sentence of it is the ask's. A judgement (unsafe): a cut
        inside a paragraph reads one sentence, not the block."""
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("asks", doc.text, doc.line_starts)
        if not candidates:
            return
        for block in doc.all_blocks:
            if block.kind != "paragraph" or not candidates.touches(block.start, block.end) or _in_quote(block):
                continue
            flattened = block.end - block.start == 1 or any(
                len(doc.lines[i]) > MIN_FLATTENED_LINE_CHARS for i in range(block.start, block.end))
            base = doc.offset(block.start)
            for i in range(block.start, block.end):
                if i in covered or i not in candidates:
                    continue
                line = doc.lines[i]
                previous = doc.lines[i - 1] if i > block.start else ""
                following = doc.lines[i + 1] if i + 1 < block.end else ""
                if not _whole_sentences(previous, line, following, flattened):
                    continue
                found = _asks_to_pay_on(markers, line)
                if found is None:
                    continue
                spans, whys = found
                shown = quote(visible_text_without_urls(line[spans[0][0]:spans[0][1]]).strip())
                rest = "".join(line[b:a] for (_, b), (a, _) in zip([(0, 0), *spans], [*spans, (len(line), 0)]))
                evidence = (*whys, "ends at the end of the ask's last sentence")
                if not any(map(str.isalnum, visible_text_without_urls(rest))):
                    covered.add(i)
                    yield ctx.remove_lines(f"ask to pay for the newsletter {shown}", i, i + 1,
                                           f"Remove the ask {shown}", evidence=(*whys, "ends at the end of its line"),
                                           applicability=Applicability.UNSAFE)
                    continue
                at = doc.offset(i) - base
                covered.add(i)
                yield ctx.remove_inline(block, [(at + a, at + b) for a, b in spans],
                                        f"ask to pay for the newsletter {shown}", f"Remove the ask {shown}",
                                        evidence=evidence, applicability=Applicability.UNSAFE)

    def _own_offers(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """The newsletter's offer of its own membership, known without its
        words (`evidence/own_offer.py`): a short block, or a line of whole
        sentences in a longer paragraph, that names a price charged by the
        period, asks the reader, names the newsletter as what is sold and
        links only to the newsletter's own pages, in the email's last lines.
        A judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        starts = markers.ask_phrase_starts(doc.text, "price_periods")
        if not starts:
            return
        priced = {bisect_right(doc.line_starts, at) - 1 for at in starts}
        for block in doc.all_blocks:
            if block.kind != "paragraph" or _in_quote(block) or not any(i in priced for i in range(block.start, block.end)):
                continue
            # A line of the offer that another shape took (its button "Upgrade now:") does not
            # stop the offer: the offer goes whole, as one region, in whichever round.
            if all(i in covered for i in range(block.start, block.end)) or not in_the_last_lines(doc, block.end):
                continue
            source = doc.source(block)
            if word_count(visible_text_without_urls(source)) <= MAX_OFFER_BLOCK_WORDS:
                end, why_end = block.end, "the end of its block"
                buttons = _own_buttons_under(doc, markers, block)
                if buttons:
                    end, why_end = buttons[-1].end, f"the {len(buttons)} button{'s' if len(buttons) > 1 else ''} under it"
                units = [(block.start, end, "\n".join(doc.lines[block.start:end]), why_end)]
            else:
                flattened = any(len(doc.lines[i]) > MIN_FLATTENED_LINE_CHARS for i in range(block.start, block.end))
                units = [(i, i + 1, doc.lines[i], "the end of its line") for i in range(block.start, block.end)
                         if i in priced and _whole_sentences(doc.lines[i - 1] if i > block.start else "", doc.lines[i],
                                                              doc.lines[i + 1] if i + 1 < block.end else "", flattened)]
            for start, end, text, why_end in units:
                if all(i in covered for i in range(start, end)):
                    continue
                finding = self._own_offer(ctx, start, end, text, why_end)
                if finding is not None:
                    covered.update(range(start, end))
                    yield finding

    def _survey_asks(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A survey ask in any words, known by its links: a short block in the
        email's last lines that asks the reader and whose only links lead to a
        survey page by its address (`evidence/own_pages.survey_page`), with the short
        heading right above it when that asks too. A judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        if "://" not in doc.text:
            return
        for block in doc.all_blocks:
            if block.kind != "paragraph" or _in_quote(block) or not in_the_last_lines(doc, block.end):
                continue
            if all(i in covered for i in range(block.start, block.end)):
                continue
            source = doc.source(block)
            if "://" not in source:
                continue
            text = visible_text_without_urls(source).replace("\n", " ").strip()
            if not text or word_count(text) > MAX_WORDS:
                continue
            urls = addresses(source)  # links (not images) and the bare addresses outside them
            if not urls or not all(survey_page(u) for u in urls):
                continue
            asked = offered_to_the_reader(markers, visible_text(source))
            if asked is None:
                continue
            start, why_start = block.start, None
            above = doc.previous_block(block)
            if (above is not None and above.kind == "heading" and above.end == block.start - 1
                    and not is_document_title(doc, above) and word_count(doc.visible(above)) <= MAX_ASK_TITLE_WORDS
                    and offered_to_the_reader(markers, doc.visible(above))):
                start, why_start = above.start, f"starts at its heading {quote(doc.visible(above))}, which asks too"
            shown = quote(text)
            covered.update(range(start, block.end))
            yield ctx.remove_lines(
                f"survey ask {shown}", start, block.end, f"Remove the survey ask {shown}",
                evidence=(asked, f"{_its_links(urls)} only to a survey page",
                          "stands in the email's last lines, after its stories",
                          *((why_start,) if why_start else ()), "ends at the end of its block"),
                applicability=Applicability.UNSAFE,
            )

    def _own_offer(self, ctx, start: int, end: int, source: str, why_end: str) -> Finding | None:
        doc, markers = ctx.doc, ctx.markers
        text = visible_text_without_urls(source).replace("\n", " ").strip()
        if not text or word_count(text) > MAX_OFFER_BLOCK_WORDS:
            return None
        price = recurring_price(markers, text)
        if price is None:
            return None
        urls = addresses(source)  # links (not images) and the bare addresses outside them
        if not own_links_only(doc, markers, urls):
            return None
        # Who the price is for, and what it buys: the reader asked, the newsletter sold.
        # (The button's words count: "[Join as a member](…)" asks.)
        asked = offered_to_the_reader(markers, visible_text(source))
        sold = asked and sold_as_the_newsletter(doc, markers, text, urls)
        if not sold:
            return None
        shown = quote(text)
        return ctx.remove_lines(
            f"offer of the newsletter's own membership {shown}", start, end, f"Remove the offer {shown}",
            evidence=(f"a price charged by the period ('{price}')", asked, sold,
                      f"{_its_links(urls)} only to the newsletter's own pages, none to an article",
                      "stands in the email's last lines, after its stories",
                      f"ends at {why_end}"),
            applicability=Applicability.UNSAFE,
        )

    def _answer_rows(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """A question to the reader and a row of one-click answers under it or
        beside it on its line, in the email's last lines, known by the row's
        links (`evidence/answer_rows.py`): two to six answers of an emoji or a
        few words, bare addresses or links, that lead to one page and differ in
        one answer value. Question and row go as one region, a judgement
        (unsafe), as the polls by shape above."""
        doc = ctx.doc
        for block in doc.all_blocks:
            if block.kind not in ("paragraph", "table") or _in_quote(block):
                continue
            for i in range(block.start, block.end):
                line = doc.lines[i]
                if i in covered or line.count("://") < MIN_POLL_ANSWERS or line.lstrip().startswith("|"):
                    continue
                row = answer_row(line)
                if row is None:
                    continue
                row_start, urls = row
                start = i
                question = visible_text_without_urls(line[:row_start]).strip(" \t*_#>■□●◆・-")
                if not question and i > block.start:
                    start = i - 1
                    question = visible_text_without_urls(doc.lines[start]).strip(" \t*_#>■□●◆・-")
                if not asks_the_reader(question) or not answers_to_one_page(urls):
                    continue
                if not in_the_last_lines(doc, i + 1) or any(k in covered for k in range(start, i + 1)):
                    continue
                covered.update(range(start, i + 1))
                yield ctx.remove_lines(
                    f"poll {quote(question)}", start, i + 1, f"Remove poll {quote(question)}",
                    evidence=(f"a question to the reader with a row of {len(urls)} one-click answers that lead to "
                              "one page and differ in one answer value",
                              "stands in the email's last lines, after its stories",
                              "ends at the row's last answer"),
                    applicability=Applicability.UNSAFE,
                )

    def _referral_links(self, ctx, covered: set[int]) -> Iterator[Finding]:
        """The referral programme's ask in any words: a short block, or a line of
        whole sentences in a longer or flattened paragraph, whose only links
        are the reader's referral link on the newsletter's own site
        (`evidence/own_pages.own_referral_link`), in the email's last lines.
        A judgement (unsafe)."""
        doc, markers = ctx.doc, ctx.markers
        if "ref" not in doc.text and "code=" not in doc.text:
            return
        for block in doc.all_blocks:
            if block.kind != "paragraph" or _in_quote(block) or not in_the_last_lines(doc, block.end):
                continue
            source = doc.source(block)
            if "ref" not in source and "code=" not in source:
                continue
            if word_count(visible_text_without_urls(source)) <= MAX_REFERRAL_BLOCK_WORDS:
                units = [(block.start, block.end, source, "the end of its block")]
            else:
                flattened = any(len(doc.lines[i]) > MIN_FLATTENED_LINE_CHARS for i in range(block.start, block.end))
                units = [(i, i + 1, doc.lines[i], "the end of its line") for i in range(block.start, block.end)
                         if _whole_sentences(doc.lines[i - 1] if i > block.start else "", doc.lines[i],
                                             doc.lines[i + 1] if i + 1 < block.end else "", flattened)]
            for start, end, text, why_end in units:
                if any(i in covered for i in range(start, end)):
                    continue
                words = visible_text_without_urls(text).replace("\n", " ").strip()
                if word_count(words) > MAX_REFERRAL_BLOCK_WORDS:
                    continue
                urls = addresses(text)  # links (not images) and the bare addresses outside them
                if not urls or not all(own_referral_link(doc, markers, u) for u in urls):
                    continue
                shown = quote(words)
                covered.update(range(start, end))
                yield ctx.remove_lines(
                    f"referral ask {shown}", start, end, f"Remove the referral ask {shown}",
                    evidence=(f"{_its_links(urls)} only to the reader's referral link on the newsletter's own site",
                              "stands in the email's last lines, after its stories", f"ends at {why_end}"),
                    applicability=Applicability.UNSAFE,
                )

    def _ask_finding(self, ctx, start: int, end: int, text: str, verdict, why_end: str) -> Finding:
        whys, sure = verdict
        return ctx.remove_lines(
            f"ask about the newsletter {quote(text)}",
            start,
            end,
            f"Remove the ask {quote(text)}",
            evidence=(*whys, f"ends at {why_end}"),
            applicability=None if sure else Applicability.UNSAFE,
        )

    def _no_story_blocks(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("no_story", doc.text, doc.line_starts)
        if not candidates:
            return
        covered_until = -1
        for block in doc.all_blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            if not candidates.touches(block.start, block.end):
                continue
            text = doc.visible(block)
            if word_count(text) > (6 if block.kind == "heading" else MAX_WORDS):
                continue
            match = markers.no_story_match(text)
            if match is None or not _speaks_to_reader(text, match, markers):
                continue
            phrase = match.group(0)
            if block.kind == "heading" and is_document_title(doc, block):
                continue
            evidence_start: tuple[str, ...] = ()
            if block.kind == "heading" and block.depth == 0:
                start, end, why = _ask_under_heading(doc, markers, block)
            else:
                start, end, why = block.start, block.end, "the end of its block"
                parent = block.parent
                told = _lines_that_tell(doc, markers, block)
                if told > block.start:
                    # Named by what goes: the ask's lines, not the story's above them.
                    start, text = told, visible_text("\n".join(doc.lines[told:block.end]))
                    evidence_start = ("starts below the lines above it that tell: whole sentences that ask nothing",)
                    end, why = _with_answers(doc, block, text, end, why, markers)
                elif parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
                    start, end = parent.start, parent.end
                elif block.depth == 0:
                    section = _asking_section(doc, markers, block)
                    if section is not None:
                        start, end, why = section
                    else:
                        end, why = _with_answers(doc, block, text, end, why, markers)
                if block.kind == "paragraph" and end == block.end:
                    closing = _lines_that_close(doc, markers, block, start)
                    if closing is not None:
                        end, why = closing
                        text = visible_text("\n".join(doc.lines[start:end]))
                        title = _title_of_its_own(doc, block) if start == block.start else None
                        if title is not None:
                            # The ask's heading ("## Bring a friend aboard"), which went
                            # with the whole paragraph as an emptied section.
                            start = title.start
            covered_until = end
            yield ctx.remove_lines(
                f"no-story block {quote(text)}",
                start,
                end,
                f"Remove {quote(text)}",
                evidence=(f"phrase '{phrase}' matched", *evidence_start, f"ends at {why}"),
            )
