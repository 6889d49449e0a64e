"""The ask evidence on its own (`nlclean.evidence.asks`), without a rule around it."""
from __future__ import annotations

from nlclean.evidence.asks import paywall_teaser
from nlclean.markers import load


def test_a_paywall_teaser_is_read_where_its_gate_stands_after_letters_that_lower_case_longer():
    # "İ" lower-cases to two characters: a gate looked for in the lower-cased
    # sentence stood two places later than in the sentence, and the voice word
    # right after the gate ("I") was cut off.
    markers = load()
    for place in ("Izmir, Istanbul", "İzmir, İstanbul"):
        sentence = f"{place}: behind the paywall I compare the two ferry plans."
        assert paywall_teaser(markers, sentence) == (
            "a paywall teaser: phrase 'behind the paywall' opens the sentence in the publisher's voice (word 'I')"
        )


def test_another_paper_s_paywall_after_such_letters_is_no_teaser():
    markers = load()
    assert paywall_teaser(markers, "İstanbul's daily moved its archive behind the paywall, a rival reported.") is None
