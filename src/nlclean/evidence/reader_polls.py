"""Evidence: a reader poll known by what it asks and how it is titled, whatever its links hide.

A newsletter's poll is a short question and a row of one-click answers:
"How was this week's issue?" over "[😍 Loved it](…) · [🙂 OK](…) · [😕 Not
useful](…)", or "## 📊 Quick poll" / "**Should the league expand?**" /
"[Yes](…) | [Not yet](…) | [No](…)". When the answers go through a click
tracker, every one of them is an opaque address (`…/ss/c/u001.x9Qf/…/p1/…`)
that shows neither a poll page nor an answer value, so the link evidence of
NL302's other poll shapes cannot see them. What is left is evidence of
another kind:

- what the question asks: the reader's opinion of the newsletter itself
  ("What did you think of today's issue?", "Wie hat dir diese Ausgabe
  gefallen?"): an ask about the newsletter (`asks.sentence_ask`, sure);
- or how the poll is titled: a short line right above the question that
  names a poll (`poll_titles` in `[no_story]`: "Today's poll", "READER POLL",
  "Encuesta"), the question then about anything ("Will the Fed cut rates?");
- and the answers: two to six links of a few words each (an emoji and a
  word, "No, let the market decide"), nothing but separators between them,
  all to one host, beside the question on its line, on the line under it,
  or one a line (a list item, or a paragraph of its own).

A poll's note under its answers is the poll's too: a short line without a
link that speaks of the poll ("Login or Subscribe to participate in polls.",
"Votes close Friday.") or of its last result ("Last week's result: 58% of you
expect a cut.").

Near misses that stay: a question that asks nothing of the newsletter over
story links ("What would you do? [The plan](…) · [The critics](…)"); a
"Poll" title over a story that reports a poll (no row of answer links under
its question); survey results reported as news (a table, prose); a question
about the newsletter over a line of story links of more words ("What's in
this issue?" asks the reader nothing).

- `reader_polls(doc, markers)`: every such poll, as `ReaderPoll`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..inline_syntax import links_of, visible_text, visible_text_without_urls
from .asks import sentence_ask, word_count

MIN_ANSWERS = 2
MAX_ANSWERS = 6
# An answer's label: an emoji and a few words ("🔴 Hike, actually", "No, let the market decide").
MAX_ANSWER_WORDS = 6
# A poll's question is short.
MAX_QUESTION_WORDS = 15
# A poll's title: a short line ("🗳️ Today's poll", "READER POLL").
MAX_TITLE_WORDS = 4
# A poll's note under its answers ("Login or Subscribe to participate in polls.").
MAX_NOTE_WORDS = 20

_QUESTION_END = re.compile(r"[?？]$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# A result reported with a number ("58% of you", "1,204 votes").
_FIGURE = re.compile(r"\d")


@dataclass(frozen=True)
class ReaderPoll:
    start: int  # the poll's first line: its title, or its question
    end: int  # the line after its last answer, or after its note
    answers_end: int  # the line after its last answer
    note: "int | None"  # the note's line under the answers
    question: str
    answers: int
    why: tuple[str, ...]


def _lettered_words(text: str) -> int:
    return sum(1 for w in text.split() if any(map(str.isalnum, w)))


def _plain(line: str) -> str:
    """A line's words, without its heading marks, emphasis and addresses."""
    text = _HEADING.sub("", line)
    return visible_text_without_urls(visible_text(text)).replace("\n", " ").strip(" *_\t")


def _answer_row(line: str) -> "list[str] | None":
    """The answers' addresses when `line` holds nothing but a row of answer links."""
    links = [link for link in links_of(line) if not link.is_image]
    if not MIN_ANSWERS <= len(links) <= MAX_ANSWERS:
        return None
    outside = line[: links[0].start] + "".join(line[a.end : b.start] for a, b in zip(links, links[1:])) \
        + line[links[-1].end :]
    if any(ch.isalnum() for ch in outside):
        return None
    return _answers(line, links)


def _answers(line: str, links) -> "list[str] | None":
    """The links' addresses when each is an answer: a label of a few words, all to one host."""
    for link in links:
        label = visible_text(line[link.text_start : link.text_end]).strip()
        if not label or _lettered_words(label) > MAX_ANSWER_WORDS:
            return None
    urls = [link.destination for link in links]
    hosts = {urlsplit(u).netloc.lower() for u in urls}
    if len(hosts) != 1 or "" in hosts or len(set(urls)) != len(urls):
        return None
    return urls


def _lone_answer(line: str) -> "str | None":
    """The address of a line that is one answer link and nothing else, as a
    list item or alone (one answer a paragraph: a flattened email pulled apart)."""
    m = _LIST_ITEM.match(line)
    rest = line[m.end() :] if m is not None else line
    links = [link for link in links_of(rest) if not link.is_image]
    if len(links) != 1 or any(ch.isalnum() for ch in rest[: links[0].start] + rest[links[0].end :]):
        return None
    found = _answers(rest, links)
    return found[0] if found else None


