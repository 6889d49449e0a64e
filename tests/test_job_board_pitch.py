"""NL102's job-board pitch in a plain-text email: the line that sells the
board closes a section of listings, and only that line goes (the listings
are the newsletter's content)."""
import nlclean

PLAIN = """KILN JOBS WEEKLY
Issue 12

OPENINGS
Glaze technician, Ridge Pottery (Hereford)
Studio assistant, Clayworks (remote)
Post your opening to 4,200 ceramicists: https://kilnjobs.example.com/post

NEWS
Post your opening before Friday, the guild reminded its 40 members.
"""


def test_only_the_pitch_line_goes_in_plain_text():
    out = nlclean.clean(PLAIN, format="text", select=["NL102"])
    assert "Post your opening to 4,200" not in out
    assert "Glaze technician, Ridge Pottery (Hereford)" in out
    assert "Studio assistant, Clayworks (remote)" in out
    # A story's sentence: no audience in numbers after a word that addresses it.
    assert "the guild reminded its 40 members" in out
