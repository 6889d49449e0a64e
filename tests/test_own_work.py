"""NL103: the publisher plugging its own work (its podcast, book, guide,
course) in a short paragraph at the email's end, known by a work named as
the publisher's own, a button, and its place (`evidence/own_work.py`); and
the stories that look like it: someone else's podcast, the author's book
mentioned in a story, an episode's own email, a link digest, a shop's own
store, an idiom. The texts are invented for these tests.
"""
from __future__ import annotations

import pytest

from nlclean import api
from nlclean.evidence.own_work import owned_work, podcast_app_link
from nlclean.document import Document
from nlclean.markers import load

STORIES = "\n\n".join(
    f"## Story {n}: the pier vote\n\nThe harbour board met on Tuesday and voted to repaint the north pier before "
    f"the winter storms, after a long debate about the cost. [Read the minutes](https://harbourboard-minutes.example/item-{n})"
    for n in range(1, 4)
)


def email(plug: str, title: str = "# Holloway Ledger: the pier vote") -> str:
    """A masthead line, a title, three stories, the plug, a sign-off and a footer."""
    return (
        "Holloway Ledger | Friday, 4 December\n\n"
        f"{title}\n\n{STORIES}\n\n---\n\n{plug}\n\n"
        "Until next week,\nIna\n\n"
        "[Unsubscribe](https://hollowayledger.example/unsubscribe?u=81f2)\n"
    )


def fixed(text: str, unsafe: bool = True) -> str:
    return api.clean(text, unsafe=unsafe)


PLUGS = {
    "own podcast by name": "**On the Ledger podcast this week:** the harbour master on why the tides "
    "keep surprising us. [Listen now](https://hollowayledger.example/podcast/ep12)",
    "my book": "**My book is out!** *Low Water* is 200 pages on estuary towns, and signed copies ship "
    "before the holidays. [Order a signed copy](https://shop-hl.example/low-water?utm_source=email)",
    "our podcast in French": "Dans notre podcast cette semaine, la capitaine du port raconte les marées. "
    "[Écouter l'épisode](https://hollowayledger.example/podcast/ep12)",
    "unser Buch": "Unser Buch über das Watt ist in der zweiten Auflage erschienen. "
    "[Zum Buch](https://hollowayledger.example/c/buch)",
    "podcast apps beside the name": "🎧 **Listen to Ledger Tides**: ten minutes on the estuary, every Monday. "
    "[Apple](https://podcasts.apple.com/podcast/ledger-tides/id1) · [Spotify](https://open.spotify.com/show/ledgertides)",
    "my course, link at the end": "My 4-week course on reading tide tables opens again in January, "
    "six places left. [Save a place for $90 before the end of the month](https://courses-hl.example/tides)",
}


@pytest.mark.parametrize("name", sorted(PLUGS))
def test_a_plug_for_the_publishers_own_work_goes_with_unsafe_fixes(name):
    plug = PLUGS[name]
    text = email(plug)
    out = fixed(text)
    assert plug[:30] not in out
    assert "Story 3: the pier vote" in out and "Until next week," in out
    # A judgement: without --unsafe-fixes it stays.
    assert plug[:30] in fixed(text, unsafe=False)


