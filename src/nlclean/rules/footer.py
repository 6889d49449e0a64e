"""NL201 footer: unsubscribe, preferences, "you are receiving this", view in browser.

## What it does
Finds the lines an email platform adds around a newsletter: `Unsubscribe`,
`Manage your preferences`, `You are receiving this because …`,
`View in browser`, `Forwarded this email? Subscribe here`, app-store badges
(`Get the app`, `Start writing`). Phrases and link patterns: `[footer]` in
`data/markers.toml`.

A line counts when its visible text carries a footer phrase and it is short
(near the end of the document a longer line counts), or when it is a short
link to an unsubscribe or preferences address (redirect links are judged by
the address they spell out; an address pattern such as `/preferences`
matches only where its path segment ends, so `/preferences-of-readers` is a
story's). A line of up to 20 words whose every link leads to the reader's
own unsubscribe or preferences page counts whatever its words say, in any
language ("Pick fewer letters or [stop them altogether](…/unsubscribe?u=4d7e2a9c)
whenever you like"): the page is known by its address, the reader's own by
a key of letters and digits in it; a story's link to a company's
unsubscribe page carries no reader's key and stays.

Phrases come in two kinds. Those that speak about the email itself
(`You are receiving this`, `View in browser`, `Manage your preferences`,
and its display: `To view this email as a web page, go to …`,
`Email not displaying correctly?`, `Can't see images? Click here.`)
are enough ("Blind readers can't see images, so …" asks the reader nothing
and stays). Words a story uses too (`unsubscribe`, `privacy policy`,
`opt out`, `abmelden`, `取消订阅`, `在浏览器中查看`, `ブラウザで見る`: `ambiguous`
in `[footer]`) count only where they are
the line's point: the line is little more than such words
(`Unsubscribe | Privacy policy`), one is a short link's text
(`[Unsubscribe](…)`, not `[The privacy policy generator every creator
needs](…)`, nor a story's title that its page's slug spells word for word:
`[Idempotent unsubscribe handlers](…/p/idempotent-unsubscribe-handlers)`), or a link's label in flattened text (`Unsubscribe https://…`,
`(Unsubscribe)`, or the label ending its line with the address on the next
line), or the line speaks about the email (`this email`, `at any time`,
`click here`). The web version in words a story uses of anything online
(`read online`, `view online`, `read on the web`: `closing` in `[footer]`)
counts where the words close their sentence (`Enable images or read
online.`, `Read online →`, `Read online: https://…`, with a usual tail word
between: `Read online here.`, `View online version →`, `closing_tails`) or
as an ambiguous word
does: "you can read online timetables" and "read it online at the council's
site" are a story's. So `Unsubscribe rates stayed flat at 0.2%`
and third-person prose stay, and so does a line whose footer words follow
sentences holding a link (`[Event](…) “…”. Jan 28. [Sign up here](…)`): a
story's line, not a greeting. A heading with such a word counts only near
the end or with a footer link. A heading that sells the newsletter to its own
reader (`Subscribe`, `Get … in a free daily email`, `订阅`) near the end,
or alone in a heading of at most three words anywhere, takes its section:
phrases in `subscribe` of `[footer]`. Words are counted with CJK characters
(two to a word), so a story's title that names a publish/subscribe design
(`AgentBus：用发布/订阅模式组织协作`) is no short subscribe heading.

## Why is this bad?
It is email machinery, meaningless once the newsletter is out of the inbox.

## How far it goes
The footer block, or only its footer lines when the block also holds other
lines: the copyright notice and the postal address stay (nlclean keeps them;
removing them is a separate, opt-in matter), and so do the lines an archiver
adds above the email (`**Source:** [View original](…)`), wherever their link
leads. A line that holds the copyright
notice beside footer links (`Platformer © 2025 – [Unsubscribe](…)`) loses
the links and their separators only (with a sibling link of the row that
says nothing on its own but carries the same subscriber token as a footer
link beside it: `· [Unsubscribe](…/u/Yjk0…) · [Preferences](…/p/Yjk0…)`;
a story's link in the row stays), and so does a header row that holds
the issue's date or its byline beside a web-version link, in any language
the data knows (`**Dienstag, 8. Dezember 2026** · von Anna Berg · [Im
Browser ansehen](…)`, `2026 年 12 月 11 日 · 作者：林知远 · [在浏览器中打开](…)`:
month names in `[dates]`, author words in `[byline]` of the data): such a
line is cut at its separators (`·`, `|`, `｜`, `•`, ` — `), not at sentence
ends. Wherever a line is cut at sentence ends, the period of an ordinal or
an abbreviation ends no sentence (`8. Dezember`, `3 déc. 2026`, `Nr. 4`:
`[sentences]`), and a cut never leaves half of an emphasis pair
(`**Hallo. Wird diese E-Mail nicht korrekt angezeigt?** [Im Browser
ansehen](…)` keeps `**Hallo.**`). Emphasis around a whole line whose
footer sentences go keeps both its marks (`*Intro. If you were forwarded
this …*` becomes `*Intro.*`). Lines of a footer line that
hold only its address (`( https://… )`) go with it. A short block that opens
with a footer phrase ("Other newsletters we publish: A, B, C") goes whole,
unless its first line is the chrome alone ("view in your browser (…)"):
that announces no list, and a headline under it stays. Text that
flattened html glued onto the chrome with no space, another text node,
stays when it holds words and no footer phrase or link of its own: the
edition's name after the link ("[Read on the web](…)Evening Edition": a
capital right after the link's end) or the preheader before the phrase
("Here is the week, in brief.view in browser (…)"); only the chrome goes,
the phrase with its link and the addresses right after it.
One line that holds the footer sentences and then the postal address
(flattened html) loses the sentences and keeps the address (a postal
address: a number beside a street word, or a postcode, `[postal]` in the
data, Brazil's "01304-001" among them; "Your subscription will renew on 25
June 2026" is no address), with the addressee's name that flattening glued
after the footer's last link ("… Gerenciar preferências: https://…
Folha do Cais Editora Ltda. · Rua das Gaivotas, 88 · …": a few capitalised
words with no footer phrase) and without the row's separator before it. So
does a footer sentence that closes on the address ("This email was sent to
you by Acme, 400 College Avenue, Springfield, OH 43001."): the address
starts at the first clause (after a comma, a colon or a row's `·`) from
which the rest reads as one; a clause of nothing but links to the reader's
unsubscribe or preferences page ("· [Update your profile](…) ·", by where it
leads) is the footer's, not the address's first. A row that holds the address beside footer
links ("Acme GmbH · Lindenweg 4 · 80331 München · [Impressum](…)") loses
the links only, as a copyright row does. An address between footer
sentences of one line ("… Our mailing address is: Acme 12 Mill Street
Springfield, IL 62901 Want to change how you receive these emails? …")
stays, from the clause or sentence that opens it to its postcode.

A footer is a zone (`evidence/zones.py`): from the first line of footer
evidence that only an email's end holds (an unsubscribe or preferences link,
"you are receiving this"; a short line with a footer zone word such as
"member since" or "is a trademark of" right above it moves the start up) to
the end of the email, its other lines go too: the subscriber's details, a
bare link under a removed "Unsubscribe:" label, cookie and legal notices,
the platform's badge, a follow row in any layout (one link to a social
profile a paragraph, social links indented into a "code block", a line of
icon-font glyphs whose links were lost: the footer's social follow rows;
safe, as they stand in the zone). The badge's line may link to nothing but the sending
platform's bare home page ("start and grow your newsletter:
https://buttondown.com"; `platform_home` in `data/links.toml`): a short line
with such a link is a footer line near the end of the email (its last 30%),
where every issue carries it; a story about the platform that links there
higher up ("The one we picked: [Buttondown](https://buttondown.com)") stays.
The author's closing stays, wherever footer lines
stand around it: a sign-off and the name under it ("Until next Friday," /
"Rosa"), a P.S., an invitation to reply that speaks as the author ("Just
reply, it lands in my inbox"). The copyright notice and the postal address stay,
every line of an address block ("Acme Trust / The Old Mill, Weir Lane /
Eastbrook, EB4 7QP / United Kingdom"), and the short plain lines under a
label that announces the address ("Our mailing address is:",
"Postanschrift:", `address_labels` of `[postal]`), whatever shape the
address has. A
paragraph of prose, a long line, a heading or a run of lines without
footer evidence ends the zone upwards, so a story after an unsubscribe line
stays; but a short heading whose section holds only footer evidence (a
follow row, a line whose links all lead to subscribe, survey or social
pages) joins the zone, and from it up the zone is a judgement (unsafe).
Where the zone's first line goes on a sentence that began above it in its
paragraph (hard-wrapped text, html broken into lines: "Browse older notes
on [our site](…) or" / "[contact us by email](…)"), the sentence is read
whole: when it is footer as a whole (a footer zone word, at most 20 words,
and links only to a mail address, a site's home or section page, or the
site the footer links below it lead to), the zone starts where the
sentence starts, and a story's sentence before it on that line stays
("That is all for this week."); else the sentence is the story's and stays
whole ("… to settle the" / "terms and conditions of the new moorings."),
and the zone takes only what follows it on the line, when that holds
footer words of its own ("Your subscription renews in May"). A
footer line inside the zone, below its start, goes whole, with the words
before its footer sentences ("Know someone who would like this? [Sign up
here](…)"), unless they hold the copyright notice or the address. Where
the zone holds the line only by that judgement, the whole line is unsafe,
and its footer sentences ("You are receiving this email because …") are a
finding of their own that goes without `--unsafe-fixes` too: a judgement
never keeps a sure footer sentence. The finding's evidence names the zone's
start, what stands above it, and what stays.

A lone button that sells the newsletter ("[Become a Paid Member](…)")
that this rule removes (where the footer zone starts, or as a footer
block) takes the paragraphs right above it that pitch what it sells ("Paid
members get the archive and the meetup. You can join for $6 a month."):
the pitch would otherwise stay with nothing under it, since NL302 sees a
pitch only over its button. A pitch is read by what it says to the reader
(`subscription_pitch` in `evidence/asks.py`); a story's paragraph about
another company's subscribers over the same button stays. A judgement
(unsafe), in a finding of its own.

At the top of the email, above its first paragraph of prose (the header
zone), a lone short link whose text offers the web version in words no
phrase lists ("[Open in your browser](…)", "[View as a web page](…)",
"Não consegue ver este e-mail? [Abra no navegador](…)", a label before a
bare address: `web_version_words` in `data/zones.toml`) goes: unsafe,
unless its link leads to a web-version address.

In a paragraph of hard-wrapped prose a line is no unit: a footer line that
shares a sentence with the story line above or below it loses only the
footer sentences that lie wholly on it ("marsh. Forwarded this email? Sign
up here. Today we look at the" keeps "marsh." and "Today we look at the"),
and none when the footer words sit in a sentence that runs across the line
break ("Thanks to the reader who / forwarded this email to the council").

A phrase that says why the reader gets the email (`receiving` in
`[footer]`: "You're receiving this", "You're subscribed") is footer only
where a footer uses it: opening its sentence (not after a story sentence's
plain words), and, in the email's opening (its first paragraph of prose,
under at most a title, a preheader and a greeting), in a sentence (read
across the paragraph's hard-wrapped lines) that names the reader's
subscription, list or account (`receiving_reasons`). "You're
receiving this message because we're introducing Ledger Sync. Ledger Sync
keeps …" is a product notice's lead, and "Here is what the newsletters
you're subscribed to recommended" a digest's intro: both stay. "You're
receiving this email because you subscribed to …" goes wherever it stands.

The newsletter's own app-download row near the end goes, in any language:
a paragraph below the last heading whose links are the two app stores, one
for Apple's phones and one for Android, known where they lead or, behind a
click tracker, by the platform a label names ("📱 Baixe o app. [iOS](…) ·
[Android](…)"), with the short lead-in paragraph above a row of labels
alone (`evidence/app_download.py`). A story's app launch right under its
headline stays. Unsafe.

A footer phrase makes a short line a footer line, never a paragraph of
prose, in any language: words are counted with CJK characters (two to a
word), and a longer line near the end counts only when its footer phrase
stands in a short sentence of its own.

## Example
```markdown
© 2025 Example Media
1 Main Street, Springfield
[Unsubscribe](https://example.com/unsubscribe)
```
becomes
```markdown
© 2025 Example Media
1 Main Street, Springfield
```

## Fix safety
Safe, except a footer zone's sections taken past a heading, a
web-version link known by its words and place alone, the pitch over a
removed button and the app-download row (unsafe).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..evidence.app_download import app_row, lead_in_above, row_words_besides_labels
from ..evidence.asks import pitch_above
from ..evidence.links import LinkKind, split_url
from ..evidence.rows import EMPHASIS_OPEN as _EMPHASIS_OPEN, is_lone_link, keep_emphasis_pairs, row_cuts
from ..evidence.zones import COPYRIGHT, footer_zone, header_zone_end, web_version_link
from ..evidence.zones import words as zone_words
from ..extents import is_document_title, section_extent
from ..findings import Applicability, Edit, Finding
from ..memo import remembered
from ..inline_syntax import addresses, is_archive_header, is_protected, links_of, protected_spans, visible_text_without_urls
from ..markers import CJK
from .base import Rule
from ._shared import quote, word_count

# A footer line is short; a longer line only counts near the end of the document.
MAX_WORDS = 30
MAX_WORDS_NEAR_END = 60
# A block that opens with a footer phrase is footer throughout when this short.
MAX_BLOCK_WORDS = 40
# A line with a footer word a story uses too ("unsubscribe") is a footer line
# when it holds at most this many other words ("Unsubscribe here", "Terms · Privacy policy · Contact").
MAX_OTHER_WORDS = 3
# A line that only offers the web version is no longer than this.
MAX_WEB_LINE = 400
# Shorter lines hold no footer sentences with an address glued on.
MIN_GLUED_LINE = 60
_DIGIT = re.compile(r"\d")
_ENTITY = re.compile(r"&#?[0-9A-Za-z]+;")
# A link's address right after its label, in flattened text.
_URL_AFTER = re.compile(r"[ \t]*[:\-–—]?[ \t]*[(\[<]?[ \t]*https?://")
_OPEN_BEFORE = re.compile(r"[(\[][ \t]*$")
_CLOSE_AFTER = re.compile(r"[ \t]*[)\]]")
_LINE_END_AFTER = re.compile(r"[\s(\[<:.]*$")
_URL_LINE = re.compile(r"\s*[(\[<]?\s*https?://\S+\s*[)\]>]?[\s.,;]*$")


def _notice(markers, text: str) -> bool:
    """A copyright notice, a postal address or a date: the pieces of a footer
    line that stay ("Acme GmbH · Musterstraße 12 · 10115 Berlin · [Impressum](…)"). An
    issue's date beside its footer links ("8 février 2025 | Voir en ligne") is
    header information, which stays as a copyright notice does; month names of
    every language are in `[dates]` of the data."""
    return (
        COPYRIGHT.search(text) is not None
        or markers.date_in(text) is not None
        or markers.postal_address(visible_text_without_urls(text))
    )
# A sentence ends at . ! ? (or a link closing after one), before a space, a capital, a link or the end;
# the `!` of an image's `![` starts the next element ("Done!![logo](…)": the first `!` ends the sentence).
_SENTENCE_END = re.compile(r"[.!?](?:\]\([^)\s]*\))?(?:\s+|(?=[A-Z]|!\[)|(?<!!)(?=\[))|[。！？]")


class Footer(Rule):
    code = "NL201"
    name = "footer"
    family = "footer-and-chrome"
    summary = "Footer line: unsubscribe, preferences, view in browser, forwarded, app badges"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        near_end = doc.body_start + int((len(doc.lines) - doc.body_start) * 0.7)
        # One scan of the whole text finds the lines worth a closer look.
        candidates = ctx.markers.candidate_lines("footer", doc.text, doc.line_starts)
        # The platform's badge near the end links to its bare home page, which no needle names.
        candidates.update(i for i in range(max(near_end, doc.body_start), len(doc.lines))
                          if len(doc.lines[i]) <= _MAX_BADGE_LINE and _platform_home_on(ctx.markers, doc.lines[i]))
        covered_until = -1
        # Lines found on their own evidence, and the lines already removed.
        footer_lines: dict[int, str] = {}
        removed: set[int] = set()
        # Lines that go alone, decided once the footer zone is known.
        lone_lines: list[tuple[int, str]] = []
        for block in doc.all_blocks:
            if block.kind not in ("paragraph", "heading") or block.start < covered_until:
                continue
            if block.kind == "heading" and block.depth == 0:
                found = self._subscribe_section(ctx, block, block.start >= near_end)
                if found is not None:
                    finding, covered_until = found
                    removed.update(range(block.start, covered_until))
                    yield finding
                    continue
            if not candidates.touches(block.start, block.end):
                continue
            # Only a candidate line can be a footer line, and most candidate
            # blocks hold none: the other lines are looked at only after one is found.
            matched: list[tuple[int, str]] = []
            for i in range(block.start, block.end):
                if i in candidates and doc.lines[i].strip():
                    why = _footer_line(ctx.markers, doc.lines[i], i >= near_end)
                    if why and block.kind == "heading" and i < near_end and not why.startswith("link to"):
                        # A heading with a footer word before the end is a story's ("Why
                        # people unsubscribe"), unless it speaks about the email or links
                        # to a footer address.
                        line = doc.lines[i]
                        if not ctx.markers.sure_footer_phrase(visible_text_without_urls(line)):
                            why = None if _footer_url_on(ctx.markers, line) is None else why
                    if why and _notice_of_another_reason(ctx.markers, doc, block, i):
                        why = None
                    if why:
                        matched.append((i, why))
            if len(matched) < block.end - block.start:
                matched = self._labels_before_urls(ctx, block, candidates, matched, near_end)
            if not matched:
                continue
            footer_lines.update(matched)
            address_glued = any(
                _kept_tail(ctx.markers, doc.lines[i]) is not None
                or _inner_address(ctx.markers, doc.lines[i]) is not None
                or _kept_head(ctx.markers, doc.lines[i])
                or _copyright_cuts(ctx.markers, doc.lines[i])
                or _glued_to_chrome(ctx.markers, doc.lines[i]) is not None
                for i, _ in matched
            )
            if address_glued:
                # A line with a greeting before its footer sentences, the postal
                # address glued after them, a copyright notice beside its footer
                # links, or another text node glued to its chrome: only the footer part goes.
                whole = False
            else:
                # Whole when every other line is a bare URL or a bracket that
                # belongs to the line above.
                block_footer_lines = {i for i, _ in matched}
                whole = not any(
                    i not in block_footer_lines and doc.lines[i].strip() and _words_of(doc.lines[i])
                    for i in range(block.start, block.end)
                )
                if (not whole and matched[0][0] == block.start and not _holds_copyright(doc, block)
                        and not _chrome_alone(ctx.markers, doc.lines[block.start])):
                    # "Other newsletters we publish: A (url), B (url) …": a short
                    # block that opens with a footer phrase is footer throughout.
                    # A first line that is chrome alone ("view in your browser
                    # (…)") announces nothing: a headline under it stays.
                    whole = word_count(visible_text_without_urls(doc.source(block))) <= MAX_BLOCK_WORDS
            if whole:
                start, end = _container(block)
                removed.update(range(start, end))
                text = doc.visible(block)
                yield ctx.remove_lines(
                    f"footer {quote(text)}",
                    start,
                    end,
                    f"Remove footer {quote(text)}",
                    evidence=tuple(f"line {i + 1}: {why}" for i, why in matched),
                )
                pitch = self._pitch_over_button(ctx, start, removed)
                if pitch is not None:
                    yield pitch
                continue
            matched_lines = {i for i, _ in matched}
            for i, why in matched:
                spans = _wrapped_prose_sentences(ctx.markers, doc, block, i, matched_lines)
                if spans is None:
                    removed.add(i)
                    lone_lines.append((i, why))
                elif spans:
                    yield self._footer_sentences_of_wrapped_line(ctx, i, why, spans)
        yield from self._web_version_links(ctx, footer_lines, removed)
        zone = footer_zone(doc, ctx.markers, footer_lines)
        for i, why in lone_lines:
            inside = zone if zone is not None and i > zone.start else None
            finding = self._footer_line_finding(ctx, i, why, inside)
            yield finding
            if inside is not None and finding.fix is not None and not finding.fix.is_safe:
                # The zone takes the words before the footer sentences only by
                # a judgement: the sentences themselves are sure, and go
                # without --unsafe-fixes too (with them the whole line, which
                # starts first, goes; `fixer.select_fixes`).
                sure = self._footer_line_finding(ctx, i, why)
                if sure.fix is not None and sure.fix.is_safe:
                    yield sure
        yield from self._zone_findings(ctx, zone, removed)
        yield from self._app_rows(ctx, removed | set(zone.members if zone is not None else ()))

    def _app_rows(self, ctx, taken: set[int]) -> Iterator[Finding]:
        """The newsletter's own app-download row near the end, with its lead-in
        when the row is labels alone (evidence/app_download.py): unsafe. A row
        that a footer phrase took already ("Download on the App Store") still
        takes its lead-in."""
        doc = ctx.doc
        for block in doc.blocks:
            if block.kind != "paragraph":
                continue
            why = app_row(doc, ctx.markers, block)
            if why is None:
                continue
            row_taken = any(i in taken for i in range(block.start, block.end))
            start, end = block.start, block.start if row_taken else block.end
            if not row_words_besides_labels(doc, block):
                above = lead_in_above(doc, block)
                if above is not None and not any(i in taken for i in range(above.start, above.end)):
                    start, end = above.start, end if not row_taken else above.end
            if start >= end:
                continue
            text = quote(visible_text_without_urls("\n".join(doc.lines[start:end])))
            taken.update(range(start, end))
            yield ctx.remove_lines(f"app download row {text}", start, end, f"Remove app download row {text}",
                                   evidence=(f"line {block.start + 1}: {why}",), applicability=Applicability.UNSAFE)

    def _web_version_links(self, ctx, footer_lines: dict[int, str], removed: set[int]) -> Iterator[Finding]:
        """Lines at the top of the email, before its first prose, that only offer
        its web version in words no phrase lists ("[Open in your browser](…)",
        "[View as a web page](…)"): a judgement of words and place (unsafe),
        unless the link leads to a web-version address."""
        doc = ctx.doc
        end = header_zone_end(doc)
        for block in doc.all_blocks:
            if block.start >= end:
                break
            if block.kind != "paragraph":
                continue
            for i in range(block.start, block.end):
                line = doc.lines[i]
                if i in footer_lines or i in removed or "http" not in line or len(line) > MAX_WEB_LINE:
                    continue
                why = web_version_link(ctx.markers, line)
                if why is None:
                    continue
                sure = any(ctx.markers.link_kind(u) is LinkKind.WEB_VERSION
                           for u in addresses(line, images=True, bare_in_links=True))
                applicability = None if sure else Applicability.UNSAFE
                text = quote(visible_text_without_urls(line))
                removed.add(i)
                evidence = (f"line {i + 1}: {why}", f"the header zone ends at the first prose, line {end + 1}")
                if block.end - block.start == 1:
                    start, stop = _container(block)
                    yield ctx.remove_lines(f"web version link {text}", start, stop, f"Remove web version link {text}",
                                           evidence=evidence, applicability=applicability)
                else:
                    a, b = doc.offset(i), doc.line_end(i)
                    yield ctx.finding(f"web version link {text}", a, b,
                                      [Edit(a, doc.offset(i + 1) if i + 1 < len(doc.lines) else b)],
                                      f"Remove web version link {text}", applicability, evidence)

    def _zone_findings(self, ctx, zone, removed: set[int]) -> Iterator[Finding]:
        """The other lines of the footer zone (evidence/zones.py): the
        subscriber's details, a bare link under a removed label, legal and
        cookie notices, the platform's badge. The copyright notice and the
        postal address stay."""
        if zone is None:
            return
        doc = ctx.doc
        members = sorted(i for i in zone.members if i not in removed)
        runs: list[list[int]] = []
        for i in members:
            # One run while only blank lines stand between its lines, and its
            # lines are all judged or all not (one applicability a finding).
            if runs and zone.judged(i) == zone.judged(runs[-1][-1]) and all(
                not doc.lines[k].strip() for k in range(runs[-1][-1] + 1, i)
            ):
                runs[-1].append(i)
            else:
                runs.append([i])
        kept = "; ".join(sorted(set(zone.kept.values())))
        taken = removed | set(zone.members)
        if zone.cut is not None and zone.cut[0] not in removed:
            yield self._zone_cut(ctx, zone)
        for run in runs:
            pitch = self._pitch_over_button(ctx, run[0], taken)
            if pitch is not None:
                yield pitch
            first, last = run[0], run[-1]
            text = quote(visible_text_without_urls("\n".join(doc.lines[first : last + 1])) or doc.lines[first])
            judged = zone.judged(first)
            applicability = Applicability.UNSAFE if judged else None
            evidence = (
                *zone.evidence(),
                *(("a section the zone takes by its place under a heading: a judgement",) if judged else ()),
                *(f"line {i + 1}: {zone.members[i]}" for i in run),
                *((f"stays in the zone: {kept}",) if kept else ()),
            )
            if _ends_after_removed(doc, first, last, removed):
                # The removal above takes the blank lines after it; taking them
                # again (as a removal that ends the email does) would overlap it
                # and leave this run for a round in which the zone is gone.
                a, b = doc.offset(first), doc.line_end(last)
                yield ctx.finding(f"footer zone lines {text}", a, b, [Edit(a, b)],
                                  f"Remove footer zone lines {text}", applicability, evidence=evidence)
                continue
            yield ctx.remove_lines(
                f"footer zone lines {text}", first, last + 1, f"Remove footer zone lines {text}", evidence=evidence,
                applicability=applicability,
            )

    def _zone_cut(self, ctx, zone) -> Finding:
        """The part of a line the zone takes above its first whole line: a
        footer sentence that starts after a story's sentence, or the footer
        words after a story's sentence that ends there. The story's words
        stay, and an emphasis mark whose partner stays, stays too."""
        doc = ctx.doc
        i, at = zone.cut
        line = doc.lines[i]
        a = len(line[:at].rstrip())
        b = len(line)
        span = keep_emphasis_pairs(line, ((a, b),)) or ((a, b),)
        base = doc.offset(i)
        edits = [Edit(base + x, base + y) for x, y in span]
        text = quote(visible_text_without_urls(line[a:]))
        return ctx.finding(
            f"footer zone sentences {text}", edits[0].start, edits[-1].end, edits,
            f"Remove footer zone sentences {text}",
            evidence=(*zone.evidence(), f"line {i + 1}: {zone.cut_why}",
                      f"the story's words before it stay: {quote(visible_text_without_urls(line[:a]))}"),
        )

    def _pitch_over_button(self, ctx, first: int, taken: set[int]) -> Finding | None:
        """The pitch right above a lone selling button that this rule removes
        from line `first` ("Paid members get the archive and the meetup. You
        can join for $6 a month." over "[Become a Paid Member](…)" where the
        footer zone starts): the rule that takes the button owns its pitch,
        or the pitch would stay with nothing under it once the button is gone
        (NL302 sees a pitch only over its button). A pitch is a judgement of
        what the paragraph says (`evidence/asks.py`, `subscription_pitch`):
        unsafe, a finding of its own so the button's removal keeps its safety."""
        doc = ctx.doc
        buttons = doc.blocks_between(first, first + 1)
        if not buttons or buttons[0].start != first or buttons[0].kind != "paragraph":
            return None
        found = pitch_above(doc, ctx.markers, buttons[0], taken)
        if found is None:
            return None
        selling, start, whys = found
        shown = quote(visible_text_without_urls(doc.source(doc.blocks_between(start, first)[0])).strip())
        button = visible_text_without_urls(doc.source(buttons[0])).strip()
        return ctx.remove_lines(
            f"pitch of a removed button {shown}", start, first, f"Remove the pitch {shown}",
            evidence=(*(f"a paragraph that {why}" for why in whys),
                      f"right above the button '{button}' (phrase '{selling}'), which this rule removes",
                      "ends where the button starts"),
            applicability=Applicability.UNSAFE,
        )

    def _labels_before_urls(self, ctx, block, candidates, matched, near_end) -> list[tuple[int, str]]:
        """Flattened text puts a link's address on the line under its label
        ("You can also unsubscribe from all emails (" / "https://…unsubscribe…"):
        a line with a footer word counts when the next line is its footer link,
        or holds only the address of a label that ends the line."""
        doc = ctx.doc
        found = dict(matched)
        for i in range(block.start, block.end - 1):
            if i in found or i not in candidates or (block.kind == "heading" and i < near_end):
                continue
            line = doc.lines[i]
            text = visible_text_without_urls(line)
            if word_count(text) > (MAX_WORDS_NEAR_END if i >= near_end else MAX_WORDS):
                continue
            if ctx.markers.footer_phrase(text) is None:
                continue
            nxt = found.get(i + 1)
            if nxt and nxt.startswith("link to") and not _words_of(doc.lines[i + 1]):
                found[i] = f"phrase '{ctx.markers.footer_phrase(text)}' above its footer link"
            else:
                label = _label_before_url(ctx.markers, line, doc.lines[i + 1])
                if label:
                    found[i] = f"phrase '{label}' above its link's address"
        return sorted(found.items())

    def _footer_line_finding(self, ctx, i: int, why: str, zone=None) -> Finding:
        """The finding for footer line `i`; `zone` is the footer zone when the
        line stands inside it, below its start: there the words before its
        footer sentences ("Know someone who would like this?") are footer too."""
        doc = ctx.doc
        line = doc.lines[i]
        keep = _kept_tail(ctx.markers, line)
        text = quote(visible_text_without_urls(line))

        def sentences(span: tuple[int, int], bound: str) -> Finding:
            """Only the footer sentences of the line go; `bound` says what stays.
            An emphasis mark whose partner stays, stays too."""
            base = doc.offset(i)
            edits = [Edit(base + a, base + b) for a, b in keep_emphasis_pairs(line, (span,)) or (span,)]
            return ctx.finding(
                f"footer sentences {text}", edits[0].start, edits[-1].end, edits, f"Remove footer sentences {text}",
                evidence=(f"line {i + 1}: {why}", bound),
            )

        def around_address(start: int) -> Finding | None:
            """"… Our mailing address is: Acme, 12 High St, Leeds LS1 4AB Want to
            change …" (flattened html): the footer sentences from `start` go,
            the postal address between them stays."""
            inner = _inner_address(ctx.markers, line)
            if inner is None or inner[0] < start:
                return None
            base = doc.offset(i)
            edits = [Edit(base + a, base + b) for a, b in ((start, inner[0]), (inner[1], len(line))) if line[a:b].strip()]
            if not edits:
                return None
            return ctx.finding(
                f"footer sentences {text}", edits[0].start, edits[-1].end, edits, f"Remove footer sentences {text}",
                evidence=(f"line {i + 1}: {why}", f"the postal address {quote(line[inner[0]:inner[1]])} between them stays"),
            )

        if keep is not None:
            # One line holding the footer sentences and, after them, the postal
            # address: the sentences go, the address stays.
            return sentences(_outside_emphasis(line, 0, keep),
                             f"ends before {quote(line[keep:])}, which holds no footer phrase")
        head = _kept_head(ctx.markers, line)
        zone_words_before = ctx.markers.zone_phrase(visible_text_without_urls(line[:head])) if head else None
        if head and (zone is not None or zone_words_before) and not _notice(ctx.markers, line[:head]):
            # Inside the footer zone, or with a footer zone word of their own
            # ("You're currently a paid subscriber to …"), the words before the
            # footer sentences are the footer's too.
            a, b = doc.offset(i), doc.line_end(i)
            if zone_words_before:
                applicability, why_head = None, f"the words before its footer sentences hold '{zone_words_before}'"
            else:
                applicability = Applicability.UNSAFE if zone.inside_by_judgement(i) else None
                why_head = "the words before its footer sentences stand inside the footer zone"
            return ctx.finding(
                f"footer line {text}", a, b, [Edit(a, doc.offset(i + 1) if i + 1 < len(doc.lines) else b)],
                f"Remove footer line {text}", applicability,
                evidence=(f"line {i + 1}: {why}", *(zone.evidence() if zone is not None else ()), why_head),
            )
        if head:
            # "Happy Sunday! Was this forwarded to you? Sign up …": the greeting stays.
            around = around_address(head)
            if around is not None:
                return around
            return sentences(_outside_emphasis(line, len(line[:head].rstrip()), len(line)),
                             f"starts after {quote(line[:head])}, which holds no footer phrase")
        cuts = _copyright_cuts(ctx.markers, line)
        if cuts:
            # "Platformer © 2025 – [Unsubscribe](…)": the copyright notice stays (SPEC).
            base = doc.offset(i)
            edits = [Edit(base + a, base + b) for a, b in cuts]
            return ctx.finding(
                f"footer links {text}", edits[0].start, edits[-1].end, edits, f"Remove footer links {text}",
                evidence=(f"line {i + 1}: {why}", "the copyright notice, postal address, date or byline beside them stays"),
            )
        around = around_address(0)
        if around is not None:
            return around
        glued = _glued_to_chrome(ctx.markers, line) if zone is None else None
        if glued is not None:
            # "[Read on the web](…)Washington, DC": the edition's name is a text
            # node of its own that flattening glued on; only the chrome goes.
            a, b = doc.offset(i) + glued[0], doc.offset(i) + glued[1]
            kept = quote(line[: glued[0]] + line[glued[1] :])
            return ctx.finding(
                f"footer chrome {text}", a, b, [Edit(a, b)], f"Remove footer chrome {text}",
                evidence=(f"line {i + 1}: {why}", f"text glued to it, with no footer evidence of its own, stays: {kept}"),
            )
        a, b = doc.offset(i), doc.line_end(i)
        return ctx.finding(
            f"footer line {text}", a, b, [Edit(a, doc.offset(i + 1) if i + 1 < len(doc.lines) else b)],
            f"Remove footer line {text}",
            evidence=(f"line {i + 1}: {why}", "only this line of its paragraph is footer"),
        )

    def _footer_sentences_of_wrapped_line(self, ctx, i: int, why: str, spans) -> Finding:
        """The footer sentences of a line of hard-wrapped prose: the story words
        the line shares with the lines around it stay."""
        doc = ctx.doc
        base = doc.offset(i)
        text = quote(visible_text_without_urls(doc.lines[i][spans[0][0] : spans[-1][1]]))
        edits = [Edit(base + a, base + b) for a, b in keep_emphasis_pairs(doc.lines[i], tuple(spans)) or spans]
        return ctx.finding(
            f"footer sentences {text}", edits[0].start, edits[-1].end, edits, f"Remove footer sentences {text}",
            evidence=(f"line {i + 1}: {why}", "a line of hard-wrapped prose: only its own footer sentences go"),
        )

    def _subscribe_section(self, ctx, heading, near_end: bool):
        """A heading that sells the newsletter to its own reader ("Subscribe",
        "Get the best … in a free daily email"): near the end, or alone."""
        doc = ctx.doc
        text = doc.visible(heading)
        # CJK-aware: "3. AgentBus:用发布/订阅模式组织多智能体协作" is a story's title of
        # many words, not a short "订阅" heading.
        words = zone_words(text)
        if is_document_title(doc, heading) or words > 30 or (not near_end and words > 3):
            return None
        phrase = ctx.markers.subscribe_phrase(text)
        if phrase is None or (words > 3 and not text.lower().lstrip(" #*_").startswith(phrase.lower()[:3])
                              and "free" not in phrase.lower() and "readers" not in phrase.lower()):
            return None
        extent = section_extent(doc, heading, text)
        finding = ctx.remove_lines(
            f"subscribe section {quote(text)}", extent.start, extent.end, f"Remove subscribe section {quote(text)}",
            evidence=(f"phrase '{phrase}' in a heading" + (" near the end" if near_end else ""),
                      f"ends at {extent.why_it_ends}"),
        )
        return finding, extent.end


