"""The real server with one more rule in the registry, a rule that raises:
how a bug in a rule reaches the editor (as one NL000 diagnostic)."""
from __future__ import annotations

import sys

from nlclean import rules
from nlclean.rules.base import Rule


class AlwaysRaises(Rule):
    code = "NL999"
    name = "always-raises"
    family = "test"
    summary = "raises on every document"

    def check(self, ctx):
        raise RuntimeError("this rule is broken on purpose")
        yield  # a generator, like every rule


rules.RULES.append(AlwaysRaises)

from nlclean_server.language_server import serve  # noqa: E402

sys.exit(serve())