def _next_line(doc, i: int, limit: int) -> "int | None":
    """The next non-blank line after `i`, skipping at most one blank line."""
    j = i + 1
    if j < limit and doc.is_blank(j):
        j += 1
    return j if j < limit and not doc.is_blank(j) else None


def _answers_below(doc, i: int, limit: int) -> "tuple[int, list[str]] | None":
    """The answers under the question on line `i`: a row on the next line, or
    a run of list items of one answer link each. The line after them and their addresses."""
    j = _next_line(doc, i, limit)
    if j is None:
        return None
    row = _answer_row(doc.lines[j])
    if row is not None and not _LIST_ITEM.match(doc.lines[j]):
        return j + 1, row
    urls: list[str] = []
    while j is not None and (url := _lone_answer(doc.lines[j])) is not None:
        urls.append(url)
        after, j = j + 1, _next_line(doc, j, limit)
    j = after if urls else i + 1
    if not MIN_ANSWERS <= len(urls) <= MAX_ANSWERS or len({urlsplit(u).netloc.lower() for u in urls}) != 1:
        return None
    return j, urls


def _title_above(doc, markers, i: int, floor: int) -> "tuple[int, str] | None":
    """The short line right above the question on line `i` that names a poll: its line and the word."""
    j = i - 1
    if j >= floor and doc.is_blank(j):
        j -= 1
    if j < floor or doc.is_blank(j) or links_of(doc.lines[j]) or _LIST_ITEM.match(doc.lines[j]):
        return None
    text = _plain(doc.lines[j])
    if not text or _lettered_words(text) > MAX_TITLE_WORDS or text.endswith((".", "?", "？", ":")):
        return None
    word = markers.poll_title_word(text)
    return (j, word) if word else None


def _note_below(doc, markers, j: int, limit: int) -> "int | None":
    """The poll's note right under its answers (line `j` is the line after them)."""
    k = j if j < limit and not doc.is_blank(j) else _next_line(doc, j - 1, limit)
    if k is None or links_of(doc.lines[k]) or _HEADING.match(doc.lines[k]) or _LIST_ITEM.match(doc.lines[k]):
        return None
    if k + 1 < limit and not doc.is_blank(k + 1) and k != j:
        return None  # a paragraph of its own that runs on: a story's
    text = _plain(doc.lines[k])
    if not text or word_count(text) > MAX_NOTE_WORDS:
        return None
    if markers.poll_note_word(text) or (markers.poll_result_word(text) and _FIGURE.search(text)):
        return k
    return None


def _question_of(line: str) -> "tuple[str, list[str] | None] | None":
    """A line's question and, when the answers stand beside it, their addresses."""
    if _LIST_ITEM.match(line):
        return None
    links = [link for link in links_of(line) if not link.is_image]
    if links:
        question = _plain(line[: links[0].start])
        rest = line[links[0].start :]
        beside = _answer_row(rest)
        if beside is None:
            return None
        return question, beside
    return _plain(line), None


def reader_polls(doc, markers) -> list[ReaderPoll]:
    """Every reader poll of the email (module docstring), in order."""
    if "?" not in doc.text and "？" not in doc.text:
        return []
    polls: list[ReaderPoll] = []
    prose: dict[int, tuple[int, int]] = {}
    for block in doc.all_blocks:
        if block.kind in ("paragraph", "heading") and not block.indented:
            for i in range(block.start, block.end):
                prose.setdefault(i, (block.start, block.end))
    after = -1
    for i in sorted(prose):
        if i < after:
            continue
        line = doc.lines[i]
        if "?" not in line and "？" not in line:
            continue
        found = _question_of(line)
        if found is None:
            continue
        question, beside = found
        if not _QUESTION_END.search(question) or not 0 < word_count(question) <= MAX_QUESTION_WORDS:
            continue
        limit = len(doc.lines)
        if beside is not None:
            answers_end, urls = i + 1, beside
        else:
            below = _answers_below(doc, i, limit)
            if below is None:
                continue
            answers_end, urls = below
        ask = sentence_ask(markers, question)
        title = _title_above(doc, markers, i, 0)
        why: list[str] = []
        if ask is not None and ask.sure:
            why.append(f"a question to the reader about the newsletter: {ask.why}")
        if title is not None:
            why.append(f"a short title above it that names a poll (word '{title[1]}')")
        if not why:
            continue
        why.append(f"{len(urls)} short answer links to one host "
                   f"{'beside it' if beside is not None else 'under it'}, nothing else between them")
        note = _note_below(doc, markers, answers_end, limit)
        if note is not None:
            why.append("and the poll's note under its answers")
        start = title[0] if title is not None else i
        end = note + 1 if note is not None else answers_end
        polls.append(ReaderPoll(start, end, answers_end, note, question, len(urls), tuple(why)))
        after = end
    return polls