_SENTENCE_CLOSE = re.compile(r"[.!?。！？](?:\s|$)")
_PLAIN_WORDS = re.compile(r"[a-z' ]+")


# A block of the body above this many words is prose: the email's opening ends there.
OPENING_WORDS = 12


def _opens_the_email(doc, block) -> bool:
    """Whether `block` is the email's opening: no block of the body above it
    holds more than `OPENING_WORDS` words (a title, a preheader and a
    greeting may stand there, and the lines an archiver adds above the email)."""
    return not any(
        b.kind == "paragraph" and not is_archive_header(doc.lines[b.start])
        and zone_words(visible_text_without_urls(doc.source(b))) > OPENING_WORDS
        for b in doc.blocks_between(doc.body_start, block.start)
    )


def _notice_of_another_reason(markers, doc, block, i: int) -> bool:
    """Whether line `i` holds a "why you get
    this" phrase (`receiving` in `[footer]`) as its only footer evidence and
    does not use it as a footer does: the phrase sits inside a story's
    sentence, after its plain words ("Here is what the newsletters you're
    subscribed to recommended"), or, in the email's opening, its sentence,
    read across the paragraph's hard-wrapped lines, gives no subscription as
    the reason ("You're receiving this
    because we're introducing Ledger Sync.": a product notice's lead;
    `receiving_reasons`). "You're receiving this because you subscribed to
    Acme" stays footer anywhere."""
    line = doc.lines[i]
    text = visible_text_without_urls(line).lower().replace("’", "'")
    found = next(((text.find(p), p) for p in sorted(markers.words("footer", "receiving")) if p in text), None)
    if found is None:
        return False
    at, phrase = found
    if markers.footer_phrase(text[:at] + " " + text[at + len(phrase):]) is not None or _footer_url_on(markers, line):
        return False  # other footer evidence on the line
    before = text[:at].rstrip(" *_")
    if before and not before.endswith((".", "!", "?", ":", ",", "。", "！", "？")):
        # A clause of a story's sentence ("here's what the newsletters you're
        # subscribed to …"), anywhere; not a notice or an address before it.
        return _PLAIN_WORDS.fullmatch(before) is not None and len(before.split()) >= 2
    if not _opens_the_email(doc, block):
        return False
    paragraph = " ".join(visible_text_without_urls(doc.lines[k]) for k in range(i, block.end)).lower().replace("’", "'")
    start = paragraph.find(phrase)
    close = _SENTENCE_CLOSE.search(paragraph, start + len(phrase))
    sentence = paragraph[start : close.end() if close else len(paragraph)]
    return not any(reason in sentence for reason in markers.words("footer", "receiving_reasons"))


