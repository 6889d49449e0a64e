"""Remembered answers, and one switch to forget them all.

The fixer's next round (and the language server, on every keystroke) asks the
same questions of the same lines again, so a few pure functions keep their
answers, keyed on the exact text they were given: a stale answer is
impossible, and every cache is bounded. Benchmarks must start cold, so
`forget_all()` clears every one of them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

_FORGETTERS: list[Callable[[], None]] = []


def remembered(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, cleared by `forget_all()`."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _FORGETTERS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return wrap


def on_forget(forget: Callable[[], None]) -> None:
    """Have `forget_all()` call `forget` too (for caches held by an object)."""
    _FORGETTERS.append(forget)


def forget_all() -> None:
    for forget in _FORGETTERS:
        forget()
