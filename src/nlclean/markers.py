"""Marker data (data/*.toml plus a user's extensions), compiled once.

Rules ask questions of a `Markers` object ("does this line start with a
sponsor label?") instead of holding regexes themselves, so that the words
live in one readable data file.

A rule that keeps its own patterns (NL101's `SponsorLabels`, NL103's promo
codes) builds them from the loaded data through `Markers.compiled`, once per
loaded data, so that a user's lists reach them; `words` and `patterns` give
a list as a set of words or as one searcher of regular expressions.

The built-in files other than `lang-*.toml` are the schema: a language file
may only fill tables and keys they define (a key only it has is an error).
A user's file (`extend-markers`) is checked against the built-in files, which
are the schema: the same tables and keys, values of the same kind, at most
`MAX_STARS` `*` in a phrase; anything else is a `DataError` ("PATH: key:
problem"). A key ending in `_pattern` is a regular expression, and one ending
in `_patterns` a list of them: one that is not a built-in value runs on
`linear_pattern` (RE2), so that no user's pattern can backtrack for minutes. Loading is linear in the number of phrases
(`NeedleIndex`; benchmarks/bench_marker_load.py).
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .evidence.links import FOOTER_KINDS, ICON_KINDS, OWN_PAGE_KINDS, LinkClassifier, LinkKind, resolve_url, split_url  # noqa: F401 (resolve_url: re-exported)
from . import memo
from .memo import TEXT_CHARS, on_forget, on_forget_text, remembered, remembered_method
from .literal_sets import MAX_MEMORY, literal_set
from .settings import kind_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Emoji, bullets, brackets, emphasis and punctuation that may stand around a label.
_DECORATION = r"[\s\W_]*"
LABEL_DECORATION = _DECORATION
# CJK writes no spaces between words: a label there is no "lone word" of a sentence.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A byline's name: at most this many words and characters ("Ana Ruiz", "林知远").
MAX_NAME_WORDS = 4
MAX_NAME_LENGTH = 40
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# How far around a period `Markers.ends_no_sentence` reads: past the longest abbreviation or month name.
_PERIOD_WINDOW = 32
_NUMBER_AFTER = re.compile(r"\s*\d")
_ENDS_SENTENCE = re.compile(r"[.!?。！？]\s*$|[.!?。！？]\s")


def longest_first(items) -> list[str]:
    """The distinct items, longest first and alphabetical among equals. Never
    a set's own order: it changes with each process's hash seed, and a regex
    alternation tries its branches in order, so two runs would match apart."""
    return sorted(set(items), key=lambda item: (-len(item), item))


def _phrase_pattern(phrase: str) -> str:
    raw = [p.strip() for p in phrase.split("*")]
    # `*` stands for one to five words (a name): a word of its own, so
    # "sponsor *" matches "Sponsor Bytes" but not "Sponsored".
    body = re.escape(raw[0])
    for k, part in enumerate(raw[1:], start=1):
        before = r"\s+" if raw[k - 1] and raw[k - 1][-1:].isalnum() else r"\s*"
        after = (r"\s+" if part[:1].isalnum() else r"\s*") if part else ""
        body += before + r"\S+(?:\s+\S+){0,4}?" + after + re.escape(part)
    # Latin words get word boundaries; CJK phrases are matched as they are.
    if phrase[:1].isascii() and phrase[:1].isalnum():
        body = r"\b" + body
    if phrase[-1:].isascii() and phrase[-1:].isalnum():
        body = body + r"\b"
    return body


# How much of a text `lower_in_pieces` lower-cases at once.
_LOWER_PIECE = 1 << 16


_last_lowered: tuple[str, str] = ("", "")


def lowered_once(text: str) -> str:
    """`lower_in_pieces(text)`, kept for the last text asked when it is one
    piece long (`_LOWER_PIECE`): every phrase list and the marker scan
    lower-case the same whole newsletter in turn. A longer text's copy is
    never kept: held through its check, it was a quarter of a parse's memory
    at the peak of a fix (four bytes a character once one emoji is in it),
    so the hot readers of a long text ask `lowered_pieces` instead, and
    whatever asks this of a long text gets a copy of its own."""
    global _last_lowered
    if len(text) > _LOWER_PIECE:
        return lower_in_pieces(text)
    source, low = _last_lowered  # one tuple: a reader in another thread sees a matching pair
    if source is not text or not memo.CACHING:
        # The last text's copy goes before this one's is built, not after.
        _last_lowered = ("", "")
        del source, low
        low = lower_in_pieces(text)
        _last_lowered = (text, low)
    return low


def lowered_pieces(text: str):
    """(start, piece lower-cased) of consecutive pieces of `text` cut just
    after line breaks (`_pieces`), one at a time, each lower-cased as it is
    read: a short text is one piece, its kept copy (`lowered_once`). Their
    concatenation is `lowered_once(text)` (`lower_in_pieces`); `start` is
    where the piece starts in `text`, which is where it starts in the
    lower-cased text too when `lowers_char_for_char(text)`. Whatever lies on
    one line lies in one piece."""
    if len(text) <= _LOWER_PIECE:
        if text:  # no pieces of an empty text, as `_pieces` cuts none
            yield 0, lowered_once(text)
        return
    for start, end in _pieces(text):
        yield start, text[start:end].lower()


_last_in_place: tuple[str, bool] = ("", True)


def lowers_char_for_char(text: str) -> bool:
    """Whether `text` lower-cased is as long as `text` (no "İ", which becomes
    two characters): then each character lower-cases to one at the same
    offset, and lines start at the same offsets in both. Kept for the last
    text asked; found piece by piece (`lowered_pieces`)."""
    global _last_in_place
    source, answer = _last_in_place  # one tuple, as in `lowered_once`
    if source is not text or not memo.CACHING:
        answer = sum(len(low) for _, low in lowered_pieces(text)) == len(text)
        _last_in_place = (text, answer)
    return answer


def lowered_holds(text: str, words) -> bool:
    """Whether `text` lower-cased holds any of `words` (each a lower-case
    string): `any(w in lowered_once(text) for w in words)`, asked piece by
    piece of a long text when no word holds a line break."""
    if any("\n" in word for word in words):
        low = lowered_once(text)
        return any(word in low for word in words)
    return any(word in low for _, low in lowered_pieces(text) for word in words)


def lowered_words_held(text: str, words) -> set[str]:
    """The `words` (lower-case strings) that `text` lower-cased holds, asked
    piece by piece of a long text when no word holds a line break."""
    if any("\n" in word for word in words):
        low = lowered_once(text)
        return {word for word in words if word in low}
    held: set[str] = set()
    rest = set(words)
    for _, low in lowered_pieces(text):
        found = {word for word in rest if word in low}
        held |= found
        rest -= found
        if not rest:
            break
    return held


def lowered_lines_holding(text: str, needles: tuple[str, ...], line_starts: list[int]) -> "LineHits":
    """`lines_holding(lowered_once(text), needles, line_starts)` (`line_starts`:
    `text`'s), asked of a long text piece by piece: the lines each piece
    holds, numbered from the piece's first line. (Where lower-casing changes
    lengths, or a needle holds a line break, the whole lower-cased text is
    asked, as before.)"""
    if len(text) <= _LOWER_PIECE or any("\n" in n for n in needles) or not lowers_char_for_char(text):
        return lines_holding(lowered_once(text), needles, line_starts)
    found = LineHits()
    first = 0  # the number of the piece's first line
    for start, low in lowered_pieces(text):
        found.update(first + k for k in lines_holding(low, needles, line_starts_of(low)))
        first += low.count("\n")
    return found


def _pieces(text: str):
    """(start, end) of consecutive pieces of `text` of about `_LOWER_PIECE`
    characters, each but the last cut just after a line break."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _LOWER_PIECE)
        end = len(text) if cut == -1 else cut + 1
        yield start, end
        start = end


def utf8_pieces(text: str):
    """`text.encode("utf-8")` (UnicodeEncodeError for a lone surrogate) in
    pieces cut just after line breaks (`_pieces`), one at a time: RE2 reads
    bytes, and no literal it looks for holds a line break, so a search of the
    pieces finds what a search of the whole finds. A whole long text is never
    held in UTF-8 beside the text: the pieces are made as they are read, and
    each reader encodes again (CPython also first writes a whole text into a
    buffer of four bytes a character when it holds one emoji)."""
    for start, end in _pieces(text):
        yield text[start:end].encode("utf-8")


_last_folding: tuple[str, bool] = ("", True)


def _folds_like_lower_once(text: str) -> bool:
    """`folds_like_lower(text, lowered_once(text))`, kept for the last text asked
    (each phrase list that searches the whole newsletter asks it in turn)."""
    global _last_folding
    source, answer = _last_folding  # one tuple, as in `lowered_once`
    if source is not text or not memo.CACHING:
        answer = folds_like_lower_text(text)
        _last_folding = (text, answer)
    return answer


def folds_like_lower_text(text: str) -> bool:
    """`folds_like_lower(text, lowered_once(text))`, without the whole copy."""
    irregular = _irregular_folding()
    return lowers_char_for_char(text) and irregular is not None and irregular.search(text) is None


def holds_none_of(text: str, words: "tuple[str, ...] | None") -> bool:
    """Whether a case-insensitive regex of these literal words (lower-cased,
    none folding irregularly: `literal_words`) surely finds none in `text`, a
    whole newsletter: its lower-cased copy holds none of them and it folds
    like its lower case, so a match would hold its word lower-cased at the
    same place. False when that is not shown (then the regex must say):
    substring tests over the shared lower-cased copy instead of the regex's
    walk over every position (a case-insensitive alternation has no literal
    to skip ahead to)."""
    if words is None or not memo.SHORTCUTS:
        return False
    return not lowered_holds(text, words) and _folds_like_lower_once(text)