# The answers below depend only on the markers and the line's exact text, and
# the fixer's next round asks them again of the lines it did not change.
@remembered(4096)
def _footer_line(markers, line: str, near_end: bool) -> str | None:
    if is_archive_header(line):
        return None  # "**Source:** [View original](…)": the archiver's line, kept (SPEC)
    text = visible_text_without_urls(line)
    words = zone_words(text)  # CJK-aware: a 99-character Chinese paragraph is long
    limit = MAX_WORDS_NEAR_END if near_end else MAX_WORDS
    if words <= limit or near_end:  # else a footer phrase does not make it a footer line
        phrase = _footer_evidence(markers, line, text)
        if phrase and words <= MAX_WORDS:
            return phrase
        if phrase and words <= limit and _mostly_footer(markers, line):
            # A longer line near the end: a footer sentence among others, not
            # a long sentence of prose with a footer phrase in it (any language).
            return phrase
        if phrase and near_end and _kept_tail(markers, line) is not None:
            return f"{phrase} (sentences of a long footer line)"
    if words <= 6:
        url = _footer_url_on(markers, line)
        if url:
            return f"link to {quote(url, 40)}"
        home = _platform_home_on(markers, line) if near_end else None
        if home:
            return f"link kind 'platform_home' matched: the sending platform's home page {quote(home, 40)} near the end"
    elif words <= MAX_ACCOUNT_LINE_WORDS:
        url = _reader_account_links(markers, line)
        if url:
            return f"links only to the reader's own subscription pages ({quote(url, 40)})"
    return None


