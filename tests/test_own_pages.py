"""NL302's shapes known by the newsletter's own pages and the email's last
lines (`evidence/own_pages.py`), not by their words: answer rows and the
referral ask. The texts are invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli
from plain_email import STORIES, plain_email as _plain_email
from nlclean.document import Document
from nlclean.evidence.own_pages import masthead_names
from nlclean.markers import load


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


# Survey asks, known by their links: a short block in the last lines that asks the
# reader and links only to a survey or form page.

def _survey_email(block: str, after: str = "") -> str:
    return (
        "# The Tide Table\n\n"
        + "\n\n".join(f"## Story {n}\n\nThe harbour board met on Tuesday and voted to repaint the north pier "
                      f"before the storms. [Read more](https://harbourboard-minutes.example/item-{n})" for n in range(1, 4))
        + f"\n\n{after}{block}\n\nUntil next week,\nIna\n\n"
        "[Unsubscribe](https://tidetable.example/unsubscribe?u=81f2)\n"
    )


SURVEY_ASKS = {
    "a survey subdomain": ("## Tell us what to change\n\nTwo minutes, five questions. "
                           "[Answer the survey](https://surveys.tidetable.example/s/2027)"),
    "a forms subdomain behind a redirect": (
        "What should we cover next year? We read every answer. "
        "[Have your say](https://go.tidetable.example/c/aHR0cHM6Ly9mb3Jtcy50aWRldGFibGUuZXhhbXBsZS9wbGFubmluZw/9f1c)"),
}


def test_a_survey_page_is_known_by_its_address():
    from nlclean.evidence.own_pages import survey_page
    assert survey_page("https://surveys.tidetable.example/s/2027")
    assert survey_page("https://forms.tidetable.example/planning")
    assert not survey_page("https://tidetable.example/forms-of-tide")
    assert not survey_page("https://forms.example/")
    # A page about a survey, and a general form service, are no survey page by their address.
    assert not survey_page("https://tidetable.example/survey-results")
    assert not survey_page("https://forms.gle/x7Qp2")


def test_survey_asks_go_with_unsafe_fixes():
    for name, block in SURVEY_ASKS.items():
        text = _survey_email(block)
        out = fix_with_cli(text, "input.md", unsafe=True)
        body = block.split("\n\n")[-1].split(".")[0]
        assert body not in out, name
        assert "Until next week," in out and "## Story 3" in out, name
        # A judgement: without --unsafe-fixes it stays.
        assert body in fix_with_cli(text, "input.md"), name


def test_the_survey_heading_goes_with_it():
    out = fix_with_cli(_survey_email(SURVEY_ASKS["a survey subdomain"]), "input.md", unsafe=True)
    assert "Tell us what to change" not in out


SURVEY_NEAR_MISSES = {
    # A story about a survey's results, linking to the report.
    "results": ("The harbour survey found that 62% of residents want a second ferry. "
                "[The full results](https://survey.portauthority.example/results-2026)"),
    # A call for the readers' own stories to a general form: what they send is the next issue's content.
    "callout": ("What was the best crossing you ever made? Tell us about it for the winter issue: "
                "[the form](https://forms.gle/x7Qp2)"),
    # A consultation that is the news: it tells, it does not ask.
    "consultation": ("The council opened its consultation on the bypass; it runs until 3 May. "
                     "[Consultation page](https://forms.council.example/bypass)"),
}


def test_a_story_about_a_survey_stays():
    for name, block in SURVEY_NEAR_MISSES.items():
        out = fix_with_cli(_survey_email(block), "input.md", unsafe=True)
        assert block.split(".")[0] in out, name


def test_a_survey_ask_among_the_stories_stays():
    # A civic survey that is one of the stories: more stories follow it.
    more = "\n\n".join(f"Item {n}. The ferry timetable changes on Monday; the late boat now leaves at ten "
                       "past nine and the early one at six." for n in range(1, 18)) + "\n\n"
    block = SURVEY_ASKS["a survey subdomain"]
    out = fix_with_cli(_survey_email("", after=block + "\n\n" + more), "input.md", unsafe=True)
    assert "Two minutes, five questions." in out