def literal_words(phrases) -> "tuple[str, ...] | None":
    """The phrases lower-cased, for `holds_none_of`; None when one is no plain
    literal (a `*` name) or folds irregularly ("ſ", "İ")."""
    irregular = _irregular_folding()
    words = tuple(p.strip().lower() for p in phrases)
    if irregular is None or any("*" in p or len(p.strip().lower()) != len(p.strip()) or irregular.search(p)
                                for p in phrases):
        return None
    return words


def _forget_last_lowered() -> None:
    global _last_lowered, _last_folding, _last_in_place
    _last_lowered = ("", "")
    _last_folding = ("", True)
    _last_in_place = ("", True)


on_forget_text(_forget_last_lowered)


def lower_in_pieces(text: str) -> str:
    """`text.lower()`, without its peak: CPython's lower-casing first writes
    into a buffer of three 4-byte characters per character (one may become
    three), 12 bytes a character of a whole newsletter, more than a parse of
    it. Cut just after line breaks, the pieces lower-case as the whole does:
    the only lower-casing that depends on its neighbours (a Greek final sigma)
    looks past case-ignorable characters only, and a line break is not one."""
    if len(text) <= _LOWER_PIECE:
        return text.lower()
    return "".join([text[start:end].lower() for start, end in _pieces(text)])


@lru_cache(maxsize=1)
def _irregular_folding() -> "re.Pattern | None":
    """The characters that `re.IGNORECASE` may match to a letter other than
    their `str.lower()` ("ſ" to "s", "ς" to "σ", "Σ" to "ς"): those of Python's
    own table of irregular cases, and every non-ASCII character the regex
    engine relates to one of them (found by asking it over the Basic
    Multilingual Plane, where they all are: a few milliseconds, once). None
    when this Python does not have the table."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            from sre_compile import _ignorecase_fixes as _EXTRA_CASES  # type: ignore[no-redef]
        except ImportError:
            return None
    odd = {chr(c) for c in _EXTRA_CASES} | {chr(v) for fixes in _EXTRA_CASES.values() for v in fixes}
    related = re.compile("[" + "".join(re.escape(c) for c in sorted(odd)) + "]", re.I)
    plane = "".join(chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000)
    odd = set(related.findall(plane))
    return re.compile("[" + "".join(re.escape(c) for c in sorted(odd)) + "]") if odd else None


def folds_like_lower(text: str, low: str) -> bool:
    """Whether a case-insensitive regex finds a lower-case word in `text` only
    where `low` (`text` lower-cased) holds that word, at the same offsets: no
    character of `text` lower-cases to several ("İ") or folds irregularly
    ("ſ", "ς"). Then a line that matches holds the word of its match, lower-cased."""
    irregular = _irregular_folding()
    return len(low) == len(text) and irregular is not None and irregular.search(text) is None


# The marker scan keeps its answer for each line of a text up to this long
# for the next document (`Markers._scan`): the fixer's next round, the
# language server's next keystroke.
_KEPT_LINE_TABLE = 1 << 20

# Texts up to this long (a block, a few lines) are remembered by `PhraseSearch`
# between the fixer's rounds; a longer one only until the next long one.
_REMEMBERED_TEXT = 2048


# What may follow a phrase that closes its sentence: one of its usual tail
# words (`closing_tails` of `[footer]`), then marks, arrows and brackets, then
# a stop or a colon (an address after it), or the line's end.
_CLOSE_OF_A_SENTENCE = r"[\s*_)\]>»→›–—-]*(?:[.!?:…]|$)"


def _closes_a_sentence(tails: list[str]) -> "re.Pattern":
    tail = rf"(?:\s+(?:{'|'.join(re.escape(t) for t in longest_first(tails))})\b)?" if tails else ""
    return re.compile(tail + _CLOSE_OF_A_SENTENCE, re.I)


class PhraseSearch:
    """A phrase list behind a cheap substring prefilter.

    Python's `re` tries every branch of a long alternation at every position,
    and most lines hold none of the phrases. So each phrase is filed under its
    longest literal stretch (its anchor); a search first asks which anchors the text
    holds (fast `in` tests) and runs only those phrases' regexes. Same
    answers as one big alternation, many times faster on real newsletters.
    """

    def __init__(self, phrases: list[str]) -> None:
        by_anchor: dict[str, list[str]] = {}
        for phrase in phrases:
            # The longest literal stretch between `*`s: every match contains it,
            # and a whole stretch ("get the app") is rarer than its longest word.
            # (Markup inside a stretch in the source, "sent to [you@x.org](…)",
            # hides it from the prefilter: phrases are written to avoid that.)
            parts = [p.strip() for p in phrase.lower().split("*") if p.strip()]
            anchor = max(parts, key=len) if parts else phrase.lower()
            by_anchor.setdefault(anchor, []).append(phrase)
        # A group's regex is compiled the first time a text holds its anchor: one
        # newsletter meets few anchors, and compiling every group costs more than
        # a short run (start-up: benchmarks/bench_startup.py).
        self.groups = tuple((anchor, _alternation(group)) for anchor, group in sorted(by_anchor.items()))
        self._compiled: dict[str, re.Pattern] = {}
        self.anchors = minimal_needles(by_anchor)
        # An anchor that contains a shorter one ("free trial", "free") can
        # only be in a text that holds the shorter one: test that one first.
        shortest = NeedleIndex(self.anchors)
        self._tests = tuple(
            (anchor if anchor in shortest else shortest.inside(anchor), anchor, source) for anchor, source in self.groups
        )
        # The same lines and blocks come back in the fixer's next round.
        self._small_candidates = remembered_method(self._find_candidates, 1024, max_chars=TEXT_CHARS)
        # A whole document's text never comes back (the next round's differs):
        # only the last one is kept, so the cache does not hold every round's text.
        self._large: tuple[str, tuple[re.Pattern, ...], list[tuple[int, int]] | None] = ("", (), None)
        on_forget_text(self._forget_large)
        self._single_line_anchors = not any("\n" in anchor for _, anchor, _ in self._tests)
        self._any_anchor_regex: re.Pattern | None = None
        # The tests of each short anchor, with their place in `_tests` (whose order is kept).
        self._tests_by_short: dict[str, list[tuple[int, str]]] = {}
        for k, (short, anchor, _) in enumerate(self._tests):
            self._tests_by_short.setdefault(short, []).append((k, anchor))
        self._anchor_set: object = None  # `_literals()` (None: not built yet; False: cannot)
        # Whether every match lies on one line and holds its phrase, lower-cased:
        # no `*` (a name, words that may run over a line break) and no line
        # break in a phrase, and each phrase lower-cases character for
        # character with no irregular folding ("ſ" matching "s"). Then a whole
        # text's matches are all on the lines that hold an anchor (`finditer`).
        irregular = _irregular_folding()
        self._matches_on_anchor_lines = irregular is not None and all(
            "*" not in phrase and "\n" not in phrase and len(phrase.lower()) == len(phrase)
            and irregular.search(phrase) is None
            for phrase in phrases
        )
        # The same with `*`s allowed: every match then holds its group's anchor,
        # lower-cased, and lies within a few lines of it (`_reach`).
        self._matches_near_anchors = irregular is not None and all(anchor.strip() for anchor in by_anchor) and all(
            "\n" not in phrase and len(phrase.lower()) == len(phrase) and irregular.search(phrase) is None
            for phrase in phrases
        )
        # Each group's regex source: its anchor and the reach of its matches.
        self._near: dict[str, tuple[str, int]] = {
            source: (anchor, max(_reach(phrase) for phrase in by_anchor[anchor])) for anchor, source in self.groups
        }

    def _candidates(self, text: str) -> tuple[re.Pattern, ...]:
        if len(text) <= _REMEMBERED_TEXT:
            return self._small_candidates(text)
        return self._large_candidates(text)[1]

    def _large_candidates(self, text: str) -> "tuple[str, tuple[re.Pattern, ...], list[tuple[int, int]] | None]":
        """(text, its candidate regexes, the runs of lines that hold an anchor
        or None when not known) of a long text, kept for the last one asked."""
        large = self._large  # one tuple: a reader in another thread sees a matching pair
        if large[0] != text or not memo.CACHING:
            runs: list[tuple[int, int]] = []
            found = self._find_candidates(text, runs)
            large = self._large = (text, found, runs if memo.SHORTCUTS and self._single_line_anchors else None)
        return large

    def _forget_large(self) -> None:
        self._large = ("", (), None)

    def _any_anchor(self) -> re.Pattern:
        """One regex finding any anchor (compiled when first asked: start-up stays short)."""
        if self._any_anchor_regex is None:
            self._any_anchor_regex = re.compile(_any_needle_pattern(self.anchors))
        return self._any_anchor_regex

    def _find_candidates(self, text: str, runs: list[tuple[int, int]] | None = None) -> tuple[re.Pattern, ...]:
        """The regexes of the groups whose anchors `text` holds; `runs`, when
        given, receives the runs of whole lines that hold an anchor."""
        in_pieces = memo.SHORTCUTS and self._single_line_anchors and len(text) > _LOWER_PIECE \
            and lowers_char_for_char(text)
        if in_pieces:
            # A long text, piece by piece (never lower-cased whole): the runs
            # and joined lines of the whole text's pass below.
            spans, low = self._anchor_line_runs_in_pieces(text)
            if not spans:
                return ()
            if runs is not None:
                runs.extend(spans)
        else:
            low = lowered_once(text) if len(text) > _REMEMBERED_TEXT else lower_in_pieces(text)
        if memo.SHORTCUTS and self._single_line_anchors and not in_pieces:
            # One regex pass (`_any_needle_pattern`) finds the lines that hold
            # any anchor; asking each anchor in turn is then done over those
            # lines alone. Most texts hold none: nothing more to do. Exact,
            # since no anchor spans a line break.
            spans = self._anchor_line_runs(low) if len(low) > _REMEMBERED_TEXT else _line_runs_with(low, self._any_anchor())
            if not spans:
                return ()
            if runs is not None:
                runs.extend(spans)
            low = "\n".join(low[a:b] for a, b in spans)
        tests = self._tests
        picked = sorted(k for short in self._present_anchors(low) for k, anchor in self._tests_by_short.get(short, ())
                        if anchor == short or anchor in low)
        return tuple(self._regex(tests[k][2]) for k in picked)

    def _anchor_line_runs(self, low: str) -> list[tuple[int, int]]:
        """`_line_runs_with(low, self._any_anchor())` for a whole newsletter:
        RE2's automaton over its UTF-8 bytes finds the lines that hold an
        anchor many times faster than `re` (a literal's bytes are in the
        text's bytes just where the literal is in the text); the lines found
        are counted in bytes, and their offsets taken from the text's lines."""
        hit_lines = _lines_holding_literals(low, self._literals())
        if hit_lines is None:
            return _line_runs_with(low, self._any_anchor())
        if not hit_lines:
            return []
        starts = line_starts_of(low)
        runs: list[tuple[int, int]] = []
        for k in hit_lines:
            start, end = starts[k], starts[k + 1] - 1
            if runs and runs[-1][1] + 1 == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        return runs

    def _anchor_line_runs_in_pieces(self, text: str) -> tuple[list[tuple[int, int]], str]:
        """`_anchor_line_runs(low)` of a long text that lowers character for
        character (its offsets are those of its lower case `low`), and
        `"\\n".join(low[a:b] for a, b in runs)`, found piece by piece
        (`lowered_pieces`; no anchor holds a line break). A run that goes on
        across a piece's end is merged as in the whole text; joining each
        piece's runs by line breaks joins the same lines."""
        runs: list[tuple[int, int]] = []
        lines: list[str] = []
        for start, low in lowered_pieces(text):
            spans = self._anchor_line_runs(low) if len(low) > _REMEMBERED_TEXT else _line_runs_with(low, self._any_anchor())
            for a, b in spans:
                if runs and runs[-1][1] + 1 == start + a:
                    runs[-1] = (runs[-1][0], start + b)
                else:
                    runs.append((start + a, start + b))
                lines.append(low[a:b])
        return runs, "\n".join(lines)

    def _literals(self):
        """(RE2 Set of the anchors, RE2 regex of every anchor), or False when RE2 cannot build them."""
        if self._anchor_set is None:
            self._anchor_set = literal_set([[anchor] for anchor in self.anchors])
        return self._anchor_set

    def _present_anchors(self, low: str) -> set[str]:
        """The anchors `low` holds. One RE2::Set pass over its UTF-8 bytes
        names them all (asking each anchor in turn cost a pass each); a Set
        that finds none (it also says so when its automaton runs out of
        memory) or a text RE2 cannot read is asked anchor by anchor."""
        if memo.SHORTCUTS and self._single_line_anchors:
            literals = self._literals()
            if literals:
                # Piece by piece (`utf8_pieces`: no anchor holds a line break).
                # A piece the Set finds nothing in is asked again of the regex
                # of every anchor, which does not give up: a hit there means
                # the Set gave up, and then the anchors are asked one by one.
                found: set[int] = set()
                try:
                    for data in utf8_pieces(low):
                        hits = literals[0].Match(data)
                        if not hits and literals[1].search(data) is not None:
                            break
                        found.update(hits or ())
                    else:
                        anchors = self.anchors
                        return {anchors[i] for i in found}
                except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
                    pass
        return {anchor for anchor in self.anchors if anchor in low}

    def _regex(self, source: str) -> re.Pattern:
        regex = self._compiled.get(source)
        if regex is None:
            regex = self._compiled[source] = re.compile(source, re.I)
        return regex

    def search(self, text: str) -> "re.Match | None":
        best = None
        for regex in self._candidates(text):
            m = regex.search(text)
            if m and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str):
        runs = None
        if len(text) > _REMEMBERED_TEXT:
            _, regexes, runs = self._large_candidates(text)
            # Over a whole newsletter, run the regexes on the lines that hold
            # an anchor only, when every match is on such a line (the scan of
            # each run of whole lines finds what the scan of the text finds there).
            if runs is not None and not (self._matches_on_anchor_lines and _folds_like_lower_once(text)):
                runs = None
        else:
            regexes = self._candidates(text)
        if regexes and len(text) > _REMEMBERED_TEXT and memo.SHORTCUTS and self._matches_near_anchors \
                and lowers_char_for_char(text) and _LineMap.of(text).irregular is not None:
            # A long newsletter holds most groups' anchors somewhere, but each
            # only in a few places: each regex is run around its own anchor's
            # places alone (`windows_around`), not over the whole text nor
            # over every line that holds any group's anchor.
            lines = _LineMap.of(text)
            places = lines.anchor_lines(text, {self._near[regex.pattern][0] for regex in regexes})
            matches = []
            for regex in regexes:
                anchor, reach = self._near[regex.pattern]
                matches += [m for a, b in lines.windows(places[anchor], reach) for m in regex.finditer(text, a, b)]
        elif runs is None:
            matches = [m for regex in regexes for m in regex.finditer(text)]
        else:
            matches = [m for regex in regexes for a, b in runs for m in regex.finditer(text, a, b)]
        return iter(sorted(matches, key=lambda m: m.start()))