# A line whose links all lead to the reader's own unsubscribe or preferences
# page is a footer line up to this many words, whatever its words say.
MAX_ACCOUNT_LINE_WORDS = 20
# A reader's key in an address: a path segment or a query value of letters and digits.
_READER_KEY = re.compile(r"(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{6,}")


def _reader_account_links(markers, line: str) -> str | None:
    """The first link of a line whose every link leads to the reader's own
    unsubscribe or preferences page ("Puedes [actualizar tus preferencias](…/profile?u=7ab2f1…)
    o [darte de baja](…/unsubscribe?u=7ab2f1…).", in any language): the
    page by its address (`link_kind`), the reader's own by a key of letters
    and digits in it. None otherwise: a story that links to a company's
    unsubscribe page ("[Acme's unsubscribe page](https://acme.example/unsubscribe)
    still fails") carries no reader's key."""
    if "://" not in line:
        return None
    urls = addresses(line)
    if not urls or not all(markers.link_kind(u) in _ACCOUNT_KINDS and _holds_reader_key(u) for u in urls):
        return None
    return urls[0]


def _holds_reader_key(url: str) -> bool:
    parts = split_url(url)
    values = [pair.partition("=")[2] for pair in parts.query.split("&") if not pair.startswith("utm_")]
    return any(_READER_KEY.fullmatch(piece) for piece in (*parts.path.split("/"), *values))


