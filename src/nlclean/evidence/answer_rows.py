"""Evidence: a row of answers on one line, known by where its links lead, not by a "poll" word.

A newsletter asks its reader to rate the issue with a row of one-click
answers: "Was this useful? Rate it: 👍 https://acme.example/r/yes?i=9 |
👎 https://acme.example/r/no?i=9", or "[Great](…/rate?v=3) ｜ [Fine](…/rate?v=2)
｜ [Poor](…/rate?v=1)" under "How was today's letter? One click is enough."
Nothing in it needs to say "poll": its answers lead to one page and differ in
one answer value (`asks.answers_to_one_page`), each with a label of a few
words or an emoji, and nothing else stands between them.

- `answer_row(line)`: where the row begins on the line and its addresses,
  or None. Answers are markdown links or bare addresses; a bare address's
  label stands before it ("👍 https://…"). Between two answers only
  separators and the next label; after the last, nothing with a letter.
- `asks_the_reader(text)`: a short text with a question mark (`?`, `？`,
  `¿`), the question over or before the row; a short request may follow it
  ("Rate it:").

The rule (NL302) reads a row only in the email's last lines: a row of links
to one site's pages under a question further up ("Where do I vote? [Ward
1](…?ward=1) · [Ward 2](…?ward=2)") is a story's.
"""
from __future__ import annotations

import re

from ..inline_syntax import address_spans, visible_text_without_urls
from .asks import word_count

MIN_ANSWERS = 2
MAX_ANSWERS = 6
# An answer's label: an emoji, a word or a few ("Very useful", "とても良い").
MAX_LABEL_WORDS = 3
# A question over a row of answers is short, with a short request after it at most.
MAX_QUESTION_WORDS = 20
# Where a sentence before the first answer ends: its label is what follows.
_STOP = re.compile(r"[.:?!？：。！]")
_QUESTION = re.compile(r"[?？¿]")


def _lettered_words(text: str) -> int:
    return sum(1 for w in text.split() if any(map(str.isalnum, w)))


def answer_row(line: str) -> "tuple[int, list[str]] | None":
    """Where a row of `MIN_ANSWERS` to `MAX_ANSWERS` answers begins on `line`
    (at its first answer's label) and the answers' addresses, or None."""
    # Links (not images) and the bare addresses outside them: an address inside an image is no bare answer.
    answers = sorted((a.start, a.end, a.url, line[a.link.text_start:a.link.text_end] if a.link else "")
                     for a in address_spans(line))
    if not MIN_ANSWERS <= len(answers) <= MAX_ANSWERS:
        return None
    if any(_lettered_words(visible_text_without_urls(text)) > MAX_LABEL_WORDS for _, _, _, text in answers):
        return None
    # Between two answers: separators and the next one's label, no more.
    for (_, end, _, _), (start, _, _, _) in zip(answers, answers[1:]):
        if _lettered_words(visible_text_without_urls(line[end:start])) > MAX_LABEL_WORDS:
            return None
    if any(ch.isalnum() for ch in visible_text_without_urls(line[answers[-1][1]:])):
        return None
    # The first answer's label, for a bare address: what follows the last stop before it.
    row_start = answers[0][0]
    if not answers[0][3]:
        before = line[:row_start]
        stops = list(_STOP.finditer(before))
        label_start = stops[-1].end() if stops else 0
        if _lettered_words(before[label_start:]) > MAX_LABEL_WORDS:
            return None
        row_start = label_start
    return row_start, [url for _, _, url, _ in answers]


def asks_the_reader(text: str) -> bool:
    """Whether a short text asks a question (the one a row of answers answers)."""
    return bool(text) and _QUESTION.search(text) is not None and word_count(text) <= MAX_QUESTION_WORDS