def _reach(phrase: str) -> int:
    """How many lines that hold something else than whitespace a match of
    `_phrase_pattern(phrase)` can touch, at most: each literal stretch lies on
    one line (a phrase holds no line break), and each `*` is one to five
    words (`\\S+`), each on one line; only whitespace lies between them.
    0 for a phrase without `*`: its match is a literal on one line."""
    if "*" not in phrase:
        return 0
    stretches = sum(1 for part in phrase.split("*") if part.strip())
    return stretches + 5 * phrase.count("*")


_LINE_BREAK = re.compile("\n")
_FILLED_LINE = re.compile(r"^[^\S\n]*\S", re.M)


def line_starts_of(text: str) -> list[int]:
    """Where each line of `text` (split at line breaks) starts, and one past the
    end (`len(text) + 1`): `[0, *accumulate(len(line) + 1 for line in
    text.split("\n"))]`, without the copy of every line that splitting makes
    (of a whole newsletter, half a parse's memory when it holds one emoji)."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text)), len(text) + 1]


class _LineMap:
    """Where each line of a text starts, which lines hold more than
    whitespace (`\\s`, which is `str.isspace`), and which hold a character
    that folds irregularly (`_irregular_folding`), kept for the last text asked."""

    _last: "tuple[str, _LineMap | None]" = ("", None)

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts = starts = line_starts_of(text)
        # A line holds more than whitespace where, after its leading
        # whitespace, a character is not whitespace (`\S` is `str.isspace`'s
        # complement): found without a copy of every line.
        self.filled = [bisect_right(starts, m.start()) - 1 for m in _FILLED_LINE.finditer(text)]
        irregular = _irregular_folding()
        self.irregular = sorted({bisect_right(self.starts, m.start()) - 1 for m in irregular.finditer(text)}) if irregular else None

    @classmethod
    def of(cls, text: str) -> "_LineMap":
        source, found = cls._last  # one tuple: a reader in another thread sees a matching pair
        if source is not text or found is None or not memo.CACHING:
            found = cls(text)
            cls._last = (text, found)
        return found

    def windows_around(self, text: str, anchor: str, reach: int) -> list[tuple[int, int]]:
        """Disjoint runs of whole lines of `text` (whose lower case is as long:
        `lowers_char_for_char`) that hold every match of a case-insensitive
        regex each of whose matches holds `anchor` (lower-case, on one line,
        no character that folds irregularly) and touches at most `reach` lines
        that hold more than whitespace.

        The anchor of a match is on a line where `low` holds it, or on a line
        with a character that folds irregularly ("ſ" matches "s"; Greek
        sigmas): those lines are its places. A match runs from a line `reach`
        filled lines before its place (one more: a leading `\\s*` may start
        in the whitespace that ends the filled line before its first word) to
        one `reach` filled lines after, with only whitespace between; `reach`
        0: the match lies on its place's line. A regex run over a run of
        whole lines (`finditer(text, a, b)`) finds what a scan of the whole
        text finds there: `\\b` and lookarounds see the same line break
        beyond either end, and no match of the whole text lies outside the runs."""
        return self.windows(self.anchor_lines(text, (anchor,))[anchor], reach)

    def anchor_lines(self, text: str, anchors) -> dict[str, list[int]]:
        """The lines of `text` (lower-casing character for character) whose
        lower case holds each anchor (lower-case, no line break), in order:
        found in one pass of `lowered_pieces`, never a whole lower-cased copy."""
        starts = self.starts
        places: dict[str, list[int]] = {anchor: [] for anchor in anchors}
        for start, low in lowered_pieces(text):
            for anchor, lines in places.items():
                at = low.find(anchor)
                while at != -1:
                    line = bisect_right(starts, start + at) - 1
                    lines.append(line)
                    # each line once
                    at = low.find(anchor, starts[line + 1] - start) if line + 1 < len(starts) else -1
        return places

    def windows(self, places: list[int], reach: int) -> list[tuple[int, int]]:
        """`windows_around` of the anchor's lines `places` (`anchor_lines`)."""
        starts, filled = self.starts, self.filled
        if self.irregular:
            places = sorted({*places, *self.irregular})
        windows: list[tuple[int, int]] = []
        for line in places:
            k = bisect_left(filled, line)
            first, last = (k - reach - 1 if reach else k), k + reach
            a = starts[filled[first]] if first >= 0 else 0
            b = starts[filled[last] + 1] - 1 if last < len(filled) else self.length
            if reach == 0:  # the place's own line, filled or not (an irregular line may be blank)
                a, b = starts[line], starts[line + 1] - 1
            if windows and a <= windows[-1][1] + 1:
                windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
            else:
                windows.append((a, b))
        return windows


