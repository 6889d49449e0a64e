"""NL202 tracking-pixel: an open-tracking image.

## What it does
Finds images that exist only to report that the email was opened: images
with no alt text whose address matches an open-tracking pattern of a sending
platform (`…/open?token=`, `…/o/…`, `list-manage.com/track/open`,
`sendgrid.net/wf/open`, …). Patterns: `[tracking_pixel]` in
`data/markers.toml`. (Html `<img width="1" height="1">` pixels are dropped
by NL401 when it converts the html.)

## Why is this bad?
It is invisible, says nothing, and phones home whenever the text is rendered.

## Example
```markdown
Thanks for reading.

![](https://mail.example.com/open?token=abc123)
```
becomes
```markdown
Thanks for reading.
```

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..markers import lines_holding
from .base import Rule
from ._shared import quote


class TrackingPixel(Rule):
    code = "NL202"
    name = "tracking-pixel"
    family = "footer-and-chrome"
    summary = "Open-tracking image (1×1 pixel)"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        if "![" not in doc.text:
            return
        # The lines with an image opener, found once: a block without one
        # holds no image (no pixel), and is skipped without joining its source.
        image_lines = lines_holding(doc.text, ("![",), doc.line_starts)
        for block in doc.inline_blocks():
            if "](" not in doc.lines[block.start] and block.end - block.start == 1:
                continue
            if not image_lines.touches(block.start, block.end):
                continue  # no image, no pixel: skip the link scan
            source = doc.source(block)
            pixels = [
                link
                for link in doc.links(block)
                if link.is_image
                and not source[link.text_start : link.text_end].strip()
                and markers.is_pixel_url(link.destination)
            ]
            if not pixels:
                continue
            url = pixels[0].destination
            yield ctx.remove_inline(
                block,
                [(p.start, p.end) for p in pixels],
                f"tracking pixel {quote(url, 60)}" + (f" and {len(pixels) - 1} more" if len(pixels) > 1 else ""),
                "Remove tracking pixel" + ("s" if len(pixels) > 1 else ""),
                evidence=tuple(f"image address {quote(p.destination, 60)} matches an open-tracking pattern" for p in pixels),
            )
