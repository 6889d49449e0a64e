"""evidence/publisher: whose sites are the newsletter's own. A signup page
reached through the click tracker may be a sponsor's (any company has one),
so only a signup page the newsletter links directly counts; its
unsubscribe page counts however it is reached."""
import base64

from nlclean import markers
from nlclean.document import Document
from nlclean.evidence.publisher import newsletter_names, publisher_domains


def _tracked(url: str) -> str:
    return "https://click.sendhub.example.net/c/" + base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")


def _domains(text: str) -> frozenset:
    return publisher_domains(Document(text, "markdown"), markers.load())


def test_a_sponsors_signup_behind_the_tracker_is_not_the_publishers():
    text = (
        "# Kettle Notes\n\nA story about tea.\n\n"
        f"**Sponsored.** Brewly makes tea timers. [Try Brewly free]({_tracked('https://brewly.example.com/signup')})\n"
    )
    assert "brewly" not in _domains(text)


def test_the_newsletters_own_signup_linked_directly_is_its_own():
    text = "# Kettle Notes\n\nA story about tea.\n\n[Subscribe](https://kettlenotes.example.org/subscribe)\n"
    assert "kettlenotes" in _domains(text)


def test_an_unsubscribe_page_behind_the_tracker_still_names_the_publisher():
    text = f"# Kettle Notes\n\nA story.\n\n[Unsubscribe]({_tracked('https://kettlenotes.example.org/unsubscribe?u=1')})\n"
    assert "kettlenotes" in _domains(text)


def test_masthead_alt_text_and_short_title_name_the_newsletter():
    masthead = "[![Kettle Notes](https://kettlenotes.example.org/masthead.png)](https://kettlenotes.example.org/)\n\n# Why oolong is rolled\n\nText.\n"
    assert newsletter_names(Document(masthead, "markdown"), markers.load()) == frozenset({"Kettle Notes"})
    # An image linked to a story (a path, not the home page) names nothing.
    story = "[![A tea field](https://x.example.org/f.png)](https://x.example.org/fields/uji)\n\nText.\n"
    assert newsletter_names(Document(story, "markdown"), markers.load()) == frozenset()
