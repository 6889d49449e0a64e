"""Inline suppression comments, which the fixer leaves in place.

    <!-- nlclean-disable NL101 -->   … <!-- nlclean-enable NL101 -->
    <!-- nlclean-disable -->          (every rule, to the next enable or the end)
    <!-- nlclean-disable-next-block NL201 footer -->

Codes may be codes, prefixes (NL1) or rule names, separated by spaces or commas.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document
from .findings import Finding

DIRECTIVE = re.compile(r"<!--\s*nlclean-(disable-next-block|disable|enable)\b([^>]*?)\s*-->")


def _selectors(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,]+", text.strip()) if s)


def _covers(selectors: tuple[str, ...], finding: Finding) -> bool:
    if not selectors:
        return True
    return any(s == finding.name or finding.code.startswith(s.upper()) for s in selectors)


@dataclass
class Suppressions:
    # (first line, line past the last, selectors) in 0-based lines
    regions: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)

    @classmethod
    def scan(cls, doc: Document) -> "Suppressions":
        if "nlclean-" not in doc.text:
            return cls()
        regions: list[tuple[int, int, tuple[str, ...]]] = []
        open_regions: list[tuple[int, tuple[str, ...]]] = []
        code = doc.code_lines
        for i in range(doc.body_start, len(doc.lines)):
            line = doc.lines[i]
            if "nlclean-" not in line or i in code:
                continue
            for m in DIRECTIVE.finditer(line):
                kind, selectors = m.group(1), _selectors(m.group(2))
                if kind == "disable":
                    open_regions.append((i, selectors))
                elif kind == "enable":
                    still_open = []
                    for start, sel in open_regions:
                        if not selectors or sel == selectors or set(selectors) >= set(sel):
                            regions.append((start, i + 1, sel))
                        else:
                            still_open.append((start, sel))
                    open_regions = still_open
                else:
                    nxt = next((b for b in doc.blocks if b.start > i), None)
                    if nxt is not None:
                        regions.append((nxt.start, nxt.end, selectors))
        regions.extend((start, len(doc.lines), sel) for start, sel in open_regions)
        return cls(regions)

    def suppresses(self, finding: Finding) -> bool:
        line = finding.start_pos.line - 1
        return any(a <= line < b and _covers(sel, finding) for a, b, sel in self.regions)
