"""Turn findings into a cleaned text.

Each round: parse, check, pick the fixes that do not overlap (the rule that
comes first in the registry wins, then the earlier position; a fix's edits
go in together or not at all; an edit that meets another rule's waits for the
next round, unless both remove whole lines: `_TakenEdits`; a sure removal of
whole lines that another rule's removal of whole lines overlaps goes with what
is left of it: `_TakenEdits.remainder`), apply them back to front. Repeat
until a round changes nothing, at most `MAX_ROUNDS` times.
Tidy-up (SPEC row 13) is made of rules too, so the rounds settle it; the two
that only close up (`TIDY_EARLY`: a run of blank lines, spaces at the end of
a paragraph) run on each round's result before the next round's full check,
so that what a round's removals leave goes with them rather than deciding a
round of its own (see `TIDY_EARLY` for why the result is the same).

Before returning, the guard checks that no word was added; if one was, this
is a bug: the fixer names the rule and returns nothing to write. (Each
round's edits are checked on the lines they touch; only a round that this
cannot prove harmless leads to comparing the whole input and output.)

A later round parses again only windows around the last round's edits
(`reparse.ReparsedDocument`: the same block tree as a full parse, shown so
by tests/test_incremental_fix.py). The rules then check the whole document
again, and the last round, which only proves that no fix is left, is a full
check too. Which rules' findings could be re-checked only near an edit:

- only near an edit (a rule that judges a line or a block by itself): the
  tracking pixel (NL202), share icons (NL203), read-in-app links (NL204),
  raw html (NL401), entities (NL501), unescaped `$` (NL502), blank-line runs
  and trailing hard breaks (NL601, NL604);
- anywhere (a rule that reads the whole document or a block's neighbours):
  the footer (NL201) runs a zone from its first line of evidence to the end,
  so a line removed near the end changes what the zone holds far above it;
  asks and follow rows (NL302) are found by one scan of the whole text, and
  a sentence's ask is judged by what the text holds elsewhere; sponsor and
  promotion blocks (NL101, NL103) are judged by the blocks beside them and by
  what repeats in the document (a removal makes two blocks neighbours, or a
  phrase stop repeating); the avatar (NL205) stands beside the byline, the
  preheader padding (NL206) at the top; sections (NL102, NL301, NL603) run to
  the next heading; the table of contents (NL303) names sections anywhere;
  heading levels (NL503) read the sequence of headings; the template rule
  (NL701) compares the whole issue with the sender's others; unused
  suppressions (NL901) read every other rule's findings; a stray `---`
  (NL602) is judged by the block beside it and the document's ends.
- and the check itself: a flattened paragraph is read unit by unit
  (`layout.present`) and a suppression comment covers a range anywhere.

The second kind is most of a check's time (NL302, NL201, NL101, NL103 are
about 2.3 of the 3.6 parses a lint costs), and its findings are the
findings left that a fix reports, so every round, the last one included,
keeps the full check: re-checking only the first kind near the edits would
save a tenth of a round, and each rule would need a way to check a window.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable

from .context import blank_lines_between_blocks
from .document import Document
from .engine import check
from .findings import Edit, Finding, Fix
from .guard import JOIN_WINDOW, NewContentError, added_words, edits_may_add_words, separator
from .inline_syntax import container_prefix
from . import memo
from .markers import Markers
from .reparse import ReparsedDocument
from .rules import RULE_ORDER, RULES
from .text_form import BOM
from .settings import Settings

MAX_ROUNDS = 10
# Rules whose removal of whole lines still waits for the next round when it
# meets another rule's removal (see `_TakenEdits`): the footer (NL201) judges
# a line by the footer zone around it, and a zone read before its neighbours
# went is not the zone the next round reads (a "follow us" row under a removed
# "advertise with us" line was footer in round 1 and not in round 2; removing
# it in round 1 would change the output).
WAIT_BESIDE_REMOVALS = frozenset({"NL201"})
_NEWLINE = re.compile("\n")
# The tidy-up rules that run on each round's result before the next round's
# full check, so that what a round's removals leave (a run of blank lines,
# blank lines at the end, spaces ending a paragraph) goes with them instead of
# deciding a round of its own (NL601 alone decided round 3 in 91 bulk files).
# The result is the one the next round gave, because these edits change
# nothing any rule reads:
# - they only close up: NL601 takes blank lines out of a run outside code,
#   keeping its first (or those at the start or the end of the document),
#   NL604 takes the spaces off a paragraph's last line. The blocks stay the
#   same blocks (a run of blank lines ends or separates blocks as one blank
#   line does; spaces at the end of a paragraph are no hard break) and no word
#   or visible character changes, so the rules find the same things, moved;
# - in the next round they were the lowest-priority fixes, chosen unless
#   another rule's edit met them, and another rule's fix computed on the
#   closed-up text is the same fix, moved (a removal takes the one blank line
#   left with it as it took the run).
# tests/test_tidy_early.py shows it over the fuzz strategies and every dev and
# bulk file (same bytes, same findings left). NL602 and NL603 are not here:
# a `---` or a heading taken out early changes the blocks that the footer and
# section rules read, and the output (a blind newsletter's doubled `---` in
# an indented list).
TIDY_EARLY = ("NL601", "NL604")
TIDY_EARLY_RULES = [rule for rule in RULES if rule.code in TIDY_EARLY]


@dataclass
class FixResult:
    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # findings the fix left (unsafe, unfixable)
    rounds: int = 0
    # For each line break of `text`, the index of the input's line break it is
    # (-1: a fix wrote it); only when asked for (a file with mixed line endings).
    line_origins: list[int] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


class _SortedEdits:
    """Non-overlapping edits sorted by start: an O(log n) overlap test."""

    def __init__(self, starts: list[int] | None = None, ends: list[int] | None = None) -> None:
        self.starts: list[int] = starts or []
        self.ends: list[int] = ends or []

    def conflicts(self, edit: Edit, touching: bool = False) -> bool:
        """Whether `edit` overlaps a chosen edit (`touching`: or meets one end to end)."""
        # Chosen edits never overlap, so only the neighbours on each side matter.
        i = bisect_left(self.starts, edit.start)
        if i > 0 and (self.ends[i - 1] > edit.start or touching and self.ends[i - 1] == edit.start):
            return True
        if i < len(self.starts):
            nxt = self.starts[i]
            if nxt == edit.start:  # two edits at one point: order would be ambiguous
                return True
            if nxt < edit.end or touching and nxt == edit.end:
                return True
        return False

    def add(self, edit: Edit) -> None:
        if not self.starts or edit.start > self.starts[-1]:
            self.starts.append(edit.start)  # the usual case: a rule's edits come in order
            self.ends.append(edit.end)
            return
        i = bisect_left(self.starts, edit.start)
        self.starts.insert(i, edit.start)
        self.ends.insert(i, edit.end)


class _TakenEdits:
    """The edits chosen so far in a round (thousands when every `$` or entity
    is a fix). Each rule's edits arrive in position order, so they are
    appended to a list of their own and merged into the rest when the next
    rule starts: linear, where inserting into one list was quadratic.

    An edit that meets another rule's edit end to end waits for the next
    round: each rule keeps the words on the two sides of its edit apart as
    they stand (`guard.separator`), and two rules' edits side by side would
    each see the other's text, not what remains (`build<p>[](icon)__deploy`
    lost both and became "build__deploy").

    So does an edit on a line where another rule's edit is, when one of them
    is at the start of the line's own text or writes a line break (`<br>`
    becoming one starts a line after it): each rule checks that its edit
    leaves no marker there that opens a block, but sees the other's text
    (`</pre> ͏͏͏```` lost the tag to one rule, the padding to another, and
    opened a fence)."""

    def __init__(self, doc: Document | None = None, batch_removals: bool = True) -> None:
        self.batch_removals = batch_removals
        self.rule: str | None = None
        self.earlier = _SortedEdits()
        self.current = _SortedEdits()
        self.doc = doc
        self._own_starts: dict[int, int] = {}
        # Lines where an edit writes a line break: what follows it starts a line too.
        self._earlier_breaks: set[int] = set()
        self._current_breaks: set[int] = set()
        self._whole_line_removals: set[tuple[int, int]] = set()
        # The current rule's removals, by end and by start (`_glues_to_own_removal`).
        self._own_removal_ends: dict[int, int] = {}
        self._own_removal_starts: dict[int, int] = {}

    def next_rule(self, rule: str | None = None) -> None:
        self.rule = rule
        self._own_removal_ends, self._own_removal_starts = {}, {}
        self._earlier_breaks |= self._current_breaks
        self._current_breaks = set()
        if self.current.starts:
            merged = sorted(zip(self.earlier.starts + self.current.starts, self.earlier.ends + self.current.ends))
            self.earlier = _SortedEdits([a for a, _ in merged], [b for _, b in merged])
            self.current = _SortedEdits()

    def conflicts(self, edit: Edit) -> bool:
        if (self.batch_removals and self.rule not in WAIT_BESIDE_REMOVALS and self._whole_lines(edit)
                and self._meets_only_whole_line_removals(edit)):
            return False
        return (self.earlier.conflicts(edit, touching=True) or self.current.conflicts(edit)
                or self._shares_a_line_start(edit) or self._glues_to_own_removal(edit))

    def _glues_to_own_removal(self, edit: Edit) -> bool:
        """Whether `edit`, a removal, meets a removal of its own rule end to end
        where the two together would glue the words on their two sides: each
        kept those apart as its own neighbours stood (a footer link's removal
        took the space before it, the zone's took the `[` and the line break
        after it, and `__` met the next line's word: fuzz_promises seed
        11302987). It waits for the next round, which reads what is left."""
        if self.doc is None or edit.replacement or edit.start >= edit.end:
            return False
        before, after = self._own_removal_ends.get(edit.start), self._own_removal_starts.get(edit.end)
        if before is None and after is None:
            return False
        start = edit.start if before is None else before
        end = edit.end if after is None else after
        text = self.doc.text
        return separator(text[max(0, start - JOIN_WINDOW) : start], text[end : end + JOIN_WINDOW]) != ""

    def _whole_lines(self, edit: Edit) -> bool:
        """Whether `edit` removes whole lines (from a line's start to the next line's start or the end)."""
        if self.doc is None or edit.replacement or edit.start >= edit.end:
            return False
        text = self.doc.text
        return ((edit.start == 0 or text[edit.start - 1] == "\n")
                and (edit.end == len(text) or text[edit.end - 1] == "\n"))

    def _meets_only_whole_line_removals(self, edit: Edit) -> bool:
        """Whether every chosen edit that `edit` meets (end to end, or on the
        line after it) removes whole lines too, and none overlaps it.

        Removals of whole lines side by side cannot make a word (a line break
        stays between what is left) nor bring a marker to a line's start that
        was not at one, and the round reads touching removals together
        (`context.blank_lines_between_blocks` keeps the blocks left on their
        two sides apart), so they need not wait for the next round: a referral
        ask right above a removed "find me on" footer line goes in the same
        round, and the heading it leaves empty in the next."""
        starts = self.doc.line_starts
        after = bisect_right(starts, edit.end) - 1  # the line that follows the removal
        limit = starts[after + 1] if after + 1 < len(starts) else len(self.doc.text) + 1
        for chosen in (self.earlier, self.current):
            i = max(bisect_left(chosen.starts, edit.start) - 1, 0)
            while i < len(chosen.starts) and chosen.starts[i] < limit:
                start, end = chosen.starts[i], chosen.ends[i]
                i += 1
                if end < edit.start:
                    continue
                if start < edit.end and edit.start < end or start == edit.start:
                    return False  # overlap
                if (start, end) not in self._whole_line_removals:
                    return False
        return True

    def _shares_a_line_start(self, edit: Edit) -> bool:
        if self.doc is None:
            return False
        starts = self.doc.line_starts
        first = bisect_right(starts, edit.start) - 1
        last = bisect_right(starts, edit.end) - 1
        return any(self._meets_at_line_start(edit, line) for line in {first, last} if line + 1 < len(starts))

    def _meets_at_line_start(self, edit: Edit, line: int) -> bool:
        """Whether another rule's edit is on `line` too, and one of the two is where its own text begins."""
        starts, ends = self.doc.line_starts, self.earlier.ends
        begin, end = starts[line], starts[line + 1]
        i = bisect_left(self.earlier.starts, begin)
        if i > 0 and ends[i - 1] >= begin:
            other = begin  # an edit from the lines above reaches into this one
        elif i < len(self.earlier.starts) and self.earlier.starts[i] < end:
            other = self.earlier.starts[i]
        else:
            return False
        own = self._own_starts.get(line)
        if own is None:  # where the line's own text begins, after its quote and list markers
            text = self.doc.lines[line]
            own = container_prefix(text)
            own += len(text[own : own + 64]) - len(text[own : own + 64].lstrip(" \t"))
            self._own_starts[line] = own = begin + own
        return "\n" in edit.replacement or line in self._earlier_breaks or max(min(edit.start, other), begin) <= own

    def remainder(self, edits: tuple[Edit, ...]) -> tuple[Edit, ...] | None:
        """What is left of a sure fix's removals of whole lines where another
        rule's chosen removals of whole lines overlap them: the lines no chosen
        edit removes yet, each run of them its own edit (None: the fix waits).

        The loser is not always found again next round: its evidence may be in
        the part that went (a footer zone whose unsubscribe line its own rule
        took, while a paid-placement block took the zone's top), so the sure
        noise between them would stay. Taking the rest now removes what both
        removals would: the union of two removals of whole lines, which adds no
        word and leaves a line break between what stays on its two sides."""
        if self.doc is None or not all(self._whole_lines(e) for e in edits):
            return None
        chosen = self.earlier
        rest: list[Edit] = []
        overlapped = False
        for e in edits:
            if self.current.conflicts(e):
                return None  # its own rule's removal: the order a rule gives its findings decides
            pos = e.start
            i = max(bisect_left(chosen.starts, e.start) - 1, 0)
            while i < len(chosen.starts) and chosen.starts[i] < e.end:
                start, end = chosen.starts[i], chosen.ends[i]
                i += 1
                if end <= e.start:
                    continue
                if (start, end) not in self._whole_line_removals:
                    return None
                overlapped = True
                if start > pos:
                    rest.append(Edit(pos, start))
                pos = max(pos, end)
            if pos < e.end:
                rest.append(Edit(pos, e.end))
        if not overlapped or not rest:
            return None
        if any(not self._whole_lines(e) or not self._meets_only_whole_line_removals(e) for e in rest):
            return None
        return tuple(rest)

    def add(self, edit: Edit) -> None:
        self.current.add(edit)
        if not edit.replacement and edit.start < edit.end:
            self._own_removal_ends[edit.end] = edit.start
            self._own_removal_starts[edit.start] = edit.end
        if self._whole_lines(edit):
            self._whole_line_removals.add((edit.start, edit.end))
        if self.doc is not None and "\n" in edit.replacement:
            self._current_breaks.add(bisect_right(self.doc.line_starts, edit.start) - 1)


def select_fixes(findings: list[Finding], unsafe: bool, doc: Document | None = None,
                 batch_removals: bool = True) -> list[Finding]:
    """The fixes to apply this round: non-overlapping, deterministic (`doc`: the
    round's document, to keep two rules' edits apart at a line's start;
    `batch_removals`: False makes every removal that meets another rule's wait
    for the next round, as the fixer did before `_TakenEdits` let whole-line
    removals go in together; the tests compare both)."""
    candidates = [f for f in findings if f.fix is not None and (unsafe or f.fix.is_safe)]
    # A rule's finding inside another of its findings that starts at the same
    # place waits for it (the longer first): a sure ask that a rule also finds
    # inside its judgement (NL302) goes only when the judgement does not.
    candidates.sort(key=lambda f: (RULE_ORDER.get(f.code, 999), f.start, -f.end))
    chosen: list[Finding] = []
    taken = _TakenEdits(doc, batch_removals)
    rule = None
    rule_fixes: set[Fix] = set()  # the fixes chosen for the current rule's findings
    for f in candidates:
        if f.code != rule:
            taken.next_rule(f.code)
            rule = f.code
            rule_fixes = set()
        if f.fix in rule_fixes:
            # One fix that several findings share (NL503 re-levels the outline
            # as one) goes in once, and each of its findings with it.
            chosen.append(f)
            continue
        edits = f.fix.edits  # type: ignore[union-attr]
        if any(taken.conflicts(e) for e in edits):
            rest = taken.remainder(edits) if f.fix.is_safe else None  # type: ignore[union-attr]
            if rest is None:
                continue
            # A sure removal that another rule's removal overlaps: what is left of it goes now.
            f = replace(f, fix=Fix(f.fix.title, rest, f.fix.applicability))  # type: ignore[union-attr]
            edits = f.fix.edits
        chosen.append(f)
        rule_fixes.add(f.fix)  # type: ignore[arg-type]
        for e in edits:
            taken.add(e)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts: list[str] = []
    pos = 0
    for e in sorted(edits):
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(text: str, settings: Settings, format: str = "markdown", markers: Markers | None = None,
             path: str | None = None, *, follow_lines: bool = False,
             on_round: Callable[[Document, list[Finding]], None] | None = None,
             reparse_windows: bool = True, batch_removals: bool = True, tidy_early: bool = True) -> FixResult:
    """Clean `text` (LF line endings, no BOM), read from `path` if it was a file.
    Raises NewContentError on a rule bug.
    `follow_lines`: also tell where each line break of the result came from
    (`FixResult.line_origins`), so that mixed line endings can be given back.
    `on_round`: called with each round's document and the findings whose fixes
    it applies (to watch what a clean does, round by round).
    `reparse_windows`: False parses every round in full (the tests compare both).
    `batch_removals`: False lets each removal that meets another rule's wait
    for a round of its own (`select_fixes`; the tests compare both).
    `tidy_early`: False leaves what a round's removals leave for the tidy-up
    rules to the next full round (`TIDY_EARLY`; the tests compare both)."""
    if markers is None:
        markers = settings.markers()
    result = FixResult(text=text)
    if follow_lines:
        result.line_origins = list(range(text.count("\n")))
    current = text
    findings: list[Finding] = []
    # Front matter is found once, in the input: a `---` that a removal brings to
    # the top in a later round is a thematic break, not the start of front matter.
    front_matter_lines: int | None = None
    # A round that adds no word keeps every count at most the input's; only
    # when a round cannot be proved so is the whole text compared.
    needs_full_check = False
    # The last round's document and edits, when `current` is exactly those edits
    # applied to its text: the next round then parses only around them.
    previous: tuple[Document, list[Edit]] | None = None
    for _ in range(MAX_ROUNDS):
        doc = _parse(current, format, front_matter_lines, previous if reparse_windows else None)
        previous = None  # the old document (and its caches) may go before this one is checked
        if result.rounds and tidy_early:
            # The last round's removals may have left what the tidy-up rules
            # settle (a run of blank lines): they go now, before the full check,
            # rather than deciding a round of their own (`TIDY_EARLY`).
            tidied = _tidy(doc, settings, markers, path, batch_removals)
            if tidied:
                # This document is replaced by the tidied one: its answers (a
                # flattened email's whole presented view among them) go first.
                doc.forget_answers()
                memo.forget_last_text()
                if on_round is not None:
                    on_round(doc, tidied)
                current, needs_full_check, edits = _apply(current, doc, tidied, text, result, needs_full_check)
                doc = _parse(current, format, front_matter_lines,
                             (doc, edits) if edits is not None and reparse_windows else None)
        front_matter_lines = doc.front_matter_end_line
        findings = check(doc, settings, markers, path=path)
        chosen = select_fixes(findings, settings.unsafe_fixes, doc, batch_removals)
        result.rounds += 1
        if not chosen:
            break
        # The rules' answers about this document are asked again of the next
        # one, never of this: only its text and blocks are read from here on
        # (the edits, the next round's windows), so the answers go now rather
        # than staying alive beside the next round's text and blocks.
        doc.forget_answers()
        memo.forget_last_text()
        if on_round is not None:
            on_round(doc, chosen)
        current, needs_full_check, edits = _apply(current, doc, chosen, text, result, needs_full_check)
        # Taking a BOM off or putting the final newline back: then the edits
        # alone do not say what changed, and the next round parses in full.
        previous = (doc, edits) if edits is not None else None
        # Let this round's findings go before the next document is built (the
        # document itself goes as soon as the next one is built from it).
        doc = findings = chosen = edits = None  # type: ignore[assignment]
    else:
        doc = _parse(current, format, front_matter_lines, previous if reparse_windows else None)
        previous = None
        findings = check(doc, settings, markers, path=path)
    result.remaining = findings
    added = added_words(text, current) if needs_full_check else []
    if added:
        raise NewContentError(_blame(text, settings, format, markers, path), added)
    result.text = current
    return result


def _tidy(doc: Document, settings: Settings, markers: Markers, path: str | None,
          batch_removals: bool) -> list[Finding]:
    """The fixes of the `TIDY_EARLY` rules on a round's result, chosen as a round chooses."""
    found = check(doc, settings, markers, rules=TIDY_EARLY_RULES, path=path)
    return select_fixes(found, settings.unsafe_fixes, doc, batch_removals)


def _apply(current: str, doc: Document, chosen: list[Finding], original: str, result: FixResult,
           needs_full_check: bool) -> tuple[str, bool, list[Edit] | None]:
    """Apply the chosen fixes to `current` (the text of `doc`): the new text,
    whether the guard must compare the whole text at the end, and the edits
    that make `doc`'s text the new text (None when more changed: the next
    document is then parsed in full)."""
    edits = [e for fix in dict.fromkeys(f.fix for f in chosen) for e in fix.edits]  # type: ignore[union-attr]
    edits += blank_lines_between_blocks(doc, edits)  # removals side by side keep their neighbours apart
    needs_full_check = needs_full_check or edits_may_add_words(current, edits)
    if result.line_origins is not None:
        result.line_origins = _line_origins_after(current, edits, result.line_origins)
    edited = apply_edits(current, edits)
    # A BOM that a removal brings to the top would be read as the file's own
    # by the next run (and taken off before it cleans): it is an invisible
    # character in the middle of the input, so it goes now.
    current = edited.lstrip(BOM)
    unchanged = len(current) == len(edited)
    current = _final_newline_as_in(original, current, result)
    unchanged = unchanged and len(current) == len(edited)
    result.applied.extend(chosen)
    return current, needs_full_check, edits if unchanged else None


def _parse(text: str, format: str, front_matter_lines: int | None,
           previous: tuple[Document, list[Edit]] | None) -> Document:
    # NLCLEAN_NO_CACHE switches the windows off too: with every shortcut off, the
    # tests compute each round afresh and compare (tests/test_shared_caches.py).
    if previous is None or format != "markdown" or not memo.CACHING:
        return Document(text, format, front_matter_lines)
    return ReparsedDocument(text, *previous)


def _final_newline_as_in(original: str, current: str, result: FixResult) -> str:
    """`current` ending in a newline exactly when `original` does (as it will be
    written): a fix that takes the last line away may leave the newline before
    it, and the next round, or the next run, must see the text it will get back,
    or a rule that looks at the end of the document answers differently."""
    wanted = original.endswith("\n")
    if current.endswith("\n") == wanted or not current.strip("\n"):
        return current
    if wanted:
        if result.line_origins is not None:
            result.line_origins.append(original.count("\n") - 1)
        return current + "\n"
    stripped = current.rstrip("\n")
    if result.line_origins is not None:
        del result.line_origins[stripped.count("\n"):]
    return stripped


def _line_origins_after(text: str, edits: list[Edit], origins: list[int]) -> list[int]:
    """The origins of the line breaks of `apply_edits(text, edits)`, given those
    of `text`: a line break outside every edit keeps its origin, one inside an
    edit goes, one an edit writes is new (-1)."""
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    out: list[int] = []
    k = 0
    for e in sorted(edits):
        while k < len(breaks) and breaks[k] < e.start:
            out.append(origins[k])
            k += 1
        while k < len(breaks) and breaks[k] < e.end:
            k += 1
        out.extend([-1] * e.replacement.count("\n"))
    out.extend(origins[k:])
    return out


def _blame(text: str, settings: Settings, format: str, markers: Markers, path: str | None) -> list[str]:
    """Slow path, only after the guard fired: which rule's fix adds a word?"""
    blamed = []
    for f in check(Document(text, format), settings, markers, path=path):
        if f.fix is not None and added_words(text, apply_edits(text, list(f.fix.edits))):
            if f.code not in blamed:
                blamed.append(f"{f.code} ({f.name})")
    return blamed