def irregular_folding_lines(text: str) -> "list[int] | None":
    """The lines of `text` (split at line breaks) that hold a character that
    folds irregularly ("ſ", Greek sigmas), in order; None when this Python
    cannot tell. A case-insensitive regex may match a lower-case word on such
    a line where the lower-cased text does not hold it, and elsewhere not."""
    return _LineMap.of(text).irregular


def _forget_line_map() -> None:
    _LineMap._last = ("", None)


on_forget_text(_forget_line_map)


def _alternation(phrases: list[str]) -> str:
    return "|".join(_phrase_pattern(p) for p in longest_first(phrases))


def alternation(phrases) -> str:
    """One regex source matching any of the phrases (`*` a name), the longest first."""
    return _alternation(list(phrases))


class _PatternList:
    """Regular expressions of a `_patterns` list: the built-in ones joined on
    `re`, each of a user's on RE2 (it cannot backtrack for minutes)."""

    def __init__(self, patterns: list[str], builtin: set[str]) -> None:
        ours = [p for p in patterns if p in builtin]
        self._regexes = [re.compile("|".join(f"(?:{p})" for p in ours), re.I)] if ours else []
        self._regexes += [linear_pattern(p) for p in patterns if p not in builtin]

    def search(self, text: str) -> bool:
        return any(r.search(text) for r in self._regexes)


