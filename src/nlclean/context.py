"""What a rule is given: the parsed document, the marker data, the settings,
the findings of the rules before it, and the edits every removal rule shares.

Its own module so that a rule depends on this and not on the engine that runs
it (`import nlclean.rules.base` does not import `nlclean.engine`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .document import Document
# The parser documents are read with, so that `gap_between` answers as the next round's parse will.
from .document import _PARSER as _BLOCK_PARSER
from .findings import Applicability, Edit, Finding, Fix
from .guard import separator
from .inline_syntax import container_prefix, markup_escape_at, opens_block, visible_text, with_final_newline
from .markers import Markers
from . import memo
from .settings import Settings

if TYPE_CHECKING:
    from .rules.base import Rule
    from .suppression import Suppressions

# Characters a reader does not see (preheader padding); a block of only these is empty.
INVISIBLE = "\u034f\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2007\u200e\u200f"


@dataclass
class CheckContext:
    doc: Document
    markers: Markers
    settings: Settings
    # Findings of the rules that ran before this one (rules run in registry
    # order), for rules that follow others, like the table-of-contents rule.
    earlier: list[Finding] = field(default_factory=list)
    rule: "type[Rule] | None" = None
    # The file the document was read from, when there is one (the template rule's
    # last clue to the sender: the folder the file is in).
    path: str | None = None
    # The document's suppression comments, and the codes of the rules this run
    # checks: for the rule that reports unused directives (NL901), which runs last.
    suppressions: "Suppressions | None" = None
    codes_run: frozenset[str] = frozenset()
    _top_starts: set[int] | None = None
    _nested: set[int] | None = None

    # --- building findings ------------------------------------------------------

    def finding(
        self,
        message: str,
        start: int,
        end: int,
        edits: "list[Edit] | Callable[[], list[Edit]] | None" = None,
        fix_title: str | None = None,
        applicability: Applicability | None = None,
        evidence: tuple[str, ...] = (),
    ) -> Finding:
        rule = self.rule
        assert rule is not None
        fix = None
        if edits:
            fix = Fix(
                title=fix_title or message,
                edits=edits if callable(edits) else tuple(sorted(edits)),
                applicability=applicability or rule.fix_safety,
            )
        return Finding(
            code=rule.code,
            name=rule.name,
            message=message,
            start=start,
            end=end,
            start_pos=self.doc.position(start),
            end_pos=self.doc.position(end),
            severity=rule.severity,
            fix=fix,
            evidence=evidence,
        )

    # --- edits every removal rule shares ----------------------------------------------

    def delete_lines(self, start: int, end: int) -> Edit:
        """Delete lines [start, end) with the blank lines that follow them, so the
        text around closes up as if the block had never been there."""
        deleting = self._deleting_lines(start, end)
        return (deleting() if callable(deleting) else deleting)[0]

    def _deleting_lines(self, start: int, end: int) -> "list[Edit] | Callable[[], list[Edit]]":
        """`delete_lines`'s edit, or a function that makes it when the edit
        depends on whether the blocks around would run together (`gap_between`
        parses them): a lint that never prints or applies the fix never asks."""
        doc = self.doc
        if not self._starts_top_level_block(start):
            # Inside a list or quote: only the lines themselves, so the
            # container keeps its own spacing.
            last = min(end, len(doc.lines)) - 1
            while last > start and doc.is_blank(last):
                last -= 1
            if last + 1 < len(doc.lines):
                a, b = doc.offset(start), doc.offset(last + 1)
                if start > doc.body_start and not doc.is_blank(start - 1) and not doc.is_blank(last + 1):
                    question = _gap_question(doc, start - 1, last + 1)
                    if question is not None:
                        def keeping_apart() -> list[Edit]:
                            # A blank line (in the quote's markers) where the two around would run together.
                            gap = _gap_answer(*question)
                            return [Edit(a, b, "" if gap is None else gap + "\n")]
                        return _when_asked(keeping_apart)
                return [Edit(a, b)]
            return [Edit(doc.line_end(start - 1) if start > doc.body_start else doc.offset(start), doc.line_end(last))]
        nxt = end
        while nxt < len(doc.lines) and doc.is_blank(nxt):
            nxt += 1
        if nxt < len(doc.lines):
            with_blanks = Edit(doc.offset(start), doc.offset(nxt))
            if start > doc.body_start and not doc.is_blank(start - 1):
                question = _gap_question(doc, start - 1, nxt)
                if question is not None:
                    # The lines stood between two blocks that would run together
                    # without them: one blank line stays (or takes their place).
                    one_blank_stays = Edit(doc.offset(start), doc.line_end(nxt - 1))
                    return _when_asked(lambda: [with_blanks if _gap_answer(*question) is None else one_blank_stays])
            return [with_blanks]
        # At the end: take the blank lines before instead, keeping the final newline as it was.
        first = start
        while first - 1 >= doc.body_start and doc.is_blank(first - 1):
            first -= 1
        last = end - 1
        while last > start and last >= len(doc.lines):
            last -= 1
        if first > doc.body_start:
            return [Edit(doc.line_end(first - 1), doc.line_end(min(last, len(doc.lines) - 1)))]
        return [Edit(doc.offset(first), doc.line_end(min(last, len(doc.lines) - 1)))]

    def _starts_top_level_block(self, line: int) -> bool:
        if self._top_starts is None:
            self._top_starts = {b.start for b in self.doc.blocks}
        return line in self._top_starts or line not in self._nested_starts()

    def _nested_starts(self) -> set[int]:
        if self._nested is None:
            self._nested = {i for b in self.doc.all_blocks if b.depth > 0 for i in range(b.start, b.end)}
        return self._nested

    def lines_range(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of lines [start, end) without trailing blank lines: the range a finding reports."""
        doc = self.doc
        last = min(end, len(doc.lines)) - 1
        while last > start and doc.is_blank(last):
            last -= 1
        return doc.offset(start), doc.line_end(max(last, start))

    def remove_lines(self, message: str, start: int, end: int, title: str, evidence: tuple[str, ...] = (),
                     applicability: Applicability | None = None) -> Finding:
        a, b = self.lines_range(start, end)
        return self.finding(message, a, b, self._deleting_lines(start, end), title, applicability, evidence)


    def remove_inline(self, block, spans: list[tuple[int, int]], message: str, title: str,
                      evidence: tuple[str, ...] = (), applicability: Applicability | None = None) -> Finding:
        """Remove spans (offsets relative to the block's source); when nothing a
        reader sees is left of the block, remove the whole block instead."""
        doc = self.doc
        source = doc.source(block)
        rest, pos = [], 0
        for a, b in sorted(spans):
            rest.append(source[pos:a])
            pos = b
        rest.append(source[pos:])
        base = doc.offset(block.start)
        if not visible_text("".join(rest)).strip(INVISIBLE + " \t\n"):
            start, end = block.start, block.end
            parent = block.parent
            if parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
                start, end = parent.start, parent.end
            return self.remove_lines(message, start, end, title, evidence, applicability)
        edits = [Edit(base + a, base + b, gap) for a, b, gap in close_up(source, sorted(spans))]
        return self.finding(message, edits[0].start, edits[-1].end, edits, title, applicability, evidence)


