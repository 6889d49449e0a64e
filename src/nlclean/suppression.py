"""Inline suppression comments, with markdownlint's spellings and meanings.

    <!-- nlclean-disable NL101 -->            off from this line on …
    <!-- nlclean-enable NL101 -->             … and on again from this line
    <!-- nlclean-disable-line NL502 -->       off on this line only
    <!-- nlclean-disable-next-line NL502 -->  off on the next line only
    <!-- nlclean-disable-next-block footer --> off for the next block (paragraph, list, …)
    <!-- nlclean-disable-file NL503 -->       off in the whole file
    <!-- nlclean-capture -->                  remember which rules are off here …
    <!-- nlclean-restore -->                  … and go back to that (or to none off)

Rules are given by code, code prefix (NL1) or name, separated by spaces or
commas; none means every rule. A finding is suppressed by the line it starts
on. A directive inside code (a block or a span) is text, not a directive. The fixer leaves these
comments in place; NL901 (`unused-suppression`) reports one that is
malformed, names an unknown rule, or suppresses nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document
from .findings import Finding
from .inline_syntax import code_spans

# Any comment that opens with `nlclean-` is meant as a directive (and is kept by
# the fixer); `kind` says which, and a kind not in KINDS is reported.
DIRECTIVE = re.compile(r"<!--\s*nlclean-(?P<kind>[\w-]*)(?P<args>[^>]*?)\s*-->")

# The rule that reports directives (rules/unused_suppression.py): a directive
# never suppresses the report about itself.
SELF_REPORT_CODE = "NL901"
DISABLING = ("disable", "disable-line", "disable-next-line", "disable-next-block", "disable-file")
KINDS = (*DISABLING, "enable", "capture", "restore")


def _selectors(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,]+", text.strip()) if s)


@dataclass
class Directive:
    kind: str
    line: int  # 0-based
    start: int  # offsets of the comment in the document
    end: int
    selectors: tuple[str, ...]
    codes: frozenset[str]  # the rules it names (every rule when it names none)
    unknown: tuple[str, ...] = ()  # selectors that name no rule
    problem: str | None = None  # why it is malformed
    used: bool = False  # it suppressed at least one finding (or an enable re-enabled a rule)


@dataclass
class Region:
    """Rules `codes` are off on lines [first, past), because of `directive`."""

    first: int
    past: int
    codes: frozenset[str]
    directive: Directive


@dataclass
class Suppressions:
    regions: list[Region] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)

    @classmethod
    def scan(cls, doc: Document) -> "Suppressions":
        if "nlclean-" not in doc.text:
            return cls()
        from .settings import selected_codes

        every = selected_codes("ALL")
        found = cls()
        regions = found.regions
        open_regions: list[Region] = []
        captured: list[tuple[frozenset[str], Directive]] = []
        code_lines = doc.code_lines
        n = len(doc.lines)

        def close(region: Region, line: int) -> None:
            region.past = line
            if region.past > region.first:
                regions.append(region)

        for i in range(doc.body_start, n):
            line = doc.lines[i]
            if "nlclean-" not in line or i in code_lines:
                continue
            spans = code_spans(line) if "`" in line else []
            for m in DIRECTIVE.finditer(line):
                if any(a <= m.start() < b for a, b in spans):
                    continue  # `<!-- nlclean-… -->` in a code span is text
                kind, selectors = m.group("kind"), _selectors(m.group("args"))
                known = [s for s in selectors if selected_codes(s)]
                codes = frozenset().union(*map(selected_codes, known)) if selectors else every
                start = doc.line_starts[i] + m.start()
                d = Directive(kind, i, start, start + len(m.group(0)), selectors, codes,
                              tuple(s for s in selectors if s not in known))
                found.directives.append(d)
                if kind not in KINDS:
                    d.problem = f"unknown directive 'nlclean-{kind}' (one of: {', '.join(KINDS)})"
                    continue
                if kind in ("capture", "restore") and selectors:
                    d.problem = f"'nlclean-{kind}' takes no rule codes"
                    continue
                if not codes:
                    continue  # it names only unknown rules: reported, and does nothing
                if kind == "disable":
                    open_regions.append(Region(i, n, codes, d))
                elif kind == "enable":
                    still_open = []
                    for r in open_regions:
                        if r.codes & codes:
                            d.used = True
                            close(r, i)  # the enable line is on again, as in markdownlint
                            if r.codes - codes:
                                still_open.append(Region(i, n, r.codes - codes, r.directive))
                        else:
                            still_open.append(r)
                    open_regions = still_open
                elif kind == "capture":
                    captured = [(r.codes, r.directive) for r in open_regions]
                    d.used = True
                elif kind == "restore":
                    for r in open_regions:
                        close(r, i)
                    open_regions = [Region(i, n, c, owner) for c, owner in captured]
                    d.used = True
                elif kind == "disable-line":
                    regions.append(Region(i, i + 1, codes, d))
                elif kind == "disable-next-line":
                    if i + 1 < n:
                        regions.append(Region(i + 1, i + 2, codes, d))
                elif kind == "disable-next-block":
                    nxt = next((b for b in doc.blocks if b.start > i), None)
                    if nxt is not None:
                        regions.append(Region(nxt.start, nxt.end, codes, d))
                elif kind == "disable-file":
                    regions.append(Region(0, n, codes, d))
        for r in open_regions:
            close(r, n)
        return found

    def suppresses(self, finding: Finding) -> bool:
        """Whether a directive switches the finding off; each such directive counts as used."""
        line = finding.start_pos.line - 1
        hit = False
        for r in self.regions:
            if r.first <= line < r.past and finding.code in r.codes:
                if finding.code == SELF_REPORT_CODE and finding.start == r.directive.start:
                    continue
                r.directive.used = True
                hit = True
        return hit
