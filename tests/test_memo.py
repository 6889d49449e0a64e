"""A cache keyed on lines, sentences or blocks is bounded by the characters
it holds (`memo.remembered(…, max_chars=…)`), not by entries alone: 8192
entries of up to 64K characters each held tens of MB of a long email's lines
(issue 14: fix's peak memory at 3.2 MB went from 2.02x to 2.33x the parse).
That the answers are those of the computation is shown here for the cache
itself and, over the corpora and the fuzz strategies, by
tests/test_shared_caches.py (nothing remembered at all)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean import inline_syntax
from nlclean.evidence import asks
from nlclean.memo import CACHING, TEXT_CHARS, forget_all, remembered

pytestmark = pytest.mark.skipif(not CACHING, reason="NLCLEAN_NO_CACHE: nothing is remembered")


def _counting(max_chars: int, maxsize: int = 1000):
    computed: list[str] = []

    @remembered(maxsize, max_chars=max_chars)
    def shout(text: str, *, loud: bool = True) -> str:
        computed.append(text)
        return text.upper() if loud else text

    return shout, computed


def test_a_cache_keyed_on_text_holds_at_most_its_characters():
    shout, computed = _counting(max_chars=1000)
    lines = [f"{i:03d}" + "x" * 97 for i in range(50)]  # 100 characters each
    for line in lines:
        assert shout(line) == line.upper()
    info = shout.cache_info()
    assert info.currsize == 10 and info.chars == 1000
    computed.clear()
    for line in lines[-10:]:
        shout(line)
    assert computed == []  # the last ten asked are remembered
    shout(lines[0])
    assert computed == [lines[0]]  # the first was let go


def test_the_least_recently_asked_go_first():
    shout, computed = _counting(max_chars=1000)
    a, b, c = "a" * 400, "b" * 400, "c" * 400
    shout(a), shout(b), shout(a), shout(c)  # a asked again: b is the oldest when c comes
    computed.clear()
    shout(a), shout(c)
    assert computed == []
    shout(b)
    assert computed == [b]


def test_only_the_last_text_longer_than_the_bound_is_remembered_apart():
    # A whole one-line email asked the same question by several rules is
    # read once; a second long text pushes the first out, and neither counts
    # against the bound of the short texts.
    shout, computed = _counting(max_chars=1000)
    long, longer, short = "y" * 1001, "z" * 2000, "s" * 1000
    assert shout(long) == shout(long) == long.upper()
    assert shout(short) == short.upper()
    assert computed == [long, short] and shout.cache_info().chars == 1000
    assert shout(longer) == longer.upper() and shout(long) == long.upper()
    assert computed == [long, short, longer, long]
    assert shout(short) == short.upper() and computed[-1] == long


def test_the_entry_bound_still_holds():
    shout, computed = _counting(max_chars=1000, maxsize=3)
    for word in "one two three four".split():
        shout(word)
    assert shout.cache_info().currsize == 3
    computed.clear()
    shout("one")
    assert computed == ["one"]


def test_keyword_arguments_are_part_of_the_key_and_counted():
    shout, computed = _counting(max_chars=1000)
    assert shout("quiet", loud=False) == "quiet"
    assert shout("quiet") == "QUIET"
    assert shout("quiet", loud=False) == "quiet"
    assert computed == ["quiet", "quiet"]
    assert shout.cache_info().chars == 2 * len("quiet") + len("loud")


def test_forget_all_empties_it():
    shout, computed = _counting(max_chars=1000)
    shout("word")
    forget_all()
    assert shout.cache_info().currsize == 0 and shout.cache_info().chars == 0
    shout("word")
    assert computed == ["word", "word"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text("abc", max_size=40), st.booleans()), max_size=80), st.integers(0, 120))
def test_answers_are_the_computations_and_the_bound_holds_after_every_call(calls, max_chars):
    shout, _ = _counting(max_chars=max_chars, maxsize=6)
    for text, loud in calls:
        assert shout(text, loud=loud) == (text.upper() if loud else text)
        info = shout.cache_info()
        assert info.chars <= max_chars and info.currsize <= 6


def test_the_shared_line_caches_hold_at_most_text_chars():
    """A long email's lines, each asked once, fill the caches of lines and
    sentences only up to `TEXT_CHARS` characters each."""
    from nlclean.settings import Settings

    markers = Settings().markers()
    forget_all()
    width = 200
    for i in range(4 * TEXT_CHARS // width):
        line = f"Line {i:06d} asks you to [read more](https://acme.example/{i:06d}) ".ljust(width, "w")
        inline_syntax.visible_text(line)
        inline_syntax.addresses(line)
        inline_syntax.top_links_of(line)
        asks._reading_of(markers, line)
    caches = {
        "visible_text": inline_syntax.visible_text,
        "links": inline_syntax._remembered_links,
        "top links": inline_syntax._remembered_top_links,
        "addresses": inline_syntax._remembered_addresses,
        "address spans": inline_syntax._remembered_address_spans,
        "sentence readings": asks._remembered_reading,
    }
    for name, cache in caches.items():
        assert 0 < cache.cache_info().currsize * width <= TEXT_CHARS, name
    forget_all()
