"""Over a long text each group of a phrase list runs its regex only around
the lines that hold its own anchor, and around the lines whose characters
fold irregularly (`PhraseSearch.finditer`, `_LineMap.windows_around`); NL204
tries its view-in-browser pattern on the lines that hold a phrase and on
those lines. The definition is the regexes over the whole text: the matches
must be the same, with `*` (a name over several lines, blank lines between),
upper case, odd whitespace and letters that fold irregularly ("ſ", "ς",
"İ") about. (Every whole newsletter of both corpora, with and without the
shortcuts: tests/test_line_search.py.)"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean import memo
from nlclean.document import Document
from nlclean.markers import PhraseSearch, _LineMap
from nlclean.settings import Settings

MARKERS = Settings().markers()
FILLER = "x y\n"  # repeated: the text is past the length a phrase list keeps per text


def full_scan(search: PhraseSearch, text: str) -> list[tuple[int, int]]:
    search._forget_large()
    found = sorted((m for regex in search._find_candidates(text) for m in regex.finditer(text)), key=lambda m: m.start())
    return [m.span() for m in found]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="absikAB ſıİK\u212aςΣ.\n\t\x85\x1c", max_size=40), min_size=1, max_size=8),
       st.lists(st.text(alphabet="absikAB *ſς.", min_size=1, max_size=7).filter(lambda p: p.replace("*", "").strip()),
                min_size=1, max_size=5),
       st.integers(0, 1000))
def test_each_group_around_its_anchor_is_the_whole_text_scan(pieces, phrases, filler):
    """Phrases with `*` (one to five words, which may stand on lines of
    their own with blank lines between), pieces with blank lines, tabs and
    line-like whitespace, upper case and letters that a regex reads as others ("ſ" as "s", "ı" as
    "i", the Kelvin sign as "k"): the windowed
    scan finds the matches of the whole-text scan, in the same order."""
    search = PhraseSearch(phrases)
    text = (FILLER * (filler % 700 + 520)).join(pieces)
    quick = [m.span() for m in search.finditer(text)]
    assert quick == full_scan(search, text)


def test_a_name_over_blank_lines_and_a_leading_name():
    """The longest match a `*` allows: a name of five words, each on its own
    line with blank and whitespace-only lines between, before and after the
    anchor; and a phrase that opens with `*` (its match may start in the
    whitespace after a line's last word); and a "ſponſored by" that holds
    no anchor lower-cased, found on its line of irregular letters."""
    search = PhraseSearch(["sponsored by *", "* is hiring", "brought to you by * and *"])
    assert search._matches_near_anchors
    name = "\n\n \t\nAcme\n\nWidgets\n \nand\n\nSons\n\nLtd"
    text = FILLER * 600 + "Σ sigma line\n" + FILLER * 3 + f"Sponsored by{name}\n" + FILLER * 5 \
        + "tail   \n\n  \nBig\nCo\n\nis hiring\n" + FILLER * 4 + f"BROUGHT TO YOU BY{name} and{name}\n" + FILLER * 600 \
        + "ſponſored by Zed\n" + FILLER * 30
    quick = [m.span() for m in search.finditer(text)]
    assert len(quick) == 4
    assert quick == full_scan(search, text)


def test_a_rare_anchor_is_looked_for_near_its_lines_alone():
    """The point of the windows: over a long text a group whose anchor
    stands on two lines runs over a few lines, not the whole text, even with
    a Greek sigma (which folds irregularly) on another line."""
    text = FILLER * 20_000 + "Sponsored by Acme\n" + "ς\n" + FILLER * 20_000 + "sponsored by Beta\n"
    lines = _LineMap.of(text)
    windows = lines.windows_around(text, "sponsored by", 6)
    assert sum(b - a for a, b in windows) < 200
    assert len(windows) == 2


VIEW_LINES = [
    "View this email in your browser",
    "View thiſ email in your browser",
    "Vıew this email in your browser",
    "Vıew ın browſer",
    "ΣΊΓΜΑ: view this email in your browser",
    "A story with nothing to view.",
]


@pytest.mark.parametrize("line", VIEW_LINES)
@pytest.mark.parametrize("elsewhere", ["Σοφία writes from Athens.", "İstanbul edition.", "Plain words."])
def test_view_in_browser_lines_of_a_long_text_with_odd_letters_elsewhere(line, elsewhere, monkeypatch):
    """NL204's view-in-browser lines of a long newsletter where another line
    holds a letter that folds irregularly (or lower-cases to two): the lines
    of the pattern searched over the whole text."""
    from nlclean.rules.read_in_app import _view_lines

    text = "# A title\n\n" + "A story about a browser and an email.\n\n" * 400 + f"{elsewhere}\n\n{line}\n\nMore text.\n"
    doc = Document(text, "markdown")
    shortcut = _view_lines(doc, MARKERS)
    monkeypatch.setattr(memo, "SHORTCUTS", False)
    assert shortcut == _view_lines(doc, MARKERS)
