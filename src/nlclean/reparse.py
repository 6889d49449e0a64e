"""The fixer's later rounds parse again only the lines an edit touched.

A round's edits change a few lines of a long newsletter; parsing all of it
again cost as much as the first parse. `ReparsedDocument` is the `Document`
of the edited text built from the previous round's blocks: the blocks that
stand in windows around the edits come from a fresh parse of those windows,
every other block is the previous one moved by the lines the edits added or
took away. The result is the same block tree as a full parse; a property
test (tests/test_incremental_fix.py) checks it on the fuzz strategies and on
every file of the corpora, and falls back to nothing: wherever the argument
below does not hold, the whole text is parsed.

Why a window is enough (markdown-it's block parser, commonmark + tables):

- At the top level, the parser stands at a line with nothing open, and what
  it builds from there depends only on the lines from there on (no block
  rule reads a line above the one it starts at; reference definitions are
  consumed whatever was defined before, and inline parsing is off).
- A block that ends at line E decided so by reading at most lines E and E+1:
  a paragraph or list asks the other rules whether line E starts a block
  (the table rule also reads E+1, its delimiter row); a list or quote skips
  blank lines up to the next line with text, which is then the next block's
  first line, E.
- So for a top-level block start C of the old text with lines up to C+2
  unchanged (`MARGIN`), the new parse builds the same blocks before C and
  stands at C at the top level. After the edits, a window is closed at an
  old top-level start R' at least `MARGIN` lines past the last changed line:
  the window's text is parsed with `MARGIN` lines more, and if that parse
  has a top-level block starting at R (R' in the new text) and none crossing
  it, the full parse would stand there too, and what follows R is the old
  parse of the same lines, moved.
- Prose a converter indented into a code block is parsed again on its own
  (`Document._add_tokens`) and its blocks stand at the top level, where the
  parser never stood: a window starts and ends only at a block the parser
  built itself (not `indented`), and the indented-prose ranges move with
  their blocks (a window's come from its own parse).

Only the attributes a `Document` and a `Block` had when this was written are
rebuilt; if either grows new parse state (`_KNOWN_DOCUMENT_STATE`,
`_KNOWN_BLOCK_FIELDS`), the windows are switched off and every round parses
in full until this module learns the new state.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import fields, replace
from typing import Sequence

from .document import Block, Document
from .findings import Edit

# Lines around a change that must be unchanged (see the module docstring: a
# block's end is decided by reading its next line and the one after).
MARGIN = 3

_KNOWN_DOCUMENT_STATE = frozenset(
    {"text", "format", "lines", "line_starts", "front_matter_end_line", "body_start", "blocks", "all_blocks",
     "indented_prose", "_cache"}
)
_KNOWN_BLOCK_FIELDS = frozenset({"kind", "start", "end", "depth", "level", "markup", "parent", "children", "indented"})


def _supported() -> bool:
    probe = Document("x\n", "markdown")
    return set(vars(probe)) == _KNOWN_DOCUMENT_STATE and {f.name for f in fields(Block)} == _KNOWN_BLOCK_FIELDS


SUPPORTED = _supported()


class ReparsedDocument(Document):
    """The Document of `apply_edits(previous.text, edits)` == `text`, parsed
    only in windows around the edits (see the module docstring)."""

    def __init__(self, text: str, previous: Document, edits: Sequence[Edit]) -> None:
        self._previous = previous
        self._edits = sorted(edits)
        self.reused = False  # whether the windows were used (else a full parse)
        try:
            super().__init__(text, previous.format, previous.front_matter_end_line)
        finally:
            del self._previous, self._edits

    def _parse_markdown(self) -> None:
        plan = self._windows() if SUPPORTED else None
        built = self._build(plan) if plan is not None else None
        if built is None:
            super()._parse_markdown()
            return
        self.blocks, self.all_blocks, self.indented_prose = built
        self.reused = True

    # --- where to parse again ---------------------------------------------------

    def _windows(self) -> list[tuple[int, int, int]] | None:
        """[(old first line, old end line, lines added)] of each window, merged
        and in order; None when a full parse is needed."""
        old = self._previous
        if (old.format != "markdown" or "\r" in self.text or "\0" in self.text
                or old.body_start != self.body_start or not self._edits):
            return None
        body_offset = old.offset(old.body_start)
        # Only where the parser stood at the top level (not inside indented prose's own parse).
        starts = [b.start for b in old.blocks if not b.indented]
        n_old = len(old.lines)
        windows: list[list[int]] = []
        for e in self._edits:
            if e.start < body_offset:
                return None
            first = bisect_right(old.line_starts, e.start) - 1
            last = bisect_right(old.line_starts, e.end) - 1
            added = e.replacement.count("\n") - old.text.count("\n", e.start, e.end)
            i = bisect_right(starts, first - MARGIN) - 1
            window_start = starts[i] if i >= 0 else old.body_start
            j = bisect_left(starts, last + MARGIN)
            window_end = starts[j] if j < len(starts) else n_old
            if windows and window_start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], window_end)
                windows[-1][2] += added
            else:
                windows.append([window_start, window_end, added])
        return [(a, b, d) for a, b, d in windows]

    # --- the block tree ---------------------------------------------------------

    def _build(self, windows: list[tuple[int, int, int]]) -> tuple[list[Block], list[Block], list[tuple[int, int]]] | None:
        old = self._previous
        new_lines = self.lines
        blocks: list[Block] = []
        every: list[Block] = []
        prose: list[tuple[int, int]] = []  # the indented-prose ranges, in order
        old_prose = old.indented_prose
        p = 0
        shift = 0  # lines added by the windows before the current position
        k = 0
        old_blocks = old.blocks
        for window_start, window_end, added in windows:
            while k < len(old_blocks) and old_blocks[k].start < window_start:
                _keep(old_blocks[k], shift, blocks, every)
                k += 1
            while k < len(old_blocks) and old_blocks[k].start < window_end:
                k += 1
            while p < len(old_prose) and old_prose[p][0] < window_start:
                prose.append((old_prose[p][0] + shift, old_prose[p][1] + shift))
                p += 1
            while p < len(old_prose) and old_prose[p][0] < window_end:
                p += 1
            new_start = window_start + shift
            new_end = window_end + shift + added
            at_end = window_end >= len(old.lines)
            if at_end and new_end != len(new_lines):
                return None
            parsed = Document("\n".join(new_lines[new_start : min(new_end + MARGIN, len(new_lines))]), "markdown", 0)
            length = new_end - new_start
            crossed = reached = False
            for b in parsed.blocks:
                if b.start >= length:
                    reached = reached or b.start == length and not b.indented
                    break
                if b.end > length:
                    crossed = True
                    break
                _keep(b, new_start, blocks, every)
            if crossed or not at_end and not reached:
                return None
            if any(a < length < b for a, b in parsed.indented_prose):
                return None
            prose.extend((a + new_start, b + new_start) for a, b in parsed.indented_prose if a < length)
            shift += added
        while k < len(old_blocks):
            _keep(old_blocks[k], shift, blocks, every)
            k += 1
        prose.extend((a + shift, b + shift) for a, b in old_prose[p:])
        return blocks, every, prose


def _keep(block: Block, shift: int, blocks: list[Block], every: list[Block]) -> None:
    """Add a top-level block and its subtree, moved down `shift` lines (a copy;
    the same objects when nothing moves: blocks are never changed once built)."""
    if shift == 0:
        blocks.append(block)
        stack = [block]
        while stack:  # pre-order, as the parser's tokens come
            b = stack.pop()
            every.append(b)
            stack.extend(reversed(b.children))
        return
    blocks.append(_moved(block, shift, None, every))


def _moved(block: Block, shift: int, parent: Block | None, every: list[Block]) -> Block:
    copy = replace(block, start=block.start + shift, end=block.end + shift, parent=parent, children=[])
    every.append(copy)
    copy.children = [_moved(child, shift, copy, every) for child in block.children]
    return copy
