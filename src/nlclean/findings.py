"""What a rule reports: a finding with an exact range and, usually, a fix.

A fix is a list of text edits on the document the rule was given. Whether a
fix is safe is part of the fix (its ``applicability``), not a flag checked
somewhere else: ``nlclean fix`` applies safe fixes, and unsafe ones only with
``--unsafe-fixes``.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Applicability(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets into the document)."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


@dataclass(frozen=True)
class Position:
    """1-based line and column (columns count code points)."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    message: str
    start: int  # offset of the first character of the range
    end: int  # offset just past the range
    start_pos: Position
    end_pos: Position
    severity: Severity
    fix: Fix | None = None
    # Why the rule fired and where it stopped: which label or phrase matched,
    # what ended the block. Shown by the `full` output.
    evidence: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        fix = None
        if self.fix is not None:
            fix = {
                "title": self.fix.title,
                "applicability": self.fix.applicability.value,
                "edits": [
                    {"start": e.start, "end": e.end, "content": e.replacement}
                    for e in self.fix.edits
                ],
            }
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity.value,
            "location": {"line": self.start_pos.line, "column": self.start_pos.column},
            "end_location": {"line": self.end_pos.line, "column": self.end_pos.column},
            "offsets": {"start": self.start, "end": self.end},
            "fix": fix,
            "evidence": list(self.evidence),
        }
