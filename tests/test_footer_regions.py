"""NL201's footer as a region, through the real `nlclean fix` command.

The texts are written for these tests (invented lists, newsletters and
addresses): a mailing-list digest in plain text, whose administration lines
stand above and below its messages, and a hard-wrapped plain-text footer
whose "view it in a browser" sentence is broken over two lines.
"""
from __future__ import annotations

from cli_fix import fix_with_cli


fix = fix_with_cli


DIGEST = """\
Send heronwatch mailing list submissions to
\theronwatch@lists.heron.example.org

To subscribe or unsubscribe via the World Wide Web, visit
\thttps://lists.heron.example.org/mailman/listinfo/heronwatch
or, via email, send a message with subject or body 'help' to
\theronwatch-request@lists.heron.example.org

You can reach the person managing the list at
\theronwatch-owner@lists.heron.example.org

When replying, please edit your Subject line so it is more specific
than "Re: Contents of heronwatch digest..."


Today's Topics:

   1. Nest count at the east marsh (Ilse Brandt)
   2. Re: Leaving the list (Tomas Ferreira)


----------------------------------------------------------------------

Message: 1
Date: Mon, 7 Dec 2026 08:02:11 +0100
From: Ilse Brandt <ilse@example.org>
Subject: Nest count at the east marsh

We counted forty-one occupied nests on Saturday, six more than last
winter. The two new ones sit in the alders by the sluice.

Ilse


------------------------------

Message: 2
Date: Mon, 7 Dec 2026 10:40:00 +0000
From: Tomas Ferreira <tomas@example.org>
Subject: Re: Leaving the list

I tried to unsubscribe from the mailing list through the web page last
week and it still sends me the digest. Who should I write to?

Tomas


------------------------------

Subject: Digest Footer

_______________________________________________
heronwatch mailing list
heronwatch@lists.heron.example.org
https://lists.heron.example.org/mailman/listinfo/heronwatch


------------------------------

End of heronwatch Digest, Vol 12, Issue 3
*****************************************
"""


def test_a_mailing_list_digest_loses_its_administration_lines_and_keeps_its_messages():
    out = fix(DIGEST, "digest.txt")
    for chrome in (
        "mailing list submissions",
        "To subscribe or unsubscribe via",
        "subject or body 'help'",
        "person managing the list",
        "please edit your Subject line",
        "Digest Footer",
        "End of heronwatch Digest",
    ):
        assert chrome not in out, chrome
    for story in (
        "Today's Topics:",
        "1. Nest count at the east marsh (Ilse Brandt)",
        "From: Ilse Brandt <ilse@example.org>",
        "We counted forty-one occupied nests on Saturday",
        # A member's message about leaving the list is a message, not the list's footer.
        "I tried to unsubscribe from the mailing list through the web page last",
        "week and it still sends me the digest. Who should I write to?",
    ):
        assert story in out, story


WRAPPED = """\
The Quiet Compiler

Compilers that explain their errors save more time than compilers that
are fast. I measured both on our team for a month, and the slow compiler
with the good messages won by a wide margin.

Talk soon,
Maren

Want to keep this for later, or pass it on? View it in a
browser. (
https://click.example.com/c/v8k2m/aHR0cHM6Ly9xdWlldC5leGFtcGxlLmNvbS8=
)

Did someone forward this to you? Get the Quiet Compiler. (
https://click.example.com/c/v8k2m/c2lnbnVw
)

Rather not get these emails? Update your subscriber preferences. (
https://preferences.example.com/v8k2m
)

12 Alder Road, Suite 4, Portland, OR 97201
"""


def test_a_footer_sentence_broken_by_hard_wrapping_goes_with_its_footer():
    out = fix(WRAPPED, "letter.txt")
    assert "View it in a" not in out
    assert "aHR0cHM6Ly9xdWlldC5leGFtcGxlLmNvbS8=" not in out
    assert "Did someone forward this" not in out
    # The story, its sign-off and the postal address stay.
    assert "with the good messages won by a wide margin." in out
    assert "Talk soon,\nMaren" in out
    assert "12 Alder Road, Suite 4, Portland, OR 97201" in out


def test_a_short_wrapped_story_paragraph_that_mentions_a_browser_stays():
    story = WRAPPED.replace(
        "Talk soon,\nMaren\n\nWant to keep this for later, or pass it on? View it in a\nbrowser. (\n"
        "https://click.example.com/c/v8k2m/aHR0cHM6Ly9xdWlldC5leGFtcGxlLmNvbS8=\n)\n",
        "Talk soon,\nMaren\n\nThe error pages read well on a phone or in a\nbrowser window alike.\n",
    )
    out = fix(story, "letter.txt")
    assert "The error pages read well on a phone or in a\nbrowser window alike." in out


def test_an_address_closing_a_footer_sentence_is_kept_only_after_a_short_footer():
    # The line before the address goes whole, so it must be footer from its
    # first sentence and short; a one-line email whose last sentence ends on
    # the address keeps everything (the layout decides, not this cut).
    from nlclean import markers
    from nlclean.rules.footer import _kept_tail

    data = markers.load()
    footer = "This email was sent to you by Larch Books, 9 Fen Road, Ely, CB7 4AA"
    assert footer[_kept_tail(data, footer):] == "9 Fen Road, Ely, CB7 4AA"
    one_line_email = (
        "View this email in your browser ( https://relay.example.com/web/7 ) RIVER RELAY "
        "Good morning. The ferry to the north shore runs again from Monday after a month of repairs, "
        "and the fare stays at two dollars. Read more ( https://ferries.example.com/north ) "
        "Unsubscribe ( https://relay.example.com/unsub?u=7 ) "
        "You are receiving this email from River Relay LLC, 40 Pier Street, Suite 2, Astoria, OR 97103"
    )
    assert _kept_tail(data, one_line_email) is None


def test_lines_of_a_paragraph_go_with_a_footer_phrase_only_when_they_hold_part_of_it():
    # A sign-in mail: the code and its sentence are the message; only the line
    # that speaks about the email joins the footer zone under the platform's line.
    mail = (
        "# Your code\n\n"
        "481920\n"
        "is your sign-in code for Harbour Events.\n"
        "If you did not ask for it, you can ignore this email.\n\n"
        "Sent using https://events.example.com\n"
    )
    out = fix(mail, "code.md")
    assert "481920\nis your sign-in code for Harbour Events." in out
    assert "Sent using" not in out


CJK_LETTER = """\
在浏览器中查看

# 山城周报

## 工具

新版的笔记应用终于支持在浏览器中打开，不用再安装客户端了。

新しい地図サービスはブラウザで見ることもでき、スマホ版と同じ機能が使える。

## 下周

感谢大家的来信，下周我们会继续讨论这个话题。
"""


def test_cjk_view_in_browser_words_go_only_where_they_are_the_line():
    # "View in the browser" is a story's phrase too ("the app now opens in the
    # browser"): the lone chrome line at the top goes, the story lines stay.
    out = fix(CJK_LETTER, "letter.md")
    assert not out.startswith("在浏览器中查看")
    assert "新版的笔记应用终于支持在浏览器中打开，不用再安装客户端了。" in out
    assert "新しい地図サービスはブラウザで見ることもでき、スマホ版と同じ機能が使える。" in out
    assert "感谢大家的来信" in out
