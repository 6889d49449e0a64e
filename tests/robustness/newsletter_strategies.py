"""Hypothesis strategies that build newsletter-like markdown: the shapes
nlclean meets (headings, sponsor labels, links, images, code, html,
entities, `$`, front matter, CRLF, a BOM) mixed with markdown's sharp edges
(brackets, backticks, escapes, invisible characters)."""
from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(
    "the a team story cache queue compiler release Acme launch price week issue read more "
    "Sponsored sponsor Presented by Together with Advertisement unsubscribe preferences "
    "trivia quiz share like comment subscribe app café naïve 赞助 Anzeige 42 2026".split()
)
URLS = st.sampled_from([
    "https://example.com/a", "https://acme.example/?utm_source=nl", "https://news.example/p/1?x=1&y=2",
    "https://mail.example/open?token=abc", "https://cdn.example/icon/heart.png", "https://x.example/a_b(c)",
    "https://example.com/$5", "<https://example.com/sp ace>", "mailto:a@example.com", "", "/rel/path",
])
INLINE_ATOMS = st.one_of(
    WORDS,
    st.sampled_from([
        "$", "$5", "$1,000", "\\$", "&amp;", "&#8217;", "&#8217", "&nbsp;", "&quot;", "&#x27;", "&lt;b&gt;",
        "&zwnj;", "&#10;", "&#0;", "&notanentity;", "&", "*", "**", "_", "`", "``", "\\", "[", "]", "(", ")",
        "<", ">", "!", "#", "|", "~~", "\u034f", "\u200b", "\u00a0", "\u00ad", "\ufeff", "🎉", "—", "\x00",
        "(Sponsored)", "[sponsored]", "**Sponsored**", "<br>", "<b>", "</b>", "<!-- c -->", "<!--", "-->",
        "https://bare.example/x", "www.example.com", "<span style='display:none'>", "</span>",
    ]),
)


@st.composite
def inline(draw, min_size: int = 1, max_size: int = 12) -> str:
    parts = []
    for _ in range(draw(st.integers(min_size, max_size))):
        kind = draw(st.integers(0, 9))
        if kind <= 4:
            parts.append(draw(INLINE_ATOMS))
        elif kind == 5:
            parts.append(f"[{draw(WORDS)} {draw(WORDS)}]({draw(URLS)})")
        elif kind == 6:
            parts.append(f"![{draw(WORDS)}]({draw(URLS)})")
        elif kind == 7:
            parts.append(f"`{draw(INLINE_ATOMS)} {draw(INLINE_ATOMS)}`")
        elif kind == 8:
            parts.append(f"<a href=\"{draw(URLS)}\">{draw(WORDS)}</a>")
        else:
            parts.append(f"*{draw(WORDS)}* **{draw(WORDS)}**")
    sep = draw(st.sampled_from([" ", " ", "", "  \n", "\n"]))
    return sep.join(parts)


LABELS = st.sampled_from([
    "(Sponsored)", "Sponsored by Acme", "Presented by Acme", "Together with Acme", "Brought to you by Acme",
    "In partnership with Acme", "From our sponsors", "Advertisement", "Paid post", "Sponsor us",
    "Advertise with us", "Become a sponsor", "Friday Trivia", "Unsubscribe", "Manage your preferences",
    "View in browser", "READ IN APP", "Share", "Get the app", "Hiring Now", "赞助", "Werbung",
])


# Line by line under quote and list markers: html blocks, padding and fence markers
# side by side, where what a line starts with decides how the lines after it parse.
CONTAINER_PREFIXES = st.sampled_from(["> ", "> > ", "- ", "1. ", "1.", "  ", "   ", "    ", "> - ", "- > ", "", ">", "* "])
LINE_PIECES = st.sampled_from([
    "<div>", "</div>", "<!-- c -->", "<!--", "-->", '<img src="https://t.example/o.gif" width="1" height="1">',
    "<p>x</p>", "<pre>", "</pre>", "<center>", "<br>", "<b>bold</b>", "<![endif]-->", "<!--[if mso]>",
    "\u034f\u034f\u034f", "\u034f \u034f \u034f", "```", "````", "~~~", "# head", "- item", "1. one", "---", "===",
    "[](https://cdn.example/icon/heart.png)", "mai&amp;lto:", "&&#108;to", "story words", "",
])


@st.composite
def container_lines(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(2, 8))):
        pieces = draw(st.lists(LINE_PIECES, min_size=1, max_size=3))
        lines.append(draw(CONTAINER_PREFIXES) + draw(st.sampled_from(["", " "])).join(pieces))
    return "\n".join(lines)


@st.composite
def block(draw) -> str:
    kind = draw(st.integers(0, 16))
    if kind == 16:
        return draw(container_lines())
    if kind == 0:
        level = draw(st.integers(1, 6))
        label = draw(LABELS) if draw(st.booleans()) else ""
        return f"{'#' * level} {draw(inline(max_size=5))} {label}".rstrip()
    if kind == 1:
        return f"**{draw(LABELS)}**\n\n{draw(inline())}"
    if kind in (2, 3, 4):
        return draw(inline())
    if kind == 5:
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
        items = draw(st.lists(inline(max_size=5), min_size=1, max_size=4))
        indent = draw(st.sampled_from(["", "  ", "    "]))
        return "\n".join(f"{indent if i else ''}{marker} {item}" for i, item in enumerate(items))
    if kind == 6:
        return "\n".join("> " + line for line in draw(inline()).split("\n"))
    if kind == 7:
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        body = draw(inline())
        closed = draw(st.booleans())
        return f"{fence}\n{body}\n{fence if closed else ''}".rstrip("\n")
    if kind == 8:
        return "    " + draw(inline()).replace("\n", "\n    ")
    if kind == 9:
        tag = draw(st.sampled_from(["div", "table", "p", "center", "script", "style"]))
        return f"<{tag}>\n{draw(inline())}\n</{tag}>"
    if kind == 10:
        return draw(st.sampled_from(["---", "***", "___", "- - -", "==="]))
    if kind == 11:
        return f"[![{draw(WORDS)}]({draw(URLS)})]({draw(URLS)})"
    if kind == 12:
        return "\u034f " * draw(st.integers(1, 20)) + draw(st.sampled_from(["", "&nbsp;", "\u200c"]))
    if kind == 13:
        return f"{draw(inline(max_size=4))}\n{draw(st.sampled_from(['===', '---']))}"
    if kind == 14:
        return "| a | b |\n|---|---|\n| " + draw(inline(max_size=3)).replace("\n", " ") + " | $5 |"
    return f"[{draw(WORDS)}]: {draw(URLS) or 'x'}"


FRONT_MATTER = st.sampled_from([
    "", "", "", "---\ntitle: Issue $5 & more\ndate: 2026-01-01\n---\n",
    "+++\ntitle = \"Sponsored by Acme\"\n+++\n", "---\n---\n", "---\ntags: [a, b]\nurl: https://x.example/?a=1&b=2\n---\n",
])


@st.composite
def newsletters(draw) -> str:
    blocks = draw(st.lists(block(), min_size=0, max_size=12))
    text = ""
    for b in blocks:
        text += b + draw(st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n  \n"]))
    text = draw(FRONT_MATTER) + text
    if not draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    return text
