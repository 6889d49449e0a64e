"""NL502 unescaped-dollar: a `$` in prose that a math renderer would eat.

## What it does
Escapes `$` as `\\$` in prose. Never inside code spans, fenced or indented
code, link destinations, autolinks, bare URLs or image URLs, and never twice
(`\\$` stays).

## Why is this bad?
Many markdown renderers (GitHub, Obsidian, Jupyter, static-site generators
with KaTeX) read `$…$` as inline math: "from $5 to $10" renders as garbled
italics (SPEC row 11).

## Example
`Plans cost $5 a month` becomes `Plans cost \\$5 a month`.

## Fix safety
Safe: the rendered text is the same under CommonMark.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Edit, Finding
from ..inline_syntax import _escaped, is_protected
from .base import Rule


class UnescapedDollar(Rule):
    code = "NL502"
    name = "unescaped-dollar"
    family = "normalise"
    summary = "`$` in prose not escaped"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        for block in doc.inline_blocks():
            source = doc.source(block)
            if "$" not in source:
                continue
            protected = doc.protected(block)
            base = doc.offset(block.start)
            edits = []
            pos = source.find("$")
            while pos != -1:
                if not _escaped(source, pos) and not is_protected(protected, pos):
                    edits.append(Edit(base + pos, base + pos, "\\"))
                pos = source.find("$", pos + 1)
            if edits:
                yield ctx.finding(
                    f"{len(edits)} unescaped '$' in prose",
                    edits[0].start,
                    edits[-1].start + 1,
                    edits,
                    "Escape '$' as '\\$'",
                )
