"""NL101 sponsor-block: a block labelled as paid content.

## What it does
Finds advertising that the newsletter itself labels: a heading or a first
line with `Sponsored by`, `Presented by`, `Together with`, `(Sponsor)`,
`[sponsored]`, `Partner`, `Advertisement`, … (and the same labels in other
languages: 赞助, Anzeige, Publicité, Patrocinado, …), or a disclosure at the
start of the first sentence under a heading ("This section is sponsored by
…"; "the stadium, sponsored by a bank" is a story), or at the start of a
paragraph when it speaks of the newsletter itself ("This issue is brought
to you by WorkOS.", "Today's newsletter is sponsored by …", "Thank you to
our sponsor, …"). A label closing an item's line of details after a separator (`Remote ·
$170k · Promoted`, `Acme | Sponsored`) labels its item. A byline tag (`*Clerk* **sponsor**`) and a label right
after an item's title (`**[Retool](…)** (Sponsor) — …`, also in a list item:
`- **[Retool](…)** *(sponsored)*: …`) label their item.
The first words of a linked title that goes on after them
(`- **[Sponsored Content Detector](…)**: a browser add-on …`, a tool's name
in a list of tools) are no label: a label stands alone in its link, set off
(`[Sponsored: Acme](…)`) or before its sponsor's name (`[Sponsored by
Acme](…)`).
A heading that opens with a label is a label only when the label stands
alone, names its sponsor (a few capitalised words), or comes before a
separator: "Sponsored content is back", "In partnership with NASA, SpaceX
launches crew" and "广告行业的变化" are stories; so is a paragraph whose label
words are its sentence's subject ("Sponsored content is growing fast …").
A label standing alone (`ADVERTISER CONTENT`, `Advertisement`) whose ad was
an image the conversion dropped goes on its own. In flattened text it
also finds a label on a line inside a long paragraph, a disclosure opening
such a line ("This episode was sponsored by Acme. Acme makes …": show notes
pulled apart into lines; "… sponsored by a grant, the station said" names
no sponsor and stays), and a trailing label
glued to the text after it (`Title (Sponsored)Ad text…`). A label word in
a story's sentence, or in the newsletter's own title, is no label.
A label in brackets opening a line before the ad's title (`[Ad] Acme …`,
`【PR】株式会社…`, `[광고] …`) is one whatever the word ("PR" and "Ad" only
there: bare, they are in every story); a link's text (`[Partner](…)`) is
none. An article may stand between a label and its sponsor's name ("Brought
to you by the Midwest Grid Alliance", "En partenariat avec la Graineterie
Morel"; `name_articles`): the name is what follows it, and a sentence that
goes on after the name ("Together with the Mayor, we opened …") is still a
story's. A short line that names the newsletter's own sponsor, an owner word
before a sponsor noun anywhere in it ("A word from this week's sponsor",
"Presented by our partner, Acme"), is a label; "Our partner schools opened
…" goes on as a sentence and is a story.

"Supported by" and "made possible by" say who funds a story too ("the
study was supported by a grant from …") or a newsletter's readers ("this
newsletter is supported by its members", a reader-funding ask, NL302's).
They disclose a sponsor only when their subject is the newsletter itself
(this issue, today's edition, or its own name: "Render Queue is supported
this month by Pixelforge", "## This episode is supported by"), a name that
is no reader follows (or the sponsor's lines under a label ending in "by"),
and the ad names that sponsor again or links to its site: then the ad is
sure (safe fix), otherwise it is left to NL103. A neutral heading over such
a paragraph goes with it only when its section holds nothing else.

A short paragraph that credits a sponsor by name and links to that
sponsor's own site is its ad, whatever the sentence's subject ("List
hosting is sponsored by Northwind Hosting: https://northwind.example.net");
"the regatta, sponsored by a bank" in a story links to the story.

An ad under a neutral heading may say what it is only at its end: the
last sentence of a short paragraph a few blocks under the heading says a
paid relation of this newsletter or of the part just read ("… This section
is sponsored by Kelpworks.", "Quietmail is a paid partner of this
newsletter."), naming one sponsor; every block above it promotes that
sponsor, a link goes to the sponsor's own site (or is a paid placement), and
the text speaks to the reader without reporting. Heading to disclosure go,
by judgement (unsafe fix); the rest of the section stays. A story that ends
with a conflict disclosure reports ("according to", "said") and stays, and
so does news of a league's new paid partner (not this newsletter's).

It also finds ads that nothing labels but their links: a paragraph or list
item whose link goes where only paid placements link (the link classifier's
`ad` kind: ad servers, a sponsor's tracking parameters, an ad network's tag).
A news item about an ad deal links to the story, not to an ad server, and
stays.

"Presented by" and "hosted by" followed by the publisher's own name (its
sender, its archive address, the site of its own unsubscribe or preferences
pages, word by word or run together as the domain: "the Quarry Arts Trust"
and quarryarts.org) name an event's organiser, not a sponsor.

The vocabulary is data, compiled by `SponsorLabels` below: the labels
`[sponsor]` in `data/markers.toml` and `data/lang-*.toml` (and there the
weaker `support_disclosures`); in
`data/promotion.toml` the words around them (`organiser_labels`,
`disclosure_subjects`, `issue_words`, `reader_funders`, `name_prepositions`, `name_articles`, `not_a_name`,
`title_case_verbs`) and the all-caps call to action's verbs
(`[promotion].cta_verbs`); the paid-placement links `[links.ad]` in
`data/links.toml`. All extensible with `extend-markers`.

## Why is this bad?
A reader who wants the newsletter's stories does not want its adverts, and
an archive or a dataset built from newsletters should not be full of them.
It is the highest-priority rule.

## How far it goes
- A labelled heading takes its section, up to the next heading of the same
  or a higher level. A thematic break (`---`) ends it unless the stretch
  after the break still names the sponsor (a name repeated from the heading,
  or the host of the ad's links, unless every story links through that host
  too): then the ad goes on across the break.
  A section that goes on to something else ends after the last block that
  promotes the sponsor (names it, or links where the label links) when the
  blocks after it never do and hold 30 words or a code block (code that
  lost its fence stays the ad's: a developer tool's ad shows code): a label over a part
  the sponsor pays for ("Spot the bug / Sponsored by Acme") takes the ad,
  not the puzzle or story under it; with nothing under it that promotes the
  sponsor or links anywhere, the label goes alone.
- A label line without a heading takes its block. A label standing alone
  (`Together with`, `Brought to you by:`, `Advertisement`) also takes the ad
  under it, up to a break, a heading, the next item's title, a long
  paragraph with no link, a date line (the issue's), a section heading in
  capitals (`WHAT I'M READING`), or a block that links where the newsletter's
  stories link (the label then marked an ad image the conversion lost; when
  every link goes through a redirector, where most links go through it); a
  short rubric line right above the story that stopped it is that story's.
  A label that names its sponsor (`A message from Acme`) takes everything
  that promotes Acme: the blocks up to the last one that names Acme, links
  to it or carries a paid-placement link, never past a heading, a break,
  code, the copyright line or the next ad's label; when a heading comes
  right under it and its section names Acme (`**A message from Acme**` over
  `### Ship faster…`), it takes that section when the section is the ad:
  an ad's size (up to 150 words), no link to any site but Acme's (a
  story's link), and a link to Acme's site (its name in the site's name,
  the site the label links to, or a paid placement), links only through a
  click tracker that hides where they lead, or a heading that names Acme.
  Otherwise the label goes alone, as a label line without a heading does:
  "Together with Acme" over a story that mentions Acme and links to the
  story is a label whose ad (an image) the conversion lost.
- A label with a thematic break right above it takes the few short blocks
  up to the break that closes its frame, wherever their links go: a label
  alone between two breaks (`---` / `**Anzeige**` / the ad / `---`) stands
  as the ad's heading. A bold label inside a run of stories, with no break
  right above it, does not.
- A plain-text heading (`** ADVERTISEMENT` over a line of dashes, as
  Mailchimp writes a heading in the text part) is a heading: the ad under
  it runs to the next heading, not to its own underline.
- Lines of nothing but links right under an ad (its logo, its image slot)
  go with it.
- A paid-placement link takes its paragraph or list item (and the heading
  over it when that is all the section holds); in a paragraph longer than an
  ad (flattened html), only the sentences that carry it. A mailing whose
  paid placements are most of its words is left whole.
- A disclosure paragraph ("This issue is brought to you by Acme. …") is the
  ad, with the next block when it names Acme (its call to action); one that
  ends in a colon ("This episode is brought to you by:") is a lone label.
- Text with no blank lines (a plain-text part): the ad is the label and its
  short sponsor lines (`Acme — ship faster`) and the lines that repeat the
  sponsor named on the line under the label (`In partnership with / ACME /
  Acme — ship faster, free for a month … / Download Acme: URL`), wherever
  their links go; the first other line of prose is the next story. A label
  line opening a block of several lines takes the lines up to the next
  item's: a numbered line (`3. The next story`), or a line opening with the
  label line's own mark (`・【広告】…` then `・Story…`), or up to the next
  story or section as `extents.opens_next_section` knows it (a numbered
  title, a section heading in capitals such as `TOP STORY`; NL301 ends a
  game there too). A short paragraph whose first line is the label alone
  ("This episode is brought to you by:") over `Name — tagline` lines ends
  before the first line after them that is a sentence with no link and does
  not name those sponsors: the story that follows with no blank line
  between (a line that names them, "Acme listeners get a month free.", is
  the ad's offer). A list of `Name — tagline` lines with no label above it
  is the newsletter's own and stays.
- Under a lone label, a link alone on its line that opens with a call to
  action's verb and ends in an arrow or names what the ad named (`[Try
  Acme →](…)`) is the ad's button, not the next item's title; a linked
  image alone up to a break or heading is the ad's banner, wherever it
  links. Inside a flattened paragraph the ad runs over short lines,
  lines naming the sponsor, and ends with its all-caps call to action, or
  before the next story or section (as above); a short line whose colon
  has the ad's link after it (`Book a free consultation: URL`) is its call
  to action, where a line ending in a colon alone opens the next part;
  after the ad's link, a short line over a line of prose is the next
  story's title.
- A whole email on one line or in one paragraph: a sentence that opens with
  a label naming its sponsor takes the sentences after it that name the
  sponsor or carry a paid link (and one that does neither right before a
  paid link or a link whose text names the sponsor: the offer before the
  call to action); the first other sentence is the story's. Flattening may glue the label line to the ad's first
  sentence (`Presented by Acme Acme pays you back …`): that counts when a
  paid-placement link, or a link whose text names the sponsor again, follows
  within three sentences. "Sponsored by" and "Brought to you by" before a
  capitalised name label their line however long it runs (flattened html);
  "Together with Orchard Bank, the council …" is news. An address in
  parentheses (`Apply now ( https://… )`) ends a sentence.
- A label glued into a flattened line takes the ad's title and text up to
  the next section's heading glued into the same line
  (`…deploymentMoving from Manual Workflow…` keeps `Moving from…`).
- A trailing label (`… (Sponsor)`) takes its item: the list item, or the
  title paragraph with its description up to the next title, and the ad's
  own call-to-action link (a title-shaped link to the same site; a host
  every story links through, such as the sender's click tracker, is no
  sponsor's site, so a block linking there is not the ad's). An item
  that holds its own text (`**[Title](url)** — text (Sponsor)`) is one of a
  list of such paragraphs: the next paragraph opening with a title, or not
  naming the sponsor, is the next item.
- No block runs past a copyright line: the footer that nlclean keeps.
- `--output-format full` shows, for each block, the label that matched and
  why the block ends where it ends.

## Example
```markdown
## Ship faster with Acme (Sponsored)

Acme builds your pipelines for you. [Try Acme](https://acme.example)

## The real story
```
becomes
```markdown
## The real story
```

## Fix safety
Safe: the label is the publisher's own statement that the block is paid; a
paid-placement link is where only an ad leads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..extents import (
    Extent,
    block_extent,
    framed_extent,
    is_document_title,
    is_footer_boundary,
    is_sponsor_line,
    is_title_shaped,
    label_block_extent,
    names_with_tagline,
    next_item_line,
    opens_next_section,
    section_extent,
    sponsor_under_label,
)
from ..findings import Applicability, Edit, Finding
from ..inline_syntax import addresses, links_of, surely_more_visible_words, visible_text, visible_text_without_urls
from ..evidence.promotion import (has_paid_link, is_paid_link, link_targets, paid_link_lines, paid_links, reports,
                                  shared_hosts, speaks_to_the_reader)
from ..evidence.publisher import link_hosts, publisher_words, registrable
from ..markers import (CJK, LABEL_DECORATION, LineHits, PhraseSearch, alternation, holds_none_of, literal_words,
                       load as load_markers, longest_first, url_host)
from .base import Rule
from ._shared import quote, word_count

# A paragraph of this many lines or more is flattened text: its lines are read one by one.
FLATTENED_LINES = 8
MAX_AD_LINES = 12
# A line naming "our sponsor" is a label line only when it is this short; a longer one is a sentence.
MAX_OWNED_LABEL_WORDS = 10
# An ad under a label that names its sponsor is looked for in this many blocks.
MAX_AD_BLOCKS = 8
# Paid placements that make more than this share of a mailing's words are the mailing itself.
MAX_PAID_SHARE = 0.4
MIN_MAILING_WORDS = 150
# A disclosure closing its ad is a sentence this short, after at most this many
# blocks and words under a neutral heading.
MAX_CLOSING_DISCLOSURE_WORDS = 20
MAX_CLOSED_AD_BLOCKS = 4
MAX_CLOSED_AD_WORDS = 150
# A sponsor's name and its site's name agree on at least this many letters.
MIN_SITE_NAME = 4
# A paragraph of more words than this holding a paid link holds more than the ad.
SHORT_AD_WORDS = 40
_SPACER = re.compile(r"&nbsp;?|\u00a0")
# An ad's all-caps call to action within this many lines keeps the ad going.
CTA_LOOKAHEAD = 5
# A bullet that opens a line of a flattened paragraph: a list of its own, no ad's tagline.
_BULLET = re.compile(r"^(?:[•◦▪‣*+-]|\d{1,3}[.)])\s")
_LIST_BULLET = re.compile(r"^\s*[•◦▪‣·]\s")
_NAME = re.compile(r"[A-Z][\w'’.-]{2,}")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]{2,}")
# What may follow a label in a heading: a separator and the ad's title, or a sponsor's name.
_SEPARATORS = frozenset(":|—–-·•：｜丨/")
_CLOSING = frozenset(")]】）」』")
# A list item's marker before a line's first link ("- ", "3. ").
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_SPONSOR_NAME = re.compile(
    r"(?:[A-Z0-9@][\w.'’&+!-]*)(?:\s+(?:[A-Z0-9@][\w.'’&+!-]*|&|\+|and|of|for|x|×)){0,4}(?=\W|$)"
)
_SENTENCE_BREAK = re.compile(r"[.!?:。！？]\s+")
_FIRST_SENTENCE = re.compile(r"^.{0,300}?(?:[.!?。！？](?:\s|$)|$)", re.S)


@dataclass(frozen=True)
class LabelMatch:
    label: str  # the label as written in the source
    rest: str  # the visible text after the label


class SponsorLabels:
    """NL101's vocabulary (`[sponsor]`, `[promotion].cta_verbs`), compiled
    once per loaded marker data: `sponsor_labels(markers)`.

    A leading label opens a line, after emoji, bold or brackets; a trailing
    label closes one in its brackets (`(Sponsored)`, `【广告】`) or in
    emphasis (`*Clerk* **sponsor**`); a disclosure opens a sentence."""

    def __init__(self, markers) -> None:
        sponsor = markers.data.get("sponsor", {})
        leading, trailing = sponsor.get("leading_labels", []), sponsor.get("trailing_labels", [])
        self._leading = re.compile(rf"^{LABEL_DECORATION}(?P<label>{alternation(leading)})(?P<rest>.*)$", re.I | re.S)
        self._trailing = re.compile(rf"[(\[【（]\s*(?P<label>{alternation(trailing)})\s*[)\]】）][\W_]*$", re.I)
        # A label closing a line of an item's details after a separator
        # ("Remote · $170k · Promoted", "Acme | Sponsored").
        self._separated = re.compile(rf"\S\s+[·|•—–]\s*(?P<label>{alternation(trailing)})[\s*_]*$", re.I)
        self._tag = re.compile(
            rf"(?:^|\s)(?P<em>\*\*|__|\*|_)\s*(?P<label>{alternation(trailing)})\s*(?P=em)\s*$", re.I
        )
        # A trailing label glued to the text after it, in flattened text:
        # "Ship faster with Acme (Sponsored)Acme builds …".
        self._glued_trailing = re.compile(rf"[(\[【（]\s*(?P<label>{alternation(trailing)})\s*[)\]】）]", re.I)
        self._disclosure = PhraseSearch(sponsor.get("disclosures", []))
        self._support = PhraseSearch(sponsor.get("support_disclosures", []))
        self.reader_funders = markers.words("sponsor", "reader_funders")
        # A bracketed label opening a line, before the ad's title or sponsor
        # ("[Ad] Acme …", "【PR】株式会社…"): the brackets make even a short
        # word ("PR", "Ad") a label; a link's text ("[Partner](…)") is none.
        self._bracketed = re.compile(
            rf"^[^\w(\[【（]*[(\[【（]\s*(?P<label>{alternation(trailing)})\s*[)\]】）](?![(\[])(?P<rest>.*)$", re.I | re.S
        )
        # The newsletter's own sponsor, named as such anywhere in a short label
        # line ("A word from this week's sponsor", "PRESENTED BY OUR PARTNER,
        # ACME"): an owner word ("our", "today's") right before a sponsor noun.
        owners, nouns = sponsor.get("owner_words", []), sponsor.get("sponsor_nouns", [])
        self.sponsor_nouns = frozenset(n.lower() for n in nouns)
        self._owned = re.compile(
            rf"^{LABEL_DECORATION}(?P<label>(?:[\w'’]+\s+){{0,4}}?(?:{alternation(owners) or '(?!)'})\s+"
            rf"(?:{alternation(nouns) or '(?!)'}))\b(?P<rest>.*)$",
            re.I | re.S,
        )
        # Labels that end in a name ("a message from *"): their literal part.
        self._named_labels = tuple(
            re.compile(r"\s+".join(map(re.escape, p.rstrip(" *").split())), re.I)
            for p in leading
            if p.rstrip().endswith("*") and "*" not in p.rstrip(" *")
        )
        # A label ending in one of these is followed by its sponsor's name, or it opens a sentence.
        self._prepositions = tuple(f" {w.lower()}" for w in sponsor.get("name_prepositions", []))
        # An article between the label and the name ("by the Midwest Grid Alliance", "avec la Graineterie").
        articles = sponsor.get("name_articles", [])
        elided = [a for a in articles if a.endswith(("'", "’"))]
        whole = [a for a in articles if a not in elided]
        self._article = re.compile(
            rf"^[\s*_]*(?i:(?:{alternation(whole) or '(?!)'})\s+|(?:{alternation(elided) or '(?!)'}))(?=[^\W\d_a-z])"
        )
        # A publisher's own name for its ad slot, as a whole line; flattened
        # html often doubles it ("PlugPlug": an image's alt text and the title).
        euphemisms = longest_first(sponsor.get("euphemisms", []))
        self._euphemism = re.compile(
            rf"^{LABEL_DECORATION}(?P<label>{'|'.join(map(re.escape, euphemisms)) or '(?!)'})(?:\s*(?P=label))?[\s\W_]*$",
            re.I,
        )
        self.organisers = frozenset(p.lower() for p in sponsor.get("organiser_labels", []))
        self.unmistakable = frozenset(p.lower() for p in sponsor.get("unmistakable_labels", []))
        self.disclosure_subjects = markers.words("sponsor", "disclosure_subjects")
        issue_words = markers.words("sponsor", "issue_words")
        self.issue_words = frozenset(w for w in issue_words if not CJK.search(w))
        # CJK writes no spaces: "本期" is looked for inside the words before the disclosure.
        self.cjk_issue_words = tuple(sorted(w for w in issue_words if CJK.search(w)))
        self.not_a_name = markers.words("sponsor", "not_a_name")
        # A paid relation said of this newsletter or of the part just read ("Acme is
        # a paid partner of this newsletter", "This section is sponsored by Acme").
        paid_relations = markers.words('sponsor', 'paid_relations')
        self._paid_relation = re.compile(rf"\b(?:{alternation(paid_relations) or '(?!)'})\b", re.I)
        self._paid_relation_words = literal_words(paid_relations)
        own = [*self.issue_words, *markers.words("sponsor", "own_part_words")]
        self._this_part = re.compile(rf"\bthis\s+(?:{alternation(own) or '(?!)'})\b|^\W*this\s+is\b", re.I)
        self.title_case_verbs = markers.words("sponsor", "title_case_verbs")
        verbs = "|".join(sorted((v.upper() for v in markers.words("promotion", "cta_verbs")), key=len, reverse=True))
        # An all-caps call to action on a line of its own ("DOWNLOAD THE GUIDE", "TRY IT FREE").
        self.cta_line = re.compile(rf"^[^A-Za-z0-9]{{0,3}}(?:{verbs or '(?!)'})\b[A-Z0-9 '’&!?.,:→-]{{0,40}}$")

    def leading(self, line: str) -> LabelMatch | None:
        """A sponsor label that opens the line ("Sponsored by Acme", "**Together with** X")."""
        m = self._leading.match(line)
        if not m:
            return self._bracketed_or_owned(line)
        label, rest = m.group("label"), m.group("rest")
        for prefix in self._named_labels:
            named = prefix.match(label)
            if named:
                # "A message from Zeta Bank": the label is "A message from", the rest the sponsor's name.
                label, rest = named.group(0), label[named.end() :] + rest
                break
        stripped = rest.strip(" \t*_)]】")
        if stripped.startswith(",") and len(stripped.split()) > 1:
            # "Sponsored content, explained. …": the words are a sentence's subject, not a label.
            return None
        # A lone word ("Sponsor", "Partner") is a label only when it stands
        # alone or is followed by a colon or dash, not as a sentence's first word.
        lone_word = " " not in label.strip() and not CJK.search(label)
        if lone_word:
            if stripped and stripped[0] not in ":|—–-·•":
                return None
        elif (
            stripped[:1].islower()
            and stripped.split()[0].lower() in self.title_case_verbs
            and not label.lower().rstrip().endswith(("sponsor", "sponsors"))
        ):
            # "Sponsored content is growing fast …": the label's words are the
            # subject of a story's sentence ("Today's sponsor is Acme" still names one).
            return None
        elif label.lower().endswith(self._prepositions):
            # "Together with his brother, he founded …" is a sentence, not a label;
            # so is "En partenariat avec la mairie, le club a ouvert …" (no name after the label).
            words = rest.split()
            named = self.without_article(rest).split()
            unmistakable = label.strip(" *_").lower() in self.unmistakable and named[:1] != [] and named[0][:1].isupper()
            if (len(words) > 14 and not unmistakable) or (len(words) > 4 and words[0][:1].islower() and "," in rest):
                return None
        return LabelMatch(label, rest)

    def leading_in_line(self, source_line: str) -> LabelMatch | None:
        """`leading` for a line as written: a label that is only the first
        words of the linked title opening the line is none (`_opens_a_linked_title`)."""
        m = self.leading(visible_text(source_line))
        return None if m is None or self.opens_a_linked_title(source_line, m.label) else m

    def opens_a_linked_title(self, source_line: str, label: str) -> bool:
        """Whether a label is only the first words of the link's text that
        opens the line, the title going on after it ("**[Sponsored Content
        Detector](…)**: a browser add-on …", a tool's name in a list of
        tools). A label stands as one: alone in its link, set off from what
        follows (a colon, a dash, brackets), or before its sponsor's name when
        it ends in a word that takes one ("[Sponsored by Acme](…)", "[A
        message from Acme](…)", "[From our sponsor Acme](…)")."""
        links = links_of(source_line)
        if not links or links[0].is_image:
            return False
        link = links[0]
        if any(ch.isalnum() for ch in _LIST_MARKER.sub("", source_line[: link.start], count=1)):
            return False  # words before the link: the label is not in it
        text = visible_text(source_line[link.text_start : link.text_end]).strip(" *_")
        said = label.strip(" *_:")
        if not said or not text.lower().startswith(said.lower()):
            return False
        after = text[len(said) :].strip(" *_")
        if not after or after[0] in _SEPARATORS or after[0] in _CLOSING or after[0] in "([（【,":
            return False
        return not self.takes_a_name(said)

    def without_article(self, rest: str) -> str:
        """The words after a label without the article before the sponsor's
        name ("the Midwest Grid Alliance" -> "Midwest Grid Alliance"); as it
        was when no article comes before a capitalised word."""
        m = self._article.match(rest)
        return rest[m.end() :] if m else rest

    def takes_a_name(self, label: str) -> bool:
        """Whether a label is followed by its sponsor's name: it ends in a
        preposition ("Sponsored by"), a named label's opening ("A message
        from") or a sponsor noun ("From our sponsor")."""
        said = " ".join(label.lower().split())
        return (said.endswith(self._prepositions) or any(p.fullmatch(said) for p in self._named_labels)
                or said.rsplit(" ", 1)[-1] in self.sponsor_nouns)

    def _bracketed_or_owned(self, line: str) -> LabelMatch | None:
        """A label that the leading labels miss: bracketed before the ad's
        title (`[Ad] Acme …`), or a short line naming the newsletter's own
        sponsor (`A word from this week's sponsor`). A line that goes on as a
        sentence after the sponsor noun ("Our partner schools opened …") is
        a story's."""
        m = self.bracketed(line)
        if m:
            return m
        if len(line.split()) > MAX_OWNED_LABEL_WORDS:
            return None
        m = self._owned.match(line)
        if not m:
            return None
        rest = m.group("rest").strip(" \t*_")
        if rest and not (rest[0] in _SEPARATORS or rest[0] in ",!" or rest[0].isupper()):
            return None
        return LabelMatch(m.group("label"), m.group("rest"))

    def bracketed(self, line: str) -> LabelMatch | None:
        """A bracketed label opening a line: `[Ad] Acme …`, `【PR】…`, `(Sponsored) …`."""
        m = self._bracketed.match(line)
        return LabelMatch(m.group("label"), m.group("rest")) if m else None

    def owned(self, text: str) -> bool:
        """Whether a short text opens by naming the newsletter's own sponsor ("our partner, Acme")."""
        return len(text.split()) <= MAX_OWNED_LABEL_WORDS and self._bracketed_or_owned(text) is not None

    def trailing(self, line: str) -> str | None:
        m = self._trailing.search(line) or self._separated.search(line)
        return m.group("label") if m else None

    def tag(self, line: str) -> str | None:
        """A label set in emphasis at the end of a short byline line: `*Clerk* **sponsor**`."""
        m = self._tag.search(line)
        if not m or len(line[: m.start()].split()) > 5:
            return None
        return m.group("label")

    def without_trailing(self, line: str) -> str:
        """The line without its trailing label ("Ship faster (Sponsored)" -> "Ship faster")."""
        m = self._trailing.search(line)
        return line[: m.start()].rstrip() if m and m.start() > 0 else line

    def glued_trailing(self, line: str, pos: int = 0) -> "re.Match | None":
        """A trailing label inside a line, followed directly by more text (flattened text)."""
        return self._glued_trailing.search(line, pos)

    def euphemism(self, line: str) -> str | None:
        """A publisher's own name for its ad slot, as the whole line ("Plug", "Our Friends")."""
        m = self._euphemism.match(line)
        return m.group("label") if m else None

    def disclosure(self, sentence: str) -> str | None:
        m = self._disclosure.search(sentence)
        return m.group(0) if m else None

    def support_disclosure(self, sentence: str) -> str | None:
        """"supported by", "made possible by": a disclosure only of the
        newsletter itself, naming a sponsor (`_support_disclosure`)."""
        m = self._support.search(sentence)
        return m.group(0) if m else None

    def is_support(self, label: str) -> bool:
        return self._support.search(label) is not None

    def closing_disclosure(self, sentence: str) -> str | None:
        """A paid relation said of this newsletter or of the part just read,
        in a short sentence: the relation's words, or None."""
        if word_count(sentence) > MAX_CLOSING_DISCLOSURE_WORDS or not self._this_part.search(sentence):
            return None
        m = self._paid_relation.search(sentence)
        return m.group(0) if m else None

    def mentions_paid_relation(self, text: str) -> bool:
        """Whether the whole newsletter names a paid relation anywhere (most do
        not: the substring test over its lower-cased copy says so at a fraction
        of the regex's cost)."""
        if holds_none_of(text, self._paid_relation_words):
            return False
        return self._paid_relation.search(text) is not None

    def is_organiser(self, label: str) -> bool:
        """Whether a sponsor label also names an event's organiser ("Presented by")."""
        return label.strip(" :*_").lower() in self.organisers


