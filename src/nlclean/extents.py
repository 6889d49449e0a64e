"""Where a block of noise ends.

SPEC row 1 defines the extents every removal rule shares: a heading takes its
section; a label line takes its block; a trailing label takes its item. The
rules decide *what* is noise; this module decides *how far* it goes, so all
rules end their blocks the same way and explain why they stopped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Document, reads_as_code
from .evidence.promotion import carrier_host, link_targets, shared_hosts, written_hosts
from .evidence.publisher import link_hosts, registrable, story_host
from .inline_syntax import is_archive_header, visible_text_without_urls
from .markers import Markers, load as load_markers

_COPYRIGHT = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.I)
_WORD = re.compile(r"[A-Z][\w'’-]{2,}")
# A date written in figures only ("14/01/2025"); dates with month names are `Markers.date_in`'s.
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")

# A paragraph longer than this with no link is prose, not an ad under a lone label.
LONG_PROSE_WORDS = 50
_NAME_DASH = re.compile(r"\S\s*[—–]|\s-\s")
# Why a lone label's ad stopped, when the block that stopped it is a story
# (the short line above that block may be the story's section rubric).
PROSE_STOP = "a long paragraph with no link (prose, not an ad)"
NEXT_LINE_STOP = "the next story's first line (no blank line between)"
# Why a label alone between two breaks takes what lies between: it stands as the ad's heading.
FRAME_STOP = "the break that closes the ad's frame (a break stands above its label)"


@dataclass(frozen=True)
class Extent:
    start: int  # first line (0-based)
    end: int  # line past the last
    why_it_ends: str


def is_footer_boundary(doc: Document, block: Block) -> bool:
    """A copyright line: the footer that SPEC keeps starts here, so no section runs past it."""
    return block.kind == "paragraph" and bool(_COPYRIGHT.match(doc.lines[block.start].lstrip("> ")))


def is_title_shaped(doc: Document, block: Block) -> bool:
    """A paragraph that opens a new item: one line that is a single link or all bold."""
    if block.kind != "paragraph" or block.end - block.start != 1:
        return False
    line = doc.lines[block.start].strip()
    if line.startswith("[") and line.endswith(")"):
        links = doc.top_links(block)
        return len(links) == 1 and links[0].start == doc.lines[block.start].index("[")
    return line.startswith(("**", "__")) and line.endswith(("**", "__")) and len(line) > 4


def sponsor_names(doc: Document, heading_text: str, blocks: list[Block], linked: list[Block] | None = None,
                  markers: Markers | None = None) -> set[str]:
    """Names an ad goes by: capitalised words of its heading or label repeated in
    its body, and the hosts of its links (other than redirectors) in `linked`
    (default: all the blocks). A host every story links through (the
    sender's click tracker on the publisher's domain) names nobody: with it,
    every story after the ad would "name the sponsor"."""
    markers = markers or load_markers()
    not_a_name = markers.words("sponsor", "not_a_name")
    body = " ".join(doc.source(b) for b in blocks)
    names = {w.lower() for w in _WORD.findall(heading_text) if w.lower() not in not_a_name and body.count(w) >= 2}
    shared = shared_hosts(doc, markers)
    for b in blocks if linked is None else linked:
        for host in link_hosts(doc, b, markers) - shared:
            name = registrable(host, markers)
            if len(name) > 2:
                names.add(name)
    return names


def is_date_line(doc: Document, block: Block, markers: Markers | None = None) -> bool:
    """A line that is only a date ("January 14, 2025", "Tue, 14 Jan 2025",
    "8 février 2025", "14/01/2025"), a weekday beside it or not: the issue's,
    never an ad's. Month names of every language: `Markers.date_in`."""
    if block.kind != "paragraph" or block.end - block.start != 1:
        return False
    text = visible_text_without_urls(doc.lines[block.start]).strip(" *_")
    if _NUMERIC_DATE.fullmatch(text):
        return True
    date = (markers or load_markers()).date_in(text)
    if date is None:
        return False
    rest = text.replace(date, " ", 1)
    return len(rest.split()) <= 1 and not any(ch.isdigit() for ch in rest)


