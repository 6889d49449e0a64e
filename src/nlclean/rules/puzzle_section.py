"""NL301 puzzle-section: trivia, quizzes, crosswords and other games.

## What it does
Finds a heading, or a short first line, that opens a puzzle or a game:
trivia, quiz, puzzle, crossword, sudoku, riddle, brain teaser, word game,
"answer below". Words: `[puzzle]` in `data/markers.toml`. A heading counts
only when it is short (a story titled "The puzzle of inflation" is a story),
and, unless it is a bare label of one or two words ("Friday Trivia"), only
when the text under it asks the reader to play: a question, an answer, a
clue, a link or image with no words of its own. "Crossword makers are
unionising" over a news paragraph is a story. Only words with a letter or
digit count: an emoji before the title (`🧩 Weekly Puzzle: The Lost Key`)
decorates it and is no word of it.

A line without a heading (its first short sentence) counts only when it
invites the reader to play: the game's name as a label (`Today's trivia:`,
`**Brain teaser:**`, `Daily Puzzle`), a call to play (`Play our daily
crossword`, `Solve today's sudoku`), or a short paragraph that asks the
reader to play (`Today's mini crossword is about the new year. Have a go at
it here.`). A longer line that opens with a short label is read by its label
(`**Quiz corner:** How many steps …? Find the answer …`), as a call to play
only, never as a title (`**Trivia night:** The pub quiz league folds …` is
news). A sentence about a puzzle company ("Crossword company raises 40
million.") is news and stays. A short line alone that ends no sentence
(`Quiz Of The Week` in flattened text), or framed by rules of box-drawing
characters in a plain-text email (`━━━━ / ■ 今週のクイズ / ━━━━`), is judged
as a heading. Game words of other languages (`Devinette`, `Rätsel`,
`Palavras cruzadas`, `クイズ`) are in `[puzzle]` of `data/lang-*.toml`.

A code puzzle stays: a game whose section or block holds code (a fence,
an indented block of code, a snippet that lost its fence in a plain-text
email), or whose question stands right over it ("**Puzzle of the week:**
what is wrong with this loop?" over the loop; "Spot the bug", "What does
this print?", the answer in the next issue). In a developer newsletter it
is content, read and solved without the interactive email.

## Why is this bad?
Games are no story and make no sense without the interactive email.

## How far it goes
A heading takes its section; a line takes its block and, when it stands
alone, the game under it: blocks of at most 80 words with a puzzle word, a
question, an answer or clue, an attribution (`— From …`), and the short
bylines between them (`Drew Goins`, `Senior editor`); under an answers
label (`Quiz Answers`) the first block is the answers, however it reads. It
stops at the first block that is none of these (or a break, a heading, the
next title). A story
paragraph after the game ends it, however short. In text with no blank
lines (plain text, a flattened email) the game ends at the line that starts
the next story or section, as NL101's ads end there
(`extents.opens_next_section`): a numbered title (`21. Last word: the
ferry dog`), a section line in capitals. A numbered question (`2. Which
town …?`) is the game's.

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

import re
from typing import Iterator

from ..extents import Extent, is_code, is_document_title, label_block_extent, opens_next_section, section_extent
from ..findings import Finding
from ..inline_syntax import visible_text
from .base import Rule
from ._shared import lettered_word_count, quote, word_count

MAX_HEADING_WORDS = 5
MAX_LINE_WORDS = 8
MAX_BYLINE_WORDS = 4
MAX_WORDS_BEFORE = 3
# A heading this short is a label ("Friday Trivia", "Crossword"), not a story's title.
MAX_LABEL_WORDS = 2
# What the first block of a game says: it asks, answers, gives clues, invites to play.
_GAME_WORDS = re.compile(r"[?？]|\b(?:answers?|solutions?|solve|clues?|play|guess|hints?)\b", re.I)


def _opens_a_game(doc, heading, text: str, extent: Extent) -> bool:
    """Whether a heading with a game word opens a game rather than a story."""
    if lettered_word_count(text) <= MAX_LABEL_WORDS:
        return True
    first = next(iter(doc.blocks_between(heading.end, extent.end)), None)
    if first is None:
        return True  # a heading alone: nothing of a story to lose
    body = doc.visible(first)
    return not any(ch.isalnum() for ch in body) or _GAME_WORDS.search(body) is not None


# A paragraph that invites to play is short; a block of the game under a game
# line is not much longer (a quiz's intro): a long paragraph is a story.
MAX_INVITATION_WORDS = 40
MAX_GAME_BLOCK_WORDS = 80
# What follows a game's name in a label line: nothing, or a colon, dash or question.
_LABEL_END = re.compile(r"^[\s*_)\]】]*(?:$|[:：|—–\-?？!(])")
# A call to play that opens the line ("Play our daily crossword", "Solve today's sudoku").
_PLAY_VERB = re.compile(r"^\W*(?:play|solve|try|take|tackle|test|crack|guess|do|have a go|can you)\b", re.I)
# A paragraph that asks the reader to play: "Have a go at it here", "Can you solve it?".
_INVITES_PLAY = re.compile(
    r"[?？]|\b(?:play|solve|have a go|give it a (?:go|try|shot|whirl)|try your hand|test your|answers?|clues?|guess)\b",
    re.I,
)
_ANSWERS = re.compile(r"\b(?:answers?|solutions?)\b", re.I)
# The answers under an "Answers" label: a list that explains each one can run long.
MAX_ANSWER_WORDS = 200
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
# A label that opens a line, up to its colon ("Quiz corner:", "Devinette :").
_LEADING_LABEL = re.compile(r"^[^:：\n]{1,60}[:：]")
MAX_LABEL_LINE_WORDS = 4


def _invites_to_play(line: str, word: str, block_text: str) -> bool:
    """Whether a line with a game word opens a game rather than telling a story:
    the game's name as a label ("Today's trivia:", "**Brain teaser:**", "Daily
    Puzzle"), a call to play ("Play our daily crossword"), or a short paragraph
    that asks the reader to play ("Today's mini crossword is about the new
    year. Have a go at it here."). "Crossword company raises 40 million." is news."""
    at = line.lower().find(word.lower())
    if _LABEL_END.match(line[at + len(word) :]) or _PLAY_VERB.match(line):
        return True
    return word_count(block_text) <= MAX_INVITATION_WORDS and _INVITES_PLAY.search(block_text) is not None


def _label_line(doc, block) -> int:
    """The line of a block that holds its words: its first, or the one line
    with words between rules of box-drawing characters ("━━━━ / ■ 今週のクイズ /
    ━━━━", a plain-text email's section label framed as a heading)."""
    worded = [k for k in range(block.start, block.end) if any(ch.isalnum() for ch in doc.lines[k])]
    return worded[0] if len(worded) == 1 else block.start


def _title_line_opens_a_game(doc, block, line: str, alone: bool) -> bool:
    """A short line alone (or framed by rules), that ends no sentence ("Quiz Of
    The Week"), is a heading in all but markup: as a heading, it opens a game
    when it is a bare label or the block under it asks the reader to play."""
    if not alone or word_count(line) > MAX_HEADING_WORDS or _SENTENCE_END.search(line):
        return False
    if word_count(line) <= MAX_LABEL_WORDS:
        return True
    nxt = doc.next_block(block)
    return nxt is not None and nxt.kind == "paragraph" and _GAME_WORDS.search(doc.visible(nxt)) is not None


def _game_block(markers, text: str) -> bool:
    """A block that is part of a game: not long, with a game word, a question,
    an answer or clue, or an attribution (`— From …`)."""
    if word_count(text) > MAX_GAME_BLOCK_WORDS:
        return False
    return bool(
        markers.puzzle_word(text)
        or text.endswith(("?", "?)", "？"))
        or "?" in text[:80]
        or _GAME_WORDS.search(text)
        or text.startswith(("—", "–", "- "))
    )


def _short_line(text: str) -> bool:
    """A byline or a caption ("Drew Goins", "Senior editor"): a few words that end no sentence."""
    return word_count(text) <= MAX_BYLINE_WORDS and not _SENTENCE_END.search(text)


def _puzzle_only(ctx, label, extent: Extent) -> Extent:
    """Under a puzzle line without a heading, the puzzle is the blocks that are
    part of a game (see `_game_block`), and the short bylines between them
    (a short line counts only when the game goes on after it: "PS" or a
    story's title after the game is the next story). The first block that is
    none of these ends it (a "Most popular" list after a crossword link is a
    story list, and a story paragraph after a game line is a story)."""
    doc, markers = ctx.doc, ctx.markers
    end = label.end
    # "Quiz Answers", "Solution:": the block under the label is the answers, however they read.
    answers_next = _ANSWERS.search(visible_text(doc.lines[label.start])) is not None
    for block in doc.blocks_between(label.end, extent.end):
        # Text with no blank lines (plain text, a flattened email): the game ends
        # at the line that starts the next story ("21. The library cat").
        glued, titles = block.start == end, block.kind == "paragraph"
        nxt = next((k for k in range(block.start + (not glued), block.end)
                    if opens_next_section(doc, k, markers, numbered_titles=titles)), None)
        if nxt is not None:
            why = opens_next_section(doc, nxt, markers, numbered_titles=titles)
            if nxt > block.start and _game_block(markers, visible_text("\n".join(doc.lines[block.start:nxt])).strip()):
                end = nxt
            return Extent(extent.start, end, why)
        text = doc.visible(block).strip()
        if answers_next and word_count(text) <= MAX_ANSWER_WORDS:
            answers_next = False
            end = block.end
        elif _game_block(markers, text):
            end = block.end
        elif not _short_line(text):
            return Extent(extent.start, end, f"a block that is no part of the game ({quote(text, 32)})")
    return Extent(extent.start, end, extent.why_it_ends) if end == extent.end else Extent(extent.start, end, "the end of the game")


def _code_puzzle(doc, after: int, extent: Extent) -> bool:
    """Whether the game holds code (a fence, an indented block of code, a
    snippet that lost its fence), or its question stands right over code
    ("**Puzzle of the week:** what is wrong with this loop?"): a code puzzle
    ("Spot the bug", "What does this print?") is a developer newsletter's
    content, read and solved without the interactive email, often with its
    answer in the next issue."""
    blocks = doc.blocks_between(after, extent.end) or doc.blocks_between(extent.start, extent.end)
    if any(is_code(doc, block) for block in blocks):
        return True
    nxt = doc.next_block(blocks[-1]) if blocks else None
    return nxt is not None and is_code(doc, nxt)


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
                # An emoji before the title ("🧩 Weekly Puzzle") is no word of it.
                word = markers.puzzle_word(text) if lettered_word_count(text) <= MAX_HEADING_WORDS else None
                if word is None:
                    continue
                extent = section_extent(doc, block, text)
                if not _opens_a_game(doc, block, text, extent) or _code_puzzle(doc, block.end, extent):
                    continue
            else:
                first = _label_line(doc, block)
                text = visible_text(doc.lines[first])
                whole_line = True
                if word_count(text) > MAX_LINE_WORDS:
                    # A longer line may open with a short sentence ("Today's mini
                    # crossword is about …") or a label ("**Quiz corner:** How many …").
                    end = _SENTENCE_END.search(text)
                    label = _LEADING_LABEL.match(text)
                    whole_line = False  # a line that goes on is no title line
                    if label and word_count(label.group(0)) <= MAX_LABEL_LINE_WORDS:
                        text = label.group(0)
                    else:
                        text = text[: end.end()] if end else text
                    if word_count(text) > MAX_LINE_WORDS:
                        continue
                word = markers.puzzle_word(text)
                # The game word opens the line or comes within its first words
                # ("Play our weekly crossword"), not deep in a sentence.
                if word is None or word_count(text[: text.lower().find(word.lower())]) > MAX_WORDS_BEFORE:
                    continue
                label_only = first != block.start or block.end - block.start == 1
                if not (_invites_to_play(text, word, doc.visible(block))
                        or _title_line_opens_a_game(doc, block, text, whole_line and label_only)):
                    continue  # "Crossword company raises 40 million." is a story
                extent = label_block_extent(doc, block, label_only=label_only,
                                            own_links_end_it=False)
                extent = _puzzle_only(ctx, block, extent)
                if _code_puzzle(doc, block.end, extent):
                    continue
            covered_until = extent.end
            yield ctx.remove_lines(
                f"puzzle section {quote(text)}",
                extent.start,
                extent.end,
                f"Remove puzzle section {quote(text)}",
                evidence=(f"'{word}' matched", f"ends at {extent.why_it_ends}"),
            )
