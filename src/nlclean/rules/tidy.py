"""NL601–NL604: the tidy-up after removals.

These four rules are one family and one module because they are one job:
leaving the text as a careful editor would after cutting blocks out.

## What it does
Each of the four rules below settles one thing a removal leaves behind.

### NL601 blank-lines
Runs of blank lines longer than one become one; blank lines at the start
and the end of the document go (the final newline stays as it was).

### NL602 stray-thematic-break
A `---` left at the start or end of the document, or next to another `---`,
goes. So does a `---` or `+++` line that a removal brought to the top over
a closing one, which the next run would read as the start of front matter;
in plain text, where rule lines box titles and part a digest, only that one.
In markdown, a line of three or more em dashes, horizontal bars or
box-drawing dashes alone in its paragraph (`———`, `━━━━`, a rule CommonMark
does not read as a break) is a break to this rule: left as the last line
once the footer under it went, it goes. One or two dashes are a sentence's
("— Ada"), and a rule line with text right under it opens a paragraph: both
stay.

### NL603 empty-section
A heading whose section holds nothing (the next heading is of the same or a
higher level, or the document ends) goes. Two kinds of "heading" are text to
this rule, never removed and never the end of a section:
- a line of text directly over a line of `-` that is not as long as the
  text: CommonMark makes it a setext heading, but an email converter wrote
  the `-` line as a separator under a paragraph (`The council voted 7-2.`
  over `---` is a story's last line). A converter that underlines a heading
  makes the line as long as the title (`Spot the Bug` over 12 `-`);
- a setext heading of more than two lines of text, or any heading of
  20 words or more: a paragraph a converter happened to underline or mark.

A `---` does not make a section: a heading over a break over a heading of
the same or a higher level is empty. So is a heading over a break below
which the email holds only its end matter: a few short paragraphs, the
copyright notice or the postal address among them (a disclaimer too), and
no story, list or heading. A removal took the poll or the appeal under the
heading, and the break that closed its section now stands under it. Not
where the email writes a break under its headings (`## Product news`,
`---`, then the section; another heading stands over a break too): there
the break is the heading's underline. This one is a judgement of place,
an unsafe fix.

A title written as a plain line is a heading too, once the rules of the
same check remove everything under it: a short line of its own paragraph
(at most `PLAIN_TITLE_WORDS` words, no link, ending no sentence: an
ellipsis may end it) over a section whose every block another finding
removes, down to the next heading, break, copyright notice or postal
address, or the end. "Introducing Premium Plus" over a removed pitch and
its `[Subscribe]` button, "Take Survey" over a removed survey ask. The
first block under it must go as a subject of its own (an ad, a promotion,
an ask, a game: an NL1, NL3 or NL7 rule), not only as footer or chrome: a
short line over a footer sentence is the end of what stands above it (a
photo credit, "Kevin Lamarque/Reuters", over "You're receiving this
email…"). A signature over a removed postscript stays ("Senior Director,
Membership" over "P.S. …"), and so do a sign-off and the name under it,
and any line above the email's first prose (its subject or preheader, which
the cleaner keeps, though an ask under it goes: "Read more when you join"). A
rubric whose next story stays is no empty section ("Tech news" over a
removed ad and a story that stays). A plain line between the title and the
removed blocks that is itself such a title goes with them, unless both are
in capitals: then it is the next section's title, and the section ends
there ("A WORD FROM A FRIEND OF THE NEWSLETTER" over a removed ad, then
"TRY IT THIS WEEK" over a story). This part applies to plain text too. Only the rules
of the same check know that the section was emptied, so this rule reads
their findings; run alone, or on a cleaned text, it finds nothing here.

### NL604 trailing-hard-break
Two or more spaces at the end of a paragraph's last line (a hard break with
nothing after it) go.

## Why is this bad?
Removing a block leaves its surroundings behind: double blank lines, a
dangling separator, a category heading with no items left.

## Example
```markdown
## Sponsors

---

---

Story  
```
becomes
```markdown
---

Story
```

## Fix safety
Safe: nothing a reader sees changes except the empty heading and the
doubled separator. A heading over a break over the email's end matter
(NL603) is an unsafe fix: a judgement of where the email's story ends.
A plain title line goes as the removals under it go: safe when every one
of them is safe, unsafe when one is a judgement (without `--unsafe-fixes`
the section stays, and so does its title).
"""
from __future__ import annotations

