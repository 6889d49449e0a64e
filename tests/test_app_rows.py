"""NL201's app-download row (`evidence/app_download.py`): links to both app
stores near the email's end, known by where they lead or by the platform a
label names behind a click tracker, in any language. The texts are invented
for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli

STORIES = "\n\n".join(
    f"## Story {n}\n\nThe ferry council met on Monday and agreed to extend the winter timetable by two weeks. "
    f"[Read the minutes](https://ferrycouncil.example/minutes-{n})"
    for n in range(1, 5)
)
FOOTER = "[Unsubscribe](https://t.quaymail.example/u/7Hq2x9) · [Preferences](https://t.quaymail.example/p/7Hq2x9)"


def _email(block: str, middle: str = "") -> str:
    return f"# The Quayside Post\n\n{STORIES}\n\n{middle}\n\nSee you Friday,\nMarta\n\n{block}\n\n{FOOTER}\n"


def test_a_row_of_tracked_links_named_for_both_platforms_goes_in_any_language():
    row = ("📱 **Baixe o app do Quayside** e leia tudo offline. "
           "[iOS](https://t.quaymail.example/c/a1x) · [Android](https://t.quaymail.example/c/a2x)")
    out = fix_with_cli(_email(row), "input.md", unsafe=True)
    assert "Baixe o app" not in out and "c/a1x" not in out
    assert "Story 4" in out and "See you Friday," in out


def test_a_row_of_labels_alone_takes_its_lead_in():
    row = ("**Carry the Post in your pocket.** Alerts when the ferry is cancelled.\n\n"
           "[Download for iPhone](https://t.quaymail.example/c/a1x) | [Download for Android](https://t.quaymail.example/c/a2x)")
    out = fix_with_cli(_email(row), "input.md", unsafe=True)
    assert "Carry the Post" not in out and "Download for" not in out
    assert "Marta" in out


def test_store_addresses_count_without_a_platform_label():
    row = ("Descarga la app y recibe avisos. [Aquí](https://apps.apple.com/app/quayside/id123) · "
           "[Y aquí](https://play.google.com/store/apps/details?id=quayside)")
    out = fix_with_cli(_email(row), "input.md", unsafe=True)
    assert "Descarga la app" not in out


def test_the_row_stays_without_unsafe_fixes():
    row = "Get alerts. [iOS](https://t.quaymail.example/c/a1x) · [Android](https://t.quaymail.example/c/a2x)"
    out = fix_with_cli(_email(row), "input.md", unsafe=False)
    assert "Get alerts." in out


def test_a_story_about_an_app_launch_among_the_stories_stays():
    story = ("## Rotabus launches in the harbour towns\n\nThe bus app Rotabus now shows live arrivals for all "
             "twelve harbour routes. [iOS](https://apps.apple.com/app/rotabus/id99) · "
             "[Android](https://play.google.com/store/apps/details?id=rotabus)")
    email = f"# The Quayside Post\n\n{story}\n\n{STORIES}\n\nSee you Friday,\nMarta\n\n{FOOTER}\n"
    out = fix_with_cli(email, "input.md", unsafe=True)
    assert "The bus app Rotabus now shows live arrivals" in out and "apps.apple.com/app/rotabus" in out
    last = f"# The Quayside Post\n\n{STORIES}\n\n{story}\n\nSee you Friday,\nMarta\n\n{FOOTER}\n"
    out = fix_with_cli(last, "input.md", unsafe=True)
    assert "The bus app Rotabus now shows live arrivals" in out and "apps.apple.com/app/rotabus" in out


def test_a_row_with_one_store_or_a_story_link_stays():
    one_store = "The new timetable app is out. [iOS](https://t.quaymail.example/c/a1x) · [Notes](https://t.quaymail.example/c/n2)"
    out = fix_with_cli(_email(one_store), "input.md", unsafe=True)
    assert "The new timetable app is out." in out
    review = ("Our review of the new phones: [iPhone 17](https://ferrycouncil.example/review-iphone) · "
              "[Android flagships](https://ferrycouncil.example/review-android) · [The verdict](https://ferrycouncil.example/verdict)")
    out = fix_with_cli(_email(review), "input.md", unsafe=True)
    assert "Our review of the new phones" in out
