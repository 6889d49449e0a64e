"""Zones: stretches of an email whose lines are noise as a unit.

## The footer zone
A footer is a region, not a line: under the unsubscribe link stand the
subscriber's details ("Name: …", "Member since …"), the renewal date, a bare
link left from a removed "Unsubscribe:" label, a cookie notice, the
platform's badge. Each of those lines alone says little; beside a footer
line they are footer too.

`footer_zone(doc, markers, footer_lines)` walks up from the end of the
email. `footer_lines` are the lines the footer rule found on their own
evidence (an unsubscribe or preferences link, "you are receiving this").
The zone starts at the topmost line of footer evidence the walk reaches, and
runs to the end of the email. On the way up:

- a footer line is strong evidence, when it is one that only an email's
  end holds (a line with only "View in browser" or "Forwarded this email?",
  which stand at the top too, goes but does not move the start); a short line with a footer zone word
  (`[footer_zone]`, `[footer]`, `about_the_email` in the data: "member since",
  "is a trademark of", "use of cookies") is weak evidence, which moves the
  start up only once strong evidence is below it; in hard-wrapped text a
  zone word split over two lines of a paragraph ("View it in a" /
  "browser.") is evidence on both; so is a follow row (two or more links
  to social profiles and a few words: SPEC counts it as footer); a line
  that speaks of its writer
  ("I tried to leave the mailing list") is none: a footer speaks to its
  reader;
- in the email's last part (`TAIL_PART`), above strong evidence, a footer
  line that also stands at the top ("Forwarded this email?", "Wurde dir
  dieser Newsletter weitergeleitet?") moves the start up too: the follow row
  between it and the unsubscribe line is the footer's;
- the copyright notice, a postal address and the lines that continue them
  are kept (SPEC keeps them) and do not interrupt the walk; so are the short
  lines of a paragraph right above its address line (the addressee's name
  and street in a block that ends on the postcode), and the short plain
  lines under a label that announces the address ("Our mailing address
  is:", "Postanschrift:", `[postal].address_labels`), whatever shape its
  postcode has (the label itself goes with the zone);
- the author's closing stays, and the walk goes on over it as over a line
  of no evidence (`author_closing`): a sign-off (a short line ending in a
  comma that opens with a sign-off word, or has a name under it: "Until
  next Friday," over "Rosa") and the name under it, a name signed under a
  dash ("— Priya & the Tallow team", "-- Dev") and the short line of the
  author's right above it ("That's it. Box out, people."), a paragraph that opens
  with "P.S.", an invitation to reply that speaks as the author ("Spotted a
  mistake? Just reply, it lands in my inbox"). A sign-off is short, so it
  read as a footer's short line; "this email" made the reply invitation
  footer evidence. The words are data (`[author_closing]`, per language);
- an html layout tag with no text ("</td></tr></table>", left for NL401)
  is passed over;
- a line whose every link leads where stories never link (a survey, the
  newsletter's own subscribe or referral page, a social profile, an app
  store), or a row of links named for social networks behind tracking
  redirects ("[Facebook](…) · [Instagram](…)", or in plain text "Follow:
  Instagram https://… · TikTok https://…", a few words beside the
  addresses), is weak evidence too;
- a short line that ends no sentence, right above a footer line of its
  paragraph ("Follow The Meridian" over its row), is that line's lead-in;
- a reference link's address ("[15]: https://…"), which no reader sees, is
  passed over, and a row of reference links is read by its labels;
- a short heading whose section below it is all footer evidence ("## Follow
  us" over a follow row, "## Pass it on" over a line linking to the subscribe
  page) joins the zone, and the walk goes on above it: from that heading up,
  the zone is a judgement of place (`FooterZone.judged`: an unsafe fix);
- the walk stops at any other heading, code, a paragraph of prose with no footer
  evidence (more than `PROSE_WORDS` words), a story's line (a paragraph of one
  line, two sentences or more, a link to content, no question and no word
  about the email: a short email's whole story can be that short), a long
  line, or a run of lines with no evidence (more than `MAX_GAP_LINES` lines
  or `MAX_GAP_WORDS` words): a story after the footer's start is protected
  by its length.

No strong evidence, no zone. A zone whose first line, of weak evidence,
goes on a sentence that began above it in its paragraph reads that sentence
whole (`_start_with_its_sentence`): footer as a whole (a zone word, few
words, links only to a mail address, a site's own pages or the site of the
footer's links below it), the zone starts where it starts, a story's words
before it on that line staying (`FooterZone.cut`); else the story's sentence
stays whole and the zone starts below it.

## The header zone
`email_top(doc)` is the email's first block, below the lines an archiver
writes above it. `header_zone_end(doc)` is the first line of the first paragraph of prose
(more than `PROSE_WORDS` words): what stands above it is the email's top, its
chrome and its title. `web_version_link(markers, line)` tells a line there
that only offers the email's web version: one short link whose text has a
`web_version_words` word ("[Open in your browser](…)", "Não consegue ver
este e-mail? [Abra no navegador](…)"), or a short label with such a word
before a bare address ("웹에서 보기: https://…"). A story's link that
mentions the web ("[The web turns 40](…)") stands below the first prose, or
is no lone short link with a lead-in of a few words.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..inline_syntax import BARE_ADDRESS, addresses, is_archive_header, is_protected, links_of, protected_spans, visible_text_without_urls
from .links import LinkKind, split_url
from .publisher import registrable
from ..markers import CJK, PhraseSearch, url_host
from ..memo import remembered

# A paragraph with no footer evidence and more words than this is a story's.
PROSE_WORDS = 25
# A line longer than this is no footer detail.
LONG_LINE_WORDS = 30
# Weak evidence: a line that holds a zone word and at most this many words.
WEAK_LINE_WORDS = 20
# Between two pieces of evidence, at most this many other lines / words.
MAX_GAP_LINES = 5
MAX_GAP_WORDS = 50
# The last part of the email (a share of its lines) where a footer line that
# also stands at the top ("Forwarded this email?") starts the zone above an
# unsubscribe line.
TAIL_PART = 0.5
# A line that continues a kept notice or address ("LN11 0LS, United Kingdom").
CONTINUATION_WORDS = 8

# A copyright notice (SPEC keeps it), for every rule that must leave it.
COPYRIGHT = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|\ball rights reserved\b", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_HTML_TEXT = re.compile(r"[^\W_]")
_RULE_LINE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")


def words(text: str) -> int:
    """Words of a text; CJK writes none between words, so two characters count as one."""
    return len(text.split()) + len(CJK.findall(text)) // 2


@dataclass
class FooterZone:
    start: int  # the zone's first line
    start_why: str  # the evidence there
    strong: int  # how many lines of strong evidence it holds
    members: dict[int, str] = field(default_factory=dict)  # lines that go with the zone, and why
    kept: dict[int, str] = field(default_factory=dict)  # lines of the zone that stay, and why
    stop_why: str = "the start of the email"  # what ends the walk up
    # The lowest heading the walk passed: from it up the zone is judged by the
    # place of its sections, not by a footer line of their own (an unsafe fix).
    judged_from: int | None = None
    # The zone's start before the walk passed a heading (the start on evidence).
    sure_start: int | None = None
    # A line the zone takes only from this offset on, above its first whole
    # line: a footer sentence that starts after a story's sentence on the line,
    # or what follows a story's sentence that ends there (`_start_with_its_sentence`).
    cut: tuple[int, int] | None = None
    cut_why: str = ""

    def judged(self, line: int) -> bool:
        """Whether the line belongs to the zone only by a judgement of its place."""
        return self.judged_from is not None and line <= self.judged_from

    def inside_by_judgement(self, line: int) -> bool:
        """Whether the line stands below the zone's start only by a judgement."""
        return self.sure_start is not None and line <= self.sure_start

    def evidence(self) -> tuple[str, ...]:
        start = (f"footer zone from inside line {self.cut[0] + 1} ({self.cut_why})" if self.cut is not None
                 else f"footer zone from line {self.start + 1} ({self.start_why})")
        return (
            f"{start} to the end of the email",
            f"no footer evidence above it up to {self.stop_why}",
        )


