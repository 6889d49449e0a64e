"""What a lint run hands to the output formats."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding


@dataclass
class FileReport:
    path: str  # as the user wrote it (or the stdin filename)
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the normalised source lines, for snippets
