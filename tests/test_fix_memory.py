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