import re
from typing import Iterator

import re
from bisect import bisect_left, bisect_right

from ..document import FRONT_MATTER
from ..evidence.zones import COPYRIGHT, MAX_CLOSING_TAIL_LINES, PROSE_WORDS, author_closing, header_zone_end, words
from ..findings import Applicability, Edit, Finding
from ..inline_syntax import is_archive_header, surely_more_visible_words, visible_text, visible_text_without_urls
from .base import Rule
from ._shared import quote


class BlankLines(Rule):
    """Blank lines: runs longer than one, and at the start or end of the document."""

    code = "NL601"
    name = "blank-lines"
    family = "tidy"
    summary = "Run of blank lines, or blank lines at the start or end"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        if not doc.text:  # an empty file has no blank line to remove (an empty edit would repeat every round)
            return
        code = doc.code_lines
        lines = doc.lines
        real_end = len(lines) - 1 if doc.text.endswith("\n") else len(lines)
        # The blank lines outside code, in one pass; then each run of
        # consecutive ones [i, j) is handled (most lines are not blank).
        blank = [k for k in range(doc.body_start, real_end) if not lines[k].strip() and k not in code]
        n = 0
        while n < len(blank):
            i = j = blank[n]
            while n < len(blank) and blank[n] == j:
                j += 1
                n += 1
            at_start, at_end = i == doc.body_start, j == real_end
            if at_end and (i > doc.body_start or doc.body_start > 0):  # (a body left blank under front matter)
                start = doc.line_end(i - 1) if not doc.text.endswith("\n") else doc.offset(i)
                end = len(doc.text) if not doc.text.endswith("\n") else doc.offset(j)
                yield ctx.finding("blank lines at the end", start, end, [Edit(start, end)], "Remove blank lines")
            elif at_start and doc.body_start == 0:
                yield ctx.finding("blank lines at the start", doc.offset(i), doc.offset(j),
                                  [Edit(doc.offset(i), doc.offset(j))], "Remove blank lines")
            elif j - i > 1:
                yield ctx.finding(f"{j - i} blank lines in a row", doc.offset(i), doc.offset(j),
                                  [Edit(doc.offset(i + 1), doc.offset(j))], "Keep one blank line")


class StrayThematicBreak(Rule):
    code = "NL602"
    name = "stray-thematic-break"
    family = "tidy"
    summary = "`---` at the start or end, or next to another `---`"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        # A `---` (or `+++`) that a removal brought to the top over a closing
        # one: the next run would read the lines between as front matter and
        # leave them alone, so it goes in either format (found by fuzzing).
        opens_front_matter = doc.body_start == 0 and FRONT_MATTER.match(doc.text) is not None
        if opens_front_matter:
            yield ctx.remove_lines("`---` at the start of the document, where it would open front matter",
                                   0, 1, "Remove thematic break")
        if doc.format == "text":  # its other rule lines box titles and part a digest: they stay
            return
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if not _is_break(doc, block) or opens_front_matter and block.start == 0:
                continue
            if i == 0:
                why = "at the start of the document"
            elif i == len(blocks) - 1:
                why = "at the end of the document"
            elif _is_break(doc, blocks[i - 1]):
                why = "next to another break"
            else:
                continue
            what = "thematic break" if block.kind == "hr" else f"rule line {quote(doc.lines[block.start].strip(), 12)}"
            yield ctx.remove_lines(f"{what} {why}", block.start, block.end, "Remove thematic break")


