"""Where a link leads: one classifier, URL -> `LinkKind`, shared by every rule.

Noise links point where stories never link: an unsubscribe page, the
newsletter's own upgrade page, a share intent, an ad server. So the target
of a link is evidence for footers, asks, follow rows and ads alike, and it
is decided here, once.

## API
- `LinkKind`: the kinds, a small enum (`LinkKind.UNSUBSCRIBE`, …).
- `LinkClassifier(table)`: built from the `[links]` table of the marker
  data (`data/links.toml`); `classifier.kind(url) -> LinkKind | None`.
  `Markers.link_kind(url)` is the one every rule calls.
- `link_kind(url)`: the same with the built-in data, for scripts and tests.
- `resolve_url(url)`: the address a tracking redirect leads to, read
  offline when the redirect spells it out (a base64 path segment, Substack's
  `/redirect/2/<base64 JSON>`, a url-encoded `url=` parameter).
- `decoded_target(token)`: a base64 token read as an address, or None.
- `REDIRECT_HINTS`: what a line holds when a redirect in it may hide an
  address (for the rules' prefilters, `LinkClassifier.needles`).

## Reading a redirect
A redirector writes its target into the link in a few shapes, all read
offline: base64 of the address (`aHR0c…` is "http"), standard or url-safe
alphabet, padded or not, in any path segment (the tracker's own segments
may follow it) or query value; base64 of a query that carries the address
(`…?url=https%3A…`, `url=https://…`); a url-encoded `url=` / `u=` /
`target=` parameter. A decoded string counts only when it reads as an
address: a scheme and a host (or mailto:). A redirect to one of the
newsletter's own stories may encode a relative path
(`spring-report-2027`), and many redirects carry a random id that decodes
to some bytes: neither is an address, so such a link keeps its own (the
redirector's) host and reads as the stories' links do. (A host without a
scheme, `kettlebrook.app/try`, is not read: a relative path can look the
same.)

## How a URL is judged
The redirect is resolved first (and when its target is of no kind, the
link itself is tried: a share intent names the shared page in its `u=`),
then the kinds are tried in the order of
`LinkKind` (an unsubscribe page beats a preferences page, a share intent
beats a social profile), each by its patterns in `data/links.toml`:
`contains` (a literal piece of the lower-cased address; a piece ending in a
letter matches only where a path segment or host label ends, so
`/preferences` is not in `/preferences-of-readers`) and `shape_patterns` (for shapes:
a social *profile* is `x.com/<name>`, not `x.com/<name>/status/<id>`, which
is a story's link to a post).

Answers are remembered per URL until the next document (`memo.forget_all`).
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from enum import Enum
from urllib.parse import SplitResult, unquote, urlsplit

from .. import memo
from ..literal_sets import literal_set
from ..memo import TEXT_CHARS, remembered, remembered_method


class LinkKind(str, Enum):
    """What a link's target is, when it is one that stories do not link to.

    The order is the order of precedence when patterns of several kinds match."""

    UNSUBSCRIBE = "unsubscribe"  # leave the list
    PREFERENCES = "preferences"  # preferences, account, manage subscription
    WEB_VERSION = "web_version"  # view this email online / in the browser
    AD = "ad"  # ad servers and paid-placement parameters
    REFERRAL = "referral"  # referral programmes and their rewards
    SURVEY = "survey"  # surveys, polls, feedback forms
    SHARE = "share"  # share intents (post this link to a network)
    REACTION = "reaction"  # like / comment / restack actions of the platform
    APP_STORE = "app_store"  # app store pages and the platform's app
    SUBSCRIBE = "subscribe"  # the newsletter's own subscribe / upgrade / checkout / gift pages
    DONATE = "donate"  # donation and patronage pages (a donate page, Ko-fi, Patreon, Open Collective)
    SOCIAL = "social"  # a profile on a social network (not a post)
    PLATFORM = "platform"  # the sending platform's own site ("powered by …")
    # A sending platform's bare home page ("start and grow your newsletter:
    # https://buttondown.com"): its badge at an email's end, but a story about
    # the platform links there too, so it is evidence only in the tail.
    PLATFORM_HOME = "platform_home"


# Kinds no story links to: a line whose links are all of these kinds is machinery.
FOOTER_KINDS = frozenset(
    {LinkKind.UNSUBSCRIBE, LinkKind.PREFERENCES, LinkKind.WEB_VERSION, LinkKind.APP_STORE, LinkKind.PLATFORM}
)
# Kinds of link that lead to the newsletter's own pages (asks link there).
OWN_PAGE_KINDS = frozenset({LinkKind.SUBSCRIBE, LinkKind.REFERRAL, LinkKind.SHARE, LinkKind.DONATE})

# Kinds of a share / like / comment / restack icon link (email chrome).
ICON_KINDS = frozenset({LinkKind.SHARE, LinkKind.REACTION})

# Redirectors (Kit, beehiiv, The Atlantic's, …) carry the real target
# base64-encoded in a path segment ("aHR0c" is "http", "bWFpbHRv" "mailto"),
# or url-encoded in a query parameter; Substack's carries a base64 JSON
# object ("eyJ" is `{"`) whose "e" field is the target.
_BASE64_SEGMENT = re.compile(r"(?:aHR0c|bWFpbHRv)[A-Za-z0-9_\-+/]*=*")
_BASE64_JSON = re.compile(r"/(eyJ[A-Za-z0-9_\-+/]+=*)")
# A path segment or query value that may be base64 (either alphabet, padding
# optional); a shorter one holds no address.
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9_\-+]{8,}={0,2}")
# A query that carries the address url-encoded, in the link or decoded from
# it: "?u=https%3A…", "go?url=https%3A…", "url=https://…".
_ENCODED_TARGET = re.compile(r"(?:^|[?&])(?:url|u|target|redirect|dest|destination|r)=(https?(?:%3A|:)[^&\s]*)", re.I)
# What a decoded string must be to count as an address: a scheme and a host, or mailto:.
_WITH_SCHEME = re.compile(r"https?://[^\s/?#@]+[^\s]*|mailto:[^\s]+", re.I)
# Nothing but visible characters: a decoded id is bytes, an address is text.
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\ufffd]")
# What a line holds, lower-cased, when a redirect in it may hide an address:
# base64 of "http", of a JSON object ('{"'), of a query opening "url=http".
REDIRECT_HINTS = ("ahr0c", "eyj", "dxjspwh0dh")
# The standard alphabet's "/" splits a token over path segments: at most this many are read together.
_MAX_JOINED_SEGMENTS = 4
# Base64 of text holding "http" or "mailto" (either case) holds one of these,
# whichever of the three byte alignments the word falls on; a url holding none
# encodes no address, so its segments need no decoding (most story links).
_ADDRESS_IN_BASE64 = re.compile(
    r"aHR0c|h0dH|odHRw|SFRUU|hUVF|IVFRQ|bWFpbHRv|1haWx0b|tYWlsdG|TUFJTFRP|1BSUxUT|NQUlMVE"
)


def _b64(segment: str) -> str:
    """The text a base64 token encodes, or "" when it encodes no UTF-8 text."""
    seg = segment.replace("+", "-").replace("/", "_").rstrip("=")
    if len(seg) % 4 == 1:  # no base64 has this length
        return ""
    try:
        return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return ""


def _as_address(text: str) -> str | None:
    """`text` when it reads as an address (a scheme and a host, or mailto:), else None."""
    if text and _WITH_SCHEME.fullmatch(text) and not _CONTROL.search(text):
        return text
    return None


def decoded_target(token: str) -> str | None:
    """The address a base64 token encodes (itself, or the `url=` / `u=` /
    `target=` parameter of an encoded query); None when what it encodes is
    no address (a relative path, an id's bytes). Never raises."""
    text = _b64(token)
    found = _as_address(text)
    if found is None and text:
        m = _ENCODED_TARGET.search(text)
        if m:
            found = _as_address(unquote(m.group(1)))
    return found


def _token_target(url: str) -> str | None:
    """The first address a path segment (or a few read together) or a query
    value of `url` encodes in base64."""
    if not _ADDRESS_IN_BASE64.search(url):
        return None
    return _decode_tokens(url)


def _decode_tokens(url: str) -> str | None:
    """`_token_target` without its shortcut (tests hold the two equal)."""
    parts = split_url(url)
    segments = parts.path.split("/")
    for i, first in enumerate(segments):
        if not _BASE64_TOKEN.fullmatch(first):
            continue
        for j in range(min(len(segments), i + _MAX_JOINED_SEGMENTS), i, -1):
            found = decoded_target("/".join(segments[i:j]))
            if found:
                return found
    for pair in parts.query.split("&"):
        value = pair.partition("=")[2]
        if _BASE64_TOKEN.fullmatch(value):
            found = decoded_target(value)
            if found:
                return found
    return None


@remembered(4096, max_chars=TEXT_CHARS)
def resolve_url(url: str) -> str:
    """The address a redirect link leads to, when the redirector spells it out
    (base64 in a path segment, a base64 JSON token, or a url-encoded `url=`
    parameter); else the url itself. Nested redirects are followed."""
    return redirect_chain(url)[-1]


@remembered(4096, max_chars=TEXT_CHARS)
def redirect_chain(url: str) -> tuple[str, ...]:
    """The link and each address it spells out in turn, the last one the target."""
    chain = [url]
    for _ in range(3):  # a redirect inside a redirect, but never a loop
        target = _one_hop(chain[-1])
        if target in chain:
            break
        chain.append(target)
    return tuple(chain)


def _one_hop(url: str) -> str:
    m = _BASE64_JSON.search(url)
    if m:
        token = m.group(1).split(".")[0]  # a signed token: payload.signature
        try:
            payload = json.loads(_b64(token))
        except ValueError:
            payload = None
        if isinstance(payload, dict):
            for key in ("e", "url", "u", "target"):
                value = payload.get(key)
                if isinstance(value, str) and _WITH_SCHEME.fullmatch(value):
                    return value
    m = _BASE64_SEGMENT.search(url)
    found = decoded_target(m.group(0)) if m else None
    if found is None:
        m = _ENCODED_TARGET.search(url)
        found = _as_address(unquote(m.group(1))) if m else None
    return found or _token_target(url) or url


_NO_PARTS = SplitResult("", "", "", "", "")


def split_url(url: str) -> SplitResult:
    """`urlsplit` that never raises: a sender's link can be anything, and
    `urlsplit` rejects some of it (`http://[::1/log`, an unclosed bracketed
    host) with a ValueError. A link that cannot be split has no parts."""
    try:
        return urlsplit(url)
    except ValueError:
        return _NO_PARTS


def url_piece_pattern(piece: str) -> str:
    """A literal piece of an address that ends in a letter matches only where a
    path segment or host label ends: "/preferences" is in ".../preferences?u=1"
    but not in the story slug ".../preferences-of-readers"."""
    body = re.escape(piece.lower())
    return body + r"(?![\w-])" if piece[-1:].isalnum() else body


class LinkClassifier:
    """URL -> `LinkKind`, from the `[links]` table: `[links.<kind>]` with
    `contains` (literal pieces) and `shape_patterns` (regular expressions;
    those of a user's file run on RE2), matched against the lower-cased,
    resolved address."""

    def __init__(self, table: dict) -> None:
        self._patterns: list[tuple[LinkKind, re.Pattern]] = []
        self._pieces: dict[LinkKind, tuple[str, ...]] = {}
        self._has_regex: set[LinkKind] = set()
        from ..markers import _builtin_data, linear_pattern

        builtin = _builtin_data().get("links", {})
        for kind in LinkKind:
            entry = table.get(kind.value, {})
            shapes = entry.get("shape_patterns", [])
            ours = set(builtin.get(kind.value, {}).get("shape_patterns", []))
            alternatives = [url_piece_pattern(p) for p in entry.get("contains", [])]
            alternatives += [f"(?:{r})" for r in shapes if r in ours]
            self._pieces[kind] = tuple(p.lower() for p in entry.get("contains", []))
            if shapes:
                self._has_regex.add(kind)
            if alternatives:
                self._patterns.append((kind, re.compile("|".join(alternatives))))
            # A user's pattern runs on RE2: it cannot backtrack for minutes.
            for r in shapes:
                if r not in ours:
                    self._patterns.append((kind, linear_pattern(r, ignore_case=False)))
        # The same patterns kind by kind, for `_classify`: (kind, the regex of
        # its literal pieces, the regexes of its shapes). A piece's regex can
        # only match an address that holds the piece, so it is asked only of
        # an address that does (`_kinds_with_pieces`).
        self._by_kind: list[tuple[LinkKind, re.Pattern | None, list]] = []
        for kind in LinkKind:
            entry = table.get(kind.value, {})
            pieces = [url_piece_pattern(p) for p in entry.get("contains", [])]
            shapes = entry.get("shape_patterns", [])
            ours = set(builtin.get(kind.value, {}).get("shape_patterns", []))
            own = [f"(?:{r})" for r in shapes if r in ours]
            self._by_kind.append((kind, re.compile("|".join(pieces)) if pieces else None,
                                  ([re.compile("|".join(own))] if own else [])
                                  + [linear_pattern(r, ignore_case=False) for r in shapes if r not in ours]))
        self._piece_set: object = None  # built when first asked (None: not yet; False: cannot)
        self._kind = remembered_method(self._classify, 4096, max_chars=TEXT_CHARS)

    def needles(self, kinds) -> tuple[str, ...]:
        """Substrings one of which a line must hold to link to one of `kinds`:
        for a rule's cheap prefilter. A redirect may hide any address, so its
        markers are in (`REDIRECT_HINTS`); a kind matched by shape ("regex")
        contributes its hosts' common piece, "://"."""
        pieces = [p for kind in kinds for p in self._pieces.get(kind, ())]
        if any(kind in self._has_regex for kind in kinds):
            pieces.append("://")
        return tuple(dict.fromkeys((*pieces, *REDIRECT_HINTS)))

    def kind(self, url: str) -> LinkKind | None:
        """The kind of the link's target, or None for an ordinary link (a story's)."""
        return self._kind(url)

    def kinds_of(self, url: str) -> frozenset[LinkKind]:
        """Every kind whose patterns match (for evidence that names them all)."""
        low = resolve_url(url).lower()
        return frozenset(kind for kind, regex in self._patterns if regex.search(low))

    def _classify(self, url: str) -> LinkKind | None:
        # The target first; then the addresses before it, for a link whose
        # parameter names another address (a share intent's `u=` is the shared page).
        # Kind by kind in order, as `_patterns` are: the first kind any of whose
        # pieces or shapes matches (a kind's own regex is their alternation).
        for address in reversed(redirect_chain(url.strip())):
            low = address.lower()
            with_pieces = self._kinds_with_pieces(low)
            for kind, pieces, shapes in self._by_kind:
                if pieces is not None and (with_pieces is None or kind in with_pieces) and pieces.search(low):
                    return kind
                for shape in shapes:  # (most kinds have none: no generator to build)
                    if shape.search(low):
                        return kind
        return None

    def _kinds_with_pieces(self, low: str) -> "set[LinkKind] | None":
        """The kinds one of whose literal pieces the lower-cased address holds,
        by one RE2::Set pass over its UTF-8 bytes (a regex per kind tried at
        every position of every address was most of the classifier's time);
        None when that cannot be told (then every kind is asked). A Set
        answers nothing when its automaton runs out of memory: an address it
        finds nothing in is searched again by one regex of every piece."""
        if self._piece_set is None:
            self._piece_set = self._build_piece_set()
        if not self._piece_set or not memo.SHORTCUTS:
            return None
        piece_set, set_kinds, every_piece = self._piece_set
        try:
            data = low.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            return None
        hits = piece_set.Match(data)
        if hits:
            return {set_kinds[i] for i in hits}
        return None if every_piece.search(data) is not None else set()

    def _build_piece_set(self):
        """(RE2 Set of each kind's pieces, the kind of each Set pattern, an RE2
        regex of every piece); False when RE2 cannot compile them."""
        set_kinds = [kind for kind in LinkKind if self._pieces.get(kind)]
        built = literal_set([list(self._pieces[kind]) for kind in set_kinds])
        return (built[0], set_kinds, built[1]) if built else False


def link_kind(url: str) -> LinkKind | None:
    """The kind of `url` by the built-in data (`Markers.link_kind` in a rule)."""
    from .. import markers

    return markers.load().link_kind(url)
