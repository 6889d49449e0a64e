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