# A badge line is short: "start and grow your newsletter: https://buttondown.com".
_MAX_BADGE_LINE = 300


def _platform_home_on(markers, line: str) -> str | None:
    """A link to a sending platform's bare home page ("start and grow your
    newsletter: https://buttondown.com"), its badge. Only near the email's
    end: a story about the platform links there too."""
    if "://" not in line:
        return None
    urls = addresses(line, images=True, bare_in_links=True)
    return next((u for u in urls if markers.link_kind(u) is LinkKind.PLATFORM_HOME), None)


def _mostly_footer(markers, line: str) -> bool:
    """Whether a footer phrase of a long line stands in a sentence of its own
    ("You are receiving this because you signed up."), not inside a long
    sentence of prose (a story paragraph that says "leggi online" once, a
    Chinese paragraph that mentions 取消订阅)."""
    start = 0
    for end in (*_sentence_ends(markers, line), len(line)):
        sentence = visible_text_without_urls(line[start:end])
        start = end
        if markers.footer_phrase(sentence) and zone_words(sentence) <= MAX_WORDS:
            return True
    return False


def _footer_evidence(markers, line: str, text: str) -> str | None:
    """Why the line's footer phrase makes it a footer line, or None.

    A phrase about the email itself ("you are receiving this", "view in
    browser") is enough. A word a story uses too ("unsubscribe", "privacy
    policy") counts only where it is the line's point: the line is little
    more than such words ("Unsubscribe | Privacy policy"), or one sits in a
    short link ("Platformer © 2025 – [Unsubscribe](…)") or a plain-text
    link's label, or the line speaks about the email. "Unsubscribe rates
    stayed flat", a story link "[The privacy policy generator every creator
    needs](…)" and third-person prose stay."""
    sure = markers.sure_footer_phrase(text)
    if sure:
        return f"phrase '{sure}'"
    closing = markers.closing_footer_phrase(text)
    if closing:
        return f"phrase '{closing}' closing its sentence"
    spans = markers.footer_phrase_spans(text)
    if not spans:
        return None
    phrase = text[spans[0][0] : spans[0][1]]
    head = _kept_head(markers, line)
    if head and links_of(line[:head]):
        # "[Event title](…) “…”. Jan 28. [Sign up here](…)": sentences with a
        # link before the footer words make a story's line, not a greeting.
        return None
    about = markers.about_the_email(text)
    if about and not markers.first_person(text):
        return f"phrase '{phrase}' beside '{about}'"
    rest, prev = [], 0
    for a, b in spans:
        rest.append(text[prev:a])
        prev = b
    rest.append(text[prev:])
    if _word_count_of_words(" ".join(rest)) <= MAX_OTHER_WORDS:
        return f"phrase '{phrase}'"
    label = _plain_link_label(markers, line)
    if label:
        return f"phrase '{label}' as a link's label"
    for link in links_of(line):
        label = line[link.text_start : link.text_end]
        found = markers.footer_phrase(label)
        if (found and _word_count_of_words(label) <= word_count(found) + MAX_OTHER_WORDS
                and not _titled_like_its_page(label, line[link.dest_start : link.dest_end])):
            return f"phrase '{found}' in a link"
    # (A link to a footer address is no evidence here: "A [study](…/unsub) on
    # why people unsubscribe" is a story's line that happens to link there.)
    return None


