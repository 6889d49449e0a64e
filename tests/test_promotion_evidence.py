"""evidence/promotion and NL103's promo codes: kinds of evidence that a
block sells, each with the story that looks like it.

- a promo code after a verb and a code noun, the code in capitals: "with
  code that …" is prose;
- an advertiser's referral tag naming the newsletter (`?via=<newsletter>`);
  the sending platform's `?ref=<its site>` on every outgoing link is none.
"""
from nlclean import markers
from nlclean.document import Document
from nlclean.evidence.promotion import advertiser_tagged_hosts
from nlclean.rules.unlabelled_promotion import _has_promo_code


def _code(text: str) -> bool:
    return _has_promo_code(text, markers.load())


def test_a_verb_and_a_code_noun_before_a_code_in_capitals():
    assert _code("Use code LIBRO24 at checkout for 15% off.")


def test_an_error_code_or_prose_about_code_is_no_promo_code():
    assert not _code("The installer stopped and showed code E4012 on 3% of older laptops.")
    assert not _code("I spent the week working with code that nobody had touched since 2019.")


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
