"""Pathological inputs, each a function of a size: the text grows linearly with it.

Shared by the hang detector (tests/robustness/test_pathological.py) and the
linearity benchmark (benchmarks/bench_linearity.py), so both look at the same
shapes. A shape is here because it once was, or could be, super-linear
somewhere: bracket and emphasis matching, code-span and html scanning,
nesting, per-heading or per-edit loops, or a parser limit.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

_EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "dev-digest.md")
_STORY = (
    "#### Story {i}\n\nTom&#8217;s team &amp; friends paid $40 for [the report](https://example.com/{i}) "
    "and `code $x` &mdash; see <b>bold</b> and *emphasis* and https://example.com/bare/{i}.\n\n"
    "- item one with [a link](https://example.com/a{i})\n- item two &nbsp; $5\n\n"
)


def newsletter(size: int) -> str:
    """A realistic newsletter repeated until it is `size` characters long."""
    base = _EXAMPLE.read_text(encoding="utf-8") if _EXAMPLE.exists() else ""
    parts, total, i = [base], len(base), 0
    while total < size:
        story = _STORY.format(i=i)
        parts.append(story)
        total += len(story)
        i += 1
    return "".join(parts)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * max(1, size // len(unit))


def _one_line(unit: str) -> Callable[[int], str]:
    return lambda size: unit * max(1, size // len(unit)) + "\n"


def _nested(open_: str, middle: str, close: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        k = max(1, (size - len(middle)) // (len(open_) + len(close)))
        return open_ * k + middle + close * k + "\n"

    return build


def _lines_until(size: int, piece: Callable[[int], str]) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(piece(i))
        total += len(parts[-1])
        i += 1
    return "".join(parts)


def _sections(size: int) -> str:
    """Many headings of mixed levels, some sponsored: per-heading section scans."""
    unit = "# Top {i}\n\n## Item {i}\n\nText $1 &amp; more.\n\n### Ad {i} (Sponsored)\n\nBuy now.\n\n---\n\n"
    return "".join(unit.format(i=i) for i in range(max(1, size // len(unit))))


def _many_edits(size: int) -> str:
    """One paragraph per line pair, each with an edit: thousands of fixes in one round."""
    return _repeat("Costs $5 &amp; more\n\n")(size)


def _headings_without_body(size: int) -> str:
    """Headings and nothing else: every one is an empty section (NL603) and a
    level to check (NL503), round after round."""
    return _lines_until(size, lambda i: f"{'#' * (i % 3 + 1)} Heading number {i} of the day\n\n")


def _prose_line(size: int) -> str:
    """One line of plain prose, megabytes long: a paragraph no rule can cut into lines."""
    return _one_line("the council met on a long night and voted on the harbour budget, ")(size)


SHAPES: dict[str, Callable[[int], str]] = {
    "newsletter": newsletter,
    "one long line": _one_line("word [link](https://e.com/x) $ &amp; `c` <i>t</i> "),
    "blank lines only": _repeat("\n"),
    "spaces and blank lines": _repeat("   \n\n"),
    "nul bytes": _repeat("a\x00b\x00\n"),
    "nested brackets": _nested("[", "a", "]"),
    "nested links": _nested("[", "a", "](u)"),
    "unclosed brackets": _one_line("["),
    "bracket paren runs": _one_line("[a]("),
    "nested emphasis": _nested("*", "a", "*"),
    "emphasis runs": _one_line("*a _b "),
    "nested quotes": _nested("> ", "a", ""),
    "quote lines": _repeat("> > > > > > > > a\n"),
    "nested lists": _nested("- ", "a", ""),
    "indented lists": lambda size: _lines_until(size, lambda i: "  " * (i % 50) + "- a\n"),
    "dollar run": _one_line("$"),
    "ampersand run": _one_line("&"),
    "entity-like run": _one_line("&#"),
    "entities": _one_line("&amp;"),
    "backtick run": _one_line("`"),
    "backtick ladder": lambda size: _lines_until(size, lambda i: "`" * (i % 40 + 1) + "a") + "\n",
    "angle bracket run": _one_line("<"),
    "unclosed tags": _one_line("<a href='x' "),
    "html comments open": _one_line("<!-- a "),
    "html blocks open": _repeat("<!-- a\n\n<script>\n\n"),
    "unclosed scripts": _one_line("<script> a <style> "),
    "declarations and instructions": _one_line("<!X <? <![CDATA[ "),
    "pointy destinations": _one_line("[a](<b "),
    "parenthesised titles": _one_line("[a](b (c "),
    "invisible characters": _one_line("\u034f\u200b\u200c\u200d\u2060\u00ad\u00a0 "),
    "preheader lines": _repeat("\u034f \u034f \u200c &zwnj; &nbsp;\n"),
    "headings and sections": _sections,
    "many small fixes": _many_edits,
    "table rows": lambda size: "| a | b |\n|---|---|\n" + _repeat("| $1 | &amp; |\n")(size),
    "fence never closed": lambda size: "```\n" + _repeat("code $ &amp; <b>\n")(size),
    "link reference definitions": _repeat("[a]: https://e.com/x\n"),
    "bare urls": _one_line("https://e.com/(a)_b "),
    "crlf newsletter": lambda size: newsletter(size).replace("\n", "\r\n"),
    "headings without body": _headings_without_body,
    "one long prose line": _prose_line,
}

# Found slow by a red team (issue 16) at these sizes: 1M characters of
# headings took 38 s, a 5 MB line 25 s. Cleaning them is held to a ratio of a
# bare markdown-it parse of the same text, measured in the same run.
BIG: dict[str, int] = {"headings without body": 1_000_000, "one long prose line": 5_000_000}