def footer_zone(doc, markers, footer_lines: dict[int, str]) -> FooterZone | None:
    """The footer zone of the document, or None (see the module docs)."""
    leaf = _LeafBlocks(doc)
    strong_lines = [i for i in footer_lines if i >= doc.body_start]
    if not strong_lines:
        return None
    zone: FooterZone | None = None
    gap_lines = gap_words = 0
    pending: dict[int, str] = {}  # lines walked over since the last evidence
    kept: dict[int, str] = {}
    closings: dict[int, str] = {}  # lines of the author's closing, which stay
    stop_why = "the start of the email"
    # The email's last part, where "Forwarded this email?" above an unsubscribe
    # line is the footer's own start.
    tail_start = doc.body_start + int((len(doc.lines) - doc.body_start) * TAIL_PART)
    i = len(doc.lines)
    while i > doc.body_start:
        i -= 1
        line = doc.lines[i]
        if not line.strip():
            continue
        block = leaf.get(i)
        if i in footer_lines:
            why = footer_lines[i]
            if not _ends_an_email(markers, line) and (zone is None or i < tail_start):
                # "View in browser" stands at the top too: it is footer, but the
                # zone's start moves only with evidence that ends an email, or
                # with a footer line in the email's last part, above such evidence.
                pending[i] = why
                continue
            if zone is None:
                zone = FooterZone(start=i, start_why=why, strong=0)
            zone.start, zone.start_why = i, why
            zone.strong += 1
            zone.members.update(pending)
            pending, gap_lines, gap_words = {}, 0, 0
            continue
        if block is None and _REFERENCE_DEFINITION.match(line):
            continue  # "[15]: https://…": a reference link's address, which no reader sees
        if block is not None and block.kind == "html_block" and not _HTML_TEXT.search(_HTML_TAG.sub(" ", line)):
            continue  # a layout tag with no text ("</td></tr></table>"): NL401's, no end of the walk
        if block is not None and block.kind == "code_block" and _follow_code_block(doc, markers, block):
            pass  # social profile links a converter indented: a follow row, not code (read below)
        elif block is not None and block.kind in ("fence", "code_block", "html_block", "table"):
            stop_why = f"{block.kind.replace('_', ' ')} at line {block.start + 1}"
            break
        if _RULE_LINE.match(line) and (block is None or block.kind == "hr"):
            pending[i] = "a thematic break inside the footer"
            continue
        text = visible_text_without_urls(line).strip()
        n = words(text)
        if block is not None and block.kind == "heading":
            heading_why = _footer_section_heading(doc, markers, zone, pending, i, text)
            if heading_why is None:
                stop_why = f"the heading at line {i + 1}"
                break
            # "## Follow us" over a follow row, "## Tell us what you think of this
            # issue" over a survey link: a section that holds only footer lines is
            # the footer's, heading and all. A judgement from its place.
            if zone.judged_from is None:
                zone.sure_start = zone.start
            zone.start, zone.start_why = i, heading_why
            zone.members.update(pending)
            zone.members[i] = heading_why
            if zone.judged_from is None:
                zone.judged_from = i
            pending, gap_lines, gap_words = {}, 0, 0
            continue
        closing = author_closing(doc, markers, block, i)
        if closing is not None:
            # "Until next Friday, / Rosa", "P.S. …", "Just reply, it lands in
            # my inbox": the author speaks, whatever footer lines stand around it.
            # The walk goes on as over any line of no footer evidence, but the
            # zone never takes it.
            closings[i] = closing
            if zone is not None:
                pending[i] = _NOT_FOOTER
            gap_lines += 1
            gap_words += n
            if gap_lines > MAX_GAP_LINES or gap_words > MAX_GAP_WORDS:
                stop_why = f"{gap_lines} lines without footer evidence up to line {i + 1}"
                break
            continue
        keep = _kept(markers, text)
        if keep is None and n <= CONTINUATION_WORDS and _continues_kept(doc, markers, block, i, kept):
            keep = "the rest of the notice or address above it"
        if keep is None and n <= CONTINUATION_WORDS and _opens_address(markers, block, i, text, kept):
            # "Acme Trust / The Old Mill, Weir Lane / Eastbrook, EB4 7QP": the
            # lines of an address block above its postcode line.
            keep = "the lines of the address below it"
        if keep is None and n <= CONTINUATION_WORDS:
            label = _address_label_over(doc, markers, leaf, block, i)
            if label is not None:
                # "**Our mailing address is:**" over "Acme / Harbour Row 3 / Port
                # Clare": the label says what the lines are, whatever their shape.
                keep = f"the lines of the address under its label '{label}'"
        if keep:
            kept[i] = keep
            continue
        if n > LONG_LINE_WORDS:
            stop_why = f"a long line at line {i + 1}"
            break
        if block is not None and block.kind == "paragraph" and _prose(doc, markers, block, footer_lines):
            stop_why = f"prose at line {block.start + 1}"
            break
        weak = (_weak_evidence(markers, text) or _follow_row(markers, line)) if n <= WEAK_LINE_WORDS else None
        if weak is None and n <= WEAK_LINE_WORDS and not any(why == _NOT_FOOTER for why in pending.values()):
            # Links alone, a profile link a line, icon glyphs: weaker evidence, no
            # words of a footer's own. They join the zone only right above it, never
            # across a line of no evidence ("For this week's discussion: …" under a
            # line linking to a form stays; a closing paragraph between a glyph row
            # and the footer is not taken for "a short line among footer lines").
            weak = _follow_run(doc, markers, i) or _icon_glyph_row(line) or _noise_link_line(markers, line)
        if weak is None and n <= WEAK_LINE_WORDS and block is not None and block.kind == "paragraph":
            # Hard-wrapped text splits a footer phrase over two lines ("View it
            # in a" / "browser."): both lines hold it.
            weak = _wrapped_evidence(doc, markers, block, i)
        if (
            weak is None and zone is not None and block is not None and block.kind == "paragraph"
            and i + 1 < block.end and (i + 1 == zone.start or i + 1 in zone.members)
            and n <= LEAD_IN_WORDS and not _SENTENCE_CLOSE.search(text)
        ):
            # "Follow The Meridian" over its row of links, in one paragraph: the
            # row's lead-in, which ends no sentence.
            weak = f"{_LEAD_IN_TOLD}the footer line under it"
        if weak and zone is not None:
            zone.start, zone.start_why = i, f"{_told(weak)} above footer lines"
            zone.members.update(pending)
            zone.members[i] = f"{_told(weak)} in a footer"
            pending, gap_lines, gap_words = {}, 0, 0
            continue
        if (weak is None and zone is not None and block is not None and block.kind == "paragraph"
                and block.end - block.start == 1 and _story_line(markers, line, text)):
            # "Two skippers join the host. Hear it here [link]." (a paragraph of
            # its own) under a "View in browser" at the top of a short email:
            # what the email carries, not a short line among footer lines.
            stop_why = f"a story's line at line {i + 1}: {STORY_LINE_SENTENCES} sentences or more and a link to content"
            break
        if weak:
            pending[i] = f"{_told(weak)} in a footer"
        elif zone is not None:
            pending[i] = _NOT_FOOTER
        elif _machinery(text, line):
            # After the last footer line only what is plainly no sentence goes
            # (a bare link, a "Name: …" field, a badge): "The tide story." stays.
            pending[i] = "a bare link, a field or an image after the footer lines"
        gap_lines += 1
        gap_words += n
        if gap_lines > MAX_GAP_LINES or gap_words > MAX_GAP_WORDS:
            stop_why = f"{gap_lines} lines without footer evidence up to line {i + 1}"
            break
    if zone is None:
        return None
    _start_with_its_sentence(doc, markers, leaf, zone, footer_lines, {**kept, **closings})
    zone.kept = {k: v for k, v in {**kept, **closings}.items() if k > zone.start}
    zone.members = {k: v for k, v in zone.members.items() if k >= zone.start and k not in closings}
    zone.stop_why = stop_why
    return zone