# A title's slug: a path segment of at least this many words joined by - or _.
MIN_SLUG_WORDS = 3
_SLUG_WORD = re.compile(r"[^\W_]+")


def _titled_like_its_page(label: str, url: str) -> bool:
    """Whether a link's text is the title of the page it leads to: every word
    of the text stands in one slug of the address ("[Idempotent unsubscribe
    handlers](…/p/idempotent-unsubscribe-handlers)"), a story's article whose
    title holds a footer word. A footer link's text names no page of the
    kind ("[Unsubscribe](…/unsubscribe/4f2a)", "[View in
    browser](…/archive/issue-58-borrowing-across-await-points/)")."""
    text_words = [w.lower() for w in _SLUG_WORD.findall(label)]
    if len(text_words) < MIN_SLUG_WORDS:
        return False
    for segment in split_url(url).path.lower().split("/"):
        parts = _SLUG_WORD.findall(segment)
        if len(parts) >= MIN_SLUG_WORDS and ("-" in segment or "_" in segment) and set(text_words) <= set(parts):
            return True
    return False


def _word_count_of_words(text: str) -> int:
    """Words with a letter or digit in them (separators like `|`, `·` and `&#x2022;` are no words).
    CJK writes no space between words: two of its characters count as one more
    word, so a Chinese sentence around `取消订阅` is not "little more than" it."""
    text = _ENTITY.sub(" ", text)
    return sum(1 for w in text.split() if any(map(str.isalnum, w))) + len(CJK.findall(text)) // 2


def _plain_link_label(markers, line: str) -> str | None:
    """A footer word written as a link's label in flattened text: right before
    its address ("Unsubscribe https://…", "Privacy policy ( https://… )") or
    alone in brackets ("Edit your alerts (Unsubscribe)")."""
    protected = None
    for a, b in markers.footer_phrase_spans(line):
        if protected is None:
            protected = protected_spans(line)
        if is_protected(protected, a):
            continue
        if _URL_AFTER.match(line, b) or (_OPEN_BEFORE.search(line[:a]) and _CLOSE_AFTER.match(line, b)):
            return line[a:b]
    return None


def _label_before_url(markers, line: str, next_line: str) -> str | None:
    """A footer word that ends its line, with the address on the next line:
    "Forwarded this message? Sign up here (" / "( https://… )"."""
    if not _URL_LINE.match(next_line):
        return None
    spans = markers.footer_phrase_spans(line)
    if spans and _LINE_END_AFTER.match(line, spans[-1][1]):
        return line[spans[-1][0] : spans[-1][1]]
    return None


def _footer_url_on(markers, line: str) -> str | None:
    if not markers.may_hold_footer_url(line):
        return None
    return next((url for url in addresses(line, images=True, bare_in_links=True) if markers.is_footer_url(url)), None)


def _ends_after_removed(doc, first: int, last: int, removed: set[int]) -> bool:
    """Whether lines [first, last] end the email right under a line this rule removes."""
    if any(doc.lines[k].strip() for k in range(last + 1, len(doc.lines))):
        return False
    above = first - 1
    while above >= doc.body_start and not doc.lines[above].strip():
        above -= 1
    return above >= doc.body_start and above in removed


# A line that ends here ends its sentence ("… the meeting.", "… sign up:").
_ENDS_SENTENCE = re.compile(r"[.!?:。！？][\s*_)\]\"”’]*$")


