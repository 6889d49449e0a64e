"""`zones._filled_lines` finds the body's last prose line by reading from the
end and stopping there (issue 14: a whole-document question answered once,
without the visible words of every line). Shown equal to reading every line,
on the fuzz strategies and on texts whose prose sits anywhere."""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlclean.document import Document
from nlclean.evidence import zones
from nlclean.inline_syntax import visible_text_without_urls

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from newsletter_strategies import newsletters  # noqa: E402

CI = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _every_line(doc: Document) -> tuple[list[int], int]:
    """The definition: every body line read, the last prose one kept."""
    filled, last_prose = [], -1
    for i in range(doc.body_start, len(doc.lines)):
        text = doc.lines[i]
        if not text.strip():
            continue
        filled.append(i)
        if zones.words(visible_text_without_urls(text)) > zones.PROSE_WORDS:
            last_prose = i
    return filled, last_prose


@CI
@given(newsletters())
def test_the_last_prose_line_read_from_the_end_is_the_last_of_every_line(text):
    doc = Document(text)
    assert zones._filled_lines(doc) == _every_line(doc)


_LINE = st.one_of(
    st.just(""), st.just(" \t"), st.just("\u3000"), st.just("Best,"), st.just("[Unsubscribe](https://example.com/u)"),
    st.just("A sentence of prose long enough to count as the story's own words, which takes more than"
            " twenty-five of them, so here are a few more words to be sure of it, and then some."),
    st.just("Short prose [with a link](https://example.com/a) and **emphasis** that is not long enough."),
    st.just("---\ntitle: x\n---"),
)


@CI
@given(st.lists(_LINE, max_size=30))
def test_prose_anywhere_or_nowhere(lines):
    doc = Document("\n".join(lines))
    assert zones._filled_lines(doc) == _every_line(doc)


def test_the_last_of_several_prose_lines():
    prose = "Word " * 30
    doc = Document(f"{prose}\n\n{prose}\n\nBest,\n\nAda\n")
    assert zones._filled_lines(doc) == ([0, 2, 4, 6], 2)
