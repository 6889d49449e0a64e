"""NL301 puzzle-section: trivia, quizzes, crosswords and other games.

## What it does
Finds a heading, or a short first line, that opens a puzzle or a game:
trivia, quiz, puzzle, crossword, sudoku, riddle, brain teaser, word game,
"answer below". Words: `[puzzle]` in `data/markers.toml`. A heading counts
only when it is short (a story titled "The puzzle of inflation" is a story).

## Why is this bad?
Games are no story and make no sense without the interactive email
(SPEC row 6).

## How far it goes
A heading takes its section; a line takes its block and, when it stands
alone, the question under it (up to a break, heading or the next title).

## Example
```markdown
## Friday Trivia

Which planet has the most moons? Answer below.

## Next story
```
becomes
```markdown
## Next story
```

## Fix safety
Safe.
"""
from __future__ import annotations

from typing import Iterator

from ..extents import is_document_title, label_block_extent, section_extent
from ..findings import Finding
from ..inline_syntax import visible_text
from .base import Rule
from ._shared import quote, word_count

MAX_HEADING_WORDS = 5
MAX_LINE_WORDS = 8


class PuzzleSection(Rule):
    code = "NL301"
    name = "puzzle-section"
    family = "no-story"
    summary = "Trivia, quiz, puzzle or game section"

    def check(self, ctx) -> Iterator[Finding]:
        doc, markers = ctx.doc, ctx.markers
        candidates = markers.candidate_lines("puzzle", doc.text, doc.line_starts)
        if not candidates:
            return
        covered_until = -1
        for block in doc.blocks:
            if block.start < covered_until or block.kind not in ("heading", "paragraph"):
                continue
            if not candidates.touches(block.start, block.end):
                continue
            if block.kind == "heading":
                if is_document_title(doc, block):
                    continue
                text = doc.visible(block)
                word = markers.puzzle_word(text) if word_count(text) <= MAX_HEADING_WORDS else None
                if word is None:
                    continue
                extent = section_extent(doc, block, text)
            else:
                text = visible_text(doc.lines[block.start])
                if word_count(text) > MAX_LINE_WORDS:
                    continue
                word = markers.puzzle_word(text)
                if word is None or not text.lower().lstrip("*_ #🧩🎯❓").startswith(word.lower()[:4]):
                    continue
                extent = label_block_extent(doc, block, label_only=block.end - block.start == 1,
                                            own_links_end_it=False)
            covered_until = extent.end
            yield ctx.remove_lines(
                f"puzzle section {quote(text)}",
                extent.start,
                extent.end,
                f"Remove puzzle section {quote(text)}",
                evidence=(f"'{word}' matched", f"ends at {extent.why_it_ends}"),
            )
