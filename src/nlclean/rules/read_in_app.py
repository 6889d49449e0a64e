"""NL204 read-in-app: a `READ IN APP` / `Open in app` link.

## What it does
Finds links whose text asks the reader to switch to the publisher's app.
Texts: `read_in_app` in `[chrome]` of `data/markers.toml`.

## Why is this bad?
Email chrome, not content.

## Example
```markdown
[READ IN APP](https://open.example.com/pub/x/p/y?redirect=app-store)
```
is removed.

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..inline_syntax import visible_text
from .base import Rule
from ._shared import quote


class ReadInApp(Rule):
    code = "NL204"
    name = "read-in-app"
    family = "footer-and-chrome"
    summary = "\"Read in app\" link"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("read_in_app", doc.text, doc.line_starts)
        if not candidates:
            return
        for block in doc.inline_blocks():
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
