"""The author's closing is no footer (NL201's zone, `evidence/zones.py`).

A sign-off ("Until next Friday," over the author's name), a P.S. and an
invitation to reply to the author are the writer speaking, even where footer
lines stand above and below them. The texts are invented for these tests.
"""
from __future__ import annotations

from cli_fix import fix_with_cli


fix = fix_with_cli


PLAIN = """\
TIDEWATER NOTES
Issue 12

THE FERRY TIMETABLE

The winter timetable starts on Monday. The first boat now leaves at seven
instead of half past six, and the last one at nine in the evening. The
harbour office says the change follows a survey of commuters last spring.

------------------------------------------------------------

Was this forwarded to you? Subscribe here: https://tidewater.example/subscribe

Follow us on Mastodon: https://mastodon.social/@tidewater

Until next Friday,
Rosa

P.S. A few of you asked where the photo of the lighthouse came from. My
neighbour took it from her kitchen window on Tuesday.

------------------------------------------------------------

Tidewater Notes
14 Quay Street, Port Elwin, ME 04021

You're receiving this because you signed up at tidewater.example.
Unsubscribe: https://tidewater.example/unsubscribe/4f2a9c
"""


def test_a_sign_off_its_name_and_a_postscript_stay_between_footer_lines():
    out = fix(PLAIN, "notes.txt")
    assert "Until next Friday," in out
    assert "\nRosa\n" in out
    assert "P.S. A few of you asked where the photo of the lighthouse came from." in out
    assert "neighbour took it from her kitchen window on Tuesday." in out
    # The footer around them still goes.
    assert "Was this forwarded to you?" not in out
    assert "Follow us on Mastodon" not in out
    assert "You're receiving this" not in out
    assert "Unsubscribe" not in out
    # The address stays (SPEC).
    assert "14 Quay Street, Port Elwin, ME 04021" in out


# A sign-off in words no list holds: a short line ending in a comma, a name under it.
SIGNED = PLAIN.replace("Until next Friday,", "Fair winds to all of you,")


def test_a_sign_off_is_known_by_its_shape_a_comma_and_a_name_under_it():
    out = fix(SIGNED, "notes.txt")
    assert "Fair winds to all of you," in out
    assert "\nRosa\n" in out


# Near miss: a short line ending in a comma with no name under it is no sign-off.
UNSIGNED = PLAIN.replace("Until next Friday,\nRosa\n", "Stay connected,\n\nFollow us on the harbour board\n")


def test_a_short_footer_line_with_a_comma_but_no_name_under_it_still_goes():
    out = fix(UNSIGNED, "notes.txt")
    assert "Stay connected," not in out
    assert "Until next Friday," not in out


MARKDOWN = """\
# The Elwin Ledger

The council voted on Tuesday to keep the library open on Sundays through
the winter, after more than four hundred residents signed a petition. The
cost, about eleven thousand dollars, comes from the parks reserve fund.

## Become a member

The Elwin Ledger is free because readers pay for it. **Join for $5/month.** [Become a member](https://elwinledger.example/join)

Spotted a pothole or a mistake? Just reply to this email — it lands in my inbox.

Talk soon,
Dev

---

You are receiving this email because you signed up on our website.
[Update your preferences](https://elwinledger.example/preferences) or [unsubscribe](https://elwinledger.example/unsubscribe).
"""


def test_an_invitation_to_reply_to_the_author_stays_in_both_modes():
    for unsafe in (False, True):
        out = fix(MARKDOWN, "ledger.md", unsafe)
        assert "Just reply to this email — it lands in my inbox." in out, unsafe
        assert "Talk soon," in out and "\nDev\n" in out, unsafe
        assert "You are receiving this email" not in out, unsafe
        assert "unsubscribe" not in out, unsafe


def test_an_invitation_to_reply_in_the_list_s_voice_is_still_footer():
    # Near miss: no author speaks ("Replies … are not monitored" is the list's footer).
    text = MARKDOWN.replace(
        "Spotted a pothole or a mistake? Just reply to this email — it lands in my inbox.",
        "Replies to this email are not monitored.",
    )
    out = fix(text, "ledger.md")
    assert "Replies to this email are not monitored." not in out


# A name signed under a dash, with the author's short last words over it,
# between an app block the zone takes and the footer lines below.
DASHED = """\
THE KILN LETTER

The glaze firing ran long this week because the new thermocouple read forty
degrees low, and we only found out when the cones slumped flat on the shelf.
The replacement part arrives on Thursday, so the next firing moves to Saturday.

GET THE KILN APP
Firing logs and alerts, before they hit your inbox.
Download on the App Store: https://trk.kiln.example/c/YXBwLWlvcw

That's all. Keep your shelves level.
-- Marguerite Osei

You're getting this because you signed up at kiln.example.
Unsubscribe: https://trk.kiln.example/u/dW5zdWI
Kiln Letter, 12 Clay Street, Stoke Vale, OH 43000
"""


def test_a_name_signed_under_a_dash_and_the_line_over_it_stay():
    out = fix(DASHED, "kiln.txt")
    assert "That's all. Keep your shelves level." in out
    assert "-- Marguerite Osei" in out
    # The app block and the footer still go.
    assert "GET THE KILN APP" not in out
    assert "You're getting this" not in out


def test_a_team_signs_under_an_em_dash_in_markdown():
    text = DASHED.replace("That's all. Keep your shelves level.\n-- Marguerite Osei",
                          "That's the letter. Back next week with the cone chart.\n\n— Marguerite & the Kiln crew")
    out = fix(text, "kiln.md")
    assert "That's the letter. Back next week with the cone chart." in out
    assert "— Marguerite & the Kiln crew" in out


# Near misses: a dash before a footer line, or before words that are no name,
# signs nothing.
def test_a_dash_before_footer_words_or_a_sentence_is_no_signature():
    text = DASHED.replace("That's all. Keep your shelves level.\n-- Marguerite Osei",
                          "Read it in your browser.\n-- Manage your email preferences")
    out = fix(text, "kiln.txt")
    assert "Manage your email preferences" not in out
    assert "Read it in your browser." not in out
    text = DASHED.replace("That's all. Keep your shelves level.\n-- Marguerite Osei",
                          "Ratings on the app.\n-- 4.8 stars on the store.")
    out = fix(text, "kiln.txt")
    assert "4.8 stars on the store." not in out
    assert "Ratings on the app." not in out
