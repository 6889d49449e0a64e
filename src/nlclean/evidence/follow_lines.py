"""Evidence: a follow line, a lead-in whose only job is the row of profile links after it.

- `follow_line(markers, line)`: one line that is a lead-in asking the
  reader to follow the newsletter, ending in a colon, and after it nothing
  but one to four links or bare addresses, with at most separators and short
  names between them: "Siga a Gazeta: [Instagram](…) | [Podcast](…)",
  "Síguenos en Mastodon y Telegram: https://… · https://…", "Follow
  Alder Weekly: Mastodon ( https://… ) | Photo club ( https://… )",
  "Instagramでも写真を公開中：https://…". The row is a follow
  row when every address is a social profile (link classifier) or a social
  network is named (in the lead-in, as a link's text, or as a name beside an
  address), whatever click tracker or host is behind it.
- `follow_lead_in_line(markers, line)`: such a lead-in alone on its line
  ("Keep in touch with Brookfield Library:") over lines that are rows
  (`row_line`: "Facebook: https://…").

The lead-in asks: it opens with a follow phrase or speaks as the publisher
or to the reader (`[asks].follow` per language), or, in Chinese or Japanese, where the verb comes last, it holds a follow
phrase anywhere and names a network ("Instagramでも写真を公開中：",
"on Instagram too"). "Follow the money: [the filing](…)" names no network
and links no profile; "The senator wrote on X: [her post](…)" opens with no
follow phrase; "Xで話題になった記事：…" (an article that
trended on X) holds no follow phrase: all stay. The lead-in and its row
stand in the email's last lines (the caller's test).
"""
from __future__ import annotations

import re

from ..inline_syntax import BARE_ADDRESS, address_spans, visible_text, visible_text_without_urls
from .asks import word_count
from .links import LinkKind

# A lead-in is one short line (CJK words counted two characters a word).
MAX_LEAD_IN_WORDS = 12
# A follow row holds at most this many addresses, and a name beside one at most this many words.
MAX_ROW_ADDRESSES = 4
MAX_NAME_WORDS = 2
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.]*")
_DECORATION = " \t*_#>-•·■□◆◇▶▼►●○[("
_SEPARATORS = " \t|·•,/-–—()[]:;"
_COLONS = (":", "：")


def _pieces(line: str) -> "tuple[str, list[str], list[str]] | None":
    """A line cut at its first link or bare address: the visible text before
    it, the addresses (link targets, images left out, and bare addresses), and
    the words left between and after them. None when the line holds none."""
    found = address_spans(line)  # links (not images), then the bare addresses outside them
    if not found:
        return None
    first = min(address.start for address in found)
    lead = line[:first]
    urls = [address.url for address in found]
    links = [address.link for address in found if address.link is not None]
    outside, pos = [], first
    for link in sorted(links, key=lambda l: l.start):
        if link.start < pos:
            continue  # a link nested in one already read
        outside.append(line[pos:link.start])
        outside.append(" " + visible_text_without_urls(line[link.text_start:link.text_end]) + " ")
        pos = link.end
    outside.append(line[pos:])
    tail = "".join(outside)
    names = [n.strip(_SEPARATORS) for n in re.split(r"[|·•,/]|\s[-–—]\s|[()\[\]]", BARE_ADDRESS.sub(" | ", tail))]
    lead = visible_text(lead).rstrip(" ([")
    # "Follow Alder Weekly: Mastodon ( https://… )": the first address's name stands after the colon.
    colon = max(lead.rfind(":"), lead.rfind("："))
    if colon >= 0 and lead[colon + 1:].strip() and len(lead[colon + 1:].split()) <= MAX_NAME_WORDS:
        names.insert(0, lead[colon + 1:].strip(_SEPARATORS))
        lead = lead[: colon + 1]
    return lead, urls, names


def _names_a_network(markers, text: str) -> bool:
    """Whether a text names a social network as a word of its own ("X", "Twitter", "Instagram")."""
    return any(markers.is_follow_text(w.strip(".")) for w in _LATIN_WORD.findall(text))


def _asks_to_follow(markers, lead: str) -> "str | None":
    """How a lead-in asks the reader to follow: its phrase where it opens with
    one or speaks as the publisher or to the reader; in Chinese or Japanese,
    a network it names. None otherwise."""
    text = lead.strip(_DECORATION)
    if not text.rstrip(" *_").endswith(_COLONS) or word_count(text) > MAX_LEAD_IN_WORDS:
        return None
    phrase = markers.ask_phrase(text, "follow")
    if phrase is None:
        return None
    if text.lower().startswith(phrase.lower()) or markers.ask_phrase(text, "publisher") or markers.ask_phrase(text, "reader"):
        return f"phrase '{phrase}'"
    if _CJK.search(text) and _names_a_network(markers, text):
        # The verb comes last: "Instagramでも写真を公開中：", the network named.
        return f"phrase '{phrase}' beside the network it names"
    return None


def _a_row(markers, urls: list[str], names: list[str], lead: str) -> "str | None":
    """Whether addresses with the words beside them make a follow row: one to
    `MAX_ROW_ADDRESSES` addresses, names of at most `MAX_NAME_WORDS` words,
    and every address a social profile or a network named."""
    if not 1 <= len(urls) <= MAX_ROW_ADDRESSES:
        return None
    names = [n for n in names if any(ch.isalnum() for ch in n)]
    if any(len(n.split()) > MAX_NAME_WORDS for n in names):
        return None
    if all(markers.link_kind(url) is LinkKind.SOCIAL for url in urls):
        return "every address is a social profile"
    if any(markers.is_follow_text(n) for n in names) or _names_a_network(markers, lead):
        return "a social network is named beside its addresses"
    return None


def follow_line(markers, line: str) -> "tuple[str, str] | None":
    """A lead-in that asks the reader to follow, ending in a colon, and a row
    of profile links after it on the same line: how the lead-in asks, and
    what makes the rest a follow row. None otherwise."""
    pieces = _pieces(line)
    if pieces is None:
        return None
    lead, urls, names = pieces
    asked = _asks_to_follow(markers, lead)
    if asked is None:
        return None
    row = _a_row(markers, urls, names, lead)
    return (asked, row) if row is not None else None


def follow_lead_in_line(markers, line: str) -> "str | None":
    """A lead-in alone on its line that asks the reader to follow, ending in
    a colon ("Keep in touch with Brookfield Library:"): how it asks, or None."""
    if "://" in line:
        return None
    return _asks_to_follow(markers, visible_text(line))


def row_line(markers, line: str) -> "str | None":
    """A line of a follow row under its lead-in: addresses with at most
    short names beside them ("Facebook: https://…", "[Instagram](…)"), one
    of them a social profile or named for a network. None otherwise."""
    pieces = _pieces(line)
    if pieces is None:
        return None
    lead, urls, names = pieces
    if lead.strip(_DECORATION + ":："):
        names = [lead.strip(_DECORATION + ":：")] + names
    return _a_row(markers, urls, names, "")
