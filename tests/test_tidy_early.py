"""The tidy-up rules that only close up (NL601 blank lines, NL604 trailing
spaces) run on each round's result before the next round's full check
(fixer.TIDY_EARLY), so that what a round's removals leave goes with them
instead of deciding a round of its own. The result must be the one the next
round gave: same output bytes, same findings left on it (the fixes counted as
applied may differ: trailing spaces closed up early on a line that the next
round removes count as a fix), checked on the fuzz strategies and on every
file of the corpora (dev, bulk) when ../shared is there."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nlclean.fixer import fix_text

from fix_shortcuts import SAFE, files_with_fewer_rounds, same_fix_without

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from newsletter_strategies import newsletters  # noqa: E402


def same_as_a_round_of_their_own(text: str, fmt: str = "markdown") -> list[tuple[int, int]]:
    return same_fix_without(text, fmt, tidy_early=False)


def test_blank_lines_a_removal_leaves_go_with_it():
    # A sponsored item taken out of a loose list leaves the blank lines on its
    # two sides together, and the footer taken from the end leaves the blank
    # lines above it at the end: NL601 closes both up. Before, that was round 2
    # and round 3 proved the result stable; now round 2 proves it.
    text = (
        "# Field notes\n\nThe heron came back to the pond this week, and stayed for three days.\n\n"
        "- The first frost came early this year and took the beans.\n\n"
        "- Sponsored: Trowel & Co sells the best garden tools. [Shop now](https://trowel.example/shop?utm_source=newsletter)\n\n"
        "- We planted garlic along the north fence before the rain.\n\n"
        "You get this because you subscribed to Field Notes. [Unsubscribe](https://notes.example/unsubscribe/42)\n\n"
        "[Manage preferences](https://notes.example/preferences/42)\n\n\n"
    )
    assert same_as_a_round_of_their_own(text) == [(2, 3), (2, 3)]
    assert "\n\n\n" not in fix_text(text, SAFE).text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newsletters())
def test_tidying_early_gives_the_same_fix_on_generated_newsletters(text):
    same_as_a_round_of_their_own(text)


@pytest.mark.parametrize("folder", ["dev", "bulk"])
def test_tidying_early_gives_the_same_fix_on_the_corpora(folder):
    assert files_with_fewer_rounds(folder, tidy_early=False) > 0  # the change is in use
