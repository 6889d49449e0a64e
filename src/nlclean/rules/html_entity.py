"""NL501 html-entity: an html entity left in the text.

## What it does
Finds `&amp;`, `&#8217;`, `&#8217` (no semicolon), `&nbsp;`, `&quot;`, hex
forms and every named entity in prose, and writes the character instead.
Code spans, fenced and indented code, link destinations, autolinks, bare
URLs and html tags are left alone.

Where the character would change the markdown's structure (`<`, `*`, `_`,
`[`, `` ` ``, `\\`, `&` before an entity-like word, `$`, a `#` or `>` opening a
line, `!` before `[`), it is written backslash-escaped, so the rendered text
stays the same: `&lt;b&gt;` becomes `\\<b>`, not a tag.

In plain text nothing needs escaping, but a line break is structure there
too: `&#13;` or `&NewLine;` decoded would split its line (the next run would
read two lines, and the layout rules judge lines), so it stays as written.

Whitespace entities at a paragraph line's edge (`&nbsp;` alone on a line, or
before a line's first letter, or after its last word) are the email's layout
spacing: decoded, U+00A0 is not markdown whitespace and a renderer trims it,
so they are cut, with the spaces beside them, where the cut cannot change the
structure (not before a `#` or a list marker, not before an indented line,
not inside a paragraph it would split, not above a setext underline). Where
it could, the entity stays as it is.

## Why is this bad?
Entities are html's, left over from the email; in markdown text they are
noise for every reader and tool that is not a browser.

## Example
`Tom&#8217;s &amp; Jerry&rsquo;s` becomes `Tom’s & Jerry’s`.

## Fix safety
Safe: the rendered text is the same.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from html.entities import html5
from typing import Iterator

from ..findings import Edit, Finding
from ..guard import words
from ..inline_syntax import is_protected
from ..markers import LineHits
from .base import Rule

# Without a semicolon a numeric entity must end at its last digit: `&#87654321;`
# is text (CommonMark allows 7 digits), not `&#8765432` followed by `1;`.
ENTITY = re.compile(
    r"&(?:([A-Za-z][A-Za-z0-9]{1,31});|#([0-9]{1,7})(?:;|(?![0-9]))|#[xX]([0-9A-Fa-f]{1,6})(?:;|(?![0-9A-Fa-f])))"
)
_ALWAYS_ESCAPE = set("\\`*_[]<>$|~")
_LINE_START_ESCAPE = set("#>-+=")
_ENTITY_AHEAD = re.compile(r"[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}")


def decode(match: re.Match) -> str | None:
    name, dec, hexa = match.groups()
    if name is not None:
        return html5.get(name + ";")
    try:
        code = int(dec) if dec is not None else int(hexa, 16)
    except ValueError:
        return None
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return html.unescape(f"&#{code};")


_REST_OF_LINE_BLANK = re.compile(r"[^\S\n]*(?:\n|\Z)")


def _after_line_start(text: str, i: int) -> bool:
    """Whether only spaces and `>` stand between the start of i's line and i.
    Looks back over that run only, so a long line with many entities stays linear."""
    while i > 0 and text[i - 1] in " >":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


@lru_cache(maxsize=4)
def _link_punctuation(text: str) -> tuple[list[int], list[int]]:
    """Where `](` and `)` are in a block's text, found once per block."""
    return [m.start() for m in re.finditer(r"\]\(", text)], [m.start() for m in re.finditer(r"\)", text)]


def _inside_link_destination(text: str, i: int) -> bool:
    """Whether i follows a `](` with no `)` in between (a would-be destination or title)."""
    opens, closes = _link_punctuation(text)
    k = bisect_left(opens, i) - 1
    if k < 0:
        return False
    j = bisect_left(closes, opens[k] + 2)
    return j == len(closes) or closes[j] >= i


def markdown_safe(char: str, text: str, start: int, end: int) -> str:
    """The decoded text, escaped where it would otherwise become markdown syntax."""
    if len(char) != 1:
        return char
    at_line_start = _after_line_start(text, start)
    at_line_end = _REST_OF_LINE_BLANK.match(text, end) is not None
    # Whitespace is structure (a tab or newline, or a space at a line's edge,
    # would start code, end a paragraph or vanish): such entities stay.
    if char in " \t\n\r\f\v" or (char.isspace() and (at_line_start or at_line_end)):
        return text[start:end]
    if char == "#" and at_line_end:
        return "\\#"  # would close an ATX heading
    if char in "\"'()":
        if _inside_link_destination(text, start) or (char == "(" and text[start - 1 : start] == "]"):
            return "\\" + char  # would complete a link destination or title
    if char == ":" and text[start - 1 : start] == "]":
        return "\\:"  # would make a link reference definition
    if char in ".)":
        digits = start
        while digits > 0 and start - digits < 10 and text[digits - 1].isdigit():
            digits -= 1
        if digits < start and _after_line_start(text, digits):
            return "\\" + char  # `1.` would start an ordered list
    if char in _ALWAYS_ESCAPE or (at_line_start and char in _LINE_START_ESCAPE):
        return "\\" + char
    if char == "&" and _ENTITY_AHEAD.match(text, end):
        return "\\&"
    if char == "!" and text.startswith("[", end):
        return "\\!"
    if at_line_start and char.isdigit():
        return char  # "1." could start a list only with more text; digits alone are safe
    return char


