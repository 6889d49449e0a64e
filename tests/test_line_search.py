"""`markers.lines_holding` and the marker scan find the lines holding any of
several needles with one regex (`_any_needle_pattern`); the definition is a
search for each needle. They must agree: on random needles and texts, and on
every file of both corpora (when ../shared is there) with every family of the
marker data, through `lines_holding` and through `candidate_lines`."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean.document import Document
from nlclean.markers import lines_holding
from nlclean.settings import Settings

from corpora import corpus_texts
MARKERS = Settings().markers()


def lines_by_definition(text: str, needles) -> set[int]:
    return {i for i, line in enumerate(text.split("\n")) if any(n in line for n in needles)}


def line_starts(text: str) -> list[int]:
    return Document(text, "text").line_starts


SMALL = st.text(alphabet="abc .\n/é", max_size=80)


@settings(max_examples=1500, deadline=None)
@given(SMALL, st.lists(st.text(alphabet="abc ./é", min_size=1, max_size=4), min_size=2, max_size=6))
def test_random_needles(text, needles):
    assert set(lines_holding(text, tuple(needles), line_starts(text))) == lines_by_definition(text, needles)


@pytest.mark.parametrize("folder", ["dev", "bulk"])
def test_every_family_on_the_corpus(folder):
    for path, text, fmt in corpus_texts(folder):
        doc = Document(text, fmt)
        low = doc.text.lower()
        for family, needles in MARKERS._families.items():
            expected = lines_by_definition(low, needles)
            assert set(lines_holding(low, needles, doc.line_starts)) == expected, (path.name, family)
            assert set(MARKERS.candidate_lines(family, doc.text, doc.line_starts)) == expected, (path.name, family)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.text(alphabet="abc .é€", max_size=30), max_size=6),
       st.lists(st.lists(st.text(alphabet="abc ./é€", min_size=1, max_size=4), max_size=4), min_size=1, max_size=4))
def test_the_scan_on_re2_is_the_definition(lines, families):
    """The marker scan's RE2 pass (UTF-8 bytes, one automaton for every
    needle, one set for the families) gives each line the families whose
    needles it holds, multi-byte characters included."""
    from nlclean.markers import _NeedleScan

    scan = _NeedleScan({str(i): tuple(needles) for i, needles in enumerate(families)})
    found = dict(scan.bits(lines))
    # The way it goes when the RE2 Set gives up (out of memory): a regex per family.
    by_family = dict(scan._bits_by_family(lines)) if lines else {}
    for k, line in enumerate(lines):
        bits = sum(1 << i for i, needles in enumerate(families) if any(n in line for n in needles))
        assert found.get(k, 0) == bits, (line, families)
        assert by_family.get(k, 0) == bits, (line, families)


_SCAN_LINE = st.sampled_from(["", "Sponsored by Acme", "unsubscribe here 🌱", "A story line.", "Follow us on X",
                              "Presented by a partner", "crossword answers", "plain words é"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCAN_LINE, max_size=12), st.lists(_SCAN_LINE, max_size=12), st.integers(1, 40))
def test_the_marker_scan_piece_by_piece_is_the_scan_of_the_whole(first, second, piece):
    """The marker scan splits a text into lines a piece at a time, keeps each
    line's answer for the next document only for a text up to
    `_KEPT_LINE_TABLE` characters, and finds each family's lines as a search
    of the whole lower-cased text does: for a document, and for the next one
    that meets its lines again (kept or not)."""
    from nlclean import markers as markers_module

    saved = markers_module._LOWER_PIECE, markers_module._KEPT_LINE_TABLE
    markers_module._LOWER_PIECE = piece
    try:
        for kept_up_to in (0, 1 << 20):
            markers_module._KEPT_LINE_TABLE = kept_up_to
            MARKERS._forget_document()
            for text in ("\n".join(first), "\n".join(second + first)):
                starts = line_starts(text)
                low = text.lower()
                assert MARKERS._scan(text, starts) == MARKERS._scan_whole(low, starts)
                if kept_up_to == 0:
                    assert MARKERS._known_lines == {}
    finally:
        markers_module._LOWER_PIECE, markers_module._KEPT_LINE_TABLE = saved
        MARKERS._forget_document()


@pytest.mark.parametrize("folder", ["dev", "bulk"])
def test_phrase_prefilter_on_the_corpus(folder):
    """A phrase list asks its anchors only on the lines where one of them
    stands (one regex pass): the candidates are those of asking every anchor
    over the whole text, for the whole document and for each block."""
    from nlclean import memo

    searches = [v for v in vars(MARKERS).values() if hasattr(v, "_find_candidates")]
    searches += list(MARKERS._ask_phrases.values())
    try:
        for path, text, fmt in corpus_texts(folder):
            doc = Document(text, fmt)
            for piece in [text, *(doc.source(b) for b in doc.blocks)]:
                for search in searches:
                    memo.SHORTCUTS = True
                    quick = search._find_candidates(piece)
                    memo.SHORTCUTS = False
                    assert search._find_candidates(piece) == quick, path.name
    finally:
        memo.SHORTCUTS = True


@pytest.mark.parametrize("line", [
    "View this email in your browser",
    "Trouble? [VIEW THIS EMAIL IN YOUR BROWSER](https://example.com/web)",
    # Letters a case-insensitive regex reads as others ("ſ" as "s", "ı" as "i"):
    # the line holds no phrase lower-cased, and still matches.
    "View thiſ email in your browser",
    "Vıew this email in your browser",
    "ΣΊΓΜΑ: view this email in your browser",
    "İstanbul edition. View this email in your browser",
])
def test_view_in_browser_lines_are_the_full_search(line, monkeypatch):
    """NL204 tries its view-in-browser pattern only on the lines that hold a
    phrase lower-cased, unless a character folds irregularly: the lines are
    those of the pattern searched over the whole text."""
    from nlclean import memo
    from nlclean.rules.read_in_app import _view_lines

    text = f"# A title\n\nA story about a browser and an email.\n\n{line}\n\nMore text.\n"
    doc = Document(text, "markdown")
    shortcut = _view_lines(doc, MARKERS)
    monkeypatch.setattr(memo, "SHORTCUTS", False)
    assert shortcut == _view_lines(doc, MARKERS) == {4}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcé€ .\n", max_size=60), st.lists(st.text(alphabet="abcé€ .", min_size=1, max_size=5), min_size=1, max_size=6))
def test_a_phrase_list_names_the_anchors_a_text_holds(text, phrases):
    """A phrase list names the anchors a text holds in one RE2 Set pass: those
    of asking each anchor, multi-byte characters and overlaps included."""
    from nlclean.markers import PhraseSearch

    search = PhraseSearch(phrases)
    assert search._present_anchors(text) == {a for a in search.anchors if a in text}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcé€🌱 .\n", max_size=120),
       st.lists(st.text(alphabet="abcé€🌱 .", min_size=1, max_size=5), min_size=1, max_size=6),
       st.integers(1, 9), st.booleans())
def test_anchors_and_their_lines_found_piece_by_piece_are_those_of_the_whole(text, phrases, piece, set_gives_up):
    """A long text is read by RE2 in UTF-8 pieces cut after line breaks, never
    encoded whole (`utf8_pieces`): the anchors it holds and the lines that
    hold one are those of asking each anchor of the whole text, also where
    the RE2 Set gives up (out of memory: it then answers nothing)."""
    from nlclean import markers as markers_module
    from nlclean.markers import PhraseSearch, _lines_holding_literals

    search = PhraseSearch(phrases)
    literals = search._literals()
    if set_gives_up:
        class GivesUp:
            def Match(self, data):
                return []
        search._anchor_set = (GivesUp(), literals[1])
    saved = markers_module._LOWER_PIECE
    markers_module._LOWER_PIECE = piece  # cut often, so that pieces meet every anchor's bytes
    try:
        assert search._present_anchors(text) == {a for a in search.anchors if a in text}
        assert _lines_holding_literals(text, literals) == sorted(lines_by_definition(text, search.anchors))
    finally:
        markers_module._LOWER_PIECE = saved


def _spans_without_shortcuts(search, text: str, monkeypatch) -> list[tuple[int, int]]:
    from nlclean import memo

    monkeypatch.setattr(memo, "SHORTCUTS", False)
    try:
        search._forget_large()
        return [m.span() for m in search.finditer(text)]
    finally:
        monkeypatch.setattr(memo, "SHORTCUTS", True)
        search._forget_large()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB ſıİς.\n", max_size=40), min_size=1, max_size=8),
       st.lists(st.text(alphabet="abAB ſς.", min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=5),
       st.integers(0, 1000))
def test_a_long_text_is_searched_on_its_anchor_lines_as_in_full(pieces, phrases, filler):
    """Over a long text, a phrase list runs its regexes on the runs of lines
    that hold an anchor only: its matches are those of the regexes over the
    whole text, with upper-case and irregularly folding letters ("ſ", "İ") about."""
    from nlclean.markers import PhraseSearch

    search = PhraseSearch(phrases)
    text = ("x y\n" * (filler % 700 + 520)).join(pieces)  # past the length kept per text
    quick = [m.span() for m in search.finditer(text)]
    search._forget_large()
    full = sorted((m for regex in search._find_candidates(text) for m in regex.finditer(text)), key=lambda m: m.start())
    assert quick == [m.span() for m in full]


@pytest.mark.parametrize("folder", ["dev", "bulk"])
def test_whole_text_phrase_matches_on_the_corpus(folder, monkeypatch):
    """Every phrase list's matches over each whole newsletter are the same
    with the shortcuts as without (the regexes over the whole text)."""
    searches = [v for v in vars(MARKERS).values() if hasattr(v, "_find_candidates")]
    searches += list(MARKERS._ask_phrases.values())
    for path, text, fmt in corpus_texts(folder):
        for search in searches:
            quick = [m.span() for m in search.finditer(text)]
            assert _spans_without_shortcuts(search, text, monkeypatch) == quick, path.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcé€ .\n\x85", max_size=50), min_size=1, max_size=8),
       st.lists(st.text(alphabet="abcé€ .", min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=6),
       st.integers(0, 1000))
def test_the_lines_of_a_long_text_that_hold_an_anchor_are_found_on_re2_as_on_re(pieces, phrases, filler):
    """Over a long text the lines that hold an anchor are found by RE2 over
    its UTF-8 bytes: the same runs of lines as `re` finds in the text."""
    from nlclean.markers import PhraseSearch, _line_runs_with

    search = PhraseSearch(phrases)
    text = ("x y\n" * (filler % 700 + 520)).join(pieces)
    assert search._anchor_line_runs(text) == _line_runs_with(text, search._any_anchor())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcé€ .\n\x85", max_size=50), min_size=1, max_size=8),
       st.lists(st.text(alphabet="abcé€ .", min_size=1, max_size=4), min_size=2, max_size=6), st.integers(0, 1000))
def test_the_lines_of_a_long_text_holding_needles_on_re2_are_the_definition(pieces, needles, filler):
    """Over a long text, `lines_holding` finds its lines with RE2 over the UTF-8 bytes: the lines of the definition."""
    text = ("x y\n" * (filler % 700 + 520)).join(pieces)
    assert set(lines_holding(text, tuple(needles), line_starts(text))) == lines_by_definition(text, needles)
