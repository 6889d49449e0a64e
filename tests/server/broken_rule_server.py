"""The real server with one more rule in the registry, a broken one: how a
bug in a rule reaches the editor.

    python broken_rule_server.py raises      # NL999 raises: one NL000 diagnostic
    python broken_rule_server.py adds-words  # NL998's fix adds words: the guard refuses it
    python broken_rule_server.py slow FILE   # NL997 stalls on documents saying SLOWDOWN until FILE exists
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from nlclean import rules
from nlclean.findings import Edit
from nlclean.rules.base import Rule


class AlwaysRaises(Rule):
    code = "NL999"
    name = "always-raises"
    family = "test"
    summary = "raises on every document"

    def check(self, ctx):
        raise RuntimeError("this rule is broken on purpose")
        yield  # a generator, like every rule


class AddsWords(Rule):
    code = "NL998"
    name = "adds-words"
    family = "test"
    summary = "reports the first line, with a fix that writes new words into it"

    def check(self, ctx):
        end = ctx.doc.line_end(0)
        yield ctx.finding("first line", 0, end, [Edit(0, 0, "Brand new words ")], "Prepend brand new words")


class Slow(Rule):
    """Stands for a rule or a user's pattern that takes very long on some text."""

    code = "NL997"
    name = "slow"
    family = "test"
    summary = "stalls on documents that say SLOWDOWN until a file appears (at most a minute)"

    def check(self, ctx):
        if "SLOWDOWN" in ctx.doc.text:
            release, give_up = Path(sys.argv[2]), time.monotonic() + 60
            while not release.exists() and time.monotonic() < give_up:
                time.sleep(0.05)
            yield ctx.finding("slow to find", 0, ctx.doc.line_end(0))


rules.RULES.append({"raises": AlwaysRaises, "adds-words": AddsWords, "slow": Slow}[sys.argv[1]])

from nlclean_server.language_server import serve  # noqa: E402

sys.exit(serve())