def is_caps_heading(doc: Document, block: Block, markers: Markers | None = None) -> bool:
    """A short line in capitals that is not a call to action: a section heading
    of converted text ("WHAT I'M READING", "ONE QUESTION")."""
    return block.kind == "paragraph" and block.end - block.start == 1 and is_caps_line(doc.lines[block.start], markers)


def _caps_call_to_action(markers: Markers) -> "re.Pattern":
    """An all-caps call to action opening a line ("TRY IT FREE"): `[promotion].cta_verbs`."""
    def build(m: Markers) -> "re.Pattern":
        verbs = sorted((v.upper() for v in m.words("promotion", "cta_verbs")), key=len, reverse=True)
        return re.compile(rf"^\W*(?:{'|'.join(verbs) or '(?!)'})\b")

    return markers.compiled("caps_call_to_action", build)


def is_caps_line(line: str, markers: Markers | None = None) -> bool:
    """A short line in capitals that is not a call to action: an ad's call to
    action ("TRY IT FREE") belongs to the ad, it is no section heading."""
    text = visible_text_without_urls(line).strip(" *_#:")
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and len(text.split()) <= 8
        and not text.endswith((".", "!", "?", "→"))
        and not _caps_call_to_action(markers or load_markers()).match(text)
    )


def names_with_tagline(line: str) -> bool:
    """A sponsor's credit line in text: a name, a dash, a tagline (`Acme — ship
    faster`, `Acme Bank - cards for teams: URL`), the dash within its first
    five words."""
    words = visible_text_without_urls(line).split()
    return 0 < len(words) <= 24 and bool(_NAME_DASH.search(" ".join(words[:5])))


def is_sponsor_line(doc: Document, block: Block) -> bool:
    """A line of an ad's credits: short (`Acme — ship faster`), or only links."""
    if block.end - block.start != 1:
        return False
    text = visible_text_without_urls(doc.lines[block.start]).strip()
    words = text.split()
    if text.endswith((":", "：")):
        return False  # "Where to find us:" opens a list of its own
    if len(words) <= 12:
        return True
    return len(words) <= 24 and bool(_NAME_DASH.search(" ".join(words[:5])))


def is_code(doc: Document, block: Block) -> bool:
    """A block of code: a fence, an indented code block (prose a converter
    indented is parsed as prose), or a paragraph of code that lost its fence
    in a plain-text email (`reads_as_code`)."""
    if block.kind in ("fence", "code_block"):
        return True
    return block.kind == "paragraph" and reads_as_code(doc.lines[block.start : block.end])


def _names_sponsor(doc: Document, block: Block, names: set[str]) -> bool:
    if not names:
        return False
    text = doc.source(block).lower()
    return any(n in text for n in names)


# Words after an ad's last mention of its sponsor that make a part of their own
# (a puzzle, a story), not the ad's fine print.
MIN_TAIL_WORDS = 30


def _after_the_ad(doc: Document, inner: list[Block], names: set[str], own_addresses: set[str]) -> tuple[int, str] | None:
    """Where a labelled heading's ad ends inside its section, when the section
    goes on to something else: after the last block that promotes the
    sponsor (names it, or links where the label links), when the blocks
    after it never do and hold at least `MIN_TAIL_WORDS` words or code (a
    sponsored section's puzzle or story under the ad). None: the ad is the
    whole section, or nothing in it promotes the sponsor to tell."""
    def promotes(block: Block) -> bool:
        return _names_sponsor(doc, block, names) or not own_addresses.isdisjoint(link_targets(doc.source(block)))

    last = next((k for k in range(len(inner) - 1, -1, -1) if promotes(inner[k])), None)
    if last is None:
        # Nothing under the label promotes the sponsor, and nothing links
        # anywhere (an ad sends its reader somewhere): the label credits the
        # sponsor of a part that is not an ad ("Spot the Bug / Sponsored by Acme").
        if not (names or own_addresses) or any(link_targets(doc.source(b)) for b in inner):
            return None
        last = -1
    tail = [b for b in inner[last + 1 :] if b.kind != "hr"]
    if not tail:
        return None
    words = sum(len(doc.visible(b).split()) for b in tail if b.has_inline)
    # Code that lost its fence is not enough: a developer tool's ad shows its code, and
    # the ad ending before it left that code behind on newsletters no rule was written for.
    if words < MIN_TAIL_WORDS and not any(b.kind in ("fence", "code_block") for b in tail):
        return None
    if last < 0:
        return inner[0].start, "the label itself (nothing under it promotes the sponsor or links anywhere)"
    return inner[last + 1].start, "the last block that promotes the sponsor (what follows never names it)"


