"""What a rule reports: a finding with an exact range and, usually, a fix.

A fix is a list of text edits on the document the rule was given. Whether a
fix is safe is part of the fix (its ``applicability``), not a flag checked
somewhere else: ``nlclean fix`` applies safe fixes, and unsafe ones only with
``--unsafe-fixes``.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable, Iterable


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


class Fix:
    """A fix: a title, its edits (sorted), and whether it is safe.

    `edits` may be given as a function that makes them: a lint that never
    applies or prints a fix does not pay for building it (a removal's edit
    reads whether the blocks around it would run together, which parses
    them). The function is called once, on first use, and the fix is then
    equal to one built with the same edits; with every shortcut off
    (`memo.SHORTCUTS`) the rules build it at once, and the tests compare."""

    __slots__ = ("title", "_edits", "_make", "applicability")

    def __init__(self, title: str, edits: "tuple[Edit, ...] | Callable[[], Iterable[Edit]]",
                 applicability: Applicability = Applicability.SAFE) -> None:
        self.title = title
        self.applicability = applicability
        if callable(edits):
            self._edits: tuple[Edit, ...] | None = None
            self._make: Callable[[], Iterable[Edit]] | None = edits
        else:
            self._edits, self._make = tuple(edits), None

    @property
    def edits(self) -> tuple[Edit, ...]:
        if self._edits is None:
            assert self._make is not None
            self._edits, self._make = tuple(sorted(self._make())), None
        return self._edits

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fix):
            return NotImplemented
        return (self.title, self.applicability, self.edits) == (other.title, other.applicability, other.edits)

    def __hash__(self) -> int:
        return hash((self.title, self.applicability, self.edits))

    def __repr__(self) -> str:
        return f"Fix(title={self.title!r}, edits={self.edits!r}, applicability={self.applicability!r})"

    def __reduce__(self):
        # Sent to another process (parallel lint) with its edits made: a function does not pickle.
        return (Fix, (self.title, self.edits, self.applicability))


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