class Markers:
    def __init__(self, data: dict) -> None:
        self.data = data
        sponsor = data.get("sponsor", {})
        # (The labels themselves are compiled by NL101, `rules/sponsor_block.py`;
        # here only the pieces that find the lines that may hold one.)
        needles = {
            part.strip().lower()
            for key in ("leading_labels", "disclosures", "support_disclosures")
            for phrase in sponsor.get(key, [])
            for part in phrase.split("*")
            if part.strip()
        }
        for label in sponsor.get("trailing_labels", []):
            label = label.lower()
            # A short trailing label ("ad") only counts in its brackets.
            needles.update((label,) if len(label) > 3 else (f"({label}", f"[{label}", f"【{label}", f"（{label}"))
        self._sponsor_needles = minimal_needles(needles)
        sponsor_us = data.get("sponsor_us", {})
        self._sponsor_us = re.compile(rf"^{_DECORATION}(?P<label>{_alternation(sponsor_us.get('phrases', []))})", re.I)
        ambiguous = sponsor_us.get("ambiguous", [])
        self._sponsor_us_ambiguous = re.compile(rf"(?:{_alternation(ambiguous)})$", re.I)
        # "Sponsor us" is also "sponsor *": a label any other phrase matches is no topic.
        clear = [p for p in sponsor_us.get("phrases", []) if p not in ambiguous]
        self._sponsor_us_clear = re.compile(rf"(?:{_alternation(clear)})$", re.I)
        self._invitation = PhraseSearch(sponsor_us.get("invitation", []))
        self.invitation_urls = tuple(p.lower() for p in sponsor_us.get("invitation_urls", []))
        self._sponsor_us_needles = minimal_needles(
            part.strip().lower()
            for phrase in sponsor_us.get("phrases", [])
            for part in phrase.split("*")
            if part.strip()
        )
        footer = data.get("footer", {})
        # Phrases that speak about the email itself, and words a story uses too
        # ("unsubscribe", "privacy policy"): a line needs more evidence for those.
        self._footer_sure = PhraseSearch(footer.get("phrases", []))
        self._footer = PhraseSearch([*footer.get("phrases", []), *footer.get("ambiguous", []),
                                     *footer.get("closing", [])])
        self._footer_closing = PhraseSearch(footer.get("closing", []))
        self._closes_a_sentence = _closes_a_sentence(footer.get("closing_tails", []))
        self._about_the_email = PhraseSearch(footer.get("about_the_email", []))
        self._first_person = PhraseSearch(footer.get("first_person", []))
        # Where links lead (data/links.toml): evidence every rule shares.
        self.links = LinkClassifier(data.get("links", {}))
        # Footer links: the kinds of `FOOTER_KINDS`, or a redirect that may hide one.
        self._footer_url_hints = minimal_needles(self.links.needles(FOOTER_KINDS))
        self._subscribe = re.compile(_alternation(footer.get("subscribe", [])), re.I)
        chrome = data.get("chrome", {})
        self._read_in_app = re.compile(rf"^\W*(?:{_alternation(chrome.get('read_in_app', []))})\W*$", re.I)
        # `\W*(?:…)?\W*$` backtracks quadratically on a long run of punctuation before a word.
        self._icon_text = re.compile(rf"^\W*(?:(?:{_alternation(chrome.get('icon_texts', []))})\W*)?$", re.I)
        self._follow_text = re.compile(rf"^\W*(?:{_alternation(chrome.get('follow_texts', []))})\W*$", re.I)
        self.icon_urls = tuple(p.lower() for p in chrome.get("icon_url_patterns", []))
        self._read_in_app_needles = minimal_needles(p.lower() for p in chrome.get("read_in_app", []))
        # Icon links show an icon address, or hide a share address in a redirect.
        self._icon_needles = minimal_needles(
            (*self.icon_urls, *self.links.needles(ICON_KINDS), "bwfpbhrv", "url=", "u=http")
        )
        self.avatar_alts = tuple(p.lower() for p in chrome.get("avatar_alt", []))
        self.pixel_urls = tuple(p.lower() for p in data.get("tracking_pixel", {}).get("url_patterns", []))
        self._puzzle = PhraseSearch(data.get("puzzle", {}).get("words", []))
        self._no_story = PhraseSearch(data.get("no_story", {}).get("phrases", []))
        heading_words = data.get("no_story", {}).get("heading_words", [])
        self._no_story_heading = re.compile(
            rf"\b(?:{'|'.join(re.escape(w) for w in heading_words)})\b" if heading_words else "(?!)", re.I
        )
        # A reader poll's title and note words (evidence/reader_polls.py): whole words.
        self._poll_title = _word_pattern(data.get("no_story", {}).get("poll_titles", []))
        self._poll_note = _word_pattern(data.get("no_story", {}).get("poll_notes", []))
        self._poll_result = _word_pattern(data.get("no_story", {}).get("poll_results", []))
        self._zone = PhraseSearch(data.get("footer_zone", {}).get("phrases", []))
        self._header_words = PhraseSearch(data.get("footer_zone", {}).get("header_words", []))
        postal = data.get("postal", {})
        street = "|".join(re.escape(w) for w in longest_first(postal.get("street_words", [])))
        # A street word next to a number ("5101 Main St", "Suite 8", "Str. 12").
        self._street = re.compile(
            rf"\d[\w-]*\.?\s+(?:[\w'’.-]+\s+){{0,3}}(?:{street})\b|\b(?:{street})\.?\s+\d" if street else "(?!)", re.I
        )
        self._address_labels = PhraseSearch(postal.get("address_labels", []))
        codes = postal.get("postcode_patterns", [])
        ours = set(_builtin_data().get("postal", {}).get("postcode_patterns", []))
        self._postcodes = [re.compile("|".join(c for c in codes if c in ours) or "(?!)")]
        # A user's pattern runs on RE2: it cannot backtrack for minutes.
        self._postcodes += [linear_pattern(c, ignore_case=False) for c in codes if c not in ours]
        months = "|".join(
            re.escape(m) for m in longest_first(data.get("dates", {}).get("months", []))
        )
        month = rf"(?:{months})\.?" if months else "(?!)"
        self._date = re.compile(
            rf"(?<!\w)(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+(?:de\s+)?{month}\s+(?:de\s+)?\d{{4}})(?!\w)",
            re.I,
        )
        dates = data.get("dates", {})
        ours = set(_builtin_data().get("dates", {}).get("numeric_patterns", []))
        numeric = dates.get("numeric_patterns", [])
        self._numeric_dates = [re.compile("|".join(p for p in numeric if p in ours) or "(?!)")]
        self._numeric_dates += [linear_pattern(p, ignore_case=False) for p in numeric if p not in ours]
        # A day and a month without the year ("mercoledì 9 dicembre", "Nov 28"): a date
        # only where it is all of a piece of a header row (`dateline_piece`).
        self._day_month = re.compile(
            rf"(?<!\w)(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.?\s+(?:de\s+)?{month})(?!\w)", re.I
        )
        # Periods that end no sentence: an abbreviation's ("Nr.", "z. B."), a
        # month's before a number ("déc. 2026"), an ordinal's before a month ("8. Dezember").
        abbreviations = "|".join(
            r"\s*".join(re.escape(part) for part in a.split())
            for a in longest_first(data.get("sentences", {}).get("abbreviations", []))
        )
        self._inner_periods = re.compile(
            (rf"(?<!\w)(?:{abbreviations})|" if abbreviations else "")
            + (rf"(?<!\w)(?:{months})\.(?=\s*\d)|(?<![\d.])\d{{1,2}}\.(?=\s+(?:{months})(?!\w))" if months else "(?!)"),
            re.I,
        )
        # The same, asked of one period (`ends_no_sentence`): by the word before it.
        self._month_words = frozenset(m.lower() for m in data.get("dates", {}).get("months", []))
        self._abbreviation_words = frozenset(
            part.lower() for a in data.get("sentences", {}).get("abbreviations", []) for part in re.split(r"[.\s]+", a) if part
        )
        self._month_after = re.compile(rf"\s+(?:{months})(?!\w)" if months else "(?!)", re.I)
        self._abbreviations = re.compile(rf"(?<!\w)(?:{abbreviations})" if abbreviations else "(?!)", re.I)
        bylines = alternation(data.get("byline", {}).get("author_words", []))
        # "By Ana Ruiz", "von Anna Berg", "作者：林知远": the author word, then a colon or a space.
        self._byline = re.compile(rf"(?:{bylines})(?:\s*[:：]\s*|\s+)" if bylines else "(?!)", re.I)
        asks = data.get("asks", {})
        self._ask_openings = {
            key: re.compile(rf"^{_DECORATION}(?P<ask>{_alternation(asks.get(key, []))})", re.I)
            for key in ("selling", "imperatives", "purposes")
            if asks.get(key)
        }
        self._ask_phrases = {
            key: PhraseSearch(asks.get(key, []))
            for key in ("requests", "objects", "reader", "membership", "publisher", "follow", "offers", "price_periods",
                        "purposes", "gates", "gated_content", "self_names", "acting_verbs", "paying")
        }
        # One sentence is asked the same question several times over (an ask,
        # then an offer, a name, a frame: evidence/asks.py), and each answer
        # is a regex over hundreds of phrases.
        self._remembered_ask_opening = remembered_method(self._ask_opening, 8192, max_chars=TEXT_CHARS)
        self._remembered_ask_phrase = remembered_method(self._ask_phrase, 8192, max_chars=TEXT_CHARS)
        # Every ask names the newsletter, opens with a verb that sells it,
        # names its paywall or links to its own pages: a line without one of
        # those holds no ask.
        self._ask_needles = minimal_needles(
            (
                *self._ask_phrases["objects"].anchors,
                *self._ask_phrases["membership"].anchors,
                *self._ask_phrases["gates"].anchors,
                *(p.strip().lower() for phrase in asks.get("selling", []) for p in phrase.split("*") if p.strip()),
                *self.links.needles(OWN_PAGE_KINDS),
            )
        )
        promo = data.get("promotion", {})
        self._cta = PhraseSearch(promo.get("calls_to_action", []))
        # The built-in pattern is ours and runs on `re`; any other came from a
        # user's file and runs on RE2 (compiled when first asked), which cannot hang.
        self._price_source = promo.get("price_pattern", "")
        trusted = self._price_source == _builtin_data().get("promotion", {}).get("price_pattern")
        self._price = re.compile(self._price_source, re.I) if trusted and self._price_source else None
        # The needles of each family of candidate lines (see `_scan`).
        self._families = {
            # A footer line holds a footer phrase's anchor, a footer link
            # pattern, or a redirect that may hide one (base64 "http").
            "footer": tuple(dict.fromkeys((*self._footer.anchors, *self._footer_url_hints))),
            "sponsor": self._sponsor_needles,
            "no_story": self._no_story.anchors,
            "puzzle": self._puzzle.anchors,
            "icons": self._icon_needles,
            "read_in_app": self._read_in_app_needles,
            "sponsor_us": self._sponsor_us_needles,
            "asks": self._ask_needles,
        }
        self._needle_spans_lines = any("\n" in n for needles in self._families.values() for n in needles)
        self._scanner: _NeedleScan | bool | None = None  # False: RE2 could not compile the needles
        self._forget_document()
        on_forget(self._forget_document)
        on_forget_text(self._forget_text)

    def _forget_text(self) -> None:
        """Drop the last text's scan, keeping its lines' answers (`_scan`: the
        next round meets most lines again)."""
        self._scanned = (None, {})

    def _forget_document(self) -> None:
        """Drop what is kept of the last document (its lines' answers)."""
        self._scanned: tuple[str | None, dict[str, frozenset[int]]] = (None, {})
        self._known_lines: dict[str, int] = {}

    # --- a rule's own vocabulary ----------------------------------------------

    def compiled(self, name: str, build):
        """What `build(self)` makes of the data (a rule's compiled vocabulary),
        made once per loaded data: a rule keeps its own patterns in its own
        module and asks for them here, so that user extensions reach them."""
        cache = self.__dict__.setdefault("_compiled_by_name", {})
        found = cache.get(name)
        if found is None:
            found = cache[name] = build(self)
        return found

    def words(self, table: str, key: str) -> frozenset[str]:
        """The list `[table].key`, lower-cased, as a set (words compared one by one)."""
        return self.compiled(f"words:{table}.{key}", lambda m: frozenset(w.lower() for w in m.data.get(table, {}).get(key, [])))

    def patterns(self, table: str, key: str):
        """The regular expressions `[table].key` (a `_patterns` list) as one
        searcher: the built-in ones run on `re`, a user's on RE2 (see
        `linear_pattern`). Its `search(text)` is true when any of them matches."""
        return self.compiled(f"patterns:{table}.{key}", lambda m: _PatternList(
            m.data.get(table, {}).get(key, []), set(_builtin_data().get(table, {}).get(key, []))
        ))

    def lowered(self, text: str) -> str:
        """The document lower-cased, once for all the rules that scan it in turn."""
        return lowered_once(text)

    def _family_lines(self, family: str, text: str, line_starts: list[int]) -> LineHits:
        """Lines of `text` that hold a needle of `family`: a fresh set the caller may change."""
        source, hits = self._scanned
        if source is not text:
            hits = self._scan(text, line_starts)
            self._scanned = (text, hits)  # one tuple, as in `lowered`
        return LineHits(hits[family])

    def _scan(self, text: str, line_starts: list[int]) -> dict[str, frozenset[int]]:
        """The lines holding a needle, for every family at once.

        Each rule asks for its family in turn, and the fixer's next round
        sees nearly the same lines again: so a line's answer (one bit per
        family) is kept, keyed on the line's exact text, until the next
        document, and only lines not seen in the previous scan are searched.
        Only for a text up to `_KEPT_LINE_TABLE` characters: the table is a
        copy of every line, and a long newsletter's stayed alive through the
        rest of the round and the next round's parse, at the peak of its fix.
        The lines are split off a piece of the text at a time (`_pieces`),
        so a long text is not copied line by line all at once either, nor
        lower-cased whole (`lowered_pieces`)."""
        if not lowers_char_for_char(text) or self._needle_spans_lines or not memo.SHORTCUTS:
            # Lower-casing changed lengths ("İ"), or a line's answer does not
            # depend on the line alone: search the whole text as it is (also
            # the definition the tests compare the shortcut below with).
            return self._scan_whole(self.lowered(text), line_starts)
        scanner = self._needle_scan()
        if scanner is None:  # needles RE2 could not compile
            return self._scan_whole(self.lowered(text), line_starts)
        keep = memo.CACHING and len(text) <= _KEPT_LINE_TABLE
        known = self._known_lines if keep else {}
        self._known_lines = {}  # the last document's lines go before this one's are split
        kept: dict[str, int] = {}
        hits: dict[str, set[int]] = {f: set() for f in self._families}
        names = list(self._families)
        first = 0  # the number of the piece's first line
        try:
            for a, low in lowered_pieces(text):
                lines = low.split("\n")
                if a + len(low) < len(text):
                    lines.pop()  # the piece ends with its last line's break: no line starts there
                table = {line: kept.get(line, known.get(line, 0)) for line in lines}
                fresh = [line for line in table if line not in kept and line not in known]
                for k, bits in scanner.bits(fresh):
                    table[fresh[k]] = bits
                if keep:
                    kept.update(table)
                for i, line in enumerate(lines, first):
                    found = table[line]
                    if found:
                        for bit, name in enumerate(names):
                            if found >> bit & 1:
                                hits[name].add(i)
                first += len(lines)
        except UnicodeEncodeError:  # a lone surrogate (a client's text): RE2 reads UTF-8 only
            return self._scan_whole(self.lowered(text), line_starts)
        self._known_lines = kept  # only this document's lines: bounded
        return {f: frozenset(lines) for f, lines in hits.items()}

    def _scan_whole(self, low: str, line_starts: list[int]) -> dict[str, frozenset[int]]:
        """`_scan` by definition: each family's needles searched in the whole lower-cased text."""
        return {f: frozenset(lines_holding(low, needles, line_starts)) for f, needles in self._families.items()}

    def _needle_scan(self) -> "_NeedleScan | None":
        """The families' needles on RE2 (built when first asked: start-up stays
        short); None when a user's lists are too large for RE2 to compile."""
        if self._scanner is None:
            import re2

            try:
                self._scanner = _NeedleScan(self._families)
            except re2.error:
                self._scanner = False
        return self._scanner or None

    def candidate_lines(self, family: str, text: str, line_starts: list[int]) -> LineHits:
        """Lines of `text` where a marker of `family` ("footer", "sponsor",
        "no_story", "puzzle", "icons", "read_in_app", "sponsor_us", "asks") can be at
        all: a cheap superset, found by substring search."""
        return self._family_lines(family, text, line_starts)

    def subscribe_phrase(self, text: str) -> str | None:
        m = self._subscribe.search(text)
        return m.group(0) if m else None

    def sponsor_us(self, line: str) -> str | None:
        m = self._sponsor_us.match(line)
        if not m:
            return None
        label = m.group("label")
        rest = line[m.end() :].strip(" \t*_)]】")
        # A lone word ("Advertise", "Advertising") is a label only alone or before
        # a colon or dash, not as the first word of a title ("Advertising intelligence").
        if " " not in label.strip() and label.isascii() and rest and rest[0] not in ":|—–-·•(":
            return None
        return label

    def sponsor_us_is_ambiguous(self, label: str) -> bool:
        """Whether a sponsor-us label also opens topic titles ("Advertising",
        "Sponsor economics"): then only an invitation around it makes it one."""
        label = label.strip()
        return bool(self._sponsor_us_ambiguous.match(label)) and not self._sponsor_us_clear.match(label)

    def invitation(self, text: str) -> str | None:
        """A phrase that invites advertisers (rates, media kit, contact, "reach N readers")."""
        m = self._invitation.search(text)
        return m.group(0) if m else None

    def is_invitation_url(self, url: str) -> bool:
        url = resolve_url(url).lower()
        return any(p in url for p in self.invitation_urls)

    # --- footer and chrome ----------------------------------------------------

    def footer_phrase(self, text: str) -> str | None:
        """The first footer phrase or ambiguous footer word in `text`."""
        m = self._footer.search(text)
        return m.group(0) if m else None

    def sure_footer_phrase(self, text: str) -> str | None:
        """The first footer phrase that speaks about the email itself ("you are
        receiving this", "view in browser"), not a word a story uses too."""
        m = self._footer_sure.search(text)
        return m.group(0) if m else None

    def closing_footer_phrase(self, text: str) -> str | None:
        """A footer phrase of `[footer].closing` that closes its sentence
        ("Enable images or read online.", "Read online →"), not one inside a
        story's ("read online timetables")."""
        for m in self._footer_closing.finditer(text):
            if self._closes_a_sentence.match(text, m.end()):
                return m.group(0)
        return None

    def about_the_email(self, text: str) -> str | None:
        """Words by which a line speaks about the email itself ("this email", "your subscription")."""
        m = self._about_the_email.search(text)
        return m.group(0) if m else None

    def first_person(self, text: str) -> str | None:
        """A word by which a sentence speaks of its writer ("I tried to
        unsubscribe from the list"): a reader's story, not the list's footer."""
        m = self._first_person.search(text)
        return m.group(0) if m else None

    def footer_phrase_spans(self, text: str) -> list[tuple[int, int]]:
        """Where footer phrases and ambiguous footer words are in `text`."""
        return [m.span() for m in self._footer.finditer(text)]

    def ask_opening(self, sentence: str, key: str) -> str | None:
        """A word of `[asks].<key>` ("selling", "imperatives", "purposes") that opens the sentence."""
        return self._remembered_ask_opening(sentence, key)

    def _ask_opening(self, sentence: str, key: str) -> str | None:
        regex = self._ask_openings.get(key)
        m = regex.match(sentence) if regex else None
        return m.group("ask") if m else None

    def ask_phrase_starts(self, text: str, key: str) -> list[int]:
        """Where the phrases of `[asks].<key>` stand in a whole text (one pass, for a prefilter)."""
        return [m.start() for m in self._ask_phrases[key].finditer(text)]

    def ask_phrase(self, sentence: str, key: str) -> str | None:
        """A phrase of `[asks].<key>` ("requests", "objects", "reader", "membership",
        "publisher", "follow", "offers", "price_periods", "purposes", "gates", "gated_content", "self_names",
        "acting_verbs", "paying")
        anywhere in the sentence."""
        return self._remembered_ask_phrase(sentence, key)

    def ask_phrase_spans(self, sentence: str, key: str) -> list[tuple[int, int]]:
        """Where every phrase of `[asks].<key>` stands in the sentence."""
        return [m.span() for m in self._ask_phrases[key].finditer(sentence)]

    def _ask_phrase(self, sentence: str, key: str) -> str | None:
        m = self._ask_phrases[key].search(sentence)
        return m.group(0) if m else None

    def zone_phrase(self, text: str) -> str | None:
        """Words of a footer's other lines ("member since", "is a trademark of",
        "use of cookies"): weak evidence, that counts only beside a footer line."""
        m = self._zone.search(text)
        return m.group(0) if m else None

    def header_word(self, phrase: str) -> str | None:
        """A word by which a footer phrase also stands at the top of an email
        ("browser" in "View in browser", "forwarded")."""
        m = self._header_words.search(phrase)
        return m.group(0) if m else None

    def postal_address(self, text: str) -> bool:
        """Whether a short text reads as a postal address: a number beside a
        street word ("5101 Main Blvd Ste 8"), or a postcode ("CA 94085", "LN11 0LS")."""
        if not any(map(str.isdigit, text)):  # (a C loop: most texts asked hold no digit)
            return False
        return bool(self._street.search(text) or any(p.search(text) for p in self._postcodes))

    def address_label(self, text: str) -> str | None:
        """Words that announce a postal address ("mailing address", "Postanschrift",
        `[postal].address_labels`); whether the line is a label is the caller's to say."""
        m = self._address_labels.search(text)
        return m.group(0) if m else None

    def postcode_ends(self, text: str) -> list[int]:
        """Where the postcodes of a text end ("… Leeds, LS1 4AB" ends after "4AB"), in order."""
        return sorted({m.end() for p in self._postcodes for m in p.finditer(text)})

    def date_in(self, text: str) -> str | None:
        """A written date, month names of every language in `[dates]`
        ("April 28, 2026", "8 février 2025", "3. März 2025", "2025-02-08",
        "2026 年 12 月 11 日": `numeric_patterns`)."""
        m = self._date.search(text)
        if m is None:
            m = next((found for p in self._numeric_dates if (found := p.search(text)) is not None), None)
        return m.group(0) if m else None

    def dateline_piece(self, text: str) -> str | None:
        """What a piece of a header row is, when it is the issue's date or its
        byline, the pieces that stay beside a web-version or footer link
        ("Dienstag, 8. Dezember 2026", "mercoledì 9 dicembre", "2026 年 12 月
        11 日", "By Ana Ruiz", "作者：林知远"); None for any other piece. `text`
        is the piece's visible text. A date with at most one word beside it
        (a weekday); a byline word that opens the piece and a name of at most
        `MAX_NAME_WORDS` words after it, capitalised, that ends no sentence
        ("By opening our emails you agree …" is no byline)."""
        text = text.strip(" \t*_")
        date = self.date_in(text)
        m = None if date else self._day_month.search(text)
        if date or m:
            found = date or m.group(0)
            rest = text.replace(found, " ", 1)
            if len(_LETTER_RUN.findall(rest)) <= 1:
                return f"the date '{found}'"
        m = self._byline.match(text)
        if m is None:
            return None
        name = text[m.end():].strip()
        names = _LETTER_RUN.findall(name)
        if (names and len(names) <= MAX_NAME_WORDS and len(name) <= MAX_NAME_LENGTH
                and not _ENDS_SENTENCE.search(name) and not name[0].islower() and not name[0].isdigit()):
            return f"the byline '{text}'"
        return None

    def inner_periods(self, text: str) -> set[int]:
        """Offsets of the periods in `text` that end no sentence: an
        abbreviation's (`[sentences]`: "Nr. 4", "z. B."), a month's before a
        number ("déc. 2026"), an ordinal's before a month ("8. Dezember")."""
        return {m.start() + k for m in self._inner_periods.finditer(text)
                for k, ch in enumerate(m.group(0)) if ch == "."} if "." in text else set()

    def ends_no_sentence(self, text: str, period: int) -> bool:
        """Whether the period at `period` is one of `inner_periods`, read
        around it alone (a flattened email is one line of a megabyte): the
        word before it tells which test applies."""
        word_start = period
        while word_start > max(0, period - _PERIOD_WINDOW) and text[word_start - 1].isalnum():
            word_start -= 1
        word = text[word_start:period].lower()
        if word.isdigit():  # an ordinal before a month: "8. Dezember"
            return len(word) <= 2 and (word_start == 0 or not text[word_start - 1] in ".0123456789") \
                and self._month_after.match(text, period + 1) is not None
        if word in self._month_words and _NUMBER_AFTER.match(text, period + 1):
            return True  # a month before a number: "déc. 2026"
        if word not in self._abbreviation_words:
            return False
        start, end = max(0, period - _PERIOD_WINDOW), min(len(text), period + _PERIOD_WINDOW)
        return any(m.start() <= period < m.end() for m in self._abbreviations.finditer(text, start, end))

    def may_hold_footer_url(self, line: str) -> bool:
        low = line.lower()
        return any(hint in low for hint in self._footer_url_hints)

    def is_footer_url(self, url: str) -> bool:
        """A link to an unsubscribe, preferences or app-store page, the web
        version, or the sending platform's badge (`FOOTER_KINDS`)."""
        return self.links.kind(url) in FOOTER_KINDS

    def is_read_in_app(self, text: str) -> bool:
        return bool(self._read_in_app.match(text))

    def is_icon_text(self, text: str) -> bool:
        return bool(self._icon_text.match(text))

    def is_follow_text(self, text: str) -> bool:
        """A link text that names a social network ("Twitter", "LinkedIn"): a follow button."""
        return bool(self._follow_text.match(text))

    def is_icon_url(self, url: str) -> bool:
        """An icon image's address, or a share / like / comment / restack action."""
        if self.links.kind(url) in ICON_KINDS:
            return True
        url = resolve_url(url).lower()
        return any(p in url for p in self.icon_urls)

    def link_kind(self, url: str) -> LinkKind | None:
        """Where a link leads, when stories never link there (an unsubscribe
        page, a share intent, an ad server, …); None for an ordinary link.
        See `evidence.links`."""
        return self.links.kind(url)

    def is_pixel_url(self, url: str) -> bool:
        url = url.lower()
        return any(p in url for p in self.pixel_urls)

    def puzzle_word(self, text: str) -> str | None:
        m = self._puzzle.search(text)
        return m.group(0) if m else None

    def no_story_match(self, text: str) -> "re.Match | None":
        return self._no_story.search(text)

    def no_story_heading_word(self, text: str) -> str | None:
        """A word by which a heading names a referral or poll ask ("Share", "Refer")."""
        m = self._no_story_heading.search(text)
        return m.group(0) if m else None

    def poll_title_word(self, text: str) -> str | None:
        """A word by which a short title names a reader poll ("Today's poll", "Encuesta")."""
        m = self._poll_title.search(text)
        return m.group(0) if m else None

    def poll_note_word(self, text: str) -> str | None:
        """A word by which a line under a poll's answers speaks of the poll ("participate in polls")."""
        m = self._poll_note.search(text)
        return m.group(0) if m else None

    def poll_result_word(self, text: str) -> str | None:
        """A word by which a line under a poll's answers reports a result ("Last week's result: 58% …")."""
        m = self._poll_result.search(text)
        return m.group(0) if m else None

    def calls_to_action(self, text: str) -> list[str]:
        return [m.group(0) for m in self._cta.finditer(text)]

    def prices(self, text: str) -> list[str]:
        if not self._price_source:
            return []
        if self._price is None:
            self._price = linear_pattern(self._price_source)
        return [m.group(0) for m in self._price.finditer(text)]


