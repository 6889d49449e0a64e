"""Inline markdown, scanned with positions.

markdown-it-py parses blocks with line maps but gives inline tokens no
source positions, and its inline pass is most of its parse time. nlclean
only needs a few inline facts with exact offsets: where code spans, links,
images, autolinks, bare URLs and inline html tags are. This module finds
those in one linear pass over a block's source text.

Everything here works on a plain string and returns offsets into it.

`addresses(text, images=…, bare_in_links=…)` (and `address_spans`, with
where each stands) is the one place that says which addresses a piece of
markdown leads to: its links' destinations, then the bare addresses
written out (`BARE_ADDRESS`). Callers differ only in the two choices: an
image's source counts or not, and a bare address inside a link (its text,
or its destination met again) counts or not. Answers for a line or a block
are remembered (`links_of`, `top_links_of` likewise), so the rules that ask
the same line share one scan.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from .memo import TEXT_CHARS, remembered

_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_BARE_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>]*", re.I)
# An inline html tag or closing tag (CommonMark 6.6, slightly lenient about
# attribute syntax). A failed match stops at the next `<` outside quotes.
_OPEN_OR_CLOSING_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
# Comments, processing instructions, CDATA and declarations run to a closer
# that may be far away: (opener, pattern, closer).
_EMPTY_COMMENT = re.compile(r"<!---?>")
_LONG_CONSTRUCTS = (
    ("<!--", re.compile(r"<!---?>|<!--.*?-->", re.S), "-->"),
    ("<![CDATA[", re.compile(r"<!\[CDATA\[.*?\]\]>", re.S), "]]>"),
    ("<!", re.compile(r"<![A-Za-z][^>]*>"), ">"),
    ("<?", re.compile(r"<\?.*?\?>", re.S), "?>"),
)


class _HtmlTagScanner:
    """Inline html tags, comments, processing instructions and declarations,
    found in linear time (a drop-in for a compiled pattern's `finditer`).

    A single regex for all of them is quadratic on unclosed openers
    (`<!-- a <!-- b ...` tries every opener against the rest of the text);
    here a long construct is tried only when its closer occurs at all later
    on, so every attempt either succeeds or stops at the next `<`.
    """

    def finditer(self, s: str):
        last_closer: dict[str, int] = {}
        pos = s.find("<")
        while pos != -1:
            m = None
            if s.startswith("<!", pos) or s.startswith("<?", pos):
                for opener, pattern, closer in _LONG_CONSTRUCTS:
                    if not s.startswith(opener, pos):
                        continue
                    if closer not in last_closer:
                        last_closer[closer] = s.rfind(closer)
                    if last_closer[closer] >= pos:
                        m = pattern.match(s, pos)
                    elif opener == "<!--":
                        m = _EMPTY_COMMENT.match(s, pos)
                    break
            else:
                m = _OPEN_OR_CLOSING_TAG.match(s, pos)
            if m:
                yield m
                pos = s.find("<", m.end())
            else:
                pos = s.find("<", pos + 1)


HTML_TAG = _HtmlTagScanner()


@dataclass
class Link:
    """``[text](dest "title")`` or, when ``is_image``, ``![alt](src)``."""

    start: int  # at `[` or `!`
    end: int  # just past `)`
    text_start: int
    text_end: int
    dest_start: int
    dest_end: int
    destination: str
    is_image: bool
    children: list["Link"] = field(default_factory=list)


def code_spans(s: str) -> list[tuple[int, int]]:
    """Spans of code spans (backtick strings included), in order.

    A run of n backticks opens a span closed by the next run of exactly n
    backticks; a run with no such partner is literal text. Linear: each
    run's partner is found from a table built back to front.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(s) if not is_escaped(s, m.start())]
    if len(runs) < 2:
        return []
    next_same: list[int] = [-1] * len(runs)
    last_by_len: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        n = runs[k][1] - runs[k][0]
        next_same[k] = last_by_len.get(n, -1)
        last_by_len[n] = k
    spans, k = [], 0
    while k < len(runs):
        partner = next_same[k]
        if partner == -1:
            k += 1
            continue
        spans.append((runs[k][0], runs[partner][1]))
        k = partner + 1
    return spans


def is_escaped(s: str, i: int) -> bool:
    """Whether s[i] is preceded by an odd number of backslashes."""
    n = 0
    j = i - 1
    while j >= 0 and s[j] == "\\":
        n += 1
        j -= 1
    return n % 2 == 1


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= i:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= i < spans[lo][1]


_BRACKET_OR_ESCAPE = re.compile(r"\\[\s\S]|[\[\]]")


def _bracket_pairs(s: str, code: list[tuple[int, int]]) -> dict[int, int]:
    """Map each `[` to its matching `]` (escapes and code spans respected); O(n),
    visiting only brackets and backslashes."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    ci, n_code = 0, len(code)
    for m in _BRACKET_OR_ESCAPE.finditer(s):
        i = m.start()
        while ci < n_code and code[ci][1] <= i:
            ci += 1
        if ci < n_code and code[ci][0] <= i:
            continue  # inside a code span
        c = s[i]
        if c == "[":
            stack.append(i)
        elif c == "]" and stack:
            pairs[stack.pop()] = i
    return pairs


_POINTY_DESTINATION = re.compile(r"(?:[^<>\n\\]|\\.)*")
# Parentheses nest at most this deep in a destination (cmark and markdown-it
# stop at 32 too): `[a]([a]([a](...` would otherwise rescan to the end each time.
_MAX_PAREN_DEPTH = 32


# Characters that never end, open or escape anything in a link destination.
_PLAIN_DESTINATION_RUN = re.compile(r"[^\\\s()\x00-\x1f]*")


def _destination(s: str, i: int) -> tuple[int, int, int] | None:
    """Parse `(dest "title")` starting at s[i] == "(": (dest_start, dest_end, end).

    Every scan stops at the first character that cannot continue it (a
    newline, `<`, an opening parenthesis in a title, the nesting limit), so
    trying it at every `](` of a line stays linear.
    """
    n = len(s)
    j = i + 1
    while j < n and s[j] in " \t\n":
        j += 1
    if j < n and s[j] == "<":
        k = _POINTY_DESTINATION.match(s, j + 1).end()
        if k >= n or s[k] != ">":
            return None
        dest_start, dest_end, j = j + 1, k, k + 1
    else:
        dest_start = j
        depth = 0
        while j < n:
            # Jump over a run of ordinary characters in one step: tracking
            # URLs are hundreds of characters long.
            j = _PLAIN_DESTINATION_RUN.match(s, j).end()
            if j >= n:
                break
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c in " \t\n" or ord(c) < 0x20:
                break
            if c == "(":
                depth += 1
                if depth > _MAX_PAREN_DEPTH:
                    return None
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if depth:
            return None
        dest_end = j = min(j, n)
    while j < n and s[j] in " \t\n":
        j += 1
    if j < n and s[j] in "\"'(":
        close = ")" if s[j] == "(" else s[j]
        k = j + 1
        while k < n and s[k] != close:
            if close == ")" and s[k] == "(":
                return None  # a title in parentheses holds no unescaped `(`
            k += 2 if s[k] == "\\" else 1
        if k >= n:
            return None
        j = k + 1
        while j < n and s[j] in " \t\n":
            j += 1
    if j < n and s[j] == ")":
        return dest_start, dest_end, j + 1
    return None


def links(s: str, code: list[tuple[int, int]] | None = None) -> list[Link]:
    """Inline links and images (outermost first, with nested ones as children)."""
    if "](" not in s:
        return []
    if code is None:
        code = code_spans(s)
    pairs = _bracket_pairs(s, code)
    found: list[Link] = []
    for open_at in sorted(pairs):
        close_at = pairs[open_at]
        if close_at + 1 >= len(s) or s[close_at + 1] != "(":
            continue
        parsed = _destination(s, close_at + 1)
        if parsed is None:
            continue
        dest_start, dest_end, end = parsed
        is_image = open_at > 0 and s[open_at - 1] == "!" and not is_escaped(s, open_at - 1)
        found.append(
            Link(
                start=open_at - 1 if is_image else open_at,
                end=end,
                text_start=open_at + 1,
                text_end=close_at,
                dest_start=dest_start,
                dest_end=dest_end,
                destination=s[dest_start:dest_end],
                is_image=is_image,
            )
        )
    # Nest: a link inside another link's text is its child.
    top: list[Link] = []
    for link in found:  # sorted by start
        if top and link.start >= top[-1].text_start and link.end <= top[-1].text_end:
            top[-1].children.append(link)
        elif top and link.start < top[-1].end:
            continue  # overlapping, not nested: markdown takes the first
        else:
            top.append(link)
    return top


def all_links(s: str, code: list[tuple[int, int]] | None = None) -> list[Link]:
    """Every link and image, nested ones included, in source order."""
    out: list[Link] = []

    def walk(items: list[Link]) -> None:
        for item in items:
            out.append(item)
            walk(item.children)

    walk(links(s, code))
    return out


# A bare address written out: it runs to a space, to a closing bracket or
# parenthesis (markdown's or the prose's), or to a bar that parts a row of
# addresses ("https://a.example|https://b.example", full-width `｜` too), and
# the sentence's stop after it is not part of it ("… at https://acme.example/join.").
BARE_ADDRESS = re.compile(r"https?://[^\s)\]>|｜]*[^\s)\]>|｜.,;:]")
# What is written right after a bare address up to the next space or tag: its
# closing parenthesis or bracket, the sentence's stop, an autolink's `>`.
_WRITTEN_AFTER_ADDRESS = re.compile(r"[^\s<>]*>?")


@dataclass(frozen=True)
class Address:
    """One address a piece of markdown leads to: a link's (or image's)
    destination, `link` set, or a bare address written out, `link` None."""

    start: int
    end: int
    url: str
    link: "Link | None" = None


# Answers are remembered for texts up to this long (a line, a block); a
# whole long email is computed afresh, so no cache keeps its text alive.
MAX_REMEMBERED_CHARS = 1 << 16


def links_of(s: str) -> list[Link]:
    """`all_links(s)`, remembered for a short text: the rules ask it of the
    same line or block again and again (every fix round too). The list is
    shared: do not change it."""
    return _remembered_links(s) if len(s) <= MAX_REMEMBERED_CHARS else all_links(s)


def top_links_of(s: str) -> list[Link]:
    """`links(s)` (the outermost links, nested ones as children), remembered as `links_of`."""
    return _remembered_top_links(s) if len(s) <= MAX_REMEMBERED_CHARS else links(s)


# (Document's per-block lists come from the same caches, with no length limit:
# a block and a line with the same text share one answer.)
_remembered_links = remembered(8192, max_chars=TEXT_CHARS)(all_links)
_remembered_top_links = remembered(8192, max_chars=TEXT_CHARS)(links)


def address_spans(
    s: str, *, images: bool = False, bare_in_links: bool = False, as_written: bool = False
) -> tuple[Address, ...]:
    """Every address the markdown `s` leads to, with where it stands: the
    links' destinations first (source order, nested ones included), then
    the bare addresses (`BARE_ADDRESS`), in source order.

    The two ways callers differ are the arguments:
    `images`: an image's source counts as an address too (it is shown, not
    followed: a row of answers or a referral link's test leaves it out);
    `bare_in_links`: a bare address written inside a link or image (its
    text, `[https://acme.example](…)`, or its destination, which is then
    counted twice) counts too; without it only the bare addresses outside
    every link and image do;
    `as_written`: a bare address's span runs on over what is written right
    after it up to the next space or tag ("(Link: https://acme.example/a).",
    `<https://acme.example>`): where the written word ends, for a reader that
    breaks text after it. Its `url` is the address alone all the same.
    """
    if len(s) > MAX_REMEMBERED_CHARS:
        return _address_spans(s, images, bare_in_links, as_written)
    return _remembered_address_spans(s, images, bare_in_links, as_written)


def addresses(s: str, *, images: bool = False, bare_in_links: bool = False) -> tuple[str, ...]:
    """The addresses of `address_spans(s, images=…, bare_in_links=…)`, in its order."""
    if len(s) > MAX_REMEMBERED_CHARS:
        return tuple(a.url for a in _address_spans(s, images, bare_in_links, False))
    return _remembered_addresses(s, images, bare_in_links)


def _address_spans(s: str, images: bool, bare_in_links: bool, as_written: bool = False) -> tuple[Address, ...]:
    every_link = links_of(s)
    found = [Address(link.start, link.end, link.destination, link) for link in every_link if images or not link.is_image]
    if "://" not in s:
        return tuple(found)
    # The outermost links, in order and apart (a nested one lies inside its parent).
    starts: list[int] = []
    ends: list[int] = []
    for link in every_link:
        if not ends or link.start >= ends[-1]:
            starts.append(link.start)
            ends.append(link.end)
    for m in BARE_ADDRESS.finditer(s):
        k = bisect_right(starts, m.start()) - 1
        if bare_in_links or k < 0 or m.start() >= ends[k]:
            end = _WRITTEN_AFTER_ADDRESS.match(s, m.end()).end() if as_written else m.end()
            found.append(Address(m.start(), end, m.group(0)))
    return tuple(found)


_remembered_address_spans = remembered(8192, max_chars=TEXT_CHARS)(_address_spans)


@remembered(8192, max_chars=TEXT_CHARS)
def _remembered_addresses(s: str, images: bool, bare_in_links: bool) -> tuple[str, ...]:
    return tuple(a.url for a in _remembered_address_spans(s, images, bare_in_links, False))


def protected_spans(s: str, *, include_html: bool = True) -> list[tuple[int, int]]:
    """Spans where text is not prose: code spans, link destinations and titles,
    autolinks, bare URLs and (optionally) inline html tags. Sorted, merged."""
    code = code_spans(s)
    spans = list(code)
    for link in all_links(s, code):
        spans.append((link.text_end, link.end))  # `](dest "title")`
    if "<" in s:
        spans.extend(m.span() for m in _AUTOLINK.finditer(s))
        if include_html:
            spans.extend(m.span() for m in HTML_TAG.finditer(s))
    if "://" in s or "www." in s or "WWW." in s:
        spans.extend(m.span() for m in _BARE_URL.finditer(s))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def is_protected(spans: list[tuple[int, int]], i: int) -> bool:
    return _inside(spans, i)


_LINK_DEST = re.compile(r"\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# What `visible_text` drops is, in one alternation (the first branch that matches at a
# position wins): `!\[|[\[\]*`~]|(?<!\w)_+|_+(?!\w)|^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d{1,9}[.)]\s+)`
# (re.M). It runs as two passes, for speed (the alternation found no character to
# skip to): first the line-start markers, where no earlier branch matches at
# the line's start; then the inline markup. No inline match holds a line break,
# and the text before a line-start marker is a line break or the start, so
# removing the markers first changes no inline match.
_LINE_START_MARKERS = re.compile(r"^(?![\[\]*`~_]|!\[)\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d{1,9}[.)]\s+)", re.M)
_INLINE_MARKUP = re.compile(r"!\[|[\[\]*`~]|_+")
_TAGS = re.compile(r"</?[A-Za-z][^<>]*>")
_BARE = re.compile(r"(?:https?|ftp)://\S+", re.I)
# The label of a reference link ("[View in browser][1]"), which no reader sees:
# left in, it glues onto the link's last word ("browser1").
_REFERENCE_LABEL = re.compile(r"\]\[[^\[\]\n]{1,40}\]")


@remembered(8192, max_chars=TEXT_CHARS)
def visible_text(s: str) -> str:
    """The text a reader sees: link targets, emphasis and markers dropped.

    Cached: several rules ask it of the same lines and blocks in one run."""
    if "](" in s:
        s = _LINK_DEST.sub("] ", s)
    if "][" in s:
        s = _REFERENCE_LABEL.sub("] ", s)
    if "<" in s:
        s = _TAGS.sub(" ", s)
    return _INLINE_MARKUP.sub(_dropped_markup, _LINE_START_MARKERS.sub("", s)).strip()


_WORD_CHARACTER = re.compile(r"\w")


def _dropped_markup(m: re.Match) -> str:
    """Nothing for markup, but a run of `_` inside a word stays (`snake_case`)."""
    a, b = m.span()
    s = m.string
    if s[a] == "_" and a > 0 and b < len(s) and _WORD_CHARACTER.match(s, a - 1) and _WORD_CHARACTER.match(s, b):
        return m.group(0)
    return ""


@remembered(8192, max_chars=TEXT_CHARS)
def visible_text_without_urls(s: str) -> str:
    return _BARE.sub(" ", visible_text(s))


_LETTER_WORD = re.compile(r"[^\W\d_]\S*")  # from a word's first letter to the word's end


def surely_more_visible_words(source: str, limit: int) -> bool:
    """Whether visible_text(source) has more than `limit` words, told from a
    lower bound without building it. visible_text replaces link targets and
    tags with a space, then drops markup characters (brackets, emphasis,
    backticks, line-start markers): never a letter, and never the space between
    two words. So each word that holds a letter once targets and tags are
    replaced is a word of the visible text."""
    if "](" in source:
        source = _LINK_DEST.sub("] ", source)
    if "<" in source:
        source = _TAGS.sub(" ", source)
    return sum(1 for _ in islice(_LETTER_WORD.finditer(source), limit + 1)) > limit


# The start of a line that may open a block: heading, quote, list, setext
# underline, fence, html.
_LINE_START_MARKUP = re.compile(r"^(\s*)([#>+=\-*]|\d+[.)]|`{3,}|~{3,}|<)")
_BLOCK_PARSER = None


def markup_escape_at(line: str) -> int | None:
    """Where a backslash keeps `line`, at the start of a line, from opening
    markdown (a heading, quote, list, fence, setext underline or html): before
    the marker, or before the `.` of `1.` (a backslash escapes punctuation
    only, so `\\1.` is no escape). None when its start is no such marker."""
    m = _LINE_START_MARKUP.match(line)
    if not m:
        return None
    return m.end() - 1 if m.group(2)[0].isdigit() else m.start(2)


# (Indented as deep as a nested list item may be: the block's source holds its parents' indentation.)
_CONTAINER_MARKERS = re.compile(r"(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+))*")


def container_prefix(line: str) -> int:
    """How much of a block's source line is the markers of the quotes and
    list items around it (`> > `, `- `, `1. `): what follows is the line's own text."""
    return _CONTAINER_MARKERS.match(line).end()


