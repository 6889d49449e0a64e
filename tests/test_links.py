"""The link classifier (evidence/links.py): where a link leads, hits and near misses.

Every address here is made up; each near miss is a link a story could carry."""
from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest

from hypothesis import given, strategies as st

from nlclean.evidence import links
from nlclean.evidence.links import LinkKind, decoded_target, link_kind, resolve_url, split_url


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


HITS = [
    ("https://news.example.org/unsubscribe?id=42", LinkKind.UNSUBSCRIBE),
    ("https://example.us1.list-manage.com/unsubscribe?u=1&id=2", LinkKind.UNSUBSCRIBE),
    ("https://paper.example.com/action/disable_email?token=abc", LinkKind.UNSUBSCRIBE),
    ("https://news.example.org/email-preferences", LinkKind.PREFERENCES),
    ("https://hydra.example.net/#/portal/account", LinkKind.PREFERENCES),
    ("https://us5.campaign-archive.com/?u=1&id=2", LinkKind.WEB_VERSION),
    ("https://ad.doubleclick.net/ddm/clk/5551;123;x", LinkKind.AD),
    ("https://acme.example/tools?utm_source=letter&utm_medium=sponsored-newsletter", LinkKind.AD),
    ("https://acme.example/?utm_medium=newsletter_sponsorship&utm_source=weekly", LinkKind.AD),
    ("https://acme.example/signup?_bhiiv=opp_12ab_34cd&bhcl_id=9", LinkKind.AD),
    ("https://acme.example/trial?utm_medium=paid&utm_source=weekly", LinkKind.AD),
    ("https://weekly.example.com/refer?r=abc", LinkKind.REFERRAL),
    ("https://forms.gle/AbCdEf123", LinkKind.SURVEY),
    ("https://weekly.example.com/p/issue-9?poll=yes", LinkKind.SURVEY),
    ("https://twitter.com/intent/tweet?text=hello", LinkKind.SHARE),
    ("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fweekly.example.com", LinkKind.SHARE),
    ("https://weekly.example.com/p/issue-9?action=restack-comment", LinkKind.REACTION),
    ("https://open.example.com/pub/weekly/p/issue-9?comments=true", LinkKind.REACTION),
    ("https://apps.apple.com/us/app/some-reader/id123456", LinkKind.APP_STORE),
    ("https://www.patreon.com/checkout/SomeWriter?rid=1", LinkKind.SUBSCRIBE),
    ("https://weekly.example.com/subscribe?utm_source=post", LinkKind.SUBSCRIBE),
    ("https://weekly.example.com/#/portal/signup", LinkKind.SUBSCRIBE),
    ("https://x.com/someweekly", LinkKind.SOCIAL),
    ("https://www.linkedin.com/company/some-weekly/", LinkKind.SOCIAL),
    ("https://bsky.app/profile/weekly.example.com", LinkKind.SOCIAL),
    ("https://www.youtube.com/@someweekly", LinkKind.SOCIAL),
    ("https://ghost.org/?via=newsletter-footer", LinkKind.PLATFORM),
    # a platform's per-post feedback route: a poll's answer in the path of its in-page route
    ("https://weekly.example.com/issue-9/#/feedback/64c1e0aa9d/1/?uuid=7f3c&key=ab12", LinkKind.SURVEY),
    # a sending platform's bare home page: its badge's link (evidence only near an email's end, NL201)
    ("https://buttondown.com", LinkKind.PLATFORM_HOME),
    ("https://substack.com/", LinkKind.PLATFORM_HOME),
]

NEAR_MISSES = [
    # a story about an ad deal, a tweet, a post, a store in a review
    "https://www.example-news.com/2025/06/google-doubleclick-antitrust-ruling",
    "https://www.example-news.com/tech/sponsored-content-rules-tighten",
    "https://x.com/someone/status/1234567890",
    "https://www.instagram.com/p/Cabc123/",
    "https://www.linkedin.com/posts/someone_activity-123",
    "https://www.youtube.com/watch?v=abc123",
    "https://bsky.app/profile/someone.bsky.social/post/3kabc",
    "https://shop.example.com/products/blue-kettle",
    "https://www.example-news.com/study-of-unsubscribe-rates",
    "https://blog.example.com/preferences-of-readers",
    "https://www.example-news.com/2025/survey-results-developers",
    "https://ghost.org/docs/themes/",
    "https://buttondown.com/some-writer",
    "https://weekly.example.com/issue-9/#feedback",
    "https://www.example-news.com/the-subscription-economy",
]


@pytest.mark.parametrize("url,kind", HITS)
def test_a_link_that_stories_never_carry_gets_its_kind(url, kind):
    assert link_kind(url) is kind


@pytest.mark.parametrize("url", NEAR_MISSES)
def test_a_story_link_is_no_kind(url):
    assert link_kind(url) is None


