"""What the fixer's rounds leave behind must not grow with the rounds: a
phrase search remembers its answers for short texts (a block, a few lines,
which come back in the next round), but a whole document's text never comes
back, so only the last long one is kept. Kept, every round's text stayed
alive until the cache filled (benchmarks/bench_linearity.py --grow --memory).
That the answers are the same with nothing remembered is
tests/test_shared_caches.py's job."""
from __future__ import annotations

from nlclean.markers import PhraseSearch
from nlclean.memo import forget_all


def _long_text(topic: str) -> str:
    return "".join(f"Paragraph {i} about {topic}, with a link to follow us on the site.\n\n" for i in range(200))


def test_a_long_text_is_not_remembered_past_the_next_long_one():
    search = PhraseSearch(["follow us", "on the site"])
    first, second = _long_text("rivers"), _long_text("mountains")
    assert [m.group(0) for m in search.finditer(first)][:2] == ["follow us", "on the site"]
    search.finditer(second)
    assert search._small_candidates.cache_info().currsize == 0
    assert search._large[0] is second
    forget_all()
    assert search._large[0] == ""


def test_short_texts_are_remembered_for_the_next_round():
    search = PhraseSearch(["follow us"])
    line = "Please follow us on the site."
    assert search.search(line).group(0) == "follow us"
    assert search.search(line).group(0) == "follow us"
    assert search._small_candidates.cache_info().hits == 1


from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from nlclean import markers as markers_module

# Greek capital sigma lower-cases by its neighbours (final "ς" or "σ"); the
# combining mark and the apostrophe are case-ignorable, which the rule looks past.
_CASE_TEXT = st.text(st.sampled_from(list("ΣσςΑαİIi\u0345'’ \n\tab.ΟΔΟΣ")), max_size=200)


@hypothesis_settings(max_examples=300, deadline=None)
@given(_CASE_TEXT, st.integers(1, 8))
def test_lower_casing_in_pieces_is_lower_casing_the_whole(text, piece):
    saved = markers_module._LOWER_PIECE
    markers_module._LOWER_PIECE = piece  # cut often, to meet every neighbour across a cut
    try:
        assert markers_module.lower_in_pieces(text) == text.lower()
    finally:
        markers_module._LOWER_PIECE = saved


# What a fix round keeps alive beside the next round's text (issue 14: peak
# memory of a fix at most twice a bare parse's). Each answer dropped is asked
# again of the next document; that it comes back the same is shown here and,
# over the corpora, by tests/test_shared_caches.py (nothing remembered at all).

import gc
import weakref

from nlclean.document import Document
from nlclean.fixer import fix_text
from nlclean.memo import CACHING, forget_last_text
from nlclean.settings import Settings

_ROUNDS_TEXT = (
    "# The weekly garden\n\nTomatoes want sun; beans want a pole to climb.\n\n"
    "Sponsored by Shovelco. Get 20% off every shovel at shovelco.example!\n\n\n\n"
    "Peppers want more sun than tomatoes do, and less water.\n\n"
    "[Unsubscribe](https://example.com/unsub) | [Manage preferences](https://example.com/prefs)\n\n\n"
    "Sent to you by The weekly garden, 1 Garden Row.\n"
)


def test_a_round_lets_the_last_rounds_document_go_before_it_is_checked():
    seen: list[weakref.ref] = []
    alive_at_round: list[int] = []

    def watch(doc, chosen):
        gc.collect()
        alive_at_round.append(sum(ref() is not None for ref in seen))
        seen.append(weakref.ref(doc))

    result = fix_text(_ROUNDS_TEXT, Settings().with_overrides(unsafe_fixes=True), on_round=watch)
    assert len(alive_at_round) >= 2 and result.rounds >= 2
    # Only the document being watched is alive, never the one before it.
    assert alive_at_round == [0] * len(alive_at_round)


def test_a_document_replaced_by_the_next_drops_its_answers_first():
    """The tidy-up's document too: a flattened email's whole presented view
    was kept alive beside the tidied document's parse."""
    cached_at_round: list[int] = []
    result = fix_text(_ROUNDS_TEXT, Settings(), on_round=lambda doc, chosen: cached_at_round.append(len(doc._cache)))
    assert result.rounds >= 2 and len(cached_at_round) > result.rounds - 1  # a tidy-up step among them
    assert cached_at_round == [0] * len(cached_at_round)


def test_forgotten_answers_come_back_the_same():
    doc = Document(_ROUNDS_TEXT)
    asked = [(doc.visible(b), doc.links(b), doc.top_links(b), doc.protected(b), doc.source(b)) for b in doc.all_blocks]
    words, code = doc.visible_words, doc.code_lines
    doc.forget_answers()
    assert doc._cache == {} and "visible_words" not in vars(doc)
    again = [(doc.visible(b), doc.links(b), doc.top_links(b), doc.protected(b), doc.source(b)) for b in doc.all_blocks]
    assert again == asked and doc.visible_words == words and doc.code_lines == code


def test_a_prose_blocks_source_is_one_string_for_every_round():
    first, second = Document(_ROUNDS_TEXT), Document("Intro.\n\n" + _ROUNDS_TEXT)
    for a, b in zip([b for b in first.blocks if b.has_inline], [b for b in second.blocks if b.has_inline][1:]):
        assert first.source(a) == second.source(b) == first.text[first.offset(a.start) : first.line_end(a.end - 1)]
        if CACHING:
            assert second.source(b) is first.source(a)  # the same text: one copy


def test_the_last_long_texts_copies_are_forgotten_between_rounds():
    text = _long_text("🌱 seedlings")
    assert markers_module.lowered_once(text) == text.lower()
    assert markers_module.irregular_folding_lines(text) == []
    forget_last_text()
    assert markers_module._last_lowered[0] == ""
    assert markers_module._LineMap._last[0] == ""


_LINES_TEXT = st.text(st.sampled_from(list("ab \t\n\x1c\x85\u2028\u3000🌱")), max_size=300)


@hypothesis_settings(max_examples=300, deadline=None)
@given(_LINES_TEXT)
def test_line_starts_and_filled_lines_without_splitting_are_those_of_splitting(text):
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    assert markers_module.line_starts_of(text) == starts
    assert markers_module._LineMap(text).filled == [k for k, line in enumerate(lines) if line and not line.isspace()]


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("aé\n🌱\ud800 ")), max_size=3000), st.integers(1, 9))
def test_utf8_in_pieces_is_encoding_the_whole(text, piece):
    saved = markers_module._LOWER_PIECE
    markers_module._LOWER_PIECE = piece
    try:
        try:
            whole = text.encode("utf-8")
        except UnicodeEncodeError:
            try:
                list(markers_module.utf8_pieces(text))
            except UnicodeEncodeError:
                return
            raise AssertionError("a lone surrogate encoded")
        pieces = list(markers_module.utf8_pieces(text))
        assert b"".join(pieces) == whole
        assert all(p.endswith(b"\n") for p in pieces[:-1])  # cut after line breaks only
    finally:
        markers_module._LOWER_PIECE = saved
