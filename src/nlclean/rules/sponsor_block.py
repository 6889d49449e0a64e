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
our sponsor, …"). A byline tag (`*Clerk* **sponsor**`) and a label right
after an item's title (`**[Retool](…)** (Sponsor) — …`) label their item.
A heading that opens with a label is a label only when the label stands
alone, names its sponsor (a few capitalised words), or comes before a
separator: "Sponsored content is back", "In partnership with NASA, SpaceX
launches crew" and "广告行业的变化" are stories. In flattened text it
also finds a label on a line inside a long paragraph, and a trailing label
glued to the text after it (`Title (Sponsored)Ad text…`). A label word in
a story's sentence, or in the newsletter's own title, is no label.

The labels are data: `[sponsor]` in `data/markers.toml`, extensible with
`extend-markers`.

## Why is this bad?
A reader who wants the newsletter's stories does not want its adverts, and
an archive or a dataset built from newsletters should not be full of them.
It is the highest-priority rule.

## How far it goes
- A labelled heading takes its section, up to the next heading of the same
  or a higher level. A thematic break (`---`) ends it unless the stretch
  after the break still names the sponsor (a name repeated from the heading,
  or the host of the ad's links): then the ad goes on across the break.
- A label line without a heading takes its block. A label standing alone
  (`Together with`, `Brought to you by:`, `Advertisement`) also takes the ad
  under it, up to a break, a heading, the next item's title, a long
  paragraph with no link, a date line (the issue's), a section heading in
  capitals (`WHAT I'M READING`), or a block that links where the newsletter's
  stories link (the label then marked an ad image the conversion lost). A
  label that names its sponsor (`Sponsored by Acme`) takes the next block
  only when that block names Acme too; when a heading comes right under it
  and its section names Acme (Axios: `**A message from Chevron**` over
  `### Powering progress…`), it takes that section.
- A disclosure paragraph ("This issue is brought to you by Acme. …") is the
  ad, with the next block when it names Acme (its call to action); one that
  ends in a colon ("This episode is brought to you by:") is a lone label.
- Text with no blank lines (a plain-text part): the ad is the label and its
  short sponsor lines (`Acme — ship faster`); the first line of prose is the
  next story. Inside a flattened paragraph the ad runs over short lines,
  lines naming the sponsor, and ends with its all-caps call to action.
- A label glued into a flattened line takes the ad's title and text up to
  the next section's heading glued into the same line
  (`…deploymentMoving from Manual Workflow…` keeps `Moving from…`).
- A trailing label (`… (Sponsor)`) takes its item: the list item, or the
  title paragraph with its description up to the next title, and the ad's
  own call-to-action link (a title-shaped link to the same site). An item
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
Safe: the label is the publisher's own statement that the block is paid.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..extents import (
    Extent,
    glued_heading_start,
    is_document_title,
    is_title_shaped,
    item_extent,
    label_block_extent,
    opening_title,
    section_extent,
)
from ..findings import Edit, Finding
from ..inline_syntax import visible_text, visible_text_without_urls
from ..markers import CJK, LineHits
from .base import Rule
from ._shared import quote, word_count

# Words that may come before a disclosure: "This week's issue is brought to you by".
_DISCLOSURE_SUBJECT = frozenset(
    "this today's today’s week's week’s issue post newsletter section edition episode email is was has been "
    "are our the also".split()
)
# The newsletter as the subject of a CJK disclosure ("本期", "周刊会…推广"), not a story's topic.
_CJK_THIS = ("本期", "本周", "本刊", "本文", "本篇", "本节", "本次", "周刊", "週刊", "今日", "今天", "这期", "這期", "通讯", "简报")
# Words naming the newsletter itself as the subject of a disclosure.
_ISSUE_WORDS = frozenset("issue newsletter edition email episode post".split())
_NOT_A_NAME = frozenset(
    "this today's today’s thanks thank you our issue newsletter edition episode sponsor sponsors sponsored brought".split()
)
# A paragraph of this many lines or more is flattened text: its lines are read one by one.
FLATTENED_LINES = 8
MAX_AD_LINES = 12
# An ad's all-caps call to action within this many lines keeps the ad going.
CTA_LOOKAHEAD = 5
# An all-caps call to action on a line of its own ("DOWNLOAD THE GUIDE", "TRY IT FREE").
_BULLET = re.compile(r"^(?:[•◦▪‣*+-]|\d{1,3}[.)])\s")
# (an imperative first, so an all-caps story title such as "RUBY 4.0 RELEASED" is none)
_CTA_LINE = re.compile(
    r"^[^A-Za-z0-9]{0,3}(?:GET|TRY|START|SAVE|DOWNLOAD|BOOK|JOIN|REGISTER|SIGN|LEARN|READ|CLAIM|WATCH|SHOP|BUY|"
    r"APPLY|EXPLORE|SEE|REQUEST|RESERVE|CHECK|DISCOVER|ORDER|SCHEDULE|BUILD|DEPLOY|SUBSCRIBE)\b[A-Z0-9 '’&!?.,:→-]{0,40}$"
)
_LIST_BULLET = re.compile(r"^\s*[•◦▪‣·]\s")
_NAME = re.compile(r"[A-Z][\w'’.-]{2,}")
# What may follow a label in a heading: a separator and the ad's title, or a sponsor's name.
_SEPARATORS = frozenset(":|—–-·•：｜丨/")
_CLOSING = frozenset(")]】）」』")
_SPONSOR_NAME = re.compile(
    r"(?:[A-Z0-9@][\w.'’&+!-]*)(?:\s+(?:[A-Z0-9@][\w.'’&+!-]*|&|\+|and|of|for|x|×)){0,4}(?=\W|$)"
)
# Title case writes a story's verb with a capital ("Sponsored Content Is Back"): no sponsor's name has it.
_NOT_IN_NAME = frozenset("Is Are Was Were Has Have Had Will Can Could Should Would May Might Be Been Gets Got Makes".split())
_SENTENCE_BREAK = re.compile(r"[.!?:。！？]\s+")
_FIRST_SENTENCE = re.compile(r"^.{0,300}?(?:[.!?。！？](?:\s|$)|$)", re.S)


class SponsorBlock(Rule):
    code = "NL101"
    name = "sponsor-block"
    family = "advertising"
    summary = "Block labelled as sponsored or paid (heading, first line, trailing tag or disclosure)"

    def check(self, ctx) -> Iterator[Finding]:
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
                continue
            extent, label, title = found
            covered_until = extent.end
            yield ctx.remove_lines(
                f"sponsor block {quote(title)} ({label.strip()})",
                extent.start,
                extent.end,
                f"Remove sponsor block {quote(title)}",
                evidence=(f"label '{label.strip()}' matched", f"ends at {extent.why_it_ends}"),
            )

    def _label(self, ctx, block) -> tuple[Extent, str, str] | None:
        doc, markers = ctx.doc, ctx.markers
        first_line = doc.lines[block.start]
        if block.kind == "heading":
            if is_document_title(doc, block):
                return None
            text = doc.visible(block)
            label = markers.trailing_label(text)
            if label is None:
                m = markers.leading_label(text)
                label = m.label if m and _is_label_title(m.rest) else None
            if label is None:
                label = self._disclosure_under(ctx, block)
            if label is None:
                # The disclosure as the heading itself: "## This episode is sponsored by".
                label = _opening_disclosure(ctx, block, about_the_issue=True)
            if label is None:
                return None
            # The message names the ad, then its label: "'Ship faster' (Sponsored)".
            title = markers.without_trailing_label(text)
            if block.depth == 0:
                return section_extent(doc, block, text), label, title
            return label_block_extent(doc, block, label_only=False), label, title
        # A paragraph: label at the start of its first line, or at the end of its first or last line.
        first = markers.leading_label(visible_text(first_line))
        if first is not None and is_title_shaped(doc, block) and not _is_label_title(first.rest):
            first = None  # a bold line is a heading: "**In partnership with NASA, SpaceX launches crew**"
        if first is not None:
            visible = doc.visible(block)
            title = first.rest.strip(" :—-|*") or visible
            label_only = block.end - block.start == 1 and word_count(visible) <= 8
            if label_only and any(ch.isalnum() for ch in visible_text_without_urls(first.rest)):
                # "Sponsored by Acme": the line names its sponsor; what follows is
                # the ad only when it names Acme too (else the line was a logo line).
                nxt = doc.next_block(block)
                names = {w.lower() for w in _NAME.findall(visible_text_without_urls(first.rest))}
                label_only = nxt is not None and any(n in doc.visible(nxt).lower() for n in names)
            extent = label_block_extent(doc, block, label_only)
            if block.end - block.start == 1 and word_count(visible) <= 8:
                extent = _ad_section_under(doc, block, extent, first.rest)
            return extent, first.label, title
        label = _trailing_label(markers, first_line) or _label_after_title(markers, first_line)
        if label is not None:
            return item_extent(doc, block), label, visible_text(first_line)
        disclosure = _opening_disclosure(ctx, block, about_the_issue=True)
        if disclosure is not None:
            visible = visible_text_without_urls(doc.visible(block)).strip()
            if visible.endswith((":", "：")) and word_count(visible) <= 12:
                # "This episode is brought to you by:" introduces the list of sponsors under it.
                return _sponsor_list_extent(doc, block), disclosure, visible
            return _disclosure_extent(doc, block), disclosure, visible
        last_line = doc.lines[block.end - 1]
        if block.end - block.start > 1:
            label = _trailing_label(markers, last_line) or markers.tag_label(last_line)
            if label is not None:
                return Extent(*_item_or_block(block), "the end of its item"), label, visible_text(first_line)
        return None

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
            m = markers.leading_label(text) if word_count(text) <= 10 else None
            if m is None:
                i += 1
                continue
            end, why = _ad_lines(ctx, i, block.end, m.rest)
            label = m.label.strip()
            a, b = doc.offset(i), doc.offset(end) if end < len(doc.lines) else len(doc.text)
            title = quote(m.rest.strip(" :—-|*") or text)
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
        m = markers.glued_trailing_label(line)
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
        seam = glued_heading_start(line, m.end())
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

    def _disclosure_under(self, ctx, heading) -> str | None:
        """A disclosure in the first sentence of the paragraph right under a heading."""
        nxt = ctx.doc.next_block(heading)
        # Under a title or a category (a section with sub-headings) the label is the paragraph's, not the section's.
        if ctx.doc.headings_between(heading.start + 1, ctx.doc.section_end(heading)):
            return None
        if nxt is None or nxt.kind != "paragraph":
            return None
        return _opening_disclosure(ctx, nxt, about_the_issue=False)


def _opening_disclosure(ctx, paragraph, about_the_issue: bool) -> str | None:
    """A disclosure at the start of a paragraph's first sentence, after at most
    a subject ("This issue is sponsored by …"), so that a story saying "the
    stadium, sponsored by a bank, …" is left alone. Without a heading above
    (`about_the_issue`), the subject must be the newsletter itself: "Today's
    newsletter is sponsored by", "This issue is brought to you by", "Thanks
    to our sponsor"."""
    m = _FIRST_SENTENCE.match(ctx.doc.visible(paragraph))
    if not m:
        return None
    sentence = m.group(0)
    found = ctx.markers.disclosure(sentence[:48])
    if found is None:
        return None
    before = sentence[: sentence.find(found)] if found in sentence else ""
    if CJK.search(before):
        # CJK: no spaces between words. The disclosure opens the sentence,
        # or its subject is this issue ("本期由 Acme 赞助"), not a story's topic.
        before = before.strip()
        this_issue = any(w in before for w in _CJK_THIS) and len(before) <= 15
        return found if this_issue or (len(before) <= 2 and not about_the_issue) else None
    words = re.findall(r"[\w'’]+", before.lower())
    if len(words) > 6 or any(w not in _DISCLOSURE_SUBJECT for w in words):
        return None
    if about_the_issue and not (_ISSUE_WORDS & {*words, *found.lower().split()} or "our sponsor" in found.lower()):
        return None
    return found


def _is_label_title(rest: str) -> bool:
    """Whether a heading that opens with a label is the label's (its text after
    the label is `rest`): the label alone, the label and a sponsor name (a few
    capitalised words), or either before a separator and the ad's title.
    A heading that goes on as a sentence is a story: "Sponsored content is
    back", "In partnership with NASA, SpaceX launches crew", "广告行业的变化"."""
    rest = visible_text_without_urls(rest).strip(" \t*_")
    if rest[:1] in _CLOSING:
        return True  # "(Sponsored) …", "【广告】…": the label in its brackets
    if not rest or rest[0] in _SEPARATORS or not any(ch.isalnum() for ch in rest):
        return True
    name = _SPONSOR_NAME.match(rest)
    if name is None or any(w in _NOT_IN_NAME for w in name.group(0).split()):
        return False
    after = rest[name.end() :].strip(" \t*_")
    return not after or after[0] in _SEPARATORS or after[0] in ".!" or not any(ch.isalnum() for ch in after)


def _ad_section_under(doc, block, extent: Extent, rest: str) -> Extent:
    """Axios: `**A message from Chevron**`, then the ad under a heading of its
    own (`### Powering progress…`, its text, its call to action). A label line
    that names its sponsor, right above a heading whose section names that
    sponsor too, takes that section."""
    if extent.end != block.end:
        return extent
    heading = doc.next_block(block)
    names = {w.strip(".'’").lower() for w in _NAME.findall(visible_text_without_urls(rest))} - _NOT_A_NAME
    if heading is None or heading.kind != "heading" or not names or is_document_title(doc, heading):
        return extent
    section = section_extent(doc, heading)
    body = " ".join(doc.source(b) for b in doc.blocks_between(heading.end, section.end)).lower()
    if not any(n in body for n in names):
        return extent
    return Extent(extent.start, section.end, f"{section.why_it_ends} (the ad's own heading above it names the sponsor)")


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


def _disclosure_extent(doc, block) -> Extent:
    """A paragraph that opens with "This issue is brought to you by Acme." is
    the ad; the block after it too when it names Acme (its call to action)."""
    target = block
    while target.parent is not None and target.parent.kind in ("list_item", "blockquote"):
        target = target.parent
    nxt = doc.next_block(target)
    first = _FIRST_SENTENCE.match(doc.visible(target))
    sentence = visible_text_without_urls(first.group(0) if first else "")
    names = {w.strip(".'’").lower() for w in _NAME.findall(sentence)} - _NOT_A_NAME
    if nxt is not None and nxt.kind == "paragraph" and word_count(doc.visible(nxt)) <= 40:
        if any(n in doc.source(nxt).lower() for n in names):
            return Extent(target.start, nxt.end, "the block after it, which names the sponsor")
    return Extent(target.start, target.end, "the end of its paragraph")


def _ad_lines(ctx, label_line: int, stop: int, rest: str) -> tuple[int, str]:
    """How far an ad runs inside a flattened paragraph: over short lines
    (`Name — tagline`, a title), lines that name the sponsor, and a long line
    just before the ad's all-caps call to action (which ends it); a long line
    of prose that does neither starts the next story."""
    doc = ctx.doc
    names = {w.lower() for w in _NAME.findall(visible_text_without_urls(rest))}
    i = label_line + 1
    while i < stop and i - label_line <= MAX_AD_LINES:
        text = visible_text_without_urls(doc.lines[i]).strip()
        if _CTA_LINE.match(text) and any(ch.isalpha() for ch in text):
            return i + 1, f"the ad's call to action {quote(text)}"
        named = any(n in text.lower() for n in names)
        # A short line is the ad's (a tagline, a title) unless it opens a list
        # of its own ("Where to find Marc:") or is a bullet that names no sponsor.
        short = word_count(text) <= 12 and not text.endswith((":", "：")) and not _BULLET.match(text)
        cta_ahead = any(
            _CTA_LINE.match(visible_text_without_urls(doc.lines[j]).strip() or "-")
            for j in range(i + 1, min(i + 1 + CTA_LOOKAHEAD, stop))
        )
        if not (short or named or cta_ahead):
            return i, "the next story's first line"
        i += 1
    if i >= stop:
        return stop, "the end of its paragraph"
    return i, "the most lines an ad inside a paragraph takes"


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
    return markers.trailing_label(visible_text(line)) or markers.trailing_label(line)


def _label_after_title(markers, line: str) -> str | None:
    """A label right after an item's opening title: `**[Retool](…)** (Sponsor) — text`."""
    title = opening_title(line)
    if title is None:
        return None
    m = markers.glued_trailing_label(line, title.end())
    return m.group("label") if m and not line[title.end() : m.start()].strip(" *_") else None


def _item_or_block(block) -> tuple[int, int]:
    node = block
    while node.parent is not None:
        if node.parent.kind == "list_item":
            return node.parent.start, node.parent.end
        node = node.parent
    return block.start, block.end
