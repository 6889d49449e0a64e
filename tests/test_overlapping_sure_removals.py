"""A sure removal that another rule's removal overlaps goes with the part
that is left (fixer._TakenEdits.remainder): it used to wait for the next
round, where it was not always found again (its evidence was in the part
that went), and the sure noise between the two stayed in both modes."""
from __future__ import annotations

from nlclean.findings import Applicability, Edit, Finding, Fix, Position, Severity
from nlclean.document import Document
from nlclean.fixer import apply_edits, fix_text, select_fixes
from nlclean.settings import Settings

# An invented issue: a web-version link, then an ad whose links go through an
# ad server (NL101, sure), a footer's follow row and text-alert ask, and an
# unsubscribe line. NL201's footer zone runs from the web-version link to the
# end and takes the ad lines too; NL101 comes first and takes the ad, and NL201
# takes the unsubscribe line on its own. Without its top and bottom the zone
# had no evidence left the next round, and the follow row stayed.
STORY = (
    "# The Reading Room\n\n"
    "This week we read three new novels and one memoir about a lighthouse keeper.\n\n"
    "The memoir is slow but rewarding; the novels are quick, and two of them are set at sea.\n\n"
    "The first novel follows a ferry pilot who keeps a notebook of every crossing.\n\n"
    "The second is a comedy about a harbour choir that loses its conductor in a storm.\n\n"
    "The third is the quietest: a family repairs a boat over one long winter.\n\n"
    "Next week we turn to essays, starting with a short collection about rivers.\n"
)
FOOTER = (
    "\n[View in browser](https://readingroom.example/web/1)\n\n"
    "[Lantern Press](https://ad.doubleclick.net/ddm/clk/5501;77;x?https://lanternpress.example/tide)\n"
    "[THE TIDE CLOCK](https://ad.doubleclick.net/ddm/clk/5501;77;x?https://lanternpress.example/tide)\n\n"
    "[Mastodon](https://social.example/@readingroom) [Instagram](https://instagram.com/readingroom)\n"
    "[Get text alerts for offers](https://readingroom.example/sms-signup)\n\n"
    "No longer want these emails?\n"
    "[Unsubscribe](https://readingroom.example/unsubscribe?u=1)\n"
)


def test_footer_zone_overlapped_by_an_ad_goes_in_both_modes():
    for unsafe in (False, True):
        settings = Settings(unsafe_fixes=unsafe)
        out = fix_text(STORY + FOOTER, settings).text
        assert out == STORY
        assert fix_text(out, settings).text == out  # idempotent


def _doc_and_lines(n: int) -> tuple[Document, list[int]]:
    text = "".join(f"line number {i} of the test\n" for i in range(n))
    doc = Document(text)
    return doc, [doc.offset(i) for i in range(n)] + [len(text)]


def _removal(code: str, start: int, end: int, safe: bool = True) -> Finding:
    pos = Position(1, 1)
    fix = Fix("remove", (Edit(start, end),), Applicability.SAFE if safe else Applicability.UNSAFE)
    return Finding(code, "test", "m", start, end, pos, pos, Severity.WARNING, fix)


def test_the_rest_of_an_overlapped_sure_removal_is_chosen():
    doc, at = _doc_and_lines(8)
    ad = _removal("NL101", at[1], at[4])  # lines 1-3
    zone = _removal("NL201", at[2], at[6])  # lines 2-5: overlaps the ad
    chosen = select_fixes([zone, ad], unsafe=False, doc=doc)
    assert [f.code for f in chosen] == ["NL101", "NL201"]
    assert chosen[1].fix.edits == (Edit(at[4], at[6]),)  # only what the ad leaves
    out = apply_edits(doc.text, [e for f in chosen for e in f.fix.edits])
    assert out == doc.lines[0] + "\n" + "".join(line + "\n" for line in doc.lines[6:8])


def test_an_overlapped_judgement_or_a_partial_line_overlap_still_waits():
    doc, at = _doc_and_lines(8)
    ad = _removal("NL101", at[1], at[4])
    judged = _removal("NL201", at[2], at[6], safe=False)
    assert [f.code for f in select_fixes([judged, ad], unsafe=True, doc=doc)] == ["NL101"]
    inside_a_line = _removal("NL101", at[2] + 5, at[2] + 11)  # words inside line 2
    zone = _removal("NL201", at[2], at[6])
    assert [f.code for f in select_fixes([zone, inside_a_line], unsafe=False, doc=doc)] == ["NL101"]
