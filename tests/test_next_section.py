"""Where a noise region ends in text without blank lines, and under a label
that stands alone (issue 11, layout evidence; `extents.opens_next_section`).

- A numbered title line ends a game in a flattened email, as it ends an ad
  (NL301 and NL101 share one test of "the next story or section").
- A plain-text heading (`** TITLE` over a line of dashes) is a heading, in a
  `.txt` email as in markdown: an ad under it runs to the next heading.
- A line that repeats the sponsor named under the label is the ad's, not the
  next section or story.
- A label line alone between two breaks stands as the ad's heading: its ad
  runs to the next break.
- Inside a flattened paragraph, `Lead-in: URL` is the ad's call to action;
  inside a markdown list, a numbered line is the list's next item, no title.

Every newsletter, product, person and address below is invented.
"""
from __future__ import annotations

import nlclean
from nlclean.document import Document

# --- a numbered title ends a game in flattened text (NL301) -----------------------

QUIZ_THEN_STORY = """\
Weekly Quiz: Which river is the longest in the county? Tap to answer: https://quiz.tidewatch.example.ie/q/12

Hint: it rises in the hills above Carrow. Will you get it?
7. Last word: The ferry dog retires
After nine years riding the Ardmore ferry, Biscuit the terrier was given a lifetime pass and a brass name tag on Tuesday.
Photo: Biscuit on deck (https://tidewatch.example.ie/biscuit)
"""


def test_a_numbered_title_under_a_game_starts_the_next_story():
    out = nlclean.clean(QUIZ_THEN_STORY)
    assert "Weekly Quiz" not in out and "Hint:" not in out
    assert "7. Last word: The ferry dog retires" in out
    assert "Biscuit the terrier" in out and "Photo: Biscuit on deck" in out


QUIZ_WITH_NUMBERED_QUESTIONS = """\
Weekly Quiz: Three questions on the week's news. Answers on Friday: https://quiz.tidewatch.example.ie/q/13

Question 1 was the warm-up: who won the regatta? Now the hard ones.
2. Which town opened a new pier this week?
3. How many ferries now run on batteries?

The harbour board meets again on Thursday to discuss the winter timetable for the island ferry and the new pier's opening hours.
"""


def test_a_numbered_question_is_the_games_own_line_not_the_next_story():
    out = nlclean.clean(QUIZ_WITH_NUMBERED_QUESTIONS)
    assert "Which town opened" not in out and "How many ferries" not in out
    assert "The harbour board meets again on Thursday" in out


# --- a plain-text heading: `** TITLE` over dashes -------------------------------

DASHES = "-" * 60
TEXT_EMAIL = f"""\
** THE ORCHARD LETTER
{DASHES}
Hello, and welcome back.


** 1. THE CIDER PRESS REOPENS
{DASHES}
The village cider press reopened on Saturday after a year of repairs, and the queue ran past the church.


** ADVERTISEMENT
{DASHES}
Online pruning course by Greenbough Academy: six lessons and a certificate. 25% off with the code ORCHARD25.
https://orchardletter.example.org/track/click?u=9f&id=gb25


** 2. A FROST WARNING FOR THE BLOSSOM
{DASHES}
Growers were told to light their frost candles on Wednesday night.
"""


def test_a_text_heading_over_dashes_is_a_heading_in_a_plain_text_email():
    doc = Document(TEXT_EMAIL, format="text")
    headings = [doc.lines[b.start] for b in doc.headings]
    assert headings == ["** THE ORCHARD LETTER", "** 1. THE CIDER PRESS REOPENS", "** ADVERTISEMENT",
                        "** 2. A FROST WARNING FOR THE BLOSSOM"]
    assert not any(b.kind == "hr" for b in doc.blocks)


def test_lines_of_text_over_dashes_are_a_paragraph_and_a_break():
    doc = Document(f"Some closing words here.\nAnd a second line.\n{DASHES}\n** Not a heading\n\nEnd.\n", format="text")
    assert [b.kind for b in doc.blocks] == ["paragraph", "hr", "paragraph", "paragraph"]


