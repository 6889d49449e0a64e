"""NL302: an ask to pay or join inside a longer paragraph (`evidence/asks.py`,
`asks_to_pay_in`). The ask is read sentence by sentence: the asking sentence
goes with its pitch, the paragraph's other sentences stay. The texts are
invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli
from nlclean.evidence.asks import asks_to_pay_in, paying_ask, source_sentences
from nlclean.evidence.links import LinkKind
from nlclean.markers import load
from nlclean.rules.no_story import _link_kinds


def _asks(line: str) -> list[str]:
    markers = load()
    found = asks_to_pay_in(markers, line, lambda source: _link_kinds(markers, source))
    return [] if found is None else [line[a:b].strip() for a, b in found[0]]


def test_an_abbreviation_ends_no_sentence():
    markers = load()
    line = "Col. (Ret.) Ann P. Ward chairs the board. Please subscribe."
    assert [line[a:b] for a, b in source_sentences(markers, line)] == [
        "Col. (Ret.) Ann P. Ward chairs the board.", "Please subscribe."]


def test_a_stop_inside_a_link_ends_no_sentence():
    markers = load()
    line = "Our editors cover the vote. [You can sign up here.](https://quay.example/join) More on Monday."
    assert [line[a:b] for a, b in source_sentences(markers, line)] == [
        "Our editors cover the vote.", "[You can sign up here.](https://quay.example/join)", "More on Monday."]


def test_the_ask_goes_and_the_intro_stays():
    line = ("Welcome to Quay Weekly, a letter about the harbour. It runs on tips from readers. "
            "If you'd like to support this, please subscribe.")
    assert _asks(line) == ["If you'd like to support this, please subscribe."]


def test_an_ask_with_its_price_and_pitch_goes_as_one_span():
    line = ("Subscribe here to get a year of the printed edition for $90. New subscribers get the current issue "
            "at once. The council meets on Tuesday.")
    assert _asks(line) == ["Subscribe here to get a year of the printed edition for $90. New subscribers get the "
                           "current issue at once."]


def test_a_condition_is_no_ask_to_pay():
    markers = load()
    for sentence in (
        "If you become a paid subscriber, check your inbox for the private feed.",
        "If you're a paid subscriber, you've got early access to the new episode.",
        "Already a paid subscriber? Grab the printed map at the library.",
        "As a paid subscriber, you'll keep access to the archive until March.",
    ):
        assert paying_ask(markers, sentence, frozenset()) is None, sentence


def test_an_ask_that_asks_for_no_payment_is_not_this_shape():
    markers = load()
    assert paying_ask(markers, "If you enjoyed this, please share it with a friend.", frozenset()) is None


def test_a_link_to_the_join_page_makes_the_ask_one_to_pay():
    markers = load()
    sentence = "If you have been meaning to become a paid supporter, here is the page."
    assert paying_ask(markers, sentence, frozenset({LinkKind.DONATE})) is not None


def test_a_story_about_anothers_paid_newsletter_stays():
    assert _asks("Our old colleague writes about river shipping. Please consider paying for a subscription "
                 "to his fine newsletter, which costs less than a coffee a week.") == []
    assert _asks("The Ledger is planning to launch a paid subscription product next year, people said.") == []


FLATTENED = """\
# Tide Notes
The new crane arrived on a barge from the north and took two days to assemble on the east pier, where the old one stood.
Welcome back to Tide Notes, a letter about the working harbour and its boats. If you'd like to support it, please subscribe.
The fish market opens an hour later from next week, so the first boats will land at six instead of five, the harbour master said.
"""


def test_in_a_flattened_email_only_the_ask_goes_with_unsafe_fixes():
    out = fix_with_cli(FLATTENED, "tide.md", unsafe=True)
    assert "please subscribe" not in out
    assert "Welcome back to Tide Notes, a letter about the working harbour and its boats.\n" in out
    assert "The new crane arrived" in out and "The fish market opens" in out
    # A judgement: the safe fix leaves it.
    assert "please subscribe" in fix_with_cli(FLATTENED, "tide.md")


def test_a_modal_about_anyone_and_a_recommendation_of_another_publication_stay():
    # The story's "you can subscribe" speaks of anyone, after a colon; the
    # other publication is named as the verb's object.
    assert _asks("You know the old line: nobody rides the ferry for fun any more, and anyway you can subscribe "
                 "to three streaming services for the price of a return ticket. It misses the point.") == []
    assert _asks("Please read the whole essay, and do subscribe to The River Review, which prints the best "
                 "writing on the estuary. You will not agree with all of it.") == []


def test_an_ask_at_the_end_of_a_line_takes_the_spaces_after_it():
    line = "This conversation offers a way forward. Subscribe, and share it with a friend who needs it. "
    assert _asks(line) == ["Subscribe, and share it with a friend who needs it."]
    markers = load()
    (a, b), = asks_to_pay_in(markers, line, lambda source: _link_kinds(markers, source))[0]
    assert b == len(line)


def test_a_price_alone_after_the_ask_is_the_storys():
    assert _asks("Please subscribe for $5 a month. The new crane cost $40,000, the harbour master said.") == [
        "Please subscribe for $5 a month."]


def test_a_line_of_many_asks_is_no_paragraph_of_an_email():
    one = "The ferry runs at six. Please subscribe for $5 a month. "
    assert len(_asks(one * 3)) == 3
    assert _asks(one * 4) == []


def test_the_remembered_reading_of_a_line_is_the_full_one():
    # NL302 remembers a line's asks to pay (a sender's pitch comes back in every
    # issue, a fix round reads its unchanged lines again): the same answer as read afresh.
    from nlclean.rules.no_story import _asks_to_pay_on, _read_asks_to_pay

    markers = load()
    lines = ["Welcome to Quay Weekly, a letter about the harbour. It runs on tips from readers. "
             "If you'd like to support this, please [subscribe](https://quay.example/subscribe).",
             "The harbour master said the crane will be moved in May. Nobody asked the fishermen.",
             "Please subscribe. " * 5000]  # longer than what is remembered: read afresh each time
    for line in lines:
        fresh = _read_asks_to_pay(markers, line)
        assert _asks_to_pay_on(markers, line) == fresh
        assert _asks_to_pay_on(markers, line) == fresh
        assert fresh == asks_to_pay_in(markers, line, lambda source: _link_kinds(markers, source))
