"""The issue's date and byline on a header row, and where such a row is cut.

A header row sets the issue's date, its byline and the web-version link
side by side (`evidence/rows.py`); the date and byline words of every
language are data (`[dates]`, `[byline]`, `[sentences]`), one month list per
language. These tests drive the loaded data and the row cutter themselves;
the rules' behaviour is in the NL201 and NL204 fixtures
(`date_or_byline_beside_web_version`, `web_version_lead_in_goes_whole`).
"""
from __future__ import annotations

import pytest

from nlclean import markers
from nlclean.evidence.rows import is_lone_link, keep_emphasis_pairs, row_cuts

LOADED = markers.load()


@pytest.mark.parametrize("piece", [
    "Dienstag, 8. Dezember 2026", "3 déc. 2026", "mercoledì 9 dicembre", "2026 年 12 月 11 日", "2026년 3월 2일",
    "9 de dezembro de 2026", "Nov 28, 2026", "By Ines Calder", "von Greta Lindqvist", "par Odile Marchand",
    "di Piero Sartori", "作者：周明轩", "文：中村陽子",
])
def test_a_date_or_a_byline_in_the_data_languages(piece):
    assert LOADED.dateline_piece(piece) is not None


@pytest.mark.parametrize("piece", [
    "By opening our emails you agree to our cookie policy", "by the way", "Issue #42", "Daniel Achterberg",
    "Trouble viewing?", "December 8, 2026 was a long day for the council", "di più sul ponte. Leggi",
])
def test_other_pieces_are_neither(piece):
    assert LOADED.dateline_piece(piece) is None


def test_one_month_list_per_language():
    """Each language's months live in its own file: the English list holds no other language's."""
    english = set(markers._read_toml(
        (markers.resources.files("nlclean").joinpath("data") / "zones.toml").read_text(encoding="utf-8"), "zones.toml"
    )["dates"]["months"])
    assert not english & {"février", "dezember", "dicembre", "diciembre", "dezembro"}
    assert {"février", "dezember", "dicembre", "diciembre", "dezembro"} <= set(LOADED.data["dates"]["months"])


def test_ordinal_month_and_abbreviation_periods_end_no_sentence():
    text = "Am 8. Dezember 2026 erscheint Nr. 4, z. B. mit dem 3 déc. 2026. Danach nichts."
    inner = LOADED.inner_periods(text)
    assert {text.index("8.") + 1, text.index("Nr.") + 2, text.index("z.") + 1, text.index("B.") + 1,
            text.index("déc.") + 3} <= inner
    assert text.index("2026. Danach") + 4 not in inner  # a year's period still ends its sentence
    assert LOADED.inner_periods("See you in May. Bye") == set()


def test_a_row_keeps_its_date_and_cuts_at_separators():
    line = "**Dienstag, 8. Dezember 2026** · von Greta Lindqvist · [Im Browser ansehen](https://h.example/w)"
    cuts = row_cuts(line, lambda p: "Browser" in p, lambda p: LOADED.dateline_piece(p) is not None)
    kept = line[: cuts[0][0]] + line[cuts[0][1]:]
    assert kept == "**Dienstag, 8. Dezember 2026** · von Greta Lindqvist"


def test_a_row_with_nothing_that_stays_is_not_cut():
    line = "Trouble viewing? [View online](https://h.example/w) | [Add to address book](https://h.example/v)"
    assert row_cuts(line, lambda p: "View" in p, lambda p: LOADED.dateline_piece(p) is not None) == ()


def test_a_cut_keeps_the_partner_of_an_emphasis_mark_that_stays():
    line = "**Hallo. Wird diese E-Mail nicht korrekt angezeigt?** [Im Browser ansehen](https://h.example/w)"
    start = line.index(" Wird")
    spans = keep_emphasis_pairs(line, ((start, len(line)),))
    kept = line
    for a, b in reversed(spans):
        kept = kept[:a] + kept[b:]
    assert kept == "**Hallo.**"
    # A pair wholly inside the cut goes with it.
    assert keep_emphasis_pairs("Hi. **Unsubscribe** now", ((3, 23),)) == ((3, 23),)


def test_the_windowed_test_agrees_with_the_whole_text():
    """NL201 asks each sentence end alone (`ends_no_sentence`): the same periods as `inner_periods`."""
    text = "**Dienstag, 8. Dezember 2026** · x. Nr. 4 ja. z. B. See you in May. Bye 3 déc. 2026. Fin."
    periods = [i for i, ch in enumerate(text) if ch == "."]
    assert {i for i in periods if LOADED.ends_no_sentence(text, i)} == LOADED.inner_periods(text)


def test_a_link_whose_words_are_a_date_is_no_date_of_the_row():
    line = "[Unsubscribe](https://h.example/u/1) · [Dec 8 issue](https://h.example/archive/8)"
    stays = lambda p: LOADED.dateline_piece(p) is not None and not is_lone_link(p)  # noqa: E731
    assert row_cuts(line, lambda p: "Unsubscribe" in p, stays) == ()
