"""The no-new-words guard's shortcut (`edits_may_add_words`) against the plain
comparison of whole texts (`added_words`).

The fixer proves each round harmless by counting words only in windows around
the round's edits; it compares whole texts only when that proof fails. So the
shortcut must never answer "harmless" (False) for edits that do add a word.
Hypothesis throws texts full of the characters that make word counting
context-dependent (entities, backslash escapes, final sigma, dotted capital I,
no-break spaces, CR) at random non-overlapping edits, and a few hand-made
cases pin the kinds of edit the rules make.
"""
from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean.findings import Edit
from nlclean.fixer import apply_edits
from nlclean.guard import added_words, edits_may_add_words

EXAMPLES = max(1000, int(os.environ.get("NLCLEAN_PROPERTY_EXAMPLES", "0")))

PIECES = st.sampled_from(
    ["a", "b", "ab", "word", "Σ", "ΟΔΟΣ", "İ", "&amp;", "&lt;", "&#65;", "&eacute;", "&", ";", "\\", "\\*",
     "\\_", "*", "_", " ", " ", "\n", "\n\n", "\t", "\xa0", "\r", "-", ".", "é", "東京", "$5", "#"]
)
TEXT = st.lists(PIECES, min_size=1, max_size=40).map("".join)
REPLACEMENT = st.one_of(st.just(""), st.just(""), PIECES, st.lists(PIECES, max_size=3).map("".join))


@st.composite
def text_and_edits(draw):
    text = draw(TEXT)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    edits = []
    # Consecutive pairs of cut points are edit ranges: sorted, never overlapping.
    for start, end in zip(cuts[::2], cuts[1::2]):
        edits.append(Edit(start, end, draw(REPLACEMENT)))
    return text, edits


@settings(max_examples=EXAMPLES, deadline=None)
@given(text_and_edits())
def test_shortcut_never_calls_a_word_adding_round_harmless(case):
    text, edits = case
    after = apply_edits(text, edits)
    if added_words(text, after):
        assert edits_may_add_words(text, edits)


def test_whole_line_removals_are_proved_harmless_without_counting():
    text = "Story one.\n\nSponsored by Acme\n\nStory two.\n"
    start = text.index("Sponsored")
    assert not edits_may_add_words(text, [Edit(start, text.index("Story two"))])


def test_a_deletion_that_glues_two_words_is_caught():
    text = "foo <b>bar</b>\n"  # removing " <b>" glues "foo" to "bar": the word "foobar" is new
    assert edits_may_add_words(text, [Edit(3, 7)])
    assert added_words(text, apply_edits(text, [Edit(3, 7)])) == ["foobar"]


def test_an_entity_decoded_into_its_character_adds_no_word():
    text = "Caf&eacute; opens\n"
    edit = Edit(3, 11, "é")
    assert not added_words(text, apply_edits(text, [edit]))
    assert not edits_may_add_words(text, [edit])


def test_a_deletion_inside_an_entity_is_caught():
    # "&#65;a" reads "Aa" (one word); without "&#65" it reads ";a": the word "a" is new.
    text = "&#65;a\n"
    assert added_words(text, apply_edits(text, [Edit(0, 4)])) == ["a"]
    assert edits_may_add_words(text, [Edit(0, 4)])
