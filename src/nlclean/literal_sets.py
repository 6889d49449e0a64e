"""Which of many literal strings a text holds, in one pass (RE2::Set).

The marker data's phrase anchors and the link classifier's address pieces are
hundreds of literals; asking a regex per literal (or per group) at every
position cost most of their time. An RE2::Set of one pattern per group names
every group the text's UTF-8 bytes hold in a single pass of its automaton.

A Set answers "nothing" when its automaton runs out of memory, where a regex
falls back to a slower automaton: a caller treats "nothing" as "not known"
unless it checks otherwise (`every_literal`)."""
from __future__ import annotations

MAX_MEMORY = 64 << 20  # RE2's default (8 MB) fails to compile a user's 20,000 phrases


def literal_set(groups: list[list[str]]):
    """(an RE2::Set with one pattern per group of literals, whose `Match(bytes)`
    gives the indices of the groups the bytes hold; an RE2 regex of every
    literal), or False when RE2 cannot build them or there are no literals."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.max_mem = MAX_MEMORY
    found, every = re2.Set.SearchSet(options), []
    try:
        for group in groups:
            escaped = [re2.escape(literal.encode("utf-8")) for literal in group]
            found.Add(b"|".join(escaped))
            every += escaped
        if not every:
            return False
        found.Compile()
        return found, re2.compile(b"|".join(every), options)
    except (re2.error, UnicodeEncodeError):
        return False
