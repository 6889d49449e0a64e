"""Inputs that once broke a promise, found by the spec suite, the linearity
benchmark or scripts/fuzz.py: each stays fixed."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import nlclean
from promises import check_promises

RENDER = MarkdownIt("commonmark").render


@pytest.mark.parametrize("text", [
    "&#87654321;\n",  # was decoded as `&#8765432` + `1;`: the new word "1"
    '<a href="<https://example.com/sp ace>">the</a>',  # `%20` wrote the word "20"
    "x <a href=\"a b\">t</a> and [t](<a b>) <b>x</b>",  # `<a b>` in a destination is not a tag
    "x<b>y</b>",  # tags removed at the edge of the stretch glued "xy"
    '<a href="https://example.com/a">the</a>the<a href="">the</a>the',  # an <a> without href glued its text
    '# <a href="">the</a>_the',  # `_` is a word character too
    '<a href="u">the</a>`the the`thethe<a href="u">the</a>',  # tag by tag around a code span
    "---\ntitle: x\n---\n**(Sponsored)**\n\nthe",  # front matter, then nothing left
    "0\r", "a\rb\r\r\rc\r",  # classic Mac line endings stay CR
])
def test_promises_hold(text):
    check_promises(text)
    check_promises(text, unsafe=True)


@pytest.mark.parametrize("text", [
    "foo&#10;&#10;bar\n",  # decoding made two paragraphs
    "&#9;foo\n",  # decoding made a code block
    "&nbsp; &amp; &copy;\n",  # a leading nbsp vanished from the paragraph
    "[a](url &quot;tit&quot;)\n",  # decoding made a link
    "[a]&#40;url)\n",  # decoding made a link
    "[foo]&#58; /url\n",  # decoding made a link reference definition
    "1&#46; foo\n",  # decoding made a list
    "# foo &#35;\n",  # decoding closed the heading
])
def test_entities_decode_without_changing_the_page(text):
    cleaned = nlclean.clean(text)
    assert RENDER(cleaned) == RENDER(text)