def test_a_substack_redirect_is_read_offline_from_its_base64_json():
    target = "https://weekly.example.com/action/disable_email?token=xyz"
    token = _b64(json.dumps({"e": target, "p": 1, "s": 2})) + ".c2lnbmF0dXJl"
    url = f"https://substack.com/redirect/2/{token}?j=1"
    assert resolve_url(url) == target
    assert link_kind(url) is LinkKind.UNSUBSCRIBE


def test_a_base64_path_segment_and_an_encoded_parameter_are_read():
    share = "https://twitter.com/intent/tweet?text=hi"
    assert link_kind(f"https://click.mail.example.com/c/abc123/{_b64(share)}") is LinkKind.SHARE
    assert link_kind("https://t.example.com/r?url=https%3A%2F%2Fapps.apple.com%2Fapp%2Fid1") is LinkKind.APP_STORE


def test_a_redirect_to_a_story_is_no_kind():
    story = "https://www.example-news.com/2025/06/a-long-read"
    assert link_kind(f"https://click.mail.example.com/c/abc123/{_b64(story)}") is None
    assert resolve_url("https://www.example-news.com/eyJub3QiOiJqc29uIg") == "https://www.example-news.com/eyJub3QiOiJqc29uIg"


def test_base64_of_a_query_that_carries_the_address_is_read():
    wrapped = _b64("go?url=https%3A%2F%2Fbank.example.de%2Fsavings")
    assert resolve_url(f"https://t.quillpost.example/c/991/{wrapped}") == "https://bank.example.de/savings"
    wrapped = _b64("x?id=7&u=https%3A%2F%2Fapps.apple.com%2Fapp%2Fid9")
    assert link_kind(f"https://t.quillpost.example/c/991/{wrapped}") is LinkKind.APP_STORE
    # a query value that is base64 of a bare query
    wrapped = _b64("url=https://news.example.org/unsubscribe?id=5")
    assert link_kind(f"https://click.quillpost.example/ls/click?upn={wrapped}") is LinkKind.UNSUBSCRIBE


def test_base64_in_a_middle_segment_with_the_url_safe_alphabet_is_read():
    target = "https://sponsor.example.com/consult?utm_source=qp"  # encodes with a "_"
    token = _b64(target)
    assert "_" in token and not token.endswith("=")
    assert resolve_url(f"https://click.quillpost.example/v1/{token}/qp-ad1") == target
    # the standard alphabet's "/" splits the token over two segments
    standard = base64.b64encode(b"https://sponsor.example.com/a?b=c~~~").decode()
    assert "/" in standard
    assert resolve_url(f"https://click.quillpost.example/v1/{standard}/qp-ad2") == "https://sponsor.example.com/a?b=c~~~"
    # a share by e-mail, its token followed by the tracker's own segment
    share = "mailto:?subject=A%20good%20read&body=Thought%20you%27d%20like%20this"
    assert link_kind(f"https://click.quillpost.example/ab12cd/ef34gh/{_b64(share)}/9f8e") is LinkKind.SHARE


@pytest.mark.parametrize("token", [
    _b64("spring-report-2027"),  # a story through the same redirector: a relative path
    _b64("issues/88/the-long-read"),
    _b64("notes/readme.md"),  # a file name, no host
    _b64("b94e271a-8c24-4d7f-a5a1-2b1c3d4e5f6a"),  # an id
    "6512aa90f3c1b2",  # hex that decodes to bytes
    "Zm9vYmFyYmF6",  # "foobarbaz"
    _b64("go?url=spring-report-2027"),  # a query that carries no address
])
def test_a_redirect_that_encodes_no_address_keeps_its_own_host(token):
    url = f"https://t.quillpost.example/c/991/{token}"
    assert resolve_url(url) == url
    assert link_kind(url) is None


@given(st.text(max_size=80))
def test_the_decoder_never_raises_and_returns_only_addresses(text):
    for token in (text, _b64(text)):
        found = decoded_target(token)
        assert found is None or _is_address(found)
        resolved = resolve_url(f"https://t.quillpost.example/c/{token}/x")
        assert resolved.startswith("https://t.quillpost.example/") or _is_address(resolved)


@given(st.from_regex(r"[a-z][a-z0-9-]{0,12}\.(com|org|app|de|io)(/[a-z0-9_~-]{1,10}){0,3}", fullmatch=True))
def test_the_decoder_reads_back_every_address_it_is_given(address):
    url = "https://" + address
    assert decoded_target(_b64(url)) == url
    assert resolve_url(f"https://t.quillpost.example/c/{_b64(url)}/x9") == url
    assert decoded_target(_b64("go?url=" + quote(url, safe=""))) == url
    assert decoded_target(_b64(address)) is None  # no scheme: it may be a relative path


