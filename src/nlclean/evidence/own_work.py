"""Evidence: the publisher plugging its own work (its podcast, book, guide, course, shop) at the email's end.

A creator's or a newsroom's newsletter closes with short plugs for the other
things it makes: "**On the Acme podcast this week:** a storage CEO on why
the future is underground. [Listen now](…)", "**My book is out!** 200 pages
on shipping small. [Get it for $19](…)", "Unser Buch ist in der 3. Auflage
erschienen. [Zum Shop](…)". SPEC row 3 counts a publisher selling its own
things as promotion whatever the label. None of these names a shop page or
a price every time, and the button's words are the publisher's own, so the
evidence is not a phrase but four facts together:

- **a work named as the publisher's own** (`owned_work`): a work noun
  (`[promotion].own_work_nouns`: podcast, episode, book, guide, course,
  shop, per language) after a first-person owner within two words ("my
  book", "our weekly podcast", "notre podcast", "unser Buch", "my 4-week
  course": `own_work_owners`; not in an idiom, "of course", "in my book":
  `own_work_idioms`), or right after one of the publisher's own
  names ("the Acme podcast", "The Rundown Pod": `publisher.publisher_words`,
  `newsletter_names`); or a link to a podcast app (`podcast_app_pieces`:
  `podcasts.<app>`, a show or episode page) beside the publisher's name;
- **a button**: the paragraph's links are short texts (at most
  `MAX_BUTTON_WORDS` words: "Listen now", "Order a signed copy"; longer
  only as the paragraph's last words) or an address on a line of its own, and they lead to one place: a single link,
  or links all to the publisher's own site or to podcast apps (or, in an
  email whose every line is a paragraph, an address a line or two below:
  `button_below`, and the plug takes those lines). A digest
  links to many sites; a link of a kind (a referral, subscribe or donation
  page) makes the paragraph an ask, which NL302 reads;
- **its place**: a paragraph of its own (no list's item, no linked title:
  a reading list's "- [Our episode on drive-in theatres](…)" links to the
  content) in the email's last lines, after the stories
  (`own_pages.in_the_last_lines`), where the plugs, asks and footer stand;
- **not the email's subject**: the email's title names no work noun (an
  episode's own email, whose "Listen on Apple Podcasts" is its content),
  and the paragraph does not report ("… said").

Near misses that stay: a story about someone else's book or podcast ("her
podcast", "his new book") names no work of the publisher's; the author's
own story that mentions "my book" in passing has no button and stands among
the stories; a podcast episode's email is about its work.

Unsafe (a judgement): NL103 removes the paragraph.
"""
from __future__ import annotations

import re

from ..inline_syntax import visible_text
from .links import resolve_url, split_url
from .own_pages import in_the_last_lines, own_host
from .promotion import reports, speaks_to_the_reader
from .publisher import newsletter_names, publisher_words

# A button's text is short: "Listen now", "Order a signed copy".
MAX_BUTTON_WORDS = 8
# A publisher's name shorter than this is spelled by chance.
MIN_NAME_CHARS = 4
# Words at most between an owner and its work ("my 4-week course", "our weekly podcast").
MAX_WORDS_BETWEEN = 2
# The email's title is in its first lines.
TITLE_LINES = 40
_TITLE_LINE = re.compile(r"^(?:#\s+|(?:title|subject):\s*)(.+)$", re.I)
# An address on a line of its own, after a short label ("Listen: https://…", "Join the waitlist: https://…").
_ADDRESS_LINE = re.compile(r"^\W{0,3}(?:(?:[^\W\d_]+\s+){0,3}[^\W\d_]+\W{0,2}\s*)?<?https?://\S+>?\s*$")
# Lines at most between the line that names the work and its address ("price, dates" / "Join: https://…").
MAX_LINES_TO_BUTTON = 2


def _compile(markers):
    """(owned-work regex, work-noun regex, podcast app pieces) of `[promotion]`."""
    promotion = markers.data.get("promotion", {})
    owners = sorted(promotion.get("own_work_owners", []), key=len, reverse=True)
    nouns = sorted(promotion.get("own_work_nouns", []), key=len, reverse=True)
    if not owners or not nouns:
        return None
    noun = "|".join(re.escape(n) for n in nouns)
    between = rf"(?:[^\W_][\w'’-]*\s+){{0,{MAX_WORDS_BETWEEN}}}"
    owned = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(o) for o in owners)})\s+{between}(?:{noun})(?!\w)", re.I)
    return (
        owned,
        re.compile(rf"(?<!\w)(?:{noun})(?!\w)", re.I),
        tuple(p.lower() for p in promotion.get("podcast_app_pieces", [])),
    )