NEAR_MISSES = {
    # someone else's podcast: nothing names it the publisher's
    "her podcast": "Maya Lund talked tides on her podcast this week. [Listen now](https://mayalund.example/ep4)",
    # the author's book in a story's paragraph, among the stories (no button, not at the end)
    "my book in passing": "I wrote about the pier in my book, and the board quoted it on Tuesday, which "
    "was strange to hear read aloud in the town hall.",
    # a link digest: links to several sites
    "a digest": "Our podcast picks: [the tide episode](https://mayalund.example/ep4), "
    "[a ferry history](https://ferryhistory.example/ep9) and [storm stories](https://stormpod.example/3)",
    # an idiom
    "of course": "The pier will be blue, of course. [See the colour chart](https://hollowayledger.example/pier-colours)",
    # a shop's own store as a place
    "our store": "Saturday class at our Quay Street store: three hours, all tools included. "
    "[Book a place](https://hollowayledger.example/classes)",
    # a referral ask names "our guide": NL302's, with its heading
    "a referral": "Share the Ledger with three friends and get our tide guide free. "
    "[Copy your referral link](https://hollowayledger.example/referral?code=AB12CD)",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_stay_as_house_plugs(name):
    block = NEAR_MISSES[name]
    findings = [f for f in api.lint(email(block)) if f.code == "NL103"]
    assert not any("own work" in " ".join(f.evidence) for f in findings)


def test_the_plug_stays_among_the_stories():
    # The same plug in the middle of the stories is no end-of-email plug.
    plug = PLUGS["own podcast by name"]
    text = email("Fine.").replace("## Story 2", plug + "\n\n" + "\n\n".join(["Filler prose line."] * 20) + "\n\n## Story 2")
    assert plug in fixed(text)


def test_an_episodes_own_email_keeps_its_listen_button():
    # The email is about the episode: its button is its content.
    plug = PLUGS["own podcast by name"]
    text = email(plug, title="# New podcast episode: the harbour master")
    assert plug in fixed(text)


def test_owned_work_reads_owners_names_and_idioms():
    markers = load()
    doc = Document(email("Fine."))
    assert owned_work(doc, "Listen to our weekly podcast.", markers) == "our weekly podcast"
    assert owned_work(doc, "On the Ledger podcast this week", markers)
    assert owned_work(doc, "On the Hard Fork podcast this week", markers) is None
    assert owned_work(doc, "It is blue, of course.", markers) is None
    assert owned_work(doc, "In my book, that is a win.", markers) is None


def test_podcast_app_links():
    markers = load()
    assert podcast_app_link("https://podcasts.apple.com/us/podcast/x/id1", markers)
    assert podcast_app_link("https://open.spotify.com/show/abc", markers)
    assert not podcast_app_link("https://open.spotify.com/playlist/abc", markers)
    assert not podcast_app_link("https://hollowayledger.example/podcast", markers)


TEXT_STORIES = "\n\n".join(
    f"Story {n}. The harbour board met on Tuesday and voted to repaint the north pier before the storms, after a long "
    f"debate about the cost of paint.\nRead more: https://harbourboard-minutes.example/item-{n}"
    for n in range(1, 4)
)


def text_email(plug_lines: str) -> str:
    """A plain-text email whose lines run long (one paragraph per line), the plug's lines, a sign-off."""
    return (
        "HOLLOWAY LEDGER\nNotes from the estuary, every Friday\n\n"
        f"{TEXT_STORIES}\n\n------------------------------\n\n{plug_lines}\n\n------------------------------\n\n"
        "Until next week,\nIna\n"
    )


def test_a_plain_text_plug_takes_its_address_on_the_line_below():
    plug = ("THE TIDE WEEK — my 4-week course on reading tide tables, with live sessions and the recordings — opens January 12.\n"
            "Small group of 40, live sessions on Tuesdays, the recordings for good. Early-bird price 149 euro until December 20.\n"
            "Join the waitlist: https://hollowayledger.example/tide-week")
    out = api.clean(text_email(plug), format="text", unsafe=True)
    assert "my 4-week course" not in out and "tide-week" not in out and "Early-bird" not in out
    assert "Story 3." in out and "Until next week," in out


def test_a_plain_text_line_with_more_addresses_below_stays():
    # The address line is one of a list that goes on: no plug's button.
    plug = ("Our podcast picks this week, from the shows the newsroom listened to on the long drive up the coast to Wick:\n"
            "The tide episode: https://mayalund.example/ep4\n"
            "A ferry history: https://ferryhistory.example/ep9")
    out = api.clean(text_email(plug), format="text", unsafe=True)
    assert "Our podcast picks" in out and "mayalund" in out


def test_a_reading_lists_own_episode_stays():
    # The publisher's episode as an item of a reading list, or a linked title alone: a link to its content.
    item = "### Also from the Ledger\n\n- [A ferry history](https://ferryhistory.example/ep9)\n- [Our episode on the pier vote](https://hollowayledger.example/p/ep-12)"
    assert "Our episode on the pier vote" in fixed(email(item))
    title = "[Our episode on the pier vote](https://hollowayledger.example/p/ep-12)"
    assert "Our episode on the pier vote" in fixed(email(title))
