"""Turn findings into a cleaned text.

Each round: parse, check, pick the fixes that do not overlap (the rule that
comes first in the registry wins, then the earlier position; a fix's edits
go in together or not at all), apply them back to front. Repeat until a
round changes nothing, at most `MAX_ROUNDS` times. Tidy-up (SPEC row 13) is
made of rules too, so the rounds settle it.

Before returning, the guard checks that no word was added; if one was, this
is a bug: the fixer names the rule and returns nothing to write.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .engine import check
from .findings import Edit, Finding
from .guard import NewContentError, added_words
from .markers import Markers
from .rules import RULE_ORDER
from .settings import Settings

MAX_ROUNDS = 10


@dataclass
class FixResult:
    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # findings the fix left (unsafe, unfixable)
    rounds: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _conflicts(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == other.start:  # two edits at one point: order would be ambiguous
            return True
    return False


def select_fixes(findings: list[Finding], unsafe: bool) -> list[Finding]:
    """The fixes to apply this round: non-overlapping, deterministic."""
    candidates = [f for f in findings if f.fix is not None and (unsafe or f.fix.is_safe)]
    candidates.sort(key=lambda f: (RULE_ORDER.get(f.code, 999), f.start, f.end))
    chosen: list[Finding] = []
    taken: list[Edit] = []
    for f in candidates:
        edits = f.fix.edits  # type: ignore[union-attr]
        if any(_conflicts(e, taken) for e in edits):
            continue
        chosen.append(f)
        taken.extend(edits)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts: list[str] = []
    pos = 0
    for e in sorted(edits):
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(text: str, settings: Settings, format: str = "markdown", markers: Markers | None = None) -> FixResult:
    """Clean `text` (LF line endings, no BOM). Raises NewContentError on a rule bug."""
    if markers is None:
        markers = settings.markers()
    result = FixResult(text=text)
    current = text
    findings: list[Finding] = []
    for _ in range(MAX_ROUNDS):
        findings = check(Document(current, format), settings, markers)
        chosen = select_fixes(findings, settings.unsafe_fixes)
        result.rounds += 1
        if not chosen:
            break
        current = apply_edits(current, [e for f in chosen for e in f.fix.edits])  # type: ignore[union-attr]
        result.applied.extend(chosen)
    else:
        findings = check(Document(current, format), settings, markers)
    result.remaining = findings
    added = added_words(text, current)
    if added:
        raise NewContentError(_blame(text, settings, format, markers), added)
    result.text = current
    return result


def _blame(text: str, settings: Settings, format: str, markers: Markers) -> list[str]:
    """Slow path, only after the guard fired: which rule's fix adds a word?"""
    blamed = []
    for f in check(Document(text, format), settings, markers):
        if f.fix is not None and added_words(text, apply_edits(text, list(f.fix.edits))):
            if f.code not in blamed:
                blamed.append(f"{f.code} ({f.name})")
    return blamed
