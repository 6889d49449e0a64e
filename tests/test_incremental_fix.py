"""The fixer's later rounds parse only windows around the edits
(nlclean/reparse.py): the block tree they get must be the one a full parse
gives, and a fix must come out the same, findings left included, as when
every round parses in full. Checked on the fuzz strategies, on random edits
of them, and on every file of both corpora when ../shared is there."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlclean import reparse
from nlclean.document import Document
from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.findings import Edit
from nlclean.fixer import apply_edits, fix_text
from nlclean.settings import Settings
from nlclean.text_form import TextForm

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from newsletter_strategies import block, newsletters  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAFE, UNSAFE = Settings(), Settings().with_overrides(unsafe_fixes=True)
CI = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tree(doc: Document) -> list[tuple]:
    """Every block with its place in the tree, in document order."""
    index = {id(b): i for i, b in enumerate(doc.all_blocks)}
    top = [index[id(b)] for b in doc.blocks]
    return [top, doc.indented_prose] + [
        (b.kind, b.start, b.end, b.depth, b.level, b.markup, b.indented,
         index[id(b.parent)] if b.parent is not None else None, [index[id(c)] for c in b.children])
        for b in doc.all_blocks
    ]


def same_fix(text: str, fmt: str = "markdown", settings_list=(SAFE, UNSAFE)) -> None:
    """Windows or full parses: same text, same fixes, same findings left, and each
    windowed round's tree is the full parse's."""
    for s in settings_list:
        docs: list[Document] = []
        windowed = fix_text(text, s, fmt, on_round=lambda doc, chosen: docs.append(doc))
        full = fix_text(text, s, fmt, reparse_windows=False)
        assert windowed.text == full.text
        assert windowed.rounds == full.rounds
        assert [(f.code, f.start, f.end, f.message) for f in windowed.applied] == \
               [(f.code, f.start, f.end, f.message) for f in full.applied]
        assert windowed.remaining == full.remaining
        for doc in docs:
            assert tree(doc) == tree(Document(doc.text, fmt, doc.front_matter_end_line))


def test_the_windows_are_in_use():
    """A new attribute of Document or Block switches the windows off (the module
    does not know how to rebuild it): this says so, rather than fix slowing down unseen."""
    assert reparse.SUPPORTED, "reparse.py does not know Document's or Block's new state: teach it, or every round parses in full"
    text = "# Title\n\nOne &amp; two.\n\n" + "".join(f"Paragraph {i} of prose.\n\n" for i in range(40))
    doc = Document(text)
    edits = [Edit(text.index("&amp;"), text.index("&amp;") + 5, "&")]
    again = reparse.ReparsedDocument(apply_edits(text, edits), doc, edits)
    assert again.reused
    assert tree(again) == tree(Document(again.text))


@CI
@given(newsletters())
def test_a_fix_is_the_same_with_windows(text):
    same_fix(text)


# What an edit may write at the start of a line: markup that opens, closes or
# continues a block (the lines around it then parse differently).
_LINE_MARKUP = ["", "# ", "- ", "1. ", "> ", "```\n", "```", "    ", "===\n", "---\n", "| a | b |\n|---|---|\n",
                "<div>\n", "\n", "x\n", "  "]


@st.composite
def edited(draw):
    """A long newsletter (a few generated ones in a row, so that the windows are
    a small part of it) and edits at the starts of its lines: markup written
    there, the line's first characters or the whole line (blank ones too) taken
    away, or a range of text replaced by a block."""
    text = "\n".join(draw(st.lists(newsletters(), min_size=1, max_size=4)))
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text)]
    edits: dict[int, Edit] = {}
    for _ in range(draw(st.integers(1, 6))):
        line = draw(st.integers(0, len(starts) - 1))
        a = starts[line]
        line_end = text.find("\n", a)
        line_end = len(text) if line_end == -1 else line_end
        kind = draw(st.sampled_from(["write", "cut", "drop", "block"]))
        if kind == "write":
            edit = Edit(a, a, draw(st.sampled_from(_LINE_MARKUP)))
        elif kind == "cut":
            edit = Edit(a, min(line_end, a + draw(st.integers(1, 4))))
        elif kind == "drop":
            edit = Edit(a, min(len(text), line_end + 1))
        else:
            end = draw(st.integers(a, min(len(text), a + 200)))
            edit = Edit(a, end, draw(block() | st.sampled_from(_LINE_MARKUP)))
        edits[a] = edit
    chosen, last_end = [], -1
    for a in sorted(edits):  # the fixer's edits never overlap nor meet at a point
        if a > last_end:
            chosen.append(edits[a])
            last_end = edits[a].end
    return text, chosen


@CI
@given(edited())
def test_windows_parse_as_a_full_parse_after_any_edit(case):
    text, edits = case
    doc = Document(text)
    new_text = apply_edits(text, edits)
    again = reparse.ReparsedDocument(new_text, doc, edits)
    assert tree(again) == tree(Document(new_text, "markdown", doc.front_matter_end_line))


_PAD = "".join(f"Paragraph {i} of the story.\n\n" for i in range(6))


def _at(text: str, needle: str, cut: int, replacement: str = "") -> tuple[str, list[Edit]]:
    i = text.index(needle)
    return text, [Edit(i, i + cut, replacement)]


# Edits whose effect reaches past their own lines: a window one line too
# narrow gets each of them wrong (MARGIN = 1 fails the first).
NEAR_EDITS = {
    "a table's delimiter row goes: the paragraph above takes its header": _at(
        _PAD + "text\n| a |\n|---|\n\n" + _PAD, "|---|", 5, "more"),
    "a heading's marker goes: the line joins the paragraph above": _at(_PAD + "text\n# Head\n\n" + _PAD, "# Head", 2),
    "a line indented under a list item joins the item": _at(_PAD + "- item\n\n  more\n\nnext\n\n" + _PAD, "next", 0, "  "),
    "a fence's closer goes: the fence runs to the end": _at(_PAD + "```\ncode\n```\n\n" + _PAD, "```\n\n", 3),
    "a blank line becomes an underline: a setext heading": _at(_PAD + "para\nline\n\n" + _PAD, "\n\nParagraph 0", 2, "\n===\n"),
    # Indented prose is parsed on its own: its blocks are not where the parser stood.
    "a line of indented prose becomes code": _at(
        _PAD + "    One sentence of a story that a converter indented.\n\n    Another sentence of the same story here.\n\n"
        + "    A third sentence of the story, indented too.\n\n" + _PAD, "    Another", 0, "    x = f(y);\n"),
    "indented prose loses its indentation": _at(
        _PAD + "    One sentence of a story that a converter indented.\n\n    Another sentence of the same story here.\n\n"
        + "    A third sentence of the story, indented too.\n\n" + _PAD, "    A third", 4),
    # Only the first line is a sentence: parsed from a later line, the rest would be code.
    "indented prose whose one sentence is its first line": _at(
        _PAD + "    One sentence of a story that a converter indented.\n\n"
        + "".join(f"    words {n}\n\n" for n in ("two", "three", "four", "five", "six")) + _PAD, "six", 3, "seven"),
}


@pytest.mark.parametrize("name", NEAR_EDITS)
def test_edits_whose_effect_reaches_past_their_lines(name):
    text, edits = NEAR_EDITS[name]
    new_text = apply_edits(text, edits)
    again = reparse.ReparsedDocument(new_text, Document(text), edits)
    assert tree(again) == tree(Document(new_text))


def families(folder: str) -> list[Path]:
    root = CORPUS / folder
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="no ../shared corpus")
@pytest.mark.parametrize("family", families("bulk") + families("dev"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_fixes_are_the_same_with_windows(family):
    files = [p for p in sorted(family.rglob("*")) if p.is_file() and p.suffix.lower() in NEWSLETTER_SUFFIXES]
    for path in files:
        text = TextForm.of(path.read_bytes().decode("utf-8", errors="replace")).normalized
        # Unsafe fixes make the most edits; the dev items are checked both ways.
        same_fix(text, format_for(path), (SAFE, UNSAFE) if family.parent.name == "dev" else (UNSAFE,))
