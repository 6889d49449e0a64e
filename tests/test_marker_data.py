"""The marker data (data/*.toml) stays fit for its prefilter.

Every rule first asks which lines hold one of its words at all (a substring
search), then looks closer only at those lines. A needle of one or two Latin
letters ("pr", "ad") is in nearly every English line, so the prefilter stops
filtering and the rule slows to a crawl with no failing test. Short labels
belong in brackets (trailing labels are searched as "(ad", "[ad", …).
"""
from __future__ import annotations

from nlclean import markers


def test_no_prefilter_needle_is_a_bare_short_latin_word():
    loaded = markers.load()
    too_short = sorted(
        (family, needle)
        for family, needles in loaded._families.items()
        for needle in needles
        if needle.isascii() and needle[:1].isalnum() and sum(ch.isalnum() for ch in needle) < 3
    )
    assert too_short == []
