"""Small pieces several rules use to describe what they found."""
from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def quote(text: str, limit: int = 48) -> str:
    """A short, single-line quotation of what was found, for messages."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"


def normalized(text: str) -> str:
    """Letters and digits only, lower-cased: to compare a list entry with a heading."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def word_count(text: str) -> int:
    return len(text.split())


def lettered_word_count(text: str) -> int:
    """Words with a letter or digit: an emoji or a bullet before a heading's
    words is decoration, not a word ("🧩 Weekly Puzzle" has two)."""
    return sum(1 for w in text.split() if any(map(str.isalnum, w)))