class _NeedleScan:
    """Which families of needles each line holds, for the marker scan.

    The needles are literal strings, hundreds of them: one RE2::Set, one
    pattern per family, tells in a single pass of its automaton over a
    line's UTF-8 bytes every family the line holds (asking a regex per
    family on each line that held any needle cost five times more, most of
    it in the Python wrapper). Substrings of UTF-8 bytes are substrings of
    the text, and no needle spans a line break (the scan checks), so the
    answer is `lines_holding`'s, family by family (the tests compare the two:
    tests/test_line_search.py, tests/test_shared_caches.py).

    A Set gives up silently (answers "nothing") when its automaton runs out
    of memory, where a regex falls back to a slower automaton: so the lines
    it found nothing on are searched again with one regex of every needle,
    in one pass; a hit there means the Set gave up, and then each line is
    asked family by family, as before. Needles too many to compile at all
    raise `re2.error`."""

    def __init__(self, families: dict[str, tuple[str, ...]]) -> None:
        import re2  # google-re2, imported when the first document is scanned

        options = re2.Options()
        options.log_errors = False
        options.max_mem = MAX_MEMORY  # literal_sets: RE2's default fails on a user's 20,000 phrases

        def alternation(needles) -> bytes:
            return b"|".join(re2.escape(n.encode("utf-8")) for n in minimal_needles(needles))

        every = [n for needles in families.values() for n in needles]
        self._any = re2.compile(alternation(every), options) if every else None
        # (bit, regex) of each family that has needles
        self._families = [(1 << bit, re2.compile(alternation(needles), options))
                          for bit, needles in enumerate(families.values()) if needles]
        self._set = re2.Set.SearchSet(options)
        # The Set's pattern index -> the family's bit.
        self._set_bits = []
        for bit, needles in enumerate(families.values()):
            if needles:
                self._set.Add(alternation(needles))
                self._set_bits.append(1 << bit)
        if self._set_bits:
            self._set.Compile()

    def bits(self, lines: list[str]) -> list[tuple[int, int]]:
        """(index, family bits) of each of `lines` (none holding a line break)
        that holds a needle, in order. Raises UnicodeEncodeError for a text
        with a lone surrogate."""
        if self._any is None or not lines:
            return []
        match, set_bits = self._set.Match, self._set_bits
        found, missed = [], []
        for k, line in enumerate(lines):
            data = line.encode("utf-8")
            hit = match(data)
            if hit:
                found.append((k, sum(set_bits[i] for i in hit)))
            else:
                missed.append(data)
        if missed and self._any.search(b"\n".join(missed)) is not None:
            return list(self._bits_by_family(lines))  # the Set gave up on some line
        return found

    def _bits_by_family(self, lines: list[str]):
        """`bits`, found by one regex of every needle and then one per family on the lines it hits."""
        if self._any is None:
            return
        data = "\n".join(lines).encode("utf-8")
        search, families = self._any.search, self._families
        pos = k = 0  # pos: where line k starts
        while True:
            m = search(data, pos)
            if m is None:
                return
            start = data.rfind(b"\n", 0, m.start()) + 1
            k += data.count(b"\n", pos, start)
            end = data.find(b"\n", start)
            if end == -1:
                end = len(data)
            line = data[start:end]
            yield k, sum(bit for bit, regex in families if regex.search(line))
            if end == len(data):
                return
            pos, k = end + 1, k + 1