def section_extent(doc: Document, heading: Block, label_text: str = "", markers: Markers | None = None,
                   crosses_breaks: bool = True) -> Extent:
    """A top-level heading's section, as SPEC row 1 bounds it.

    It runs to the next heading of the same or a higher level. A thematic
    break ends it unless the block after the break still names the sponsor
    (never, when `crosses_breaks` is off: a judgement's section, whose
    "sponsor" may be the publisher named by every block after the break);
    a break with nothing after it inside the section goes with the section.
    A copyright line ends it (the footer SPEC keeps).
    """
    end = doc.section_end(heading)
    inner = doc.blocks_between(heading.end, end)
    # The ad's own links name it: those before its first break (a footer's
    # links after the break name the newsletter, not the sponsor).
    first_break = next((k for k, b in enumerate(inner) if b.kind == "hr"), len(inner))
    names = sponsor_names(doc, label_text or doc.visible(heading), inner, inner[:first_break], markers)
    own_addresses = set(link_targets(doc.source(heading)))
    for i, block in enumerate(inner):
        if is_footer_boundary(doc, block):
            return Extent(heading.start, block.start, "the copyright line that starts the footer")
        if block.kind == "hr":
            rest = inner[i + 1 :]
            if not rest:
                cut = _after_the_ad(doc, inner[:i], names, own_addresses)
                if cut is not None:
                    return Extent(heading.start, cut[0], cut[1])
                return Extent(heading.start, end, "the next heading (the break before it goes too)")
            # The stretch up to the next break: an ad's closing paragraphs may
            # name the sponsor only in their links or last sentence.
            stretch = []
            for b in rest:
                if b.kind == "hr":
                    break
                stretch.append(b)
            if crosses_breaks and any(_names_sponsor(doc, b, names) for b in stretch):
                continue
            return Extent(heading.start, block.start, "a thematic break after which the sponsor is not named")
    cut = _after_the_ad(doc, inner, names, own_addresses)
    if cut is not None:
        return Extent(heading.start, cut[0], cut[1])
    if end >= len(doc.lines):
        return Extent(heading.start, end, "the end of the document")
    return Extent(heading.start, end, f"the next heading of level {heading.level} or higher")


