"""evidence/reader_polls.py: a reader poll behind a click tracker, known by what it asks or its title."""
from __future__ import annotations

import nlclean
from nlclean import markers as markers_module
from nlclean.document import Document
from nlclean.evidence.reader_polls import reader_polls

MARKERS = markers_module.load()
TRACKED = "https://t.example-mail.net/c/{}/q9"


def _row(*labels: str, sep: str = " · ") -> str:
    return sep.join(f"[{label}]({TRACKED.format(f'a{i}')})" for i, label in enumerate(labels))


def _polls(text: str):
    return reader_polls(Document(text), MARKERS)


def test_a_question_about_the_issue_over_tracked_answers_is_a_poll():
    text = f"Story line.\n\nHow was today's issue?\n{_row('Great', 'Fine', 'Poor')}\n\nBye.\n"
    (poll,) = _polls(text)
    assert (poll.start, poll.end, poll.answers) == (2, 4, 3)


def test_a_poll_title_takes_any_question_and_its_note():
    text = ("## Today's poll\n\n**Will the pier reopen by June?**\n\n"
            f"- [{'Yes'}]({TRACKED.format(1)})\n- [No, not this year]({TRACKED.format(2)})\n\n"
            "Votes close on Friday.\n\n## Next\n\nA story.\n")
    (poll,) = _polls(text)
    assert (poll.start, poll.note, poll.end) == (0, 7, 8)


def test_a_question_that_asks_the_newsletter_nothing_is_no_poll():
    assert _polls(f"What would you do with the depot?\n{_row('Houses', 'A park')}\n") == []
    assert _polls(f"What's in this week's issue?\n{_row('Bakery', 'Market', 'Depot')}\n") == []


def test_answers_to_different_hosts_or_long_labels_are_no_poll():
    mixed = "[The Herald](https://herald.example/r) · [The Courier](https://courier.example/r)"
    assert _polls(f"## Quick poll\n\nWhich review convinced you?\n{mixed}\n") == []
    long = _row("The council voted to close the pier for good", "No")
    assert _polls(f"## Quick poll\n\nWill it close?\n{long}\n") == []


def test_a_poll_title_over_a_story_is_no_poll():
    text = "## Poll watch\n\nWho leads the ward race?\n\nA survey of 600 residents puts them level.\n"
    assert _polls(text) == []


def test_the_poll_goes_only_with_unsafe_fixes():
    text = f"# Letter\n\nA story about the pier.\n\n## Reader poll\n\nShould the pier reopen?\n{_row('Yes', 'No')}\n"
    assert "Should the pier reopen?" in nlclean.clean(text)
    cleaned = nlclean.clean(text, unsafe=True)
    assert "Should the pier reopen?" not in cleaned and "A story about the pier." in cleaned
    assert nlclean.clean(cleaned, unsafe=True) == cleaned
