"""Evidence: the units a flattened email is made of, presented to the rules as blocks.

A converter that drops an email's line breaks leaves the whole email (or a
long run of it) in one paragraph: the masthead, an ad, three stories, a
poll, the follow row and the footer on a single line. Every rule reads
blocks and lines, so it sees one block holding story and noise together and
removes nothing (or everything). A reader still sees the units by their
shape; so does this module:

- a link's end (`Read more ( https://… )`, a bare URL, `[text](url)`)
  followed by a word that opens a new unit (a capital or a digit; `and
  LinkedIn ( … )` continues the one before);
- a separator between units: ` | `, a bar of dashes or rules (`———`), a run
  of three or more spaces;
- a headline in capitals (`HEAT PUMPS OUTSELL GAS BOILERS`) between
  sentences: a unit of its own, the story after it another;
- a question followed by a short link: the answers of a poll
  (`Did you …? Yes ( https://… ) No ( https://… )`);
- a sponsor label that opens a sentence ("… an upset. Presented by Acme"),
  read from the marker data as NL101 reads it.

`present(doc, markers)` returns the document as the rules should read it:
each flattened paragraph (long, on one line or hard-wrapped again, with
breaks of two kinds or more) with its units set apart by a blank line,
every other line as it was; and the way
back: each offset of that text to the offset of the input it stands for.
The engine runs the rules on the presented text and maps their findings
back (`Presented.finding_in_source`), so a finding cuts an exact sub-range
of the flattened paragraph: the unit, with the separator and spaces before
the next one, never the story around it. The input itself keeps its layout:
no line break is written into it. A removal of whole lines of the presented
text (a line and its line end, as a footer zone removes them) that ends on
the blank line of a break takes the break: in the input, the unit up to the
next one. An edit on that blank line alone changes only the presentation,
and is dropped.

Example: `View this email in your browser ( https://x/web ) MORNING NEWS
Good morning. … Unsubscribe ( https://x/u ) | Manage preferences ( https://x/p )`
is read as the units `View this email in your browser ( https://x/web )`,
`MORNING NEWS`, `Good morning. …`, `Unsubscribe ( … )`, `Manage preferences ( … )`.

A paragraph that is all story (long sentences, links inside them) shows too
few boundaries, or boundaries of one kind only (a row of links), and is
presented as it is. So is every other block: a document without a
flattened paragraph is not presented at all.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..findings import Edit, Finding, Fix
from ..guard import JOIN_WINDOW, separator
from ..inline_syntax import address_spans, code_spans, links, markup_escape_at, merge_spans, opens_block

if TYPE_CHECKING:
    from ..document import Block, Document
    from ..markers import Markers

# A paragraph is flattened text only when it is this long (its URLs left out;
# on one line, or hard-wrapped again), and it shows this many unit boundaries ...
_FLAT_LENGTH = 320
_MIN_BOUNDARIES = 3
# ... of two kinds at least: a row of links alone (`[a](x) [b](y) [c](z)`) is
# one unit, not a flattened email.
_MIN_KINDS = 2
# What is written between two units in the presented text: a blank line, so each is a block.
_UNIT_BREAK = "\n\n"

# `( https://… )` as plain-text parts write links, a bare URL, an autolink.
_PAREN_URL = re.compile(r"\(\s*(?:https?|ftp)://[^\s()]*(?:\([^\s()]*\)[^\s()]*)*\s*\)")
_ANY_URL = re.compile(r"(?:https?|ftp)://[^\s)]*")
# Whitespace and what may open the next unit: a capital, a digit, a link, emphasis, a quote.
_UNIT_OPENING = re.compile(r"[\s]+(?=[\"“'‘*_\[(!]*[^\W\d_a-z]|\d|\[|!\[)")
# A separator between units, with the whitespace around it.
_SEPARATOR = re.compile(r"[ \t]+(?:\|[ \t]+|(?:[-—–_=*~#•][ \t]*){3,}(?=\s)|[ \t]{2,})")
# A headline in capitals: two or more words without a lower-case letter, eight letters at least.
_CAPS_WORD = r"(?:[^\s\w]*[^\W\d_a-z](?:[^\W_a-z]|[-'’.&/][^\W_a-z])*[^\s\w]*|\d[\w.,:-]*)(?!\w)"
_CAPS_RUN = re.compile(rf"(?<!\S)(?:{_CAPS_WORD})(?:[ \t]+(?:{_CAPS_WORD}))+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')*_]*\s+$")
# A sentence's first word after a headline: "For the first …", "A brass lens …".
_SENTENCE_OPENING = re.compile(r"[\"“'‘*_]*(?:[^\W\d_a-z][^\W\d_]*[a-z]|[^\W\d_a-z]\s+[a-z])")
_LOOK_BACK = 200
_WORDS_AFTER_LABEL = 8
# What follows a label that names its sponsor: a capitalised word (a colon or dash may come first).
_NAME = re.compile(r"[\s:|—–\-·•*_]*[\"“'‘]?(?:[^\W\d_a-z]|\d)")
_AFTER_LINK = ("after a link", "after a URL")
# A question followed by a short link (`Did you …? Yes ( https://… )`): the answers are units of their own.
_ANSWER_LINK = re.compile(r"\?[\"”’')*_]*(\s+)(?=(?:[^\s(\[]+\s+){0,3}\(\s*(?:https?|ftp)://|\[[^\]\n]{1,40}\]\()")


@dataclass(frozen=True)
class UnitBreak:
    """Where one unit ends and the next begins: the span [start, end) of the
    paragraph's source between them (whitespace, a separator), and why."""

    start: int
    end: int
    reason: str

    @property
    def kind(self) -> str:
        """The reason, with every kind of link's end as one."""
        return "link" if self.reason in _AFTER_LINK else self.reason