def text_safe(char: str, entity: str) -> str:
    """The decoded text for plain text: as it is, unless it holds a line break,
    which would make one line two (then the entity stays)."""
    return entity if "\n" in char or "\r" in char else char


class HtmlEntity(Rule):
    code = "NL501"
    name = "html-entity"
    family = "normalise"
    summary = "Html entity in prose (decoded, escaped where markdown needs it)"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        # Prefilter: one scan of the whole text finds the lines that hold an
        # entity at all (most blocks hold none; many hold an `&` in a URL).
        # An entity never spans a line, so a block's own scan below finds
        # exactly the matches of the whole text's scan on its lines.
        starts = doc.line_starts
        entity_lines = LineHits(bisect_right(starts, m.start()) - 1 for m in ENTITY.finditer(doc.text))
        if not entity_lines:
            return
        blocks = doc.inline_blocks() if doc.format == "markdown" else doc.blocks
        for block in blocks:
            if not entity_lines.touches(block.start, block.end):
                continue
            source = doc.source(block)
            if "&" not in source:
                continue
            protected = doc.protected(block) if doc.format == "markdown" else []
            base = doc.offset(block.start)
            edits, names = [], []
            cut_spans = []
            if doc.format == "markdown" and block.kind == "paragraph":
                next_line = doc.lines[block.end] if block.end < len(doc.lines) else ""
                for start, end, cut_names in _edge_whitespace_cuts(source, protected, next_line):
                    edits.append(Edit(base + start, base + end, ""))
                    names.append(cut_names)
                    cut_spans.append((start, end))
            for m in ENTITY.finditer(source):
                if m.start() > 0 and source[m.start() - 1] == "\\":
                    continue  # `\&amp;` is text, not an entity
                if is_protected(protected, m.start()):
                    continue
                if any(start <= m.start() < end for start, end in cut_spans):
                    continue  # cut with its line's edge whitespace above
                char = decode(m)
                if char is None:
                    continue
                replacement = (markdown_safe(char, source, m.start(), m.end()) if doc.format == "markdown"
                               else text_safe(char, m.group(0)))
                if replacement == m.group(0):
                    continue  # kept as it is: decoding would change the structure
                edits.append(Edit(base + m.start(), base + m.end(), replacement))
                names.append(m.group(0))
            order = sorted(range(len(edits)), key=lambda k: edits[k].start)
            edits, names = [edits[k] for k in order], [names[k] for k in order]
            edits, names = _keeping_words(source, base, edits, names)
            if edits:
                shown = ", ".join(sorted(set(names))[:4])
                yield ctx.finding(
                    f"html entit{'y' if len(edits) == 1 else 'ies'} {shown}",
                    edits[0].start,
                    edits[-1].end,
                    edits,
                    "Decode html entities",
                )


# A line's edge: horizontal whitespace and entities that decode to whitespace.
_BLANK_NEXT_LINE = re.compile(r"[ >\t]*$")
_SETEXT_UNDERLINE = re.compile(r"[ >]*(?:=+|-+)[ \t]*$")
# What may stand before a cut at a line's end: no `\\` (a hard break), no `#`
# (an ATX closing sequence), no `-`, `=`, `*`, `_`, `|` (breaks, underlines, tables).
_SAFE_BEFORE_TRAILING_CUT = re.compile(r"[^\W_]|[.,;:!?)\"'\u2019\u201d\u00bb\u2026]")


def _is_layout_space(char: str | None) -> bool:
    """A space an email lays out with (no-break, en, em, thin, ideographic...):
    whitespace that markdown does not read as such. Tabs and line breaks are
    markdown's own whitespace and stay entities."""
    return bool(char) and char.isspace() and char not in " \t\n\r\f\v"


def _whitespace_run(line: str, pos: int) -> tuple[int, list[str]]:
    """Where a run of spaces, tabs and whitespace entities starting at pos ends, and its entities."""
    found = []
    while pos < len(line):
        if line[pos] in " \t":
            pos += 1
            continue
        m = ENTITY.match(line, pos)
        if not (m and _is_layout_space(decode(m))):
            break
        found.append(m.group(0))
        pos = m.end()
    return pos, found


