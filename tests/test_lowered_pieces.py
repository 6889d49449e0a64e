"""A long text is never lower-cased whole (issue 14: held through a fix
round's check, its copy was a quarter of a parse's memory at the peak, four
bytes a character once one emoji is in it). Whatever asks about a long
text's lower case reads it a piece at a time (`lowered_pieces`): the lines
that hold a needle, whether it holds a word, whether it lowers character for
character, a phrase list's anchor lines and windows, the marker scan. Each
answer must be the answer of the whole lower-cased text; the pieces are cut
small here so that every neighbour meets a cut, with letters that lower-case
to two ("İ") or fold irregularly ("ſ", "ς") about."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean import markers as markers_module
from nlclean import memo
from nlclean.document import Document
from nlclean.engine import check
from nlclean.markers import (PhraseSearch, lines_holding, lowered_holds, lowered_lines_holding, lowered_pieces,
                             lowered_words_held, lowers_char_for_char)
from nlclean.memo import forget_all
from nlclean.settings import Settings

_ALPHABET = "abcAB İıſςΣé🌱.\n\t"
_TEXT = st.text(alphabet=_ALPHABET, max_size=120)
_WORDS = st.lists(st.text(alphabet="abcé🌱 .", min_size=1, max_size=4), min_size=1, max_size=5)


@contextmanager
def pieces_of(piece: int):
    """Texts cut into pieces of about `piece` characters (a text longer is a long text)."""
    saved = markers_module._LOWER_PIECE
    markers_module._LOWER_PIECE = piece
    forget_all()
    try:
        yield
    finally:
        markers_module._LOWER_PIECE = saved
        forget_all()


def _line_starts(text: str) -> list[int]:
    return markers_module.line_starts_of(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(1, 9))
def test_the_pieces_are_the_whole_lower_case(text, piece):
    with pieces_of(piece):
        pieces = list(lowered_pieces(text))
        assert "".join(low for _, low in pieces) == text.lower()
        assert [start for start, _ in pieces] == [start for start, _ in markers_module._pieces(text)]
        assert lowers_char_for_char(text) == (len(text.lower()) == len(text))


@settings(max_examples=300, deadline=None)
@given(_TEXT, _WORDS, st.integers(1, 9))
def test_lines_and_words_asked_piece_by_piece_are_those_of_the_whole(text, words, piece):
    low = text.lower()
    needles = tuple(dict.fromkeys(words))
    with pieces_of(piece):
        assert set(lowered_lines_holding(text, needles, _line_starts(text))) == set(
            lines_holding(low, needles, _line_starts(text)))
        assert lowered_holds(text, needles) == any(w in low for w in needles)
        assert lowered_words_held(text, needles) == {w for w in needles if w in low}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB ſıİς.🌱\n", max_size=40), min_size=1, max_size=8),
       st.lists(st.text(alphabet="abAB *ſς.", min_size=1, max_size=6).filter(lambda p: p.replace("*", "").strip()),
                min_size=1, max_size=5),
       st.integers(1, 60))
def test_a_phrase_list_over_a_long_text_in_pieces_finds_what_the_whole_text_scan_finds(pieces, phrases,
                                                                                     piece):
    """Its anchor lines (`_find_candidates`), its windows around each anchor
    and its matches, read piece by piece, against the regexes over the whole
    text with no shortcut."""
    text = ("x y\n" * 600).join(pieces)  # past the length a phrase list keeps per text
    search = PhraseSearch(phrases)
    with pieces_of(piece):
        quick = [m.span() for m in search.finditer(text)]
        first = search.search(text)
    forget_all()
    memo.SHORTCUTS = False
    try:
        full = [m.span() for m in search.finditer(text)]
        first_full = search.search(text)
    finally:
        memo.SHORTCUTS = True
        forget_all()
    assert quick == full
    assert (first and first.span()) == (first_full and first_full.span())


_LONG = ("# The weekly garden\n\nTomatoes want sun 🌱; beans want a pole. Use code GROW at checkout.\n\n"
         "Sponsored by Shovelco: [20% off](https://shop.example/?utm_source=garden)\n\n"
         "Copy and paste this address into your browser: https://garden.example/p/1\n\n"
         "[View this email in your browser](https://garden.example/web)\n\n"
         "[Unsubscribe](https://garden.example/unsub) | Follow us on [X](https://x.com/garden)\n\n")


def _findings(text: str) -> list:
    forget_all()
    return [(f.code, f.start, f.end, f.message, f.evidence) for f in check(Document(text), Settings())]


@pytest.mark.parametrize("odd", ["", "İstanbul edition.\n\n", "Σοφία writes.\n\n"])
def test_the_rules_find_the_same_in_a_text_read_in_pieces(odd):
    """The rules' findings over a newsletter read in pieces of 64 characters
    are those of it read whole (one piece)."""
    text = (odd + _LONG) * 6
    whole = _findings(text)
    with pieces_of(64):
        assert _findings(text) == whole


def test_a_long_text_is_never_lower_cased_whole(monkeypatch):
    """The point: a check of a long newsletter (past one piece) asks no
    lower-cased copy of the whole text."""
    text = _LONG * (markers_module._LOWER_PIECE // len(_LONG) + 2)
    whole_lowerings = []
    lower = markers_module.lower_in_pieces

    def watched(t: str) -> str:
        if len(t) > markers_module._LOWER_PIECE:
            whole_lowerings.append(len(t))
        return lower(t)

    monkeypatch.setattr(markers_module, "lower_in_pieces", watched)
    forget_all()
    assert check(Document(text), Settings().with_overrides(unsafe_fixes=True))
    assert whole_lowerings == []
    assert markers_module._last_lowered[0] == ""
