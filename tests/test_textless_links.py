"""Links with no text at an email's end (NL203) and top (NL205): icons and
logos whose images the converter dropped. Evidence in
`evidence/textless_links.py`; every fixture is invented."""
import nlclean
from nlclean.evidence.textless_links import icon_target, _EmailHosts
from nlclean.document import Document
from nlclean.markers import load

TRACK = "http://r.mail.millbrook.example/mk/cl/f/sh"
STORY = (
    "# Millbrook Notes\n\nThe weir repairs finished a week early, and the [town report]"
    f"({TRACK}/1aa111/Rep0rt11) thanks the volunteers who [cleared the banks]({TRACK}/2bb222/Bank22x).\n\n"
)


def _clean(text: str, unsafe: bool = False) -> str:
    return nlclean.clean(text, unsafe=unsafe, select=["NL203", "NL205", "NL6"])


def test_a_row_of_tracker_icons_at_the_end_goes_and_its_labels_stay():
    text = STORY + (
        "*Millbrook /*\n\n"
        f"( {TRACK}/3cc333/Ic0nOne1 )\n\n"
        f"( {TRACK}/4dd444/Ic0nTwo2 )\n\n"
        "© 2026 Millbrook Notes\n"
    )
    out = _clean(text)
    assert "Ic0nOne1" not in out and "Ic0nTwo2" not in out
    assert "*Millbrook /*" in out and "© 2026 Millbrook Notes" in out
    assert "cleared the banks" in out


def test_one_text_less_link_at_the_end_is_no_row():
    text = STORY + f"( {TRACK}/3cc333/Ic0nOne1 )\n\n© 2026 Millbrook Notes\n"
    assert _clean(text) == text


def test_a_notice_between_two_links_breaks_the_row():
    # The thumbnail of a related post above the address, a badge below it.
    text = STORY + (
        f"{TRACK}/3cc333/Thumb111\n\n"
        "Millbrook Notes, 4 Weir Lane, Millbrook MB1 2CD\n\n"
        f"{TRACK}/4dd444/Badge222\n"
    )
    out = _clean(text)
    assert "Thumb111" in out


def test_links_a_story_announces_with_a_colon_stay():
    text = STORY + "The two maps we used are here:\n\n" + f"( {TRACK}/3cc333/Map0ne11 )\n\n( {TRACK}/4dd444/MapTwo22 )\n"
    assert _clean(text) == text


def test_a_logo_at_the_top_goes_and_a_link_that_names_a_page_stays():
    body = STORY.split("\n\n", 1)[1].rstrip("\n") + (
        " The council meets again on Thursday to decide who pays for the new sluice gate and the footpath.\n")
    text = "# Millbrook Notes\n\n---\n\n" + f"( {TRACK}/0zz000/L0go0000 )\n\n" + body
    assert "L0go0000" not in _clean(text)
    page = "# Millbrook Notes\n\n---\n\nhttps://millbrook.example/weir-report\n\n" + body
    assert _clean(page) == page
    # A short email (no paragraph of prose) keeps its links: they are its point.
    short = "# Millbrook Notes\n\n---\n\n" + f"( {TRACK}/0zz000/L0go0000 )\n\n" + STORY.split("\n\n", 1)[1].rstrip("\n") + "\n"
    assert _clean(short) == short


def _doc(text):
    return Document(text)


def test_icon_target_reads_ids_only_on_the_emails_own_hosts():
    markers = load()
    doc = _doc(STORY + f"( {TRACK}/3cc333/Ic0nOne1 )\n\nhttps://youtu.be/W3irR3pair\n")
    hosts = _EmailHosts(doc)
    assert icon_target(markers, f"{TRACK}/3cc333/Ic0nOne1", hosts) is not None
    assert icon_target(markers, "https://youtu.be/W3irR3pair", hosts) is None  # a video: one link of its host
    assert icon_target(markers, f"{TRACK}/download", hosts) is None  # a page name
    assert icon_target(markers, "https://www.instagram.com/millbrooknotes/", hosts) is not None  # a profile