def _start_with_its_sentence(doc, markers, leaf, zone, footer_lines, kept: dict[int, str]) -> None:
    """A zone whose first line, of weak evidence, goes on a sentence that
    began above it in its paragraph (hard-wrapped text, html broken into
    lines: "Check out [the blog](…) for more writing" / "or" / "[contact us
    by email](…)") would take half of that sentence. The sentence is read
    whole, from its start to its end:

    - where it is footer as a whole (a footer zone word, at most
      `WEAK_LINE_WORDS` words, and links that lead only to the newsletter's
      own site, a mail address or pages stories never link to), the zone
      starts where the sentence starts; a story's sentence before it on that
      line stays (`FooterZone.cut`);
    - else it is the story's: it stays whole, and the zone takes the rest of
      its line after the sentence's end when that holds footer words of its
      own ("entity named above. If the reader of this message is …"), or
      starts below the line (at its next line of evidence) when not."""
    i = zone.start
    if i in footer_lines or i not in zone.members or zone.judged_from is not None:
        return
    block = leaf.get(i)
    if block is None or block.kind != "paragraph" or block.start == i:
        return
    above = visible_text_without_urls(doc.lines[i - 1]).strip()
    if not above or _SENTENCE_CLOSE.search(above) or not _goes_on_a_sentence(doc.lines[i]):
        return
    found = _sentence_start(doc, markers, block, i)
    if found is None:
        return  # a sentence longer than a few lines: no footer's
    start_line, start_at = found
    if any(k in kept or k in footer_lines for k in range(start_line, i)):
        return  # a notice, an address, the author's closing or a footer line: the walk's own business
    end_line, end_at = _sentence_end(doc, markers, block, i)
    pieces = [doc.lines[k] for k in range(start_line, end_line + 1)]
    pieces[-1] = pieces[-1][:end_at]
    pieces[0] = pieces[0][start_at:]
    sentence = " ".join(pieces)
    why = _footer_sentence(doc, markers, _zone_sites(doc, markers, zone, footer_lines, end_line), sentence)
    if why is not None:
        told = f"the start of a footer sentence ({why}) that line {i + 1} goes on"
        for k in range(start_line if start_at == 0 else start_line + 1, i):
            zone.members[k] = told
        if start_at == 0:
            zone.start = start_line
        else:
            zone.start = start_line + 1
            zone.cut, zone.cut_why = (start_line, start_at), told
        zone.start_why = told
        return
    # The story's sentence: it stays whole, and the zone's first whole line is
    # its next line of evidence below the sentence (none: the zone stays as it is).
    later = sorted(k for k in (*zone.members, *footer_lines) if k > end_line)
    if not later:
        return
    rest = visible_text_without_urls(doc.lines[i][end_at:]).strip() if end_line == i else ""
    weak = _weak_evidence(markers, rest) if rest else None
    if weak:
        zone.cut = (i, end_at)
        zone.cut_why = f"the rest of a line after a story's sentence that began above it (phrase '{weak}')"
    zone.start = later[0]
    zone.start_why = zone.members.get(zone.start) or footer_lines.get(zone.start, zone.start_why)