def unit_breaks(source: str, markers: "Markers | None" = None) -> list[UnitBreak]:
    """The unit boundaries of a flattened paragraph's source, in order; none
    inside a link or a code span. Of two that overlap, the wider stands."""
    inline = _Inline.of(source)
    candidates = _shape_breaks(inline)
    if markers is not None:
        candidates += _label_breaks(source, markers)
    return _resolved(inline, candidates)


@dataclass(frozen=True)
class _Inline:
    """A paragraph's source with its code spans and markdown links, found once."""

    source: str
    links: list
    unbreakable: list[tuple[int, int]]  # code spans and the insides of links, sorted, merged

    @classmethod
    def of(cls, source: str) -> "_Inline":
        code = code_spans(source)
        found = links(source, code)
        return cls(source, found, merge_spans(code + [(link.start + 1, link.end - 1) for link in found]))

    def is_unbreakable(self, start: int, end: int) -> bool:
        k = bisect_right(self.unbreakable, (end,)) - 1  # the last span that starts before `end`
        return k >= 0 and self.unbreakable[k][1] > start


def _shape_breaks(inline: _Inline) -> list[UnitBreak]:
    """Every candidate break that the text's shape shows (not its words)."""
    source = inline.source
    found = _unlinked_breaks(source)
    for link_end, reason in _link_ends(inline):
        m = _UNIT_OPENING.match(source, link_end)
        if m:
            found.append(UnitBreak(m.start(), m.end(), reason))
    return found


def _unlinked_breaks(source: str) -> list[UnitBreak]:
    """The candidate breaks found without reading links: cheap, so read first."""
    found = [UnitBreak(m.start(1), m.end(1), "before an answer link") for m in _ANSWER_LINK.finditer(source)]
    found += [UnitBreak(m.start(), m.end(), "separator") for m in _SEPARATOR.finditer(source)]
    for m in _CAPS_RUN.finditer(source):
        found += _headline_breaks(source, m.start(), m.end())
    return found


def _resolved(inline: _Inline, candidates: list[UnitBreak]) -> list[UnitBreak]:
    """The candidates in order, without those inside a link or a code span or
    at the paragraph's ends; of overlapping ones the widest."""
    out: list[UnitBreak] = []
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if c.start <= 0 or c.end >= len(inline.source) or c.start >= c.end or inline.is_unbreakable(c.start, c.end):
            continue
        if out and out[-1].end > c.start:
            if c.end - c.start > out[-1].end - out[-1].start:
                out[-1] = c
            continue
        out.append(c)
    return out


def _link_ends(inline: _Inline) -> list[tuple[int, str]]:
    source = inline.source
    ends = [(m.end(), "after a link") for m in _PAREN_URL.finditer(source)]
    # A bare address ends where its written word does: "(Link: https://…)." breaks after the stop.
    ends += [(a.end, "after a URL") for a in address_spans(source, bare_in_links=True, as_written=True)
             if a.link is None and source[a.end : a.end + 1] != ")" and not inline.is_unbreakable(a.start, a.start + 1)]
    ends += [(link.end, "after a link") for link in inline.links]
    return ends


