"""Remembered answers, and one switch to forget them all.

The fixer's next round (and the language server, on every keystroke) asks the
same questions of the same lines again, so a few pure functions keep their
answers, keyed on the exact text they were given: a stale answer is
impossible, and every cache is bounded. Benchmarks must start cold, so
`forget_all()` clears every one of them.

With NLCLEAN_NO_CACHE set in the environment nothing is remembered at all,
and no prefilter (`SHORTCUTS`) skips a computation:
the tests compute the answers that way too, and a cache that gives another
answer than the computation it saves fails them (tests/test_shared_caches.py).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

_FORGETTERS: list[Callable[[], None]] = []

# False: every cache holds nothing (maxsize 0), each answer is computed afresh.
CACHING = not os.environ.get("NLCLEAN_NO_CACHE")
# False (NLCLEAN_NO_CACHE too): no prefilter skips any work either, so the
# tests can compare a shortcut's answers with the full computation's.
SHORTCUTS = CACHING


def remembered(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, cleared by `forget_all()`."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize if CACHING else 0)(function)
        _FORGETTERS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return wrap


def remembered_method(method: F, maxsize: int) -> F:
    """`remembered(maxsize)` for a bound method (a cache that lives with its object)."""
    return remembered(maxsize)(method)


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
