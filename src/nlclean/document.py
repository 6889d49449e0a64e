"""The parsed newsletter: parsed once, shared by every rule.

A `Document` holds the text, its lines and their offsets, the front matter
(which no rule looks at), and the block tree from markdown-it-py with line
maps. Inline facts (links, code spans, protected spans) are computed per block
on first use and cached, so rules that ask the same question share the work.

Plain text (`.txt`) has no markdown: its blocks are paragraphs separated by
blank lines, plus thematic-break-like rule lines.
"""
from __future__ import annotations

import logging
import re
import sys
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from markdown_it import MarkdownIt

from . import inline_syntax
from .findings import Position
from .memo import TEXT_CHARS, remembered

# The closing fence may also stand after, or end at, a character that other
# readers split lines on (Python's `splitlines`: \v, \f, \x1c-\x1e, \x85,
# U+2028, U+2029). A block that some reader takes for front matter is left
# alone: then it comes out byte for byte whichever reading is right. The
# match runs on to the end of the closing line, so the body starts at a line.
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
FRONT_MATTER = re.compile(
    rf"\A(---|\+\+\+)[ \t]*\n(?:.*?[\n{_OTHER_LINE_BREAKS}])??\1[ \t]*(?:[{_OTHER_LINE_BREAKS}][^\n]*)?(?:\n|\Z)", re.S
)
_RULE_LINE = re.compile(r"^ {0,3}(?:[-*_=][ \t]*){3,}$")
# A plain-text email's heading as Mailchimp writes it: `** TITLE` over a line of
# dashes (its underline, which is no thematic break: markdown reads the same two
# lines as a heading too).
_TEXT_HEADING = re.compile(r"^\*\* +\S")
_DASH_UNDERLINE = re.compile(r"^ {0,3}-{3,}[ \t]*$")
_URL_IN_TEXT = re.compile(r"(?:https?|ftp)://\S+")
# Lines longer than this (URLs left out) are not hard-wrapped prose.
_WRAP_WIDTH = 120


class _DebugOff:
    """Stands in for a markdown-it block rule's logger whose debug output is off:
    the rules call `LOGGER.debug(...)` on every attempt at every line, and even a
    disabled call costs about a tenth of a block parse. Anything but `debug`
    goes to the real logger."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    # A no-op that takes any arguments and is a C call, not a Python frame
    # (a million calls over the bulk corpus): `str.format` of an empty string
    # ignores every argument it is given and converts none of them.
    debug = "".format

    def __getattr__(self, name: str):
        return getattr(self._logger, name)


def _quiet_block_rule_loggers() -> None:
    """Skip markdown-it's per-attempt debug calls, unless someone turned its debug logging on."""
    for name, module in list(sys.modules.items()):
        logger = getattr(module, "LOGGER", None) if name.startswith("markdown_it.rules_block.") else None
        if isinstance(logger, logging.Logger) and not logger.isEnabledFor(logging.DEBUG):
            module.LOGGER = _DebugOff(logger)


def _block_parser(normalize: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 40}).enable(["table", "strikethrough"])
    # Inline parsing is most of markdown-it's time and gives no positions:
    # nlclean scans inline syntax itself (inline_syntax.py).
    md.disable(["inline", "text_join"])
    if not normalize:
        md.disable("normalize")
    return md


# A block's inline facts depend on its source text alone, so they are kept
# keyed on that text: the fixer's next round (and the server's next keystroke)
# meets most blocks again, unchanged, in a new Document.
_all_links = inline_syntax._remembered_links
_top_links = inline_syntax._remembered_top_links
_protected_spans = remembered(8192, max_chars=TEXT_CHARS)(inline_syntax.protected_spans)


@remembered(8192, max_chars=TEXT_CHARS)
def _one_copy(source: str) -> str:
    """The first string equal to `source` that was asked (the caches above hold
    it as their key): the next round's unchanged block then reuses that string,
    instead of keeping a second copy of its text alive beside it."""
    return source

