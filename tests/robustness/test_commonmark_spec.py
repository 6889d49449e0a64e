"""Every example of the CommonMark 0.31.2 spec goes through `clean` and `lint`.

The spec's examples are the corner cases of markdown syntax, written by the
people who define it: whatever a newsletter holds, its syntax is in here. For
each example nlclean must not raise, must be idempotent, must add no word,
and, where it only normalises (no rule fires, or only rules whose fix keeps
the rendering), the cleaned text must render to the same HTML.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import nlclean
from nlclean.engine import INTERNAL_ERROR_CODE
from nlclean.guard import words
from promises import check_promises

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark-0.31.2.json").read_text(encoding="utf-8"))
RENDER = MarkdownIt("commonmark").render

# Rules whose fix must leave the rendered HTML as it was, up to entities and
# heading levels: entity decoding, `$` escaping, heading re-levelling, blank
# line runs, a trailing hard break at the end of a paragraph.
RENDER_PRESERVING = {"NL501", "NL502", "NL503", "NL601", "NL604"}
_HEADING_TAG = re.compile(r"<(/?)h[1-6]>")


def _same_page(rendered: str) -> str:
    return _HEADING_TAG.sub(r"<\1h>", html.unescape(rendered))


def test_the_whole_spec_is_here():
    assert len(SPEC) == 652
    assert [ex["example"] for ex in SPEC] == list(range(1, 653))


@pytest.mark.parametrize("example", SPEC, ids=lambda ex: f"example-{ex['example']}")
def test_spec_example_keeps_every_promise(example):
    source = example["markdown"]
    findings = nlclean.lint(source)
    assert not [f.message for f in findings if f.code == INTERNAL_ERROR_CODE]
    cleaned = nlclean.clean(source)
    assert nlclean.clean(cleaned) == cleaned, "not idempotent"
    assert not (words(cleaned) - words(source)), "new words"
    fired = {f.code for f in findings}
    if not fired:
        assert RENDER(cleaned) == RENDER(source)
    elif fired <= RENDER_PRESERVING:
        assert _same_page(RENDER(cleaned)) == _same_page(RENDER(source))


@pytest.mark.parametrize("options", [{"unsafe": True}, {"format": "text"}], ids=["unsafe", "text"])
def test_spec_examples_never_break_other_modes(options):
    for example in SPEC:
        source = example["markdown"]
        cleaned = nlclean.clean(source, **options)
        assert nlclean.clean(cleaned, **options) == cleaned, example["example"]
        assert not (words(cleaned) - words(source)), example["example"]


def test_spec_examples_keep_their_form_with_crlf_and_a_bom():
    for example in SPEC:
        source = example["markdown"]
        check_promises(source.replace("\n", "\r\n"))
        check_promises("\ufeff" + source)
