"""NL302: the newsletter's offer of its own membership, known by a price
charged by the period, a request to the reader, the newsletter named as what
is sold, links only to its own pages (no article, no shop page) and its place
in the email's last lines (`evidence/own_offer.py`), not by its words. And
the stories that look like it: a price rise, a paid app's review, a
changelog's pricing, a paid event, a shop's monthly plan, a publisher's note
on its price. The texts are invented for these tests.
"""
from __future__ import annotations

import pytest

from cli_fix import fix_with_cli
from plain_email import STORIES, plain_email as _plain_email
from nlclean.evidence.own_offer import is_an_article, recurring_price
from nlclean.markers import load


OFFER = ("Holloway Ledger has no paywall. If it is useful to you, back it from 4 euro a month: "
         "https://hollowayledger.example/back")


def test_a_recurring_price_in_any_language():
    markers = load()
    assert recurring_price(markers, "back it from 4 euro a month") == "4 euro a month"
    assert recurring_price(markers, "Hazte socio por 3 € al mes y recibe el boletín") == "3 € al mes"
    assert recurring_price(markers, "nur 0,99 € im Monat") == "0,99 € im Monat"
    assert recurring_price(markers, "l'abonnement (5 €/mois) finance l'enquête") == "5 € /mois"
    assert recurring_price(markers, "She bought a $40 kettle and a 12 € lamp.") is None


def test_an_article_is_known_by_its_address():
    assert is_an_article("https://hollowayledger.example/2026/04/fares-up")
    assert is_an_article("https://hollowayledger.example/news/ferry-fares-rise-again")
    assert not is_an_article("https://hollowayledger.example/back")
    assert not is_an_article("https://hollowayledger.example/r/7a3b4c5d?m=6e7f")


def test_the_offer_goes_with_unsafe_fixes():
    text = _plain_email(OFFER)
    out = fix_with_cli(text, "input.txt", unsafe=True)
    assert "4 euro a month" not in out
    assert "Until next week," in out and "Story 3." in out
    # A judgement: without --unsafe-fixes it stays.
    assert "4 euro a month" in fix_with_cli(text, "input.txt")


def test_an_offer_that_asks_by_its_verb_alone_goes():
    # No "you": the request opens the sentence, the newsletter's name says what is sold.
    offer = "BECOME A HOLLOWAY INSIDER\nInsiders get the tide tables a day early. $6/month or $60/year: https://hollowayledger.example/insiders"
    out = fix_with_cli(_plain_email(offer), "input.txt", unsafe=True)
    assert "$6/month" not in out and "Until next week," in out


def test_a_markdown_offer_in_another_language_goes():
    text = (
        "# QUAY NOTES\n\n"
        + STORIES.replace("Read more: https://harbourboard-minutes.example/item-", "[Read more](https://harbourboard-minutes.example/item-")
        .replace("\n\n", ")\n\n") + ")\n\n"
        "Hasta el viernes,\nLuz\n\n---\n\n"
        "**Quay Notes vive de sus lectores.** Desde 3 € al mes: [hazte socio](https://www.quaynotes.example/socios)\n\n"
        "[Darse de baja](https://www.quaynotes.example/unsubscribe?u=4)\n"
    )
    out = fix_with_cli(text, "input.md", unsafe=True)
    assert "3 € al mes" not in out
    assert "Hasta el viernes," in out


def test_the_offer_takes_its_buttons():
    text = (
        "# Quay Notes\n\n"
        "[Read more](https://harbourboard-minutes.example/item-1) about the pier vote.\n\n---\n\n"
        "**Handy?** Quay Notes stays open to all; the backing plan (€4/month) pays for the harbour "
        "reporting.\n\n"
        "[Back it](https://quaynotes.example/subscribe?plan=paid)\n\n"
        "[Pass Quay Notes along](https://quaynotes.example/?action=share)\n\n---\n\n"
        "The pier walk is on Saturday at ten; bring boots, the tide will be out.\n\n"
        "Until Friday,\nLuz\n\n"
        "[Unsubscribe](https://quaynotes.example/unsubscribe?u=4)\n"
    )
    out = fix_with_cli(text, "input.md", unsafe=True)
    assert "€4/month" not in out and "Back it" not in out and "Pass Quay Notes along" not in out
    assert "Until Friday," in out and "The pier walk" in out


# The near misses: a price by the period in the last lines that is a story's.
NEAR_MISSES = {
    # A service's price rise, told of others, linking to the newsletter's own article.
    "price rise": ("Streamio raises its ad-free plan to $12 a month from March, its second rise this year: "
                   "https://hollowayledger.example/2026/02/streamio-raises-prices"),
    # The same told to the reader: who pays is the reader, but the page is an article.
    "price rise to you": ("If you use Streamio, your ad-free plan costs $12 a month from March: "
                          "https://hollowayledger.example/news/streamio-ad-free-plan-rises"),
    # A review of a paid app, on the newsletter's own site.
    "app review": ("Tidewise, the tide app, is worth its $4.99/month if you sail the estuary: "
                   "https://hollowayledger.example/reviews/tidewise-tide-app-review"),
    # A product changelog's pricing: the publisher's own pricing page sells its product, not the letter.
    "pricing": ("Pricing: Holloway Ledger Pro for teams is now $9 per month a seat. "
                "See the plans: https://hollowayledger.example/pricing"),
    # A paid event's ticket.
    "event": ("Join us at the Holloway Ledger pier fair: day passes are $15 a day. "
              "Get tickets: https://hollowayledger.example/tickets/pier-fair"),
    # A shop's product with a monthly plan.
    "shop plan": ("Try our Holloway Ledger coffee club: a fresh bag for you every month, $18 a month: "
                  "https://hollowayledger.example/products/coffee-club"),
    # The publisher's note on its own price: it tells, it asks nothing.
    "price note": ("From May, Holloway Ledger costs €6 a month instead of €5; current members keep their rate. "
                   "https://hollowayledger.example/members"),
    # The masthead's tagline ("Notes from the estuary") spells no name in a sentence ("from the").
    "tagline words": ("Ferry passes for you and the family cost $30 a month from the harbour office. "
                      "https://hollowayledger.example/r/ab12"),
    # Another paper's price: its link leads to that paper.
    "another paper": ("The Estuary Gazette now charges €5 a month for its app, and readers are not happy: "
                      "https://estuary-gazette.example/app-pricing"),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_a_story_with_a_price_by_the_period_stays(name):
    story = NEAR_MISSES[name]
    out = fix_with_cli(_plain_email(story), "input.txt", unsafe=True)
    assert story.split(":")[0].split(".")[0] in out, name


def test_an_offer_with_stories_below_it_stays():
    # Not in the email's last lines: more stories follow, so it is read as one of them.
    more = "\n\n".join(f"Item {n}. The ferry timetable changes on Monday; the late boat now leaves at ten "
                       "past nine and the early one at six." for n in range(1, 18)) + "\n\n"
    out = fix_with_cli(_plain_email("", after=OFFER + "\n\n" + more), "input.txt", unsafe=True)
    assert "4 euro a month" in out