# How many lines of a list or quote `gap_between` reads above a removal inside
# it: enough for any real one, and a bound on the work (a newsletter forwarded
# whole inside a quote, with many removals in it, must not be read again for each).
_MOST_LINES_READ = 200
_QUOTE_MARKERS = re.compile(r"[> \t]*")


def gap_between(doc: Document, upper: int, lower: int) -> str | None:
    """The blank line to keep between line `upper` and line `lower` (both with
    text) when a removal would bring them together, or None when nothing runs
    on: when, one under the other, the block that `upper` ends would take
    `lower` in, or be turned into another (a quote taking the next quote in,
    where an html line of it becomes a paragraph's text; a paragraph going on
    into the next one, or underlined into a setext heading; a table taking the
    line as a row), and a blank line keeps them apart. Inside a quote the blank
    line keeps the quote's markers (`>`), so that the quote goes on around it.

    Read by parsing the lines of the top-level block above with the line under
    them, twice (a block's length, within `_MOST_LINES_READ` inside a list or
    quote: removals with text right above and below them are few)."""
    question = _gap_question(doc, upper, lower)
    return None if question is None else _gap_answer(*question)


def _gap_question(doc: Document, upper: int, lower: int) -> tuple[list[str], str, str] | None:
    """What `gap_between` parses: the lines above, the line below and the gap
    that may keep them apart; None when it is answered without a parse."""
    if doc.format != "markdown":
        return None
    i = bisect_left(doc.all_blocks, lower, key=lambda block: block.start)
    if i == len(doc.all_blocks) or doc.all_blocks[i].start != lower:
        return None  # `lower` went on from the lines above it (a paragraph's): no block of its own to keep apart
    k = bisect_right(doc.blocks, upper, key=lambda block: block.start) - 1
    if k < 0 or doc.blocks[k].end <= upper:
        return None  # above is no block's line (a link reference definition)
    top = doc.blocks[k]
    if top.end == upper + 1:
        gap = ""  # the last line of a top-level block: the two stand apart at the top level
    elif upper - top.start < _MOST_LINES_READ:
        gap = _QUOTE_MARKERS.match(doc.lines[lower]).group().rstrip()
    else:
        return None
    return doc.lines[top.start : upper + 1], doc.lines[lower], gap


