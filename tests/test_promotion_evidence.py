"""evidence/promotion and NL103's promo codes: kinds of evidence that a
block sells, each with the story that looks like it.

- an offer to the newsletter's readers (the readers get the deal), in any
  language; a story that mentions readers and a free thing, or a share of
  readers, is none;
- a promo code after a verb and a code noun, the code in capitals: "with
  code that …" is prose;
- an advertiser's referral tag naming the newsletter (`?via=<newsletter>`);
  the sending platform's `?ref=<its site>` on every outgoing link is none.
"""
from nlclean import markers
from nlclean.document import Document
from nlclean.evidence.promotion import advertiser_tagged_hosts, reader_offer
from nlclean.rules.unlabelled_promotion import _has_promo_code


def _offer(text: str):
    return reader_offer(text, markers.load())


def test_an_offer_to_the_newsletters_readers_in_several_languages():
    assert _offer("Night Owl readers get 30% off the first year.")
    assert _offer("Nos lecteurs ont droit à une remise jusqu'à dimanche.")
    assert _offer("Unsere Leser bekommen 10 % Rabatt auf alle Karten.")
    assert _offer("I nostri lettori hanno la prima lezione gratuita.")
    assert _offer("このメールの読者は10%オフで買えます。")


def test_readers_in_a_story_are_no_offer():
    assert not _offer("Readers of the old almanac kept it beside the stove.")
    assert not _offer("Nearly 40% of readers said they read on a phone.")


def _code(text: str) -> bool:
    return _has_promo_code(text, markers.load())


def test_a_verb_and_a_code_noun_before_a_code_in_capitals():
    assert _code("Use code LIBRO24 at checkout for 15% off.")


def test_an_error_code_or_prose_about_code_is_no_promo_code():
    assert not _code("The installer stopped and showed code E4012 on 3% of older laptops.")
    assert not _code("I spent the week working with code that nobody had touched since 2019.")
    assert not _code("Nutzer sahen den Code E4012, teilte der Hersteller mit.")


def _doc(links: list[str]) -> Document:
    body = "\n\n".join(f"Story {i} is [here]({url})." for i, url in enumerate(links))
    return Document(f"# Night Owl\n\n**From:** Night Owl <hello@nightowl.example>\n\n{body}\n", "markdown")


def test_an_advertisers_referral_tag_names_the_newsletter():
    ad = "[Try Lumen](https://lumen.example/start?via=nightowl)"
    doc = _doc(["https://nightowl.example/a", "https://news.example/b"])
    assert advertiser_tagged_hosts(doc, ad, markers.load()) == ["lumen.example"]


def test_the_platforms_ref_with_the_senders_site_is_no_advertisers_tag():
    ad = "[Read the history](https://reservoirs.example/history?ref=nightowl.example)"
    doc = _doc(["https://nightowl.example/a", "https://news.example/b?ref=nightowl.example"])
    assert advertiser_tagged_hosts(doc, ad, markers.load()) == []