def _patterns(markers):
    return markers.compiled("own_work_patterns", _compile)


def podcast_app_link(url: str, markers) -> bool:
    """Whether an address (a redirect read first) is a podcast app's page of a show or an episode."""
    compiled = _patterns(markers)
    if compiled is None:
        return False
    address = resolve_url(url).lower()
    return any(piece in address for piece in compiled[2])


def _names(doc, markers) -> tuple[str, ...]:
    """The publisher's names, lower-cased and run together: its sender's and
    sites' names (`publisher_words`: "gridandgauge"), the names it calls
    itself (`newsletter_names`), and the words of its masthead line (the
    email's first line with words and no link). A story's headline is no
    name of the publisher's."""
    key = ("own_work_names", 0)
    if key not in doc._cache:
        names = set(publisher_words(doc, markers))
        names.update(re.sub(r"[\W_]+", "", n.lower()) for n in newsletter_names(doc, markers))
        first = next((line for line in doc.lines[doc.body_start :] if any(ch.isalnum() for ch in line)), "")
        if "](" not in first and "://" not in first and not first.startswith("#"):  # a `#` title is the headline
            names.update(w.lower() for w in re.findall(r"[^\W\d_]+", visible_text(first)))
        names -= markers.words("sponsor", "not_a_name")
        doc._cache[key] = tuple(sorted(n for n in names if len(n) >= MIN_NAME_CHARS))
    return doc._cache[key]  # type: ignore[return-value]


def _names_the_publisher(word: str, names: tuple[str, ...]) -> bool:
    """Whether a word (or its stem: "Compounding", "Ledger's") is one of the
    publisher's names or a part of one ("Gauge" of "gridandgauge")."""
    word = word.lower().strip("'’-").removesuffix("'s").removesuffix("’s")
    stems = {word, word.removesuffix("ing"), word.removesuffix("s")}
    return any(len(w) >= MIN_NAME_CHARS and any(w in n for n in names) for w in stems)


def _idioms(markers) -> "re.Pattern":
    def build(m):
        idioms = sorted(m.data.get("promotion", {}).get("own_work_idioms", []), key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, idioms))})(?!\w)" if idioms else "(?!)", re.I)

    return markers.compiled("own_work_idioms", build)


def owned_work(doc, text: str, markers) -> str | None:
    """The words that name a work as the publisher's own ("my book", "the
    Acme podcast"), or None (see the module docs)."""
    compiled = _patterns(markers)
    if compiled is None:
        return None
    owned, noun, _ = compiled
    # "of course", "in my book": a work noun in an idiom names no work.
    text = _idioms(markers).sub(lambda m: " " * len(m.group(0)), text)
    m = owned.search(text)
    if m:
        return m.group(0)
    names = _names(doc, markers)
    if not names:
        return None
    for m in noun.finditer(text):
        before = re.findall(r"[^\W_][\w'’&-]*\s*$", text[max(0, m.start() - 40) : m.start()].lower())
        # "the Gauge podcast", "The Rundown Pod": a name of the publisher's right before the work.
        if before and any(_names_the_publisher(part, names) for part in before[0].strip().split("-")):
            return text[max(0, m.start() - 40) : m.end()].split("\n")[-1].strip()
    return None


def _title_names_a_work(doc, markers) -> bool:
    """Whether the email's title (its first heading, or its front matter's title
    or subject) names a work noun: then the email is about that work."""
    key = ("title_names_a_work", 0)
    if key not in doc._cache:
        compiled = _patterns(markers)
        found = False
        if compiled is not None:
            # The first title only: a books letter's sections ("## Book of the week") name works too.
            m = next((t for t in map(_TITLE_LINE.match, doc.lines[:TITLE_LINES]) if t), None)
            found = bool(m and compiled[1].search(visible_text(m.group(1))))
        doc._cache[key] = found
    return doc._cache[key]  # type: ignore[return-value]