# A rule drawn with dashes CommonMark does not read as a break: em dashes,
# horizontal bars, box-drawing lines ("———", "━━━━"), three or more alone on
# a line. One or two are a sentence's dash ("— Vadim", "— —").
_RULE_LINE = re.compile(r"[\u2014\u2015\u2500\u2501\u2550]{3,}")


def _is_break(doc, block) -> bool:
    """A `---` break, or a paragraph that is one line of nothing but a dash rule."""
    if block.kind == "hr":
        return True
    return (block.kind == "paragraph" and block.end - block.start == 1
            and _RULE_LINE.fullmatch(doc.lines[block.start].strip()) is not None)


# A heading this long is a paragraph that was marked as one, not a category title.
STORY_WORDS = 20


def _is_heading_to_tidy(doc, block) -> bool:
    """Whether a heading block is a heading to the tidy rules, rather than text
    a converter underlined or marked (see NL603's documentation)."""
    if block.kind != "heading":
        return False
    if block.is_setext and (block.end - block.start > 3 or block.markup == "-" and _separator_underline(doc, block)):
        return False
    return not surely_more_visible_words(doc.source(block), STORY_WORDS - 1)


def _separator_underline(doc, block) -> bool:
    """A setext `-` line that is not as long as the text over it (give or take
    two): a separator a converter wrote under a paragraph, not an underline."""
    underline = block.start + 1
    while underline < block.end - 1 and doc.lines[underline].strip().strip("-"):
        underline += 1  # the underline is the block's first line of nothing but `-`
    text, line = doc.lines[underline - 1].strip(), doc.lines[underline].strip()
    return abs(len(line) - len(text)) > 2


class EmptySection(Rule):
    code = "NL603"
    name = "empty-section"
    family = "tidy"
    summary = "Heading whose section is empty"
    formats = ("markdown", "text")  # in plain text, only titles written as plain lines

    def check(self, ctx) -> Iterator[Finding]:
        yield from _plain_titles_over_removals(ctx)
        doc = ctx.doc
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if not _is_heading_to_tidy(doc, block):
                continue
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "hr":
                j += 1
            nxt = blocks[j] if j < len(blocks) else None
            if nxt is None and i == 0:
                continue  # a document that is only its title
            # A setext heading's underline is no part of its title.
            text = visible_text("\n".join(doc.lines[block.start : block.end - 1])) if block.is_setext else doc.visible(block)
            if nxt is None or (_is_heading_to_tidy(doc, nxt) and nxt.level <= block.level):
                yield ctx.remove_lines(f"heading {quote(text)} has an empty section", block.start, block.end,
                                       f"Remove empty heading {quote(text)}")
            elif j > i + 1 and i > 0 and _end_matter_from(doc, ctx.markers, j) and not _breaks_under_headings(doc, i):
                yield ctx.remove_lines(
                    f"heading {quote(text)} has an empty section", block.start, block.end,
                    f"Remove empty heading {quote(text)}", applicability=Applicability.UNSAFE,
                    evidence=("a thematic break under it, and below that only the email's end matter "
                              "(short paragraphs with the copyright or the address, no story, list or heading)",))


# The blocks the end matter of an email is made of (a disclaimer, the address,
# the copyright), and their breaks; a list or a heading below is a section's.
_END_MATTER_KINDS = frozenset({"paragraph", "hr"})


def _end_matter_from(doc, markers, j: int) -> bool:
    """Whether the blocks from `blocks[j]` to the end are the email's end
    matter: a few short paragraphs (at most `MAX_CLOSING_TAIL_LINES` lines,
    none of more than `PROSE_WORDS` words), nothing else, and among them the
    copyright notice or the postal address that close an email."""
    rest = doc.blocks[j:]
    if (not all(b.kind in _END_MATTER_KINDS for b in rest)
            or sum(b.end - b.start for b in rest) > MAX_CLOSING_TAIL_LINES):
        return False
    texts = [visible_text_without_urls(doc.source(b)) for b in rest if b.kind == "paragraph"]
    return (all(words(t) <= PROSE_WORDS for t in texts)
            and any(COPYRIGHT.search(t) or markers.postal_address(t) for t in texts))


