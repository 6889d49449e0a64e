"""NL401 raw-html: html left in the markdown.

## What it does
Turns raw html into the markdown it stands for: the tags go and their text
stays; `<a href>` becomes a markdown link, `<img src>` a markdown image
(dropped when it is a tracking pixel: 1×1, or an open-tracking address),
`<br>` a line break; `<script>` and `<style>` go with their content; html
comments go, except nlclean's own suppression comments. A paragraph that is
only a comment's close (`-->` alone, its opening and the conditional it held
dropped by the conversion) goes too; an arrow in a sentence, or a `-->` that
opens a paragraph's first line, is text and stays.

## Why is this bad?
Html in markdown is left over from the email; most markdown tools show it
as text or drop it unpredictably.

## Example
`Read <a href="https://x.example/a">the <b>report</b></a>.<br>Thanks`
becomes `Read [the report](https://x.example/a).\\` + newline + `Thanks`.

## Fix safety
Safe: no text is lost; the words that stay are the words the html showed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..findings import Edit, Finding
from ..guard import separator
from ..inline_syntax import (
    HTML_TAG,
    all_links,
    code_spans,
    container_prefix,
    is_escaped,
    is_protected,
    markup_escape_at,
    merge_spans,
    opens_block,
)
from ..markers import lines_holding
from ..suppression import DIRECTIVE
from .base import Rule

# An unclosed element gives up at the next opening of the same element, so a
# run of `<script>`s never rescans the rest of the text from each of them.
_DROP_WITH_CONTENT = re.compile(r"<(script|style|head|title)\b[^<>]*>(?:(?!<\1\b).)*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Pieces of Outlook's conditional comments (`<!--[if mso]>` … `<![endif]-->`)
# that the rest of their comment did not come with, and, in an html block, a
# `<!--` that nothing closes: left in the output, one opens a comment that
# hides everything after it.
_CONDITIONAL_PIECE = re.compile(r"<!--\[if\b[^\]>]*\]>(?:<!-->)?|<!\[endif\]-->|<!\[if\b[^\]>]*\]>|<!\[endif\]>", re.I)
_OPEN_COMMENT = re.compile(r"<!--")
_ATTR = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_TAGS = frozenset(
    "p div table tbody thead tfoot tr ul ol li h1 h2 h3 h4 h5 h6 blockquote section article header footer "
    "center body html main nav aside figure figcaption dl dt dd hr pre form".split()
)
_CELL_TAGS = frozenset({"td", "th"})
# The elements email html is written with (layout, formatting, Outlook's `o:`
# and `v:` namespaces). A tag of another name (`<iframe sandbox>`,
# `<input type="file">`, `Promise<void>`) standing alone in a sentence is
# something the story talks about, not html left over from the email.
_EMAIL_TAGS = _BLOCK_TAGS | _CELL_TAGS | frozenset(
    "a img br span font b i u s em strong small big sup sub strike del ins mark code tt kbd q cite abbr "
    "wbr col colgroup caption style script head title meta link base o v w xml picture source map area "
    "label time address bdi bdo".split()
)


def _attr(tag: str, name: str) -> str | None:
    m = re.search(_ATTR.format(name=name), tag, re.I)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def _is_pixel(tag: str, src: str, markers) -> bool:
    w, h = _attr(tag, "width"), _attr(tag, "height")
    tiny = w in ("0", "1", "1px") and h in ("0", "1", "1px")
    return tiny or markers.is_pixel_url(src) or "display:none" in tag.replace(" ", "").lower()


def _destination(url: str) -> str:
    """A url as a markdown link destination. One with spaces, brackets or
    parentheses goes in `<…>` (`%20` would write a word, "20", that the input
    did not have)."""
    if not re.search(r"[\s<>()\\]", url):
        return url
    return "<" + re.sub(r"([<>\\])", r"\\\1", " ".join(url.split())) + ">"


def _join(left: str, right: str) -> str:
    """Join text around a removed tag without gluing two words into one."""
    return left + separator(left, right) + right


def _tag_name(tag: str) -> str:
    m = _NAME.match(tag)
    return m.group(1).lower() if m else ""


def named_in_prose(tags: list[str]) -> frozenset[str]:
    """Names of the tags among `tags` (one block's) that its text talks about:
    not an element email html is written with, and not opened and closed in
    the block (a pair is html, whatever its name)."""
    opened = {_tag_name(t) for t in tags if not t.startswith("</")}
    closed = {_tag_name(t) for t in tags if t.startswith("</")}
    return frozenset(n for n in opened ^ closed if n and n not in _EMAIL_TAGS)


def html_to_markdown(html_text: str, markers, *, block: bool, prose: frozenset[str] = frozenset()) -> str:
    """The markdown that html stands for. `block`: an html block (tags of block
    elements become line breaks) rather than inline html inside a paragraph.
    `prose`: names of tags the text talks about (`named_in_prose`), which stay
    as text, escaped so that a reader sees them."""
    text = _DROP_WITH_CONTENT.sub(" ", html_text)
    # No comment closes after the last `-->`: leaving that tail out of the search
    # keeps unclosed `<!--`s from each rescanning it. A conditional comment
    # closed in the text goes whole, what it holds included (it is for Outlook).
    last_closer = text.rfind("-->")
    head_end = last_closer + 3 if last_closer != -1 else 0
    head = _COMMENT.sub(lambda m: m.group(0) if DIRECTIVE.fullmatch(m.group(0)) else "\x00", text[:head_end])
    tail = _CONDITIONAL_PIECE.sub("\x00", text[head_end:])
    text = _CONDITIONAL_PIECE.sub("\x00", head) + (_OPEN_COMMENT.sub("\x00", tail) if block else tail)
    out: list[str] = []
    link_stack: list[tuple[int, str | None]] = []
    pos = 0
    for m in HTML_TAG.finditer(text):
        if m.group(0).startswith("<!--"):
            continue  # a kept suppression comment
        out.append(text[pos : m.start()])
        pos = m.end()
        tag = m.group(0)
        name = _tag_name(tag)
        closing = tag.startswith("</")
        if name in prose:
            out.append("\\" + tag)
        elif name == "a":
            if not closing:
                link_stack.append((len(out), _attr(tag, "href")))
                out.append("")
            elif link_stack:
                at, href = link_stack.pop()
                inner = "".join(out[at + 1 :]).strip()
                del out[at:]
                if href and inner:
                    out.append(f"[{inner}]({_destination(href)})")
                else:
                    out.append("\x00" + inner + "\x00")  # the tags go; their text stays apart from its neighbours
            else:
                out.append("\x00")  # a stray </a>
        elif name == "img" and not closing:
            src = _attr(tag, "src")
            if src and not _is_pixel(tag, src, markers):
                out.append(f"![{_attr(tag, 'alt') or ''}]({_destination(src)})")
            else:
                out.append("\x00")  # a dropped image: the words on its sides stay apart
        elif name == "br":
            out.append("\n" if block else "\\\n")
        elif block and name in _BLOCK_TAGS:
            out.append("\n\n")
        elif name in _CELL_TAGS:
            out.append(" ")
        else:
            out.append("\x00")  # a removed inline tag: resolved by _join below
    out.append(text[pos:])
    while link_stack:  # an <a> never closed: keep its text
        at, _ = link_stack.pop()
        out[at] = "\x00"
    joined = "".join(out)
    pieces = joined.split("\x00")
    result = pieces[0]
    for piece in pieces[1:]:
        result = _join(result, piece)
    if not block:
        return result
    lines = [line.strip() for line in result.split("\n")]
    tidy: list[str] = []
    for line in lines:
        if not line and (not tidy or not tidy[-1]):
            continue
        # Text that was inside html is not markdown: keep it from becoming a heading, a list or a fence.
        tidy.append(_as_text(line))
    return "\n".join(tidy).strip("\n")


class RawHtml(Rule):
    code = "NL401"
    name = "raw-html"
    family = "html"
    summary = "Raw html block or inline tag (converted to markdown)"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        # Prefilter: the lines with a `<`, found once, spare joining every block's source.
        tag_lines = lines_holding(doc.text, ("<",), doc.line_starts)
        closer_lines = lines_holding(doc.text, ("-->",), doc.line_starts)
        for block in doc.all_blocks:
            if block.kind == "paragraph" and closer_lines.touches(block.start, block.end) and _is_lone_closer(doc, block):
                yield ctx.remove_lines(
                    "html comment close '-->' with no comment", block.start, block.end, "Remove the stray '-->'",
                    evidence=("a paragraph that is only a comment's close: the conversion dropped its opening and text",),
                )
            elif block.kind == "html_block":
                yield from self._html_block(ctx, block)
            elif block.has_inline and tag_lines.touches(block.start, block.end):
                yield from self._inline(ctx, block)

    def _html_block(self, ctx, block) -> Iterator[Finding]:
        doc = ctx.doc
        source = doc.source(block).rstrip("\n")
        if DIRECTIVE.fullmatch(source.strip()):
            return
        if block.parent is None:
            converted = html_to_markdown(source, ctx.markers, block=True)
        else:
            converted = _convert_nested(source, ctx.markers)
            if converted is None:
                return
        if converted == source:
            return
        if converted.strip() and block.end < len(doc.lines) and _runs_on(doc.lines[block.end]):
            # The block ended at its closer (`-->`, `</pre>`), not at a blank line: as text it would run on
            # into the next line, and an html block there, taken into the paragraph, would parse as text.
            converted += "\n" + _carried_markers(doc.lines[block.start]).rstrip()
        if converted.strip() and block.parent is None and _under_a_container(doc, block.start):
            # Html interrupts a list or quote's last line; as text it would be that line's lazy
            # continuation, and the list item would go on across the blank lines after it and take in
            # the indented block below (fuzz.py batch seed 11200074: an indented `<div>` became the
            # item's, ended at the next line, and the quoted ``` under it opened a fence).
            converted = "\n" + converted
        start, end = ctx.lines_range(block.start, block.end)
        if not converted.strip():
            nxt = block.end  # the line after the block's last line of text
            while nxt - 1 > block.start and doc.is_blank(nxt - 1):
                nxt -= 1
            if block.start > doc.body_start and not doc.is_blank(block.start - 1) and nxt < len(doc.lines):
                # Html interrupts a paragraph: after a line of text, the block kept that text apart from
                # what follows, or the next line would go on with it (a list item's, a setext heading's).
                # The blank line after the block stays, or one takes its place.
                if doc.is_blank(nxt):
                    edit = Edit(start, doc.offset(nxt))  # a deletion: the context keeps the block below out of a list
                elif block.parent is None and _under_a_container(doc, block.start) and doc.lines[nxt][:1] in (" ", "\t"):
                    # The block ends a list or quote for the indented line right under it. In its place a blank
                    # line would let the list item go on and take that line in (its indentation reaches the
                    # item's text), and an indented ``` would open a fence (fuzz.py batch seed 11730035). An
                    # empty block shows nothing: it stays rather than change what the rest of the email is.
                    return
                else:
                    edit = Edit(start, end, _carried_markers(doc.lines[block.start]).rstrip())
                yield ctx.finding("html block with no text", start, end, [edit], "Remove html block")
                return
            yield ctx.remove_lines("html block with no text", block.start, block.end, "Remove html block")
            return
        yield ctx.finding(
            "raw html block",
            start,
            end,
            [Edit(start, end, converted)],
            "Convert html block to markdown",
        )

    def _inline(self, ctx, block) -> Iterator[Finding]:
        doc = ctx.doc
        source = doc.source(block)
        tags = list(HTML_TAG.finditer(source))
        if "<!" in source:
            tags = _with_conditional_pieces(source, tags)
        if not tags:
            return  # a `<` that opens no tag (`a < b`): no need for code spans and links
        code = code_spans(source)
        # A link destination is not html: `[t](<a b>)` holds no tag.
        dests = [(link.text_end, link.end) for link in all_links(source, code) if "<" in source[link.text_end : link.end]]
        not_html = merge_spans(code + dests)
        tags = [m for m in tags if not is_protected(not_html, m.start())]
        # `\<b>` is an escaped `<` and text, not a tag (CommonMark 2.4).
        tags = [m for m in tags if not DIRECTIVE.fullmatch(m.group(0)) and not is_escaped(source, m.start())]
        if not tags:
            return
        prose = named_in_prose([m.group(0) for m in tags])
        # Convert the stretch from the first tag to the last in one edit, so an
        # <a> and its </a> are rewritten together.
        a, b = tags[0].start(), tags[-1].end()
        segment = source[a:b]
        if any(is_protected(code, i) for i in range(a, b) if source[i] == "`") or any(x < b and a < y for x, y in dests):
            # Code spans or `<…>` link destinations between tags: convert tag by tag
            # instead, keeping the words on each side of a removed tag apart.
            pieces, pos = [], a
            for m in tags:
                pieces += [source[pos : m.start()], _lone_tag(m.group(0), ctx.markers, prose) or "\x00"]
                pos = m.end()
            first, *rest = "".join(pieces).split("\x00")
            for piece in rest:
                first = _join(first, piece)
            converted = first
        else:
            converted = html_to_markdown(segment, ctx.markers, block=False, prose=prose)
        # `x<b>y</b>` must not become the word "xy": keep the text around the stretch apart too.
        left, right = source[max(a - 64, 0) : a], source[b : b + 64]
        joined = _join(_join(left, converted), right)
        if (converted or left).endswith(" ") and right.startswith(" "):
            b += 1  # two spaces would meet where the html was: one of them goes
        replacement = joined[len(left) : len(joined) - len(right)]
        line_start = source.rfind("\n", 0, a) + 1
        replacement, back, taken = _keep_paragraph(replacement, source[line_start:a], source[a:b], source[b:],
                                                   line_start == 0)
        a, b = a - back, b + taken
        edits = [Edit(a, b, replacement)]
        base = doc.offset(block.start)
        edits = [Edit(base + e.start, base + e.end, e.replacement) for e in edits if source[e.start:e.end] != e.replacement]
        if not edits:
            return
        names = sorted({_tag_name(m.group(0)) or "comment" for m in tags})
        tag_list = ", ".join("<" + n + ">" for n in names[:5])
        if set(names) <= prose:
            yield ctx.finding(f"html tag named in a sentence ({tag_list})", edits[0].start, edits[-1].end, edits,
                              "Escape the tag so that it shows as text",
                              evidence=("not an element email html is written with, and not opened and closed here",))
            return
        yield ctx.finding(
            f"inline html ({tag_list})",
            edits[0].start,
            edits[-1].end,
            edits,
            "Convert inline html to markdown",
        )


_FENCE_START = re.compile(r"[ \t]{0,3}(?:`{3,}|~{3,})")


def _keep_paragraph(replacement: str, before: str, old: str, after: str, first_line: bool) -> tuple[str, int, int]:
    """The replacement of an inline edit, written so that the paragraph stays
    one paragraph. `before`: the text of the edit's line before it; `old`: the
    text the edit replaces; `after`: the text after it; `first_line`: whether
    the edit's line is the block's first.

    A line the edit makes (a `<br>` became a line break) or changes
    (`` ``<b>` `` became a fence line) does not newly open a heading, list,
    quote, fence or html block: its marker is escaped. A break that would
    turn the line before it into a fence opener (`` ``` <br>` ``) is a
    space. Returns the replacement and how many characters before and after
    the edit it now covers (the marker may stand outside the edit)."""
    if "\n" in replacement and _FENCE_START.match(before + replacement.split("\n", 1)[0]):
        replacement = replacement.replace("\\\n", " ").replace("\n", " ")
    lines = replacement.split("\n")
    rest_of_line = after.split("\n", 1)[0]
    back = taken = 0
    # The line's own text, inside its quotes and list items (whose indentation may be all that is left of them).
    before = before[_markers_end(before) :]
    for i, piece in enumerate(lines):
        lead = before if i == 0 else ""
        tail = rest_of_line if i == len(lines) - 1 else ""
        line = lead + piece + tail
        at = markup_escape_at(line)
        # Read without its indentation, which may be a list item's (`    ```` under `1.` is a fence).
        if at is None or not opens_block(line.lstrip(" \t"), first=first_line and i == 0):
            continue
        if i == 0:
            old_line = before + old.split("\n", 1)[0] + ("" if "\n" in old else rest_of_line)
            if opens_block(old_line, first=first_line):
                continue  # the line opened its block before the edit too (a heading's `#`)
        if at < len(lead):
            back = len(lead) - at
            piece, at = lead[at:] + piece, 0
        else:
            at -= len(lead)
        if at > len(piece):
            taken = at - len(piece)
            piece = (piece + tail)[:at]
        lines[i] = piece[:at] + "\\" + piece[at:]
    return "\n".join(lines), back, taken


_NOT_A_QUOTE_MARK = re.compile(r"[^>\s]")
# The top-level blocks whose last line takes a following line of text in.
_CONTAINERS = ("bullet_list", "ordered_list", "blockquote")


def _under_a_container(doc, line: int) -> bool:
    """Whether the line above `line` is text and ends a top-level list or quote."""
    above = line - 1
    if above < doc.body_start or doc.is_blank(above):
        return False
    k = bisect_right(doc.blocks, above, key=lambda b: b.start) - 1
    return k >= 0 and doc.blocks[k].end > above and doc.blocks[k].kind in _CONTAINERS


def _runs_on(next_line: str) -> bool:
    """Whether `next_line`, after a paragraph, would go on with it: it is not
    blank, starts no list item of its own and opens no block."""
    markers = container_prefix(next_line)
    if not next_line.strip() or re.search(r"[-+*0-9]", next_line[:markers]):
        return False
    return not opens_block(next_line[markers:], first=False)


def _markers_end(line: str) -> int:
    """Where a nested block's first line begins its own text: after its quote and list markers and indentation."""
    cut = container_prefix(line)
    return cut + len(line[cut:]) - len(line[cut:].lstrip(" \t"))


def _carried_markers(first_line: str) -> str:
    """What the lines after a nested block's first line stand under: its quote
    marks, with spaces in place of its list markers."""
    return _NOT_A_QUOTE_MARK.sub(" ", first_line[: _markers_end(first_line)])


def _convert_nested(source: str, markers) -> str | None:
    """The markdown for an html block inside quotes or list items, its lines
    still under the same markers: only the text after them is html (`> <div>`
    converted whole made `\\>`, and the quote became a paragraph, which can
    take in the lines after it). None when a line stands under markers of
    its own (another list item's, a deeper quote's): it is left as it is."""
    lines = source.split("\n")
    first = lines[0]
    cut = _markers_end(first)
    prefix, carried = first[:cut], _carried_markers(first)
    inner = [first[cut:]]
    for line in lines[1:]:
        own = container_prefix(line)
        own += len(line[own:]) - len(line[own:].lstrip(" \t"))
        if "".join(line[:own].split()) != "".join(carried.split()):
            return None
        inner.append(line[own:])
    converted = html_to_markdown("\n".join(inner), markers, block=True)
    if not converted.strip():
        return ""
    out = converted.split("\n")
    return "\n".join([prefix + out[0]] + [(carried + line) if line else carried.rstrip() for line in out[1:]])


# A paragraph that is a comment's close and nothing else (`-->`, `<!-- -->`'s
# remnant when a conversion dropped the opening with the conditional it held).
_LONE_CLOSER = re.compile(r"[ \t]*(?:-->[ \t]*)+")


def _is_lone_closer(doc, block) -> bool:
    return block.end - block.start == 1 and _LONE_CLOSER.fullmatch(doc.lines[block.start].rstrip("\n")) is not None


def _as_text(line: str) -> str:
    """`line` with the markdown its start would open escaped, so that it stays text."""
    at = markup_escape_at(line)
    return line if at is None else line[:at] + "\\" + line[at:]


def _with_conditional_pieces(source: str, tags: list) -> list:
    """The tags, and the pieces of conditional comments outside them (a
    `<!--[if mso]>` whose `<![endif]-->` is in another block is no tag to
    CommonMark, but moved to the start of a line it would open a comment)."""
    spans = [m.span() for m in tags]
    pieces = [m for m in _CONDITIONAL_PIECE.finditer(source) if not is_protected(spans, m.start())]
    return sorted(tags + pieces, key=lambda m: m.start()) if pieces else tags


def _lone_tag(tag: str, markers, prose: frozenset[str] = frozenset()) -> str:
    converted = html_to_markdown(tag, markers, block=False, prose=prose)
    return converted.replace("\x00", "")