def with_final_newline(text: str) -> str:
    """`text` as markdown-it is given it: ending in a line break. markdown-it-py
    reads past the end of a text whose last line continues a quote around an
    html block in a list item (`> - <!--` over `>`, no final newline) and
    raises IndexError; the line break changes no block and no line number."""
    return text if text.endswith("\n") else text + "\n"


_ONE_PARAGRAPH = ["paragraph_open", "inline", "paragraph_close"]
_ONE_QUOTED_PARAGRAPH = ["blockquote_open", *_ONE_PARAGRAPH, "blockquote_close"]


def _block_types(text: str) -> list[str]:
    return [t.type for t in _BLOCK_PARSER.parse(with_final_newline(text))]


def opens_block(line: str, *, first: bool) -> bool:
    """Whether `line` would open a block of its own: as the first line of a
    paragraph (`first`), or as a line within one (where fewer things interrupt).

    An indented line counts as its text without the indentation too: inside a
    list item the item's content indent is consumed first (`- a` then
    `    ```` ` opens a fence two columns in), and a line alone cannot say how
    deep its container is.

    Within a paragraph, the line may be a quote's lazy continuation, where
    markdown-it lets more end the quote: an empty list item (`1.` alone, which
    cannot interrupt a paragraph) ends it and opens a list (`> a` / `1.<div>`
    lost its `<div>`, and the `    ```` ` under it opened a fence in the new
    item: scripts/fuzz.py, batch seed 10700008)."""
    global _BLOCK_PARSER
    if _BLOCK_PARSER is None:
        from markdown_it import MarkdownIt

        _BLOCK_PARSER = MarkdownIt("commonmark").disable(["inline"])

    def opens(text: str) -> bool:
        if first:
            return _block_types(text) != _ONE_PARAGRAPH
        return _block_types("x\n" + text) != _ONE_PARAGRAPH or _block_types("> x\n" + text) != _ONE_QUOTED_PARAGRAPH

    unindented = line.lstrip(" \t")
    return opens(line) or (unindented != line and opens(unindented))


_ARCHIVE_HEADER = re.compile(r"^\*\*(?:From|Date|Source|To|Subject):\*\*")


def is_archive_header(line: str) -> bool:
    """A line an archiver adds above the email (`**From:**`, `**Source:**`):
    SPEC keeps it, whatever its link leads to."""
    return _ARCHIVE_HEADER.match(line) is not None