def test_an_ad_under_a_text_heading_runs_to_the_next_heading():
    out = nlclean.clean(TEXT_EMAIL, format="text")
    assert "ADVERTISEMENT" not in out
    assert "Greenbough" not in out and "id=gb25" not in out
    assert "** 2. A FROST WARNING FOR THE BLOSSOM" in out and "frost candles" in out
    assert "The village cider press reopened" in out


# --- a line that repeats the sponsor continues the ad ------------------------------

SPONSOR_LINES = """\
CITY DESK DAILY
Tuesday, May 5, 2026
In partnership with
FERNLEAF
Fernleaf — Meal kits with produce from farms near you, delivered on Sundays. New customers get their first box at half price.
Order Fernleaf: https://citydesk.example.com/c/eJx1kM2
Good morning. The council voted last night to close the old bus depot by the end of the year and to build homes for about 300 families there.
FROM THE COURTS
A judge ruled on Monday that the river path must stay open to walkers while the landowner's appeal is heard, which may take until spring.
"""


def test_lines_that_repeat_the_sponsor_under_its_label_are_the_ads():
    out = nlclean.clean(SPONSOR_LINES, format="text")
    assert "In partnership with" not in out
    assert "FERNLEAF" not in out and "Meal kits" not in out and "Order Fernleaf" not in out
    assert "Good morning. The council voted" in out
    assert "FROM THE COURTS" in out and "A judge ruled" in out


TOOL_LIST = """\
CITY DESK DAILY
Tuesday, May 5, 2026
THREE TOOLS WE LIKED
Pinecone Notes — a plain-text notebook that keeps every note on your own disk and syncs them over your own server: https://pinecone.example.org
Tallyho — counts the words of a draft as you write it and tells you how long it takes to read aloud: https://tallyho.example.net
Good morning. The council voted last night to close the old bus depot by the end of the year and to build homes for about 300 families there.
"""


def test_an_editorial_list_of_name_and_tagline_lines_without_a_label_stays():
    assert nlclean.clean(TOOL_LIST, format="text", unsafe=True) == TOOL_LIST


# --- a label alone between two breaks stands as the ad's heading ------------------

FRAMED = """\
# Morgenkurs

Die Zentralbank hat den Leitzins am Donnerstag unverändert gelassen. [Mehr lesen](https://t.morgenkurs.example.de/c/1/zinsen)

---

**Anzeige**

**Festgeld mit 3 % für 12 Monate.** Bei der Hafenbank legen Sie Ihr Geld sicher an, ohne Gebühren.

[Zum Angebot der Hafenbank](https://t.morgenkurs.example.de/c/1/aGFmZW5iYW5r)

---

## Märkte

Der Leitindex schloss mit einem Plus von 0,8 Prozent. [Zur Übersicht](https://t.morgenkurs.example.de/c/1/maerkte)

Die Ölpreise gaben nach dem Treffen der Förderländer nach. [Mehr lesen](https://t.morgenkurs.example.de/c/1/oel)
"""


def test_a_label_alone_between_two_breaks_takes_the_ad_up_to_the_next_break():
    out = nlclean.clean(FRAMED)
    assert "Anzeige" not in out and "Festgeld" not in out and "Zum Angebot der Hafenbank" not in out
    assert "Leitzins" in out and "Der Leitindex" in out and "Die Ölpreise" in out


STORY_RUN = """\
# Morgenkurs

Die Zentralbank hat den Leitzins am Donnerstag unverändert gelassen. [Mehr lesen](https://t.morgenkurs.example.de/c/1/zinsen)

**Anzeige**

**Festgeld mit 3 % für 12 Monate.** Bei der Hafenbank legen Sie Ihr Geld sicher an, ohne Gebühren.

[Zum Angebot der Hafenbank](https://t.morgenkurs.example.de/c/1/aGFmZW5iYW5r)

Der Leitindex schloss mit einem Plus von 0,8 Prozent. [Zur Übersicht](https://t.morgenkurs.example.de/c/1/maerkte)

---

## Märkte

Die Ölpreise gaben nach dem Treffen der Förderländer nach. [Mehr lesen](https://t.morgenkurs.example.de/c/1/oel)
"""


