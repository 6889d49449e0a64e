"""NL502 unescaped-dollar: a `$` in prose that a math renderer would eat.

## What it does
Escapes `$` as `\\$` in prose. Never inside code spans, fenced or indented
code, link destinations, autolinks, bare URLs or image URLs, and never twice
(`\\$` stays).

## Why is this bad?
Many markdown renderers (GitHub, Obsidian, Jupyter, static-site generators
with KaTeX) read `$…$` as inline math: "from $5 to $10" renders as garbled
italics.

## Example
`Plans cost $5 a month` becomes `Plans cost \\$5 a month`.

## Fix safety
Safe: the rendered text is the same under CommonMark.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Edit, Finding
from ..inline_syntax import is_escaped, is_protected
from ..markers import lines_holding
from .base import Rule


class UnescapedDollar(Rule):
    code = "NL502"
    name = "unescaped-dollar"
    family = "normalise"
    summary = "`$` in prose not escaped"
    formats = ("markdown",)

    def check(self, ctx) -> Iterator[Finding]:
        doc = ctx.doc
        if "$" not in doc.text:
            return
        # Prefilter: the lines with a `$`, found once, spare joining every block's source.
        dollar_lines = lines_holding(doc.text, ("$",), doc.line_starts)
        for block in doc.inline_blocks():
            if not dollar_lines.touches(block.start, block.end):
                continue
            source = doc.source(block)
            unescaped = []
            pos = source.find("$")
            while pos != -1:
                if not is_escaped(source, pos):
                    unescaped.append(pos)
                pos = source.find("$", pos + 1)
            if not unescaped:
                continue  # every `$` already escaped: no need for the protected spans
            protected = doc.protected(block)
            base = doc.offset(block.start)
            edits = [Edit(base + pos, base + pos, "\\") for pos in unescaped if not is_protected(protected, pos)]
            if edits:
                yield ctx.finding(
                    f"{len(edits)} unescaped '$' in prose",
                    edits[0].start,
                    edits[-1].start + 1,
                    edits,
                    "Escape '$' as '\\$'",
                )