# A sentence read whole across a paragraph's lines is no longer than this many lines.
SENTENCE_LINES = 4
_SENTENCE_MARK = re.compile(r"[.!?。！？][\"”’)\]*_]*(?:\s+|$)")


def _sentence_marks(markers, line: str) -> list[int]:
    """Offsets where sentences of a line end (after the mark and its closing
    quotes), outside link targets and code, an abbreviation's period none."""
    found = [m for m in _SENTENCE_MARK.finditer(line)]
    if not found:
        return []
    protected = protected_spans(line)
    return [m.end() for m in found
            if not is_protected(protected, m.start())
            and not (line[m.start()] == "." and markers.ends_no_sentence(line, m.start()))]


def _sentence_start(doc, markers, block, i: int) -> tuple[int, int] | None:
    """Where the sentence that line `i` goes on begins: the line and offset
    right after the last sentence end above it in the paragraph, or the
    paragraph's first line; None when that is more than `SENTENCE_LINES` lines up."""
    for k in range(i - 1, max(block.start, i - SENTENCE_LINES) - 1, -1):
        ends = [e for e in _sentence_marks(markers, doc.lines[k]) if doc.lines[k][e:].strip()]
        if ends:
            return k, ends[-1]
    return (block.start, 0) if block.start >= i - SENTENCE_LINES else None


def _sentence_end(doc, markers, block, i: int) -> tuple[int, int]:
    """Where the sentence that line `i` goes on ends: the line and the offset
    right after its closing mark (its quotes), or the paragraph's end."""
    for k in range(i, min(block.end, i + SENTENCE_LINES)):
        ends = _sentence_marks(markers, doc.lines[k])
        if ends:
            return k, len(doc.lines[k][: ends[0]].rstrip())
    k = min(block.end, i + SENTENCE_LINES) - 1
    return k, len(doc.lines[k])


def _goes_on_a_sentence(line: str) -> bool:
    """A line that carries on the sentence above starts in lower case ("or",
    "entity named above."); an unsubscribe line or a row of links does not."""
    first = next((ch for ch in visible_text_without_urls(line) if ch.isalnum()), "")
    return first.islower()


def _footer_sentence(doc, markers, own: frozenset[str], sentence: str) -> str | None:
    """Why a sentence read whole is footer, or None: it is short, holds a
    footer zone word, and has links, each to a mail address, to a page
    stories never link to, to a site's home or section page (`_site_page`),
    or to a site the zone's links below it lead to (`own`: the newsletter's
    site, "Check out [the archive](https://acme.example/archive/2026) …"
    above "[unsubscribe](https://acme.example/u/…)"). A story's sentence
    links to its article."""
    text = visible_text_without_urls(sentence)
    if words(text) > WEAK_LINE_WORDS:
        return None
    weak = _weak_evidence(markers, text)
    urls = addresses(sentence, bare_in_links=True)
    if weak is None or not urls:
        return None
    for url in urls:
        if url.lower().startswith("mailto:") or markers.link_kind(url) in _NOISE_ROW_KINDS | _ACCOUNT_KINDS:
            continue
        host = url_host(url)
        if not host or (registrable(host, markers) not in own and not _site_page(url)):
            return None
    return f"phrase '{weak}', links only to a mail address or a site's own pages"


_ACCOUNT_KINDS = frozenset({LinkKind.UNSUBSCRIBE, LinkKind.PREFERENCES})
# A site's own page is its home or one section of it ("/blog", "/about").
SITE_PAGE_SEGMENTS = 1


def _site_page(url: str) -> bool:
    """A link to a site's home page or a section of it (`https://acme.example/blog`),
    not to one story: a story's link names its article (`/2026/04/the-pier-reopens`)."""
    parts = split_url(url)
    if any(not pair.startswith("utm_") for pair in parts.query.split("&") if pair):
        return False  # a page picked by its query is no site's own page
    return len([seg for seg in parts.path.split("/") if seg]) <= SITE_PAGE_SEGMENTS


def _zone_sites(doc, markers, zone, footer_lines, below: int) -> frozenset[str]:
    """The registered names of the sites the zone's lines below line `below`
    link to (its unsubscribe, web-version and subscribe pages), a platform
    that sends for many publishers left out: the newsletter's own site."""
    platforms = markers.words("platforms", "sender_hosts")
    names = set()
    for k in (*(k for k in zone.members if k > below), *(k for k in footer_lines if k > below)):
        line = doc.lines[k]
        for url in addresses(line, images=True, bare_in_links=True):
            host = url_host(url)
            if host:
                names.add(registrable(host, markers))
    return frozenset(n for n in names if n and n not in platforms)


# A sign-off is a few words ("Until next Friday,", "Talk soon,"), and so is
# the name under it ("Rosa", "Dev Okafor").
SIGN_OFF_WORDS = 6
NAME_WORDS = 4
_PS = re.compile(r"^[\s>*_]*(?:P\.\s?)+S\.|^[\s>*_]*P\.?P?\.?S\b\.?\s*[:—–-]")
_COMMA_END = re.compile(r"[,，、]$")
_NAME_END = re.compile(r"[.:;?!。：？！]$")
# A signature is a dash and a name, a person's or a team's ("— Priya & the Tallow team").
SIGNATURE_WORDS = 6
_SIGNATURE = re.compile(r"^(?:—|–|--|-(?=\S))\s*(\S.*)$")
# The author's last words right over the signature are a line this short.
CLOSING_LINE_WORDS = 12