def test_a_label_line_inside_a_run_of_stories_does_not_take_the_stories_up_to_the_break():
    out = nlclean.clean(STORY_RUN)
    assert "Der Leitindex schloss" in out and "Leitzins" in out and "Die Ölpreise" in out


FLATTENED_AD = """\
# Creator Radar

Hello, creators! In this issue: the end of the link in bio, and what newsletters pay.
Brought to you by
LUMEN
Lumen — Edit short videos on your phone, with automatic captions in twelve languages and music you may use. Try it free for seven days: https://click.creatorradar.example.com/l/bHVtZW4
The network that killed the link in bio
Fotoframe said on Monday that it will allow clickable links in every post from January, which changes how creators send their readers elsewhere.
Read the full story: https://click.creatorradar.example.com/l/Zm90b2ZyYW1l
"""


def test_in_a_paragraph_without_blank_lines_the_sponsors_lines_go_and_the_next_title_stays():
    out = nlclean.clean(FLATTENED_AD)
    assert "Brought to you by" not in out and "LUMEN" not in out and "Edit short videos" not in out
    assert "The network that killed the link in bio" in out and "Fotoframe said on Monday" in out


CALL_TO_ACTION_WITH_ITS_LINK = """\
# Daybreak Digest

Good morning. Two stories today.
1 big thing: The tram line opens
The new tram line to the airport opened on Monday, two years late and well over budget, and carried 12,000 riders on its first day.
Read more (https://daybreak.example.com/tram)
A message from Harrowgate Bank
Savings that grow while you sleep.
Harrowgate's easy-access account pays 4.1% with no fees and no notice period, and you can move money out any day.
Book a free review of your savings: https://click.daybreak.example.com/v1/aGFycm93Z2F0ZQ
2. The library goes fine-free
The city library will stop charging late fees from June, after a trial that brought back 9,000 overdue books.
"""


def test_a_call_to_action_with_its_link_after_the_colon_ends_the_ad_not_the_next_story():
    out = nlclean.clean(CALL_TO_ACTION_WITH_ITS_LINK)
    assert "Harrowgate" not in out and "Book a free review" not in out
    assert "2. The library goes fine-free" in out and "9,000 overdue books" in out
    assert "Read more (https://daybreak.example.com/tram)" in out


def test_a_line_ending_in_a_colon_with_nothing_after_it_opens_the_next_part():
    text = CALL_TO_ACTION_WITH_ITS_LINK.replace(
        "Book a free review of your savings: https://click.daybreak.example.com/v1/aGFycm93Z2F0ZQ\n",
        "https://click.daybreak.example.com/v1/aGFycm93Z2F0ZQ\nWhere the riders came from:\n")
    out = nlclean.clean(text)
    assert "Harrowgate" not in out
    assert "Where the riders came from:" in out


# --- a list's numbered lines are its items, no titles -------------------------------

QUIZ_AS_A_LIST = """\
# The Orchard Letter

The cider press reopened on Saturday after a year of repairs, and the queue ran past the church.

**Friday Quiz:** How well did you read this week? Answers on Monday.

1. Which village reopened its cider press?
2. Frost candles
3. Blossom

The growers' meeting moves to the school hall next week, because the church roof is being mended.
"""


def test_a_quiz_written_as_a_numbered_list_goes_whole():
    out = nlclean.clean(QUIZ_AS_A_LIST)
    assert "Friday Quiz" not in out and "Which village" not in out
    assert "Frost candles" not in out and "Blossom" not in out
    assert "The growers' meeting moves" in out and "The cider press reopened" in out


AD_AS_A_LIST = """\
# The Orchard Letter

The cider press reopened on Saturday after a year of repairs, and the queue ran past the church.

Together with

1. Greenbough shears cut clean
2. Greenbough gloves last years
3. Free delivery from Greenbough

[Shop Greenbough](https://greenbough.example.com/shop)
"""


def test_an_ad_written_as_a_numbered_list_is_not_cut_at_its_second_item():
    out = nlclean.clean(AD_AS_A_LIST)
    assert "Greenbough" not in out
    assert "The cider press reopened" in out