_PARSER = _block_parser()
# markdown-it's first step rewrites every line break (and NUL) with a regex; on a
# text with neither CR nor NUL that changes nothing, so such texts skip it.
_PARSER_LF = _block_parser(normalize=False)
_quiet_block_rule_loggers()
# Table rows and cells are not blocks of their own: the table is.
_CELL_OPENERS = frozenset({"thead_open", "tbody_open", "tr_open", "th_open", "td_open"})


# A line that reads as code, not prose: a statement's end or opening brace, a
# keyword that opens a statement, a prompt, a comment, an operator, an html tag,
# an assignment or a bare call.
_CODE_SHAPE = re.compile(
    r"[{};]\s*$|^\s*[})\]]|^\s*(?:def|class|import|return|function|const|let|var|public|private|package|"
    r"#include|#!|SELECT|INSERT|UPDATE|\$ |> |>>>|//|/\*|\*/|<\?)|=>|:=|==|!=|&&|\|\||->|::|"
    r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|^\s*[\w.\[\]]+\s*[+*/-]?=\s|^\s*[\w.]+\([^()]*\)\s*$"
)
_ENTITY = re.compile(r"&#?\w{1,10};")
# A line that is only a link or an address: `( https://… )`, `[text](url)`, `<url>`.
_LINK_LINE = re.compile(r"^\s*(?:\(\s*https?://\S+\s*\)|<?https?://\S+>?|!?\[[^\]]*\]\([^)]*\))\s*$")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)*_]*\s*$|[.!?]\s+[A-Z]")


def reads_as_code(lines: list[str]) -> bool:
    """Whether a paragraph is code that lost its fence (a plain-text email's
    snippet, `function f(s) { return` / `s.split("");` / `console.log(f(x));`):
    most of its lines have the shape of code, at least two of them (one, for a
    paragraph of one line). Prose that ends a line on a semicolon now and then
    is no code."""
    lines = [line for line in lines if line.strip()]
    shaped = sum(1 for line in lines if _CODE_SHAPE.search(_ENTITY.sub(" ", line)))
    return bool(lines) and shaped * 2 >= len(lines) and shaped >= min(2, len(lines))


def reads_as_prose(lines: list[str]) -> bool:
    """Whether an indented code block is prose a converter indented: no line
    has the shape of code, every line is words or a link, and at least one
    line is a sentence (or all of them are links). Shell commands (`npm
    install x`) have words but no sentence: they stay code."""
    sentences = links = 0
    for line in lines:
        if not line.strip():
            continue
        text = _ENTITY.sub(" ", line)
        if _LINK_LINE.match(text):
            links += 1
            continue
        if _RULE_LINE.match(text.strip()):
            continue  # a thematic break between indented paragraphs (`    ---`)
        if _CODE_SHAPE.search(text):
            return False
        plain = _URL_IN_TEXT.sub("", text)
        words = _WORDS.findall(plain)
        letters = sum(len(w) for w in words)
        if not words or letters * 2 < len("".join(plain.split())):
            return False  # symbols and numbers: a table of data, art, output
        if len(words) >= 5 and _SENTENCE_END.search(plain):
            sentences += 1
    return sentences > 0 or links > 0 and links == sum(1 for line in lines if line.strip())


def _dedent(lines: list[str]) -> str:
    """The lines without the indentation they share (tabs read as four columns)."""
    expanded = [line.expandtabs(4) for line in lines]
    indent = min((len(line) - len(line.lstrip(" ")) for line in expanded if line.strip()), default=0)
    return "\n".join(line[indent:] for line in expanded)


# The kinds of block whose lines hold prose (`Block.has_inline`).
_PROSE_KINDS = frozenset({"paragraph", "heading", "table"})


