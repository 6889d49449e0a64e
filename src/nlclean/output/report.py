"""What a lint run hands to the output formats."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding


@dataclass
class FileReport:
    path: str  # as the user wrote it (or the stdin filename)
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the normalised source lines, for snippets


@dataclass(frozen=True)
class ReadError:
    """A path the run could not read (missing, not UTF-8, a folder it may not list).
    The CLI prints it on stderr; formats for machines (SARIF) also record it."""

    message: str  # the one-line error, as printed
    path: str | None = None  # the file, when the error is about one