def author_closing(doc, markers, block, i: int) -> str | None:
    """Why line `i` is the author's closing, or None: a sign-off (a short line
    ending in a comma that opens with a sign-off word or has a name under
    it) or the name under one, a name signed under a dash and the short line
    right above it, a paragraph that opens with "P.S.", or an
    invitation to reply that speaks as the author ("Just reply, it lands in
    my inbox"). SPEC's footer is the list's voice; these are the writer's."""
    if block is None or block.kind != "paragraph":
        return None
    if _PS.match(doc.lines[block.start]):
        return "the author's postscript (kept)"
    line = doc.lines[i]
    if "](" in line or "://" in line:
        return None
    text = visible_text_without_urls(line).strip(" *_")
    if _sign_off(doc, markers, i, text):
        return "the author's sign-off (kept)"
    if _signature(markers, text):
        return "the author's signature (kept)"
    below = _line_below(doc, i)
    if (
        below is not None and _closing_line(markers, text)
        and _signature(markers, visible_text_without_urls(doc.lines[below]).strip(" *_"))
        and "](" not in doc.lines[below] and "://" not in doc.lines[below]
    ):
        return "the author's last words over the signature (kept)"
    above = _line_above(doc, i)
    if above is not None and _name_line(markers, text):
        above_text = visible_text_without_urls(doc.lines[above]).strip(" *_")
        if "](" not in doc.lines[above] and _sign_off(doc, markers, above, above_text):
            return "the author's name under the sign-off (kept)"
    if (
        _closing_search(markers, "reply_words").search(text)
        and _closing_search(markers, "author_words").search(text)
        and markers.footer_phrase(text) is None  # "Do not reply to this email", "reply to unsubscribe"
    ):
        return "the author's invitation to reply (kept)"
    return None


def _sign_off(doc, markers, i: int, text: str) -> bool:
    """A short line ending in a comma that opens with a sign-off word, or has a name under it."""
    if not text or words(text) > SIGN_OFF_WORDS or not _COMMA_END.search(text):
        return False
    if _weak_evidence(markers, text):
        return False
    found = _closing_search(markers, "sign_offs").search(text)
    if found is not None and found.start() == 0:
        return True
    below = _line_below(doc, i)
    if below is None or "](" in doc.lines[below] or "://" in doc.lines[below]:
        return False
    return _name_line(markers, visible_text_without_urls(doc.lines[below]).strip(" *_"))


def _signature(markers, text: str) -> bool:
    """A name signed under a dash: "— Priya & the Tallow team", "-- Dev", "—Bea"
    (a hyphen only with the name right after it: "- Corinne" is a list's item)."""
    m = _SIGNATURE.match(text)
    if m is None:
        return False
    name = m.group(1)
    return (
        0 < words(name) <= SIGNATURE_WORDS
        and (name[:1].isupper() or bool(CJK.match(name)))
        and not any(ch.isdigit() for ch in name)
        and not _NAME_END.search(name)
        and _weak_evidence(markers, name) is None
    )


def _closing_line(markers, text: str) -> bool:
    """A short line of the author's that may stand over the signature ("That's
    it. Box out, people."): a few words, no footer words."""
    return 0 < words(text) <= CLOSING_LINE_WORDS and _weak_evidence(markers, text) is None


def _name_line(markers, text: str) -> bool:
    """A line that may be a name: a word or few, capitalised, no digit, no sentence's end."""
    return (
        0 < words(text) <= NAME_WORDS
        and (text[:1].isupper() or bool(CJK.match(text)) or text[:1] in "—–-")
        and not any(ch.isdigit() for ch in text)
        and not _NAME_END.search(text)
        and _weak_evidence(markers, text) is None
    )


def _line_above(doc, i: int) -> int | None:
    """The non-blank line right above line `i`, across at most one blank line."""
    for k in (i - 1, i - 2):
        if k < doc.body_start:
            return None
        if doc.lines[k].strip():
            return k
    return None


def _line_below(doc, i: int) -> int | None:
    """The non-blank line right below line `i`, across at most one blank line."""
    for k in (i + 1, i + 2):
        if k >= len(doc.lines):
            return None
        if doc.lines[k].strip():
            return k
    return None


def _closing_search(markers, key: str) -> PhraseSearch:
    return markers.compiled(
        f"zones:author_closing.{key}",
        lambda m: PhraseSearch(m.data.get("author_closing", {}).get(key, [])),
    )


# A heading over a section of footer lines is short ("Follow us", "Stay in touch").
FOOTER_HEADING_WORDS = 8
_NOT_FOOTER = "a short line among footer lines"


def _footer_section_heading(doc, markers, zone, pending: dict[int, str], i: int, text: str) -> str | None:
    """Why the heading at line `i` opens a section of the footer, or None: it
    is short, and every line of its section is footer evidence (nothing of a
    story stands between it and the zone's start)."""
    if zone is None or not text or words(text) > FOOTER_HEADING_WORDS:
        return None
    if any(why == _NOT_FOOTER for why in pending.values()):
        return None
    if any(doc.lines[k].strip() and k not in pending for k in range(i + 1, zone.start)):
        return None
    weak = _weak_evidence(markers, text)
    if weak:
        return f"{_told(weak)} in a heading over footer lines"
    return "a short heading over a section of footer lines only"


_NOISE_ROW_KINDS = frozenset({
    LinkKind.WEB_VERSION, LinkKind.REFERRAL, LinkKind.SURVEY, LinkKind.SHARE, LinkKind.REACTION,
    LinkKind.APP_STORE, LinkKind.SUBSCRIBE, LinkKind.SOCIAL, LinkKind.PLATFORM,
})


def _noise_link_line(markers, line: str) -> str | None:
    """A short line whose every link leads where stories never link (a survey,
    the newsletter's own subscribe or referral page, a social profile, an app
    store), or a row of two or more links named for social networks
    ("[Facebook](…) · [Instagram](…)" behind a tracking redirect). Weak
    evidence: a story links to such a page now and then. An archiver's line
    ("**Source:** [View original](…)") is none: SPEC keeps it."""
    if is_archive_header(line):
        return None
    if "](" in line:
        links = links_of(line)
        if not links:
            return None
        kinds = [markers.link_kind(link.destination) for link in links]
        if all(kind in _NOISE_ROW_KINDS for kind in kinds):
            named = ", ".join(sorted({kind.value for kind in kinds}))
            return f"{_NOISE_LINE_TOLD}{named} pages"
        labels = [visible_text_without_urls(line[link.text_start : link.text_end]).strip() for link in links]
    elif "][" in line:
        # Reference links ("[Facebook][15] | [Instagram][16]"): their labels.
        labels = [visible_text_without_urls(m.group(1)).strip() for m in _REFERENCE_LINK.finditer(line)]
    else:
        return _plain_follow_row(markers, line)
    named = sum(1 for label in labels if markers.is_follow_text(label))
    if named >= FOLLOW_ROW_LINKS and 2 * named >= len(labels) and all(words(label) <= 2 for label in labels):
        # A network the data does not name yet sits among those it does.
        return f"{_FOLLOW_ROW_TOLD}{named} links named for social networks"
    return None


