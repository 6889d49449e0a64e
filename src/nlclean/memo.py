"""Remembered answers, and one switch to forget them all.

The fixer's next round (and the language server, on every keystroke) asks the
same questions of the same lines again, so a few pure functions keep their
answers, keyed on the exact text they were given: a stale answer is
impossible, and every cache is bounded: in entries, and a cache keyed on
lines, sentences, blocks or addresses also in the characters of text it holds
(`TEXT_CHARS`), so that a long email's lines do not stay alive beside its
parse. Benchmarks must start cold, so `forget_all()` clears every one of them.

With NLCLEAN_NO_CACHE set in the environment nothing is remembered at all,
and no prefilter (`SHORTCUTS`) skips a computation:
the tests compute the answers that way too, and a cache that gives another
answer than the computation it saves fails them (tests/test_shared_caches.py).
"""
from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache, update_wrapper
from typing import Callable, NamedTuple, TypeVar

F = TypeVar("F", bound=Callable)

_FORGETTERS: list[Callable[[], None]] = []

# False: every cache holds nothing (maxsize 0), each answer is computed afresh.
CACHING = not os.environ.get("NLCLEAN_NO_CACHE")
# False (NLCLEAN_NO_CACHE too): no prefilter skips any work either, so the
# tests can compare a shortcut's answers with the full computation's.
SHORTCUTS = CACHING


# How many characters of text each cache keyed on lines, sentences, blocks or
# addresses holds (`remembered(…, max_chars=TEXT_CHARS)`). What pays comes
# back soon: the same line asked by the next rule, a fix round's unchanged
# lines within one email, a sender's template in its next issue. A lint of
# the bulk corpus finds nearly every answer it found with no bound even at a
# quarter of this; a long email's every line would not fit, and would not
# come back before being pushed out anyway.
TEXT_CHARS = 1 << 18


def remembered(maxsize: int, *, max_chars: int | None = None) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, cleared by `forget_all()`.

    `max_chars`: the cache also holds at most this many characters of the
    texts it is keyed on (the str arguments; an answer read from a text is
    about as large as the text): the least recently asked go first. A text
    longer than that is remembered apart, the last one only: a rule asks the
    same question of a whole one-line email several times (tests/robustness/
    test_pathological.py), and the text is alive in the document anyway. A
    bound in entries alone lets a cache keyed on lines and blocks hold
    megabytes of a long email."""

    def wrap(function: F) -> F:
        if max_chars is None or not CACHING:
            cached = lru_cache(maxsize=maxsize if CACHING else 0)(function)
        else:
            cached = _bounded_by_characters(function, maxsize, max_chars)
        _FORGETTERS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return wrap


def _text_chars(key: tuple) -> int:
    return sum(len(part) for part in key if type(part) is str)


_KEYWORDS = object()  # parts a key's keyword arguments, as lru_cache's keys do


class CacheInfo(NamedTuple):
    """What `lru_cache`'s `cache_info()` tells, and the characters held."""

    hits: int
    misses: int
    maxsize: int
    currsize: int
    chars: int


def _bounded_by_characters(function: F, maxsize: int, max_chars: int) -> F:
    """`function` remembered like `lru_cache(maxsize)`, and bounded by the
    characters of the texts its keys hold (see `remembered`)."""
    answers: OrderedDict = OrderedDict()  # key -> answer, least recently asked first
    held = [0, 0, 0]  # characters held, hits, misses
    longest: list = []  # [key, answer] of the last text longer than max_chars

    def cached(*args, **kwargs):
        key = (*args, _KEYWORDS, *(part for item in kwargs.items() for part in item)) if kwargs else args
        try:
            answer = answers[key]
        except KeyError:
            pass
        else:
            answers.move_to_end(key)
            held[1] += 1
            return answer
        if longest and longest[0] == key:
            held[1] += 1
            return longest[1]
        held[2] += 1
        answer = function(*args, **kwargs)
        chars = _text_chars(key)
        if chars > max_chars:
            longest[:] = [key, answer]
        elif key not in answers:
            answers[key] = answer
            held[0] += chars
            while held[0] > max_chars or len(answers) > maxsize:
                old, _ = answers.popitem(last=False)
                held[0] -= _text_chars(old)
        return answer

    def cache_clear() -> None:
        answers.clear()
        longest.clear()
        held[:] = [0, 0, 0]

    def cache_info() -> CacheInfo:
        return CacheInfo(held[1], held[2], maxsize, len(answers), held[0])

    cached.cache_clear = cache_clear  # type: ignore[attr-defined]
    cached.cache_info = cache_info  # type: ignore[attr-defined]
    return update_wrapper(cached, function)  # type: ignore[return-value]


def remembered_method(method: F, maxsize: int, *, max_chars: int | None = None) -> F:
    """`remembered(maxsize, max_chars=…)` for a bound method (a cache that lives with its object)."""
    return remembered(maxsize, max_chars=max_chars)(method)


def on_forget(forget: Callable[[], None]) -> None:
    """Have `forget_all()` call `forget` too (for caches held by an object)."""
    _FORGETTERS.append(forget)


def forget_all() -> None:
    for forget in _FORGETTERS:
        forget()


_TEXT_FORGETTERS: list[Callable[[], None]] = []


def on_forget_text(forget: Callable[[], None]) -> None:
    """Have `forget_last_text()` (and `forget_all()`) call `forget`: for what
    is kept about the last whole text asked (its lower-cased copy, its line
    map), which no other text can use."""
    _TEXT_FORGETTERS.append(forget)
    _FORGETTERS.append(forget)


def forget_last_text() -> None:
    """Drop what is kept about the last whole text: the fixer's next round
    asks about another text, and the kept copies would stay alive beside it."""
    for forget in _TEXT_FORGETTERS:
        forget()
