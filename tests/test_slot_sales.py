"""NL102 without a sponsor-us phrase: the newsletter selling a place in
itself (an ad, a listing, a featured slot) known by what the block offers
(the audience in numbers opening it, a question that offers the reader's
thing a place here) beside its rate or its links to the newsletter's own
pages; a job board's heading over such a block; and the sentence that tells
advertisers where to write. Every fixture is invented."""
import nlclean


def _clean(text: str, *, unsafe: bool = True, format: str = "markdown") -> str:
    return nlclean.clean(text, format=format, unsafe=unsafe, select=["NL102"])


SALE_BY_AUDIENCE = """# Tide Table Weekly

The harbour board approved the new pontoon on Monday. [Read the story](https://tidetableweekly.com/2026/pontoon)

Reach 12,000 marine biologists every Friday. [See what a slot includes](https://tidetableweekly.com/partners)

[Unsubscribe](https://tidetableweekly.com/unsubscribe?u=41)
"""


def test_audience_in_numbers_over_own_pages_is_a_slot_sale():
    out = _clean(SALE_BY_AUDIENCE)
    assert "Reach 12,000 marine biologists" not in out
    assert "The harbour board approved the new pontoon on Monday." in out


def test_a_slot_sale_is_a_judgement():
    # Safe fixes leave it: the evidence is an offer and where its links lead.
    assert "Reach 12,000 marine biologists" in _clean(SALE_BY_AUDIENCE, unsafe=False)


def test_a_story_sentence_opening_with_a_count_stays():
    text = """# Step Count

Reach 10,000 steps a day, the study's authors advise. [Read the study](https://journal.example.org/steps-2026)

[Unsubscribe](https://stepcount.example.com/unsubscribe?u=2)
"""
    assert "Reach 10,000 steps a day" in _clean(text)


SALE_BY_QUESTION = """# Crumb Report

Three bakeries opened on Fennel Street this month. [The full list](https://crumbreport.example.com/fennel)

**Want your bakery here?** Ads start at $90 per issue. [Book a spot](https://crumbreport.example.com/book)
"""


def test_question_offering_a_place_here_with_a_rate_is_a_slot_sale():
    out = _clean(SALE_BY_QUESTION)
    assert "Want your bakery here?" not in out
    assert "Three bakeries opened on Fennel Street this month." in out


def test_a_story_about_ad_prices_stays():
    text = """# Media Minute

Is your station here? A 30-second ad now starts at $7 million during the final. [Read more](https://mediaminute.example.com/final-ads)
"""
    out = _clean(text)
    assert "A 30-second ad now starts at $7 million" in out


FLATTENED = """**MARKETS**
Copper rose 2% on Tuesday as smelters in the south cut output for a second week. [Read the story](https://ore-brief.example.com/copper)
Nickel fell after the exchange widened its daily limit. [Read the story](https://ore-brief.example.com/nickel)
Want your mine here? Featured listings start at $400 per issue. [Book a listing](https://ore-brief.example.com/listings)
**TECHNOLOGY**
A sorting robot cut waste rock at two pits. [Read the story](https://ore-brief.example.com/robots)
"""


def test_in_a_flattened_paragraph_only_the_sale_line_goes():
    out = _clean(FLATTENED)
    assert "Want your mine here?" not in out
    assert "Nickel fell after the exchange widened its daily limit." in out
    assert "A sorting robot cut waste rock at two pits." in out


JOB_BOARD = """# Kelp Careers

## Openings

- [Field technician — Brine Labs](https://brinelabs.example.com/jobs/7) · Oban · £31k

## Post a job on Kelp Careers

Reach 9,000 ocean scientists every Thursday. Single listings from $180, featured slots from $420.

## Next week

The autumn hiring survey.
"""


def test_job_board_heading_over_a_slot_sale_goes_with_it():
    out = _clean(JOB_BOARD, unsafe=False)
    assert "Post a job on Kelp Careers" not in out
    assert "Reach 9,000 ocean scientists" not in out
    # The listings are the newsletter's content.
    assert "Field technician — Brine Labs" in out
    assert "The autumn hiring survey." in out


def test_a_story_heading_with_a_job_post_phrase_stays():
    text = """# Work Notes

## Post a job, lose a candidate

Recruiters say long forms drive applicants away. One firm cut its form to four fields and doubled its replies.
"""
    assert "Post a job, lose a candidate" in _clean(text)


INQUIRY = """THE LONG LUNCH
Episode 12

Recorded in Leeds. Produced by Quiet Room Audio ( https://quietroom.example ). For inquiries about sponsoring the podcast, email ads@longlunch.example.

Next week: a baker who sells only at dawn.
"""


def test_sponsor_inquiry_sentence_goes_and_the_credit_stays():
    out = _clean(INQUIRY, format="text")
    assert "For inquiries about sponsoring the podcast" not in out
    assert "Produced by Quiet Room Audio ( https://quietroom.example )." in out
    assert "Next week: a baker who sells only at dawn." in out


def test_an_events_sponsorship_ask_stays():
    text = """TOWN NOTES

The 5K is on 3 May. Businesses interested in sponsoring the race can email run@townhall.example.
"""
    assert "interested in sponsoring the race" in _clean(text, format="text")


def test_inquiry_on_its_own_line_leaves_no_blank_line():
    text = """Produced by Quiet Room Audio.
For inquiries about advertising in the newsletter, email ads@longlunch.example.

Next week: a baker who sells only at dawn.
"""
    out = _clean(text)
    assert "advertising in the newsletter" not in out
    assert out.startswith("Produced by Quiet Room Audio.\n\nNext week")


def test_inquiry_inside_emphasis_is_left_whole():
    # Cutting it would tear the emphasis in two: it stays.
    text = "*Produced by Quiet Room Audio. For inquiries about sponsoring the show, email ads@longlunch.example.*\n"
    out = _clean(text)
    assert out == text


def test_a_readers_letter_about_ads_and_a_jobs_roundup_stay():
    text = """# Tide Table Weekly

## Letters

> Would you ever sell ads? I'd happily see a bakery's ad here, and I'd pay $5 per issue to keep it ad-free. — Mara, Oban

## Who's hiring

- [Deckhand — North Ferry Co.](https://northferry.example.com/jobs/3) · Oban · listings close Friday
- [Lab assistant — Kelp Institute](https://kelp.example.org/careers/12) · Mallaig
"""
    out = _clean(text)
    assert "Would you ever sell ads?" in out
    assert "Deckhand — North Ferry Co." in out
    assert "Lab assistant — Kelp Institute" in out