def label_block_extent(doc: Document, block: Block, label_only: bool, own_links_end_it: bool = True,
                       markers: Markers | None = None) -> Extent:
    """A label line without a heading takes its block. A label standing alone
    ("Together with Acme") also takes the ad under it: the following blocks,
    at most six, up to the first that `_lone_label_stop` says is no ad's. An
    ad links elsewhere: a block that links where the newsletter's stories
    link ends it (unless `own_links_end_it` is off: a puzzle links to the
    publisher's own site)."""
    target = block
    while target.parent is not None and target.parent.kind in ("list_item", "blockquote"):
        target = target.parent
        if target.kind == "list_item":
            break
    if not label_only or target.depth > 0:
        item = next_item_line(doc, target.start, target.end)
        # Text with no blank lines: the next story or section inside the
        # label's block ends the ad, as it ends a lone label's (the lines that
        # repeat the sponsor named under the label are the ad's).
        sponsor = sponsor_under_label(doc, target.start, markers)
        titles = target.kind == "paragraph"
        nxt = next((k for k in range(target.start + 1, target.end)
                    if opens_next_section(doc, k, markers, sponsor, numbered_titles=titles)), None)
        if nxt is not None and (item is None or nxt < item):
            return Extent(target.start, nxt, opens_next_section(doc, nxt, markers, sponsor, numbered_titles=titles) or "")
        if item is not None:
            text = visible_text_without_urls(doc.lines[item]).strip()
            return Extent(target.start, item, f"the next item's first line {text[:40]!r} (no blank line between)")
        return Extent(target.start, target.end, "the end of its block")
    end, why = target.end, "the end of its block"
    siblings = doc.blocks
    i = siblings.index(target) + 1
    taken = 0
    buttons: set[int] = set()  # the ad's call-to-action lines taken
    # The sponsor named on the line under the label ("In partnership with / KICKLINE"):
    # the lines that repeat it are the ad's, in capitals or as long as a story's.
    sponsor = sponsor_under_label(doc, target.end - 1, markers)
    sponsor_lines: set[int] = set()
    while i < len(siblings) and taken < 6:
        nxt = siblings[i]
        if taken and _is_ad_call_to_action(doc, nxt, doc.text[doc.offset(target.end) : doc.offset(end)], markers):
            # "[Try Acme →](…)" under the ad's text: its button, no next item's title.
            end, taken, i = nxt.end, taken + 1, i + 1
            buttons.add(nxt.start)
            continue
        glued = nxt.start == siblings[i - 1].end
        if glued and nxt.kind == "paragraph" and nxt.end - nxt.start == 1 and repeats_sponsor(doc.lines[nxt.start], sponsor):
            end, taken, i = nxt.end, taken + 1, i + 1
            sponsor_lines.add(nxt.start)
            continue
        why = _lone_label_stop(doc, nxt, taken, markers)
        if why is not None:
            break
        titles = nxt.kind == "paragraph"
        inner = next((k for k in range(nxt.start + 1, nxt.end)
                      if opens_next_section(doc, k, markers, sponsor, numbered_titles=titles)), None)
        if inner is not None:
            # Text with no blank lines: the next story or section glued under the ad's lines.
            end, why = inner, opens_next_section(doc, inner, markers, sponsor, numbered_titles=titles) or ""
            break
        if glued and not is_sponsor_line(doc, nxt):
            # Text with no blank lines: the ad is the label and its short sponsor
            # lines; the first line that reads as prose is the next story.
            why = NEXT_LINE_STOP
            break
        end = nxt.end
        taken += 1
        i += 1
    else:
        why = "the end of the document" if i >= len(siblings) else "the most blocks a lone label takes"
    home = (story_host(doc, markers) or carrier_host(doc)) if own_links_end_it else None
    if home and end > target.end:
        stopper = siblings[i] if i < len(siblings) else None
        first = siblings.index(target)
        if _is_boxed_ad(doc, siblings[first - 1] if first else None, target.end, end, stopper):
            # The publisher framed the ad: a break above its label and one below, little between.
            return Extent(target.start, end, FRAME_STOP)
        story = _first_story_under(doc, target, end, stopper, home, buttons, sponsor_lines)
        if story is not None:
            return story
    if why in (PROSE_STOP, NEXT_LINE_STOP) and end > target.end:
        rubric = doc.blocks_between(target.end, end)[-1]
        if is_rubric(doc, rubric):
            # The short line right above the story that ended the ad is that story's section rubric.
            text = visible_text_without_urls(doc.source(rubric)).strip(" *_#")
            return Extent(target.start, rubric.start, f"the next section's rubric '{text}' over {why}")
    return Extent(target.start, end, why)


def block_extent(doc: Document, block: Block) -> Extent:
    """A block found to be noise by itself (a paid link, a house plug): its
    list item, or its paragraph; with the heading above when the paragraph is
    all that heading's section holds (up to a thematic break)."""
    if block.depth > 0:
        node = block
        while node.parent is not None:
            if node.parent.kind == "list_item":
                return Extent(node.parent.start, node.parent.end, "the end of its list item")
            node = node.parent
        return Extent(block.start, block.end, "the end of its block")
    heading = next((h for h in reversed(doc.headings_between(0, block.start))), None)
    if heading is not None and not is_document_title(doc, heading):
        section = doc.blocks_between(heading.end, doc.section_end(heading))
        # A thematic break ends the heading's own part of a section that runs on to the footer.
        own = next((section[:k] for k, b in enumerate(section) if b.kind == "hr"), section)
        if own == [block]:
            return Extent(heading.start, block.end, "the end of the section it is all of")
    return Extent(block.start, block.end, "the end of its paragraph")


