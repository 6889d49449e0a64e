"""Evidence: a row of pieces on one line, and which of them a cut takes.

Email headers and footers set several things side by side on one line,
between separators (` · `, ` | `, `｜`, ` • `, ` — `): the issue's date, its
byline and the web-version link ("**2026 年 12 月 11 日** · 作者：林知远 ·
[在浏览器中打开](…)", "Dienstag, 8. Dezember 2026 · von Anna Berg · [Im
Browser ansehen](…)"), or the copyright notice and the footer links
("Acme © 2025 | [Unsubscribe](…)"). Such a line is no sentence: a rule that
removes its chrome cuts it at the separators, not at sentence ends, so that
the pieces that stay (the date, the byline, the notice) stay whole, and an
ordinal's period ("8.") cuts nothing.

`row_cuts(line, goes, stays)` gives the spans to remove: each run of pieces
that go, with the separator before it (after it, for the first piece); none
unless some piece goes, some piece stays and not every piece goes. A piece
inside a link or code is no piece (the separators are read outside them),
and emphasis around the whole line keeps both its marks.

A row of footer links may hold, beside a piece that is footer evidence, a
sibling that says nothing on its own ("[Preferences](…)"); the caller's
`joins` decides it goes with them (NL201: by the link target they share).

`keep_emphasis_pairs(line, spans)` takes out of the spans to remove the
emphasis marks whose partner stays: a cut never leaves half of a `**` pair
("**Dienstag, 8.** …" keeps its closing `**` when the words after it go).
"""
from __future__ import annotations

import re
from typing import Callable

from ..inline_syntax import is_protected, links_of, protected_spans

# The separators of a row: " | ", " · ", " • ", " – ", " — ", and the full-width "｜" with or without spaces.
ROW_SEPARATOR = re.compile(r"\s+[|·•–—]\s+|\s*｜\s*")
# Emphasis that opens a line (after a list marker or a quote): "*The Pulse is … [subscribe here](…).*"
EMPHASIS_OPEN = re.compile(r"^(\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)*)([*_]{1,3})(?=\S)")
# A run of emphasis marks: `*`, `**`, `***`, or `_`s that touch no word on one side.
_EMPHASIS_RUN = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def row_pieces(line: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The pieces of a row and the separators between them (spans of `line`);
    no separators when the line is no row. Emphasis around the whole line is
    outside its first and last pieces."""
    if not ROW_SEPARATOR.search(line):
        return [], []
    protected = protected_spans(line)
    seps = [m.span() for m in ROW_SEPARATOR.finditer(line) if not is_protected(protected, m.start())]
    if not seps:
        return [], []
    m = EMPHASIS_OPEN.match(line)
    start = m.end() if m else len(line) - len(line.lstrip())
    end = len(line.rstrip())
    if m and line[:end].endswith(m.group(2)):
        end -= len(m.group(2))
    bounds = [start, *(x for span in seps for x in span), end]
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)], seps


def is_lone_link(piece: str) -> bool:
    """A piece that is one link and nothing else ("[Dec 8 issue](…)"): a link to
    a page, not the row's own date or byline, whatever its words."""
    links = links_of(piece)
    if len(links) != 1:
        return False
    outside = piece[: links[0].start] + piece[links[0].end :]
    return not any(ch.isalnum() for ch in outside)


def row_cuts(line: str, goes: Callable[[str], bool], stays: Callable[[str], bool],
             joins: "Callable[[str, list[str]], bool] | None" = None) -> tuple[tuple[int, int], ...]:
    """The spans to remove from a row whose pieces `goes` (a piece's text)
    takes, beside pieces `stays` keeps: each run of pieces that go with the
    separator before it (after it, for a leading run). Empty unless some piece
    goes, some piece stays and not every piece goes. `joins(piece, going)`
    tells whether a piece that neither goes nor stays goes with the going
    pieces of its row (the row's sibling chrome)."""
    pieces, seps = row_pieces(line)
    if not seps:
        return ()
    texts = [line[a:b] for a, b in pieces]
    going = [goes(text) for text in texts]
    if joins is not None and any(going) and not all(going):
        gone = [text for text, g in zip(texts, going) if g]
        going = [g or (not stays(text) and joins(text, gone)) for text, g in zip(texts, going)]
    if not any(going) or all(going) or not any(stays(text) for text, gone in zip(texts, going) if not gone):
        return ()
    cuts = []
    k = 0
    while k < len(pieces):
        if not going[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(pieces) and going[j + 1]:
            j += 1
        if k == 0:
            cuts.append((pieces[0][0], seps[j][1]))  # a leading run: with the separator after it
        else:
            cuts.append((seps[k - 1][0], pieces[j][1]))  # else with the separator before it
        k = j + 1
    return keep_emphasis_pairs(line, tuple(cuts))


def keep_emphasis_pairs(line: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """`spans` (sorted, apart) without the emphasis marks whose partner lies
    outside them: the marks of a pair go together or stay together. Marks are
    paired as a reader pairs them, the same run opening and then closing,
    outside code and link targets."""
    if not spans or ("*" not in line and "_" not in line):
        return spans
    protected = protected_spans(line)
    open_runs: list[tuple[int, int]] = []
    pairs = []
    for m in _EMPHASIS_RUN.finditer(line):
        if is_protected(protected, m.start()):
            continue
        if open_runs and line[open_runs[-1][0] : open_runs[-1][1]] == m.group(0):
            pairs.append((open_runs.pop(), m.span()))
        else:
            open_runs.append(m.span())

    def inside(run: tuple[int, int]) -> bool:
        return any(a <= run[0] and run[1] <= b for a, b in spans)

    kept = [run for pair in pairs for run, other in (pair, pair[::-1]) if inside(run) and not inside(other)]
    if not kept:
        return spans
    out = []
    for a, b in spans:
        for ra, rb in sorted(kept):
            if a <= ra and rb <= b:
                if line[a:ra].strip():
                    out.append((a, ra))
                a = rb
        if line[a:b].strip():
            out.append((a, b))
    return tuple(out)