class LineHits(set):
    """Line numbers where a rule's words occur (a set), that also answers
    "does any of lines [start, end) hold one?" by a binary search."""

    def touches(self, start: int, end: int) -> bool:
        if not self:
            return False
        ordered = self.__dict__.get("ordered")
        if ordered is None:
            ordered = self.__dict__["ordered"] = sorted(self)
        i = bisect_left(ordered, start)
        return i < len(ordered) and ordered[i] < end


def minimal_needles(needles) -> tuple[str, ...]:
    """Drop a needle that contains another: wherever it occurs, the shorter one does."""
    kept = NeedleIndex()
    for n in sorted(set(needles), key=lambda n: (len(n), n)):
        if kept.inside(n) is None:
            kept.add(n)
    return tuple(kept.needles)


class NeedleIndex:
    """Needles that answer "which of you occurs inside this string?" by
    looking, at each position of the string, only at the needles that start
    with the two characters found there: a cost that grows with the string,
    not with the number of needles (asking each needle made loading 20,000
    phrases quadratic)."""

    def __init__(self, needles=()) -> None:
        self.needles: list[str] = []
        self._set: set[str] = set()
        self._lengths_by_start: dict[str, set[int]] = {}  # first two characters -> needle lengths
        self._short: list[str] = []  # needles of fewer than two characters
        for n in needles:
            self.add(n)

    def add(self, needle: str) -> None:
        if needle in self._set:
            return
        self.needles.append(needle)
        self._set.add(needle)
        if len(needle) < 2:
            self._short.append(needle)
        else:
            self._lengths_by_start.setdefault(needle[:2], set()).add(len(needle))

    def __contains__(self, needle: str) -> bool:
        return needle in self._set

    def inside(self, text: str) -> str | None:
        """A needle that occurs in `text`, or None."""
        for n in self._short:
            if n in text:
                return n
        by_start, needles, end = self._lengths_by_start, self._set, len(text)
        for i in range(end - 1):
            sizes = by_start.get(text[i : i + 2])
            if sizes:
                for size in sizes:
                    if i + size <= end and text[i : i + size] in needles:
                        return text[i : i + size]
        return None


# Characters of newsletter text, the most frequent first (lower-cased, as
# counted over real newsletters); any other character is rarer still.
_FREQUENT_CHARS = " etaoinsrlhdcmupwfgby-v./0k21,xz39j54:678*q’)=([]_?\"“”&@—'%;+>#~!$–"


def _any_needle_pattern(needles) -> str:
    """A regex that finds any of the needles: far faster than a `str.find` each.

    `re` tries a pattern only where the text holds a character a match can
    start with. So each needle is matched from its rarest character on, and
    a lookbehind checks the whole needle: "unsubscribe" is
    `bscribe(?<=unsubscribe)`. And the needles share one trie
    ("ab(?:c|d)"): at each position only the branches that go on with the
    text's next character are tried, not every needle."""
    needles = minimal_needles(needles)
    if not needles:
        return "(?!)"
    if "" in needles:
        return ""
    trie: dict = {}
    for needle in needles:
        rarest = max(range(len(needle)), key=lambda i: (_rarity(needle[i]), -i))
        node = trie
        for ch in needle[rarest:]:
            node = node.setdefault(ch, {})
        # The needles that end here, to check back to their start ("" when matched from it).
        node.setdefault(None, set()).add(needle if rarest else "")

    def pattern(node: dict) -> str:
        ends = node.get(None, set())
        if "" in ends:
            return ""  # a whole needle matched: nothing left to check
        branches = [f"(?<={re.escape(needle)})" for needle in sorted(ends)]
        branches += [re.escape(ch) + pattern(node[ch]) for ch in sorted(ch for ch in node if ch is not None)]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(trie)


def _rarity(ch: str) -> int:
    i = _FREQUENT_CHARS.find(ch)
    return len(_FREQUENT_CHARS) if i < 0 else i