def is_rubric(doc: Document, block: Block) -> bool:
    """A section's rubric: one short line (at most four words) with no link and
    no sentence in it ("Tech News", "**On the Hill**")."""
    if block.kind != "paragraph" or block.end - block.start != 1 or doc.links(block) or "://" in doc.source(block):
        return False
    text = visible_text_without_urls(doc.lines[block.start]).strip(" *_#")
    return 0 < len(text.split()) <= 4 and not text.endswith((".", "!", "?", ",", ";", ":", "→")) and any(
        ch.isalpha() for ch in text
    )


def _lone_label_stop(doc: Document, nxt: Block, taken: int, markers: Markers | None = None) -> str | None:
    """Why a lone label's ad does not take `nxt`, if it does not: a heading or
    a break; the copyright line; the next item's title; the issue's date line;
    a section heading in capitals; a short line ending in a colon after the
    ad's first block (it opens the next part); a long paragraph with no link (an ad links
    to what it sells: that is the story, the label marked an ad image the
    conversion lost)."""
    if nxt.kind in ("heading", "hr"):
        return "a heading" if nxt.kind == "heading" else "a thematic break"
    if is_footer_boundary(doc, nxt):
        return "the copyright line"
    if taken and is_title_shaped(doc, nxt):
        return "the next item's title"
    if is_date_line(doc, nxt, markers):
        return "the issue's date line"
    if is_caps_heading(doc, nxt, markers):
        return "a section heading in capitals"
    if taken and _is_colon_rubric(doc, nxt):
        return "a short line ending in a colon (it opens the next part: \"Show notes:\")"
    if (
        nxt.kind == "paragraph"
        and len(doc.visible(nxt).split()) > LONG_PROSE_WORDS
        and not doc.links(nxt)
        and "://" not in doc.source(nxt)
    ):
        return PROSE_STOP
    return None


def _is_colon_rubric(doc: Document, block: Block) -> bool:
    """One short line, no link, ending in a colon: it opens what follows ("Show Notes:")."""
    if block.kind != "paragraph" or block.end - block.start != 1 or doc.links(block):
        return False
    text = visible_text_without_urls(doc.lines[block.start]).strip(" *_")
    return text.endswith((":", "：")) and 0 < len(text.split()) <= 4


# A line that opens a numbered item ("3. The next story", "2) …"), after a bullet or emoji at most.
_NUMBERED_ITEM = re.compile(r"^\W{0,2}\d{1,3}[.)]\s")
# Marks that open the items of a list that markdown does not parse as one ("・", "■", "▶").
_ITEM_MARK = re.compile(r"^\s*([^\w\s*_\[\](){}<>!#|`'\"“‘【（.,:;~\\])")


# A numbered title is a title: a few words, no question ("1. Which planet …?" is a quiz's).
MAX_NUMBERED_TITLE_WORDS = 12
# A line repeats the sponsor when it names it within its first words ("Download Kickline: …").
SPONSOR_WORDS_AT_START = 4
# The sponsor's name on its own line under the label: a few words, no sentence.
MAX_NAME_LINE_WORDS = 4


def opens_next_section(doc: Document, k: int, markers: Markers | None = None,
                       sponsor: frozenset[str] = frozenset(), numbered_titles: bool = True) -> str | None:
    """Whether line `k`, in text with no blank line before it (plain text, an
    email flattened into lines), starts the next story or section, and why:
    a numbered title (`21. The library cat`), a short line in capitals
    (`PULSE SCIENCE`). (A plain-text heading, `** TITLE` over dashes, is a
    heading block of its own: `Document` reads it as markdown does.) A line
    that repeats the sponsor named under an ad's label (`sponsor`, see
    `sponsor_under_label`: `KICKLINE`, `Kickline — free live odds`) is the
    ad's own, not the next section. Inside a list (`numbered_titles` off) a
    numbered line is the list's next item, no title. The one notion of "the
    next story" that a noise region in such text ends at (NL101's ads,
    NL301's games)."""
    line = doc.lines[k]
    if repeats_sponsor(line, sponsor):
        return None
    text = visible_text_without_urls(line).strip()
    if numbered_titles and _NUMBERED_ITEM.match(line) and len(text.split()) <= MAX_NUMBERED_TITLE_WORDS and not text.endswith(("?", "？")):
        return f"the next item's numbered title {line.strip(' *_')[:40]!r}"
    if is_caps_line(line, markers):
        return "a section heading in capitals"
    return None


