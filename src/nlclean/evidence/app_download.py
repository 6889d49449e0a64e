"""The newsletter's own app-download row: "Get the app" in any language.

## What it catches
A paragraph near the email's end whose links are the two app stores, one
for Apple's phones and one for Android, side by side:

    📱 **Take the Almanac with you.** Alerts and saved stories.
    [Download on the App Store](https://t.example/c/a1) | [Get it on Google Play](https://t.example/c/a2)

The stores are known where a link leads (`apps.apple.com`,
`play.google.com`: `[links.app_store]`) or, behind a sender's click
tracker, by the platform its label names (`iOS`, `iPhone`, `App Store`,
`Android`, `Google Play`: `app_platforms_apple` and `app_platforms_google`
in `[footer]` of the data). Those are proper names, the same in every
language, so "Baixe o app [iOS](…) · [Android](…)" and "Descarga la app
[App Store](…) · [Google Play](…)" are caught with no word of Portuguese or
Spanish. A short lead-in paragraph of its own right above the row, with no
link ("**Never miss a deal.** Get alerts in our app."), goes with it.

## Why
SPEC row 4 counts app-store badges as footer: the ask to install the
sender's app is email machinery, not the issue's content.

## What stays
A story about an app's launch that links to its store page stands among
the stories, not in the email's last lines (`own_pages.in_the_last_lines`)
below the last heading, or right under its own headline (a short email is
all last lines, and its last story may be the app's), or links one store, or says more than a row does (`MAX_ROW_WORDS`); a row
with a link to anything but a store (a story's page) is no app row.

## Fix safety
Unsafe: the row is known by its links and its place, a judgement.
"""
from __future__ import annotations

import re

from ..inline_syntax import visible_text_without_urls
from .links import LinkKind
from .own_pages import in_the_last_lines

# Words of a row beside its store labels: a pitch of a sentence or two.
MAX_ROW_WORDS = 40
# Words of a lead-in paragraph above a row that has none of its own.
MAX_LEAD_IN_WORDS = 25
_WORD = re.compile(r"\w+")


def _platform(markers, label: str, url: str) -> str | None:
    """"apple" or "google" where a link leads to that store or its label names the platform."""
    lowered = f" {' '.join(_WORD.findall(label.lower()))} "
    for platform in ("apple", "google"):
        if any(f" {name} " in lowered for name in markers.words("footer", f"app_platforms_{platform}")):
            return platform
    if markers.link_kind(url) is LinkKind.APP_STORE:
        return "apple" if "apple" in url.lower() else "google" if "google" in url.lower() else None
    return None


def app_row(doc, markers, block) -> str | None:
    """Why `block` is the newsletter's own app-download row, or None."""
    if block.kind != "paragraph" or not in_the_last_lines(doc, block.end) or not _after_the_stories(doc, block):
        return None
    source = doc.source(block)
    links = [link for link in doc.links(block) if not link.is_image]
    if len(links) < 2:
        return None
    platforms = set()
    for link in links:
        platform = _platform(markers, source[link.text_start : link.text_end], link.destination)
        if platform is None:
            return None  # a link to anything but a store: a story's row
        platforms.add(platform)
    if platforms != {"apple", "google"}:
        return None
    if len(_WORD.findall(visible_text_without_urls(source))) > MAX_ROW_WORDS:
        return None
    return "links to both app stores, in the email's last lines"


def _after_the_stories(doc, block) -> bool:
    """No heading stands below the row, and none right above it: a paragraph
    under a headline is that story's, and a short email is all last lines."""
    above = [b for b in doc.blocks if b.end <= block.start]
    if above and above[-1].kind == "heading":
        return False
    return not any(b.kind == "heading" and b.start >= block.end for b in doc.blocks)


def row_words_besides_labels(doc, block) -> int:
    """Words a row says besides its links' labels (separators are none)."""
    source = doc.source(block)
    links = [link for link in doc.links(block) if not link.is_image]
    labels = sum(len(_WORD.findall(source[link.text_start : link.text_end])) for link in links)
    return max(0, len(_WORD.findall(visible_text_without_urls(source))) - labels)


def lead_in_above(doc, block) -> object | None:
    """The short paragraph right above an app row that has no words but its
    links' labels, when it holds no link: the row's pitch."""
    blocks = [b for b in doc.blocks if b.end <= block.start]
    if not blocks:
        return None
    above = blocks[-1]
    if above.kind != "paragraph" or any(doc.lines[k].strip() for k in range(above.end, block.start)):
        return None
    if doc.links(above) or len(_WORD.findall(doc.visible(above))) > MAX_LEAD_IN_WORDS:
        return None
    return above