def _gap_answer(above: list[str], below: str, gap: str) -> str | None:
    if _starts_a_block(above + [below], len(above)) or not _starts_a_block(above + [gap, below], len(above) + 1):
        return None
    return gap


def _when_asked(make: "Callable[[], list[Edit]]") -> "list[Edit] | Callable[[], list[Edit]]":
    """`make`, to be called when the fix is first asked for; its edits at once
    with every shortcut off (`memo.SHORTCUTS`), so the tests compare the two."""
    return make if memo.SHORTCUTS else make()


def blank_lines_between_blocks(doc: Document, edits: list[Edit]) -> list[Edit]:
    """The blank lines a round's edits must add so that no two blocks run
    together (see `gap_between`), as edits that insert them.

    Each removal of whole lines keeps its own neighbours apart
    (`delete_lines`), but two removals of one rule side by side each see the
    other's lines, not what stays: `> quote` / list / list / `> quote` lost
    both lists and the two quotes became one. So the round's removals are
    read together: each run of touching deletions that leaves a line with
    text right under another."""
    if doc.format != "markdown":
        return []
    text, starts = doc.text, doc.line_starts
    added: list[Edit] = []
    ordered = sorted(edits)
    k = 0
    while k < len(ordered):
        first = k
        while k + 1 < len(ordered) and ordered[k + 1].start == ordered[k].end:
            k += 1
        start, end = ordered[first].start, ordered[k].end
        k += 1
        if any(e.replacement for e in ordered[first:k]) or end >= len(text):
            continue
        if (start == 0 or text[start - 1] == "\n") and text[end - 1] == "\n":
            upper, lower = bisect_right(starts, start) - 2, bisect_right(starts, end) - 1  # whole lines went
        elif text[start] == "\n" and text[end] == "\n":
            upper, lower = bisect_right(starts, start) - 1, bisect_right(starts, end)  # "\nline" went: the same
        else:
            continue
        if doc.body_start <= upper and lower < len(doc.lines) and not doc.is_blank(upper) and not doc.is_blank(lower):
            gap = gap_between(doc, upper, lower)
            if gap is not None:
                added.append(Edit(end, end, gap + "\n" if text[end - 1] == "\n" else "\n" + gap))
        if lower < len(doc.lines) and text[end - 1] == "\n":
            added += _keep_out_of_the_list_above(doc, upper, lower, ordered)
    return added


# The spaces a top-level block's first line starts with (tabs: none of this applies).
_LEADING_SPACES = re.compile(r" +(?=[^ \t\n])")
_BACKTICK_RUNS = re.compile(r"`+")