def _headline_breaks(source: str, start: int, end: int) -> list[UnitBreak]:
    """A capitals run standing between sentences is a headline: a unit of its own."""
    run = source[start:end]
    last = run.rsplit(None, 1)[-1]
    if len(last) == 1 and source[end + 1 : end + 2].islower():
        end -= len(last)  # "… COMES HOME A brass lens": the "A" opens the sentence
        run = source[start:end].rstrip()
        end = start + len(run)
    if len(re.findall(r"[^\W\d_]", run)) < 8 or any(ch.islower() for ch in run):
        return []
    before = source[max(0, start - _LOOK_BACK) : start]
    if before.strip() and not (_SENTENCE_END.search(before) or before.rstrip().endswith((")", ">"))):
        return []  # capitals inside a sentence ("the EU AI ACT vote"): no headline
    found = [UnitBreak(start - (len(before) - len(before.rstrip())), start, "before a headline in capitals")]
    if run.endswith(":"):
        return found  # "QUICK POLL: Did you …": a rubric and its question are one unit
    after = source[end : end + _LOOK_BACK]
    space = len(after) - len(after.lstrip())
    if space and _SENTENCE_OPENING.match(after, space):
        found.append(UnitBreak(end, end + space, "after a headline in capitals"))
    return found


def _label_breaks(source: str, markers: "Markers") -> list[UnitBreak]:
    """A sponsor label opening a sentence starts a unit ("… upset. Presented by
    Acme"), when a name follows it: "Sponsored content will appear on the
    screens" and "Presented by the council, the fair …" are a story's sentences."""
    # The labels are NL101's vocabulary, compiled where that rule keeps them.
    from ..rules.sponsor_block import sponsor_labels

    labels = sponsor_labels(markers)
    found = []
    for m in re.finditer(r"[.!?…][\"”’')*_]*(\s+)(?=\S)", source):
        words = source[m.end() : m.end() + 160].split(None, _WORDS_AFTER_LABEL)[:_WORDS_AFTER_LABEL]
        label = labels.leading(" ".join(words))
        if label and _NAME.match(label.rest):
            found.append(UnitBreak(m.start(1), m.end(1), "before a sponsor label"))
    return found


def is_flattened(doc: "Document", block: "Block") -> bool:
    """Whether a top-level paragraph may be flattened text: long, its URLs left
    out (tracking links run long); whether it is, its breaks tell."""
    if block.kind != "paragraph" or block.depth or block.indented:
        return False
    return len(_ANY_URL.sub("", doc.source(block))) >= _FLAT_LENGTH


@dataclass
class Presented:
    """The document as the rules read it, and the way back to the input.

    `doc` is the presented document; each break is an input span [start,
    end) (whitespace, a separator) that stands as a blank line in it, kept
    with the offset where that blank line starts in the presented text."""

    doc: "Document"
    source: "Document"
    _presented_at: list[int]  # presented offset of each break, ascending
    _source_spans: list[tuple[int, int]]  # the input span of each break

    def to_source(self, offset: int) -> int:
        """The input offset a presented offset stands for; an offset inside a
        break stands for the break's start (the end of the unit before it)."""
        k = bisect_right(self._presented_at, offset) - 1
        if k < 0:
            return offset
        at, (start, end) = self._presented_at[k], self._source_spans[k]
        if offset < at + len(_UNIT_BREAK):
            return start
        return end + offset - at - len(_UNIT_BREAK)

    def inside_break(self, offset: int) -> bool:
        """Whether a presented offset falls strictly inside a break (on the blank line it shows)."""
        k = bisect_right(self._presented_at, offset) - 1
        return k >= 0 and self._presented_at[k] < offset < self._presented_at[k] + len(_UNIT_BREAK)

    def _break_end(self, offset: int) -> int:
        """The end of the break a presented offset falls inside."""
        k = bisect_right(self._presented_at, offset) - 1
        return self._presented_at[k] + len(_UNIT_BREAK)

    def finding_in_source(self, finding: Finding) -> Finding | None:
        """The finding as a range of the input, or None when its fix would
        change the presentation rather than the input (a blank line the
        presentation wrote: tidy-up has nothing to do there)."""
        fix = finding.fix
        if fix is not None and any(not e.replacement and self.inside_break(e.end) for e in fix.edits):
            # A removal of whole lines ("Follow: Instagram …" and its line end)
            # that ends on the blank line a break shows takes the break too:
            # in the input that is the unit up to the next one.
            fix = Fix(fix.title, tuple(
                Edit(e.start, self._break_end(e.end)) if not e.replacement and self.inside_break(e.end) else e
                for e in fix.edits
            ), fix.applicability)
            finding = replace(finding, end=max(finding.end, max(e.end for e in fix.edits)), fix=fix)
        start, end = self.to_source(finding.start), self.to_source(finding.end)
        if fix is not None and any(self.inside_break(e.start) or self.inside_break(e.end) for e in fix.edits):
            return None
        if fix is not None:
            text = self.source.text
            edits = []
            for e in fix.edits:
                a, b = self.to_source(e.start), self.to_source(e.end)
                replacement = e.replacement
                if not replacement and a < b and (b == len(text) or text[b - 1] == "\n"):
                    # A removal from a unit's start to a line's start takes the indentation
                    # before the unit too: left behind, it would indent the line under the
                    # removal ("    " + "```" went on with the paragraph as text, and the
                    # fence's closer then opened one: fuzz.py, batch seed 9190045).
                    line_start = text.rfind("\n", 0, a) + 1
                    if line_start < a and not text[line_start:a].strip(" \t"):
                        a = line_start
                # A unit's start stands for the end of the break before it, whose
                # text stays in the input: a removal from there must not glue that
                # text to what follows it (`__ _` + `Google`, found by fuzzing).
                if not replacement and a < b:
                    replacement = separator(text[max(0, a - JOIN_WINDOW) : a], text[b : b + JOIN_WINDOW])
                edits.append(Edit(a, b, replacement))
            fix = Fix(fix.title, tuple(sorted(edits)), fix.applicability)
        return replace(finding, start=start, end=end, start_pos=self.source.position(start),
                       end_pos=self.source.position(end), fix=fix)