def _wrapped_prose_sentences(markers, doc, block, i: int, matched: set[int]):
    """For a footer line inside a paragraph of hard-wrapped prose, the spans of
    the footer sentences that lie wholly on it; None when the line is no such
    line (the paragraph is short, or the line shares no sentence with a story
    line beside it), and an empty tuple when no footer sentence lies wholly on
    it ("Thanks to the reader who / forwarded this email to the council: …")."""
    if block.kind != "paragraph":
        return None
    if word_count(visible_text_without_urls(doc.source(block))) <= MAX_BLOCK_WORDS:
        return None

    def story_line(k: int) -> bool:
        return block.start <= k < block.end and k not in matched and _words_of(doc.lines[k])

    line = doc.lines[i]
    from_above = (story_line(i - 1) and not _ENDS_SENTENCE.search(doc.lines[i - 1].rstrip())
                  and _goes_on_a_sentence(line))
    to_below = story_line(i + 1) and not _ENDS_SENTENCE.search(line.rstrip()) and _goes_on_a_sentence(doc.lines[i + 1])
    if not (from_above or to_below):
        return None
    bounds = [0, *_sentence_ends(markers, line), len(line)]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
    spans = []
    for k, (a, b) in enumerate(pieces):
        if (k == 0 and from_above) or (k == len(pieces) - 1 and to_below):
            continue  # a sentence that goes on across the line break is the story's
        if markers.footer_phrase(visible_text_without_urls(line[a:b])):
            spans.append((a, b))
    return tuple(spans)


def _goes_on_a_sentence(line: str) -> bool:
    """A wrapped line that carries on the sentence above starts in lower case
    ("marsh. Forwarded …", "gate, the winter …"); a row of links or an
    address line does not."""
    first = next((ch for ch in visible_text_without_urls(line) if ch.isalnum()), "")
    return first.islower()


def _words_of(line: str) -> bool:
    return any(ch.isalnum() for ch in visible_text_without_urls(line))


def _holds_copyright(doc, block) -> bool:
    return any(COPYRIGHT.search(doc.lines[i]) for i in range(block.start, block.end))


@remembered(4096)
def _sentence_ends(markers, line: str) -> tuple[int, ...]:
    """Where the sentences of a line end, outside code, link targets and html.
    The period of an abbreviation, of a month before a number or of an
    ordinal before a month ("Nr. 4", "3 déc. 2026", "8. Dezember") ends none."""
    ends = list(_SENTENCE_END.finditer(line))
    if not ends:
        return ()  # most lines: no need to find the protected spans
    protected = protected_spans(line)
    # A bare-URL match runs on over the `).` that closes a markdown link: a
    # full stop right after a link's end still ends its sentence.
    link_ends = {link.end for link in links_of(line)}
    return tuple(m.end() for m in ends
                 if (m.start() in link_ends or not is_protected(protected, m.start()))
                 and not (line[m.start()] == "." and markers.ends_no_sentence(line, m.start())))


@remembered(4096)
def _kept_tail(markers, line: str) -> int | None:
    """Offset where the part of a footer line to keep begins: the text after its
    last footer sentence (a postal address glued on), if that has words and no
    footer phrase. None when the whole line is footer."""
    if len(line) < MIN_GLUED_LINE or not _DIGIT.search(line):
        return None  # a postal address has numbers, and a line that holds one and sentences is long
    cuts = _sentence_ends(markers, line)
    last_footer = last_footer_start = None
    start = 0
    for end in (*cuts, len(line)):
        sentence = line[start:end]
        if markers.footer_phrase(visible_text_without_urls(sentence)):
            last_footer, last_footer_start = end, start
        start = end
    if last_footer is None:
        return None
    if last_footer >= len(line.rstrip()):
        # "This email was sent to you by Acme, 400 College Avenue, Springfield,
        # OH 43001.": the address closes the footer's last sentence.
        return _address_clause(markers, line, last_footer_start)
    if not cuts:
        return None
    tail = line[last_footer:]
    if (
        word_count(visible_text_without_urls(tail)) < 2
        or not markers.postal_address(visible_text_without_urls(tail))
        or markers.footer_phrase(visible_text_without_urls(tail))
    ):
        # Only a postal address is kept: "Your subscription will renew on 25
        # June 2026." has a number too, but it is the footer's.
        return None
    if markers.footer_phrase(visible_text_without_urls(line[: cuts[0]])) is None:
        return None  # footer sentences come after a story's text: leave the line to the per-line rule
    return _addressee_before(markers, line, last_footer_start, last_footer)


# The addressee's name before an address is a few words ("Acme Media Ltda.").
ADDRESSEE_WORDS = 6
_URL_OR_LINK_END = re.compile(r"https?://\S+|\]\([^)\s]*\)")


def _addressee_before(markers, line: str, sentence_start: int, address_start: int) -> int:
    """Where the kept address begins when flattened html glued its first line,
    the addressee's name, onto the footer's last link ("… Preferências:
    https://…?e=… Acme Media Ltda. · Rua Augusta, 1508 · …"): the few
    capitalised words after the sentence's last link or address, with no
    footer phrase, go with the address. Else the address starts where it did."""
    ends = [m.end() for m in _URL_OR_LINK_END.finditer(line, sentence_start, address_start)]
    name = line[ends[-1] : address_start] if ends else ""
    text = name.strip()
    if (not text or not text[0].isupper() or word_count(text) > ADDRESSEE_WORDS
            or markers.footer_phrase(text) is not None or "://" in text or "](" in text):
        # The address alone stays, without the row's separator before it ("· Rua …").
        separator = _SEPARATOR_BEFORE.match(line, address_start)
        return separator.end() if separator and line[separator.end() :].strip() else address_start
    return ends[-1] + len(name) - len(name.lstrip())


_SEPARATOR_BEFORE = re.compile(r"\s*[·•|–—]\s*")


# Where a clause of a footer sentence begins: after a comma, a colon or a
# separator of a row ("on behalf of: Acme · 12 Main Street · Springfield").
_CLAUSE_START = re.compile(r"(?:[,:;|·•–—])\s+")
# An address is a few short clauses, not a sentence of its own.
MAX_ADDRESS_WORDS = 16


def _address_clause(markers, line: str, sentence_start: int) -> int | None:
    """Where the postal address that closes a footer sentence begins: the
    first clause from which the rest of the line reads as an address and holds
    no footer phrase, while the clauses before it hold the footer phrase."""
    protected = protected_spans(line)
    starts = [m for m in _CLAUSE_START.finditer(line, sentence_start) if not is_protected(protected, m.start())]
    for k, m in enumerate(starts):
        clause = line[m.end() : starts[k + 1].start() if k + 1 < len(starts) else len(line)]
        if _account_links_only(markers, clause):
            continue  # "· [Update your profile](…/preferences) ·": the footer's by where it leads
        tail = visible_text_without_urls(line[m.end() :])
        if word_count(tail) > MAX_ADDRESS_WORDS:
            continue
        if not markers.postal_address(tail) or markers.footer_phrase(tail):
            return None  # the address starts at the first clause that reads as one, or nowhere
        head = visible_text_without_urls(line[: m.start()])
        if markers.footer_phrase(visible_text_without_urls(line[sentence_start : m.start()])) is None:
            return None
        if word_count(head) > MAX_WORDS or markers.footer_phrase(visible_text_without_urls(line[: _first_end(markers, line)])) is None:
            return None  # all before the address goes: it must be a short footer from its first sentence
        return m.end()
    return None


_ACCOUNT_KINDS = (LinkKind.UNSUBSCRIBE, LinkKind.PREFERENCES)


def _account_links_only(markers, clause: str) -> bool:
    """A clause of nothing but links to the reader's unsubscribe or
    preferences page, whatever their words ("Update your profile"): the
    footer's, not the first clause of the address after it."""
    links = links_of(clause)
    if not links or any(markers.link_kind(link.destination) not in _ACCOUNT_KINDS for link in links):
        return False
    outside = clause[: links[0].start] + "".join(clause[a.end : b.start] for a, b in zip(links, links[1:]))
    return not any(ch.isalnum() for ch in outside + clause[links[-1].end :])


# Where a postal address may begin inside a flattened footer: a clause or a sentence.
_ADDRESS_START = re.compile(r"(?:[,:;|·•–—]|[.!?])\s+")