def lines_holding(low_text: str, needles: tuple[str, ...], line_starts: list[int]) -> LineHits:
    """Lines of a lower-cased text where any needle occurs. Several needles
    are looked for at once by the regex of `_any_needle_pattern` (one pass,
    where a `str.find` per needle made one pass each); a needle that holds
    a line break, or a lone needle, by `str.find`."""
    if len(needles) > 1 and not any("\n" in n for n in needles):
        # A whole newsletter whose lines are where `line_starts` says: RE2's
        # automaton over its UTF-8 bytes, many times faster than `re` there.
        if memo.SHORTCUTS and len(low_text) > _REMEMBERED_TEXT and len(low_text) + 1 == line_starts[-1]:
            found = _lines_matching_bytes(low_text, tuple(needles))
            if found is not None:
                return LineHits(found)
        return LineHits(_lines_matching(low_text, _needles_regex(tuple(needles)), line_starts))
    lines = LineHits()
    for needle in needles:
        i = low_text.find(needle)
        while i != -1:
            line = bisect_right(line_starts, i) - 1
            lines.add(line)
            # Skip to the next line: one hit per line is enough.
            nxt = line_starts[line + 1] if line + 1 < len(line_starts) else len(low_text)
            i = low_text.find(needle, nxt)
    return lines


@remembered(64)
def _needles_regex(needles: tuple[str, ...]) -> re.Pattern:
    return re.compile(_any_needle_pattern(needles))


@remembered(64)
def _needles_literals(needles: tuple[str, ...]):
    return literal_set([list(needles)])


def _lines_matching_bytes(text: str, needles: tuple[str, ...]) -> list[int] | None:
    """`_lines_holding_literals` of the needles (none holding a line break)."""
    return _lines_holding_literals(text, _needles_literals(needles))


def _lines_holding_literals(text: str, literals) -> list[int] | None:
    """The lines of `text` (split at line breaks) that hold one of the literals
    of `literals` (`literal_set`'s, none holding a line break), in order,
    found by RE2 over its UTF-8 bytes: a literal's bytes are in the text's
    just where the literal is in the text. None when RE2 cannot read the
    text (a lone surrogate) or could not compile the literals (False)."""
    if not literals:
        return None
    search = literals[1].search
    lines: list[int] = []
    first_line = 0  # of the piece
    try:
        for data in utf8_pieces(text):  # no literal holds a line break: none spans two pieces
            pos, line = 0, first_line
            while True:
                m = search(data, pos)
                if m is None:
                    break
                line += data.count(b"\n", pos, m.start())
                lines.append(line)
                end = data.find(b"\n", m.end())  # one hit per line is enough
                if end == -1:
                    break
                pos, line = end + 1, line + 1
            first_line += data.count(b"\n")
    except UnicodeEncodeError:
        return None
    return lines


def _line_runs_with(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """The runs of consecutive lines of `text` where `pattern` (which never
    matches a line break) matches on each line: (start, end) offsets, each
    from a line's start to the end of the run's last line (its line break left out)."""
    runs: list[tuple[int, int]] = []
    search, pos = pattern.search, 0
    while True:
        m = search(text, pos)
        if m is None:
            break
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if end == -1:
            end = len(text)
        if runs and runs[-1][1] + 1 == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        if end == len(text):
            break
        pos = end + 1
    return runs


def _lines_matching(text: str, pattern: re.Pattern, line_starts: list[int]) -> list[int]:
    """Lines of `text` where `pattern` (which never matches a line break) matches, in order."""
    lines = []
    search, end, pos = pattern.search, len(text), 0
    while pos <= end:
        m = search(text, pos)
        if m is None:
            break
        line = bisect_right(line_starts, m.start()) - 1
        lines.append(line)
        # Skip to the next line: one hit per line is enough.
        if line + 1 >= len(line_starts):
            break
        pos = line_starts[line + 1]
    return lines


@remembered(4096, max_chars=TEXT_CHARS)
def url_host(url: str) -> str:
    """The host a link leads to (after `resolve_url`), or "" when it has none
    (never raises: `split_url` gives a link it cannot split no parts)."""
    return split_url(resolve_url(url)).hostname or ""


# The most `*` (a name of one to five words) a phrase of a user's file may hold.
MAX_STARS = 2


class DataError(ValueError):
    """A marker data file that cannot be used. The message is "PATH: key: problem"."""


def _merge(base: dict, extra: dict) -> dict:
    """`extra` on top of `base`: lists are added together, tables merged, other values replaced.
    Each list is copied once and extended in place: adding to a copy per file or per
    key would copy the growing list again and again."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out


def _read_toml(text: str, where: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{where}: not valid TOML: {exc}") from None


@lru_cache(maxsize=1)
def _builtin_data() -> dict:
    """The data files shipped with nlclean (`read_data_folder`)."""
    return read_data_folder(resources.files("nlclean").joinpath("data"))


def _word_pattern(words) -> "re.Pattern":
    """Any of `words` as a whole word, ignoring case (never matches when there are none)."""
    words = [w for w in words if w]
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in longest_first(words))})(?!\w)", re.I) \
        if words else re.compile("(?!)")


def read_data_folder(folder) -> dict:
    """markers.toml, then the other files of the folder (`lang-*.toml`, …) in
    name order, their lists added together. The files other than the
    languages' are the schema: a language file holds words of the tables they
    define, and a table or key only it has is a misspelling that no rule
    would read (`DataError`)."""
    data = _read_toml(folder.joinpath("markers.toml").read_text(encoding="utf-8"), "markers.toml")
    extra = sorted(
        (f for f in folder.iterdir() if f.name.endswith(".toml") and f.name != "markers.toml"), key=lambda f: f.name
    )
    tables = {f.name: _read_toml(f.read_text(encoding="utf-8"), f.name) for f in extra}
    schema = data
    for name, table in tables.items():
        if not name.startswith("lang-"):
            schema = _merge(schema, table)
    for name, table in tables.items():
        if name.startswith("lang-"):
            _check_shape(table, schema, name)
    for table in tables.values():
        data = _merge(data, table)
    return data


def _check_shape(extra: dict, known: dict, source: str, prefix: str = "") -> None:
    """An extension must use the tables and keys the built-in data has, with
    values of the same kind (the built-in files are the schema: a key added to
    them is known here at once)."""
    for key, value in extra.items():
        name = f"{prefix}{key}"
        if key not in known:
            raise DataError(f"{source}: {name}: unknown {'key' if prefix else 'table'}{_nearest(key, known, prefix)}")
        expected = known[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise DataError(f"{source}: {name}: must be a table ([{name}]), not {kind_of(value)}")
            _check_shape(value, expected, source, f"{name}.")
        elif isinstance(expected, list):
            _check_list(value, source, name)
        elif type(value) is not type(expected):
            raise DataError(f"{source}: {name}: must be {kind_of(expected)}, not {kind_of(value)}")
        elif key.endswith("_pattern"):  # a regular expression: it must run on `linear_pattern`
            _check_patterns([value], source, name)


def _nearest(key: str, known: dict, prefix: str) -> str:
    """A hint for an unknown table or key: the known name it is nearest to, or all of them."""
    from difflib import get_close_matches

    near = get_close_matches(key, list(known), n=1)
    return f" (did you mean '{prefix}{near[0]}'?)" if near else f" (known: {', '.join(sorted(known))})"


def _check_list(value, source: str, name: str) -> None:
    """A list of phrases (at most `MAX_STARS` `*` each), or of regular
    expressions when its key ends in `_patterns`."""
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise DataError(f"{source}: {name}: must be a list of strings, not {kind_of(value)}")
    if any(not v.strip(" *") for v in value):
        raise DataError(f"{source}: {name}: an empty phrase would match everywhere")
    if name.endswith("_patterns"):
        _check_patterns(value, source, name)
        return
    crowded = next((v for v in value if v.count("*") > MAX_STARS), None)
    if crowded is not None:
        # Each `*` may take one to five words: the ways to share the words
        # out grow as a power of the number of stars, and so does the search.
        raise DataError(f"{source}: {name}: '{crowded}' has {crowded.count('*')} `*`; "
                        f"a phrase may hold at most {MAX_STARS}")


def _check_patterns(patterns: list[str], source: str, name: str) -> None:
    """Each regular expression must run on `linear_pattern` (RE2)."""
    for pattern in patterns:
        try:
            linear_pattern(pattern, ignore_case=False)
        except ValueError as exc:
            raise DataError(f"{source}: {name}: {exc}") from None


def read_extension(path: str) -> dict:
    """A user's marker file, checked against the built-in data's tables and keys."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None
    extra = _read_toml(text, path)
    _check_shape(extra, _builtin_data(), path)
    return extra


def load_data(extensions: tuple[str, ...] = ()) -> dict:
    """The built-in data, then the user's extension files: their lists are added.
    Raises `DataError` for an extension that is not valid TOML or does not
    have the built-in data's shape."""
    data = _builtin_data()
    for path in extensions:
        data = _merge(data, read_extension(path))
    return data if extensions else _merge(data, {})


def linear_pattern(pattern: str, *, ignore_case: bool = True):
    """A pattern from marker data, compiled for an engine whose time is linear
    in the text (RE2): a pattern from a user's file must not be able to hang a
    commit hook or the language server by backtracking, as `(a+)+b` does in
    Python's `re`. Raises ValueError for what RE2 does not accept
    (backreferences, lookaround)."""
    import re2  # google-re2: imported when a pattern is first compiled

    options = re2.Options()
    options.log_errors = False  # the error goes into our message, not onto stderr
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"not a pattern nlclean can run in linear time ({detail})") from None


@lru_cache(maxsize=16)
def load(extensions: tuple[str, ...] = ()) -> Markers:
    """The built-in markers plus the given extension files (merged: lists are added)."""
    return Markers(load_data(extensions))
