"""The first promise, checked on every fix before anything is written:
every word of the output is a word of the input (as many times at most).

Words are compared as SPEC's tools compare them: html entities decoded,
markdown backslash escapes dropped, lower-cased.

Counting every word of the input and the output costs as much as a fifth of
a markdown parse, so the fixer checks each round's edits instead
(`edits_may_add_words`, which only counts the words of the lines the edits
touch); only when that cannot prove a round harmless does it fall back to
comparing the whole input and output (`added_words`), so the answer is the
same as if it always did.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Sequence

from .findings import Edit

_WORD = re.compile(r"\w+")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def words(text: str) -> Counter:
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    # Lower-case the text once rather than word by word; both sides of the
    # comparison go through the same function, so the answer is the same.
    return Counter(_WORD.findall(text.lower()))


# How much of each side `separator` compares: a word longer than this is cut,
# which is the same on both sides of the comparison and so changes nothing.
JOIN_WINDOW = 64
_SPACE = re.compile(r"\s")


def separator(left: str, right: str) -> str:
    """What goes between two pieces of text when something that stood between
    them is removed (a tag, a link, an image): a space when writing them
    together would make words that neither had ("trivia" + "news" is
    "trivianews"; "ΣΊΣΥΦΟΣ’" + "x" turns a final sigma into another letter),
    else nothing. Only the words that meet are compared."""
    tail, head = left[-JOIN_WINDOW:], right[:JOIN_WINDOW]
    cut = max((m.end() for m in _SPACE.finditer(tail)), default=0)
    tail = tail[cut:]
    m = _SPACE.search(head)
    head = head[: m.start()] if m else head
    if not tail or not head:
        return ""
    together, apart = tail + head, tail + " " + head
    # Compared lower-cased, as the guard counts, and as written: "İ" + "1" is
    # one word as written but two lower-cased ("i̇1" holds a combining mark).
    return " " if words(together) != words(apart) or _WORD.findall(together) != _WORD.findall(apart) else ""


def added_words(before: str, after: str) -> list[str]:
    """Words of `after` that `before` does not have (enough of), sorted."""
    return sorted((words(after) - words(before)).keys())


# Where a text can be cut so that `words` of the whole is the sum of `words` of
# the pieces: next to a space, tab, form feed or newline (`_SAFE`). No step of
# `words` reads across one: an html entity or a backslash escape never holds
# one (nor does a word), and the only context-dependent lower-casing (Greek
# final sigma) looks past case-ignorable characters only, which these are not.
_SAFE = " \t\n\f"


def _safe_cut(text: str, i: int) -> bool:
    return i == 0 or i == len(text) or text[i - 1] in _SAFE or text[i] in _SAFE


def _harmless_deletion(text: str, start: int, end: int) -> bool:
    """Whether deleting text[start:end] only takes words away: the text is cut
    safely at both ends, and the two pieces meet at a safe character."""
    return (
        _safe_cut(text, start)
        and _safe_cut(text, end)
        and (start == 0 or end == len(text) or text[start - 1] in _SAFE or text[end] in _SAFE)
    )


def edits_may_add_words(before: str, edits: Sequence[Edit]) -> bool:
    """False proves that applying `edits` (as the fixer does) to `before` adds no
    word: no word is counted more often after than before. True means it may
    (or the edits are unusual); the caller then compares whole texts.

    Each edit is widened to a window ending at a space or newline that no edit
    touches (see `_SAFE`), so the words of the text between windows cancel
    out and only the windows are counted, before and after. A window that is
    one deletion cut at safe places only removes words and is not counted.
    """
    n = len(before)
    # Touching deletions delete one range: merge them, so that blocks removed
    # one after the other still count as one harmless deletion.
    merged: list[Edit] = []
    for e in sorted(edits):
        if merged and e.start < merged[-1].end:
            return True  # overlapping edits: leave them to the full comparison
        if merged and not e.replacement and not merged[-1].replacement and e.start == merged[-1].end:
            merged[-1] = Edit(merged[-1].start, e.end)
        else:
            merged.append(e)
    old_parts: list[str] = []
    new_parts: list[str] = []

    def close(window_start: int, window_end: int, inside: list[Edit]) -> None:
        if len(inside) == 1 and not inside[0].replacement and _harmless_deletion(before, inside[0].start, inside[0].end):
            return
        pieces, pos = [], window_start
        for e in inside:
            pieces.append(before[pos : e.start])
            pieces.append(e.replacement)
            pos = e.end
        pieces.append(before[pos:window_end])
        old_parts.append(before[window_start:window_end])
        new_parts.append("".join(pieces))

    def first_cut(a: int, b: int) -> int:
        """The first space or newline in before[a:b], or -1."""
        space, newline = before.find(" ", a, b), before.find("\n", a, b)
        return newline if space == -1 else space if newline == -1 else min(space, newline)

    # Each search runs only over the text between two edits (or to the end),
    # so a long line with thousands of edits costs its length once, not once per edit.
    k, searched_to = 0, 0
    while k < len(merged):
        inside = [merged[k]]
        window_start = max(before.rfind(" ", searched_to, inside[0].start), before.rfind("\n", searched_to, inside[0].start)) + 1
        k += 1
        while True:
            # The window ends at the first space or newline after its last edit;
            # the next edit joins it when none comes before that edit starts.
            upto = merged[k].start if k < len(merged) else n
            cut = first_cut(inside[-1].end, upto)
            if cut != -1 or k == len(merged):
                window_end = n if cut == -1 else cut
                break
            inside.append(merged[k])
            k += 1
        close(window_start, window_end, inside)
        searched_to = window_end
    if not new_parts:
        return False
    # Joined with newlines, so each piece is cut off from the next as in the text.
    return bool(words("\n".join(new_parts)) - words("\n".join(old_parts)))


class NewContentError(Exception):
    """A fix would have added words: a bug in a rule. Nothing is written."""

    def __init__(self, rules: list[str], added: list[str]) -> None:
        self.rules = rules
        self.added = added
        who = ", ".join(rules) if rules else "an unknown rule"
        super().__init__(
            f"internal error: {who} would add words that are not in the input "
            f"({', '.join(added[:5])}); nothing was written. Please report this."
        )
