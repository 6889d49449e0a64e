"""`visible_text` drops markup in two passes (line-start markers, then inline
markup) for speed; its definition is one alternation over the text. The two
must agree on any text: markup-heavy random text, the fuzz strategies, and
every prose block of both corpora when ../shared is there."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlclean.document import Document
from nlclean.inline_syntax import visible_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from corpora import corpus_texts  # noqa: E402
from newsletter_strategies import newsletters  # noqa: E402


# The definition: link targets and tags become a space, then one alternation drops the rest.
_LINK_DEST = re.compile(r"\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_TAGS = re.compile(r"</?[A-Za-z][^<>]*>")
# A reference link's label ("[View in browser][1]") is no visible text either.
_REFERENCE_LABEL = re.compile(r"\]\[[^\[\]\n]{1,40}\]")
_MARKUP = re.compile(r"!\[|[\[\]*`~]|(?<!\w)_+|_+(?!\w)|^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d{1,9}[.)]\s+)", re.M)


def visible_by_definition(s: str) -> str:
    if "](" in s:
        s = _LINK_DEST.sub("] ", s)
    if "][" in s:
        s = _REFERENCE_LABEL.sub("] ", s)
    if "<" in s:
        s = _TAGS.sub(" ", s)
    return _MARKUP.sub("", s).strip()


def test_a_reference_links_label_is_not_seen():
    # Left in, the label glued onto the link's last word and hid "view this
    # email in your browser" from every phrase list.
    assert visible_text.__wrapped__("[View this email in your browser][1]") == "View this email in your browser"
    assert visible_text.__wrapped__("[Facebook][15] | [Instagram][16]") == "Facebook  | Instagram"


MARKUP_TEXT = st.text(alphabet=st.sampled_from(list("ab1 \t\n_*[]()!`~#>-+.)<é9") + ["\u00a0", "\u2003"]), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(MARKUP_TEXT)
def test_markup_heavy_text(text):
    assert visible_text.__wrapped__(text) == visible_by_definition(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newsletters())
def test_fuzzed_newsletters(text):
    doc = Document(text)
    for block in doc.all_blocks:
        source = doc.source(block)
        assert visible_text.__wrapped__(source) == visible_by_definition(source)


@pytest.mark.parametrize("folder", ["dev", "bulk"])
def test_corpus_blocks(folder):
    for path, text, fmt in corpus_texts(folder):
        doc = Document(text, fmt)
        for block in doc.all_blocks:
            source = doc.source(block)
            assert visible_text.__wrapped__(source) == visible_by_definition(source), path.name