def _keep_out_of_the_list_above(doc: Document, upper: int, lower: int, edits: list[Edit]) -> list[Edit]:
    """The edits that keep an indented block where it stood when a removal
    would otherwise let the list above take it in.

    A list item goes on across blank lines with any line indented as far as its
    text. `  <div>` stood at the top level under a quote and went into the list
    item above once the quote was removed, where its last line `- ```` became a
    list item opening a code fence (scripts/fuzz.py, seed 9100169).

    - Indented one to three spaces, the block shows the same without them:
      each of its lines loses as many as the first line has (or all it has),
      so the lines keep their places relative to one another (a fence's code,
      an item's continuations).
    - Indented four or more, it is an indented code block, which no indentation
      keeps out of the list: it is written as a fenced code block with the same
      code (what it shows is unchanged; the fence is longer than any run of
      backticks in the code).

    None when no list stands above, nothing would move, the indentation holds
    a tab, or another edit of the round touches the block (it waits for the next round)."""
    if doc.format != "markdown":
        return []
    # A removal that leaves its blank line behind (an html block right under the list, a blank line after
    # it) leaves the block under the blank: the list item goes on across it all the same (fuzz.py, batch
    # seed 10600012).
    while lower < len(doc.lines) and doc.is_blank(lower):
        lower += 1
    if lower == len(doc.lines):
        return []
    indent = _LEADING_SPACES.match(doc.lines[lower])
    if indent is None:
        return []
    i = bisect_left(doc.blocks, lower, key=lambda block: block.start)
    if i == len(doc.blocks) or doc.blocks[i].start != lower:
        return []  # not a top-level block of its own: it is some block's already
    block = doc.blocks[i]
    above = upper
    while above >= doc.body_start and doc.is_blank(above):
        above -= 1
    k = bisect_right(doc.blocks, above, key=lambda b: b.start) - 1
    top = doc.blocks[k] if k >= 0 and above >= doc.body_start else None
    if top is None or top.kind not in ("bullet_list", "ordered_list") or not top.start <= above < top.end:
        return []
    # The last item decides what an indented line under the list belongs to.
    item = next((child for child in reversed(top.children) if child.start <= above), top)
    lines = doc.lines[item.start : above + 1] + ["", doc.lines[lower]]
    row = len(lines) - 1
    if any(t.level == 0 and t.nesting >= 0 and t.map is not None and t.map[0] == row
           for t in _BLOCK_PARSER.parse(with_final_newline("\n".join(lines)))):
        return []
    depth = len(indent.group())
    if depth >= 4:
        # Prose a converter indented is read as blocks of its own, but shows as the code block it is.
        end = next((e for s, e in doc.indented_prose if s == lower), block.end)
        if block.kind != "code_block" and not block.indented:
            return []
        code_lines = doc.lines[lower:end]
        if any("\t" in line[: len(line) - len(line.lstrip())] for line in code_lines):
            return []
        code = [line[min(4, len(line) - len(line.lstrip(" "))) :] for line in code_lines]
        fence = "`" * max([3] + [len(run) + 1 for run in _BACKTICK_RUNS.findall("\n".join(code))])
        wanted = [Edit(doc.offset(lower), doc.line_end(end - 1), "\n".join([fence, *code, fence]))]
    else:
        wanted = []
        for line in range(block.start, block.end):
            spaces = len(doc.lines[line]) - len(doc.lines[line].lstrip(" "))
            if spaces:
                wanted.append(Edit(doc.offset(line), doc.offset(line) + min(spaces, depth), ""))
    taken = sorted(edits)
    for edit in wanted:
        j = bisect_left(taken, edit.end, key=lambda e: e.start)
        if j and taken[j - 1].end > edit.start:
            return []
    return wanted


# Table rows and cells are parts of their table, not blocks that start.
_TABLE_PARTS = frozenset({"thead_open", "tbody_open", "tr_open", "th_open", "td_open"})


def _starts_a_block(lines: list[str], row: int) -> bool:
    """Whether a block of `lines` (at any depth) starts at `row`."""
    return any(t.map is not None and t.map[0] == row and t.nesting >= 0 and t.type not in _TABLE_PARTS
               for t in _BLOCK_PARSER.parse(with_final_newline("\n".join(lines))))


# What a line may keep and still be empty: blanks, or a list item's marker alone.
_LEFT_EMPTY = re.compile(r"\s*|[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*")