def _edge_whitespace_cuts(source: str, protected, next_line: str) -> list[tuple[int, int, str]]:
    """Cuts (start, end, entities) of whitespace entities at a paragraph line's edges.

    `&nbsp;` at a line's edge is spacing an email used for layout. Decoded it
    would change how the line parses (U+00A0 is not markdown whitespace) or be
    trimmed by a renderer, so it is cut, with the spaces beside it, where the
    cut cannot change the structure: a line that holds nothing else goes (the
    paragraph's first line only when a letter starts the next one; any other
    line only when it ends the paragraph or a blank line follows it), and a
    run at the start of a line before a letter, or at its end after a letter,
    digit or closing punctuation, is cut from the line."""
    cuts = []
    lines = source.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        prefix = len(line) - len(line.lstrip(" >"))
        lead_end, lead = _whitespace_run(line, prefix)
        if lead and not is_protected(protected, offset + prefix):
            first = line.index(lead[0], prefix)
            if lead_end == len(line):
                after = lines[index + 1] if index + 1 < len(lines) else next_line
                last_line = index + 1 == len(lines)
                if index == 0 and not last_line:
                    rest = after.lstrip(" >")
                    if rest[:1].isalpha() and len(after) - len(after.lstrip(" ")) < 4:
                        cuts.append((offset, offset + len(line) + 1, ", ".join(sorted(set(lead)))))  # the line, prefix and all
                elif (last_line or _BLANK_NEXT_LINE.match(after)) and not _SETEXT_UNDERLINE.match(next_line if last_line else after):
                    cuts.append((offset + first, offset + len(line), ", ".join(sorted(set(lead)))))
                offset += len(line) + 1
                continue
            if line[lead_end : lead_end + 1].isalpha():
                cuts.append((offset + first, offset + lead_end, ", ".join(sorted(set(lead)))))
        trail_start = _trailing_run_start(line, max(lead_end if lead else prefix, prefix))
        if trail_start is not None and not is_protected(protected, offset + trail_start):
            end, trail = _whitespace_run(line, trail_start)
            if trail and end == len(line) and _SAFE_BEFORE_TRAILING_CUT.match(line, trail_start - 1):
                cuts.append((offset + trail_start, offset + len(line), ", ".join(sorted(set(trail)))))
        offset += len(line) + 1
    return cuts


def _trailing_run_start(line: str, floor: int) -> int | None:
    """Where the line's trailing run of whitespace and whitespace entities starts (None: no entity in it)."""
    pos = len(line)
    start = None
    while pos > floor:
        if line[pos - 1] in " \t":
            pos -= 1
            continue
        semi = line.rfind("&", floor, pos)
        if semi < 0:
            break
        m = ENTITY.fullmatch(line, semi, pos)
        if not (m and _is_layout_space(decode(m))):
            break
        pos = semi
        start = pos
    if start is None:
        return None
    while pos > floor and line[pos - 1] in " \t":
        pos -= 1
    return pos if pos > floor else None


# Where text can be cut without changing how the guard counts its words (`guard._SAFE`).
_WORD_SAFE_CUT = re.compile(r"[ \t\n\f]+")


def _keeping_words(source: str, base: int, edits: list[Edit], names: list[str]) -> tuple[list[Edit], list[str]]:
    """The edits, less those that would make a word the text did not have.

    A character decoded next to others can make another entity with them, one
    that html reads without its `;`: `mai&amp;lto:` becomes `mai&lto:`, which
    is "mai<o:", and the word "o" (`&&#108;t` the same way). Such a stretch
    (a run of text between spaces, which no entity crosses) keeps its
    entities as they are: they render the same either way."""
    kept, kept_names = [], []
    k, searched_to = 0, 0
    while k < len(edits):
        # The run of text around this edit (searched back only to the last run, so a long line stays linear).
        at = edits[k].start - base
        run_start = max(source.rfind(c, searched_to, at) for c in " \t\n\f") + 1
        run_start = max(run_start, searched_to)
        cut = _WORD_SAFE_CUT.search(source, edits[k].end - base)
        run_end = cut.start() if cut else len(source)
        j = k
        while j < len(edits) and edits[j].start - base < run_end:
            j += 1
        pieces, pos = [], run_start
        for edit in edits[k:j]:
            pieces += [source[pos : edit.start - base], edit.replacement]
            pos = edit.end - base
        pieces.append(source[pos:run_end])
        if not words("".join(pieces)) - words(source[run_start:run_end]):
            kept += edits[k:j]
            kept_names += names[k:j]
        k, searched_to = j, run_end
    return kept, kept_names
