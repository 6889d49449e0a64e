"""A whole newsletter is tested for a list of words by substring search over
its shared lower-cased copy before a case-insensitive regex walks every
position of it (`markers.holds_none_of`; NL101's "does this email name a paid
relation at all?"). The shortcut may only say "none" where the regex finds
none: checked against the regex itself with upper case, letters that a
regex reads as others ("ſ" as "s", "ı" as "i", "İ"), and words at the edges."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean.markers import alternation, holds_none_of, literal_words
from nlclean.rules.sponsor_block import sponsor_labels
from nlclean.settings import Settings

WORDS = ("sponsor", "paid for", "ad", "sik")
REGEX = re.compile(rf"\b(?:{alternation(WORDS)})\b", re.I)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["sponsor", "SPONSOR", "ſponsor", "paid for", "PAID  FOR", "ad", "AD", "a d", "ſık",
                                 "SİK", "sIK", "s\u0131k", "x", " ", "\n", "é", "ΣΑ", "ς"]), max_size=12).map("".join))
def test_none_is_said_only_where_the_regex_finds_none(text):
    if holds_none_of(text, literal_words(WORDS)):
        assert REGEX.search(text) is None


def test_plain_text_without_the_words_is_answered_without_the_regex_and_with_them_is_not():
    words = literal_words(WORDS)
    assert holds_none_of("A story about rivers and mountains.\n" * 200, words)
    assert not holds_none_of("A story.\nThis issue is SPONSORED by Acme.\n", words)
    # "ſ" is "s" to a case-insensitive regex: the lower-cased copy cannot tell.
    assert not holds_none_of("This iſſue is ſponsored by Acme.\n", words)


def test_phrases_that_are_no_plain_literals_are_left_to_the_regex():
    assert literal_words(["sponsor *"]) is None
    assert literal_words(["ſponsor"]) is None
    assert not holds_none_of("anything", None)


def test_the_sponsor_rule_names_a_paid_relation_as_its_regex_does():
    labels = sponsor_labels(Settings().markers())
    for text in ("Nothing paid here.\n", "This newsletter is sponsored by Acme.\n", "SPONSORS\n", "ſponſor\n",
                 "Our advertisers keep it free.\n", "A sponsorship deal\n", "paid\nfor\n", ""):
        assert labels.mentions_paid_relation(text) == (labels._paid_relation.search(text) is not None)
