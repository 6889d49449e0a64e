"""Properties of `nlclean.clean` on generated newsletter-like markdown (SPEC §3).

The generator strings together the pieces converted newsletters are made of:
headings (some labelled as sponsored), label lines, stories with links,
images, code, entities and `$`, html, footers, tracking pixels, preheader
padding, breaks and lists. On every such text:

- no new words: every word of the output is a word of the input, as often;
- idempotence: cleaning the cleaned text changes nothing;
- no crash: no rule fails (NL000) and `clean` raises nothing;
- the file's form: CRLF, a BOM and the (missing) final newline come out as
  they went in.

Example counts are modest so the suite stays fast; raise them for a long run
with NLCLEAN_PROPERTY_EXAMPLES=2000.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nlclean
from nlclean.engine import INTERNAL_ERROR_CODE
from nlclean.guard import words

EXAMPLES = int(os.environ.get("NLCLEAN_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD = st.sampled_from(
    "cache queue Acme Quillstack story build deploy linker parser reader price team weekly review "
    "sponsor partner trivia survey unsubscribe share like app open café 东京 naïve".split()
)
NAME = st.sampled_from(["Acme", "Quillstack", "Lanternfish", "Orbitdesk"])
PHRASE = st.lists(WORD, min_size=1, max_size=7).map(" ".join)
SLUG = st.lists(st.sampled_from("abcxyz019-$_"), min_size=1, max_size=8).map("".join)
URL = st.builds(lambda host, path: f"https://{host}.example/{path}", st.sampled_from(["weekly", "acme", "cdn"]), SLUG)

INLINE = st.one_of(
    PHRASE,
    st.builds(lambda t, u: f"[{t}]({u})", PHRASE, URL),
    st.builds(lambda t, u: f"![{t}]({u})", st.one_of(st.just(""), PHRASE), URL),
    st.builds(lambda t: f"`{t}`", st.sampled_from(["$HOME", "a && b", "&amp;", "<b>", "x_y"])),
    st.builds(lambda u: f"<{u}>", URL),
    URL,
    st.sampled_from(["$5", "$10.99", "\\$3", "&amp;", "&#8217;", "&#8217", "&lt;", "&amp;lt;", "&nbsp;",
                     "&#x2014;", "&rsquo;", "&copy;", "&", "*", "_", "<b>", "</b>", "<br>", "<!-- note -->",
                     "(Sponsor)", "[sponsored]", "\u034f \u034f \u034f \u034f", "  "]),
)
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)

BLOCK = st.one_of(
    PARAGRAPH,
    PARAGRAPH,
    st.builds(lambda n, t: f"{'#' * n} {t}", st.integers(1, 6), LINE),
    st.builds(lambda t, n: f"## {t} (Sponsored)\n\n{n} helps you ship.", PHRASE, NAME),
    st.builds(lambda n, t: f"{t}\n{'=' if n == 1 else '-'}{'=' if n == 1 else '-'}{'=' if n == 1 else '-'}", st.integers(1, 2), PHRASE),
    st.builds(lambda n: f"Sponsored by {n}: the tool for your team.", NAME),
    st.builds(lambda n: f"**Together with {n}**", NAME),
    st.builds(lambda t: f"## SPONSOR US\n\n{t}", LINE),
    st.builds(lambda t: f"## Friday Trivia\n\n{t}?", PHRASE),
    st.builds(lambda items: "\n".join(f"- {i}" for i in items), st.lists(LINE, min_size=1, max_size=4)),
    st.builds(lambda t: f"> {t}", LINE),
    st.builds(lambda t: f"```\n{t}\n```", LINE),
    st.builds(lambda t: f"    {t}", LINE),
    st.builds(lambda t, u: f'<div>\n<p>{t}</p>\n<a href="{u}">{t}</a>\n</div>', PHRASE, URL),
    st.builds(lambda u: f'<img src="{u}" width="1" height="1">', URL),
    st.builds(lambda a, b: f"| {a} | {b} |\n| --- | --- |\n| $5 | {b} |", PHRASE, LINE),
    st.builds(lambda t, u, tag: f"- [{t}]({u}) {tag}\n- {t}", PHRASE, URL, st.sampled_from(["(Sponsor)", "[sponsored]", ""])),
    st.builds(lambda t: f"> ## {t} (Sponsored)\n> {t}", PHRASE),
    st.builds(lambda t: f"- SPONSOR US\n- {t}", PHRASE),
    st.builds(lambda t: f"1. {t}\n   - {t} $2\n2. {t}", LINE),
    st.builds(lambda t: f"Advertise with us: {t}", PHRASE),
    st.builds(lambda t: f"How did you like today's issue? {t}", PHRASE),
    st.just("[![](https://cdn.weekly.example/icon/LucideHeart.png)Like](https://weekly.example/p/1?action=like)"),
    st.builds(lambda n: f"## Ship with {n}\n\n{n} plans start at $9. Use code SAVE20 and book a demo with {n}. {n}!", NAME),
    st.builds(lambda t: f"{t}  \n{t}  ", LINE),
    st.just("---"),
    st.just("***"),
    st.just(""),
    st.builds(lambda u: f"[Unsubscribe]({u}/unsubscribe)", URL),
    st.just("© 2026 Example Weekly"),
    st.just("Forwarded this email? [Subscribe here](https://weekly.example/subscribe)"),
    st.just("![](https://mail.weekly.example/open?token=abc)"),
    st.just("[READ IN APP](https://open.weekly.example/app)"),
    st.just("\u034f \u034f \u034f \u034f \u034f \u034f"),
    st.just("<!-- nlclean-disable NL502 -->"),
    st.just("<!-- nlclean-enable NL502 -->"),
)
SOUP = [*"ab $&;#<>/[]()!`*_-=\\\n\t\u034f\u00a0\ufeff", "&amp;", "](", "```", "<!--", "-->", "\n---\n", "http://"]
FRONT_MATTER = st.sampled_from(["", "---\ntitle: An issue\n---\n\n", "+++\ntitle = 'x'\n+++\n\n"])
NEWSLETTER = st.builds(
    lambda fm, blocks, seps, end: fm + "".join(b + s for b, s in zip(blocks, seps)).rstrip("\n") + end,
    FRONT_MATTER,
    st.lists(BLOCK, min_size=1, max_size=12),
    st.lists(st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n"]), min_size=12, max_size=12),
    st.sampled_from(["\n", "", "\n\n"]),
)


@PROPERTY
@given(NEWSLETTER)
def test_no_new_words(text):
    assert not words(nlclean.clean(text)) - words(text)


@PROPERTY
@given(NEWSLETTER)
def test_idempotent(text):
    once = nlclean.clean(text)
    assert nlclean.clean(once) == once


@PROPERTY
@given(NEWSLETTER)
def test_no_rule_crashes(text):
    assert not [f.message for f in nlclean.lint(text) if f.code == INTERNAL_ERROR_CODE]
    assert not [f.message for f in nlclean.lint(text, format="text") if f.code == INTERNAL_ERROR_CODE]
    nlclean.clean(text, format="text", unsafe=True)


@PROPERTY
@given(st.lists(st.sampled_from(SOUP), max_size=80).map("".join))
def test_no_crash_on_markdown_soup(text):
    assert not [f.message for f in nlclean.lint(text) if f.code == INTERNAL_ERROR_CODE]
    nlclean.clean(text)


@PROPERTY
@given(NEWSLETTER)
def test_crlf_bom_and_final_newline_come_out_as_they_went_in(text):
    cleaned = nlclean.clean(text)
    crlf = nlclean.clean(text.replace("\n", "\r\n"))
    assert crlf == cleaned.replace("\n", "\r\n")
    assert nlclean.clean("\ufeff" + text) == "\ufeff" + cleaned
    if cleaned:
        assert cleaned.endswith("\n") == text.endswith("\n")
        assert not cleaned.endswith("\n\n")