def sponsor_under_label(doc: Document, label_line: int, markers: Markers | None = None) -> frozenset[str]:
    """The sponsor an ad's label names on the line right under it, when that
    line is only a name ("In partnership with / KICKLINE", "Oferecimento /
    LUMINA"): its words, lower-cased. Empty when that line is a sentence."""
    if label_line + 1 >= len(doc.lines):
        return frozenset()
    line = doc.lines[label_line + 1]
    text = visible_text_without_urls(line).strip(" *_#")
    if "://" in line or not 0 < len(text.split()) <= MAX_NAME_LINE_WORDS or text.endswith((".", "!", "?", ":", "：")):
        return frozenset()
    not_a_name = (markers or load_markers()).words("sponsor", "not_a_name")
    return frozenset(w for w in re.findall(r"\w{3,}", text.lower()) if w not in not_a_name)


def repeats_sponsor(line: str, sponsor: frozenset[str]) -> bool:
    """Whether a line names the sponsor within its first words: the ad's own
    line (`KICKLINE`, `Kickline — tagline`, `Download Kickline: URL`)."""
    if not sponsor:
        return False
    words = re.findall(r"\w+", visible_text_without_urls(line).lower())[:SPONSOR_WORDS_AT_START]
    return any(w in sponsor for w in words)


def next_item_line(doc: Document, first: int, end: int) -> int | None:
    """In a block of several lines that opens with an ad's label (text with
    no blank lines: plain text, hard-wrapped html), the first line that
    opens the next item: a numbered line ("3. …"), or a line opening with
    the same mark as the label line ("・【広告】…" then "・Story …")."""
    mark = _ITEM_MARK.match(doc.lines[first])
    for k in range(first + 1, end):
        line = doc.lines[k]
        if _NUMBERED_ITEM.match(line) or (mark is not None and line.lstrip().startswith(mark.group(1))):
            return k
    return None


def _is_ad_call_to_action(doc: Document, block: Block, ad_text: str, markers: Markers | None) -> bool:
    """A link alone on its line under an ad's text that is the ad's button:
    its text opens with a call to action's verb ("Try Acme →", "Get a
    quote") and ends in an arrow or names what the ad's text named. A
    title of the next item ("Build a compiler in Rust") names nothing of
    the ad."""
    if not is_title_shaped(doc, block) or not doc.top_links(block):
        return False
    text = visible_text_without_urls(doc.lines[block.start]).strip(" *_")
    words = text.rstrip(" →»›>").split()
    markers = markers or load_markers()
    if not words or len(words) > 6 or words[0].lower().strip("*_[") not in markers.words("promotion", "cta_verbs"):
        return False
    if text.endswith(("→", "»", "›")):
        return True
    not_a_name = markers.words("sponsor", "not_a_name")
    named = [w for w in _WORD.findall(" ".join(words[1:])) if w.lower() not in not_a_name]
    return any(w in ad_text for w in named)


