"""NL302: the newsletter's offer of its own membership, known by a price
charged by the period, links only to the newsletter's own site and its place
in the email's last lines (`evidence/own_offer.py`), not by its words. The
texts are invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli
from nlclean.document import Document
from nlclean.evidence.own_offer import masthead_names, recurring_price
from nlclean.markers import load

STORIES = "\n\n".join(
    f"Story {n}. The harbour board met on Tuesday and voted to repaint the north pier before the storms. "
    f"Read more: https://harbourboard-minutes.example/item-{n}"
    for n in range(1, 4)
)


def _plain_email(offer: str, after: str = "") -> str:
    return (
        "HOLLOWAY LEDGER\nNotes from the estuary, every Friday\n\n"
        f"{STORIES}\n\n{after}Until next week,\nIna\n\n{offer}\n\n"
        "You get this because you signed up. Unsubscribe: https://hollowayledger.example/u/81f2\n"
    )


OFFER = ("Holloway Ledger has no paywall. If it is useful to you, back it from 4 euro a month: "
         "https://hollowayledger.example/back")


def test_a_recurring_price_in_any_language():
    markers = load()
    assert recurring_price(markers, "back it from 4 euro a month") == "4 euro a month"
    assert recurring_price(markers, "Hazte socio por 3 € al mes y recibe el boletín") == "3 € al mes"
    assert recurring_price(markers, "nur 0,99 € im Monat") == "0,99 € im Monat"
    assert recurring_price(markers, "l'abonnement (5 €/mois) finance l'enquête") == "5 € /mois"
    assert recurring_price(markers, "She bought a $40 kettle and a 12 € lamp.") is None


def test_the_masthead_spells_the_site_name():
    doc = Document(_plain_email(OFFER), "text")
    assert "hollowayledger" in masthead_names(doc)


def test_the_offer_goes_with_unsafe_fixes():
    text = _plain_email(OFFER)
    out = fix_with_cli(text, "input.txt", unsafe=True)
    assert "4 euro a month" not in out
    assert "Until next week," in out and "Story 3." in out
    # A judgement: without --unsafe-fixes it stays.
    assert "4 euro a month" in fix_with_cli(text, "input.txt")


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


def test_a_story_about_another_paywall_stays():
    # The price by the period is the story's: its link leads to the service it reports on.
    story = ("The Estuary Gazette now charges €5 a month for its app, and readers are not happy: "
             "https://estuary-gazette.example/app-pricing")
    out = fix_with_cli(_plain_email(story), "input.txt", unsafe=True)
    assert "€5 a month" in out


def test_an_offer_with_stories_below_it_stays():
    # Not in the email's last lines: more stories follow, so it is read as one of them.
    more = "\n\n".join(f"Item {n}. The ferry timetable changes on Monday; the late boat now leaves at ten "
                       "past nine and the early one at six." for n in range(1, 18)) + "\n\n"
    out = fix_with_cli(_plain_email("", after=OFFER + "\n\n" + more), "input.txt", unsafe=True)
    assert "4 euro a month" in out


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


# Answer rows: a question and one-click answers that lead to one page.

def _answer_email(row: str, after: str = "") -> str:
    return (
        "THE TIDE TABLE\nA weekly letter about the coast\n\n"
        f"{STORIES}\n\n{after}{row}\n\n"
        "Unsubscribe: https://tidetable.example/u/81f2\n"
    )


def test_a_rating_row_with_bare_addresses_goes():
    row = ("Did this issue help? Rate it: 👍 https://tidetable.example/rate/up?n=88 | "
           "👎 https://tidetable.example/rate/down?n=88")
    out = fix_with_cli(_answer_email(row), "input.txt", unsafe=True)
    assert "Rate it" not in out and "rate/up" not in out
    assert "Story 3." in out


def test_a_rating_row_under_a_question_and_a_request_goes():
    row = ("■ 今週の号はいかがでしたか？評価をお願いします。\n"
           "[最高](https://tidetable.example/q/41?s=3) ｜ [普通](https://tidetable.example/q/41?s=2) ｜ "
           "[残念](https://tidetable.example/q/41?s=1)")
    out = fix_with_cli(_answer_email(row), "input.md", unsafe=True)
    assert "q/41" not in out and "いかがでしたか" not in out


def test_a_civic_story_with_ward_links_stays():
    # A question over links that differ in one value, with stories below it: a story's links.
    civic = ("Where do I vote on Sunday? Ward 1 https://city-hall.example/stations?ward=1 | "
             "Ward 2 https://city-hall.example/stations?ward=2")
    more = "\n\n".join(f"Item {n}. The ferry timetable changes on Monday; the late boat now leaves at ten "
                       "past nine and the early one at six." for n in range(1, 18)) + "\n\n"
    out = fix_with_cli(_answer_email("", after=civic + "\n\n" + more), "input.txt", unsafe=True)
    assert "ward=1" in out and "Where do I vote" in out


def test_two_story_links_without_a_question_stay():
    row = "[Minutes](https://tidetable.example/docs/minutes) · [Agenda](https://tidetable.example/docs/agenda)"
    out = fix_with_cli(_answer_email(row), "input.md", unsafe=True)
    assert "docs/minutes" in out


# Referral links: the reader's own code on the newsletter's own site.

def test_a_referral_ask_in_any_words_goes():
    ask = "Bring a friend aboard and earn a tide chart: https://tidetable.example/invite?ref=tq83x1"
    out = fix_with_cli(_answer_email(ask), "input.txt", unsafe=True)
    assert "tq83x1" not in out and "Bring a friend" not in out
    assert "tq83x1" in fix_with_cli(_answer_email(ask), "input.txt")  # a judgement


def test_a_story_about_a_company_referral_programme_stays():
    story = ("Ferrybank now pays £50 to customers who bring a friend: https://ferrybank.example/referral?code=FB2026")
    out = fix_with_cli(_answer_email(story), "input.txt", unsafe=True)
    assert "FB2026" in out


def test_a_tracking_tag_is_no_referral_code():
    line = "Catch up on the archive: https://tidetable.example/archive?ref=newsletter"
    out = fix_with_cli(_answer_email(line), "input.txt", unsafe=True)
    assert "ref=newsletter" in out
