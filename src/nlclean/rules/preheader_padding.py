"""NL206 preheader-padding: invisible characters that pad the inbox preview.

## What it does
Finds runs of invisible characters that email tools insert after the preview
sentence so the inbox shows nothing else: U+034F, U+200B–U+200D, U+2060,
U+FEFF, U+00AD, U+00A0 (and their entity forms `&zwnj;`, `&nbsp;`, `&#847;`,
…), usually separated by spaces. A run counts from three such characters.
The preview sentence itself stays.

## Why is this bad?
It is invisible noise that bloats the text and confuses search and diffing.

## Example
A line `͏ ͏ ͏ ͏ ͏ ͏` (U+034F and spaces) is removed; in `Preview text͏ ͏ ͏ ͏`
only the padding goes. A lone U+FEFF inside the text goes too: a removal
above it would bring it to the top, where it would be read as a BOM.

Also a line of a few digits and nothing else at the preheader's place,
the email's first line or the one right under the subject repeated as its
first line: what a converter leaves of the hidden preview block ("96" over
"Plus: …" in every issue of some senders). It goes when the preview's
padding stands within `DIGITS_PADDING_LINES` lines of it; without that, a
number at the top is a judgement. A number anywhere else stays, and so does
one under a label at the top ("UNIQUE VISITORS" over "286": a report made of
numbers).

## Fix safety
Safe. The digits line is safe beside the preview's padding, which shows it
to be part of the hidden block; elsewhere at the top it is an unsafe fix.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..evidence.zones import email_top
from ..findings import Applicability, Edit, Finding
from ..inline_syntax import container_prefix, opens_block, visible_text
from .base import Rule

_INVISIBLE_CHARS = "\u034f\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2007"
_ENTITY_NAMES = "zwnj|zwj|nbsp|shy|#847|#x34f|#8203|#x200b|#8204|#x200c|#8205|#65279|#xfeff|#173|#160|#xa0"
# Without its `;` an entity ends where the word does: `&nbspPresented` is no
# padding (taking `&nbsP` away would leave the new word "resented").
_UNIT = rf"(?:[{_INVISIBLE_CHARS}]|&(?:{_ENTITY_NAMES})(?:;|(?![0-9a-z])))"
PADDING = re.compile(rf"(?:{_UNIT}[ \t]*){{3,}}", re.I)
# The entity half of a unit alone: it starts with a literal `&`, which `re`
# finds fast (the full PADDING pattern is tried at every position of a line).
_ENTITY_UNIT = re.compile(rf"&(?i:{_ENTITY_NAMES})")
# A byte-order mark inside the text (the real one, at the very start, is not
# part of the text): invisible, and read as a BOM if a removal brings it to the top.
_STRAY_BOM = re.compile("\ufeff")


# The converter's residue of a hidden preview block: a few digits alone on a line.
_DIGITS_LINE = re.compile(r"^[ \t]*\d{1,3}[ \t]*$")
# Padding this close (in lines) to the digits shows them to be part of the hidden preview.
DIGITS_PADDING_LINES = 3
_LETTERS = re.compile(r"[^\W\d_]+")


class PreheaderPadding(Rule):
    code = "NL206"
    name = "preheader-padding"
    family = "footer-and-chrome"
    summary = "Invisible preheader padding characters"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        digits = _preheader_digits(ctx)
        if digits is not None:
            yield digits
        code = doc.code_lines
        for i, first_unit in _first_units(doc):
            line = doc.lines[i]
            if i in code:
                continue
            runs = list(PADDING.finditer(line, first_unit))
            if not runs:
                runs = list(_STRAY_BOM.finditer(line, first_unit))
                if not runs:
                    continue
            rest = PADDING.sub("", line).strip()
            n = sum(len(m.group(0)) for m in runs)
            message = f"preheader padding ({n} invisible characters)"
            if not rest:
                yield ctx.remove_lines(message, i, i + 1, "Remove preheader padding line",
                                       evidence=("the line holds only invisible padding",))
                continue
            base = doc.offset(i)
            # Padding between two words leaves one space, so the words stay apart.
            edits = [
                Edit(base + m.start(), base + m.end(), " " if _between_words(line, m.start(), m.end()) else "")
                for m in runs
            ]
            if _opens_markup(line, [(e.start - base, e.end - base, e.replacement) for e in edits]):
                continue  # the padding hid a marker (`͏͏͏```` is text, ```` ``` ```` a fence): the line stays
            yield ctx.finding(message, edits[0].start, edits[-1].end, edits, "Remove preheader padding",
                              evidence=(f"{len(runs)} run(s) of invisible padding",))


def _first_units(doc) -> list[tuple[int, int]]:
    """(line, column of its first padding unit) for every body line that holds
    one, in line order: the only lines where PADDING or a stray BOM can match,
    and no match starts before that column. Prefilter: few lines hold a unit,
    and `str.find` over the whole text is far cheaper than running PADDING
    over every line that is not plain ascii or holds an `&` (URLs)."""
    text, starts = doc.text, doc.line_starts
    first: dict[int, int] = {}

    def hit(offset: int) -> None:
        line = bisect_right(starts, offset) - 1
        column = offset - starts[line]
        if column < first.get(line, column + 1):
            first[line] = column

    if not text.isascii():
        for char in _INVISIBLE_CHARS:
            i = text.find(char)
            while i != -1:
                hit(i)
                # The first one in a line is enough: go on from the next line.
                line_end = text.find("\n", i)
                if line_end == -1:
                    break
                i = text.find(char, line_end + 1)
    if "&" in text:
        for m in _ENTITY_UNIT.finditer(text):
            hit(m.start())
    return sorted((line, column) for line, column in first.items() if line >= doc.body_start)


def _between_words(line: str, start: int, end: int) -> bool:
    return 0 < start and end < len(line) and not line[start - 1].isspace() and not line[end].isspace()


def _opens_markup(line: str, edits: list[tuple[int, int, str]]) -> bool:
    """Whether `line`, with the edits made, opens a block (a fence, heading,
    list…) that it did not open before, inside its quotes and list items."""
    pieces, pos = [], 0
    for start, end, replacement in edits:
        pieces += [line[pos:start], replacement]
        pos = end
    after = "".join(pieces) + line[pos:]
    # The line's own text, after its quotes, list items and indentation (not those the edits would make).
    markers = container_prefix(line)
    markers += len(line[markers:]) - len(line[markers:].lstrip(" \t"))
    return opens_block(after[markers:], first=True) and not opens_block(line[markers:], first=True)


def _title_words(doc, text: str) -> list[str]:
    return [w.casefold() for w in _LETTERS.findall(text)]


def _preheader_digits(ctx) -> Finding | None:
    """The digits line at the preheader's place (see the module's docs), or None."""
    doc = ctx.doc
    k = email_top(doc)
    if k is None:
        return None
    blocks = doc.blocks
    slot = [blocks[k]]
    title = next((b for b in blocks[:k] if b.kind == "heading"), None)
    first = blocks[k]
    if (title is not None and k + 1 < len(blocks) and first.kind == "paragraph" and first.end - first.start == 1
            and _title_words(doc, doc.lines[first.start]) == _title_words(doc, visible_text(doc.source(title)))):
        slot.append(blocks[k + 1])  # under the subject, repeated as the email's first line
    for block in slot:
        if block.kind != "paragraph" or not _DIGITS_LINE.match(doc.lines[block.start]):
            continue
        i = block.start
        if block.end - block.start == 1:
            if not any(b.start >= block.end for b in blocks):
                return None  # the number is all there is
        elif opens_block(doc.lines[i + 1], first=True):
            return None  # the line under it would open a block of its own
        near = range(max(doc.body_start, i - DIGITS_PADDING_LINES), min(len(doc.lines), i + DIGITS_PADDING_LINES + 1))
        padded = any(PADDING.search(doc.lines[j]) for j in near)
        number = doc.lines[i].strip()
        if block.end - block.start == 1:
            return ctx.remove_lines(
                f"number {number!r} left of the hidden preview", i, i + 1, "Remove the preview's number",
                applicability=None if padded else Applicability.UNSAFE,
                evidence=_digits_evidence(padded, block is not first))
        start, end = doc.offset(i), doc.offset(i + 1)  # the first line of its paragraph, with its line break
        return ctx.finding(f"number {number!r} left of the hidden preview", start, end, [Edit(start, end)],
                           "Remove the preview's number", None if padded else Applicability.UNSAFE,
                           _digits_evidence(padded, block is not first))
    return None


def _digits_evidence(padded: bool, under_subject: bool) -> tuple[str, ...]:
    return (
        "a line of digits alone at the preheader's place: "
        + ("under the subject, repeated as the email's first line" if under_subject else "the email's first line"),
        "the preview's invisible padding stands beside it" if padded
        else "no padding beside it: a judgement that it is the preview's residue",
    )
