"""NL204 read-in-app: a `READ IN APP` / `Open in app` or `View in browser` link.

## What it does
Finds links whose text asks the reader to leave the email: for the
publisher's app (`read_in_app` in `[chrome]` of `data/markers.toml`), or for
the web version of the email (`view_in_browser`, in several languages:
"View this email in your browser", "View as a web page", "Im Browser
ansehen", "Abra no navegador"). A link to a web-version page (the
`web_version` kind of the link classifier, `evidence/links.py`) counts
whatever its text.

## Why is this bad?
Email chrome, not content: the reader already has the email.

## How far it goes
The link goes. A short line that holds a web-version link goes whole, with
its lead-in ("Having trouble viewing this email? [View it as a web
page](…)", "Web version: https://…" in a plain-text part), where those
words are its point: the line is little more than them, a link's text is,
a link leads to a web-version address, or the line speaks about the email.
A story's line that says them in passing stays ("[The web version of the
tide app adds offline maps](…)", "[웹에서 보기 좋은 지도 서비스](…)"). Inside a
long line (a whole email flattened onto one line) only the link goes. A
row that holds the issue's date or its byline beside the link, between
separators (`·`, `|`, `｜`, `•`, ` — `), keeps them and loses the link's
piece only, with its own lead-in: "**2026 年 12 月 11 日** · 作者：林知远 ·
[在浏览器中打开](…)" keeps "**2026 年 12 月 11 日** · 作者：林知远", in any
language the data knows (`[dates]`, `[byline]`); "Wird diese E-Mail nicht
korrekt angezeigt? [Im Browser ansehen](…)", with no date or byline, goes
whole. "[How to read in
app stores' fine print](…)" and a story's "[read online](…)" link are a
story's links and stay.

A short sentence that tells the reader to paste the address below into the
browser ("To view this email as a web page, copy and paste the link below
into your browser", a button's "copy and paste the URL below into your web
browser:"; `copy_address` in `[chrome]`) goes with that address when it
stands alone under it, in its paragraph or the next: the email's fallback
for a link it already has. A sentence with a link of its own, an address
with words beside it, or one to paste elsewhere ("into the form", "into
your terminal") stays.

## Example
```markdown
[READ IN APP](https://open.example.com/pub/x/p/y?redirect=app-store)

Trouble viewing? [View it in your browser](https://example.com/web/42)
```
are removed.

## Fix safety
Safe.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..evidence.links import LinkKind
from ..evidence.rows import is_lone_link, row_cuts
from ..evidence.zones import words as zone_words
from ..findings import Edit, Finding
from ..inline_syntax import all_links, visible_text, visible_text_without_urls
from .. import memo
from ..markers import (alternation, folds_like_lower, folds_like_lower_text, irregular_folding_lines, lowered_holds,
                       lowered_lines_holding, lowered_words_held, lowers_char_for_char)
from .base import Rule
from ._shared import quote, word_count

_REFERENCE_LABEL = re.compile(r"\]\[[^\]\n]*\]")
# A line this short that holds a web-version link is the link and its lead-in.
MAX_VIEW_LINE_WORDS = 12
# Words beside the web-version words in a line (or a link's text) that offers
# nothing but the web version ("Trouble viewing?", "Click here to").
MAX_OTHER_WORDS = 3


def _view_pattern(words) -> "re.Pattern":
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)" if words else "(?!)", re.I)


def _view_words(markers) -> list[str]:
    return markers.data.get("chrome", {}).get("view_in_browser", [])


def _view_phrases_by_word(markers) -> list[tuple[str, str]]:
    """(longest word, phrase) of each view-in-browser phrase."""
    return [(max(phrase.lower().split(), key=len, default=phrase.lower()), phrase) for phrase in _view_words(markers)]


def _view_lines(doc, markers) -> set[int]:
    """Lines that hold a view-in-browser phrase. A case-insensitive
    alternation tried at every position of a long text is slow (a 1 MB line:
    0.6 s), so only the phrases whose longest word the lower-cased text holds
    are searched for; most texts hold none."""
    by_word = markers.compiled("read_in_app.view_words", _view_phrases_by_word)
    words_in_text = lowered_words_held(doc.text, {word for word, _ in by_word})  # each word asked once
    present = tuple(phrase for word, phrase in by_word if word in words_in_text)
    if not present:
        return set()
    pattern = markers.compiled(("read_in_app.view_in_browser", present), lambda _: _view_pattern(present))
    if memo.SHORTCUTS and folds_like_lower_text(doc.text) and not any("*" in phrase for phrase in present):
        # No match spans a line, and a line that matches holds its phrase
        # lower-cased: the pattern is tried on those lines alone.
        phrases = tuple(phrase.lower() for phrase in present)
        return {i for i in lowered_lines_holding(doc.text, phrases, doc.line_starts) if pattern.search(doc.lines[i])}
    if memo.SHORTCUTS and lowers_char_for_char(doc.text) and not any("*" in phrase for phrase in present) \
            and all(folds_like_lower(phrase, phrase.lower()) for phrase in present):
        # The same where a few lines hold a character that folds irregularly
        # (a Greek sigma in a long newsletter): the pattern is also tried on those.
        irregular = irregular_folding_lines(doc.text)
        if irregular is not None:
            phrases = tuple(phrase.lower() for phrase in present)
            lines = {*lowered_lines_holding(doc.text, phrases, doc.line_starts), *irregular}
            return {i for i in lines if pattern.search(doc.lines[i])}
    return {bisect_right(doc.line_starts, m.start()) - 1 for m in pattern.finditer(doc.text)}


# A sentence that tells the reader to copy the address below is at most this long.
MAX_COPY_LEAD_IN_WORDS = 30
# A line that is one web address and nothing else: bare, in <>, or a link whose text is the address.
_LONE_ADDRESS = re.compile(r"^[ \t]*(?:<?https?://\S+?>?|\(?[ \t]*https?://\S+[ \t]*\)?|\[https?://[^\]\s]+\]\([^)\s]+\))[ \t]*$")


def _offers_the_web_version(ctx, block, text: str, pattern: "re.Pattern") -> bool:
    """Whether a short line's web-version words are its point, as a footer's
    "web version" is NL201's: the line is little more than them ("[View in
    browser](…)", "Web version: https://…", "Trouble viewing? View it
    online ( https://… )"), a link's text is ("Having trouble viewing this
    email? [View it as a web page](…)"), a link leads to a web-version
    address, or the line speaks about the email ("Trouble viewing this
    email? [Click here](…) to read it in your browser"). A story's line that
    says them in passing stays: "[Figma's web version gets offline mode](…)",
    "[웹에서 보기 좋은 지도 서비스](…)", "Notebooks now open in browser,
    [says the team](…)"."""
    doc, markers = ctx.doc, ctx.markers
    if zone_words(pattern.sub(" ", text)) <= MAX_OTHER_WORDS:
        return True
    source = doc.source(block)
    for link in doc.top_links(block):
        if link.is_image:
            continue
        if markers.link_kind(link.destination) is LinkKind.WEB_VERSION:
            return True
        label = visible_text(source[link.text_start : link.text_end])
        if pattern.search(label) and zone_words(pattern.sub(" ", label)) <= MAX_OTHER_WORDS:
            return True
    return bool(markers.about_the_email(text)) and not markers.first_person(text)


def _between(cuts, length: int):
    """The spans of a line of `length` that `cuts` (sorted, apart) leave."""
    start = 0
    for a, b in cuts:
        yield start, a
        start = b
    yield start, length


def _copy_words(markers) -> list[str]:
    return markers.data.get("chrome", {}).get("copy_address", [])


def _lone_addresses(lines) -> bool:
    return bool(lines) and all(_LONE_ADDRESS.match(line) for line in lines)


class ReadInApp(Rule):
    code = "NL204"
    name = "read-in-app"
    family = "footer-and-chrome"
    summary = "\"Read in app\" or \"View in browser\" link"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("read_in_app", doc.text, doc.line_starts)
        view_lines = _view_lines(doc, markers)
        copy_pattern = markers.compiled("read_in_app.copy_address", lambda m: _view_pattern(_copy_words(m)))
        copies = lowered_holds(doc.text, ("paste",))
        if not candidates and not view_lines and not copies:
            return
        for block in doc.inline_blocks():
            if copies and block.kind == "paragraph":
                found = self._copy_the_address(ctx, block, copy_pattern)
                if found is not None:
                    yield found
                    continue
            if view_lines and any(i in view_lines for i in range(block.start, block.end)):
                found = self._web_version(ctx, block)
                if found is not None:
                    yield found
                    continue
            if not candidates.touches(block.start, block.end):
                continue
            source = doc.source(block)
            if ctx.doc.format == "text":
                text = visible_text(source)
                if markers.is_read_in_app(text):
                    yield ctx.remove_lines(f"app link {quote(text)}", block.start, block.end, "Remove app link")
                continue
            found = [
                link
                for link in doc.top_links(block)
                if not link.is_image and markers.is_read_in_app(visible_text(source[link.text_start : link.text_end]))
            ]
            for link in found:
                text = visible_text(source[link.text_start : link.text_end])
                yield ctx.remove_inline(block, [(link.start, link.end)], f"app link {quote(text)}",
                                        f"Remove {quote(text)} link")

    def _copy_the_address(self, ctx, block, pattern) -> Finding | None:
        """A short sentence that tells the reader to copy the address below
        into the browser, with that address alone on the lines under it (in
        its paragraph or the next): the email's fallback for a link it
        already has (its web version, a button). A sentence with a link of
        its own, or an address with words beside it, is a story's."""
        doc = ctx.doc
        lines = doc.lines[block.start : block.end]
        texts = [line for line in lines if not _LONE_ADDRESS.match(line)]
        if not texts or any("://" in line or "](" in line for line in texts):
            return None
        text = visible_text(" ".join(texts)).strip()
        phrase = pattern.search(text)
        if phrase is None or word_count(text) > MAX_COPY_LEAD_IN_WORDS:
            return None
        addresses = lines[len(texts):]
        end = block.end
        if lines[: len(texts)] != texts:
            return None  # an address above the sentence is no address "below"
        if not addresses:
            nxt = doc.next_block(block)
            if nxt is None or nxt.kind != "paragraph" or not _lone_addresses(doc.lines[nxt.start : nxt.end]):
                return None
            end = nxt.end
        return ctx.remove_lines(
            f"address to copy into the browser {quote(text)}", block.start, end, "Remove the address to copy",
            evidence=(f"phrase '{phrase.group(0)}': the reader told to copy the address below into the browser",
                      "ends at the lone address under it"),
        )

    def _beside_the_dateline(self, ctx, block, pattern) -> Finding | None:
        """A one-line row that holds the issue's date or byline beside the
        web-version link ("**2026 年 12 月 11 日** · 作者：林知远 · [在浏览器中打开](…)"):
        only the link's piece goes, with its own lead-in and the separator
        before it; the date and the byline stay (`evidence/rows.py`)."""
        doc, markers = ctx.doc, ctx.markers
        if block.end - block.start != 1:
            return None
        line = doc.lines[block.start]

        def goes(piece: str) -> bool:
            if pattern.search(visible_text_without_urls(_REFERENCE_LABEL.sub("]", piece))):
                return True
            return any(markers.link_kind(link.destination) is LinkKind.WEB_VERSION for link in all_links(piece))

        def stays(piece: str) -> bool:
            return markers.dateline_piece(visible_text_without_urls(piece)) is not None and not is_lone_link(piece)

        cuts = row_cuts(line, goes, stays)
        if not cuts:
            return None
        kept = [visible_text_without_urls(line[a:b]).strip() for a, b in _between(cuts, len(line))]
        base = doc.offset(block.start)
        edits = [Edit(base + a, base + b) for a, b in cuts]
        removed = quote(visible_text_without_urls(" ".join(line[a:b] for a, b in cuts)).strip(" ·|｜•—–"))
        return ctx.finding(
            f"web version link {removed}", edits[0].start, edits[-1].end, edits, "Remove the web version link",
            evidence=("a link to the web version of the email in a row of pieces",
                      f"the row's date or byline stays: {quote(' '.join(k for k in kept if k))}"),
        )

    def _web_version(self, ctx, block) -> Finding | None:
        """A link to the web version ("View this email in your browser"): a
        short line goes whole with its lead-in; in a long line, the link."""
        doc, markers = ctx.doc, ctx.markers
        pattern = markers.compiled("read_in_app.view_in_browser", lambda m: _view_pattern(_view_words(m)))
        source = doc.source(block)
        # A reference link's label ("[View …][1]") is no word the reader sees.
        text = visible_text_without_urls(_REFERENCE_LABEL.sub("]", source)).strip()
        phrase = pattern.search(text)
        if phrase is None or block.kind == "heading":
            return None
        # A link, a reference link ("[View …][1]") or a bare address (plain text) carries it.
        carried = "](" in source or "][" in source or "://" in source
        if carried and word_count(text) <= MAX_VIEW_LINE_WORDS and _offers_the_web_version(ctx, block, text, pattern):
            beside = self._beside_the_dateline(ctx, block, pattern)
            if beside is not None:
                return beside
            return ctx.remove_lines(
                f"web version link {quote(text)}", block.start, block.end, "Remove the web version link",
                evidence=(f"phrase '{phrase.group(0)}': a link to the web version of the email",
                          f"a line of at most {MAX_VIEW_LINE_WORDS} words: the link and its lead-in"),
            )
        spans = []
        for link in doc.top_links(block):
            label = visible_text(source[link.text_start : link.text_end]).strip()
            full = pattern.fullmatch(label.strip(" .:!>»→")) is not None
            if not link.is_image and (full or markers.link_kind(link.destination) is LinkKind.WEB_VERSION and phrase.group(0) in label):
                spans.append((link.start, link.end))
        if not spans:
            return None
        return ctx.remove_inline(block, spans, f"web version link {quote(phrase.group(0))}", "Remove the web version link",
                                 evidence=(f"link text '{phrase.group(0)}': a link to the web version of the email",))