def present(doc: "Document", markers: "Markers | None" = None) -> Presented | None:
    """The document with each flattened paragraph's units set apart, or None
    when it holds no flattened paragraph (the usual case: long paragraphs
    are few, and cheap tests turn away most of them)."""
    if doc.format not in ("markdown", "text"):
        return None
    spans = _flattened_spans(doc, markers)
    if not spans:
        return None
    text, pos, presented_at = [], 0, []
    shift = 0
    for start, end in spans:
        text.append(doc.text[pos:start])
        presented_at.append(start + shift)
        text.append(_UNIT_BREAK)
        shift += len(_UNIT_BREAK) - (end - start)
        pos = end
    text.append(doc.text[pos:])
    return Presented(_view(doc, "".join(text), spans), doc, presented_at, spans)


def _view(doc: "Document", text: str, spans: list[tuple[int, int]]) -> "Document":
    """The presented text's Document. Only the flattened paragraphs changed, so
    only they are parsed again (`reparse.ReparsedDocument`, the same block tree
    as a full parse, or a full parse wherever that cannot be shown): a full
    parse of a long newsletter was a second token list beside the first
    document, the peak of a fix's memory (issue 14)."""
    # The document and reparse modules do not depend on this one.
    from ..document import Document
    from ..reparse import ReparsedDocument
    from .. import memo

    if doc.format != "markdown" or not memo.CACHING:  # with every shortcut off, parsed in full (tests compare)
        return Document(text, doc.format, doc.front_matter_end_line)
    return ReparsedDocument(text, doc, [Edit(start, end, _UNIT_BREAK) for start, end in spans])


def _flattened_spans(doc: "Document", markers: "Markers | None") -> list[tuple[int, int]]:
    """The input spans that break the flattened paragraphs into their units."""
    spans: list[tuple[int, int]] = []
    starts = doc.line_starts
    for block in doc.blocks:
        if block.kind != "paragraph" or block.indented or starts[block.end] - starts[block.start] < _FLAT_LENGTH:
            continue
        source = doc.source(block)
        if source.count("://") + source.count(" | ") < _MIN_BOUNDARIES or not _unlinked_breaks(source):
            continue  # most long paragraphs: a story with a link or two
        if not is_flattened(doc, block):
            continue  # long only for its tracking links
        inline = _Inline.of(source)
        breaks = _resolved(inline, _shape_breaks(inline))
        if len(breaks) < _MIN_BOUNDARIES or len({b.kind for b in breaks}) < _MIN_KINDS:
            continue  # a long paragraph of story: its words, not its shape, are what it is
        if markers is not None:
            breaks = _resolved(inline, breaks + _label_breaks(source, markers))
        base = doc.offset(block.start)
        spans.extend((base + b.start, base + b.end) for b in breaks
                     if doc.format == "text" or not _would_open_block(source, b))
    # A break at a line's end takes that line break in, so that the blank line
    # it shows stands for it: else the view shows a blank line more than the
    # input has, and tidy-up's fix for that one took the input's line break
    # out from between two words (`# __` over `Four` became "__Four").
    return [(start, end + doc.text.startswith("\n", end)) for start, end in spans]


def _would_open_block(source: str, unit_break: UnitBreak) -> bool:
    """Whether the unit after the break would open other markdown at a line's
    start (`1. `, `- `, `# `): such a break is not made."""
    line_end = source.find("\n", unit_break.end)
    line = source[unit_break.end : len(source) if line_end == -1 else line_end]
    return markup_escape_at(line) is not None and opens_block(line[:80], first=True)