def _plain_follow_row(markers, line: str) -> str | None:
    """A plain-text row of two or more bare addresses named for social
    networks ("Follow: Instagram https://… · TikTok https://…", "Síguenos en
    Instagram y Telegram: https://… · https://…"), whatever the click
    tracker or host behind them: at least two network names, one for every
    two addresses or more, and at most `FOLLOW_ROW_WORDS` words beside the
    addresses. "Both Threads https://… and Instagram https://… carried the
    video" has more words: a story's sentence."""
    urls = BARE_ADDRESS.findall(line)
    if len(urls) < FOLLOW_ROW_LINKS:
        return None
    rest = [w.strip(".,:;·•|/()[]<>*_-–—") for w in BARE_ADDRESS.sub(" ", visible_text_without_urls(line)).split()]
    rest = [w for w in rest if any(ch.isalnum() for ch in w)]
    named = sum(1 for w in rest if markers.is_follow_text(w))
    if named >= FOLLOW_ROW_LINKS and 2 * named >= len(urls) and len(rest) <= FOLLOW_ROW_WORDS:
        return f"{_FOLLOW_ROW_TOLD}{len(urls)} addresses named for social networks"
    return None


# A web-version link's text is short ("View as a web page"), and so is the
# question before it ("Having trouble viewing this email?").
WEB_LINK_WORDS = 6
WEB_LEAD_IN_WORDS = 8


def email_top(doc) -> int | None:
    """The index in `doc.blocks` of the email's first block: below only what
    an archiver writes above it (its `# title`, the `**From:**` / `**Date:**`
    lines, a break); None when nothing follows them."""
    blocks, k = doc.blocks, 0
    while k < len(blocks):
        block = blocks[k]
        if block.kind == "hr" or block.kind == "heading" and k == 0 and block.level == 1:
            k += 1
        elif block.kind == "paragraph" and all(
                is_archive_header(line) or not line.strip() for line in doc.lines[block.start : block.end]):
            k += 1
        else:
            return k
    return None


def header_zone_end(doc) -> int:
    """The first line of the email's first paragraph of prose (the end of its
    header zone), or the end of the email."""
    for block in doc.all_blocks:
        if block.kind == "paragraph" and block.start >= doc.body_start and _prose_words(doc.source(block)):
            return block.start
    return len(doc.lines)


# The email's closing: below its last word to the reader, at most this many
# lines, none of more than `PROSE_WORDS` words (a sign-off, the footer), the
# first of them a word or two ("Unsubscribe https://…", "Best,", "— Ada").
MAX_CLOSING_TAIL_LINES = 15
MAX_SIGN_OFF_WORDS = 4


def closes_the_email(doc, line: int) -> bool:
    """Whether `line` is the email's last word to its reader: right below it
    a line of a word or few (a sign-off, the unsubscribe line), and below
    that only a few short lines (the copyright, the address), no prose. Where
    an author signs off, an ask beside a few words of thanks ("I hope you
    enjoyed this. If you would like to show support, subscribe.") is the
    closing ask, not a story's sentence; a story's last paragraph has more
    story below it."""
    filled, last_prose = _filled_lines(doc)
    below = bisect_right(filled, line)
    if last_prose > line or len(filled) - below > MAX_CLOSING_TAIL_LINES:
        return False
    return below == len(filled) or words(visible_text_without_urls(doc.lines[filled[below]])) <= MAX_SIGN_OFF_WORDS


def _filled_lines(doc) -> tuple[list[int], int]:
    """The body's non-blank lines and the last of them with more than
    `PROSE_WORDS` words (-1: none), once per document."""
    key = ("filled_lines", -1)
    if key not in doc._cache:
        lines = doc.lines
        filled = [i for i in range(doc.body_start, len(lines)) if not lines[i].isspace() and lines[i]]
        # Only the last prose line counts: read from the end, and stop there
        # (reading every line's words cost a visible text of each).
        last_prose = next((i for i in reversed(filled) if words(visible_text_without_urls(lines[i])) > PROSE_WORDS), -1)
        doc._cache[key] = (filled, last_prose)
    return doc._cache[key]  # type: ignore[return-value]


def _prose_words(source: str) -> bool:
    return len(source.split()) > PROSE_WORDS and words(visible_text_without_urls(source)) > PROSE_WORDS


def _web_words(markers):
    return markers.compiled(
        "zones:web_version_words",
        lambda m: PhraseSearch(m.data.get("footer_zone", {}).get("web_version_words", [])),
    )


def web_version_link(markers, line: str) -> str | None:
    """Why a line of the header zone only offers the email's web version, or None."""
    links = links_of(line)
    search = _web_words(markers)
    if len(links) == 1:
        link = links[0]
        label = visible_text_without_urls(line[link.text_start : link.text_end]).strip()
        outside = visible_text_without_urls(line[: link.start] + " " + line[link.end :]).strip()
        found = search.search(label)
        if found and words(label) <= WEB_LINK_WORDS and words(outside) <= WEB_LEAD_IN_WORDS:
            return f"a link to the email's web version ('{label}') at the top of the email"
        return None
    if links:
        return None
    urls = addresses(line)
    if len(urls) != 1:
        return None
    label = visible_text_without_urls(line).strip(" :()[]<>-–—")
    found = search.search(label)
    if found and words(label) <= WEB_LINK_WORDS:
        return f"a web-version address labelled '{label}' at the top of the email"
    return None


_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]{1,40}\]:\s*\S")
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]{1,40}\]")
_FIELD = re.compile(r"^\W*[\w][\w .'’-]{0,24}:\s*\S")


# An image alone on its line, linked or not ("[![Sent with MailerLite](…)](…)"):
# below the footer's last line, a platform's badge or the sender's logo.
_LONE_IMAGE = re.compile(r"^\s*\[?!\[[^\]\n]*\]\([^()\s]*\)(?:\]\([^()\s]*\))?\s*$")


