"""NL302: an ask needs one sentence that asks about the newsletter
(`evidence/asks.py`). A verb such as "subscribe" makes the newsletter the
object of the sentence's request only where the request governs it, or
beside a link to the newsletter's subscribe page, and only used, not quoted:
a story's sentence that quotes the word beside a generic "you can" stays.
The texts are invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli
from nlclean.evidence.asks import sentence_ask
from nlclean.evidence.links import LinkKind
from nlclean.markers import load


fix = fix_with_cli


def test_a_quoted_verb_beside_a_generic_you_can_is_no_ask():
    markers = load()
    sentence = ('Her benchmark says "subscribe" ought to be a plain function call for as long as you can '
                "keep every listener in one process.")
    assert sentence_ask(markers, sentence) is None


def test_a_request_that_governs_the_verb_is_a_sure_ask():
    markers = load()
    ask = sentence_ask(markers, "If a colleague sent this along, you can subscribe at https://ledger.example/join.")
    assert ask is not None and ask.sure
    ask = sentence_ask(markers, "If you found this useful, please consider subscribing.")
    assert ask is not None and ask.sure


def test_a_verb_the_request_does_not_govern_counts_beside_a_link_to_the_subscribe_page():
    markers = load()
    sentence = "On the yearly plan you can save a third of the price when you subscribe."
    ask = sentence_ask(markers, sentence, frozenset({LinkKind.SUBSCRIBE}))
    assert ask is not None and ask.sure
    # Near miss: the same words with no such link are no sure ask.
    ask = sentence_ask(markers, sentence)
    assert ask is None or not ask.sure


def test_a_story_about_subscribing_to_services_is_no_ask():
    markers = load()
    assert sentence_ask(markers, "Most apps where you subscribe for £8 a month now let you cancel in two taps.") is None
    assert sentence_ask(markers, "Subscribing to three streaming services costs more than cable did, you can see.") is None


STORY = """\
# Patchbay

## Event buses, reconsidered

A long post this week on in-process event buses, with profiles of three designs.

Her benchmark says "subscribe" ought to be a plain function call for as long as you can keep every listener in one process.

[Read the post](https://blog.example.dev/event-buses)

---

If a colleague sent this along, you can subscribe at https://patchbay.example/subscribe.

[Unsubscribe](https://patchbay.example/unsubscribe/77)
"""


def test_a_story_sentence_quoting_the_verb_stays_and_the_real_ask_goes():
    out = fix(STORY, "patchbay.md")
    assert '"subscribe" ought to be a plain function call for as long as you can keep' in out
    assert "you can subscribe at" not in out


# Requests that only frame a sentence ("you can", "if you want", "to keep",
# "please"): the newsletter named in it is their object only beside a verb
# that acts on it (subscribe, share, forward, support, …).
FRAMED_ONLY = (
    "No knots today? You can jump to the tide table at the foot of this issue if you want.",
    "A small disclosure, please note: the tour operators linked in this email pay me a booking fee.",
    "The newsletter gets a new layout in spring, with shorter items to keep the Saturday edition light.",
)


def test_a_sentence_whose_requests_only_frame_it_is_no_ask():
    markers = load()
    for sentence in FRAMED_ONLY:
        assert sentence_ask(markers, sentence) is None, sentence


def test_a_framing_request_beside_a_verb_acting_on_the_newsletter_is_still_an_ask():
    markers = load()
    for sentence in (
        "You can share this issue with anyone who would like it.",
        "You can subscribe, unsubscribe or change how often this email arrives.",
        "Please feel welcome to forward this newsletter to a colleague.",
        "If you want more of this, support the newsletter with a paid plan.",
        "You can tailor this newsletter to your own topics with premium.",
    ):
        ask = sentence_ask(markers, sentence)
        assert ask is not None and ask.sure, sentence


FRAMED_STORY = """\
# Tidewater Workshop Notes

## The knot workshop

No knots today? You can jump to the tide table at the foot of this issue if you want.

The workshop runs every Saturday at the sailing club and covers six knots in an hour, with rope provided.

You can share this issue with anyone who would like it.

[Unsubscribe](https://tidewater.example/unsubscribe/8)
"""


def test_the_authors_aside_stays_and_the_share_ask_goes():
    out = fix(FRAMED_STORY, "tidewater.md")
    assert "You can jump to the tide table at the foot of this issue if you want." in out
    assert "You can share this issue" not in out