def _breaks_under_headings(doc, i: int) -> bool:
    """Whether a heading other than `blocks[i]` stands right over a thematic
    break: then the email writes a break under its headings, as their underline."""
    blocks = doc.blocks
    return any(b.kind == "heading" and k != i and k + 1 < len(blocks) and blocks[k + 1].kind == "hr"
               for k, b in enumerate(blocks))


# A title written as a plain line is a few words.
PLAIN_TITLE_WORDS = 8
# A section under a plain title is read this many blocks far at most (a
# digest of short lines would otherwise be read again for each of them).
MAX_SECTION_BLOCKS = 40
# A sentence's end; an ellipsis is none ("Some housekeeping…" is a title).
_SENTENCE_END = re.compile(r"[.!?;:,。！？；：，]$")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")
_POSTSCRIPT = re.compile(r"^[\s>*_]*P\.?\s?P?\.?S\b", re.I)
# The rules whose removals are a subject of their own (an ad, a promotion, an
# ask, a game, a template's block), which a title may head; footer and chrome
# (NL2) have no title of their own.
_SUBJECT_RULES = ("NL1", "NL3", "NL7")
_REMOVAL_RULES = ("NL1", "NL2", "NL3", "NL7")


def _plain_title(doc, markers, block) -> str | None:
    """The text of a paragraph that may be a title written as a plain line, or None."""
    if block.kind != "paragraph" or block.end - block.start != 1 or block.indented:
        return None
    line = doc.lines[block.start]
    if "](" in line or "://" in line or "![" in line or is_archive_header(line):
        return None
    text = visible_text(line).strip(" \t*_")
    n = words(text)
    # "You get the picture. ...": a sentence with an ellipsis after it ends one.
    bare = _TRAILING_ELLIPSIS.sub("", text)
    if not n or n > PLAIN_TITLE_WORDS or _SENTENCE_END.search(bare) or not any(ch.isalpha() for ch in text):
        return None
    if COPYRIGHT.search(text) or markers.postal_address(text) or markers.dateline_piece(text):
        return None
    if text[:1] in "—–-~" or _names_the_sender(doc, text):
        return None  # a signature: "— Marta", the author's or the publication's name
    return text


_NAME_WORD = re.compile(r"\w+")


def _names_the_sender(doc, text: str) -> bool:
    """Whether every word of `text` is in the lines that name the email's
    sender: the archiver's `**From:**` line and the copyright notice."""
    key = ("tidy.sender_words", 0)
    if key not in doc._cache:
        lines = [line for line in doc.lines if is_archive_header(line) or COPYRIGHT.search(line)]
        doc._cache[key] = {w.lower() for line in lines for w in _NAME_WORD.findall(line)}
    found = [w.lower() for w in _NAME_WORD.findall(text)]
    return bool(found) and all(w in doc._cache[key] for w in found)


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _ends_a_section(doc, markers, block) -> bool:
    """A block no plain title's section runs past: a heading, a break, code or
    html, the copyright notice or the postal address that SPEC keeps."""
    if block.kind != "paragraph":
        return block.kind not in ("bullet_list", "ordered_list", "blockquote", "table")
    text = visible_text_without_urls(doc.source(block))
    return bool(COPYRIGHT.search(text) or markers.postal_address(text) and words(text) <= PROSE_WORDS)


