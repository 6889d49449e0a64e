"""NL302's shapes known by the newsletter's own pages and the email's last
lines (`evidence/own_pages.py`), not by their words: answer rows and the
referral ask. The texts are invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli
from nlclean.document import Document
from nlclean.evidence.own_pages import masthead_names
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


OFFER = "Holloway Ledger is read for free. Tell a friend: https://hollowayledger.example/share"


def test_the_masthead_spells_the_site_name():
    doc = Document(_plain_email(OFFER), "text")
    assert "hollowayledger" in masthead_names(doc)


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