def _machinery(text: str, line: str) -> bool:
    """A line with no words but its links, a "Name: value" field, or an image alone."""
    return (
        not any(ch.isalnum() for ch in text)
        or bool(_FIELD.match(text))
        or BARE_ADDRESS.fullmatch(line.strip(" ()[]<>")) is not None
        or _LONE_IMAGE.match(line) is not None
    )


@remembered(4096)
def _ends_an_email(markers, line: str) -> bool:
    """Footer evidence that only an email's end holds: an unsubscribe or
    preferences link, or a footer phrase with no word of the top of an email."""
    urls = addresses(line, images=True, bare_in_links=True)
    if any(markers.link_kind(u) in (LinkKind.UNSUBSCRIBE, LinkKind.PREFERENCES) for u in urls):
        return True
    text = visible_text_without_urls(line)
    phrases = [text[a:b] for a, b in markers.footer_phrase_spans(text)]
    return not phrases or any(markers.header_word(p) is None for p in phrases)


class _LeafBlocks:
    """Line -> the innermost block that holds it (a paragraph, a heading, …), by a binary search."""

    def __init__(self, doc) -> None:
        self.blocks = [b for b in doc.all_blocks if b.kind not in _CONTAINERS]
        self.starts = [b.start for b in self.blocks]

    def get(self, line: int):
        k = bisect_right(self.starts, line) - 1
        if k >= 0 and self.blocks[k].end > line:
            return self.blocks[k]
        return None


_CONTAINERS = frozenset({"bullet_list", "ordered_list", "list_item", "blockquote"})


def _kept(markers, text: str) -> str | None:
    if COPYRIGHT.search(text):
        return "the copyright notice (kept)"
    if words(text) <= WEAK_LINE_WORDS and markers.postal_address(text):
        return "the postal address (kept)"
    return None


def _continues_kept(doc, markers, block, i: int, kept: dict[int, str]) -> bool:
    """The line goes on a kept line of its paragraph (the address's second line)."""
    return block is not None and i - 1 >= block.start and (i - 1 in kept or _kept_above(doc, markers, i))


def _kept_above(doc, markers, i: int) -> bool:
    """The line above is a notice or an address (the walk up has not reached it yet)."""
    if COPYRIGHT.search(doc.lines[i - 1]):
        return True
    text = visible_text_without_urls(doc.lines[i - 1]).strip()
    return words(text) <= WEAK_LINE_WORDS and markers.postal_address(text) and not _weak_evidence(markers, text)


def _opens_address(markers, block, i: int, text: str, kept: dict[int, str]) -> bool:
    """A short line of a paragraph right above its kept address line, with no
    footer word and no link of its own: the name or street of the address."""
    return (
        block is not None
        and block.kind == "paragraph"
        and i + 1 < block.end
        and kept.get(i + 1, "").startswith(("the postal address", "the lines of the address"))
        and any(ch.isalpha() for ch in text)
        and not text.rstrip().endswith(":")
        and _weak_evidence(markers, text) is None
    )


# An address under its label holds at most this many lines; the label itself at most this many words.
ADDRESS_LINES = 6
ADDRESS_LABEL_WORDS = 6


def _address_label_over(doc, markers, leaf, block, i: int) -> str | None:
    """The label a line of an address stands under ("**Our mailing address
    is:**" over "Acme / Harbour Row 3 / Port Clare"), or None: the label line
    above it in its paragraph, or a paragraph of the label alone right above
    that paragraph, with only short plain lines between (no link, no footer
    words: the address's name, street and town)."""
    if block is None or block.kind != "paragraph" or not _plain_address_line(markers, doc.lines[i]):
        return None
    k = i - 1
    while k >= block.start:
        label = _address_label(markers, doc.lines[k])
        if label is not None:
            return label
        if i - k >= ADDRESS_LINES or not _plain_address_line(markers, doc.lines[k]):
            return None
        k -= 1
    j = block.start - 1
    while j >= 0 and not doc.lines[j].strip():
        j -= 1
    above = leaf.get(j) if j >= 0 and i - j <= ADDRESS_LINES + 1 else None
    if above is None or above.kind != "paragraph" or above.end - above.start != 1:
        return None
    return _address_label(markers, doc.lines[j])


def _address_label(markers, line: str) -> str | None:
    """A short line that announces the address under it: a label of
    `[postal].address_labels` that ends in a colon or is the whole line
    ("Our mailing address is:", "Postanschrift", "住所:")."""
    text = visible_text_without_urls(line).strip(" *_#>")
    if not text or words(text) > ADDRESS_LABEL_WORDS:
        return None
    label = markers.address_label(text)
    if label is None or not (text.endswith((":", "：")) or text.lower() == label.lower()):
        return None
    return label


def _plain_address_line(markers, line: str) -> bool:
    """A short line with no link and no footer words: a line an address may hold."""
    if "](" in line or "://" in line:
        return False
    text = visible_text_without_urls(line).strip(" *_")
    return (
        0 < words(text) <= CONTINUATION_WORDS
        and any(ch.isalnum() for ch in text)
        and not COPYRIGHT.search(text)
        and _weak_evidence(markers, text) is None
    )


def _weak_evidence(markers, text: str) -> str | None:
    if markers.first_person(text):
        return None  # "I tried to leave the mailing list": a member's message, not the list's footer
    return markers.zone_phrase(text) or markers.about_the_email(text) or markers.footer_phrase(text)


def _told(weak: str) -> str:
    """Weak evidence as the finding tells it: a phrase quoted, a follow row described."""
    return weak if weak.startswith((_FOLLOW_ROW_TOLD, _NOISE_LINE_TOLD, _LEAD_IN_TOLD)) else f"phrase '{weak}'"


_FOLLOW_ROW_TOLD = "a row of "
_NOISE_LINE_TOLD = "a line whose links all lead to "
_LEAD_IN_TOLD = "a short lead-in to "
# A lead-in line over a footer line of its paragraph is short and ends no sentence.
LEAD_IN_WORDS = 5
_SENTENCE_CLOSE = re.compile(r"[.!。！]\W*$")
# A follow row: at least this many links to social profiles, and at most
# this many words outside its links ("Follow us on", "and").
FOLLOW_ROW_LINKS = 2
FOLLOW_ROW_WORDS = 6


