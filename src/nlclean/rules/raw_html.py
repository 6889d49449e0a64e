"""NL401 raw-html: html left in the markdown.

## What it does
Turns raw html into the markdown it stands for: the tags go and their text
stays; `<a href>` becomes a markdown link, `<img src>` a markdown image
(dropped when it is a tracking pixel: 1×1, or an open-tracking address),
`<br>` a line break; `<script>` and `<style>` go with their content; html
comments go, except nlclean's own suppression comments.

## Why is this bad?
Html in markdown is left over from the email; most markdown tools show it
as text or drop it unpredictably (SPEC row 9).

## Example
`Read <a href="https://x.example/a">the <b>report</b></a>.<br>Thanks`
becomes `Read [the report](https://x.example/a).\\` + newline + `Thanks`.

## Fix safety
Safe: no text is lost; the words that stay are the words the html showed.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Finding
from ..guard import separator
from ..inline_syntax import HTML_TAG, all_links, code_spans, is_escaped, is_protected, merge_spans
from ..markers import lines_holding
from ..suppression import DIRECTIVE
from .base import Rule

# An unclosed element gives up at the next opening of the same element, so a
# run of `<script>`s never rescans the rest of the text from each of them.
_DROP_WITH_CONTENT = re.compile(r"<(script|style|head|title)\b[^<>]*>(?:(?!<\1\b).)*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTR = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_TAGS = frozenset(
    "p div table tbody thead tfoot tr ul ol li h1 h2 h3 h4 h5 h6 blockquote section article header footer "
    "center body html main nav aside figure figcaption dl dt dd hr pre form".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_LINE_START_SYNTAX = re.compile(r"^(\s*)([#>+=\-*]|\d+[.)])")


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


def html_to_markdown(html_text: str, markers, *, block: bool) -> str:
    """The markdown that html stands for. `block`: an html block (tags of block
    elements become line breaks) rather than inline html inside a paragraph."""
    text = _DROP_WITH_CONTENT.sub(" ", html_text)
    # No comment closes after the last `-->`: leaving that tail out of the search
    # keeps unclosed `<!--`s from each rescanning it.
    head_end = text.rfind("-->") + 3
    text = _COMMENT.sub(lambda m: m.group(0) if DIRECTIVE.fullmatch(m.group(0)) else "\x00", text[:head_end]) + text[head_end:]
    out: list[str] = []
    link_stack: list[tuple[int, str | None]] = []
    pos = 0
    for m in HTML_TAG.finditer(text):
        if m.group(0).startswith("<!--"):
            continue  # a kept suppression comment
        out.append(text[pos : m.start()])
        pos = m.end()
        tag = m.group(0)
        name_m = _NAME.match(tag)
        name = name_m.group(1).lower() if name_m else ""
        closing = tag.startswith("</")
        if name == "a":
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
        # Text that was inside html is not markdown: keep it from becoming a heading or list.
        tidy.append(_LINE_START_SYNTAX.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1))
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
        for block in doc.all_blocks:
            if block.kind == "html_block":
                yield from self._html_block(ctx, block)
            elif block.has_inline and tag_lines.touches(block.start, block.end):
                yield from self._inline(ctx, block)

    def _html_block(self, ctx, block) -> Iterator[Finding]:
        doc = ctx.doc
        source = doc.source(block).rstrip("\n")
        if DIRECTIVE.fullmatch(source.strip()):
            return
        converted = html_to_markdown(source, ctx.markers, block=True)
        if converted == source:
            return
        start, end = ctx.lines_range(block.start, block.end)
        if not converted.strip():
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
        # Convert the stretch from the first tag to the last in one edit, so an
        # <a> and its </a> are rewritten together.
        a, b = tags[0].start(), tags[-1].end()
        segment = source[a:b]
        if any(is_protected(code, i) for i in range(a, b) if source[i] == "`") or any(x < b and a < y for x, y in dests):
            # Code spans or `<…>` link destinations between tags: convert tag by tag
            # instead, keeping the words on each side of a removed tag apart.
            pieces, pos = [], a
            for m in tags:
                pieces += [source[pos : m.start()], _lone_tag(m.group(0), ctx.markers) or "\x00"]
                pos = m.end()
            first, *rest = "".join(pieces).split("\x00")
            for piece in rest:
                first = _join(first, piece)
            converted = first
        else:
            converted = html_to_markdown(segment, ctx.markers, block=False)
        # `x<b>y</b>` must not become the word "xy": keep the text around the stretch apart too.
        left, right = source[max(a - 64, 0) : a], source[b : b + 64]
        joined = _join(_join(left, converted), right)
        edits = [Edit(a, b, joined[len(left) : len(joined) - len(right)])]
        base = doc.offset(block.start)
        edits = [Edit(base + e.start, base + e.end, e.replacement) for e in edits if source[e.start:e.end] != e.replacement]
        if not edits:
            return
        names = sorted({(_NAME.match(m.group(0)).group(1).lower() if _NAME.match(m.group(0)) else "comment") for m in tags})
        yield ctx.finding(
            f"inline html ({', '.join('<' + n + '>' for n in names[:5])})",
            edits[0].start,
            edits[-1].end,
            edits,
            "Convert inline html to markdown",
        )


def _lone_tag(tag: str, markers) -> str:
    converted = html_to_markdown(tag, markers, block=False)
    return converted.replace("\x00", "")