def _removed_lines(doc, findings) -> dict[int, list[Finding]]:
    """The non-blank lines that the fixes of `findings` delete whole, with the findings that delete them."""
    removed: dict[int, list[Finding]] = {}
    starts = doc.line_starts
    for f in findings:
        if f.fix is None:
            continue
        for e in f.fix.edits:
            if e.replacement.strip():
                continue
            first = bisect_left(starts, e.start)
            last = bisect_right(starts, e.end) - 1
            for k in range(first, min(last + 1, len(doc.lines))):
                if doc.lines[k].strip() and doc.line_end(k) <= e.end:
                    removed.setdefault(k, []).append(f)
    return removed


def _plain_titles_over_removals(ctx) -> Iterator[Finding]:
    """Plain title lines whose whole section the other findings of this check
    remove (see NL603's documentation): each goes, as safe as the least safe
    of those removals."""
    doc, markers = ctx.doc, ctx.markers
    subject = [f for f in ctx.earlier if f.code.startswith(_SUBJECT_RULES) and f.fix is not None]
    if not subject:
        return
    blocks = doc.blocks
    titles = {i: t for i, b in enumerate(blocks) if (t := _plain_title(doc, markers, b)) is not None}
    if not titles:
        return
    # Only the removal rules' fixes are read (building a fix's edits has a
    # cost a lint otherwise never pays); entities, html and tidy-up remove no section.
    removed = _removed_lines(doc, [f for f in ctx.earlier if f.code.startswith(_REMOVAL_RULES)])
    top = header_zone_end(doc)
    for i, text in titles.items():
        block = blocks[i]
        if block.start < top:
            continue  # above the first prose: the subject or the preheader, which SPEC keeps
        if block.start in removed or author_closing(doc, markers, block, block.start):
            continue
        above = blocks[i - 1] if i > 0 else None
        if above is not None and above.kind == "paragraph" and author_closing(doc, markers, above, above.end - 1):
            continue  # the name under a sign-off
        caps = _in_capitals(text)
        section: list[int] = []
        covering: list[Finding] = []
        first = None
        for j in range(i + 1, min(len(blocks), i + 1 + MAX_SECTION_BLOCKS)):
            b = blocks[j]
            if _ends_a_section(doc, markers, b):
                break
            if j in titles and b.start not in removed:
                if caps and _in_capitals(titles[j]):
                    break  # the next section's title: capitals part an email's sections alike
                continue  # a title of its own under this one: it goes with the section
            lines = [k for k in range(b.start, b.end) if doc.lines[k].strip()]
            if not all(k in removed for k in lines):
                section = []
                break
            if first is None:
                first = b
            section.append(j)
            covering.extend(f for k in lines for f in removed[k])
        else:
            if i + 1 + MAX_SECTION_BLOCKS < len(blocks):
                continue  # no end in sight: a section this long is no title's
        if not section or first is None or _POSTSCRIPT.match(doc.lines[first.start]):
            continue
        if not any(f.code.startswith(_SUBJECT_RULES) for k in range(first.start, first.end) for f in removed.get(k, ())):
            continue
        unsafe = any(not f.fix.is_safe for f in covering)
        codes = sorted({f.code for f in covering})
        yield ctx.remove_lines(
            f"title {quote(text)} stands over nothing: its section is removed", block.start, block.end,
            f"Remove title {quote(text)}", applicability=Applicability.UNSAFE if unsafe else None,
            evidence=(f"a short plain line that ends no sentence, over {quote(visible_text_without_urls(doc.source(first)))}",
                      f"every block under it to the next heading, break or end matter is removed ({', '.join(codes)})"),
        )


class TrailingHardBreak(Rule):
    code = "NL604"
    name = "trailing-hard-break"
    family = "tidy"
    summary = "Hard break (two spaces) at the end of a paragraph"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        for block in doc.all_blocks:
            if block.kind != "paragraph":
                continue
            last = block.end - 1
            line = doc.lines[last]
            if not line.endswith("  "):
                continue
            stripped = line.rstrip(" ")
            start, end = doc.offset(last) + len(stripped), doc.line_end(last)
            yield ctx.finding("hard break at the end of a paragraph", start, end, [Edit(start, end)],
                              "Remove trailing spaces")
