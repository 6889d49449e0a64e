"""The first promise, checked on every fix before anything is written:
every word of the output is a word of the input (as many times at most).

Words are compared as SPEC's tools compare them: html entities decoded,
markdown backslash escapes dropped, lower-cased.
"""
from __future__ import annotations

import html
import re
from collections import Counter

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


def added_words(before: str, after: str) -> list[str]:
    """Words of `after` that `before` does not have (enough of), sorted."""
    return sorted((words(after) - words(before)).keys())


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