def sponsor_labels(markers) -> SponsorLabels:
    return markers.compiled("sponsor_labels", SponsorLabels)


class SponsorBlock(Rule):
    code = "NL101"
    name = "sponsor-block"
    family = "advertising"
    summary = "Block labelled as sponsored or paid (heading, first line, trailing tag or disclosure)"

    def check(self, ctx) -> Iterator[Finding]:
        covered: list[tuple[int, int]] = []
        for finding in self._labelled_ads(ctx):
            covered.append((finding.start, finding.end))
            yield finding
        for finding in _closing_disclosures(ctx, covered):
            covered.append((finding.start, finding.end))
            yield finding
        yield from _paid_placements(ctx, covered)

    def _labelled_ads(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        # One scan of the whole text: the lines that hold a label word at all.
        candidates = markers.candidate_lines("sponsor", doc.text, doc.line_starts)
        if not candidates:
            return
        covered_until = -1
        blocks = doc.all_blocks
        label_lines = sorted(candidates)
        k = 0  # label_lines[k]: the first candidate line at or after the block (blocks come in order of their start)
        for i, block in enumerate(blocks):
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            while k < len(label_lines) and label_lines[k] < block.start:
                k += 1
            if k == len(label_lines):
                break  # no label word from here on
            if label_lines[k] >= block.end and not _label_under(doc, block, candidates, blocks, i):
                continue
            inner = self._label_lines_inside(ctx, block, candidates)
            if inner:
                yield from inner
                continue
            found = self._label(ctx, block)
            if found is None:
                glued = self._glued_label(ctx, block)
                if glued is not None:
                    yield glued
                else:
                    yield from _label_sentences_inside(ctx, block, candidates)
                continue
            extent, label, title = found
            extent = _with_link_lines_after(doc, extent)
            covered_until = extent.end
            yield ctx.remove_lines(
                f"sponsor block {quote(title)} ({label.strip()})",
                extent.start,
                extent.end,
                f"Remove sponsor block {quote(title)}",
                evidence=(f"label '{label.strip()}' matched", f"ends at {extent.why_it_ends}"),
            )

    def _label(self, ctx, block) -> tuple[Extent, str, str] | None:
        """The ad a block's label opens, with the label and the ad's title."""
        if block.kind == "heading":
            return _labelled_heading(ctx, block)
        return (
            _label_line(ctx, block)
            or _trailing_label_item(ctx, block)
            or _disclosure_paragraph(ctx, block)
            or _label_on_last_line(ctx, block)
            or _sponsor_credit(ctx, block)
        )

    def _label_lines_inside(self, ctx, block, candidates: LineHits) -> list[Finding]:
        """Flattened markdown: a paragraph of many lines (html pulled apart into
        lines, no blank lines) holds a label line in its middle or at its end,
        or opens with one. The ad is that line and the lines of the ad under it."""
        doc, markers = ctx.doc, ctx.markers
        if block.kind != "paragraph" or block.end - block.start < 2:
            return []
        first_is_label = block.start in candidates and block.end - block.start >= FLATTENED_LINES
        found: list[Finding] = []
        i = block.start if first_is_label else block.start + 1
        while i < block.end:
            if i not in candidates:
                i += 1
                continue
            text = visible_text(doc.lines[i])
            m = sponsor_labels(markers).leading_in_line(doc.lines[i]) if word_count(text) <= 10 else None
            if m is None and i > block.start:
                # Show notes pulled apart into lines: "This episode was sponsored by
                # Acme. Acme makes …" is a line of its own among the episode's lines.
                m = _disclosure_line(ctx, text)
            if m is None:
                i += 1
                continue
            end, why = _ad_lines(ctx, i, block.end, m.rest)
            label = m.label.strip()
            a, b = doc.offset(i), doc.offset(end) if end < len(doc.lines) else len(doc.text)
            title = quote(m.rest.strip(" :—-|*)]】）") or text)
            found.append(ctx.finding(
                f"sponsor block {title} ({label})", a, b, [Edit(a, b)], f"Remove sponsor block {title}",
                evidence=(f"label '{label}' matched on a line inside a flattened paragraph", f"ends at {why}"),
            ))
            i = end
        return found

    def _glued_label(self, ctx, block) -> Finding | None:
        """Flattened text: `Title (Sponsored)Ad text… Next HeadingStory…` on one line.
        The ad is the title, the label and the text after it, up to the next
        heading glued into the line, or to the end of the line."""
        doc, markers = ctx.doc, ctx.markers
        line_no = block.start
        line = doc.lines[line_no]
        m = sponsor_labels(markers).glued_trailing(line)
        if m is None or m.end() >= len(line.rstrip()):
            return None
        after = line[m.end() :]
        # The ad's title starts after the last sentence before the label.
        title_start = 0
        for end in _SENTENCE_BREAK.finditer(line, 0, m.start()):
            title_start = end.end()
        title = line[title_start : m.start()]
        glued = after[:1].isupper() or (doc.format == "text" and after[:1] == " " and after[1:2].isupper())
        if not glued or not 1 <= word_count(title) <= 25:
            return None
        label = m.group("label")
        seam = glued_heading_start(line, m.end(), markers)
        if seam is None:
            extent = Extent(line_no, line_no + 1, "the end of its line")
            if block.end - block.start == 1 and title_start == 0:
                return ctx.remove_lines(
                    f"sponsor block {quote(title)} ({label})", line_no, line_no + 1,
                    f"Remove sponsor block {quote(title)}",
                    evidence=(f"label '{label}' matched", f"ends at {extent.why_it_ends}"),
                )
            a = doc.offset(line_no, title_start)
            b = doc.offset(line_no + 1) if title_start == 0 else doc.line_end(line_no)
        else:
            a, b = doc.offset(line_no, title_start), doc.offset(line_no) + seam[0]
        why = "the end of its line" if seam is None else f"the next section's heading {quote(seam[1])}, glued into the line"
        return ctx.finding(
            f"sponsor block {quote(title)} ({label})", a, b, [Edit(a, b)],
            f"Remove sponsor block {quote(title)}",
            evidence=(f"label '{label}' matched inside the line (flattened text)", f"ends at {why}"),
        )

# --- a disclosure that closes its ad ---------------------------------------------


def _closing_disclosures(ctx, covered: list[tuple[int, int]]) -> Iterator[Finding]:
    """Ads under a neutral heading that end by saying what they are (`_closed_ad`):
    heading to disclosure go, by judgement (unsafe)."""
    doc = ctx.doc
    labels = sponsor_labels(ctx.markers)
    if not labels.mentions_paid_relation(doc.text):
        return  # most emails: no disclosure words at all
    for heading in doc.blocks:
        if heading.kind != "heading" or is_document_title(doc, heading):
            continue
        if any(a < heading.end and heading.start < b for a, b in covered):
            continue
        found = _closed_ad(ctx, labels, heading)
        if found is None:
            continue
        end, relation, name, whys = found
        if any(a < end and heading.start < b for a, b in covered):
            continue
        title = doc.visible(heading).strip()
        yield ctx.remove_lines(
            f"sponsor block {quote(title)} (closes with its disclosure)", heading.start, end,
            f"Remove sponsor block {quote(title)}",
            evidence=(f"its last sentence says it is paid for ('{relation}', of this newsletter or this part): "
                      f"{quote(name)} sponsors it", *whys, "ends at the disclosure that closes it"),
            applicability=Applicability.UNSAFE,
        )


def _closed_ad(ctx, labels: SponsorLabels, heading) -> "tuple[int, str, str, tuple[str, ...]] | None":
    """An ad that nothing labels at its top but that closes with its
    disclosure ("## Ship faster" / "Acme builds … [Try Acme](acme…)" / "…
    This section is sponsored by Acme."): the last sentence of a paragraph a
    few short blocks under a heading says a paid relation of this newsletter
    or of the part just read, and names a sponsor (`closing_disclosure`);
    every block above it in the section promotes that sponsor (names it or
    carries a paid link), a link goes to the sponsor's own site (or is a paid
    placement), and the text speaks to the reader without reporting. A story
    that ends with a conflict disclosure ("Acme, the subject of this piece,
    is a paid partner of this newsletter.") reports what happened and stays;
    so does a story about a league's new paid partner (no "this newsletter").
    Where the ad ends, what is left of the section stays. Returns the line
    after the disclosure's paragraph, the relation, the sponsor, and why."""
    doc = ctx.doc
    section_end = doc.section_end(heading) if heading.depth == 0 else heading.end
    blocks, words = [], 0
    nxt = doc.next_block(heading)
    while nxt is not None and nxt.start < section_end and len(blocks) < MAX_CLOSED_AD_BLOCKS:
        if nxt.kind == "heading":
            return None
        blocks.append(nxt)
        words += word_count(doc.visible(nxt))
        if words > MAX_CLOSED_AD_WORDS:
            return None
        if nxt.kind == "paragraph":
            found = _closing_sentence(ctx, labels, nxt)
            if found is not None:
                return _closed_ad_evidence(ctx, blocks, *found)
        nxt = doc.next_block(nxt)
    return None


def _closing_sentence(ctx, labels: SponsorLabels, paragraph) -> "tuple[str, str, str] | None":
    """The paragraph's last sentence when it is a closing disclosure naming a
    sponsor: the relation, the sponsor's name and the text before it."""
    visible = visible_text_without_urls(ctx.doc.visible(paragraph)).strip()
    spans = _sentences(visible)
    if not spans:
        return None
    a, b = spans[-1]
    sentence = visible[a:b].strip()
    relation = labels.closing_disclosure(sentence)
    if relation is None:
        return None
    names = [m.group(0).rstrip(".!,;:'’") for m in _SPONSOR_NAME.finditer(sentence)
             if not {w.lower() for w in m.group(0).split()} <= labels.not_a_name | labels.disclosure_subjects]
    if len(names) != 1 or _names_the_publisher(ctx, "presented by", names[0]):
        return None  # no sponsor named, several (a story's), or the publisher itself
    return relation, names[0], visible[:a]


def _closed_ad_evidence(ctx, blocks, relation: str, name: str, before: str) -> "tuple[int, str, str, tuple[str, ...]] | None":
    doc, markers = ctx.doc, ctx.markers
    key = name.split()[0].lower()
    if len(key) < MIN_SITE_NAME:
        return None
    above, closing = blocks[:-1], blocks[-1]
    if not above and key not in before.lower():
        return None  # the disclosure alone, with nothing that promotes its sponsor
    if not all(_promotes(ctx, block, {key}) for block in above):
        return None
    text = " ".join([*(doc.visible(block) for block in above), before])
    if not speaks_to_the_reader(text, markers) or reports(text, markers):
        return None
    run_together = "".join(re.findall(r"[a-z0-9]+", name.lower()))
    sites = {registrable(host, markers) for block in blocks for host in link_hosts(doc, block, markers)}
    own_site = any(len(site) >= MIN_SITE_NAME and (run_together.startswith(site) or site.startswith(key)) for site in sites)
    if not own_site and not any(has_paid_link(doc, block, markers) for block in blocks):
        return None
    whys = (f"every block above it promotes {quote(name)} and speaks to the reader",
            "links to the sponsor's own site" if own_site else "carries a paid-placement link")
    return closing.end, relation, name, whys


# --- ads without a label: paid-placement links --------------------------------------


def _paid_placements(ctx, covered: list[tuple[int, int]]) -> Iterator[Finding]:
    """A block whose link goes where only paid placements link (an ad server,
    a sponsor's tracking parameter) is an ad although nothing labels it: the
    paragraph or list item that carries the link, with the heading over it
    when the block is all of that heading's section; in a paragraph longer
    than an ad, the sentences that carry the link. A mailing whose paid
    placements are most of its words is left whole."""
    doc = ctx.doc
    found = [(block, extent, links, _paid_spans(ctx, block)) for block, extent, links in _paid_blocks(ctx, covered)]
    if not found:
        return
    paid_words = sum(_paid_words(doc, block, spans) for block, _, _, spans in found)
    if doc.visible_words >= MIN_MAILING_WORDS and paid_words > MAX_PAID_SHARE * doc.visible_words:
        # A mailing that is mostly paid placements (a shop's catalogue of
        # promoted items) is an ad as a whole; removing them would empty it.
        return
    for block, extent, links, spans in found:
        why_paid = f"link kind 'ad' matched: {quote(links[0], 80)} leads where only paid placements link"
        if spans:
            said = _SPACER.sub(" ", visible_text_without_urls(doc.source(block)[spans[0][0] : spans[0][1]]))
            title = quote(said.strip(" ()") or links[0])
            yield ctx.remove_inline(
                block, spans, f"paid placement {title}", f"Remove paid placement {title}",
                evidence=(why_paid, "ends at the end of the sentence that carries it (the paragraph holds more than the ad)"),
            )
            continue
        title = quote(visible_text_without_urls(doc.visible(block)).strip() or links[0])
        yield ctx.remove_lines(
            f"paid placement {title}", extent.start, extent.end, f"Remove paid placement {title}",
            evidence=(why_paid, f"ends at {extent.why_it_ends}"),
        )


def _paid_spans(ctx, block) -> list[tuple[int, int]]:
    """The sentences to remove of a paragraph longer than an ad; [] when the whole block goes."""
    if word_count(ctx.doc.visible(block)) <= SHORT_AD_WORDS:
        return []
    return _paid_sentences(ctx, block)


def _paid_words(doc, block, spans: list[tuple[int, int]]) -> int:
    """How many words a paid placement's removal takes: its sentences, or its block."""
    if not spans:
        return word_count(doc.visible(block))
    source = doc.source(block)
    return sum(word_count(visible_text_without_urls(source[a:b])) for a, b in spans)


def _paid_sentences(ctx, block) -> list[tuple[int, int]]:
    """In a paragraph longer than an ad (flattened html glues an ad to the text
    before it), the sentences that carry paid-placement links, as spans of the
    block's source; a spacer entity (`&nbsp;`) between them and the text
    before also ends a sentence."""
    doc, markers = ctx.doc, ctx.markers
    spans: list[tuple[int, int]] = []
    base = 0
    for line in doc.source(block).split("\n"):
        seams = sorted({a for a, _ in _sentences(line)} | {m.start() for m in _SPACER.finditer(line)} | {len(line)})
        pieces = list(zip(seams, seams[1:]))
        for a, b in pieces:
            if any(is_paid_link(u, markers) for u in link_targets(line[a:b])):
                if spans and spans[-1][1] == base + a:
                    spans[-1] = (spans[-1][0], base + b)
                else:
                    spans.append((base + a, base + b))
        base += len(line) + 1
    return spans


def _paid_blocks(ctx, covered: list[tuple[int, int]]) -> Iterator[tuple[object, Extent, list[str]]]:
    """(block, extent, its paid links) for each block with a paid-placement link that no labelled ad took."""
    doc, markers = ctx.doc, ctx.markers
    lines = paid_link_lines(doc, markers)
    if not lines:
        return
    taken_until = -1
    for block in doc.all_blocks:
        if block.kind != "paragraph" or block.start < taken_until or not lines.touches(block.start, block.end):
            continue
        links = paid_links(doc, block, markers)
        if not links:
            continue
        extent = block_extent(doc, block)
        a, b = ctx.lines_range(extent.start, extent.end)
        if any(x < b and a < y for x, y in covered):
            continue  # a labelled ad took it already
        taken_until = extent.end
        yield block, extent, links


# --- a whole email in one paragraph: labels inside its sentences ------------------------

# Where a sentence ends and the next begins, in a paragraph's source.
_SENTENCE_SEAM = re.compile(r"(?<=[.!?。！？])[*_\]）)]*\s+(?=[\[*_(（]*[A-Z0-9\u4e00-\u9fff])")
# A paragraph this long is an email written on one line or in one paragraph.
LONG_PARAGRAPH_WORDS = 60


def _label_sentences_inside(ctx, block, candidates: LineHits) -> Iterator[Finding]:
    """A whole email on one line or in one paragraph: a sentence inside it that
    opens with a label naming its sponsor ("… Sponsored by Acme. Acme ships
    overnight. [Try Acme](…) Next, the council …") is an ad, with the
    sentences after it that promote the sponsor (`_ad_sentences_end`).
    Flattening may glue the label line to the ad's first sentence
    ("Presented by Acme Acme pays you back …"): a label followed by a name
    counts too when a paid-placement link follows within the ad's sentences."""
    doc = ctx.doc
    if block.kind != "paragraph" or not surely_more_visible_words(doc.source(block), LONG_PARAGRAPH_WORDS):
        return
    for line_no in range(block.start, block.end):
        if line_no not in candidates:
            continue
        line = doc.lines[line_no]
        sentences = _sentences(line)
        k = 1  # a label opening the line is the block's own, found before
        while k < len(sentences):
            a, _ = sentences[k]
            found = _sentence_label(ctx, line, sentences, k)
            if found is None:
                k += 1
                continue
            m, names = found
            j, why = _ad_sentences_end(ctx, line, sentences, k, names)
            end = sentences[j][0] if j < len(sentences) else len(line)
            start_offset, end_offset = doc.offset(line_no, a), doc.offset(line_no, end)
            title = quote(m.rest.strip(" :—-|*."))
            yield ctx.finding(
                f"sponsor block {title} ({m.label.strip()})", start_offset, end_offset,
                [Edit(start_offset, end_offset)], f"Remove sponsor block {title}",
                evidence=(f"label '{m.label.strip()}' matched at the start of a sentence inside a one-paragraph email",
                          f"ends at {why}"),
            )
            k = j


# A sentence of a one-paragraph email that opens with a label followed by a name
# (no separator: flattening glued the label line to the ad) needs a paid-placement
# link within this many sentences.
PAID_LINK_SENTENCES = 3
# A label and a sponsor's name fit in this many words ("Presented by Acme Cloud Bank").
LABEL_AND_NAME_WORDS = 7


def _sentence_label(ctx, line: str, sentences, k: int) -> "tuple[LabelMatch, set[str]] | None":
    """The label opening sentence `k` and its sponsor's names, if it opens one."""
    labels = sponsor_labels(ctx.markers)
    sentence = visible_text(line[slice(*sentences[k])])
    # The label and the words that may name the sponsor: the ad's glued-on
    # sentence after them would make the label read as a story's opening.
    m = labels.leading(sentence) or labels.leading(" ".join(sentence.split()[:LABEL_AND_NAME_WORDS]))
    if m is None or _names_the_publisher(ctx, m.label, m.rest):
        return None
    if _is_label_title(labels, m.rest):
        names = _sponsor_words(labels, m.rest)
        return (m, names) if names else None
    name = _SPONSOR_NAME.match(visible_text_without_urls(m.rest).strip(" \t*_"))
    names = _sponsor_words(labels, name.group(0)) if name else set()
    ahead = sentences[k : k + PAID_LINK_SENTENCES]
    if names and any(_carries_paid_link(ctx, line[slice(*span)]) for span in ahead):
        return m, names
    if names and any(_links_naming(line[slice(*span)], names) for span in ahead[1:]):
        # "Sponsored by Hollow Creek Dairy Grass-fed milk, … [Find Hollow Creek in store](…)":
        # the ad's own call to action names the sponsor again.
        return m, names
    return None


def _links_naming(sentence: str, names: set[str]) -> bool:
    """Whether a link's text in the sentence names the sponsor (its call to action)."""
    return any(
        any(n in visible_text(sentence[link.text_start : link.text_end]).lower() for n in names)
        for link in links_of(sentence)
    )


def _ad_sentences_end(ctx, line: str, sentences, k: int, names: set[str]) -> tuple[int, str]:
    """The sentence after the ad that sentence `k` opens: the ad takes the
    sentences that name the sponsor or carry a paid-placement link, and one
    that does neither when the next one carries a paid link (the ad's offer
    before its call to action); the first other sentence is the next story's."""
    j = k + 1
    while j < len(sentences):
        if _sentence_promotes(ctx, line[slice(*sentences[j])], names):
            j += 1
        elif j + 1 < len(sentences) and (
            _carries_paid_link(ctx, line[slice(*sentences[j + 1])]) or _links_naming(line[slice(*sentences[j + 1])], names)
        ):
            j += 2
        else:
            return j, "the next sentence, which does not name the sponsor"
    return j, "the end of its line"


def _carries_paid_link(ctx, sentence: str) -> bool:
    return any(is_paid_link(url, ctx.markers) for url in link_targets(sentence))


def _sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line: after a sentence's closing
    mark, or after a link that ends a call to action ("[Try Acme](…) Next, …"),
    where a capital starts the next."""
    seams = {m.end() for m in _SENTENCE_SEAM.finditer(line)}
    # A link, or an address written out in parentheses as plain-text parts
    # print one ("Apply now ( https://… ) NEXT STORY"), ends a call to action.
    link_ends = [link.end for link in links_of(line)] + [m.end() for m in _ADDRESS_IN_PARENS.finditer(line)]
    for end in link_ends:
        gap = _CAPITAL_AFTER.match(line, end)
        if gap:
            seams.add(gap.end())
    starts = [0, *sorted(seams), len(line)]
    return list(zip(starts, starts[1:]))


_CAPITAL_AFTER = re.compile(r"\s+(?=[A-Z])")
_ADDRESS_IN_PARENS = re.compile(r"\(\s*https?://[^\s()]+\s*\)")


def _sentence_promotes(ctx, sentence: str, names: set[str]) -> bool:
    low = sentence.lower()
    return any(n in low for n in names) or _carries_paid_link(ctx, sentence)


# --- what a label opens --------------------------------------------------------


def _labelled_heading(ctx, heading) -> tuple[Extent, str, str] | None:
    """A heading labelled by itself ("Ship faster (Sponsored)", "Sponsored by
    Acme", "## This episode is sponsored by") or by a disclosure opening the
    paragraph under it takes its section (a nested heading: its block).
    The newsletter's own title is never an ad."""
    doc, markers = ctx.doc, ctx.markers
    if is_document_title(doc, heading):
        return None
    text = doc.visible(heading)
    if heading.is_setext:
        text = text.rsplit("\n", 1)[0]  # its underline (`** PUBBLICITÀ` over dashes) is no word of it
    labels = sponsor_labels(markers)
    label = labels.trailing(text)
    if label is None:
        m = labels.leading(text)
        if m is not None and labels.opens_a_linked_title(doc.source(heading).lstrip("# "), m.label):
            m = None
        label = m.label if m and _is_label_title(labels, m.rest) else None
    support = False  # a support disclosure ("… is supported by"), sure only by its ad (below)
    if label is None:
        label = _disclosure_under(ctx, heading)
        support = label is not None and labels.is_support(label)
    if label is None:
        label = _opening_disclosure(ctx, heading, about_the_issue=True)
        support = label is not None and labels.is_support(label)
    if label is None:
        return None
    # The message names the ad, then its label: "'Ship faster' (Sponsored)".
    title = labels.without_trailing(text)
    sponsor = text
    if support:
        # The heading's words are the newsletter's ("Harbour notes"): the sponsor is the one the disclosure names.
        sponsor = _support_sponsor(ctx, heading.start, doc.section_end(heading), label)
        if sponsor is None:
            return None
    if heading.depth == 0:
        extent = section_extent(doc, heading, sponsor, markers)
    else:
        extent = label_block_extent(doc, heading, label_only=False, markers=markers)
    if support:
        # Sure only when the ad names its sponsor again; and a neutral heading
        # whose section goes on past the ad is the section's, not the ad's
        # (the disclosure's paragraph then goes alone).
        extent = _credited_sponsor(ctx, extent, label)
        if extent is None:
            return None
        if not labels.support_disclosure(text) and _section_goes_on(doc, heading, extent):
            return None
    return extent, label, title


def _disclosure_under(ctx, heading) -> str | None:
    """A disclosure in the first sentence of the paragraph right under a heading
    that has no sub-headings (under a category the label is the paragraph's)."""
    doc = ctx.doc
    nxt = doc.next_block(heading)
    if doc.headings_between(heading.start + 1, doc.section_end(heading)):
        return None
    if nxt is None or nxt.kind != "paragraph":
        return None
    return _opening_disclosure(ctx, nxt, about_the_issue=False)


def _label_line(ctx, block) -> tuple[Extent, str, str] | None:
    """A paragraph whose first line opens with a label. A short label line
    alone ("Together with", "A message from Acme") also takes the ad under it
    (`_ad_under_label`); a bold one-line title that goes on as a sentence is
    a story's heading, not a label."""
    doc, markers = ctx.doc, ctx.markers
    labels = sponsor_labels(markers)
    # The visible text drops a markdown line's square brackets: "[Ad] Acme" is looked for in the source too.
    first = labels.leading_in_line(doc.lines[block.start]) or labels.bracketed(doc.lines[block.start])
    if first is None or (is_title_shaped(doc, block) and not _is_label_title(labels, first.rest)):
        return None
    if _names_the_publisher(ctx, first.label, first.rest):
        return None
    visible = doc.visible(block)
    title = first.rest.strip(" :—-|*!.") or visible
    # A rule drawn in characters under the label ("━━━━") is its frame, not the ad's text.
    lone = word_count(visible) <= 8 and not any(
        any(ch.isalnum() for ch in doc.lines[k]) for k in range(block.start + 1, block.end)
    )
    if not lone:
        credits = None if any(ch.isalnum() for ch in first.rest) else _credit_lines_over_story(ctx, block)
        if credits is not None:
            return credits, first.label, title
        return label_block_extent(doc, block, False, markers=markers), first.label, title
    return _ad_under_label(ctx, block, first.rest), first.label, title


def _credit_lines_over_story(ctx, block) -> Extent | None:
    """Plain text with no blank line between an ad and the story after it
    ("This episode is brought to you by:" / "Acme — payroll for small teams:
    URL" / "Bolt — cover in minutes: URL" / "Our guest's first job was …"):
    the ad is the label alone on its first line (the caller knows) and the
    `Name — tagline` lines under it; the first line after them that is a
    sentence with no link is the story's, and it and what follows stay (SPEC
    row 1). Only when the credit lines are that plain: otherwise the label
    takes its paragraph."""
    doc = ctx.doc
    if block.kind != "paragraph" or block.end - block.start < 3:
        return None
    k, names = block.start + 1, set()
    while k < block.end and names_with_tagline(doc.lines[k]):
        names.update(w.lower() for w in _NAME.findall(re.split(r"\s[—–-]\s?|—|–", doc.lines[k], maxsplit=1)[0]))
        k += 1
    if k == block.start + 1 or k == block.end:
        return None
    line = doc.lines[k]
    text = visible_text_without_urls(line).strip()
    if "://" in line or not text.endswith((".", "!", "?", "。", "！", "？")):
        return None
    if any(re.search(rf"\b{re.escape(n)}\b", text.lower()) for n in names):
        return None  # the ad's own offer ("Acme listeners get a month free."), not the next story
    return Extent(block.start, k, "the next story's first line: a sentence with no link after the sponsor's "
                                  "`Name — tagline` lines (no blank line between)")


def _trailing_label_item(ctx, block) -> tuple[Extent, str, str] | None:
    """A label that ends an item's first line (`… (Sponsor)`) or follows its
    title (`**[Retool](…)** (Sponsor) — …`) takes the item."""
    markers, first_line = ctx.markers, ctx.doc.lines[block.start]
    label = _trailing_label(markers, first_line) or _label_after_title(markers, first_line)
    if label is None:
        return None
    return item_extent(ctx.doc, block, markers), label, visible_text(first_line)


def _disclosure_paragraph(ctx, block) -> tuple[Extent, str, str] | None:
    """A paragraph that opens by saying the newsletter is sponsored ("This issue
    is brought to you by Acme."); one that ends in a colon introduces the list
    of sponsors under it."""
    disclosure = _opening_disclosure(ctx, block, about_the_issue=True)
    if disclosure is None:
        return None
    visible = visible_text_without_urls(ctx.doc.visible(block)).strip()
    first_line = visible_text_without_urls(ctx.doc.lines[block.start]).strip()
    credits = (_credit_lines_over_story(ctx, block)
               if first_line.endswith((":", "：")) and word_count(first_line) <= 12 else None)
    if credits is not None:
        extent = credits
    elif visible.endswith((":", "：")) and word_count(visible) <= 12:
        extent = _sponsor_list_extent(ctx.doc, block)
    else:
        extent = _disclosure_extent(ctx, block)
    if sponsor_labels(ctx.markers).is_support(disclosure):
        extent = _credited_sponsor(ctx, extent, disclosure)
        if extent is None:
            return None
    return extent, disclosure, visible


def _label_on_last_line(ctx, block) -> tuple[Extent, str, str] | None:
    """An item of several lines whose last line carries the label (`-- Acme
    (SPONSOR)`, `*Clerk* **sponsor**`) takes the item."""
    doc, markers = ctx.doc, ctx.markers
    if block.end - block.start < 2:
        return None
    last_line = doc.lines[block.end - 1]
    label = _trailing_label(markers, last_line) or sponsor_labels(markers).tag(last_line)
    if label is None:
        return None
    return Extent(*_item_or_block(block), "the end of its item"), label, visible_text(doc.lines[block.start])


# A sponsor's credit is a short paragraph: a story that mentions a sponsor is longer.
CREDIT_WORDS = 40


def _sponsor_credit(ctx, block) -> tuple[Extent, str, str] | None:
    """A short paragraph whose first sentence credits a sponsor by name and
    that links to that sponsor's own site ("List hosting is sponsored by
    Northwind Hosting: https://northwind.example.net/…"), whatever the
    sentence's subject. A story that says "the regatta, sponsored by a bank"
    links to the story, not to the bank."""
    doc = ctx.doc
    if block.kind != "paragraph" or word_count(doc.visible(block)) > CREDIT_WORDS or "://" not in doc.source(block):
        return None
    visible = visible_text_without_urls(doc.visible(block)).strip()
    first = _FIRST_SENTENCE.match(visible)
    sentence = first.group(0) if first else visible
    found = sponsor_labels(ctx.markers).disclosure(sentence)
    if found is None:
        return None
    rest = sentence[sentence.lower().find(found.lower()) + len(found) :]
    name = _SPONSOR_NAME.match(rest.strip(" \t*_:"))
    if name is None or _names_the_publisher(ctx, found, rest):
        return None
    run_together = "".join(re.findall(r"[a-z0-9]+", name.group(0).lower()))
    sites = {registrable(host, ctx.markers) for host in link_hosts(doc, block, ctx.markers)}
    if not any(len(site) >= MIN_DOMAIN_NAME and run_together.startswith(site) for site in sites):
        return None
    why = f"the end of its paragraph (a credit to {quote(name.group(0))}, linking to its own site)"
    return Extent(*_item_or_block(block), why), found, visible


def _names_the_publisher(ctx, label: str, rest: str) -> bool:
    """"Presented by the Acme Museum" over an event that the Acme Museum's own
    newsletter announces names the event's organiser, not a sponsor: the name
    after an organiser label ("presented by", "hosted by") is the publisher's
    own (its sender line, its title, the sites of its own pages and
    stories), word by word or run together as a domain ("Quarry Arts Trust"
    and quarryarts.org)."""
    labels = sponsor_labels(ctx.markers)
    if not labels.is_organiser(label):
        return False
    names = _sponsor_words(labels, rest)
    publisher = publisher_words(ctx.doc, ctx.markers)
    if not names:
        return False
    if names <= publisher:
        return True
    run_together = "".join(w.strip(".'’").lower() for w in _NAME.findall(visible_text_without_urls(rest)))
    return any(len(word) >= MIN_DOMAIN_NAME and run_together.startswith(word) for word in publisher)


# A publisher's domain name this long, spelling out the first words of a name, is that name's.
MIN_DOMAIN_NAME = 6


# --- how far an ad under a lone label goes ---------------------------------------


def _ad_under_label(ctx, block, rest: str) -> Extent:
    """A short label line takes the ad under it: everything that promotes the
    same thing. A label that names its sponsor ("A message from Acme") takes
    the blocks that name Acme, link to Acme or carry paid-placement links,
    and its own heading's section when that names Acme (`_ad_section_under`);
    a label that names nobody ("Together with", "Advertisement") takes what
    `label_block_extent` bounds. Either way the ad ends before code, before
    the next label (the next ad) and before a block that names another
    sponsor."""
    doc = ctx.doc
    framed = framed_extent(doc, block)
    if framed is not None:
        return _ad_ends_before_code_or_next_label(ctx, block, framed)
    names = _sponsor_words(sponsor_labels(ctx.markers), rest)
    named = any(ch.isalnum() for ch in visible_text_without_urls(rest))
    nxt = doc.next_block(block)
    if names and block.depth == 0 and nxt is not None and nxt.kind != "heading":
        return _named_ad_body(ctx, block, names)
    takes_body = nxt is not None and (not named or _promotes(ctx, nxt, names))
    extent = label_block_extent(doc, block, takes_body, markers=ctx.markers)
    extent = _ad_section_under(ctx, block, extent, rest)
    return _ad_ends_before_code_or_next_label(ctx, block, extent)


def _named_ad_body(ctx, label_block, names: set[str]) -> Extent:
    """The ad under a label that names its sponsor: the blocks up to the last
    one that still promotes it (names it, links to it, or carries a
    paid-placement link), looking no further than a heading, a break, code,
    the copyright line or the next ad's label. A paragraph after the last
    of them, which names neither, is the next story."""
    doc = ctx.doc
    siblings = doc.blocks_between(label_block.end, len(doc.lines))[:MAX_AD_BLOCKS]
    end, why = label_block.end, "the end of its line (the block under it does not name the sponsor)"
    for nxt in siblings:
        stop = _ad_cannot_go_on(ctx, nxt)
        if stop is not None:
            break
        if _promotes(ctx, nxt, names):
            end, why = nxt.end, f"the last block that names the sponsor ({', '.join(sorted(names))})"
    return Extent(label_block.start, end, why)


def _ad_cannot_go_on(ctx, block) -> str | None:
    """Why an ad cannot take this block, if it cannot: a heading, a break,
    code, the copyright line (the footer SPEC keeps), the next ad's label."""
    if block.kind in ("heading", "hr"):
        return f"a {block.kind}"
    if block.kind in ("fence", "code_block"):
        return "code (no ad's body)"
    if is_footer_boundary(ctx.doc, block):
        return "the copyright line"
    if block.kind == "paragraph" and _opens_with_label(ctx, block):
        return "the next ad's label"
    return None


def _ad_ends_before_code_or_next_label(ctx, label_block, extent: Extent) -> Extent:
    """An ad under a lone label ends before code and before the next ad's label."""
    if extent.end <= label_block.end or label_block.depth > 0:
        return extent
    for nxt in ctx.doc.blocks_between(label_block.end, extent.end):
        if nxt.kind == "heading":
            break  # the ad's own section (`_ad_section_under` checked that it names the sponsor)
        why = _ad_cannot_go_on(ctx, nxt)
        if why is not None:
            return Extent(extent.start, nxt.start, why)
    return extent


def _promotes(ctx, block, names: set[str]) -> bool:
    """Whether a block promotes the sponsor: names it (in its text or its links)
    or carries a paid-placement link."""
    source = ctx.doc.source(block).lower()
    return any(n in source for n in names) or has_paid_link(ctx.doc, block, ctx.markers)


def _opens_with_label(ctx, block) -> bool:
    labels = sponsor_labels(ctx.markers)
    m = labels.leading_in_line(ctx.doc.lines[block.start])
    return m is not None and _is_label_title(labels, m.rest)


def _sponsor_words(labels: SponsorLabels, rest: str) -> set[str]:
    """The capitalised words a label gives as its sponsor's name ("Acme" in
    "A message from ACME"), lower-cased."""
    return {w.strip(".'’").lower() for w in _NAME.findall(visible_text_without_urls(rest))} - labels.not_a_name



def _opening_disclosure(ctx, paragraph, about_the_issue: bool) -> str | None:
    """A disclosure at the start of a paragraph's first sentence, after at most
    a subject ("This issue is sponsored by …"), so that a story saying "the
    stadium, sponsored by a bank, …" is left alone. Without a heading above
    (`about_the_issue`), the subject must be the newsletter itself: "Today's
    newsletter is sponsored by", "This issue is brought to you by", "Thanks
    to our sponsor"."""
    return _disclosure_opening(ctx, ctx.doc.visible(paragraph), about_the_issue)


def _disclosure_opening(ctx, visible: str, about_the_issue: bool) -> str | None:
    """`_opening_disclosure` for a text: a paragraph's, or one line of a flattened paragraph's."""
    m = _FIRST_SENTENCE.match(visible)
    if not m:
        return None
    sentence = m.group(0)
    labels = sponsor_labels(ctx.markers)
    found = labels.disclosure(sentence[:48])
    if found is None:
        return _support_disclosure(ctx, sentence[:300])
    before = sentence[: sentence.find(found)] if found in sentence else ""
    if found in sentence and _names_the_publisher(ctx, found, sentence[sentence.find(found) + len(found) :]):
        return None
    if CJK.search(before):
        # CJK: no spaces between words. The disclosure opens the sentence,
        # or its subject is this issue ("本期由 Acme 赞助"), not a story's topic.
        before = before.strip()
        this_issue = any(w in before for w in labels.cjk_issue_words) and len(before) <= 15
        return found if this_issue or (len(before) <= 2 and not about_the_issue) else None
    words = re.findall(r"[\w'’]+", before.lower())
    if len(words) > 6 or any(w not in labels.disclosure_subjects for w in words):
        return None
    if about_the_issue and not (labels.issue_words & {*words, *found.lower().split()} or "our sponsor" in found.lower()):
        return None
    return found


def _support_disclosure(ctx, sentence: str) -> str | None:
    """"Today's briefing is made possible by Acme Bank.", "## Render Queue
    is supported this month by", "This episode is supported by": a weaker
    disclosure ("supported by" also says who funds a study, "made possible
    by" who funds a newsletter: its readers). It counts only when its
    subject is the newsletter itself (this issue, today's edition, or the
    newsletter's own name: the run-together words of its own site) and it
    ends the sentence (a label over the sponsor's lines) or goes on with a
    name that is no reader ("… supported by its members" asks readers for
    money, NL302's). Whether the ad then names that sponsor again is asked of
    its extent (`_credited_sponsor`)."""
    labels = sponsor_labels(ctx.markers)
    found = labels.support_disclosure(sentence[:60])
    if found is None:
        return None
    at = sentence.lower().find(found.lower())
    words = re.findall(r"[\w'’]+", sentence[:at].lower())
    if not words or len(words) > 6:
        return None
    own = [w for w in words if w not in labels.disclosure_subjects and w not in labels.issue_words]
    names_the_issue = labels.issue_words & set(words)
    if own:
        run_together = "".join(own)
        publisher = publisher_words(ctx.doc, ctx.markers)
        if len(run_together) < MIN_DOMAIN_NAME or not any(p.startswith(run_together) for p in publisher):
            return None
    elif not names_the_issue:
        return None
    rest = visible_text_without_urls(sentence[at + len(found) :]).strip(" \t*_")
    if rest.strip(" .:：!") == "":
        return found
    name = _SPONSOR_NAME.match(rest)
    if name is None or name.group(0).split()[0].lower() in labels.reader_funders:
        return None
    return found


def _credited_sponsor(ctx, extent: Extent, label: str) -> Extent | None:
    """An ad opened by a support disclosure, when it is surely one: the
    sponsor it names (right after the disclosure, or first under a label
    that ends with "by") is named again in the ad, in its text or in its
    links (`/r/acme`), or a link of the ad goes to that sponsor's own site.
    The extent, its reason saying which; None when neither."""
    doc, labels = ctx.doc, sponsor_labels(ctx.markers)
    name = _support_sponsor(ctx, extent.start, extent.end, label)
    if name is None:
        return None
    names = _sponsor_words(labels, name) - publisher_words(doc, ctx.markers)
    names = {n for n in names if len(n) >= 3}
    source = "\n".join(doc.lines[extent.start : extent.end]).lower()
    sure = None
    if any(len(re.findall(rf"(?<![a-z0-9]){re.escape(n)}", source)) >= 2 for n in names):
        sure = f"{quote(name)} named again"
    else:
        sites = {registrable(host, ctx.markers) for host in _hosts_in_lines(ctx, extent)}
        if any(len(site) >= 4 and any(site.startswith(n) or n.startswith(site) for n in names) for site in sites):
            sure = f"links to {quote(name)}'s own site"
    if sure is None:
        return None
    return Extent(extent.start, extent.end, f"{extent.why_it_ends}; a sponsor's credit: {sure}")


def _section_goes_on(doc, heading, extent: Extent) -> bool:
    """Whether a heading's section holds more than the ad: text after the
    ad's extent, before the next heading."""
    return any(b.kind != "hr" for b in doc.blocks_between(extent.end, doc.section_end(heading)))


def _support_sponsor(ctx, start: int, end: int, label: str) -> str | None:
    """The sponsor a support disclosure names: the name right after it, or
    the first words under a disclosure that ends with "by"."""
    text = visible_text_without_urls(" ".join(ctx.doc.lines[start:end]))
    at = text.lower().find(label.lower())
    if at < 0:
        return None
    name = _SPONSOR_NAME.match(text[at + len(label) :].lstrip(" \t*_:#"))
    # The name ends with its sentence ("Acme Bank. Acme members get …").
    return _SENTENCE_BREAK.split(name.group(0))[0].rstrip(".!?") if name else None


def _hosts_in_lines(ctx, extent: Extent) -> set[str]:
    doc = ctx.doc
    return {h for b in doc.blocks_between(extent.start, extent.end) for h in link_hosts(doc, b, ctx.markers)}


def _disclosure_line(ctx, text: str) -> LabelMatch | None:
    """A line of a flattened paragraph that opens by saying the issue or the
    episode is sponsored ("This episode was sponsored by Acme."), as a label
    whose rest is the sentence after the disclosure (it names the sponsor)."""
    found = _disclosure_opening(ctx, text, about_the_issue=True)
    if found is None or sponsor_labels(ctx.markers).is_support(found):
        return None  # a support disclosure needs its ad's extent to be sure
    low = text.lower()
    at = low.find(found.lower())
    if at < 0:
        return None
    first = _FIRST_SENTENCE.match(text)
    sentence_end = first.end() if first else len(text)
    rest = text[at + len(found) : max(sentence_end, at + len(found))]
    # An ad names its sponsor ("… sponsored by Acme."); a story's line says
    # what paid for something ("… sponsored by a grant, the station said").
    if not _SPONSOR_NAME.match(visible_text_without_urls(rest).strip(" \t*_:")):
        return None
    return LabelMatch(found, rest.rstrip(" ."))


def _is_label_title(labels: SponsorLabels, rest: str) -> bool:
    """Whether a heading that opens with a label is the label's (its text after
    the label is `rest`): the label alone, the label and a sponsor name (a few
    capitalised words), or either before a separator and the ad's title.
    A heading that goes on as a sentence is a story: "Sponsored content is
    back", "In partnership with NASA, SpaceX launches crew", "广告行业的变化"."""
    rest = visible_text_without_urls(rest).strip(" \t*_")
    if labels.owned(rest):
        return True  # "Presented by our partner, Acme": the label goes on naming the sponsor
    if rest[:1] in _CLOSING:
        return True  # "(Sponsored) …", "【广告】…": the label in its brackets
    if not rest or rest[0] in _SEPARATORS or not any(ch.isalnum() for ch in rest):
        return True
    rest = labels.without_article(rest)
    name = _SPONSOR_NAME.match(rest)
    if name is None or any(w.lower() in labels.title_case_verbs for w in name.group(0).split()):
        return False
    after = rest[name.end() :].strip(" \t*_")
    return not after or after[0] in _SEPARATORS or after[0] in ".!" or not any(ch.isalnum() for ch in after)


def _ad_section_under(ctx, block, extent: Extent, rest: str) -> Extent:
    """`**A message from Acme**`, then the ad under a heading of its own
    (`### Ship faster…`, its text, its call to action). A label line that
    names its sponsor, right above a heading whose section names that
    sponsor too, takes that section when the section shows it is the ad
    (`_section_is_the_ad`); otherwise the label takes its own block, as SPEC
    row 1 gives a label line without a heading: a story under a stray label
    ("Together with Acme" over an ad image the conversion dropped) stays."""
    if extent.end != block.end:
        return extent
    doc = ctx.doc
    heading = doc.next_block(block)
    names = _sponsor_words(sponsor_labels(ctx.markers), rest)
    if heading is None or heading.kind != "heading" or not names or is_document_title(doc, heading):
        return extent
    section = section_extent(doc, heading, markers=ctx.markers)
    body = " ".join(doc.source(b) for b in doc.blocks_between(heading.end, section.end)).lower()
    if not any(n in body for n in names):
        return extent
    is_ad, why = _section_is_the_ad(ctx, block, heading, section, names)
    if not is_ad:
        return Extent(extent.start, extent.end, f"{extent.why_it_ends} (the section under it is no ad: {why})")
    return Extent(extent.start, section.end, f"{section.why_it_ends} (the section under the label is its ad: {why})")


# A heading's section under a label is an ad's size: at most this many words.
MAX_LABELLED_SECTION_WORDS = 150


def _section_is_the_ad(ctx, label, heading, section: Extent, names: set[str]) -> tuple[bool, str]:
    """Whether the heading's section under a label line is the label's ad
    (its text names the sponsor: the caller asked), and why. The section is
    an ad's size (at most `MAX_LABELLED_SECTION_WORDS` words and
    `MAX_AD_BLOCKS` blocks under its heading) and no link of it leads
    elsewhere (a story's link); and a link leads to the sponsor (its name
    in the site's name, the site the label links to, or a paid placement),
    or its links go through a click tracker that hides where they lead (the
    name in the text is then all there is to go by), or, with no link, the
    heading names the sponsor."""
    doc, markers = ctx.doc, ctx.markers
    blocks = doc.blocks_between(heading.start, section.end)
    words = sum(word_count(doc.visible(b)) for b in blocks if b.has_inline)
    if len(blocks) > MAX_AD_BLOCKS + 1 or words > MAX_LABELLED_SECTION_WORDS:
        return False, f"{words} words in {len(blocks)} blocks, more than an ad's"
    redirectors = markers.patterns("platforms", "redirect_host_patterns")
    label_hosts = {url_host(url) for url in _link_addresses(doc, label)}
    label_sites = {registrable(h, markers) for h in label_hosts if h and not redirectors.search(h)}
    label_sites -= {""} | publisher_words(doc, markers)
    leads = {_where_it_leads(url, names, label_sites, markers) for b in blocks for url in _link_addresses(doc, b)}
    if ELSEWHERE in leads:
        return False, "a link of it leads elsewhere than the sponsor, as a story's does"
    if SPONSOR in leads:
        return True, "its links lead to the sponsor"
    if HIDDEN in leads:
        return True, "its links go through a click tracker and its text names the sponsor"
    heading_words = {w.strip(".'’").lower() for w in _NAME.findall(visible_text_without_urls(doc.visible(heading)))}
    if names & heading_words:
        return True, "its heading names the sponsor"
    return False, "no link of it leads to the sponsor and its heading does not name it"


def _link_addresses(doc, block) -> list[str]:
    """Where a block's links and bare addresses lead, images left out (an
    ad's picture is on a CDN, not the sponsor's site)."""
    images = {link.destination for link in doc.links(block) if link.is_image}
    every_address = dict.fromkeys(addresses(doc.source(block), images=False, bare_in_links=True))
    return [u for u in every_address if u not in images]


# Where a link under a label leads (`_where_it_leads`).
SPONSOR, ELSEWHERE, HIDDEN = "sponsor", "elsewhere", "hidden"


def _where_it_leads(url: str, names: set[str], label_sites: set[str], markers) -> str | None:
    """SPONSOR for a paid placement, the site the label links to, or a site
    whose name spells the sponsor's; HIDDEN for a click tracker or a
    redirector that does not spell out its target; ELSEWHERE for any
    other site (a story's link); None for no web address (a mail address,
    a relative path)."""
    if is_paid_link(url, markers):
        return SPONSOR
    host = url_host(url)
    if not host or not url.lower().startswith(("http://", "https://")):
        return None
    if markers.patterns("platforms", "redirect_host_patterns").search(host):
        return HIDDEN  # a click tracker whose target is not spelt out in the link
    site = registrable(host, markers)
    if site in label_sites or (len(site) >= MIN_SITE_NAME and any(
            len(n) >= MIN_SITE_NAME and (site.startswith(n) or n.startswith(site)) for n in names)):
        return SPONSOR
    return ELSEWHERE


def _sponsor_list_extent(doc, block) -> Extent:
    """The sponsors listed under "This episode is brought to you by:": the
    list, or the bullet paragraphs (`• Acme (…) payroll made easy`) of a
    converted text, and nothing after them."""
    end, why = block.end, "the end of its line (no list of sponsors under it)"
    nxt = doc.next_block(block)
    while nxt is not None and (
        nxt.kind in ("bullet_list", "ordered_list") or (nxt.kind == "paragraph" and _LIST_BULLET.match(doc.lines[nxt.start]))
    ):
        end, why = nxt.end, "the end of the list of sponsors under it"
        nxt = doc.next_block(nxt)
    return Extent(block.start, end, why)


def _disclosure_extent(ctx, block) -> Extent:
    """A paragraph that opens with "This issue is brought to you by Acme." is
    the ad; the block after it too when it names Acme (its call to action)."""
    doc, target = ctx.doc, block
    while target.parent is not None and target.parent.kind in ("list_item", "blockquote"):
        target = target.parent
    nxt = doc.next_block(target)
    first = _FIRST_SENTENCE.match(doc.visible(target))
    sentence = visible_text_without_urls(first.group(0) if first else "")
    names = _sponsor_words(sponsor_labels(ctx.markers), sentence)
    if nxt is not None and nxt.kind == "paragraph" and word_count(doc.visible(nxt)) <= 40:
        if any(n in doc.source(nxt).lower() for n in names):
            return Extent(target.start, nxt.end, "the block after it, which names the sponsor")
    return Extent(target.start, target.end, "the end of its paragraph")


def _ad_lines(ctx, label_line: int, stop: int, rest: str) -> tuple[int, str]:
    """How far an ad runs inside a flattened paragraph: over short lines
    (`Name — tagline`, a title), lines that name the sponsor, and a long line
    just before the ad's all-caps call to action (which ends it); a long line
    of prose that does neither starts the next story."""
    doc, cta_line = ctx.doc, sponsor_labels(ctx.markers).cta_line
    # The sponsor the label names, and the name on the line under it ("Oferecimento / LUMINA").
    sponsor = sponsor_under_label(doc, label_line, ctx.markers)
    names = {w.lower() for w in _NAME.findall(visible_text_without_urls(rest))} | sponsor
    i = label_line + 1
    item = next_item_line(doc, label_line, stop)
    if item is not None:
        stop = item
    linked = False  # whether a line of the ad taken so far holds its link
    while i < stop and i - label_line <= MAX_AD_LINES:
        text = visible_text_without_urls(doc.lines[i]).strip()
        if cta_line.match(text) and any(ch.isalpha() for ch in text):
            return i + 1, f"the ad's call to action {quote(text)}"
        # The next story or section, as a lone label's ad ends (not a line that repeats the sponsor).
        section = opens_next_section(doc, i, ctx.markers, frozenset(names))
        if section is not None:
            return i, section
        named = any(n in text.lower() for n in names)
        # A short line is the ad's (a tagline, a title) unless it opens a list
        # of its own ("Where to find Marc:") or is a bullet that names no sponsor.
        # A colon with the link after it on the line is the ad's call to action
        # ("Book a free consultation: URL"), no list's opening.
        opens_list = text.endswith((":", "：")) and "://" not in doc.lines[i]
        short = word_count(text) <= 12 and not opens_list and not _BULLET.match(text)
        cta_ahead = any(
            cta_line.match(visible_text_without_urls(doc.lines[j]).strip() or "-")
            for j in range(i + 1, min(i + 1 + CTA_LOOKAHEAD, stop))
        )
        if not (short or named or cta_ahead):
            return i, "the next story's first line"
        if linked and short and not named and not cta_ahead and i + 1 < stop and _prose_line(doc.lines[i + 1], names):
            # After the ad's link, a short line over a line of prose is the next story's title.
            return i, "the next story's title (a short line over prose, after the ad's link)"
        linked = linked or "://" in doc.lines[i]
        i += 1
    if i >= stop:
        return stop, "the end of its paragraph" if item is None else "the next item's first line (it opens with the same mark)"
    return i, "the most lines an ad inside a paragraph takes"


def _prose_line(line: str, names: set[str]) -> bool:
    """A line of a story: longer than an ad's tagline, naming no sponsor."""
    text = visible_text_without_urls(line).strip()
    return word_count(text) > 12 and not any(n in text.lower() for n in names)


def _label_under(doc, block, candidates: LineHits, blocks, i: int) -> bool:
    """Whether a heading (`blocks[i]`) may take its label from the first line
    of the paragraph under it: its next sibling starts on a candidate line. A
    heading has no children, so that sibling, if it has one, is the next block
    in document order (asked first: finding siblings costs more)."""
    if block.kind != "heading" or i + 1 == len(blocks) or blocks[i + 1].start not in candidates:
        return False
    nxt = doc.next_block(block)
    return nxt is not None and nxt.start in candidates


def _trailing_label(markers, line: str) -> str | None:
    # The visible text loses square brackets, so `… [sponsored]` is looked for in the source too.
    labels = sponsor_labels(markers)
    return labels.trailing(visible_text(line)) or labels.trailing(line)


# A list item's marker, before its text (`- `, `* `, `1. `).
_ITEM_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")


def _label_after_title(markers, line: str) -> str | None:
    """A label right after an item's opening title: `**[Retool](…)** (Sponsor) — text`,
    also behind the item's list marker (`- **[Retool](…)** *(sponsored)*: …`)."""
    marker = _ITEM_MARKER.match(line)
    if marker:
        line = line[marker.end() :]
    title = opening_title(line)
    if title is None:
        return None
    m = sponsor_labels(markers).glued_trailing(line, title.end())
    return m.group("label") if m and not line[title.end() : m.start()].strip(" *_") else None


def _ancestors(block):
    node = block.parent
    while node is not None:
        yield node
        node = node.parent


def _item_or_block(block) -> tuple[int, int]:
    node = block
    while node.parent is not None:
        if node.parent.kind == "list_item":
            return node.parent.start, node.parent.end
        node = node.parent
    return block.start, block.end


# --- bare link lines beside an ad --------------------------------------------------

# A line that is nothing but links: `( https://… )`, `https://…/r/…`, `[](…)`, `![](…)`.
_LINK_ONLY_LINE = re.compile(r"^\s*(?:\(\s*https?://\S+\s*\)|<?https?://\S+?>?|!?\[[^\]]*\]\([^)]*\))\s*$")
MAX_LINK_LINES = 3


def _with_link_lines_after(doc, extent: Extent) -> Extent:
    """Lines of bare links right after an ad (its logo, its image slot: the
    conversion kept their addresses and lost what they showed) go with it. A
    story's address comes after its own title, never first: so a link line
    under an ad is the ad's."""
    following = doc.blocks_between(extent.end, len(doc.lines))[:MAX_LINK_LINES]
    end = extent.end
    for block in following:
        if block.kind != "paragraph" or block.depth > 0 or not all(
            _LINK_ONLY_LINE.match(doc.lines[i]) and not visible_text_without_urls(doc.lines[i]).strip(" ()[]!<>")
            for i in range(block.start, block.end)
        ):
            break
        end = block.end
    if end == extent.end:
        return extent
    return Extent(extent.start, end, f"{extent.why_it_ends}, and the bare link lines under it (its logo or image slot)")


# --- how far a trailing label's item goes ------------------------------------------

# An item's title at the start of its line: a (bold) link, or bold text.
_OPENING_TITLE = re.compile(
    r"^\s*(?:(?:\*\*|__)?\[[^\]\n]+\]\([^)\s]*\)(?:\*\*|__)?|(\*\*|__)(?:(?!\1)[^\n])+\1)"
)
# A trailing-label item takes at most this many description paragraphs.
MAX_DESCRIPTION_BLOCKS = 3


def opening_title(line: str) -> "re.Match | None":
    """The title an item's line opens with: `**[Title](url)**`, `[Title](url)`, `**Title**`."""
    return _OPENING_TITLE.match(line)


def item_extent(doc, block, markers) -> Extent:
    """A trailing label takes its item: the list item, or the title paragraph
    with the description paragraphs under it, up to the next title (see
    `_item_takes`)."""
    for node in _ancestors(block):
        if node.kind == "list_item":
            return Extent(node.start, node.end, "the end of its list item")
    if block.depth > 0:
        return Extent(block.start, block.end, "the end of its block")
    siblings = doc.blocks
    i = siblings.index(block) + 1
    end, why, taken = block.end, "the end of the document", 0
    item = _ItemShape(doc, block, markers)
    while i < len(siblings):
        verdict = _item_takes(doc, item, siblings[i], siblings[i - 1], taken)
        if verdict == "call to action":
            end = siblings[i].end
        elif verdict == "description":
            end, taken = siblings[i].end, taken + 1
        else:
            why = verdict
            break
        i += 1
    return Extent(block.start, end, why)


class _ItemShape:
    """What the labelled item's first paragraph looks like: its title, the hosts
    it links to, and whether it holds its own description after the title."""

    def __init__(self, doc, block, markers) -> None:
        self.block = block
        first = doc.lines[block.start]
        self.title = opening_title(first)
        # The sponsor's sites: where the item's links lead, less the hosts every
        # story of the issue links through (a click tracker on the publisher's domain).
        self.hosts = link_hosts(doc, block, markers) - shared_hosts(doc, markers)
        # Words after the title (the label among them): a title alone is 1-3 more.
        after = first[self.title.end() :] if self.title else doc.source(block)
        self.described = len(visible_text_without_urls(after).split()) > (4 if self.title else 8)
        # Capitalised words that may be the sponsor's name: what its other blocks repeat.
        not_a_name = markers.words("sponsor", "not_a_name")
        self.names = {w.lower() for w in _CAPITALISED.findall(doc.visible(block)) if len(w) >= 4} - not_a_name


def _item_takes(doc, item: _ItemShape, nxt, prev, taken: int) -> str:
    """Whether the block after a labelled item is part of it: "call to action"
    (a title-shaped link to the ad's own site), "description", or the reason
    the item ends before it. A paragraph that opens with a title, as the
    labelled one does, is the next item; so is, after an item that held its
    own description, a block that does not name the sponsor; in text with no
    blank lines, a line of prose that does not."""
    hosts = link_hosts(doc, nxt)
    same_host = bool(item.hosts) and bool(hosts) and hosts <= item.hosts
    names_it = any(n in doc.visible(nxt).lower() for n in item.names)
    if is_title_shaped(doc, nxt) and same_host:
        return "call to action"
    if nxt.kind in ("heading", "hr") or is_title_shaped(doc, nxt) or is_footer_boundary(doc, nxt):
        return "the next item's title" if is_title_shaped(doc, nxt) else f"a {nxt.kind}"
    if nxt.kind == "paragraph" and item.title and opening_title(doc.lines[nxt.start]) and not same_host:
        return "the next item's title"
    if item.described and not (same_host or names_it):
        return "the next block, which does not name the sponsor (the item held its own text)"
    if nxt.kind != "paragraph" or len(doc.visible(nxt)) <= 3:
        return "a block that is not part of the description"
    if nxt.start == prev.end and not (is_sponsor_line(doc, nxt) or names_it):
        return "the next story's first line (no blank line between)"
    if taken >= MAX_DESCRIPTION_BLOCKS:
        return "the most description paragraphs an item takes"
    return "description"


# --- a heading glued into flattened text -------------------------------------------

# Flattened text glues a heading to the paragraph after it: "…Scalable AnnotationThe
# starting point…". The seam is a lower-case letter followed by a capitalised word.
_GLUE = re.compile(r"(?<=[a-z0-9)’'])(?=[A-Z][a-z])")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def glued_heading_start(text: str, start: int = 0, markers=None) -> tuple[int, str] | None:
    """Where the first heading glued to its paragraph begins in `text` (at or after
    `start`), with the heading's text; None when there is none.

    The heading is the run of title-case words (small words allowed) that ends at
    a seam and starts after a word that is not title-case; it needs three
    capitalised words and none camel-cased before the seam, so product names
    like `GitHub` or `JavaScript` make no seam.
    """
    title_word = _title_word(markers or load_markers())
    for m in _GLUE.finditer(text, start):
        seam = m.start()
        words = list(re.finditer(r"\S+", text[start:seam]))
        k = len(words)
        while k > 0 and title_word.match(words[k - 1].group(0)):
            k -= 1
        # Small words do not start a heading.
        while k < len(words) and words[k].group(0)[0].islower():
            k += 1
        run = [w.group(0) for w in words[k:]]
        capitalised = [w for w in run if w[0].isupper()]
        if (
            len(capitalised) >= 3
            and words[-1].group(0)[0].isupper()
            and not any(_INNER_CAPITAL.search(w) for w in run[:-1])
        ):
            head_start = start + words[k].start()
            return head_start, text[head_start:seam]
    return None


def _title_word(markers) -> "re.Pattern":
    """A word of a title: capitalised, or one of the small words title case
    leaves in lower case ("of", "the": `[sponsor].title_small_words`)."""
    def build(m) -> "re.Pattern":
        small = sorted(m.words("sponsor", "title_small_words"), key=len, reverse=True)
        return re.compile(rf"^(?:[A-Z0-9][\w'’&:.-]*|{'|'.join(map(re.escape, small)) or '(?!)'})$")

    return markers.compiled("title_word", build)