def _first_story_under(doc: Document, target: Block, end: int, stopper: Block | None, home: str,
                       buttons: set[int] = frozenset(),  # type: ignore[assignment]
                       sponsor_lines: set[int] = frozenset()) -> Extent | None:  # type: ignore[assignment]
    """A block under a lone label that links where the newsletter's stories
    link is a story (the label may mark an ad the conversion lost, an image):
    the ad ends above it, and above the short byline line over it (never
    above the ad's own button, `buttons`). A line that repeats the sponsor
    named under the label (`sponsor_lines`) is the ad's wherever it links
    ("Download Kickline: <the sender's click tracker>")."""
    taken_blocks = doc.blocks_between(target.end, end)
    if stopper is not None:
        taken_blocks.append(stopper)  # the block that stopped it: a story's title?
    first_story = next((k for k, b in enumerate(taken_blocks)
                        if b.start not in sponsor_lines and home in link_hosts(doc, b) | written_hosts(doc, b)), None)
    if first_story is None:
        return None
    if first_story == 0 and _is_linked_image(doc, taken_blocks[0]):
        # The label's banner or logo links through the stories' redirector: it is
        # the ad's, and so are the blocks after it that name what it shows.
        names = {w for w in _WORD.findall(_IMAGE_ALT.search(doc.lines[taken_blocks[0].start]).group(1))}
        k = 1
        while k < len(taken_blocks) and taken_blocks[k].kind == "paragraph" and any(
            n in doc.visible(taken_blocks[k]) for n in names
        ):
            k += 1
        if k == len(taken_blocks) or taken_blocks[k].kind in ("hr", "heading"):
            return None
        return Extent(target.start, taken_blocks[k - 1].end, "the ad's image (its logo or banner) and the blocks after it that name what it shows")
    k = first_story
    while k > 0 and len(doc.visible(taken_blocks[k - 1]).split()) <= 4 and taken_blocks[k - 1].start not in buttons:
        k -= 1
    end = taken_blocks[k - 1].end if k > 0 else target.end
    return Extent(target.start, end, f"a story (it links to {home}, like the newsletter's stories)")


def framed_extent(doc: Document, label: Block) -> Extent | None:
    """A label line alone between two thematic breaks (`---` / `**Anzeige**` /
    the ad / `---`) stands as the ad's heading: the ad runs to the next break,
    when what lies between is the few short paragraphs of a framed ad slot
    (`_is_boxed_ad`). None when no break stands right above the label."""
    if label.depth > 0:
        return None
    above = doc.previous_block(label)
    if above is None or above.kind != "hr":
        return None
    inside = doc.blocks_between(label.end, len(doc.lines))
    closing = next((k for k, b in enumerate(inside) if b.kind != "paragraph"), None)
    if closing is None or closing == 0:
        return None
    end = inside[closing - 1].end
    if not _is_boxed_ad(doc, above, label.end, end, inside[closing]):
        return None
    return Extent(label.start, end, FRAME_STOP)


# A framed ad holds at most this many blocks and words under its label.
BOXED_AD_BLOCKS = 3
BOXED_AD_WORDS = 90


def _is_boxed_ad(doc: Document, above: Block | None, start: int, end: int, stopper: Block | None) -> bool:
    """A label with a thematic break right above it and one closing the few
    short blocks under it: the frame a newsletter draws around its ad slot.
    Everything in the frame is the ad, even where its links go through the
    same redirector as the stories' (many senders route every link so)."""
    if above is None or above.kind != "hr" or stopper is None or stopper.kind != "hr":
        return False
    taken = doc.blocks_between(start, end)
    if not taken or len(taken) > BOXED_AD_BLOCKS or any(b.kind not in ("paragraph",) for b in taken):
        return False
    return sum(len(doc.visible(b).split()) for b in taken) <= BOXED_AD_WORDS


_LINKED_IMAGE = re.compile(r"^\s*\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)\s*$")


_IMAGE_ALT = re.compile(r"!\[([^\]]*)\]")


def _is_linked_image(doc: Document, block: Block) -> bool:
    """A paragraph that is one linked image and nothing else: a banner, a logo."""
    return block.kind == "paragraph" and block.end - block.start == 1 and bool(_LINKED_IMAGE.match(doc.lines[block.start]))


def is_document_title(doc: Document, heading: Block) -> bool:
    """The newsletter's title: the first heading of the body, whose section is
    the whole newsletter. No label in it makes the newsletter an ad; the
    rules look at the blocks under it instead."""
    headings = doc.headings
    if not headings or headings[0] is not heading:
        return False
    end = doc.section_end(heading)
    if end >= len(doc.lines):
        return True
    # An archiver's header under the title ("**From:** …") belongs to the title.
    return any(is_archive_header(doc.lines[i]) for i in range(heading.end, min(end, heading.end + 8)))
