"""Property tests: on any newsletter-like markdown, every promise holds.

The strategies (newsletter_strategies.py) mix what newsletters hold with
markdown's sharp edges; the promises (promises.py) are SPEC §3's: no crash,
no new words, idempotent, front matter byte for byte, line endings, BOM and
final newline as they came. `scripts/fuzz.py` runs the same for minutes.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nlclean
from newsletter_strategies import block, newsletters
from promises import check_promises

CI = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CI
@given(newsletters())
def test_newsletters_keep_every_promise(text):
    check_promises(text)


@CI
@given(newsletters())
def test_unsafe_fixes_keep_every_promise(text):
    check_promises(text, unsafe=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newsletters())
def test_plain_text_mode_keeps_every_promise(text):
    check_promises(text, format="text")


@settings(max_examples=100, deadline=None)
@given(st.lists(block(), min_size=1, max_size=4))
def test_a_text_with_no_findings_comes_out_unchanged(blocks):
    text = "\n\n".join(blocks) + "\n"
    if not nlclean.lint(text):
        assert nlclean.clean(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_text_keeps_every_promise(text):
    check_promises(text)
