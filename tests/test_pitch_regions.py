"""Asks whose parts two rules see, through the real `nlclean fix --unsafe-fixes`.

A pitch ("Paid members get … You can join for $6 a month.") stands over its
button, and the button stands where the footer zone (NL201, which comes
first among the rules) starts: the footer takes the button, and the pitch
must go in the same round, not stay orphaned with nothing under it. A story
paragraph about another company's subscribers over the same button stays.
The newsletters are invented for these tests.
"""
from __future__ import annotations

import subprocess
import sys


def fix(text: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "nlclean.cli.main", "fix", "--unsafe-fixes", "--stdin-filename", "issue.md", "-"],
        input=text.encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.stdout.decode()


STORY = (
    "The county's two gravel pits raised their prices by a tenth this spring, and the road crews "
    "say the summer resurfacing will shrink to match."
)


def quarry_letter(paragraph: str) -> str:
    return f"""\
# The Quarry Letter

## Gravel prices

{STORY}

{paragraph}

[Become a Paid Member](https://quarryletter.example/subscribe)

[Unsubscribe](https://quarryletter.example/unsubscribe) · [Manage your preferences](https://quarryletter.example/preferences)

© 2026 The Quarry Letter
"""


def test_a_pitch_goes_with_its_button_when_the_footer_zone_takes_the_button():
    pitch = ("Paid members get the full archive, the monthly map of every open pit and a seat at our "
             "winter meetup. You can join for $6 a month.")
    out = fix(quarry_letter(pitch))
    assert "Paid members get" not in out
    assert "Become a Paid Member" not in out and "Unsubscribe" not in out
    assert STORY in out and "© 2026 The Quarry Letter" in out


def test_a_story_about_other_subscribers_over_the_button_stays():
    story = ("The streaming service told its paid subscribers on Monday that prices rise in March, and "
             "analysts at the bank expect a wave of cancellations.")
    out = fix(quarry_letter(story))
    assert story in out and STORY in out
    assert "Become a Paid Member" not in out
