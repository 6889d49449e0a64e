"""NL603 on titles written as plain lines (rules/tidy.py): a short line whose
whole section the other rules of the same check remove goes with it; the
lines that look like one and stay (a signature, a credit, a rubric) are in
tests/fixtures/rules/NL603/near_miss_plain_*.md. Plain text has no markdown
heading, so these are the only titles NL603 reads there."""
from __future__ import annotations

import nlclean

LETTER = """Bench notes, issue 12

The drawer runners went in on Sunday, and after an evening of waxing and one more pass with the block plane the whole chest now slides shut with one finger, even in this damp weather.

A NOTE FROM A FRIEND OF THE LETTER

This issue is supported by Loamwise, who make the beeswax finish I rub into every drawer front. Readers get 10% off with code BENCH10: https://loamwise.example/finish?utm_source=bench

TRY THIS AT HOME

Plane the drawer sides a shaving at a time, and test the fit after every pass: a sticky drawer loosens in summer.

Unsubscribe: https://bench.example/unsubscribe/42
"""


def test_a_title_in_capitals_goes_with_the_ad_under_it_in_plain_text():
    out = nlclean.clean(LETTER, format="text")
    assert "A NOTE FROM A FRIEND OF THE LETTER" not in out
    assert "supported by Loamwise" not in out
    # The next section's title, in capitals too, ends the ad's section and stays with its story.
    assert "TRY THIS AT HOME\n\nPlane the drawer sides" in out


def test_the_title_is_reported_with_the_removal_that_emptied_its_section():
    found = [f for f in nlclean.lint(LETTER, format="text") if f.code == "NL603"]
    assert [(f.start_pos.line, f.fix.is_safe) for f in found] == [(5, True)]
    assert any("NL101" in e for e in found[0].evidence)


def test_run_alone_on_a_cleaned_letter_nothing_is_left_to_find():
    once = nlclean.clean(LETTER, format="text")
    assert nlclean.clean(once, format="text") == once
    assert not [f for f in nlclean.lint(once, format="text") if f.code == "NL603"]
