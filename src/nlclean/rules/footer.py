"""NL201 footer: unsubscribe, preferences, "you are receiving this", view in browser.

## What it does
Finds the lines an email platform adds around a newsletter: `Unsubscribe`,
`Manage your preferences`, `You are receiving this because …`,
`View in browser`, `Forwarded this email? Subscribe here`, app-store badges
(`Get the app`, `Start writing`). Phrases and link patterns: `[footer]` in
`data/markers.toml`.

A line counts when its visible text carries a footer phrase and it is short
(a sentence in a story that mentions "unsubscribe" is not a footer), or when
it is a short link to an unsubscribe or preferences address.

## Why is this bad?
It is email machinery, meaningless once the newsletter is out of the inbox
(SPEC row 4).

## How far it goes
The footer block, or only its footer lines when the block also holds other
lines: the copyright notice and the postal address stay (SPEC keeps them;
removing them is a separate, opt-in matter).

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

from typing import Iterator

from ..findings import Edit, Finding
from ..inline_syntax import all_links, visible_text_without_urls
from .base import Rule
from ._shared import quote, word_count

# A footer line is short; a longer line only counts near the end of the document.
MAX_WORDS = 30
MAX_WORDS_NEAR_END = 60


class Footer(Rule):
    code = "NL201"
    name = "footer"
    family = "footer-and-chrome"
    summary = "Footer line: unsubscribe, preferences, view in browser, forwarded, app badges"

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        near_end = doc.body_start + int((len(doc.lines) - doc.body_start) * 0.75)
        for block in doc.all_blocks:
            if block.kind not in ("paragraph", "heading"):
                continue
            matched: list[tuple[int, str]] = []
            content_lines = 0
            for i in range(block.start, block.end):
                line = doc.lines[i]
                if not line.strip():
                    continue
                content_lines += 1
                why = self._footer_line(ctx, line, i >= near_end)
                if why:
                    matched.append((i, why))
            if not matched:
                continue
            if len(matched) == content_lines:
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
                a, b = doc.offset(i), doc.line_end(i)
                yield ctx.finding(
                    f"footer line {quote(visible_text_without_urls(doc.lines[i]))}",
                    a,
                    b,
                    [Edit(a, doc.offset(i + 1) if i + 1 < len(doc.lines) else b)],
                    f"Remove footer line {quote(visible_text_without_urls(doc.lines[i]))}",
                    evidence=(f"line {i + 1}: {why}", "only this line of its paragraph is footer"),
                )

    def _footer_line(self, ctx, line: str, near_end: bool) -> str | None:
        markers = ctx.markers
        text = visible_text_without_urls(line)
        words = word_count(text)
        limit = MAX_WORDS_NEAR_END if near_end else MAX_WORDS
        phrase = markers.footer_phrase(text)
        if phrase and words <= limit:
            return f"phrase '{phrase}'"
        if words <= 6:
            for link in all_links(line):
                if markers.is_footer_url(link.destination):
                    return f"link to {quote(link.destination, 40)}"
        return None


def _container(block) -> tuple[int, int]:
    """A paragraph that is a list item's only content goes with its item."""
    parent = block.parent
    if parent is not None and parent.kind == "list_item" and len(parent.children) == 1:
        return parent.start, parent.end
    return block.start, block.end
