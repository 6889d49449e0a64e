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
"""
from __future__ import annotations

import re
from typing import Iterator

from ..document import FRONT_MATTER
from ..evidence.zones import COPYRIGHT, MAX_CLOSING_TAIL_LINES, PROSE_WORDS, words
from ..findings import Applicability, Edit, Finding
from ..inline_syntax import surely_more_visible_words, visible_text, visible_text_without_urls
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
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
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