def close_up(source: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Widen inline removals so the text closes up as if they had never been
    there: (start, end, what goes in their place).

    A line left with nothing on it goes with its newline (a blank line would
    split the paragraph in two), and so does a line left with a list item's
    marker alone (a bare `-` under a paragraph would make it a setext heading); spaces left at the end of a line go (two of
    them would turn the line break into a hard break). Spans are sorted and do
    not overlap; a span that crosses a line break is left as it is. A removal
    between two words (`trivia[](x)news`) leaves a space, so that the words
    stay apart and do not become a new one ("trivianews").
    """
    out: list[tuple[int, int]] = []
    by_line: dict[int, list[tuple[int, int]]] = {}
    for a, b in spans:
        if "\n" in source[a:b]:
            out.append((a, b))
        else:
            by_line.setdefault(source.rfind("\n", 0, a) + 1, []).append((a, b))
    for line_start, on_line in by_line.items():
        line_end = source.find("\n", line_start)
        line_end = len(source) if line_end == -1 else line_end
        kept, pos = [], line_start
        for a, b in on_line:
            kept.append(source[pos:a])
            pos = b
        kept.append(source[pos:line_end])
        if _LEFT_EMPTY.fullmatch("".join(kept)):
            # The whole line goes: with its newline, or with the one before it on the last line.
            # A list marker left alone goes too: a bare `-` under a paragraph would make it a heading.
            if line_end < len(source):
                out.append((line_start, line_end + 1))
            else:
                out.append((max(line_start - 1, 0), line_end))
            continue
        a, b = on_line[0]
        if not source[line_start:a].strip():  # nothing before it: the spaces after it go too
            while b < line_end and source[b] in " \t":
                b += 1
            on_line[0] = (a, b)
        a, b = on_line[-1]
        if b == line_end:  # nothing after it: the spaces before it go too
            while a > line_start and source[a - 1] in " \t":
                a -= 1
            on_line[-1] = (a, b)
        out.extend(on_line)
    return _keep_words_apart(source, sorted(out))


def _keep_words_apart(source: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Each removal with the text that replaces it: a space where the text on
    its two sides would otherwise run together into another word, else nothing.

    Touching spans are one removal; its two sides are compared as the guard
    counts words (`guard.separator`)."""
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[tuple[int, int, str]] = []
    for k, (a, b) in enumerate(merged):
        # Only the text up to the neighbouring removals counts (what stays).
        next_start = merged[k + 1][0] if k + 1 < len(merged) else len(source)
        left = source[max(merged[k - 1][1] if k else 0, a - 64) : a]
        right = source[b : min(next_start, b + 64)]
        escape = _markup_made_by_removal(source, merged, k)
        previous_end = merged[k - 1][1] if k else 0
        if escape is not None and b <= escape <= next_start:
            out.append((a, escape, source[b:escape] + "\\"))
        elif escape is not None and previous_end <= escape < a and previous_end <= source.rfind("\n", 0, a) + 1:
            # Before this removal, and no removal earlier on the line (that one places it).
            out.append((escape, b, "\\" + source[escape:a]))
        else:
            out.append((a, b, separator(left, right)))
    return out


def _markup_made_by_removal(source: str, removals, k: int) -> int | None:
    """Where a backslash must go when removing source[a:b], `removals[k]`, makes its line open
    a block it did not open before (`[](icon) - item` a list, ``` ``[](x)` ```
    a fence), or None.

    The line is read as it will stay, with every one of `removals` (sorted,
    apart) on it gone: two icons with a space between them are two removals,
    and neither alone brings the ``` ``` ``` after them to the line's start
    (`> [](a) [](b) ```` ` became a fence in a quote: scripts/fuzz.py, batch
    seed 11000382). Every removal on the line gets the same answer; the caller
    lets only the one beside the marker place the backslash."""
    a, b = removals[k]
    line_start = source.rfind("\n", 0, a) + 1
    line_start += min(container_prefix(source[line_start:a]), a - line_start)  # inside its quotes and list items
    line_end = source.find("\n", b)
    line_end = len(source) if line_end == -1 else line_end
    kept: list[str] = []
    origins: list[int] = []  # where each kept piece starts in source
    # The removals on this line only (sorted and apart: their ends grow too), not the whole document's.
    first_on_line, after_line = k, k + 1
    while first_on_line and removals[first_on_line - 1][1] > line_start:
        first_on_line -= 1
    while after_line < len(removals) and removals[after_line][0] < line_end:
        after_line += 1
    pos = line_start
    for start, end in removals[first_on_line:after_line]:
        if start > pos:
            kept.append(source[pos:start])
            origins.append(pos)
        pos = max(pos, end)
    if pos < line_end:
        kept.append(source[pos:line_end])
        origins.append(pos)
    line = "".join(kept)
    at = markup_escape_at(line)
    first = source.rfind("\n", 0, a) == -1
    if at is None or not opens_block(line, first=first) or opens_block(source[line_start:line_end], first=first):
        return None
    for piece, origin in zip(kept, origins):
        if at < len(piece):
            return origin + at
        at -= len(piece)
    return None