@dataclass(eq=False)
class Block:
    """A block with its 0-based line range [start, end)."""

    kind: str  # heading, paragraph, bullet_list, ordered_list, list_item, blockquote,
    # fence, code_block, html_block, hr, table
    start: int
    end: int
    depth: int
    level: int = 0  # heading level
    markup: str = ""
    parent: "Block | None" = None
    children: list["Block"] = field(default_factory=list)
    # Prose that a converter indented into a code block: the rules read it,
    # and only a removal changes it (it still renders as code).
    indented: bool = False

    @property
    def is_setext(self) -> bool:
        return self.kind == "heading" and self.markup in ("=", "-")

    @property
    def has_inline(self) -> bool:
        return self.kind in _PROSE_KINDS


class Document:
    def __init__(self, text: str, format: str = "markdown", front_matter_lines: int | None = None) -> None:
        """`front_matter_lines`: how many lines at the top are front matter, when
        the caller already knows (the fixer's later rounds: a `---` that a
        removal brought to the top is not front matter). None: detect it."""
        self.text = text
        self.format = format
        self.lines = text.split("\n")
        self.line_starts = [0, *accumulate(len(line) + 1 for line in self.lines)]
        if front_matter_lines is not None:
            self.front_matter_end_line = min(front_matter_lines, len(self.lines))
        else:
            fm = FRONT_MATTER.match(text) if format in ("markdown", "text") else None
            self.front_matter_end_line = fm.group(0).count("\n") if fm else 0
            if fm and not fm.group(0).endswith("\n"):
                self.front_matter_end_line = len(self.lines)
        self.body_start = self.front_matter_end_line
        self.blocks: list[Block] = []  # top-level blocks of the body
        self.all_blocks: list[Block] = []
        self.indented_prose: list[tuple[int, int]] = []  # line ranges of code blocks read as prose
        if format == "text":
            self._split_text_blocks()
        else:
            self._parse_markdown()
        self._cache: dict[tuple[str, int], object] = {}

    # --- parsing ------------------------------------------------------------

    def _parse_markdown(self) -> None:
        offset = self.body_start
        body = "\n".join(self.lines[offset:]) if offset else self.text
        self._add_tokens(body, offset, None, indented=False)

    def _add_tokens(self, body: str, offset: int, outer: Block | None, indented: bool) -> None:
        """Add the blocks of `body` (whose first line is line `offset`) under
        `outer`. An indented code block that reads as prose is parsed again,
        its indentation taken off, and its blocks stand in its place."""
        parser = _PARSER if "\r" in body or "\0" in body else _PARSER_LF
        stack: list[Block] = [outer] if outer is not None else []
        base = len(stack)
        top, every = self.blocks.append, self.all_blocks.append
        for tok in parser.parse(inline_syntax.with_final_newline(body)):
            nesting = tok.nesting
            if nesting == -1:
                if len(stack) > base:
                    stack.pop()
                continue
            kind = tok.type
            if tok.map is None or kind == "inline":
                continue
            if nesting == 1:
                if kind in _CELL_OPENERS:
                    continue
                kind = kind[:-5]  # paragraph_open -> paragraph
            start, end = tok.map
            parent = stack[-1] if stack else None
            # Parsed again once, never inside what was parsed again: a code block
            # inside a list item (`-      text`) can come back from its own
            # re-parse, and would, without end.
            inner = self.lines[start + offset : end + offset] if kind == "code_block" and not indented else []
            if inner and reads_as_prose(inner) and (dedented := _dedent(inner)) != "\n".join(inner):
                self.indented_prose.append((start + offset, end + offset))
                self._add_tokens(dedented, start + offset, parent, indented=True)
                continue
            block = Block(kind, start + offset, end + offset, len(stack),
                          int(tok.tag[1]) if kind == "heading" else 0, tok.markup, parent, indented=indented)
            if parent is None:
                top(block)
            else:
                parent.children.append(block)
            every(block)
            if nesting == 1:
                stack.append(block)

    def _split_text_blocks(self) -> None:
        """Paragraphs between blank lines and rule lines. A run of lines that is
        not hard-wrapped prose (text pulled out of html: every line a paragraph
        of its own, no blank lines between) is split into one block per line.
        A `** TITLE` line alone over a line of dashes is a heading (level 2, as
        markdown reads a line over dashes), the dashes its underline."""
        start = None
        for i in range(self.body_start, len(self.lines) + 1):
            line = self.lines[i] if i < len(self.lines) else ""
            if line.strip() and not _RULE_LINE.match(line):
                if start is None:
                    start = i
                continue
            if start == i - 1 and _TEXT_HEADING.match(self.lines[start]) and _DASH_UNDERLINE.match(line):
                heading = Block(kind="heading", start=start, end=i + 1, depth=0, level=2, markup="-")
                self.blocks.append(heading)
                self.all_blocks.append(heading)
                start = None
                continue
            if start is not None:
                if self._is_unwrapped_run(start, i):
                    for j in range(start, i):
                        self._add_text_block("paragraph", j, j + 1)
                else:
                    self._add_text_block("paragraph", start, i)
                start = None
            if i < len(self.lines) and _RULE_LINE.match(line):
                self._add_text_block("hr", i, i + 1)

    def _is_unwrapped_run(self, start: int, end: int) -> bool:
        """Hard-wrapped prose keeps its lines under ~80 characters (URLs aside);
        a run with several lines far longer holds one paragraph per line."""
        if end - start < 2:
            return False
        long_lines = 0
        for j in range(start, end):
            line = self.lines[j]
            if len(line) > _WRAP_WIDTH and len(_URL_IN_TEXT.sub("", line)) > _WRAP_WIDTH:
                long_lines += 1
        return long_lines >= 2 or long_lines * 4 >= end - start

    def _add_text_block(self, kind: str, start: int, end: int) -> None:
        block = Block(kind=kind, start=start, end=end, depth=0)
        self.blocks.append(block)
        self.all_blocks.append(block)

    # --- positions ----------------------------------------------------------

    def offset(self, line: int, column: int = 0) -> int:
        """Offset of 0-based (line, column); a line past the end maps to the end."""
        if line >= len(self.lines):
            return len(self.text)
        return self.line_starts[line] + column

    def line_end(self, line: int) -> int:
        """Offset just past the line's last character (before its newline)."""
        return self.line_starts[line] + len(self.lines[line])

    def position(self, offset: int) -> Position:
        """1-based line and column of an offset."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        line = min(lo, len(self.lines) - 1)
        return Position(line + 1, offset - self.line_starts[line] + 1)

    def is_blank(self, line: int) -> bool:
        return line >= len(self.lines) or not self.lines[line].strip()

    def forget_answers(self) -> None:
        """Drop every answer kept about the document (the per-block and the
        rules' `_cache`, the cached properties), keeping its text and blocks:
        asked again, each is computed again, the same."""
        self._cache.clear()
        for name in _CACHED_PROPERTIES:
            self.__dict__.pop(name, None)

    # --- blocks -------------------------------------------------------------

    def source(self, block: Block) -> str:
        """The block's source lines, joined (offset 0 = start of its first line):
        a slice of the text, which is those lines joined.

        A prose block's source is sliced once and the same string given to
        every caller: the caches of what it holds (links, visible text, asks)
        are keyed on it, and each slice of its own would be one more copy of
        the newsletter's prose kept alive by them."""
        if block.kind in _PROSE_KINDS:
            key = ("source", id(block))
            kept = self._cache.get(key)
            if kept is None:
                kept = self._cache[key] = _one_copy(self._slice(block))
            return kept  # type: ignore[return-value]
        return self._slice(block)

    def _slice(self, block: Block) -> str:
        start, end = block.start, min(block.end, len(self.lines))
        if start >= end:
            return ""
        return self.text[self.line_starts[start] : self.line_starts[end] - 1]

    def block_range(self, block: Block) -> tuple[int, int]:
        """Offsets covering the block's text, from its first line to the end of its last non-blank line."""
        last = block.end - 1
        while last > block.start and self.is_blank(last):
            last -= 1
        return self.offset(block.start), self.line_end(last)

    def visible(self, block: Block) -> str:
        key = ("visible", id(block))
        if key not in self._cache:
            self._cache[key] = inline_syntax.visible_text(self.source(block))
        return self._cache[key]  # type: ignore[return-value]

    def links(self, block: Block) -> list[inline_syntax.Link]:
        """Every link and image in the block, nested included (offsets relative to the block)."""
        key = ("links", id(block))
        if key not in self._cache:
            self._cache[key] = _all_links(self.source(block))
        return self._cache[key]  # type: ignore[return-value]

    def top_links(self, block: Block) -> list[inline_syntax.Link]:
        key = ("top_links", id(block))
        if key not in self._cache:
            self._cache[key] = _top_links(self.source(block))
        return self._cache[key]  # type: ignore[return-value]

    def protected(self, block: Block) -> list[tuple[int, int]]:
        """Spans of the block's source where no change may be made; all of it
        for prose indented into a code block, which renders as code."""
        key = ("protected", id(block))
        if key not in self._cache:
            source = self.source(block)
            self._cache[key] = [(0, len(source))] if block.indented else _protected_spans(source)
        return self._cache[key]  # type: ignore[return-value]

    def inline_blocks(self) -> list[Block]:
        """Blocks whose lines hold prose (paragraphs, headings, tables), at any depth."""
        return [b for b in self.all_blocks if b.has_inline]

    @cached_property
    def visible_words(self) -> int:
        """How many visible words the body's top-level prose blocks hold (counted once)."""
        return sum(len(self.visible(b).split()) for b in self.blocks if b.has_inline)

    @cached_property
    def headings(self) -> list[Block]:
        """Top-level headings, in order."""
        return [b for b in self.blocks if b.kind == "heading"]

    @cached_property
    def _section_ends(self) -> dict[int, int]:
        """id(top-level heading) -> the line its section ends at; one pass with a
        stack of open sections, so asking for every heading stays linear."""
        ends: dict[int, int] = {}
        open_sections: list[Block] = []  # levels strictly increasing
        for h in self.headings:
            while open_sections and open_sections[-1].level >= h.level:
                ends[id(open_sections.pop())] = h.start
            open_sections.append(h)
        for h in open_sections:
            ends[id(h)] = len(self.lines)
        return ends

    def section_end(self, heading: Block) -> int:
        """The line where a top-level heading's section ends: the next heading
        of the same or a higher level, or the end of the document."""
        return self._section_ends.get(id(heading), len(self.lines))

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [h.start for h in self.headings]

    def blocks_between(self, start: int, end: int) -> list[Block]:
        """Top-level blocks that start in the line range [start, end)."""
        starts = self._block_starts
        return self.blocks[bisect_left(starts, start) : bisect_left(starts, end)]

    def headings_between(self, start: int, end: int) -> list[Block]:
        """Top-level headings that start in the line range [start, end)."""
        starts = self._heading_starts
        return self.headings[bisect_left(starts, start) : bisect_left(starts, end)]

    @cached_property
    def _sibling_index(self) -> dict[int, int]:
        index = {id(b): i for i, b in enumerate(self.blocks)}
        for block in self.all_blocks:
            index.update((id(child), i) for i, child in enumerate(block.children))
        return index

    def next_block(self, block: Block) -> Block | None:
        siblings = block.parent.children if block.parent else self.blocks
        i = self._sibling_index[id(block)]
        return siblings[i + 1] if i + 1 < len(siblings) else None

    def previous_block(self, block: Block) -> Block | None:
        siblings = block.parent.children if block.parent else self.blocks
        i = self._sibling_index[id(block)]
        return siblings[i - 1] if i > 0 else None

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside fenced or indented code (where no rule may change text),
        prose indented into a code block included: only a removal changes it."""
        code = {i for b in self.all_blocks if b.kind in ("fence", "code_block") for i in range(b.start, b.end)}
        code.update(i for start, end in self.indented_prose for i in range(start, end))
        return frozenset(code)


# What `Document.forget_answers` drops besides `_cache`.
_CACHED_PROPERTIES = tuple(name for name, value in vars(Document).items() if isinstance(value, cached_property))
