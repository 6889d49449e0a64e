"""The real server with one more rule in the registry, a broken one: how a
bug in a rule reaches the editor.

    python broken_rule_server.py raises      # NL999 raises: one NL000 diagnostic
    python broken_rule_server.py adds-words  # NL998's fix adds words: the guard refuses it
"""
from __future__ import annotations

import sys

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


rules.RULES.append({"raises": AlwaysRaises, "adds-words": AddsWords}[sys.argv[1]])

from nlclean_server.language_server import serve  # noqa: E402

sys.exit(serve())
