"""Layouts the rules could not read (issue 11, kind 5): a whole email flattened
into one paragraph, prose a converter indented into a code block.

The fixtures in tests/fixtures/layout are written for these tests; the
newsletters, products and addresses in them are invented.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nlclean
from nlclean.document import Document
from nlclean.evidence.layout import present, unit_breaks
from nlclean.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "layout"
STORIES = (
    "TIDEWATCH WEEKLY Tuesday, March 3, 2026 Hello again.",
    "THE NEW PIER OPENS IN ARDMORE After four years of delays,",
    "The harbour board says it can take ships twice the old size. Full story ( https://coastnews.example.ie/ardmore-pier )",
    "A QUIETER FERRY The island ferry now runs on batteries",
    "Full story ( https://coastnews.example.ie/quiet-ferry )",
    "Tidewatch Media, 14 Quay Road, Cobh, Co. Cork, Ireland",
)
NOISE = ("Read this issue on the web", "Saltbox", "Mastodon", "Bluesky", "You are receiving", "Unsubscribe",
         "preferences")


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean", *args], input=stdin, capture_output=True, text=True)


# --- a whole email on one line ----------------------------------------------------

def test_a_flattened_email_loses_its_noise_units_and_keeps_its_stories_on_one_line():
    text = (FIXTURES / "flattened_email.md").read_text()
    result = _cli("fix", "--unsafe-fixes", "--stdin-filename", "flat.md", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for story in STORIES:
        assert story in out
    for noise in NOISE:
        assert noise not in out
    # The layout is the input's: no line break was written into it.
    assert out.count("\n") == text.count("\n")
    assert _cli("fix", "--unsafe-fixes", "--stdin-filename", "flat.md", "-", stdin=out).stdout == out


def test_a_flattened_plain_text_email_is_read_unit_by_unit_too():
    text = (FIXTURES / "flattened_email.md").read_text()
    out = nlclean.clean(text, format="text", unsafe=True)
    assert "Saltbox" not in out and "You are receiving" not in out
    assert all(story in out for story in STORIES)


def test_a_flattened_email_wrapped_again_at_76_columns_loses_sentences_not_lines():
    import textwrap

    text = "\n".join(textwrap.wrap((FIXTURES / "flattened_email.md").read_text(), 76, break_on_hyphens=False, break_long_words=False)) + "\n"
    assert max(len(line) for line in text.splitlines()) < 100  # only a long URL overruns
    out = nlclean.clean(text, unsafe=True)
    words = " ".join(out.split())
    for story in STORIES:
        assert story in words
    assert "Saltbox" not in words and "You are receiving" not in words and "Mastodon" not in words


def test_findings_on_a_flattened_line_cut_the_unit_and_the_separator_after_it():
    text = (FIXTURES / "flattened_email.md").read_text()
    findings = {f.code + " " + text[f.start : f.start + 20]: f for f in nlclean.lint(text)}
    footer = findings["NL201 Update your preferen"]
    assert (footer.start_pos.line, footer.start_pos.column) == (1, text.index("Update your preferences") + 1)
    ad = next(f for f in nlclean.lint(text) if f.code == "NL101")
    (edit,) = ad.fix.edits
    # From the label to the next unit: the ad's call to action and the space after it.
    assert text[edit.start : edit.end].startswith("Sponsored by Saltbox")
    assert text[edit.end :].startswith("THE NEW PIER OPENS")


def test_a_one_paragraph_email_that_is_all_story_keeps_every_word():
    text = (FIXTURES / "flattened_story.md").read_text()
    assert nlclean.clean(text, unsafe=True) == text
    assert present(Document(text), Settings().markers()) is None


def test_a_story_about_an_ad_deal_inside_a_flattened_email_keeps_its_sentences():
    story = (
        " THE SHELTER DEAL The council sold advertising space on forty bus shelters to a media firm. "
        "Sponsored content will appear on the screens from May. Presented by the harbour council, "
        "the plan pays for new roofs. Full story ( https://coastnews.example.ie/shelters ) "
    )
    text = (FIXTURES / "flattened_email.md").read_text().replace(" Follow us on Mastodon", story + "Follow us on Mastodon")
    out = nlclean.clean(text, unsafe=True)
    assert story.strip() in out
    assert "Saltbox" not in out and "Mastodon" not in out


def test_unit_breaks_by_shape():
    markers = Settings().markers()
    source = (
        "Open in browser ( https://n.example/web ) TOP STORIES OF THE DAY The vote passed. "
        "Presented by Kettleco Kettleco boils water fast. Poll: tea or coffee? Tea ( https://n.example/p?a=1 ) "
        "Coffee ( https://n.example/p?a=2 ) and more ( https://n.example/m ) Unsubscribe | Preferences"
    )
    reasons = [(b.reason, source[b.end : b.end + 12]) for b in unit_breaks(source, markers)]
    assert reasons == [
        ("before a headline in capitals", "TOP STORIES "),
        ("after a headline in capitals", "The vote pas"),
        ("before a sponsor label", "Presented by"),
        ("before an answer link", "Tea ( https:"),
        ("after a link", "Coffee ( htt"),
        ("after a link", "Unsubscribe "),  # "and more ( … )" continues the unit before it
        ("separator", "Preferences"),
    ]


def test_a_bare_address_in_parentheses_ends_its_unit_after_what_closes_it():
    # "(Link: https://…)" and "(https://…)." are written words: the unit ends after
    # the parenthesis or the stop, not inside them.
    source = (
        "The ferry now runs on batteries. (Link: https://coastnews.example.ie/ferry) "
        "Next week the pier opens. Manage preferences (https://n.example/prefs?k=1). "
        "Harbour Media, 14 Quay Road"
    )
    after = [source[b.end : b.end + 10] for b in unit_breaks(source) if b.reason == "after a URL"]
    assert after == ["Next week ", "Harbour Me"]


def test_capitals_inside_a_sentence_are_no_headline():
    source = "The committee said the NATO AND EU TALKS would resume, and the vote ( https://v.example ) passed."
    assert unit_breaks(source) == []


def test_a_break_never_opens_markdown_a_unit_did_not_open():
    source = "x" * 300 + " ( https://a.example/1 ) 1. First item ( https://a.example/2 ) 2. Second item ( https://a.example/3 ) Next ( https://a.example/4 ) Last."
    view = present(Document(source), Settings().markers())
    assert view is None or all(b.kind == "paragraph" for b in view.doc.blocks)


# --- prose indented into a code block ---------------------------------------------

def test_indented_prose_with_thematic_breaks_is_read_as_prose_and_kept_as_written():
    text = (FIXTURES / "indented_prose.md").read_text()
    out = nlclean.clean(text, unsafe=True)
    assert "Pennywell" not in out and "You are receiving" not in out and "Unsubscribe" not in out
    story = text[text.index("    For a year") : text.index("I was sure.") + len("I was sure.")]
    assert story in out  # indentation and `$` as written: it still renders as code
    assert out.startswith("# Ledger of Small Things")


def test_a_real_indented_code_sample_stays_untouched():
    text = (FIXTURES / "indented_code.md").read_text()
    doc = Document(text)
    assert [b.kind for b in doc.blocks].count("code_block") == 1
    assert nlclean.clean(text, unsafe=True) == text


def test_presented_offsets_map_back_and_edits_on_the_presentations_blank_lines_are_dropped():
    from nlclean.findings import Edit, Finding, Fix, Position, Severity

    text = (FIXTURES / "flattened_email.md").read_text()
    view = present(Document(text), Settings().markers())
    assert view is not None
    shown = view.doc.text
    unit = shown.index("THE NEW PIER OPENS")
    assert shown[unit - 2 : unit] == "\n\n"  # the break before the headline is a blank line
    assert view.to_source(unit) == text.index("THE NEW PIER OPENS")
    assert view.to_source(unit - 2) == text.index("THE NEW PIER OPENS") - 1  # the break starts at the space
    assert view.inside_break(unit - 1) and not view.inside_break(unit) and not view.inside_break(unit - 2)

    def finding(start: int, end: int) -> Finding:
        pos = Position(1, 1)
        fix = Fix("tidy", (Edit(start, end, ""),))
        return Finding("NL601", "blank-lines", "m", start, end, pos, pos, Severity.WARNING, fix)

    assert view.finding_in_source(finding(unit - 1, unit)) is None  # a blank line only the presentation has
    moved = view.finding_in_source(finding(unit, unit + 3))
    assert text[moved.fix.edits[0].start : moved.fix.edits[0].end] == "THE"


# --- the presented view parses only the flattened paragraphs again (issue 14) --------

def _tree(doc: Document) -> list[tuple]:
    """Every block with its place in the tree, in document order."""
    index = {id(b): i for i, b in enumerate(doc.all_blocks)}
    return [[index[id(b)] for b in doc.blocks], doc.indented_prose] + [
        (b.kind, b.start, b.end, b.depth, b.level, b.markup, b.indented,
         index[id(b.parent)] if b.parent is not None else None, [index[id(c)] for c in b.children])
        for b in doc.all_blocks
    ]


def _among_other_blocks(flattened: str) -> str:
    """The flattened email between blocks of every kind, so that blocks stand before and after its windows."""
    around = ("# A heading\n\nA story paragraph\nwrapped on two lines.\n\n- an item\n- another\n\n"
              "> a quote\n\n```\ncode\n```\n\n    indented code sample();\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
    return around + flattened.rstrip("\n") + "\n\n" + around + flattened + "\n" + around


def test_the_presented_view_is_parsed_only_around_the_flattened_paragraphs_and_as_a_full_parse():
    import textwrap

    flat = (FIXTURES / "flattened_email.md").read_text()
    wrapped = "\n".join(textwrap.wrap(flat, 76)) + "\n"
    markers = Settings().markers()
    for text in (flat, _among_other_blocks(flat), _among_other_blocks(wrapped), "---\ntitle: x\n---\n" + flat):
        view = present(Document(text), markers)
        assert view is not None
        assert view.doc.reused  # not a second parse of the whole newsletter
        assert _tree(view.doc) == _tree(Document(view.doc.text, "markdown", view.doc.front_matter_end_line))


def test_a_presented_view_of_any_newsletter_around_a_flattened_email_is_a_full_parse():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
    from newsletter_strategies import newsletters

    flat = (FIXTURES / "flattened_email.md").read_text()
    markers = Settings().markers()

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(newsletters(), newsletters(), st.sampled_from(["\n", "\n\n", "\n\n\n", ""]))
    def check(before: str, after: str, gap: str) -> None:
        text = before + gap + flat + gap + after
        view = present(Document(text), markers)
        if view is not None:
            assert _tree(view.doc) == _tree(Document(view.doc.text, "markdown", view.doc.front_matter_end_line))

    check()


def test_a_removal_of_whole_lines_that_ends_on_a_breaks_blank_line_takes_the_unit_up_to_the_next():
    from nlclean.findings import Edit, Finding, Fix, Position, Severity

    text = (FIXTURES / "flattened_email.md").read_text()
    view = present(Document(text), Settings().markers())
    shown = view.doc.text
    unit = shown.index("THE NEW PIER OPENS")
    before = shown.rfind("\n", 0, unit - 2) + 1  # the unit before it, a line of the presentation
    pos = Position(1, 1)
    # The lines' removal as a rule writes it: the line and its line end, which is half the break.
    fix = Fix("remove", (Edit(before, unit - 1, ""),))
    moved = view.finding_in_source(Finding("NL201", "footer", "m", before, unit - 1, pos, pos, Severity.WARNING, fix))
    assert moved is not None
    edit = moved.fix.edits[0]
    assert edit.start == view.to_source(before) and edit.end == text.index("THE NEW PIER OPENS")
