"""NL201 footer: unsubscribe, preferences, "you are receiving this", view in browser.

## What it does
Finds the lines an email platform adds around a newsletter: `Unsubscribe`,
`Manage your preferences`, `You are receiving this because …`,
`View in browser`, `Forwarded this email? Subscribe here`, app-store badges
(`Get the app`, `Start writing`). Phrases and link patterns: `[footer]` in
`data/markers.toml`.

A line counts when its visible text carries a footer phrase and it is short
(a sentence in a story that mentions "unsubscribe" is not a footer; near the
end of the document a longer line counts), or when it is a short link to an
unsubscribe or preferences address (redirect links are judged by the
address they spell out). A heading that sells the newsletter to its own
reader (`Subscribe`, `Get … in a free daily email`, `订阅`) near the end
takes its section: phrases in `subscribe` of `[footer]`.

## Why is this bad?
It is email machinery, meaningless once the newsletter is out of the inbox
(SPEC row 4).

## How far it goes
The footer block, or only its footer lines when the block also holds other
lines: the copyright notice and the postal address stay (SPEC keeps them;
removing them is a separate, opt-in matter). Lines of a footer line that
hold only its address (`( https://… )`) go with it. A short block that opens
with a footer phrase ("Other newsletters we publish: A, B, C") goes whole.
One line that holds the footer sentences and then the postal address
(flattened html) loses the sentences and keeps the address.

## Example
```markdown
© 2025 Example Media
1 Main Street, Springfield
[Unsubscribe](https://example.com/unsubscribe)
```
becomes
```markdown
© 2025 Example Media
1 Main Street, Springfield
```

## Fix safety
Safe.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..extents import is_document_title, section_extent
from ..findings import Edit, Finding
from ..memo import remembered
from ..inline_syntax import all_links, is_protected, protected_spans, visible_text_without_urls
from .base import Rule
from ._shared import quote, word_count

# A footer line is short; a longer line only counts near the end of the document.
MAX_WORDS = 30
MAX_WORDS_NEAR_END = 60
# A block that opens with a footer phrase is footer throughout when this short.
MAX_BLOCK_WORDS = 40
# Shorter lines hold no footer sentences with an address glued on.
MIN_GLUED_LINE = 60
_DIGIT = re.compile(r"\d")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|\ball rights reserved\b", re.I)
_BARE_URL = re.compile(r"(?:https?)://\S+")
# A sentence ends at . ! ? (or a link closing after one), before a space, a capital or the end.
_SENTENCE_END = re.compile(r"[.!?](?:\]\([^)\s]*\))?(?:\s+|(?=[A-Z\[]))")


class Footer(Rule):
    code = "NL201"
    name = "footer"
    family = "footer-and-chrome"
    summary = "Footer line: unsubscribe, preferences, view in browser, forwarded, app badges"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        near_end = doc.body_start + int((len(doc.lines) - doc.body_start) * 0.7)
        # One scan of the whole text finds the lines worth a closer look.
        candidates = ctx.markers.footer_candidate_lines(doc.text, doc.line_starts)
        covered_until = -1
        for block in doc.all_blocks:
            if block.kind not in ("paragraph", "heading") or block.start < covered_until:
                continue
            if block.kind == "heading" and block.depth == 0:
                found = self._subscribe_section(ctx, block, block.start >= near_end)
                if found is not None:
                    finding, covered_until = found
                    yield finding
                    continue
            if not candidates.touches(block.start, block.end):
                continue
            # Only a candidate line can be a footer line, and most candidate
            # blocks hold none: the other lines are looked at only after one is found.
            matched: list[tuple[int, str]] = []
            for i in range(block.start, block.end):
                if i in candidates and doc.lines[i].strip():
                    why = _footer_line(ctx.markers, doc.lines[i], i >= near_end)
                    if why:
                        matched.append((i, why))
            if not matched:
                continue
            address_glued = any(
                _kept_tail(ctx.markers, doc.lines[i]) is not None or _kept_head(ctx.markers, doc.lines[i])
                for i, _ in matched
            )
            if address_glued:
                # A line with a greeting before its footer sentences, or the postal
                # address glued after them: only the footer sentences go.
                whole = False
            else:
                # Whole when every other line is a bare URL or a bracket that
                # belongs to the line above.
                footer_lines = {i for i, _ in matched}
                whole = not any(
                    i not in footer_lines and doc.lines[i].strip() and _words_of(doc.lines[i])
                    for i in range(block.start, block.end)
                )
                if not whole and matched[0][0] == block.start and not _holds_copyright(doc, block):
                    # "Other newsletters we publish: A (url), B (url) …": a short
                    # block that opens with a footer phrase is footer throughout.
                    whole = word_count(visible_text_without_urls(doc.source(block))) <= MAX_BLOCK_WORDS
            if whole:
                start, end = _container(block)
                text = doc.visible(block)
                yield ctx.remove_lines(
                    f"footer {quote(text)}",
                    start,
                    end,
                    f"Remove footer {quote(text)}",
                    evidence=tuple(f"line {i + 1}: {why}" for i, why in matched),
                )
                continue
            for i, why in matched:
                yield self._footer_line_finding(ctx, i, why)

    def _footer_line_finding(self, ctx, i: int, why: str) -> Finding:
        doc = ctx.doc
        line = doc.lines[i]
        keep = _kept_tail(ctx.markers, line)
        text = quote(visible_text_without_urls(line))
        if keep is not None:
            # One line holding the footer sentences and, after them, the postal
            # address: the sentences go, the address stays.
            a, b = doc.offset(i), doc.offset(i) + keep
            return ctx.finding(
                f"footer sentences {text}", a, b, [Edit(a, b)], f"Remove footer sentences {text}",
                evidence=(f"line {i + 1}: {why}", f"ends before {quote(line[keep:])}, which holds no footer phrase"),
            )
        head = _kept_head(ctx.markers, line)
        if head:
            # "Happy Sunday! Was this forwarded to you? Sign up …": the greeting stays.
            a, b = doc.offset(i) + len(line[:head].rstrip()), doc.line_end(i)
            return ctx.finding(
                f"footer sentences {text}", a, b, [Edit(a, b)], f"Remove footer sentences {text}",
                evidence=(f"line {i + 1}: {why}", f"starts after {quote(line[:head])}, which holds no footer phrase"),
            )
        a, b = doc.offset(i), doc.line_end(i)
        return ctx.finding(
            f"footer line {text}", a, b, [Edit(a, doc.offset(i + 1) if i + 1 < len(doc.lines) else b)],
            f"Remove footer line {text}",
            evidence=(f"line {i + 1}: {why}", "only this line of its paragraph is footer"),
        )

    def _subscribe_section(self, ctx, heading, near_end: bool):
        """A heading that sells the newsletter to its own reader ("Subscribe",
        "Get the best … in a free daily email"): near the end, or alone."""
        doc = ctx.doc
        text = doc.visible(heading)
        words = word_count(text)
        if is_document_title(doc, heading) or words > 30 or (not near_end and words > 3):
            return None
        phrase = ctx.markers.subscribe_phrase(text)
        if phrase is None or (words > 3 and not text.lower().lstrip(" #*_").startswith(phrase.lower()[:3])
                              and "free" not in phrase.lower() and "readers" not in phrase.lower()):
            return None
        extent = section_extent(doc, heading, text)
        finding = ctx.remove_lines(
            f"subscribe section {quote(text)}", extent.start, extent.end, f"Remove subscribe section {quote(text)}",
            evidence=(f"phrase '{phrase}' in a heading" + (" near the end" if near_end else ""),
                      f"ends at {extent.why_it_ends}"),
        )
        return finding, extent.end


# The answers below depend only on the markers and the line's exact text, and
# the fixer's next round asks them again of the lines it did not change.
@remembered(4096)
def _footer_line(markers, line: str, near_end: bool) -> str | None:
    text = visible_text_without_urls(line)
    words = word_count(text)
    limit = MAX_WORDS_NEAR_END if near_end else MAX_WORDS
    if words <= limit or near_end:  # else a footer phrase does not make it a footer line
        phrase = markers.footer_phrase(text)
        if phrase and words <= limit:
            return f"phrase '{phrase}'"
        if phrase and near_end and _kept_tail(markers, line) is not None:
            return f"phrase '{phrase}' (sentences of a long footer line)"
    if words <= 6 and markers.may_hold_footer_url(line):
        for link in all_links(line):
            if markers.is_footer_url(link.destination):
                return f"link to {quote(link.destination, 40)}"
        for m in _BARE_URL.finditer(line):
            if markers.is_footer_url(m.group(0)):
                return f"link to {quote(m.group(0), 40)}"
    return None


def _words_of(line: str) -> bool:
    return any(ch.isalnum() for ch in visible_text_without_urls(line))


def _holds_copyright(doc, block) -> bool:
    return any(_COPYRIGHT.search(doc.lines[i]) for i in range(block.start, block.end))


@remembered(4096)
def _sentence_ends(line: str) -> tuple[int, ...]:
    """Where the sentences of a line end, outside code, link targets and html."""
    ends = list(_SENTENCE_END.finditer(line))
    if not ends:
        return ()  # most lines: no need to find the protected spans
    protected = protected_spans(line)
    return tuple(m.end() for m in ends if not is_protected(protected, m.start()))


@remembered(4096)
def _kept_tail(markers, line: str) -> int | None:
    """Offset where the part of a footer line to keep begins: the text after its
    last footer sentence (a postal address glued on), if that has words and no
    footer phrase. None when the whole line is footer."""
    if len(line) < MIN_GLUED_LINE or not _DIGIT.search(line):
        return None  # a postal address has numbers, and a line that holds one and sentences is long
    cuts = _sentence_ends(line)
    if not cuts:
        return None
    last_footer = None
    start = 0
    for end in (*cuts, len(line)):
        sentence = line[start:end]
        if markers.footer_phrase(visible_text_without_urls(sentence)):
            last_footer = end
        start = end
    if last_footer is None or last_footer >= len(line.rstrip()):
        return None
    tail = line[last_footer:]
    if (
        word_count(visible_text_without_urls(tail)) < 2
        or not _DIGIT.search(visible_text_without_urls(tail))
        or markers.footer_phrase(visible_text_without_urls(tail))
    ):
        return None
    if markers.footer_phrase(visible_text_without_urls(line[: cuts[0]])) is None:
        return None  # footer sentences come after a story's text: leave the line to the per-line rule
    return last_footer


@remembered(4096)
def _kept_head(markers, line: str) -> int:
    """Where the footer sentences of a line begin when sentences without a
    footer phrase (a greeting) come first and all that follows is footer;
    0 when the line is footer from its start."""
    if len(line) < MIN_GLUED_LINE:
        return 0
    cuts = _sentence_ends(line)
    start = 0
    for end in (*cuts, len(line)):
        if markers.footer_phrase(visible_text_without_urls(line[start:end])):
            break
        start = end
    else:
        return 0
    if start == 0 or word_count(visible_text_without_urls(line[:start])) < 2:
        return 0
    # Everything after the first footer sentence must be footer too (or empty).
    rest = [c for c in cuts if c > start] + [len(line)]
    prev = start
    for end in rest:
        piece = visible_text_without_urls(line[prev:end]).strip()
        if piece and not markers.footer_phrase(piece) and word_count(piece) > 3:
            return 0
        prev = end
    return start


def _container(block) -> tuple[int, int]:
    """A paragraph that is a list item's only content goes with its item."""
    parent = block.parent
    if parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
        return parent.start, parent.end
    return block.start, block.end