@given(
    st.text(max_size=6),
    st.sampled_from(["http://", "https://", "HTTPS://", "mailto:", "MAILTO:", "url=https%3A", "go?u=http://"]),
    st.text(max_size=30),
    st.booleans(),
    st.integers(min_value=0, max_value=3),
)
def test_the_token_shortcut_skips_only_urls_that_encode_no_address(before, scheme, rest, url_safe, cut):
    """`_token_target` decodes only urls that hold base64 of "http" or "mailto"
    at one of its three alignments: the same answer as decoding every segment."""
    token = base64.b64encode((before + scheme + rest).encode()).decode()
    if url_safe:
        token = token.replace("+", "-").replace("/", "_")
    token = token.rstrip("=")[: len(token) - cut] if cut else token
    for url in (f"https://t.quillpost.example/c/{token}/x9", f"https://t.quillpost.example/r?v={token}",
                f"https://quillpost.example/2027/{before}-story"):
        assert links._token_target(url) == links._decode_tokens(url)


def _is_address(text: str) -> bool:
    if text.startswith("mailto:"):
        return len(text) > len("mailto:") and not any(c.isspace() for c in text)
    parts = split_url(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in text)


def test_a_footer_link_hidden_in_a_wrapped_query_is_read_by_the_rules():
    """End to end: the footer rule's prefilter lets the line through and the
    decoded target decides it; the stories through the same redirector stay."""
    from cli_fix import fix_with_cli

    def click(target: str) -> str:
        return f"https://click.quillpost.example/ls/click?upn={_b64('url=' + target)}"

    stories = "\n\n".join(
        f"## {title}\n\n{body} [Read more]({click('https://quillpost.example/' + slug)})"
        for title, body, slug in [
            ("Harbour cranes return", "Two cranes are back in service after a winter of repairs.", "cranes"),
            ("Library hours change", "The central library opens an hour later on Mondays from March.", "library"),
            ("Ferry timetable", "The ferry adds a late crossing on Fridays through the summer.", "ferry"),
        ]
    )
    footer = f"[Tap here]({click('https://quillpost.example/unsubscribe?sid=42')})"
    out = fix_with_cli(f"# The Quillpost\n\n{stories}\n\n---\n\n{footer}\n", "quillpost.md")
    assert "Tap here" not in out
    for slug in ("cranes", "library", "ferry"):
        assert _b64("url=https://quillpost.example/" + slug) in out


def test_an_extension_file_adds_patterns(tmp_path):
    from nlclean import markers

    extra = tmp_path / "extra.toml"
    extra.write_text('[links.survey]\ncontains = ["polls.example.net"]\n', encoding="utf-8")
    assert markers.load((str(extra),)).link_kind("https://polls.example.net/q/1") is LinkKind.SURVEY
    assert link_kind("https://polls.example.net/q/1") is None


def test_a_users_shape_pattern_runs_in_linear_time(tmp_path):
    from nlclean import markers

    extra = tmp_path / "extra.toml"
    extra.write_text('[links.survey]\nshape_patterns = ["^https://(a+)+b"]\n', encoding="utf-8")
    loaded = markers.load((str(extra),))
    # On a backtracking engine this address takes minutes; on RE2 it is instant.
    assert loaded.link_kind("https://" + "a" * 40 + "c") is None
    assert loaded.link_kind("https://aaab/poll") is LinkKind.SURVEY


def test_a_users_shape_pattern_with_lookaround_is_a_clear_error(tmp_path):
    from nlclean import markers

    extra = tmp_path / "extra.toml"
    extra.write_text('[links.social]\nshape_patterns = ["^https://x\\\\.com/(?!intent)"]\n', encoding="utf-8")
    with pytest.raises(markers.DataError, match="shape_patterns"):
        markers.load((str(extra),))


def _urls_of_the_corpora() -> list[str]:
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
    from corpora import corpus_texts

    found = [u for folder in ("dev", "bulk") for _, text, _ in corpus_texts(folder)
             for u in re.findall(r"\]\(<?([^)\s>]+)", text)]
    return list(dict.fromkeys(found))


def test_the_classifier_s_piece_prefilter_changes_no_kind(monkeypatch):
    """The classifier asks a kind's pieces only of an address that holds one
    (an RE2 Set over its bytes): every address of the tests and the corpora,
    odd ones too (non-ASCII, a lone surrogate, a piece in capitals), gets the
    kind it gets with every pattern asked."""
    from nlclean import memo
    from nlclean.evidence.links import LinkClassifier
    from nlclean.settings import Settings

    table = Settings().markers().data["links"]
    urls = [u for u, _ in HITS] + _urls_of_the_corpora() + [
        "https://exämple.org/ünsubscribe", "https://example.org/\ud800/unsubscribe",
        "HTTPS://NEWS.EXAMPLE.ORG/UNSUBSCRIBE?ID=1", "https://example.org/preferences-of-readers",
    ]
    fast = LinkClassifier(table)
    kinds = [fast._classify(u) for u in urls]
    monkeypatch.setattr(memo, "SHORTCUTS", False)
    every = LinkClassifier(table)
    assert kinds == [every._classify(u) for u in urls]
    assert sum(k is not None for k in kinds) > len(HITS)