def _inner_address(markers, line: str) -> tuple[int, int] | None:
    """The postal address that stands between footer sentences of one long
    line, from the clause that opens it to its postcode ("You are receiving
    this … Our mailing address is: Acme Books 12 High Street Leeds, LS1 4AB
    Want to change …"): at most `MAX_ADDRESS_WORDS` words, no footer phrase."""
    if len(line) < MIN_GLUED_LINE or not _DIGIT.search(line):
        return None
    protected = protected_spans(line)
    for end in markers.postcode_ends(line):
        if is_protected(protected, end - 1):
            continue
        for m in _ADDRESS_START.finditer(line, 0, end):
            if is_protected(protected, m.start()):
                continue
            piece = visible_text_without_urls(line[m.end() : end])
            if word_count(piece) > MAX_ADDRESS_WORDS:
                continue
            if markers.postal_address(piece) and not markers.footer_phrase(piece):
                return m.end(), end
            break  # the first clause short enough is where the address would start
    return None


def _first_end(markers, line: str) -> int:
    ends = _sentence_ends(markers, line)
    return ends[0] if ends else len(line)


@remembered(4096)
def _kept_head(markers, line: str) -> int:
    """Where the footer sentences of a line begin when sentences without a
    footer phrase (a greeting) come first and all that follows is footer;
    0 when the line is footer from its start."""
    if len(line) < MIN_GLUED_LINE:
        return 0
    cuts = _sentence_ends(markers, line)
    start = 0
    for end in (*cuts, len(line)):
        if markers.footer_phrase(visible_text_without_urls(line[start:end])):
            break
        start = end
    else:
        return 0
    if start == 0 or word_count(visible_text_without_urls(line[:start])) < 2:
        return 0
    # Everything after the first footer sentence must be footer too (or empty).
    rest = [c for c in cuts if c > start] + [len(line)]
    prev = start
    for end in rest:
        piece = visible_text_without_urls(line[prev:end]).strip()
        if piece and not markers.footer_phrase(piece) and word_count(piece) > 3:
            return 0
        prev = end
    return start


def _outside_emphasis(line: str, a: int, b: int) -> tuple[int, int]:
    """The part [a, b) of a line to remove, without the emphasis marks that wrap
    the whole line: removing the end of "*Intro. If you were forwarded this …*"
    keeps the closing `*` (and removing the start keeps the opening one)."""
    m = _EMPHASIS_OPEN.match(line)
    if not m:
        return a, b
    mark = m.group(2)
    body_end = len(line.rstrip())
    inner = line[m.end() : body_end - len(mark)]
    if not line[:body_end].endswith(mark) or body_end - len(mark) <= m.end() or mark[0] in inner:
        return a, b  # not one emphasis around the whole line
    if a <= m.start(2) and b > m.start(2):  # the removal starts the line: keep the opening mark
        a = m.end(2)
    if b >= body_end and a < body_end - len(mark):  # it ends the line: keep the closing mark
        b = body_end - len(mark)
        while b > a and line[b - 1].isspace():
            b -= 1
    return a, b


@remembered(4096)
def _copyright_cuts(markers, line: str) -> tuple[tuple[int, int], ...]:
    """The spans to remove from a row that holds a copyright notice, the
    issue's date or its byline beside footer links ("Platformer © 2025 –
    [Unsubscribe](…)", "April 28, 2026 | View in Browser", "**2026 年 12 月 11
    日** · 作者：林知远 · [在浏览器中打开](…)"): each footer piece with the
    separator before it (after it, for the first piece), cut at the row's
    separators (`evidence/rows.py`). Empty when the line holds no such piece."""

    def stays(text: str) -> bool:
        visible = visible_text_without_urls(text)  # a date in a link's address is no notice
        return _notice(markers, visible) or (markers.dateline_piece(visible) is not None and not is_lone_link(text))

    def goes(text: str) -> bool:
        visible = visible_text_without_urls(text)
        return not stays(text) and (markers.footer_phrase(visible) is not None or _footer_url_on(markers, text) is not None)

    return row_cuts(line, goes, stays, lambda piece, going: _sibling_chrome(markers, piece, going))


# A subscriber's token in a link: a path segment or query value this long, of letters and digits.
_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])")


def _sibling_chrome(markers, piece: str, going: list[str]) -> bool:
    """A piece of a footer row that is one short link ("[Preferences](…)")
    and carries the same subscriber token as a footer link of the row
    ("…/t/u/Yjk0ZTI3…" and "…/t/p/Yjk0ZTI3…"): the mailing tool's link for
    this reader, chrome like its sibling whatever its words. A story's link in
    the same row carries no such token, or has more words."""
    if not is_lone_link(piece):
        return False
    link = links_of(piece)[0]
    if link.is_image:
        return False
    if _word_count_of_words(visible_text_without_urls(piece[link.text_start : link.text_end])) > MAX_OTHER_WORDS:
        return False
    tokens = set(_TOKEN.findall(link.destination))
    return bool(tokens) and any(tokens & set(_TOKEN.findall(other.destination))
                                for text in going for other in links_of(text))


# A flattened link's address in brackets after its label ("view in browser (https://…)").
_BRACKETED_URL = re.compile(r"[ \t]*[(\[<][ \t]*https?://[^\s)\]>]*[ \t]*[)\]>]")
# A sentence that ends with no space before the next text node ("… for you.view in browser").
_GLUED_SENTENCE_END = re.compile(r"[^\W\d_][.!?][\"”’)]?$")


@remembered(4096)
def _chrome_span(markers, line: str) -> tuple[int, int] | None:
    """From a line's first footer phrase to its last, widened to the links
    that hold them and the bracketed addresses right after ("view in your
    browser (https://…)"): the chrome's own extent on the line."""
    protected = protected_spans(line)
    spans = [span for span in markers.footer_phrase_spans(line) if not is_protected(protected, span[0])]
    if not spans:
        return None
    a, b = spans[0][0], spans[-1][1]
    for link in links_of(line):
        if link.start <= a < link.end:
            a = link.start
        if link.start < b <= link.end:
            b = link.end
    while m := _BRACKETED_URL.match(line, b):
        b = m.end()
    return a, b


def _chrome_alone(markers, line: str) -> bool:
    """A line that is its chrome and nothing else ("view in your browser
    (https://…)", "[View in browser](…)"): complete in itself, it announces
    no list under it."""
    span = _chrome_span(markers, line)
    return span is not None and not line[: span[0]].strip() and not line[span[1] :].strip()


@remembered(4096)
def _glued_to_chrome(markers, line: str) -> tuple[int, int] | None:
    """The span of a footer line's chrome (its footer phrase, the link that
    holds it and the addresses right after it) when text of another text
    node is glued to it with no space, as flattened html leaves it:
    "[Read on the web](…)Washington, DC" (a link's end, then a capital) or
    "A look at the week, just for you.view in browser (…)" (a sentence's
    end, then the phrase). The glued text stays when it holds words and no
    footer phrase or link of its own. None when nothing is glued on."""
    span = _chrome_span(markers, line)
    if span is None:
        return None
    a, b = span
    head, tail = line[:a], line[b:]
    # A head with emphasis or code marks may open what the chrome's tail closes
    # ("**Intro.view in browser (…)**"): cut there, it would be left unclosed.
    keep_head = (bool(head) and not head[-1].isspace() and _GLUED_SENTENCE_END.search(head) is not None
                 and not any(mark in head for mark in "*_`") and not is_protected(protected_spans(line), a - 1))
    # A capital right after a link's end starts another text node; in scripts
    # without capitals or spaces (CJK) nothing reads as glued.
    keep_tail = bool(tail) and tail[0].isupper() and line[b - 1] == ")"
    if keep_head and not _plain_glued_text(markers, head):
        keep_head = False
    if keep_tail and not _plain_glued_text(markers, tail):
        keep_tail = False
    if not (keep_head or keep_tail):
        return None
    return (a if keep_head else 0, b if keep_tail else len(line))


def _plain_glued_text(markers, text: str) -> bool:
    """Text glued to chrome that stays: words, and no footer phrase, link or address of its own."""
    visible = visible_text_without_urls(text)
    return (
        _words_of(text)
        and "http" not in text
        and markers.footer_phrase(visible) is None
        and markers.zone_phrase(visible) is None
    )


def _container(block) -> tuple[int, int]:
    """A paragraph that is a list item's only content goes with its item."""
    parent = block.parent
    if parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
        return parent.start, parent.end
    return block.start, block.end