def _buttons(doc, block, markers) -> list[str] | None:
    """The paragraph's buttons (short link texts, or an address on a line of
    its own), when every link is one and they lead to one place; else None."""
    source = doc.source(block)
    links = doc.links(block)
    texts = []
    for link in links:
        text = visible_text(source[link.text_start : link.text_end]).strip(" *_")
        closes = not any(ch.isalnum() for ch in visible_text(source[link.end :]))
        if not text or (len(text.split()) > MAX_BUTTON_WORDS and not closes):
            return None  # a story's linked words, not a button
        texts.append(text)
    bare = [line.strip() for line in source.split("\n") if _ADDRESS_LINE.match(line.strip()) and "](" not in line]
    texts.extend(bare)
    if not texts:
        return None
    urls = [link.destination for link in links] + [re.search(r"https?://\S+", b).group(0).rstrip(">") for b in bare]
    if any(markers.link_kind(u) is not None for u in urls):
        return None  # a referral, subscribe or donation page: an ask (NL302's), not a work
    if len(urls) > 1 and not all(own_host(doc, markers, u) or podcast_app_link(u, markers) for u in urls):
        return None  # links to several sites: a digest, or a story's sources
    return texts


def own_work_plug(doc, block, markers) -> list[str]:
    """Evidence that a paragraph plugs the publisher's own work, empty when it
    does not (see the module docs)."""
    if block.kind != "paragraph" or block.depth != 0 or not in_the_last_lines(doc, block.end):
        return []  # a list's item is one of a reading list's or a recirculation's links
    text = doc.visible(block)
    links = doc.links(block)
    if len(links) == 1 and visible_text(doc.source(block)[links[0].text_start : links[0].text_end]).strip(" *_") == text.strip(" *_"):
        return []  # a linked title ("Our episode on drive-in theatres"): a link to the content
    work = owned_work(doc, text, markers)
    if work is None:
        apps = [link.destination for link in doc.links(block) if podcast_app_link(link.destination, markers)]
        names = _names(doc, markers)
        low = text.lower()  # noqa
        if not apps or not any(_names_the_publisher(w, names) for w in re.findall(r"[^\W\d_][\w'’]*", low)):
            return []
        work = f"links to a podcast app ({split_url(resolve_url(apps[0])).hostname}) beside the publisher's name"
    else:
        work = f"names its own work: '{work}'"
    if _title_names_a_work(doc, markers):
        return []  # the email is about its work: its buttons are its content
    if reports(text, markers) and not speaks_to_the_reader(text, markers):
        return []
    buttons = _buttons(doc, block, markers)
    if buttons is None and button_below(doc, block, markers) is not None:
        buttons = [doc.lines[button_below(doc, block, markers) - 1].strip()]
    if buttons is None:
        return []
    return [work, "a button: " + ", ".join(f"'{b[:40]}'" for b in buttons[:2]), "in the email's last lines"]


def button_below(doc, block, markers) -> int | None:
    """The end of the plug's lines when its button is an address a line or two
    below it, in a run of one-line paragraphs (an email whose every line is
    a paragraph of its own: "THE FOCUSED WEEK — my course — reopens in
    January." / "Early-bird price $149." / "Join the waitlist: https://…");
    None otherwise. The lines between link nowhere, and nothing of the run
    follows the address line."""
    if block.end - block.start != 1 or "://" in doc.source(block):
        return None
    index = _top_level_index(doc).get(id(block))
    if index is None:
        return None
    below = doc.blocks[index + 1 : index + 2 + MAX_LINES_TO_BUTTON]
    previous = block
    for b in below:
        if b.kind != "paragraph" or b.start != previous.end or b.end - b.start != 1:
            return None
        line = doc.lines[b.start].strip()
        if _ADDRESS_LINE.match(line) and "](" not in line:
            url = re.search(r"https?://\S+", line).group(0).rstrip(">")
            after = doc.blocks[_top_level_index(doc)[id(b)] + 1] if b is not doc.blocks[-1] else None
            if markers.link_kind(url) is not None or (after is not None and after.start == b.end):
                return None  # an ask's page, or the run goes on: the line is one of a list
            return b.end
        if "://" in line or "](" in line:
            return None
        previous = b
    return None


def _top_level_index(doc) -> dict[int, int]:
    """Each top-level block's place among them (by id), once per document."""
    key = ("top_level_index", 0)
    if key not in doc._cache:
        doc._cache[key] = {id(b): i for i, b in enumerate(doc.blocks)}
    return doc._cache[key]  # type: ignore[return-value]