def _follow_row(markers, line: str) -> str | None:
    """A row of links to the newsletter's social profiles ("Follow us on
    [Instagram](…) and [Mastodon](…)", a row of icons): SPEC counts it as
    footer. Weak evidence, as stories link to a profile now and then."""
    if "](" not in line and "http" not in line:
        return None
    top = [link for link in links_of(line) if not any(link in outer.children for outer in links_of(line))]
    urls = addresses(line, images=True, bare_in_links=True)
    social = {u for u in urls if markers.link_kind(u) is LinkKind.SOCIAL}
    if len(social) < FOLLOW_ROW_LINKS:
        return None
    outside, pos = [], 0
    for link in top:
        outside.append(line[pos : link.start])
        pos = link.end
    outside.append(line[pos:])
    rest = BARE_ADDRESS.sub(" ", " ".join(outside))
    if sum(1 for w in rest.split() if any(ch.isalnum() for ch in w)) > FOLLOW_ROW_WORDS:
        return None
    return f"{_FOLLOW_ROW_TOLD}{len(social)} links to social profiles"


# A line of a follow row laid out one link a line: the network's name or
# nothing ("X (Twitter)", an icon whose image was dropped), at most this many words.
FOLLOW_LINE_WORDS = 3
_NBSP = re.compile(r"&nbsp;|&#160;|\xa0")


def _follow_line(markers, line: str) -> bool:
    """A line of one link to a social profile (by its target, or by a label
    that names a network: "GitHub ( https://github.com/… )" beside
    "Bluesky ( https://bsky.app/profile/… )") and no other words."""
    if "http" not in line:
        return False
    links = links_of(line)
    images = {link.destination for link in links if link.is_image}
    urls = set(addresses(line, bare_in_links=True)) - images
    if len(urls) != 1:
        return False
    label = _NBSP.sub(" ", visible_text_without_urls(line)).strip(" \t()[]<>*_|·•,/-–—")
    if sum(1 for w in label.split() if any(ch.isalnum() for ch in w)) > FOLLOW_LINE_WORDS:
        return False
    (url,) = urls
    return markers.link_kind(url) is LinkKind.SOCIAL or (bool(label) and markers.is_follow_text(label))


def _follow_run(doc, markers, i: int) -> str | None:
    """A follow row laid out one link a line or a paragraph ("X (Twitter) ( https://x.com/… )"
    over "TikTok ( https://www.tiktok.com/@… )"): line `i` and the line right
    above or below it are each one social profile link. One such line alone
    is no row: a credit line ("Curated by Jane Doe ( https://x.com/… )")
    links one profile too. Weak evidence, like a row on one line."""
    if not _follow_line(markers, doc.lines[i]):
        return None
    for k in (_line_above(doc, i), _line_below(doc, i)):
        if k is not None and _follow_line(markers, doc.lines[k]):
            return f"{_FOLLOW_ROW_TOLD}social profile links, one a line"
    return None


def _follow_code_block(doc, markers, block) -> bool:
    """An indented code block whose every line is one social profile link
    ("             (https://www.instagram.com/…)&nbsp;"): a follow row a
    converter indented, which markdown reads as code. Code that is code
    holds other lines, and stops the walk."""
    lines = [doc.lines[k] for k in range(block.start, block.end) if doc.lines[k].strip()]
    return len(lines) >= FOLLOW_ROW_LINKS and all(_follow_line(markers, line) for line in lines)


# Icon fonts draw their icons with private-use characters.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_ICON_ROW_GLYPHS = 2


def _icon_glyph_row(line: str) -> str | None:
    """A line of nothing but icon-font glyphs (private-use characters) and
    separators: social icons whose links were lost. No word of a story is
    written in them."""
    glyphs = _PRIVATE_USE.findall(line)
    if len(glyphs) < _ICON_ROW_GLYPHS or any(ch.isalnum() for ch in line):  # a glyph is no letter
        return None
    return f"{_FOLLOW_ROW_TOLD}{len(glyphs)} icon-font glyphs (icons whose links were lost)"


def _wrapped_evidence(doc, markers, block, i: int) -> str | None:
    """A footer zone word that line `i` shares with the line above or below it
    in its paragraph: found in the two lines joined, in neither alone."""
    line = visible_text_without_urls(doc.lines[i]).strip()
    for k in (i - 1, i + 1):
        if not block.start <= k < block.end:
            continue
        other = visible_text_without_urls(doc.lines[k]).strip()
        if words(other) > WEAK_LINE_WORDS or _weak_evidence(markers, other):
            continue
        joined = f"{other} {line}" if k < i else f"{line} {other}"
        found = _weak_evidence(markers, joined)
        if found:
            return found
    return None


# A story's line in a short email: this many sentences of a few words each,
# and a link that leads to content (no kind a story never links to).
STORY_LINE_SENTENCES = 2
STORY_SENTENCE_WORDS = 3
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z])")


def _story_line(markers, line: str, text: str) -> bool:
    """A line of full sentences with a link to content ("The harbour plan
    goes to a vote. Two skippers join the host. Hear it here [link]."): a
    story's, which ends the footer zone's walk upwards however short it is.
    A footer line speaks in sentences too ("Reading on a phone? Open it in a
    browser."), but holds a footer phrase, speaks about the email, leads
    only to the email's own pages, or asks the reader a question ("Enjoying
    these notes? Chip in to keep them going.")."""
    if (markers.footer_phrase(text) is not None or markers.zone_phrase(text) is not None
            or markers.about_the_email(text) is not None or "?" in text):
        return False
    sentences = [piece for piece in _SENTENCE_SPLIT.split(text.strip()) if words(piece) >= STORY_SENTENCE_WORDS]
    if len(sentences) < STORY_LINE_SENTENCES:
        return False
    urls = addresses(line, bare_in_links=True)
    return any(markers.link_kind(url) is None for url in urls)


def _prose(doc, markers, block, footer_lines) -> bool:
    """A paragraph that is a story's: long, with no footer evidence in it."""
    if any(i in footer_lines for i in range(block.start, block.end)):
        return False
    source = doc.source(block)
    if len(source.split()) <= PROSE_WORDS and not CJK.search(source):
        return False  # fewer words with their links than the bound: fewer without
    return _prose_text(markers, source)


@remembered(1024)
def _prose_text(markers, source: str) -> bool:
    text = visible_text_without_urls(source)
    if words(text) <= PROSE_WORDS:
        return False
    return _weak_evidence(markers, text) is None or words(text) > 2 * PROSE_WORDS
