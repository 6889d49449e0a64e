"""A fixer shortcut against its definition: the fix with the shortcut (the
default) and with it switched off (a keyword of `fix_text`) must give the same
output bytes and leave the same findings, with the default settings and with
--unsafe-fixes; only the number of rounds may differ."""
from __future__ import annotations

from nlclean.fixer import fix_text
from nlclean.settings import Settings

from corpora import corpus_texts

SAFE, UNSAFE = Settings(), Settings().with_overrides(unsafe_fixes=True)


def same_fix_without(text: str, fmt: str = "markdown", **shortcut_off: bool) -> list[tuple[int, int]]:
    """Assert the shortcut changes nothing but the rounds; return (rounds with it, rounds without it)."""
    rounds = []
    for s in (SAFE, UNSAFE):
        fast = fix_text(text, s, fmt)
        slow = fix_text(text, s, fmt, **shortcut_off)
        assert fast.text == slow.text
        assert fast.remaining == slow.remaining
        rounds.append((fast.rounds, slow.rounds))
    return rounds


def files_with_fewer_rounds(folder: str, **shortcut_off: bool) -> int:
    """`same_fix_without` on every newsletter of a corpus folder (never more
    rounds with the shortcut); how many fixes took fewer."""
    fewer = 0
    for path, text, fmt in corpus_texts(folder):
        for fast, slow in same_fix_without(text, fmt, **shortcut_off):
            assert fast <= slow, path
            fewer += fast < slow
    return fewer
